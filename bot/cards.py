"""Adaptive Cards (schema 1.5, which Teams renders) for every view Clerk shows.

Cards are plain dicts built from the domain's value types. Buttons use ``Action.Execute``
(Teams' universal actions): the bot answers the invoke with a refreshed card, so the card
updates in place. The same data also works as an ``Action.Submit`` from older clients.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from board.model import ActionView, MeetingView, PlanItemView
from board.reminders import Digest

Card = dict[str, Any]
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
MAX_ROWS = 25  # a card stays readable; the text says how many more there are
CLOSE_VERB = "close"


def card(body: list[dict], actions: list[dict] | None = None, fallback: str = "") -> Card:
    result: Card = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": "1.5",
        "body": body,
        "msteams": {"width": "Full"},
    }
    if actions:
        result["actions"] = actions
    if fallback:
        result["fallbackText"] = fallback
    return result


def heading(text: str) -> dict:
    return {"type": "TextBlock", "text": text, "size": "Medium", "weight": "Bolder", "wrap": True}


def line(text: str, *, subtle: bool = False, color: str | None = None) -> dict:
    block = {"type": "TextBlock", "text": text, "wrap": True, "spacing": "Small"}
    if subtle:
        block["isSubtle"] = True
    if color:
        block["color"] = color
    return block


def facts(pairs: Iterable[tuple[str, str | None]]) -> dict:
    return {
        "type": "FactSet",
        "facts": [{"title": title, "value": value} for title, value in pairs if value],
    }


def close_button(number: int, view: str) -> dict:
    return {
        "type": "Action.Execute",
        "title": "Mark complete",
        "verb": CLOSE_VERB,
        "data": {"verb": CLOSE_VERB, "action": number, "view": view},
    }


def _owners(action: ActionView) -> str:
    return ", ".join(action.owners) or "no owner named"


def _raised(action: ActionView) -> str:
    parts = []
    if action.meeting_date:
        parts.append(f"raised {action.meeting_date:%d %b %Y}")
    if action.due_date:
        parts.append(f"due {action.due_date:%d %b %Y}")
    return " · ".join(parts)


def action_row(action: ActionView, button: dict | None) -> dict:
    """One action as a container: number and text, owners and dates, and its button."""
    status = "" if action.is_open else " ✓ completed"
    items = [
        line(f"**{action.number}.** {action.text}{status}"),
        line(" · ".join(filter(None, [_owners(action), _raised(action)])), subtle=True),
    ]
    if button:
        items.append({"type": "ActionSet", "actions": [button]})
    return {"type": "Container", "separator": True, "items": items}


def actions_card(
    title: str,
    actions: list[ActionView],
    *,
    view: str,
    can_close: Callable[[ActionView], bool],
    notice: str | None = None,
    empty: str = "Nothing open.",
) -> Card:
    body: list[dict] = [heading(title)]
    if notice:
        body.append(line(notice, color="Good"))
    if not actions:
        body.append(line(empty))
    for action in actions[:MAX_ROWS]:
        button = close_button(action.number, view) if action.is_open and can_close(action) else None
        body.append(action_row(action, button))
    if len(actions) > MAX_ROWS:
        body.append(line(f"…and {len(actions) - MAX_ROWS} more.", subtle=True))
    return card(body)


def action_card(action: ActionView, *, can_close: bool) -> Card:
    body = [
        heading(f"Action {action.number}"),
        line(action.text),
        facts(
            [
                ("Owners", _owners(action)),
                ("Status", "Open" if action.is_open else "Completed"),
                ("Raised", f"{action.meeting_date:%d %B %Y}" if action.meeting_date else None),
                ("Item", action.agenda_item),
                ("Due", f"{action.due_date:%d %B %Y}" if action.due_date else None),
            ]
        ),
    ]
    if action.history:
        body.append(line("**History**"))
        if action.earlier_events:
            body.append(line(f"…{action.earlier_events} earlier changes, then:", subtle=True))
        for event in action.history:
            note = f" — {event.note}" if event.note else ""
            where = f" ({event.document})" if event.document else f" ({event.source})"
            body.append(line(f"{event.at:%d %b %Y}: {event.kind} by {event.actor}{where}{note}",
                             subtle=True))
    buttons = [close_button(action.number, f"show:{action.number}")] if (
        can_close and action.is_open
    ) else None
    return card(body, buttons)


def plan_card(title: str, entries: list[tuple[str, str | None]], empty: str) -> Card:
    """The forward plan: (item, lead) pairs."""
    body: list[dict] = [heading(title)]
    if not entries:
        body.append(line(empty))
    for entry, lead in entries[:MAX_ROWS]:
        body.append(line(f"• {entry}" + (f" — lead: {lead}" if lead else "")))
    if len(entries) > MAX_ROWS:
        body.append(line(f"…and {len(entries) - MAX_ROWS} more.", subtle=True))
    return card(body)


def meeting_facts(meeting: MeetingView) -> dict:
    return facts(
        [
            ("Date", f"{meeting.date:%A %d %B %Y}"),
            ("Time", meeting.time),
            ("Venue", meeting.venue),
            ("Chair", meeting.chair),
        ]
    )


def minutes_card(meeting: MeetingView) -> Card:
    """The last minutes: restricted items by title only, whatever the item holds."""
    body: list[dict] = [heading(f"Minutes of {meeting.date:%d %B %Y}"), meeting_facts(meeting)]
    if meeting.items:
        body.append(line("**Items**"))
        for item in meeting.items[:MAX_ROWS]:
            number = f"{item.number}. " if item.number else ""
            mark = " (restricted)" if item.restricted else ""
            body.append(line(f"{number}{item.title}{mark}", subtle=item.restricted))
    if meeting.actions:
        body.append(line(f"**Actions raised ({len(meeting.actions)})**"))
        for action in meeting.actions[:MAX_ROWS]:
            status = "" if action.is_open else " ✓"
            body.append(line(f"{action.number}. {action.text} — {_owners(action)}{status}"))
    return card(body)


def next_meeting_card(meeting: MeetingView, items: list[PlanItemView]) -> Card:
    body: list[dict] = [heading("Next meeting"), meeting_facts(meeting)]
    if items:
        body.append(line("**On the forward plan**"))
        body.extend(line(f"• {item.title}") for item in items[:MAX_ROWS])
    return card(body)


def help_card(title: str, commands: list[tuple[str, str]]) -> Card:
    return card([heading(title), facts((example, what) for example, what in commands)])


def digest_card(title: str, digest: Digest) -> Card:
    """The secretariat's digest before a meeting: counts, then what needs chasing."""
    body: list[dict] = [
        heading(title),
        facts([("Open", str(len(digest.open))), ("Overdue", str(len(digest.overdue))),
               ("Without a named owner", str(len(digest.unowned))),
               ("Forward plan items", str(len(digest.plan)))]),
    ]
    for label, actions in (("Overdue", digest.overdue), ("Without a named owner", digest.unowned)):
        if actions:
            body.append(line(f"**{label}**"))
            body.extend(action_row(a, None) for a in actions[:MAX_ROWS])
    if digest.plan:
        body.append(line("**On the forward plan**"))
        body.extend(line(f"• {item.title}") for item in digest.plan[:MAX_ROWS])
    return card(body)

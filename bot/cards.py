"""Adaptive Cards (schema 1.5, which Teams renders) for every view Clerk shows.

Cards are plain dicts built from the domain's value types. Buttons use ``Action.Execute``
(Teams' universal actions): the bot answers the invoke with a refreshed card, so the card
updates in place. The same data also works as an ``Action.Submit`` from older clients.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from board.model import ActionView, MeetingView, PlanItemView
from board.reminders import Digest
from board.services import MAX_ACTION_NUMBER
from bot.markdown import md

Card = dict[str, Any]
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
MAX_ROWS = 25  # a card stays readable; the text says how many more there are
# Teams refuses a message over about 100 KB; a card stays well inside that whatever its text.
MAX_CARD_BYTES = 28_000
DETAIL_CLIP = 2000  # characters of an action's text on its own card
CLOSE_VERB = "close"
NOTE_INPUT = "note"  # the confirmation's note field: Teams adds its value to the button's data
MAX_NOTE = 1000
MORE_VERB = "more"
SHORTENED = "…shortened to fit a Teams message."


def size(element: object) -> int:
    """Bytes of an element as Teams receives it (JSON, UTF-8)."""
    return len(json.dumps(element, ensure_ascii=False).encode())


def card(body: list[dict], actions: list[dict] | None = None, fallback: str = "") -> Card:
    """A card; a body too big for a Teams message loses its last blocks and says so (every
    list is cut to ``MAX_ROWS`` first, so only very long texts get here)."""
    body = list(body)
    while len(body) > 1 and size(body) > MAX_CARD_BYTES:
        body.pop()
        if len(body) > 1 and size(body) <= MAX_CARD_BYTES - 200:
            body.append(line(SHORTENED, subtle=True))
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


def close_button(action: ActionView, view: str) -> dict:
    """The "Mark complete" button: one click for an action with one owner; for a shared one, a
    confirmation that says it closes for everyone, with an optional note."""
    close = {
        "type": "Action.Execute",
        "title": "Mark complete",
        "verb": CLOSE_VERB,
        "data": {"verb": CLOSE_VERB, "action": action.number, "view": view},
    }
    if len(action.owners) < 2:
        return close
    confirm = [
        line(f"Action {action.number} is shared by {_owners(action)}: closing it closes it for "
             "all of them."),
        {"type": "Input.Text", "id": NOTE_INPUT, "placeholder": "Note (optional)",
         "maxLength": MAX_NOTE, "isMultiline": True},
    ]
    return {
        "type": "Action.ShowCard",
        "title": "Mark complete",
        "card": {"type": "AdaptiveCard", "body": confirm,
                 "actions": [{**close, "title": "Close for everyone"}]},
    }


@dataclass(frozen=True)
class Press:
    """A press of one of Clerk's buttons, read from the card's data."""

    verb: str  # CLOSE_VERB or MORE_VERB
    view: str  # the list to show after it (see ``Commands.actions_view``)
    action: int = 0  # the action to close
    note: str | None = None  # the note typed when confirming a close
    start: int = 0  # the first row of the page to show


_VIEW = re.compile(r"mine|open|overdue|(?:person|show):[1-9][0-9]{0,8}")
_MAX_START = 100_000


def _count(value: object, low: int, high: int) -> int | None:
    """A whole number from card data (a JSON number or ASCII digits) within bounds."""
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,9}", value):
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return None


def read_press(data: object) -> Press | None:
    """The button press that ``data`` describes, or None when it is not exactly one of the
    buttons this module makes (an old card, or data forged by the client): checked whole
    before anything acts on it."""
    if not isinstance(data, dict):
        return None
    view = data.get("view", "mine")
    if not isinstance(view, str) or not _VIEW.fullmatch(view):
        return None
    verb = data.get("verb")
    if verb == CLOSE_VERB:
        number = _count(data.get("action"), 1, MAX_ACTION_NUMBER)
        note = data.get(NOTE_INPUT) or None
        if not number or not (note is None or isinstance(note, str) and len(note) <= MAX_NOTE):
            return None
        return Press(verb, view, action=number, note=note and note.strip() or None)
    if verb == MORE_VERB:
        start = _count(data.get("from"), 0, _MAX_START)
        return Press(verb, view, start=start) if start is not None else None
    return None


def more_button(view: str, start: int) -> dict:
    """The next page of a list of actions, from row ``start``."""
    return {
        "type": "Action.Execute",
        "title": "Show more",
        "verb": MORE_VERB,
        "data": {"verb": MORE_VERB, "view": view, "from": start},
    }


def _owners(action: ActionView) -> str:
    return md(", ".join(action.owners)) or "no owner named"


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
        line(f"**{action.number}.** {md(action.text)}{status}"),
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
    start: int = 0,
) -> Card:
    """One page of a list: from row ``start``, as many rows as fit (at most ``MAX_ROWS``),
    then "Show more" when rows are left. ``title``, ``notice`` and ``empty`` are markdown."""
    body: list[dict] = [heading(title)]
    if notice:
        body.append(line(notice, color="Good"))
    if not actions:
        body.append(line(empty))
    used, end = size(body), start
    for action in actions[start:start + MAX_ROWS]:
        button = close_button(action, view) if action.is_open and can_close(action) else None
        row = action_row(action, button)
        used += size(row)
        if used > MAX_CARD_BYTES - 1000 and end > start:  # room for the "more" line
            break
        body.append(row)
        end += 1
    if end < len(actions):
        body.append(line(f"Showing {start + 1}–{end} of {len(actions)}.", subtle=True))
        return card(body, [more_button(view, end)])
    return card(body)


def action_card(action: ActionView, *, can_close: bool) -> Card:
    body = [
        heading(f"Action {action.number}"),
        line(md(action.text, DETAIL_CLIP)),
        facts(
            [
                ("Owners", _owners(action)),
                ("Status", action.status.capitalize()),
                ("Raised", f"{action.meeting_date:%d %B %Y}" if action.meeting_date else None),
                ("Item", action.agenda_item and md(action.agenda_item)),
                ("Due", f"{action.due_date:%d %B %Y}" if action.due_date else None),
            ]
        ),
    ]
    if action.history:
        body.append(line("**History**"))
        if action.earlier_events:
            body.append(line(f"…{action.earlier_events} earlier changes, then:", subtle=True))
        for event in action.history:
            note = f" — {md(event.note)}" if event.note else ""
            where = f" ({md(event.document or event.source)})"
            body.append(line(f"{event.at:%d %b %Y}: {event.kind} by {md(event.actor)}{where}{note}",
                             subtle=True))
    buttons = [close_button(action, f"show:{action.number}")] if (
        can_close and action.is_open
    ) else None
    return card(body, buttons)


def plan_card(title: str, entries: list[tuple[str, str | None]], empty: str) -> Card:
    """The forward plan: (item, lead) pairs, as markdown (the caller escapes their text)."""
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
            ("Time", meeting.time and md(meeting.time)),
            ("Venue", meeting.venue and md(meeting.venue)),
            ("Chair", meeting.chair and md(meeting.chair)),
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
            body.append(line(f"{md(number)}{md(item.title)}{mark}", subtle=item.restricted))
    if meeting.actions:
        body.append(line(f"**Actions raised ({len(meeting.actions)})**"))
        for action in meeting.actions[:MAX_ROWS]:
            status = "" if action.is_open else " ✓"
            body.append(line(f"{action.number}. {md(action.text)} — {_owners(action)}{status}"))
    return card(body)


def next_meeting_card(meeting: MeetingView, items: list[PlanItemView]) -> Card:
    body: list[dict] = [heading("Next meeting"), meeting_facts(meeting)]
    if items:
        body.append(line("**On the forward plan**"))
        body.extend(line(f"• {md(item.title)}") for item in items[:MAX_ROWS])
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
        body.extend(line(f"• {md(item.title)}") for item in digest.plan[:MAX_ROWS])
    return card(body)

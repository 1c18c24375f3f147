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
from datetime import date
from typing import Any

from board.decisions import decisions
from board.model import ActionView, MeetingView, PlanItemView, SearchHit
from board.reminders import Digest
from board.services import MAX_ACTION_NUMBER
from bot.markdown import md

Card = dict[str, Any]
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
MAX_ROWS = 25  # a card stays readable; the text says how many more there are
MAX_DECISIONS = 6
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


_VIEW = re.compile(r"mine|open|overdue|myoverdue|(?:person|personoverdue|show):[1-9][0-9]{0,8}"
                   r"|meeting:[0-9]{4}-[0-9]{2}-[0-9]{2}")
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


def capital(text: str) -> str:
    """Texts from minutes start with a capital ("write to schools" -> "Write to schools")."""
    return text[:1].upper() + text[1:] if text else text


def short_day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def on_day(value: date, known: bool = True, *, short: bool = False) -> str:
    """A meeting's date only as precise as the minutes gave it: "6 December 2023", or
    "December 2023" when only the month is known."""
    month = f"{value:%b %Y}" if short else f"{value:%B %Y}"
    return f"{value.day} {month}" if known else month


def overdue(action: ActionView, today: date | None) -> bool:
    return bool(today and action.is_open and action.due_date and action.due_date < today)


def _raised(action: ActionView, raised: bool = True) -> str:
    parts = []
    if action.meeting_date and raised:
        parts.append(f"raised {on_day(action.meeting_date, action.meeting_day_known, short=True)}")
    if action.due_date:
        parts.append(f"due {short_day(action.due_date)}")
    return " · ".join(parts)


def action_row(action: ActionView, button: dict | None, today: date | None = None,
               *, raised: bool = True) -> dict:
    """One action as a container: number and text, owners and dates, and its button. An
    overdue action says so in the warning colour, so it stands out in a long list.
    ``raised``: False where the meeting is already plain (the minutes' own actions)."""
    status = "" if action.is_open else " ✓ completed"
    items = [line(f"**{action.number}.** {capital(md(action.text))}{status}")]
    if overdue(action, today):
        items.append(line(f"⚠ Overdue: was due {short_day(action.due_date)}",
                          color="Attention"))
    items.append(line(" · ".join(filter(None, [_owners(action), _raised(action, raised)])),
                      subtle=True))
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
    today: date | None = None,
) -> Card:
    """One page of a list: from row ``start``, as many rows as fit (at most ``MAX_ROWS``),
    then "Show more" when rows are left. ``title``, ``notice`` and ``empty`` are markdown."""
    body: list[dict] = [heading(title)]
    if notice:
        body.append(line(notice, color="Good"))
    if not actions:
        body.append(line(empty))
    late = sum(overdue(a, today) for a in actions)
    if late and view not in ("overdue", "myoverdue") and not view.startswith("personoverdue"):
        body.append(line(f"{late} of these {'is' if late == 1 else 'are'} overdue.",
                         color="Attention"))
    used, end = size(body), start
    for action in actions[start:start + MAX_ROWS]:
        button = close_button(action, view) if action.is_open and can_close(action) else None
        row = action_row(action, button, today, raised=not view.startswith("meeting:"))
        used += size(row)
        if used > MAX_CARD_BYTES - 1000 and end > start:  # room for the "more" line
            break
        body.append(row)
        end += 1
    if end < len(actions):
        body.append(line(f"Showing {start + 1}–{end} of {len(actions)}.", subtle=True))
        return card(body, [more_button(view, end)])
    return card(body)


def action_card(action: ActionView, *, can_close: bool, today: date | None = None) -> Card:
    late = overdue(action, today)
    body = [
        heading(f"Action {action.number}"),
        line(capital(md(action.text, DETAIL_CLIP))),
        facts(
            [
                ("Owners", _owners(action)),
                ("Status", "Open, overdue" if late else action.status.capitalize()),
                ("Raised", on_day(action.meeting_date, action.meeting_day_known)
                 if action.meeting_date else None),
                ("Item", action.agenda_item and md(action.agenda_item)),
                ("Due", f"{action.due_date.day} {action.due_date:%B %Y}"
                 if action.due_date else None),
            ]
        ),
    ]
    if late:
        body.insert(2, line(f"⚠ Overdue: was due {short_day(action.due_date)}",
                            color="Attention"))
    if action.history:
        body.append(line("**History**"))
        if action.earlier_events:
            body.append(line(f"…{action.earlier_events} earlier changes, then:", subtle=True))
        for event in action.history:
            note = f" — {md(event.note)}" if event.note else ""
            where = f" ({md(event.document or event.source)})"
            body.append(line(f"{short_day(event.at)}: {event.kind} by {md(event.actor)}{where}"
                             f"{note}", subtle=True))
    buttons = [close_button(action, f"show:{action.number}")] if (
        can_close and action.is_open
    ) else None
    return card(body, buttons)


def plan_card(title: str, sections: list[tuple[str | None, list[PlanItemView]]],
              empty: str) -> Card:
    """The forward plan: items under their meeting's month (no heading for a single month).
    ``title`` and ``empty`` are markdown; item titles and leads are escaped here."""
    body: list[dict] = [heading(title)]
    if not any(items for _, items in sections):
        body.append(line(empty))
    shown = 0
    for label, items in sections:
        if label:
            body.append(line(f"**{label}**"))
        for item in items[: max(0, MAX_ROWS - shown)]:
            body.append(line(f"• {capital(md(item.title))}"
                             + (f" — lead: {md(item.lead)}" if item.lead else "")))
        shown += len(items)
    if shown > MAX_ROWS:
        body.append(line(f"…and {shown - MAX_ROWS} more.", subtle=True))
    return card(body)


def meeting_facts(meeting: MeetingView) -> dict:
    return facts(
        [
            ("Date", f"{meeting.date:%A} {on_day(meeting.date)}" if meeting.day_known
             else f"{on_day(meeting.date, False)} (the minutes give no day)"),
            ("Time", meeting.time and md(meeting.time)),
            ("Venue", meeting.venue and md(meeting.venue)),
            ("Chair", meeting.chair and md(meeting.chair)),
        ]
    )


def minutes_card(meeting: MeetingView, today: date | None = None) -> Card:
    """A meeting's minutes, short enough to read in a chat: who came, what was decided, the
    items (restricted ones by title only, whatever they hold), the actions still open from it
    and the document they were read from."""
    body: list[dict] = [heading(f"Minutes of {on_day(meeting.date, meeting.day_known)}"),
                        meeting_facts(meeting)]
    if meeting.present or meeting.apologies:
        body.append(facts([(f"Present ({len(meeting.present)})", _names(meeting.present)),
                           (f"Apologies ({len(meeting.apologies)})", _names(meeting.apologies))]))
    agreed = decisions(meeting.items, limit=MAX_DECISIONS)
    if agreed:
        body.append(line("**Decisions**"))
        body.append(line("\n".join(f"- {capital(md(text))} ({md(title)})"
                                   for title, text in agreed)))
    if meeting.items:
        body.append(line("**Items**"))
        body.append(line("\n".join(
            f"{md(item.number) + '. ' if item.number else ''}{md(item.title)}"
            f"{' (restricted)' if item.restricted else ''}" for item in meeting.items[:MAX_ROWS])))
    if meeting.actions:
        still = [a for a in meeting.actions if a.is_open]
        done = len(meeting.actions) - len(still)
        body.append(line(f"**Actions raised ({len(meeting.actions)})**"
                         + (f": {len(still)} still open, {done} completed" if done else "")))
        body.extend(action_row(a, None, today, raised=False) for a in still[:MAX_ROWS])
    if meeting.document:
        body.append(line(f"Source: {md(meeting.document)}", subtle=True))
    return card(body)


def _names(names: tuple[str, ...], limit: int = 30) -> str | None:
    if not names:
        return None
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return md(", ".join(names[:limit]), limit=4000) + more


def next_meeting_card(meeting: MeetingView, items: list[PlanItemView],
                      title: str = "Next meeting") -> Card:
    body: list[dict] = [heading(title), meeting_facts(meeting)]
    if items:
        body.append(line("**On the forward plan**"))
        body.extend(line(f"• {capital(md(item.title))}"
                         + (f" — lead: {md(item.lead)}" if item.lead else ""))
                    for item in items[:MAX_ROWS])
    else:
        body.append(line("Nothing is on the forward plan for it yet.", subtle=True))
    return card(body)


def search_card(title: str, hits: list[SearchHit]) -> Card:
    """Search results as a list: each hit's meeting, item and what it said (escaped, but for
    the search's **bold** on the matching words), with a button that opens those minutes.
    ``title`` is markdown."""
    body: list[dict] = [heading(title)]
    for hit in hits[:MAX_ROWS]:
        when = hit.meeting_date
        body.append({
            "type": "Container",
            "separator": True,
            "items": [
                line(f"**{md(hit.item_title)}**"),
                line(f"Meeting of {when.day} {when:%B %Y}", subtle=True),
                line(snippet(hit.snippet)),
                {"type": "ActionSet", "actions": [open_minutes_button(when)]},
            ],
        })
    return card(body)


def snippet(text: str) -> str:
    """A search snippet from the minutes, escaped, keeping the search's **bold** on the
    matching words (the parts between its markers)."""
    return "**".join(md(part) for part in text.split("**"))


def open_minutes_button(when: date) -> dict:
    """A button that asks for a meeting's minutes, as if the user had typed it (read only)."""
    ask = f"minutes of {when.day}/{when.month}/{when.year}"
    return {"type": "Action.Submit", "title": "Open these minutes",
            "data": {"msteams": {"type": "imBack", "value": ask}}}


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

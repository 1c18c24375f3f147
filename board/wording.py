"""What a change to the record is called, in one sentence, wherever it was made: the chat
reply, the card notice, the dialog's answer and the command line all say the same.

Text from users and documents goes through ``q`` on its way in: the bot passes its markdown
escaping, the command line prints it as written."""

from __future__ import annotations

from collections.abc import Callable

from board.dates import month_label
from board.model import ActionView, MeetingView, PlanItemView

Quote = Callable[[object], str]


def _owners(action: ActionView, q: Quote) -> str:
    return q(", ".join(action.owners)) or "nobody named"


def closed(action: ActionView, q: Quote = str) -> str:
    note = action.history[-1].note if action.history else None
    noted = f' Note: "{q(note)}".' if note else ""
    return f"Closed action {action.number}: {q(action.text)}.{noted}"


def reopened(action: ActionView, q: Quote = str) -> str:
    return f"Reopened action {action.number}: {q(action.text)}."


def added(action: ActionView, q: Quote = str) -> str:
    due = f", due {action.due_date:%d %B %Y}" if action.due_date else ""
    return f"Added action {action.number} for {_owners(action, q)}: {q(action.text)}{due}."


def edited(action: ActionView, q: Quote = str) -> str:
    return f"Action {action.number} now reads: {q(action.text)}."


def owners_changed(action: ActionView, q: Quote = str) -> str:
    return f"Action {action.number} is now owned by {_owners(action, q)}."


def withdrawn(action: ActionView, q: Quote = str) -> str:
    return (f"Withdrew action {action.number} ({q(action.text)}): it is off every list and "
            "stays in its history.")


def merged(number: int, into: ActionView, q: Quote = str) -> str:
    return (f"Merged action {number} into action {into.number} ({q(into.text)}), now owned by "
            f"{_owners(into, q)}.")


def plan_removed(item: PlanItemView, q: Quote = str) -> str:
    return f"Removed from the forward plan for {month_label(item.month)}: {q(item.title)}."


def plan_renamed(before: str, item: PlanItemView, q: Quote = str) -> str:
    return (f"Renamed on the forward plan for {month_label(item.month)}: {q(before)} → "
            f"{q(item.title)}.")


def plan_moved(before: str, item: PlanItemView, q: Quote = str) -> str:
    return (f"Moved on the forward plan: {q(item.title)}, from {month_label(before)} to "
            f"{month_label(item.month)}.")


def meeting_set(meeting: MeetingView) -> str:
    return f"The next meeting is now on {meeting.date:%A %d %B %Y}."


def meeting_cancelled(meeting: MeetingView) -> str:
    return f"Cancelled the meeting of {meeting.date:%A %d %B %Y}."

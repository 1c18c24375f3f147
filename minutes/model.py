"""What the parser finds in one minutes document: plain values, no database types.

The parser (``minutes.parser``) produces a ``ParsedMinutes``; the loader
(``minutes.loader``) stores it; ``clerk extract`` prints it as JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ParsedAction:
    owners: list[str]  # as written, titles' noise removed ("Councillor Carpenter" kept)
    text: str  # what must be done, without owner prefix or status marker
    status: str  # "open" | "completed"
    agenda_item: str | None  # title of the agenda item it was raised under
    quote: str  # the source text, verbatim
    due: date | None = None
    confidence: float = 1.0  # 0-1: how sure the decision is that this is an action
    finder: str = ""  # which finder proposed it ("marker", "table", "commitment", ...)
    # ``owners`` with initials resolved through the attendance list; empty when not worked out.
    owner_names: list[str] = field(default_factory=list)


class NotMinutes(ValueError):
    """The text is not minutes (mostly one marker or a few names repeated); the message says
    why, in one line."""


NEXT_MEETING = "next"  # a plan item's meeting when the minutes say only "the next meeting"


@dataclass(frozen=True)
class ParsedPlanItem:
    # "YYYY-MM": the month of the meeting it is planned for; "next": the next meeting, whose
    # date the minutes do not give (the loader files it under the board's next meeting).
    meeting: str
    title: str
    lead: str | None = None
    quote: str = ""
    confidence: float = 1.0  # 0-1: how sure the finder and the decision are
    finder: str = ""  # which finder proposed it (minutes.plan_finders)


@dataclass(frozen=True)
class ParsedAgendaItem:
    number: str | None  # "4", "11", "(i)" or None when the document numbers nothing
    title: str
    restricted: bool
    text: str  # the item's minutes; empty for restricted items


@dataclass(frozen=True)
class NextMeeting:
    date: date | None
    time: str | None = None  # as written, e.g. "10:00am-13:00pm"
    venue: str | None = None
    chair: str | None = None


@dataclass
class ParsedMinutes:
    meeting_date: date | None
    # "YYYY-MM" when only the month can be inferred (meeting_date is then None, with a warning).
    meeting_month: str | None = None
    meeting_time: str | None = None
    venue: str | None = None
    chair: str | None = None
    contact: str | None = None  # the secretariat officer named in the header
    minute_taker: str | None = None
    present: list[str] = field(default_factory=list)
    apologies: list[str] = field(default_factory=list)
    agenda_items: list[ParsedAgendaItem] = field(default_factory=list)
    actions: list[ParsedAction] = field(default_factory=list)
    forward_plan: list[ParsedPlanItem] = field(default_factory=list)
    next_meeting: NextMeeting | None = None
    warnings: list[str] = field(default_factory=list)

"""The domain's value types: what services return to the bot, the CLI and the tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class PersonView:
    id: int
    name: str
    title: str | None = None
    organisation: str | None = None
    aliases: tuple[str, ...] = ()
    is_admin: bool = False
    aad_object_id: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class TeamsUser:
    """Who a Teams activity says it is from. Only ``aad_object_id`` (with the tenant) is an
    identity; the display name is whatever the user or their organisation typed, and
    ``roster_emails`` are the email and UPN the Bot Connector's roster gave for them."""

    aad_object_id: str
    display_name: str | None = None
    tenant: str | None = None
    roster_emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class IdentityEventView:
    person: str
    kind: str  # linked | unlinked | email | admin | not admin
    actor: str
    source: str
    at: datetime
    old: str | None = None
    new: str | None = None
    tenant: str | None = None


@dataclass(frozen=True)
class Actor:
    """Who is making a change, and from where (chat, cli, minutes)."""

    person: PersonView | None
    label: str
    source: str

    @classmethod
    def of(cls, person: PersonView, source: str) -> Actor:
        return cls(person=person, label=person.name, source=source)

    @classmethod
    def command_line(cls) -> Actor:
        """Whoever runs ``clerk`` on the server: they hold the database, so the secretariat."""
        return cls(person=None, label="command line", source="cli")


@dataclass(frozen=True)
class EventView:
    kind: str
    actor: str
    source: str
    at: datetime
    note: str | None = None
    document: str | None = None


@dataclass(frozen=True)
class RecordEventView:
    """A correction to the forward plan ("plan") or a meeting ("meeting")."""

    subject: str
    kind: str
    actor: str
    source: str
    at: datetime
    old_value: str | None
    new_value: str | None


@dataclass(frozen=True)
class ActionView:
    number: int
    text: str
    status: str
    owners: tuple[str, ...]
    owner_ids: tuple[int, ...] = ()  # the owners that are people...
    owner_people: tuple[str, ...] = ()  # ...and their names, in the same order
    due_date: date | None = None
    meeting_date: date | None = None
    meeting_day_known: bool = True  # False: the minutes gave only the meeting's month
    agenda_item: str | None = None
    source_quote: str | None = None
    history: tuple[EventView, ...] = ()
    earlier_events: int = 0  # older events left out of ``history`` when it was limited

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class PlanItemView:
    id: int
    month: str
    title: str
    lead: str | None
    added_by: str
    source: str


@dataclass(frozen=True)
class AgendaItemView:
    number: str | None
    title: str
    restricted: bool
    text: str  # always "" for restricted items


@dataclass(frozen=True)
class MeetingView:
    date: date
    time: str | None
    venue: str | None
    chair: str | None
    status: str
    present: tuple[str, ...] = ()
    apologies: tuple[str, ...] = ()
    items: tuple[AgendaItemView, ...] = ()
    actions: tuple[ActionView, ...] = field(default=())
    document: str | None = None
    day_known: bool = True  # False: the minutes gave only the month; ``date`` is its 1st


@dataclass(frozen=True)
class ChangeResult:
    """The outcome of a close/reopen: the action after the change."""

    action: ActionView
    changed: bool


@dataclass(frozen=True)
class SearchHit:
    meeting_date: date
    item_title: str
    snippet: str  # the matching words marked with **bold**


@dataclass(frozen=True)
class StoredDraft:
    """Uploaded minutes under review, as stored: the file and what was read in it."""

    id: str
    version: int
    status: str  # open | published | discarded
    file_name: str
    format: str
    data: bytes
    text: str
    content: dict  # the parsed minutes as JSON, with the secretariat's fixes

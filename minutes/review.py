"""Minutes uploaded for review: read, shown, fixed, then published (or discarded).

A draft keeps the uploaded file and what Clerk read in it (``ParsedMinutes`` as JSON) in the
database, so it survives a restart and any instance can continue it. Nothing reaches the
record until ``publish``, which stores the (fixed) minutes through the same loader as
``clerk ingest``, in the same transaction as the conditional update that marks the draft
published: of two secretaries pressing Publish, exactly one publishes it.

    upload --create--> open --fix (owner, text, status, drop, add, date)--> open
                        |--publish--> published        |--discard--> discarded
"""

from __future__ import annotations

import json
import tempfile
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path

from board.corrections import secretariat_only, split_owners
from board.errors import Conflict, InvalidInput, NotFound
from board.model import Actor
from board.names import is_role
from board.services import Clerk
from minutes.loader import LoadSummary, MeetingAlreadyLoaded, MissingMeetingDate, load_minutes
from minutes.model import (
    NextMeeting,
    ParsedAction,
    ParsedAgendaItem,
    ParsedMinutes,
    ParsedPlanItem,
)
from minutes.parser import parse_minutes
from minutes.readers import FORMATS, UnreadableDocument, read_document_data

LOW_CONFIDENCE = 0.6  # below this a parser's confidence in an action is shown as a doubt
STATUSES = ("open", "completed")
REPLACES = ("These minutes are for a meeting already loaded: publishing revises what the "
            "earlier document said (changes made by hand are kept).")
GONE = {"published": "were already published", "discarded": "were discarded"}


# What Clerk read, as JSON and back. Fields the parser adds later travel with the rest.
def minutes_json(parsed: ParsedMinutes) -> dict:
    return json.loads(json.dumps(asdict(parsed), default=str))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _known(cls, values: dict) -> dict:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in values.items() if k in names}


def minutes_from_json(data: dict) -> ParsedMinutes:
    nxt = data.get("next_meeting")
    values = _known(ParsedMinutes, data)
    values.update(
        meeting_date=_day(data.get("meeting_date")),
        agenda_items=[ParsedAgendaItem(**_known(ParsedAgendaItem, i))
                      for i in data.get("agenda_items", [])],
        actions=[ParsedAction(**{**_known(ParsedAction, a), "due": _day(a.get("due"))})
                 for a in data.get("actions", [])],
        forward_plan=[ParsedPlanItem(**_known(ParsedPlanItem, p))
                      for p in data.get("forward_plan", [])],
        next_meeting=NextMeeting(**{**_known(NextMeeting, nxt), "date": _day(nxt.get("date"))})
        if nxt else None,
    )
    return ParsedMinutes(**values)


@dataclass(frozen=True)
class Owner:
    written: str
    person: str | None  # the person it matches
    problem: str | None  # why it matches nobody, or several


@dataclass(frozen=True)
class DraftAction:
    index: int
    text: str
    owners: tuple[Owner, ...]
    status: str
    due: date | None
    quote: str
    doubtful: bool  # the parser is not confident this is an action
    new: bool  # False when it is an action already on the log


@dataclass(frozen=True)
class DraftView:
    id: str
    version: int
    status: str
    file_name: str
    meeting_date: date | None
    next_meeting: date | None
    actions: tuple[DraftAction, ...]
    closes: tuple[tuple[int, str], ...]  # (number, text) of open actions it completes
    plan: tuple[tuple[str, str, str | None], ...]  # (month, title, lead)
    warnings: tuple[str, ...]
    duplicate: bool = False  # these exact bytes were loaded already


@dataclass(frozen=True)
class Published:
    summary: LoadSummary
    new_actions: tuple = field(default=())  # ActionView of each new action


class _Preview(Exception):
    """Raised inside a unit of work to roll back a dry run of the loader."""

    def __init__(self, summary: LoadSummary, owners: dict[str, Owner]) -> None:
        self.summary, self.owners = summary, owners


def readable_suffix(file_name: str) -> str:
    """The file's extension, when it is a kind of document Clerk reads; else InvalidInput."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in FORMATS:
        kinds = ", ".join(sorted({s.lstrip(".") for s in FORMATS.values()}))
        raise InvalidInput(f'"{file_name}" is not a minutes file I can read: send a {kinds} '
                           "file. Nothing was recorded.")
    return suffix


class Drafts:
    def __init__(self, clerk: Clerk) -> None:
        self.clerk = clerk

    # reading the upload -------------------------------------------------------------------
    def create(self, file_name: str, data: bytes, actor: Actor) -> DraftView:
        """Read and parse an uploaded file and keep it as a draft; InvalidInput when it
        cannot be read as minutes."""
        secretariat_only(self.clerk, actor)
        suffix = readable_suffix(file_name)
        with tempfile.TemporaryDirectory(prefix="clerk-upload-") as folder:
            path = Path(folder) / f"upload{suffix}"  # never a name from the sender
            path.write_bytes(data)
            try:
                data, text, file_format = read_document_data(path)
            except UnreadableDocument as error:
                reason = str(error).split(": ", 1)[-1]
                raise InvalidInput(f'I could not read "{file_name}": {reason}. Nothing was '
                                   "recorded.") from None
        parsed = parse_minutes(text)
        now_id = uuid.uuid4().hex
        with self.clerk.uow() as repo:
            repo.add_draft(id=now_id, board_id=repo.board_id(self.clerk.board),
                           created_by_person_id=actor.person.id, file_name=file_name[:500],
                           format=file_format, data=data, text=text,
                           content=minutes_json(parsed))
        return self.view(now_id)

    # looking at it ------------------------------------------------------------------------
    def view(self, draft_id: str) -> DraftView:
        row = self._row(draft_id)
        parsed = minutes_from_json(row.content)
        summary, owners = self._preview(row, parsed)
        new = {id(p) for p in summary.new_actions}
        actions = tuple(
            DraftAction(
                index=i, text=a.text, status=a.status, due=a.due, quote=a.quote,
                owners=tuple(owners.get(name) or Owner(name, None, None) for name in a.owners),
                doubtful=(getattr(a, "confidence", None) or 1.0) < LOW_CONFIDENCE,
                # without a meeting date nothing could be matched: shown as new
                new=id(a) in new or summary.duplicate or summary.meeting_date is None,
            )
            for i, a in enumerate(parsed.actions)
        )
        nxt = parsed.next_meeting
        return DraftView(
            id=row.id, version=row.version, status=row.status, file_name=row.file_name,
            meeting_date=summary.meeting_date or parsed.meeting_date,
            next_meeting=nxt.date if nxt else None, actions=actions,
            closes=tuple(summary.closed),
            plan=tuple((p.meeting, p.title, p.lead) for p in parsed.forward_plan),
            warnings=tuple(dict.fromkeys(summary.warnings)), duplicate=summary.duplicate,
        )

    def _row(self, draft_id: str):
        with self.clerk.uow(read=True) as repo:
            row = repo.draft(str(draft_id)[:32])
        if row is None:
            raise NotFound("That draft no longer exists; upload the minutes again.")
        return row

    def _preview(self, row, parsed: ParsedMinutes) -> tuple[LoadSummary, dict[str, Owner]]:
        """What publishing would do, found by doing it and rolling it back."""
        try:
            with self.clerk.uow() as repo:
                owners = self._owners(repo, parsed)
                try:
                    summary = self._load(repo, row, parsed)
                except MissingMeetingDate:
                    summary = LoadSummary(row.file_name, warnings=[
                        "No meeting date found: set the meeting's date before publishing."])
                raise _Preview(summary, owners)
        except _Preview as done:
            return done.summary, done.owners

    def _owners(self, repo, parsed: ParsedMinutes) -> dict[str, Owner]:
        index = repo.name_index()
        found: dict[str, Owner] = {}
        for name in {n for a in parsed.actions for n in a.owners}:
            if is_role(name):
                found[name] = Owner(name, None, None)
                continue
            match = index.match(name)
            if match.unique is not None:
                found[name] = Owner(name, match.unique.name, None)
            elif match.people:
                options = " or ".join(p.name for p in match.people)
                found[name] = Owner(name, None, f"could be {options}")
            else:
                found[name] = Owner(name, None, "unknown: will be added as a new person")
        return found

    def _load(self, repo, row, parsed: ParsedMinutes) -> LoadSummary:
        """The loader, as ``clerk ingest --replace``: minutes for a meeting already loaded are
        a correction the secretary has reviewed (the card says so), so they revise it."""
        try:
            return load_minutes(repo, board=self.clerk.board, parsed=parsed,
                                file_name=row.file_name, file_format=row.format, data=row.data,
                                text=row.text)
        except MeetingAlreadyLoaded:  # refused before anything was written
            summary = load_minutes(repo, board=self.clerk.board, parsed=parsed,
                                   file_name=row.file_name, file_format=row.format,
                                   data=row.data, text=row.text, replace=True)
            summary.warnings.insert(0, REPLACES)
            return summary

    # fixing it ----------------------------------------------------------------------------
    def fix(self, draft_id: str, version: int, actor: Actor, op: str, item: int | None = None,
            **values: str) -> DraftView:
        """One change to an open draft: "owners", "text", "status", "drop", "add", "date".
        ``version`` is the one the change was made on: a stale card changes nothing."""
        secretariat_only(self.clerk, actor)
        row = self._row(draft_id)
        self._still_open(row)
        data = dict(row.content)
        actions = list(data.get("actions", []))
        if op == "add":
            text = " ".join(values.get("text", "").split())
            owners = split_owners(values.get("owners", ""))
            if not text or not owners:
                raise InvalidInput("A missed action needs its owners and its text.")
            actions.append({"owners": owners, "text": text, "status": "open",
                            "agenda_item": None, "quote": "", "due": None})
        elif op == "date":
            try:
                data["meeting_date"] = date.fromisoformat(values.get("date", "")).isoformat()
            except ValueError:
                raise InvalidInput("That is not a date; pick one from the calendar.") from None
        else:
            if item is None or not 0 <= item < len(actions):
                raise NotFound("That item is not on this draft any more.")
            action = dict(actions[item])
            if op == "drop":
                actions.pop(item)
            elif op == "owners":
                owners = split_owners(values.get("owners", ""))
                if not owners:
                    raise InvalidInput("Please name at least one owner.")
                action["owners"] = owners
            elif op == "text":
                text = " ".join(values.get("text", "").split())
                if not text:
                    raise InvalidInput("The action needs some text.")
                action["text"] = text
            elif op == "status":
                if values.get("status") not in STATUSES:
                    raise InvalidInput("The status is open or completed.")
                action["status"] = values["status"]
            else:
                raise InvalidInput("That is not a change I can make to a draft.")
            if op != "drop":
                actions[item] = action
        data["actions"] = actions
        with self.clerk.uow() as repo:
            if not repo.update_draft(row.id, expected_version=version, content=data):
                raise Conflict("Someone changed this draft meanwhile; here it is as it is now.")
        return self.view(row.id)

    def _still_open(self, row) -> None:
        if row.status != "open":
            raise Conflict(f"These minutes {GONE[row.status]}; nothing was changed.")

    # finishing it -------------------------------------------------------------------------
    def publish(self, draft_id: str, actor: Actor) -> Published:
        secretariat_only(self.clerk, actor)
        row = self._row(draft_id)
        self._still_open(row)
        parsed = minutes_from_json(row.content)
        with self.clerk.uow() as repo:
            if not repo.finish_draft(row.id, "published"):
                self._still_open(self._row(row.id))
            try:
                summary = self._load(repo, row, parsed)
            except MissingMeetingDate:
                raise InvalidInput("Set the meeting's date before publishing.") from None
            board_id = repo.board_id(self.clerk.board)
            new = tuple(repo.action(board_id, number) for number in summary.new_numbers)
            repo.add_record_event(  # who put these minutes on the record
                board_id=board_id, subject="minutes", kind="published", actor=actor.label,
                actor_person_id=actor.person.id if actor.person else None, source=actor.source,
                old_value=None, new_value=f"{summary.meeting_date}: {row.file_name}")
        return Published(summary, new)

    def discard(self, draft_id: str, actor: Actor) -> DraftView:
        secretariat_only(self.clerk, actor)
        row = self._row(draft_id)
        self._still_open(row)
        with self.clerk.uow() as repo:
            if not repo.finish_draft(row.id, "discarded"):
                self._still_open(self._row(row.id))
        return self.view(row.id)

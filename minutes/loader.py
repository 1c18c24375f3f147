"""Store parsed minutes: one document, one transaction, idempotent.

The same bytes twice change nothing. A corrected version of minutes already loaded (same
meeting date, other content) updates that meeting. An action that later minutes list again is
matched to the existing action (same normalised text, or close enough with a shared owner) and
gets a "seen" or "closed" event instead of becoming a new action.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from rapidfuzz import fuzz, process

from board.errors import Conflict
from board.names import (
    NamedPerson,
    NameIndex,
    NameMatch,
    clean,
    fuller_name,
    is_role,
    split_title,
    tokens,
)
from board.services import WITHDRAWN, action_key, plan_key
from minutes.model import NEXT_MEETING, ParsedAction, ParsedMinutes
from minutes.revisions import Known, change_owners, revise_meeting
from storage.models import Action, Document, Meeting
from storage.repository import Repository

ACTION_MATCH_CUTOFF = 90.0
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
MINUTES_ACTOR = "Minutes"


@dataclass
class LoadSummary:
    file_name: str
    meeting_date: date | None = None
    duplicate: bool = False
    actions_new: int = 0
    actions_updated: int = 0
    actions_unchanged: int = 0
    plan_items_new: int = 0
    warnings: list[str] = field(default_factory=list)
    new_actions: list[ParsedAction] = field(default_factory=list)  # became new actions...
    new_numbers: list[int] = field(default_factory=list)  # ...with these numbers
    closed: list[tuple[int, str]] = field(default_factory=list)  # (number, text) it closes
    changes: list[str] = field(default_factory=list)  # what it changed in known actions


class MissingMeetingDate(ValueError):
    pass


class MeetingAlreadyLoaded(Conflict):
    """Another document already holds this meeting (see ``load_minutes``)."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class People:
    """Names written in one document, resolved to people (created when new)."""

    def __init__(self, repo: Repository, summary: LoadSummary) -> None:
        self.repo = repo
        self.summary = summary
        self.shared = repo.name_index()
        self.local = NameIndex([])  # people this document adds
        self._resolved: dict[str, int | None] = {}

    def resolve(self, written: str) -> int | None:
        """The person id for a written name, or None when it is ambiguous (left unlinked)."""
        name = " ".join(written.split()).strip(" ,.;:")
        if name not in self._resolved:
            self._resolved[name] = self._resolve(name)
        return self._resolved[name]

    def _resolve(self, name: str) -> int | None:
        if not tokens(name):
            return None
        found = _best(self.shared.match(name), self.local.match(name))
        if found.unique:
            if fuller_name(name, found.unique.name):
                self.repo.rename_person(found.unique.id, name, split_title(name)[0])
            elif clean(found.unique.name) != clean(name) and name not in found.unique.aliases:
                self.repo.add_alias(found.unique.id, name)
            return found.unique.id
        if found.people:
            options = ", ".join(p.name for p in found.people)
            self.summary.warnings.append(
                f'"{name}" could be {options}; left unlinked (use clerk people merge).'
            )
            return None
        title, rest = split_title(name)
        display = name if len(rest.split()) == 1 else rest
        person = self.repo.add_person(display, title)
        self.local.add(NamedPerson(person.id, person.name))
        return person.id

    def resolve_all(self, names: list[str]) -> None:
        """Full names first, so a first name alone later finds the one it belongs to."""
        for name in sorted(set(names), key=lambda n: -len(tokens(n))):
            if not is_role(name):
                self.resolve(name)


def _best(one: NameMatch, other: NameMatch) -> NameMatch:
    """The better of two indexes' answers; both when they are equally good."""
    if not other.people or one.score > other.score:
        return one
    if not one.people or other.score > one.score:
        return other
    return NameMatch(one.people + other.people, one.score)


def load_minutes(
    repo: Repository,
    *,
    board: str,
    parsed: ParsedMinutes,
    file_name: str,
    file_format: str,
    data: bytes,
    text: str,
    meeting_date: date | None = None,
    replace: bool = False,
) -> LoadSummary:
    """Store one document's meeting, actions and forward plan. The same document again
    changes nothing; another document for a meeting already read from a document is refused
    (``MeetingAlreadyLoaded``) unless ``replace``: a stray file carrying an existing meeting's
    date must not silently take over that meeting's agenda."""
    summary = LoadSummary(file_name=file_name, warnings=list(parsed.warnings))
    board_id = repo.board_id(board)
    digest = sha256(data)
    if repo.document_exists(board_id, digest):
        summary.duplicate = True
        return summary

    day = meeting_date or parsed.meeting_date
    if day is None and parsed.meeting_month:
        year, month = (int(p) for p in parsed.meeting_month.split("-"))
        day = date(year, month, 1)
        summary.warnings.append(f"stored under {day.isoformat()} (the day is not known)")
    if day is None:
        raise MissingMeetingDate(
            f"{file_name}: no meeting date found in the document; pass --meeting-date YYYY-MM-DD"
        )
    summary.meeting_date = day
    _refuse_to_replace(repo, board_id, day, file_name, replace)

    people = People(repo, summary)
    owner_names = [o for a in parsed.actions for o in a.owners]
    people.resolve_all(
        [*owner_names, *parsed.present, *parsed.apologies]
        + [n for n in (parsed.chair, parsed.contact, parsed.minute_taker) if n]
    )

    document = Document(
        board_id=board_id, file_name=file_name, format=file_format, sha256=digest, text=text
    )
    repo.session.add(document)
    meeting = _held_meeting(repo, board_id, day, parsed)
    meeting.day_known = bool(meeting_date or parsed.meeting_date)
    document.meeting_id = meeting.id
    repo.session.flush()
    meeting.source_document_id = document.id
    items = _replace_items(repo, meeting, parsed)

    _load_actions(repo, board_id, meeting, items, document, parsed.actions, people, summary)
    _schedule_next(repo, board_id, parsed, day, document)
    for plan in parsed.forward_plan:
        month = _plan_month(repo, board_id, plan.meeting, day, file_name)
        if month is None:
            summary.warnings.append(
                f'forward plan: "{plan.title}" is for the next meeting, whose date is not '
                "known yet; add it with `clerk plan add` once the meeting is set"
            )
            continue
        if not repo.plan_item_exists(board_id, month, plan_key(plan.title)):
            repo.add_plan_item(
                board_id=board_id,
                month=month,
                title=plan.title,
                match_key=plan_key(plan.title),
                lead=plan.lead,
                lead_person_id=people.resolve(plan.lead) if plan.lead else None,
                added_by=f"{MINUTES_ACTOR} {day.isoformat()}",
                source="minutes",
                document_id=document.id,
            )
            summary.plan_items_new += 1
    return summary


def _refuse_to_replace(repo: Repository, board_id: int, day: date, file_name: str,
                       replace: bool) -> None:
    """A meeting whose own minutes were read is not read again from another document. A
    meeting only scheduled so far has as source the minutes that announced it (whose
    meeting is an earlier one): its own minutes are welcome."""
    meeting = repo.meeting_row(board_id, day)
    if replace or meeting is None or meeting.source_document_id is None:
        return
    earlier = repo.session.get(Document, meeting.source_document_id)
    if earlier is not None and earlier.meeting_id != meeting.id:
        return
    raise MeetingAlreadyLoaded(
        f"{file_name}: the meeting of {day:%d %B %Y} was already read from "
        f"{earlier.file_name if earlier else 'another document'}; nothing was changed. "
        "If this document should replace it, ingest it again with --replace."
    )


def _plan_month(
    repo: Repository, board_id: int, meeting: str, held: date, file_name: str
) -> str | None:
    """ "YYYY-MM" as given, or for "next" the month of the board's next meeting after ``held``
    (the minutes' own next meeting is scheduled first); None when no later meeting is known."""
    if meeting != NEXT_MEETING:
        if not MONTH.fullmatch(meeting):
            raise ValueError(f"{file_name}: forward plan month {meeting!r} is not YYYY-MM")
        return meeting
    following = repo.next_meeting(board_id, held + timedelta(days=1))
    return f"{following.date:%Y-%m}" if following else None


def _held_meeting(repo: Repository, board_id: int, day: date, parsed: ParsedMinutes) -> Meeting:
    meeting = repo.meeting_row(board_id, day)
    if meeting is None:
        meeting = Meeting(board_id=board_id, date=day)
        repo.session.add(meeting)
    meeting.status = "held"
    meeting.time = parsed.meeting_time or meeting.time
    meeting.venue = parsed.venue or meeting.venue
    meeting.chair = parsed.chair or meeting.chair
    meeting.present = list(parsed.present)
    meeting.apologies = list(parsed.apologies)
    repo.session.flush()
    return meeting


def _replace_items(repo: Repository, meeting: Meeting, parsed: ParsedMinutes) -> dict[str, int]:
    """The meeting's agenda items as this document gives them; title -> item id. Actions raised
    under the old items are linked again by title."""
    relink = repo.unlink_agenda_items(meeting.id) > 0  # none for a meeting new to Clerk
    by_title = repo.replace_agenda_items(meeting.id, [
        dict(position=position, number=item.number, title=item.title[:500],
             restricted=item.restricted, text="" if item.restricted else item.text)
        for position, item in enumerate(parsed.agenda_items)
    ])
    if relink:
        repo.relink_agenda_items(meeting.id, by_title)
    return by_title


def _owners(parsed: ParsedAction, people: People) -> list[tuple[int | None, str | None]]:
    """(person id, None) for people; (None, label) for roles and names left unlinked."""
    owners = []
    for name in parsed.owners:
        person_id = None if is_role(name) else people.resolve(name)
        owners.append((person_id, None if person_id else name))
    return owners


def _load_actions(
    repo: Repository,
    board_id: int,
    meeting: Meeting,
    items: dict[str, int],
    document: Document,
    parsed_actions: list[ParsedAction],
    people: People,
    summary: LoadSummary,
) -> None:
    """All of a document's actions in a few queries: match, then insert the new ones at once."""
    prepared = [(p, _owners(p, people), action_key(p.text)) for p in parsed_actions]
    changes = _Changes({"actor": MINUTES_ACTOR, "source": "minutes",
                        "document_id": document.id})
    # A corrected version of this meeting's minutes revises the actions it raised.
    earlier = [Known(*row) for row in repo.action_states(meeting_id=meeting.id)]
    prepared = revise_meeting(repo, earlier, prepared, changes.event, summary)
    with repo.session.no_autoflush:
        known = repo.actions_by_keys(board_id, {key for _, _, key in prepared})
        # Only what no earlier action matches word for word may be a reworded one.
        unmatched = [{pid for pid, _ in owners if pid}
                     for _, owners, key in prepared if key not in known]
        candidates = Candidates(repo.action_keys_of(
            board_id, set().union(*unmatched), without_person=not all(unmatched)
        ))
        matched: list[tuple[ParsedAction, list, str, int | None]] = []
        seen_keys: set[str] = set()
        for parsed, owners, key in prepared:
            if key in seen_keys:
                continue  # the same line twice in one document
            seen_keys.add(key)
            similar = None
            if key not in known:
                similar = candidates.similar(key, {pid for pid, _ in owners if pid})
            matched.append((parsed, owners, key, similar))
        reworded = repo.action_rows({similar for *_, similar in matched if similar})
        found = {row.id for row in (known.get(key) or reworded.get(similar)
                                    for _, _, key, similar in matched) if row is not None}
        states = {row[0]: Known(*row) for row in repo.action_states(ids=found)}
        new: list[tuple[ParsedAction, list, str]] = []
        for parsed, owners, key, similar in matched:
            existing = known.get(key) or reworded.get(similar)
            if existing is None:
                new.append((parsed, owners, key))
                continue
            _update_existing(existing, parsed, meeting, changes, summary)
            state = states[existing.id]
            if state.status != WITHDRAWN and any(person for person, _ in owners) \
                    and set(owners) != set(state.owners):
                change_owners(repo, state, owners, changes.event, summary)
    for action_id in sorted(repo.complete_open(set(changes.to_close))):
        changes.event(action_id, "closed", "marked completed in the minutes")
        summary.closed.append(changes.to_close[action_id])
    if new:
        _add_new(repo, board_id, meeting, items, new, changes, summary)
    repo.add_events(changes.events)


def _add_new(repo: Repository, board_id: int, meeting: Meeting, items: dict[str, int],
             new: list[tuple[ParsedAction, list, str]], changes: _Changes,
             summary: LoadSummary) -> None:
    first = repo.take_action_numbers(board_id, len(new))
    ids = repo.add_actions(
        [
            dict(
                board_id=board_id,
                number=first + i,
                text=parsed.text,
                match_key=key,
                status=parsed.status,
                due_date=parsed.due,
                meeting_id=meeting.id,
                agenda_item_id=items.get(parsed.agenda_item or ""),
                agenda_item_title=parsed.agenda_item,
                source_quote=parsed.quote,
                owners=owners,
            )
            for i, (parsed, owners, key) in enumerate(new)
        ]
    )
    for action_id, (parsed, _, _) in zip(ids, new, strict=True):
        changes.event(action_id, "created")
        if parsed.status == "completed":
            changes.event(action_id, "closed", "marked completed in the minutes")
    summary.actions_new += len(ids)
    summary.new_actions.extend(parsed for parsed, _, _ in new)
    summary.new_numbers.extend(range(first, first + len(ids)))


@dataclass
class _Changes:
    """What a document does to actions already known, written at the end in two statements:
    one UPDATE for the ones it closes, one INSERT for all the events."""

    common: dict
    events: list[dict] = field(default_factory=list)
    to_close: dict[int, tuple[int, str]] = field(default_factory=dict)  # id -> number, text

    def event(self, action_id: int, kind: str, note: str | None = None) -> None:
        self.events.append({"action_id": action_id, "kind": kind, "note": note, **self.common})


def _update_existing(
    existing: Action,
    parsed: ParsedAction,
    meeting: Meeting,
    changes: _Changes,
    summary: LoadSummary,
) -> None:
    if parsed.status == "completed" and existing.status == "open":
        # its "closed" event once the UPDATE says it was
        changes.to_close[existing.id] = (existing.number, existing.text)
        summary.actions_updated += 1
    elif existing.meeting_id == meeting.id and existing.text != parsed.text:
        existing.text = parsed.text
        changes.event(existing.id, "edited", "corrected minutes")
        summary.actions_updated += 1
    elif existing.meeting_id == meeting.id:
        summary.actions_unchanged += 1
    else:
        note = "listed as outstanding" if parsed.status == "open" else "listed as completed"
        changes.event(existing.id, "seen", note)
        summary.actions_updated += 1


class Candidates:
    """Recent actions' match keys by owner, for recognising a reworded action: near-identical
    text among actions sharing an owner (or, for one with no person owner, among those with
    none)."""

    def __init__(self, keys: list[tuple[int, str, int | None]]) -> None:
        self._by_owner: dict[int | None, dict[int, str]] = {}
        for action_id, key, person_id in keys:
            self._by_owner.setdefault(person_id, {})[action_id] = key

    def similar(self, key: str, owner_ids: set[int]) -> int | None:
        """The id of the closest action, if one is close enough."""
        pool: dict[int, str] = {}
        for person_id in owner_ids or {None}:
            pool.update(self._by_owner.get(person_id, {}))
        best = process.extractOne(
            key, pool, scorer=fuzz.token_set_ratio, score_cutoff=ACTION_MATCH_CUTOFF
        )
        return best[2] if best else None


def _schedule_next(
    repo: Repository, board_id: int, parsed: ParsedMinutes, held: date, document: Document
) -> None:
    """Record the next meeting the minutes announce. While it is only scheduled, its source
    document is the newest minutes that announced it: the next meeting the latest minutes
    name wins over one an older set named."""
    nxt = parsed.next_meeting
    if nxt is None or nxt.date is None or nxt.date <= held:
        return
    meeting = repo.meeting_row(board_id, nxt.date)
    if meeting is None:
        meeting = Meeting(board_id=board_id, date=nxt.date, status="scheduled")
        repo.session.add(meeting)
    if meeting.status == "scheduled":
        meeting.time = nxt.time or meeting.time
        meeting.venue = nxt.venue or meeting.venue
        meeting.chair = nxt.chair or meeting.chair
        announced_by = repo.session.get(Document, meeting.source_document_id or 0)
        earlier = announced_by is None or announced_by.meeting_id is None or (
            repo.session.get(Meeting, announced_by.meeting_id).date <= held)
        if earlier:
            meeting.source_document_id = document.id
    repo.session.flush()

"""Queries: rows in, domain values out. The services never see a SQLAlchemy type."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from functools import cache

from sqlalchemy import (
    and_,
    bindparam,
    delete,
    event,
    exists,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, aliased, selectinload

from board.model import (
    ActionView,
    AgendaItemView,
    EventView,
    IdentityEventView,
    MeetingView,
    PersonView,
    PlanItemView,
    RecordEventView,
    SearchHit,
    StoredDraft,
)
from board.names import NamedPerson, NameIndex
from storage import limits
from storage.models import (
    Action,
    ActionEvent,
    ActionOwner,
    AgendaItem,
    Board,
    Document,
    IdentityEvent,
    Meeting,
    MinutesDraft,
    PeopleVersion,
    Person,
    PlanItem,
    RecordEvent,
    SecretariatNotice,
)

# How far back, in actions, to look for an earlier wording of an action (exact wordings are
# found however old): a board raising 20 actions at each of 6 meetings a year takes 8 years to
# fill it. Bounded so that ingesting a document costs the same on a long history.
RECENT_WINDOW = 1000


def person_view(row: Person) -> PersonView:
    return PersonView(
        id=row.id,
        name=row.display_name,
        title=row.title,
        organisation=row.organisation,
        aliases=tuple(row.aliases or ()),
        is_admin=row.is_admin,
        aad_object_id=row.aad_object_id,
        email=row.email,
    )


_ACTION_COLUMNS = (Action.id, Action.number, Action.text, Action.status, Action.due_date,
                   Action.agenda_item_title, Action.source_quote, Meeting.date,
                   Meeting.day_known)


# Built once (every turn identifies its caller).
_ACTIONS = Action.__table__
_AGENDA_ITEMS = AgendaItem.__table__
_BY_IDENTITY = select(Person).where(Person.aad_object_id == bindparam("aad"))
_PEOPLE_VERSION = select(PeopleVersion.version).where(PeopleVersion.id == 1)
# Ingestion's per-document statements, built once (building costs more than running them).
_OWNERS = ActionOwner.__table__
_DOCUMENT_BY_DIGEST = select(Document.__table__.c.id).where(
    Document.__table__.c.board_id == bindparam("board_id"),
    Document.__table__.c.sha256 == bindparam("sha256"))
_WINDOW_START = (
    select(_ACTIONS.c.id)
    .where(_ACTIONS.c.board_id == bindparam("board_id"),
           _ACTIONS.c.number >= select(Board.__table__.c.next_action_number - RECENT_WINDOW)
           .where(Board.__table__.c.id == bindparam("board_id")).scalar_subquery())
    .order_by(_ACTIONS.c.number)
    .limit(1)
)
# The board is checked in Python, not here: given it, SQLite (without statistics) walks every
# action of the board instead of the owners' index ranges.
_KEYS_OF_OWNERS = (
    select(_ACTIONS.c.id, _ACTIONS.c.match_key, _OWNERS.c.person_id, _ACTIONS.c.board_id)
    .join(_OWNERS, _OWNERS.c.action_id == _ACTIONS.c.id)
    .where(_OWNERS.c.person_id.in_(bindparam("owners", expanding=True)),
           _OWNERS.c.action_id >= bindparam("oldest"))
    .order_by(_ACTIONS.c.id.desc())
)
_KEYS_WITHOUT_PERSON = (
    select(_ACTIONS.c.id, _ACTIONS.c.match_key)
    .where(_ACTIONS.c.board_id == bindparam("board_id"), _ACTIONS.c.id >= bindparam("oldest"),
           ~exists().where(_OWNERS.c.action_id == _ACTIONS.c.id,
                           _OWNERS.c.person_id.isnot(None)))
    .order_by(_ACTIONS.c.id.desc())
    .limit(bindparam("limit"))
)
_MEETING_ON = select(Meeting).where(Meeting.board_id == bindparam("board_id"),
                                    Meeting.date == bindparam("day"))
_ACTIONS_BY_KEYS = select(Action).where(Action.board_id == bindparam("board_id"),
                                        Action.match_key.in_(bindparam("keys", expanding=True)))
_ACTIONS_BY_IDS = select(Action).where(Action.id.in_(bindparam("ids", expanding=True)))
_UNLINK_ITEMS = update(_ACTIONS).where(_ACTIONS.c.meeting_id == bindparam("meeting")).values(
    agenda_item_id=None)
_TAKE_NUMBERS = (
    update(Board.__table__)
    .where(Board.__table__.c.id == bindparam("board_id"))
    .values(next_action_number=Board.__table__.c.next_action_number + bindparam("count"))
    .returning(Board.__table__.c.next_action_number)
)
_COMPLETE_OPEN = (
    update(_ACTIONS)
    .where(_ACTIONS.c.id.in_(bindparam("ids", expanding=True)), _ACTIONS.c.status == "open")
    .values(status="completed", updated_at=bindparam("now"))
    .returning(_ACTIONS.c.id)
)


# What a person's event on an action says they changed (see ``action_states``).
_HAND_FIELDS = {"edited": "text", "assigned": "owners", "merged": "owners",
                "closed": "status", "reopened": "status", "withdrawn": "status"}


@cache
def _actions_statement(filters: frozenset[str]):
    """The action-listing statement for a set of filters, built once per process: building a
    SQLAlchemy statement costs more Python than running this one."""
    listed = aliased(ActionOwner)
    query = (
        select(*_ACTION_COLUMNS, listed.person_id, listed.role, Person.display_name)
        .outerjoin(Meeting, Meeting.id == Action.meeting_id)
        .outerjoin(listed, listed.action_id == Action.id)
        .outerjoin(Person, Person.id == listed.person_id)
        .where(Action.board_id == bindparam("board_id"))
    )
    if "owner_id" in filters:
        # A join driven from the owner's rows (index on person_id), not a probe per action
        # of the board: the cost follows the owner's actions, not the size of the log.
        query = query.join(ActionOwner, ActionOwner.action_id == Action.id).where(
            ActionOwner.person_id == bindparam("owner_id"))
    if "listed" in filters:  # every list leaves out withdrawn actions
        query = query.where(Action.status != "withdrawn")
    for name, column in (("status", Action.status), ("number", Action.number),
                         ("meeting_id", Action.meeting_id)):
        if name in filters:
            query = query.where(column == bindparam(name))
    return query.order_by(Action.number, listed.position)


def _action_view(columns: tuple, owners: list[tuple[int | None, str | None, str | None]]):
    _, number, wording, status, due, item, quote, meeting_date, day_known = columns
    return ActionView(
        number=number,
        text=wording,
        status=status,
        owners=tuple(name if person_id else (role or "") for person_id, role, name in owners),
        owner_ids=tuple(person_id for person_id, _, _ in owners if person_id),
        owner_people=tuple(name for person_id, _, name in owners if person_id),
        due_date=due,
        meeting_date=meeting_date,
        meeting_day_known=day_known is not False,
        agenda_item=item,
        source_quote=quote,
    )


class NameIndexCache:
    """One process's name index, rebuilt only when the people table has changed."""

    def __init__(self) -> None:
        self.version: int | None = None  # people_version when the index was built
        self.index: NameIndex | None = None


class Repository:
    """All reads and writes of one unit of work (one transaction)."""

    def __init__(
        self,
        session: Session,
        names: NameIndexCache | None = None,
        boards: dict[str, int] | None = None,
    ) -> None:
        self.session = session
        self._names = names or NameIndexCache()
        self._boards = {} if boards is None else boards
        self._changed_names = False

    def name_index(self) -> NameIndex:
        """Everyone's names, ready for matching; shared by the process while nobody changes.
        Callers must not add to it (a transaction may still roll back)."""
        if self._changed_names:  # this transaction's own changes: not for the process
            return NameIndex(self.named_people())
        version = self.session.scalar(_PEOPLE_VERSION)
        if self._names.index is None or self._names.version != version:
            self._names.index = NameIndex(self.named_people())
            self._names.version = version
        return self._names.index

    # boards ---------------------------------------------------------------------------
    def board_id(self, name: str, *, create: bool = True) -> int | None:
        if name in self._boards:
            return self._boards[name]
        found = self.session.scalar(select(Board.id).where(Board.name == name))
        if found is None and create:
            board = Board(name=name, next_action_number=1)
            self.session.add(board)
            self.session.flush()
            found = board.id
            # Remembered only once this transaction has committed (it may yet roll back).
            event.listen(self.session, "after_commit",
                         lambda _s: self._boards.__setitem__(name, board.id), once=True)
        elif found is not None:
            self._boards[name] = found
        return found

    def document_exists(self, board_id: int, sha256: str) -> bool:
        found = self.session.scalar(_DOCUMENT_BY_DIGEST, {"board_id": board_id, "sha256": sha256})
        return found is not None

    # people ---------------------------------------------------------------------------
    def named_people(self) -> list[NamedPerson]:
        rows = self.session.execute(
            select(Person.id, Person.display_name, Person.aliases).where(
                Person.merged_into_id.is_(None)
            )
        )
        return [NamedPerson(id, name, tuple(aliases or ())) for id, name, aliases in rows]

    def people(self) -> list[PersonView]:
        rows = self.session.scalars(
            select(Person).where(Person.merged_into_id.is_(None)).order_by(Person.display_name)
        )
        return [person_view(p) for p in rows]

    def person(self, person_id: int) -> PersonView:
        return person_view(self.session.get_one(Person, person_id))

    def person_by_identity(self, aad_object_id: str) -> PersonView | None:
        row = self.session.scalar(_BY_IDENTITY, {"aad": aad_object_id})
        return person_view(row) if row else None

    def add_person(self, name: str, title: str | None = None) -> PersonView:
        row = Person(display_name=name, title=title, aliases=[], is_admin=False)
        self.session.add(row)
        self.session.flush()
        self._names_changed()
        return person_view(row)

    def add_alias(self, person_id: int, alias: str) -> None:
        row = self.session.get_one(Person, person_id)
        if alias != row.display_name and alias not in (row.aliases or []):
            row.aliases = [*(row.aliases or []), alias]
            self._names_changed()

    def rename_person(self, person_id: int, name: str, title: str | None) -> None:
        row = self.session.get_one(Person, person_id)
        if row.display_name != name:
            row.aliases = [a for a in [*(row.aliases or []), row.display_name] if a != name]
            row.display_name = name
            self._names_changed()
        row.title = row.title or title

    def set_admin(self, person_id: int, value: bool) -> None:
        self.session.get_one(Person, person_id).is_admin = value

    def link_identity(self, person_id: int, aad_object_id: str) -> None:
        """Link a person to a Teams identity (the caller has unlinked its earlier holder)."""
        limits.check(aad_object_id, limits.TEAMS_ID, "Teams user id")
        self.session.get_one(Person, person_id).aad_object_id = aad_object_id
        self.session.flush()

    def claim_identity(self, person_id: int, aad_object_id: str) -> bool:
        """Link only a person who has no link and is not an admin, in one conditional
        statement: of racing claims exactly one wins, and no link is ever replaced."""
        limits.check(aad_object_id, limits.TEAMS_ID, "Teams user id")
        return self.session.execute(
            update(Person)
            .where(Person.id == person_id, Person.aad_object_id.is_(None),
                   Person.is_admin.is_(False), Person.merged_into_id.is_(None))
            .values(aad_object_id=aad_object_id)
            .execution_options(synchronize_session="fetch")
        ).rowcount == 1

    def unlink_identity(self, person_id: int) -> None:
        self.session.get_one(Person, person_id).aad_object_id = None
        self.session.flush()

    def set_email(self, person_id: int, email: str | None) -> None:
        limits.check(email, limits.EMAIL, "email address")
        self.session.get_one(Person, person_id).email = email

    def person_by_email(self, addresses: tuple[str, ...]) -> PersonView | None:
        """The one person the secretariat recorded one of these addresses for (any case)."""
        wanted = [a.casefold() for a in addresses if a]
        if not wanted:
            return None
        rows = self.session.scalars(
            select(Person).where(func.lower(Person.email).in_(wanted),
                                 Person.merged_into_id.is_(None)).limit(2)).all()
        return person_view(rows[0]) if len(rows) == 1 else None

    def add_identity_event(self, person_id: int, kind: str, *, actor: str, source: str,
                           actor_person_id: int | None = None, old: str | None = None,
                           new: str | None = None, tenant: str | None = None) -> int:
        row = IdentityEvent(person_id=person_id, kind=kind, actor=actor[:200], source=source,
                            actor_person_id=actor_person_id, old_value=old, new_value=new,
                            tenant=(tenant or None) and tenant[:64], at=datetime.now(UTC))
        self.session.add(row)
        self.session.flush()
        return row.id

    def has_identity_event(self, person_id: int, kinds: tuple[str, ...]) -> bool:
        return self.session.scalar(select(exists().where(
            IdentityEvent.person_id == person_id, IdentityEvent.kind.in_(kinds))))

    def identity_events(self, person_id: int | None = None) -> list[IdentityEventView]:
        query = (select(IdentityEvent, Person.display_name)
                 .join(Person, Person.id == IdentityEvent.person_id))
        if person_id is not None:
            query = query.where(IdentityEvent.person_id == person_id)
        rows = self.session.execute(query.order_by(IdentityEvent.at, IdentityEvent.id))
        return [IdentityEventView(name, e.kind, e.actor, e.source, e.at, e.old_value,
                                  e.new_value, e.tenant) for e, name in rows]

    def add_notice(self, key: str, text: str) -> bool:
        """A notice for the secretariat, once per key; False if that key was noticed before."""
        if self.session.scalar(select(exists().where(SecretariatNotice.key == key))):
            return False
        self.session.add(SecretariatNotice(key=key[:200], text=text, at=datetime.now(UTC)))
        self.session.flush()
        return True

    def merge_people(self, source_id: int, target_id: int) -> None:
        """Fold one person into another: their actions, plan items and names. Past events keep
        the actor they had (the audit log is append-only); ``merged_into_id`` links the two."""
        source = self.session.get_one(Person, source_id)
        target = self.session.get_one(Person, target_id)
        for model, column in (
            (ActionOwner, ActionOwner.person_id),
            (PlanItem, PlanItem.lead_person_id),
            (PlanItem, PlanItem.added_by_person_id),
        ):
            self.session.execute(
                update(model).where(column == source_id).values({column.key: target_id})
            )
        names = [source.display_name, *(source.aliases or [])]
        target.aliases = [
            n for n in dict.fromkeys([*(target.aliases or []), *names]) if n != target.display_name
        ]
        target.is_admin = target.is_admin or source.is_admin
        if source.aad_object_id and not target.aad_object_id:
            identity, source.aad_object_id = source.aad_object_id, None
            self.session.flush()
            target.aad_object_id = identity
        source.merged_into_id = target_id
        self._names_changed()

    def _names_changed(self) -> None:
        """Raise people_version (see ``name_index``); every process rebuilds its index."""
        self._changed_names = True
        insert_for = pg_insert if self.session.bind.dialect.name == "postgresql" else sqlite_insert
        table = PeopleVersion.__table__
        self.session.execute(
            insert_for(table).values(id=1, version=1)
            .on_conflict_do_update(index_elements=[table.c.id],
                                   set_={"version": table.c.version + 1})
        )

    # actions --------------------------------------------------------------------------
    def _actions(self, board_id: int, **filters) -> list[tuple[int, ActionView]]:
        """(id, view) of the board's actions matching ``filters`` (owner_id, status, number,
        meeting_id), in number order, each with its owners: one round trip, plain rows, no
        ORM objects."""
        given = {name: value for name, value in filters.items() if value is not None}
        statement = _actions_statement(frozenset(given))
        given.pop("listed", None)
        rows = self.session.execute(statement, {"board_id": board_id, **given})
        actions: dict[int, tuple] = {}
        owners: dict[int, dict[tuple, None]] = {}
        for *columns, person_id, role, name in rows:
            action_id = columns[0]
            actions.setdefault(action_id, tuple(columns))
            if person_id is not None or role is not None:
                # a set that keeps order: someone named twice as an owner is listed once
                owners.setdefault(action_id, {})[(person_id, role, name)] = None
        return [(action_id, _action_view(columns, list(owners.get(action_id, ()))))
                for action_id, columns in actions.items()]

    def list_actions(
        self, board_id: int, *, owner_id: int | None = None, status: str | None = None
    ) -> list[ActionView]:
        return [view for _, view in self._actions(board_id, owner_id=owner_id,
                                                  status=status or None,
                                                  listed=None if status else True)]

    def action(
        self, board_id: int, number: int, *, history: bool = False, latest: int | None = None
    ) -> ActionView | None:
        """One action; with ``history``, its events (only the ``latest`` ones, if given, and
        then how many came before them, unless only the last one was asked for)."""
        found = self._actions(board_id, number=number)
        if not found:
            return None
        action_id, view = found[0]
        if not history:
            return view
        events = self.events(action_id, latest)
        view = replace(view, history=events)
        if latest is not None and latest > 1 and len(events) == latest:
            total = self.session.scalar(
                select(func.count(ActionEvent.id)).where(ActionEvent.action_id == action_id)
            )
            view = replace(view, earlier_events=total - latest)
        return view

    def action_id(self, board_id: int, number: int) -> int | None:
        return self.session.scalar(
            select(Action.id).where(Action.board_id == board_id, Action.number == number)
        )

    def events(self, action_id: int, latest: int | None = None) -> tuple[EventView, ...]:
        """The action's events, oldest first (the ``latest`` ones only, if given)."""
        query = (
            select(ActionEvent.kind, ActionEvent.actor, ActionEvent.source, ActionEvent.at,
                   ActionEvent.note, Document.file_name)
            .outerjoin(Document, Document.id == ActionEvent.document_id)
            .where(ActionEvent.action_id == action_id)
            .order_by(ActionEvent.at.desc(), ActionEvent.id.desc())
            .limit(latest)
        )
        return tuple(EventView(*row) for row in reversed(self.session.execute(query).all()))

    def audit(self, board_id: int, number: int | None = None) -> list[tuple[int, EventView]]:
        """Every event on the board's actions, oldest first (one action's, with a number)."""
        query = (
            select(ActionEvent, Action.number, Document.file_name)
            .join(Action, Action.id == ActionEvent.action_id)
            .outerjoin(Document, Document.id == ActionEvent.document_id)
            .where(Action.board_id == board_id)
        )
        if number is not None:
            query = query.where(Action.number == number)
        rows = self.session.execute(query.order_by(ActionEvent.at, ActionEvent.id))
        return [
            (n, EventView(e.kind, e.actor, e.source, e.at, e.note, file_name))
            for e, n, file_name in rows
        ]

    def set_status(self, action_id: int, *, expected: str, new: str) -> bool:
        """Change status only if it is still ``expected``: exactly one of racing writers wins."""
        result = self.session.execute(
            update(Action)
            .where(Action.id == action_id, Action.status == expected)
            .values(status=new, updated_at=datetime.now(UTC))
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    def add_event(
        self,
        action_id: int,
        kind: str,
        *,
        actor: str,
        source: str,
        actor_person_id: int | None = None,
        document_id: int | None = None,
        note: str | None = None,
    ) -> None:
        self.session.add(
            ActionEvent(
                action_id=action_id,
                kind=kind,
                actor=actor,
                actor_person_id=actor_person_id,
                source=source,
                document_id=document_id,
                note=note,
                at=datetime.now(UTC),
            )
        )

    def add_events(self, events: list[dict]) -> None:
        """Many events in one INSERT (ingestion); each dict names the columns, ``at`` is now."""
        if events:
            at = datetime.now(UTC)
            self.session.execute(insert(ActionEvent), [{"at": at, **e} for e in events])

    def complete_open(self, action_ids: set[int]) -> set[int]:
        """Mark these actions completed where they are still open; the ids that changed."""
        if not action_ids:
            return set()
        return set(self.session.scalars(
            _COMPLETE_OPEN, {"ids": list(action_ids), "now": datetime.now(UTC)}))

    def actions_by_keys(self, board_id: int, keys: set[str]) -> dict[str, Action]:
        rows = self.session.scalars(_ACTIONS_BY_KEYS, {"board_id": board_id, "keys": list(keys)})
        return {row.match_key: row for row in rows}

    def action_rows(self, action_ids: set[int]) -> dict[int, Action]:
        if not action_ids:
            return {}
        rows = self.session.scalars(_ACTIONS_BY_IDS, {"ids": list(action_ids)})
        return {row.id: row for row in rows}

    def action_keys_of(
        self, board_id: int, owner_ids: set[int], *, per_owner: int = 50, without_person: bool
    ) -> list[tuple[int, str, int | None]]:
        """(action id, match key, person id or None) of recent actions of these owners (the
        latest ``per_owner`` of each), and, with ``without_person``, of recent actions with
        no person owner: the candidates for recognising a reworded action again. "Recent" is
        the board's latest RECENT_WINDOW actions (years of minutes), so what this reads, and
        so the cost of ingesting a document, does not grow with the length of the history."""
        # The oldest action in the window, found along the (board, number) index.
        oldest = self.session.scalar(_WINDOW_START, {"board_id": board_id}) or 0
        found: list[tuple[int, str, int | None]] = []
        if owner_ids:
            rows = self.session.execute(_KEYS_OF_OWNERS,
                                        {"owners": list(owner_ids), "oldest": oldest})
            taken: dict[int, int] = {}
            for action_id, key, person_id, board in rows:
                if board != board_id:
                    continue
                taken[person_id] = taken.get(person_id, 0) + 1
                if taken[person_id] <= per_owner:
                    found.append((action_id, key, person_id))
        if without_person:
            found += [(action_id, key, None) for action_id, key in self.session.execute(
                _KEYS_WITHOUT_PERSON, {"board_id": board_id, "oldest": oldest,
                                       "limit": per_owner})]
        return found

    def take_action_numbers(self, board_id: int, count: int) -> int:
        """Reserve ``count`` consecutive short numbers (never reused); returns the first."""
        last = self.session.execute(_TAKE_NUMBERS,
                                    {"board_id": board_id, "count": count}).scalar_one()
        return last - count

    def add_actions(self, values: list[dict]) -> list[int]:
        """Insert actions (each dict: the columns, and ``owners`` as (person id, role) pairs)
        and their owners, in two statements; returns the new ids in order."""
        owners = [value.pop("owners") for value in values]
        # Ids matched to rows by their (unique) numbers: RETURNING in parameter order would
        # make SQLite insert row by row.
        by_number = {number: action_id for number, action_id in self.session.execute(
            _ACTIONS.insert().returning(_ACTIONS.c.number, _ACTIONS.c.id), values)}
        ids = [by_number[value["number"]] for value in values]
        owner_rows = [
            {"action_id": action_id, "position": i, "person_id": person_id, "role": role}
            for action_id, pairs in zip(ids, owners, strict=True)
            for i, (person_id, role) in enumerate(pairs)
        ]
        if owner_rows:
            self.session.execute(insert(ActionOwner), owner_rows)
        return ids

    def replace_agenda_items(self, meeting_id: int, items: list[dict]) -> dict[str, int]:
        """The meeting's agenda items become these (dicts of columns); title -> new id."""
        self.session.execute(delete(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
        if not items:
            return {}
        by_position = {position: item_id for position, item_id in self.session.execute(
            _AGENDA_ITEMS.insert().returning(_AGENDA_ITEMS.c.position, _AGENDA_ITEMS.c.id),
            [{"meeting_id": meeting_id, **item} for item in items])}  # as in add_actions
        return {item["title"]: by_position[item["position"]] for item in items}

    def unlink_agenda_items(self, meeting_id: int) -> int:
        """Detach the meeting's actions from its agenda items; how many were attached."""
        return self.session.execute(_UNLINK_ITEMS, {"meeting": meeting_id}).rowcount

    def relink_agenda_items(self, meeting_id: int, by_title: dict[str, int]) -> None:
        for title, item_id in by_title.items():
            self.session.execute(
                update(Action)
                .where(Action.meeting_id == meeting_id, Action.agenda_item_title == title)
                .values(agenda_item_id=item_id)
                .execution_options(synchronize_session=False)
            )

    def set_due_date(self, action_id: int, due: date | None) -> None:
        self.session.get_one(Action, action_id).due_date = due

    def set_action_text(self, action_id: int, text: str, match_key: str | None = None) -> None:
        """New wording; a new ``match_key`` only when it is the minutes' wording (an action
        reworded by hand is still recognised by what the minutes said)."""
        row = self.session.get_one(Action, action_id)
        row.text, row.updated_at = text, datetime.now(UTC)
        if match_key is not None:
            row.match_key = match_key

    def owner_pairs(self, action_id: int) -> list[tuple[int | None, str | None]]:
        """The action's owners as (person id, role) pairs, in order."""
        return [(p, r) for p, r in self.session.execute(
            select(ActionOwner.person_id, ActionOwner.role)
            .where(ActionOwner.action_id == action_id).order_by(ActionOwner.position))]

    def set_action_owners(self, action_id: int,
                          owners: list[tuple[int | None, str | None]]) -> None:
        self.session.execute(delete(ActionOwner).where(ActionOwner.action_id == action_id))
        self.session.execute(insert(ActionOwner), [
            {"action_id": action_id, "position": i, "person_id": person_id, "role": role}
            for i, (person_id, role) in enumerate(owners)])
        self.session.execute(update(Action).where(Action.id == action_id)
                             .values(updated_at=datetime.now(UTC))
                             .execution_options(synchronize_session=False))

    def owner_names(self, owners: list[tuple[int | None, str | None]]) -> str:
        """ "Chris Lyons, Board members" for (person id, role) pairs."""
        ids = [person for person, _ in owners if person]
        names = dict(self.session.execute(
            select(Person.id, Person.display_name).where(Person.id.in_(ids))).all())
        return ", ".join(names.get(person, "") if person else (role or "")
                         for person, role in owners)

    def action_states(self, *, meeting_id: int | None = None,
                      ids: set[int] | None = None) -> list[tuple]:
        """(id, number, text, match key, status, owners, changed by hand) of a meeting's
        actions or of these actions. "Changed by hand": which of "text", "owners", "status"
        a person (not minutes) has changed."""
        query = select(Action.id, Action.number, Action.text, Action.match_key, Action.status)
        if meeting_id is not None:
            query = query.where(Action.meeting_id == meeting_id)
        else:
            query = query.where(Action.id.in_(list(ids or ())))
        rows = self.session.execute(query.order_by(Action.number)).all()
        found = [row[0] for row in rows]
        if not found:
            return []
        owners: dict[int, list] = {}
        for action_id, person_id, role in self.session.execute(
                select(ActionOwner.action_id, ActionOwner.person_id, ActionOwner.role)
                .where(ActionOwner.action_id.in_(found)).order_by(ActionOwner.position)):
            owners.setdefault(action_id, []).append((person_id, role))
        hand: dict[int, set[str]] = {}
        for action_id, kind, note in self.session.execute(
                select(ActionEvent.action_id, ActionEvent.kind, ActionEvent.note)
                .where(ActionEvent.action_id.in_(found), ActionEvent.source != "minutes")):
            field = _HAND_FIELDS.get(kind)
            if kind == "edited" and not (note or "").startswith("text changed"):
                field = None  # a due date
            if field:
                hand.setdefault(action_id, set()).add(field)
        return [(*row, owners.get(row[0], []), frozenset(hand.get(row[0], ())))
                for row in rows]

    def add_record_event(self, **values) -> None:
        self.session.add(RecordEvent(at=datetime.now(UTC), **values))

    def record_events(self, board_id: int) -> list[RecordEventView]:
        rows = self.session.scalars(select(RecordEvent).where(RecordEvent.board_id == board_id)
                                    .order_by(RecordEvent.at, RecordEvent.id))
        return [RecordEventView(r.subject, r.kind, r.actor, r.source, r.at, r.old_value,
                                r.new_value) for r in rows]

    # forward plan ---------------------------------------------------------------------
    def plan_item_exists(self, board_id: int, month: str, match_key: str) -> bool:
        return bool(
            self.session.scalar(
                select(func.count(PlanItem.id)).where(
                    PlanItem.board_id == board_id,
                    PlanItem.month == month,
                    PlanItem.match_key == match_key,
                )
            )
        )

    def plan_items_by_key(self, board_id: int, match_key: str, *, month: str | None,
                          since: str | None) -> list[PlanItemView]:
        query = select(PlanItem).where(PlanItem.board_id == board_id,
                                       PlanItem.match_key == match_key)
        if month:
            query = query.where(PlanItem.month == month)
        if since:
            query = query.where(PlanItem.month >= since)
        return [plan_view(r) for r in self.session.scalars(query.order_by(PlanItem.month))]

    def plan_item(self, item_id: int) -> PlanItemView:
        return plan_view(self.session.get_one(PlanItem, item_id))

    def update_plan_item(self, item_id: int, **values) -> None:
        self.session.execute(update(PlanItem).where(PlanItem.id == item_id).values(**values)
                             .execution_options(synchronize_session=False))
        self.session.expire_all()

    def delete_plan_item(self, item_id: int) -> None:
        self.session.execute(delete(PlanItem).where(PlanItem.id == item_id))

    def add_plan_item(self, **values) -> PlanItemView:
        row = PlanItem(**values)
        self.session.add(row)
        self.session.flush()
        return plan_view(row)

    def plan(self, board_id: int, month: str | None = None, since: str | None = None,
             until: str | None = None):
        query = select(PlanItem).where(PlanItem.board_id == board_id)
        if month:
            query = query.where(PlanItem.month == month)
        if since:
            query = query.where(PlanItem.month >= since)
        if until:
            query = query.where(PlanItem.month <= until)
        rows = self.session.scalars(query.order_by(PlanItem.month, PlanItem.id))
        return [plan_view(r) for r in rows]

    # drafts of uploaded minutes -------------------------------------------------------------
    def add_draft(self, **values) -> None:
        now = datetime.now(UTC)
        self.session.add(MinutesDraft(status="open", version=1, created_at=now, updated_at=now,
                                      **values))

    def draft(self, draft_id: str) -> StoredDraft | None:
        row = self.session.get(MinutesDraft, draft_id)
        if row is None:
            return None
        return StoredDraft(row.id, row.version, row.status, row.file_name, row.format, row.data,
                           row.text, row.content)

    def update_draft(self, draft_id: str, *, expected_version: int, content: dict) -> bool:
        """Change an open draft only if nobody changed it since ``expected_version``."""
        return self.session.execute(
            update(MinutesDraft)
            .where(MinutesDraft.id == draft_id, MinutesDraft.version == expected_version,
                   MinutesDraft.status == "open")
            .values(content=content, version=MinutesDraft.version + 1,
                    updated_at=datetime.now(UTC))
            .execution_options(synchronize_session=False)
        ).rowcount == 1

    def finish_draft(self, draft_id: str, status: str) -> bool:
        """Open -> ``status``, once: of racing publishers exactly one changes the row."""
        return self.session.execute(
            update(MinutesDraft)
            .where(MinutesDraft.id == draft_id, MinutesDraft.status == "open")
            .values(status=status, updated_at=datetime.now(UTC))
            .execution_options(synchronize_session=False)
        ).rowcount == 1

    # search ---------------------------------------------------------------------------
    def search(self, board_id: int, words: list[str], limit: int) -> list[SearchHit]:
        """Agenda items with every word (as a prefix, after stemming); restricted items are
        never searched. ``words`` are plain word characters only."""
        run = _search_sqlite if self.session.bind.dialect.name == "sqlite" else _search_postgres
        rows = run(self.session, board_id, words, limit)
        return [
            SearchHit(_as_date(day), title, " ".join(snippet.split()))
            for day, title, snippet in rows
        ]

    # meetings -------------------------------------------------------------------------
    def meeting_row(self, board_id: int, day: date) -> Meeting | None:
        return self.session.scalar(_MEETING_ON, {"board_id": board_id, "day": day})

    def meetings(self, board_id: int) -> list[MeetingView]:
        rows = self.session.scalars(
            select(Meeting).where(Meeting.board_id == board_id).order_by(Meeting.date)
        )
        return [meeting_view(m) for m in rows]

    def last_held(self, board_id: int, *, month: str | None = None,
                  day: date | None = None) -> MeetingView | None:
        query = select(Meeting).where(Meeting.board_id == board_id, Meeting.status == "held")
        if day:
            query = query.where(Meeting.date == day)
        if month:
            year, number = (int(p) for p in month.split("-"))
            start = date(year, number, 1)
            end = date(year + number // 12, number % 12 + 1, 1)
            query = query.where(and_(Meeting.date >= start, Meeting.date < end))
        row = self.session.scalar(
            query.order_by(Meeting.date.desc()).options(selectinload(Meeting.items)).limit(1)
        )
        if row is None:
            return None
        actions = [view for _, view in self._actions(board_id, meeting_id=row.id, listed=True)]
        document = self.session.scalar(
            select(Document.file_name).where(Document.id == row.source_document_id)
        )
        return meeting_view(row, items=True, actions=tuple(actions), document=document)

    def meeting_in_month(self, board_id: int, month: str) -> MeetingView | None:
        year, number = (int(p) for p in month.split("-"))
        start = date(year, number, 1)
        end = date(year + number // 12, number % 12 + 1, 1)
        row = self.session.scalar(
            select(Meeting)
            .where(Meeting.board_id == board_id, Meeting.date >= start, Meeting.date < end)
            .order_by(Meeting.date)
            .limit(1)
        )
        return meeting_view(row) if row else None

    def schedule_meeting(self, board_id: int, day: date, *, moved_from: date | None) -> None:
        """A scheduled meeting on ``day`` (the one of ``moved_from`` moved there, with its
        time and venue, when given)."""
        old = self.meeting_row(board_id, moved_from) if moved_from else None
        row = self.meeting_row(board_id, day)
        if row is None and old is not None:
            old.date = day
        elif row is None:
            self.session.add(Meeting(board_id=board_id, date=day, status="scheduled",
                                     present=[], apologies=[]))
        else:
            row.status = "scheduled"
            if old is not None:
                old.status = "cancelled"
        self.session.flush()

    def cancel_meeting(self, board_id: int, day: date) -> None:
        self.meeting_row(board_id, day).status = "cancelled"
        self.session.flush()

    def next_meeting(self, board_id: int, after: date) -> MeetingView | None:
        """The first meeting on or after ``after`` - unless the latest minutes announced a
        different one: newer minutes override the next meeting older minutes named."""
        rows = list(self.session.scalars(
            select(Meeting)
            .where(Meeting.board_id == board_id, Meeting.date >= after,
                   Meeting.status != "cancelled")
            .order_by(Meeting.date)
            .limit(20)
        ))
        if len(rows) > 1:
            latest_minutes = self.session.scalar(
                select(Meeting.source_document_id)
                .where(Meeting.board_id == board_id, Meeting.status == "held")
                .order_by(Meeting.date.desc())
                .limit(1)
            )
            announced = [r for r in rows if r.status == "scheduled"
                         and latest_minutes is not None
                         and r.source_document_id == latest_minutes]
            rows = announced or rows
        return meeting_view(rows[0]) if rows else None

    def meeting_before(self, board_id: int, day: date) -> MeetingView | None:
        """The latest meeting (held or scheduled) dated before ``day``."""
        row = self.session.scalar(
            select(Meeting)
            .where(Meeting.board_id == board_id, Meeting.date < day)
            .order_by(Meeting.date.desc())
            .limit(1)
        )
        return meeting_view(row) if row else None

    def latest_meeting(self, board_id: int) -> MeetingView | None:
        row = self.session.scalar(
            select(Meeting).where(Meeting.board_id == board_id).order_by(Meeting.date.desc())
        )
        return meeting_view(row) if row else None


def _as_date(value: date | str) -> date:
    """Raw SQL on SQLite gives dates back as ISO text."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def _search_sqlite(session: Session, board_id: int, words: list[str], limit: int):
    match = " ".join(f'"{w}"*' for w in words)
    return session.execute(
        text(
            "SELECT m.date, a.title, snippet(agenda_search, 1, '**', '**', '…', 14) "
            "FROM agenda_search JOIN agenda_items a ON a.id = agenda_search.rowid "
            "JOIN meetings m ON m.id = a.meeting_id "
            "WHERE agenda_search MATCH :match AND m.board_id = :board AND NOT a.restricted "
            "ORDER BY bm25(agenda_search), m.date DESC LIMIT :limit"
        ),
        {"match": match, "board": board_id, "limit": limit},
    ).all()


def _search_postgres(session: Session, board_id: int, words: list[str], limit: int):
    return session.execute(
        text(
            "SELECT m.date, a.title, ts_headline('english', a.text, q, "
            "'StartSel=**, StopSel=**, MaxWords=28, MinWords=10, MaxFragments=1') "
            "FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id, "
            "to_tsquery('english', :query) q "
            "WHERE to_tsvector('english', a.title || ' ' || a.text) @@ q "
            "AND m.board_id = :board AND NOT a.restricted "
            "ORDER BY ts_rank(to_tsvector('english', a.title || ' ' || a.text), q) DESC, "
            "m.date DESC LIMIT :limit"
        ),
        {"query": " & ".join(f"{w}:*" for w in words), "board": board_id, "limit": limit},
    ).all()


def plan_view(row: PlanItem) -> PlanItemView:
    return PlanItemView(row.id, row.month, row.title, row.lead, row.added_by, row.source)


def meeting_view(
    row: Meeting, *, items: bool = False, actions: tuple = (), document: str | None = None
) -> MeetingView:
    return MeetingView(
        date=row.date,
        day_known=row.day_known is not False,
        time=row.time,
        venue=row.venue,
        chair=row.chair,
        status=row.status,
        present=tuple(row.present or ()),
        apologies=tuple(row.apologies or ()),
        items=tuple(
            AgendaItemView(i.number, i.title, i.restricted, "" if i.restricted else i.text)
            for i in row.items
        )
        if items
        else (),
        actions=actions,
        document=document,
    )

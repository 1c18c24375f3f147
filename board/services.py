"""The board's services: what the bot, the CLI and the tests all call.

``Clerk`` is bound to one board and a unit of work (``uow()`` yields a repository inside one
transaction). It holds no state between calls, so any number of processes can share a database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date
from typing import Any

from board import dates
from board.errors import (
    AmbiguousName,
    Candidate,
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    UnknownName,
)
from board.identity_services import IdentityServices
from board.model import (
    ActionView,
    Actor,
    EventView,
    MeetingView,
    PersonView,
    PlanItemView,
    SearchHit,
)
from board.names import clean
from board.reminders import DEFAULT_DAYS_BEFORE, ReminderPlan, plan_reminders

UnitOfWork = Callable[[], AbstractContextManager[Any]]
STATUSES = ("open", "completed")
WITHDRAWN = "withdrawn"  # off every list, kept with its history
MAX_TITLE = 300
# The largest action number anything outside Clerk may name (chat, cards, the CLI): far above
# any board's log, and inside both databases' INTEGER, so a bigger one is simply not found.
MAX_ACTION_NUMBER = 9_999_999


def plan_key(title: str) -> str:
    """What makes two forward plan titles the same item ("CCTV update" == "CCTV Update.")."""
    return clean(title)[:500]


def not_withdrawn(action: ActionView) -> ActionView:
    """The action, unless it was withdrawn (then no change applies to it)."""
    if action.status == WITHDRAWN:
        raise Conflict(f"Action {action.number} was withdrawn; nothing was changed.")
    return action


def action_key(text: str) -> str:
    """Normalised action text: case, punctuation and hyphenation do not make a new action."""
    return " ".join(re.sub(r"[\W_]+", " ", clean(text)).split())[:500]


class Clerk(IdentityServices):
    def __init__(
        self,
        uow: UnitOfWork,
        *,
        board: str,
        admins: Iterable[str] = (),
        today: date | str | None = None,
    ) -> None:
        self.uow = uow
        self.board = board
        self._seed_admins = [name.strip() for name in admins if name.strip()]
        self._today = today

    def today(self) -> date:
        return dates.today(self._today)

    # people ---------------------------------------------------------------------------
    def people(self) -> list[PersonView]:
        with self.uow(read=True) as repo:
            return repo.people()

    def resolve_person(self, name: str) -> PersonView:
        """The one person a name means; UnknownName or AmbiguousName otherwise."""
        with self.uow(read=True) as repo:
            return self._resolve(repo, name)

    def _resolve(self, repo, name: str) -> PersonView:
        if not name.strip():
            raise InvalidInput("Please give a name.")
        found = repo.name_index().match(name)
        if not found.people:
            raise UnknownName(name.strip())
        if found.unique is None:
            raise AmbiguousName(name.strip(), [Candidate(p.id, p.name) for p in found.people])
        return repo.person(found.unique.id)

    def person(self, person_id: int) -> PersonView:
        with self.uow(read=True) as repo:
            return repo.person(person_id)

    def merge_people(self, source: str, target: str) -> PersonView:
        with self.uow() as repo:
            source_person = self._resolve(repo, source)
            target_person = self._resolve(repo, target)
            if source_person.id == target_person.id:
                raise InvalidInput(f"{source} and {target} are already the same person.")
            repo.merge_people(source_person.id, target_person.id)
            return repo.person(target_person.id)

    # actions --------------------------------------------------------------------------
    def actions(
        self,
        *,
        owner: str | None = None,
        owner_id: int | None = None,
        status: str = "open",
    ) -> list[ActionView]:
        if status not in (*STATUSES, "all"):
            raise InvalidInput(f'"{status}" is not a status; use open, completed or all.')
        with self.uow(read=True) as repo:
            board_id = repo.board_id(self.board)
            if owner is not None:
                owner_id = self._resolve(repo, owner).id
            return repo.list_actions(
                board_id, owner_id=owner_id, status=None if status == "all" else status
            )

    def tracker(self, status: str = "all") -> list[ActionView]:
        """Every action with its history (two queries, whatever the size of the log)."""
        if status not in (*STATUSES, "all"):
            raise InvalidInput(f'"{status}" is not a status; use open, completed or all.')
        with self.uow(read=True) as repo:
            board_id = repo.board_id(self.board)
            history: dict[int, list[EventView]] = {}
            for number, event in repo.audit(board_id):
                history.setdefault(number, []).append(event)
            actions = repo.list_actions(board_id, status=None if status == "all" else status)
        return [replace(a, history=tuple(history.get(a.number, ()))) for a in actions]

    def action(self, number: int, *, latest_events: int | None = None) -> ActionView:
        """One action with its history (the ``latest_events`` only, if given)."""
        self._check_number(number)
        with self.uow(read=True) as repo:
            found = repo.action(repo.board_id(self.board), number, history=True,
                                latest=latest_events)
            if found is None:
                raise self._no_action(number)
            return found

    def _no_action(self, number: int) -> NotFound:
        return NotFound(f"There is no action {number} on the {self.board} log.")

    def _check_number(self, number: int) -> None:
        """Refuse a number no action can have before it reaches the database."""
        if not 0 < number <= MAX_ACTION_NUMBER:
            raise self._no_action(number)

    def audit(self, number: int | None = None) -> list[tuple[int, EventView]]:
        """Who changed what, when and from where: (action number, event), oldest first."""
        if number is not None:
            self._check_number(number)
        with self.uow(read=True) as repo:
            board_id = repo.board_id(self.board)
            if number is not None and repo.action_id(board_id, number) is None:
                raise self._no_action(number)
            return repo.audit(board_id, number)

    def can_change(self, action: ActionView, actor: Actor) -> bool:
        if self.is_admin(actor.person):
            return True
        return actor.person is not None and actor.person.id in action.owner_ids

    def close_action(self, number: int, actor: Actor, note: str | None = None) -> ActionView:
        return self._change_status(number, actor, note, to="completed")

    def reopen_action(self, number: int, actor: Actor, note: str | None = None) -> ActionView:
        return self._change_status(number, actor, note, to="open")

    def _change_status(self, number: int, actor: Actor, note: str | None, *, to: str) -> ActionView:
        verb, kind = ("close", "closed") if to == "completed" else ("reopen", "reopened")
        self._check_number(number)
        with self.uow() as repo:
            board_id = repo.board_id(self.board)
            action_id = repo.action_id(board_id, number)
            if action_id is None:
                raise self._no_action(number)
            current = not_withdrawn(repo.action(board_id, number))
            if not self.can_change(current, actor):
                owners = ", ".join(current.owners) or "nobody named"
                raise PermissionDenied(
                    f"Only an owner of action {number} ({owners}) or the secretariat can {verb} it."
                )
            expected = "open" if to == "completed" else "completed"
            # The conditional update is the lock: of racing closes, exactly one changes a row.
            if not repo.set_status(action_id, expected=expected, new=to):
                state = "already completed" if to == "completed" else "already open"
                raise Conflict(f"Action {number} is {state}; nothing was changed.")
            repo.add_event(
                action_id,
                kind,
                actor=actor.label,
                actor_person_id=actor.person.id if actor.person else None,
                source=actor.source,
                note=(note or "").strip() or None,
            )
            return repo.action(board_id, number, history=True, latest=1)  # with this change

    def set_due_date(self, number: int, when: str, actor: Actor) -> ActionView:
        """Set a deadline as people write it ("15 March", "by end of December", "for the March
        CSP" = that meeting's day). Owners and the secretariat may; one "edited" event."""
        self._check_number(number)
        due, meeting_month = dates.parse_due(when, self.today())
        with self.uow() as repo:
            board_id = repo.board_id(self.board)
            action_id = repo.action_id(board_id, number)
            if action_id is None:
                raise self._no_action(number)
            current = not_withdrawn(repo.action(board_id, number))
            if not self.can_change(current, actor):
                raise PermissionDenied(
                    f"Only an owner of action {number} or the secretariat can set its due date."
                )
            if meeting_month:
                meeting = repo.meeting_in_month(board_id, meeting_month)
                due = meeting.date if meeting else date.fromisoformat(meeting_month + "-01")
            repo.set_due_date(action_id, due)
            repo.add_event(
                action_id,
                "edited",
                actor=actor.label,
                actor_person_id=actor.person.id if actor.person else None,
                source=actor.source,
                note=f"due date set to {due:%d %B %Y}",
            )
            return repo.action(board_id, number, history=True)

    def overdue(self, owner: str | None = None, owner_id: int | None = None) -> list[ActionView]:
        """Open actions (of one owner, or all) whose due date has passed."""
        today = self.today()
        return [a for a in self.actions(owner=owner, owner_id=owner_id)
                if a.due_date and a.due_date < today]

    # forward plan ---------------------------------------------------------------------
    def month(self, text: str) -> str:
        return dates.parse_month(text, self.today())

    def add_plan_item(
        self, title: str, month: str, actor: Actor, lead: str | None = None
    ) -> PlanItemView:
        title = re.sub(r"\s+", " ", title).strip(" .")
        if not title:
            raise InvalidInput("The forward plan item needs a title.")
        if len(title) > MAX_TITLE:
            raise InvalidInput(f"That title is too long (over {MAX_TITLE} characters).")
        target = self.month(month)
        with self.uow() as repo:
            board_id = repo.board_id(self.board)
            lead_person = self._resolve(repo, lead) if lead else None
            if repo.plan_item_exists(board_id, target, plan_key(title)):
                raise Conflict(
                    f'"{title}" is already on the forward plan for {dates.month_label(target)}.'
                )
            return repo.add_plan_item(
                board_id=board_id,
                month=target,
                title=title,
                match_key=plan_key(title),
                lead=lead_person.name if lead_person else None,
                lead_person_id=lead_person.id if lead_person else None,
                added_by=actor.label,
                added_by_person_id=actor.person.id if actor.person else None,
                source=actor.source,
            )

    def plan(self, month: str | None = None) -> tuple[str | None, list[PlanItemView]]:
        """Items for one month ("March" = the first March on or after today), or all from
        this month on when no month is given."""
        target = self.month(month) if month else None
        with self.uow(read=True) as repo:
            board_id = repo.board_id(self.board)
            if target:
                return target, repo.plan(board_id, target)
            return None, repo.plan(board_id, since=dates.month_of(self.today()))

    def plan_for_next_meeting(self) -> tuple[MeetingView | None, list[PlanItemView]]:
        """The next meeting and the forward plan items that belong to it (``_items_for``)."""
        with self.uow(read=True) as repo:  # one read: the meeting and its plan agree
            board_id = repo.board_id(self.board)
            meeting = repo.next_meeting(board_id, self.today())
            if meeting is None:
                return None, []
            return meeting, self._items_for(repo, board_id, meeting)

    def meeting_plan(self, month: str) -> tuple[str, MeetingView | None, list[PlanItemView]]:
        """The forward plan for the meeting a month means: ("YYYY-MM", meeting, items).
        With a meeting in that month, the items that belong to it; without one, the items
        agreed for that month and the meeting they will go to (None if none is known)."""
        target = self.month(month)
        with self.uow(read=True) as repo:
            board_id = repo.board_id(self.board)
            meeting = repo.meeting_in_month(board_id, target)
            if meeting is not None:
                return target, meeting, self._items_for(repo, board_id, meeting)
            later = repo.next_meeting(board_id, date.fromisoformat(target + "-01"))
            return target, later, repo.plan(board_id, target)

    @staticmethod
    def _items_for(repo, board_id: int, meeting: MeetingView) -> list[PlanItemView]:
        """Plan items are agreed "for the March CSP": they belong to a meeting, not a calendar
        month. An item belongs to the first meeting held in or after its month, so March's
        items go to a meeting later moved to 3 April (when no meeting falls in March)."""
        before = repo.meeting_before(board_id, meeting.date.replace(day=1))
        since = dates.month_after(before.date) if before else dates.month_of(meeting.date)
        return repo.plan(board_id, since=since, until=dates.month_of(meeting.date))

    # reminders ------------------------------------------------------------------------
    def reminders(self, days_before: int = DEFAULT_DAYS_BEFORE) -> ReminderPlan | None:
        """What to send before the next meeting (None when no meeting is scheduled)."""
        meeting, plan = self.plan_for_next_meeting()
        if meeting is None:
            return None
        return plan_reminders(meeting, self.actions(), plan, self.today(), days_before)

    # search ---------------------------------------------------------------------------
    def search(self, query: str, limit: int = 5) -> list[SearchHit]:
        """Agenda items of this board's minutes that mention every word of the query."""
        words = re.findall(r"\w+", query)[:12]
        if not words:
            raise InvalidInput("What should I search the minutes for?")
        with self.uow(read=True) as repo:
            return repo.search(repo.board_id(self.board), words, limit)

    # meetings -------------------------------------------------------------------------
    def meetings(self) -> list[MeetingView]:
        with self.uow(read=True) as repo:
            return repo.meetings(repo.board_id(self.board))

    def last_meeting(self, month: str | None = None, day: date | None = None) -> MeetingView:
        """The held meeting on ``day``, the last one in ``month`` ("March" = the most recent
        March), or the last one of all."""
        target = dates.parse_month(month, date(1900, 1, 1)) if month else None
        if target and not re.search(r"\d", month or ""):
            target = self._latest_past(month)
        with self.uow(read=True) as repo:
            found = repo.last_held(repo.board_id(self.board), month=target, day=day)
        if found is None:
            when = (f" of {day.day} {day:%B %Y}" if day
                    else f" from {dates.month_label(target)}" if target else "")
            raise NotFound(f"I have no minutes{when} for the {self.board} yet.")
        return found

    def _latest_past(self, month: str) -> str:
        """ "minutes from March" means the most recent March up to today."""
        number = dates.month_number(month.split()[0])
        today = self.today()
        year = today.year if number and number <= today.month else today.year - 1
        return f"{year:04d}-{number:02d}"

    def next_meeting(self) -> MeetingView | None:
        with self.uow(read=True) as repo:
            return repo.next_meeting(repo.board_id(self.board), self.today())

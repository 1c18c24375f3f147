"""Corrections to the record by the secretariat: actions, the forward plan, the next meeting.

Every correction checks one permission rule (``secretariat_only``), changes the record in one
unit of work, and leaves an audit event saying who, when, from where (``Actor.source``: chat,
card, cli, minutes) and the value before and after. Actions' events go to their history
(``show action 4``); the forward plan's and meetings' to the board's record events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from board import dates
from board.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from board.model import ActionView, Actor, MeetingView, PlanItemView, RecordEventView
from board.services import MAX_TITLE, WITHDRAWN, Clerk, action_key, not_withdrawn, plan_key

ONLY_SECRETARIAT = "Only the secretariat can correct the record; nothing was changed."
_OWNER_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.I)


def secretariat_only(clerk: Clerk, actor: Actor) -> None:
    """The one permission rule for corrections (the admin check lives in ``Clerk``)."""
    if not clerk.is_admin(actor.person):
        raise PermissionDenied(ONLY_SECRETARIAT)


def split_owners(text: str) -> list[str]:
    """ "Chris Lyons and Jade Hodgson" -> both names."""
    return [name for name in _OWNER_SPLIT.split(text.strip()) if name.strip()]


def _action_text(text: str) -> str:
    text = " ".join(text.split()).strip(" .")
    if not text:
        raise InvalidInput("The action needs some text saying what is to be done.")
    if len(text) > 2000:
        raise InvalidInput("That action text is too long (over 2000 characters).")
    return text


def _title(text: str) -> str:
    title = " ".join(text.split()).strip(" .")
    if not title:
        raise InvalidInput("The forward plan item needs a title.")
    if len(title) > MAX_TITLE:
        raise InvalidInput(f"That title is too long (over {MAX_TITLE} characters).")
    return title


@dataclass(frozen=True)
class NewAction:
    """ "send the survey results by 15 March" -> text and due date (when one is given): a day,
    or the month of a meeting ("by the March CSP")."""

    text: str
    due: date | None = None
    meeting_month: str | None = None


class Corrections:
    def __init__(self, clerk: Clerk) -> None:
        self.clerk = clerk

    @property
    def board(self) -> str:
        return self.clerk.board

    def _event(self, repo, action_id: int, kind: str, actor: Actor, note: str) -> None:
        repo.add_event(action_id, kind, actor=actor.label, source=actor.source,
                       actor_person_id=actor.person.id if actor.person else None, note=note)

    def _record(self, repo, board_id: int, subject: str, kind: str, actor: Actor,
                old: str | None, new: str | None) -> None:
        repo.add_record_event(board_id=board_id, subject=subject, kind=kind, actor=actor.label,
                              actor_person_id=actor.person.id if actor.person else None,
                              source=actor.source, old_value=old, new_value=new)

    def _current(self, repo, board_id: int, number: int) -> tuple[int, ActionView]:
        action_id = repo.action_id(board_id, number)
        if action_id is None:
            raise NotFound(f"There is no action {number} on the {self.board} log.")
        return action_id, not_withdrawn(repo.action(board_id, number))

    def _owner_pairs(self, repo, names: list[str]) -> list[tuple[int | None, str | None]]:
        if not names:
            raise InvalidInput("Please name at least one owner.")
        pairs: list[tuple[int | None, str | None]] = []
        for name in names:
            person = self.clerk._resolve(repo, name)
            if (person.id, None) not in pairs:
                pairs.append((person.id, None))
        return pairs

    # actions ------------------------------------------------------------------------------
    def parse_new_action(self, text: str) -> NewAction:
        """A trailing "by <date>" is the due date when it reads as one."""
        text = _action_text(text)
        head, sep, tail = text.rpartition(" by ")
        if sep and head.strip():
            try:
                due, month = dates.parse_due(tail, self.clerk.today())
            except InvalidInput:
                return NewAction(text)
            return NewAction(_action_text(head), due, month)
        return NewAction(text)

    def add_action(self, owners: list[str], text: str, actor: Actor) -> ActionView:
        secretariat_only(self.clerk, actor)
        new = self.parse_new_action(text)
        with self.clerk.uow() as repo:
            board_id = repo.board_id(self.board)
            pairs = self._owner_pairs(repo, owners)
            if new.meeting_month:
                meeting = repo.meeting_in_month(board_id, new.meeting_month)
                new = NewAction(new.text, meeting.date if meeting else
                                date.fromisoformat(new.meeting_month + "-01"))
            number = repo.take_action_numbers(board_id, 1)
            (action_id,) = repo.add_actions([dict(
                board_id=board_id, number=number, text=new.text, match_key=action_key(new.text),
                status="open", due_date=new.due, owners=pairs)])
            due = f", due {new.due:%d %B %Y}" if new.due else ""
            self._event(repo, action_id, "created", actor, f'added by hand: "{new.text}"{due}')
            return repo.action(board_id, number, history=True)

    def edit_text(self, number: int, text: str, actor: Actor) -> ActionView:
        secretariat_only(self.clerk, actor)
        text = _action_text(text)
        with self.clerk.uow() as repo:
            board_id = repo.board_id(self.board)
            action_id, current = self._current(repo, board_id, number)
            if current.text == text:
                raise Conflict(f"Action {number} already says that; nothing was changed.")
            repo.set_action_text(action_id, text)
            self._event(repo, action_id, "edited", actor,
                        f'text changed from "{current.text}" to "{text}"')
            return repo.action(board_id, number, history=True)

    def assign(self, number: int, owners: list[str], actor: Actor) -> ActionView:
        """The owners become exactly these people."""
        return self._set_owners(number, actor, lambda repo, action_id, current: self._owner_pairs(
            repo, owners))

    def add_owner(self, number: int, name: str, actor: Actor) -> ActionView:
        def more(repo, action_id: int, current: ActionView):
            person = self.clerk._resolve(repo, name)
            if person.id in current.owner_ids:
                raise Conflict(f"{person.name} already owns action {number}; nothing was "
                               "changed.")
            return [*repo.owner_pairs(action_id), (person.id, None)]

        return self._set_owners(number, actor, more)

    def remove_owner(self, number: int, name: str, actor: Actor) -> ActionView:
        def fewer(repo, action_id: int, current: ActionView):
            person = self.clerk._resolve(repo, name)
            if person.id not in current.owner_ids:
                raise Conflict(f"{person.name} does not own action {number}; nothing was "
                               "changed.")
            left = [pair for pair in repo.owner_pairs(action_id) if pair[0] != person.id]
            if not left:
                raise Conflict(f"{person.name} is the only owner of action {number}: assign "
                               "it to someone else instead.")
            return left

        return self._set_owners(number, actor, fewer)

    def _set_owners(self, number: int, actor: Actor, owners_of) -> ActionView:
        secretariat_only(self.clerk, actor)
        with self.clerk.uow() as repo:
            board_id = repo.board_id(self.board)
            action_id, current = self._current(repo, board_id, number)
            pairs = owners_of(repo, action_id, current)
            if pairs == repo.owner_pairs(action_id):
                raise Conflict(f"Action {number} already has those owners; nothing was changed.")
            repo.set_action_owners(action_id, pairs)
            after = repo.action(board_id, number)
            self._event(repo, action_id, "assigned", actor,
                        f"owners changed from {_names(current)} to {_names(after)}")
            return repo.action(board_id, number, history=True)

    def withdraw(self, number: int, reason: str | None, actor: Actor) -> ActionView:
        """Off every list, kept in the history with the reason."""
        secretariat_only(self.clerk, actor)
        reason = " ".join((reason or "").split())
        if not reason:
            raise InvalidInput(f'Please give a reason: "withdraw action {number} - not an '
                               'action".')
        with self.clerk.uow() as repo:
            board_id = repo.board_id(self.board)
            action_id, current = self._current(repo, board_id, number)
            if not repo.set_status(action_id, expected=current.status, new=WITHDRAWN):
                raise Conflict(f"Action {number} changed meanwhile; nothing was changed.")
            self._event(repo, action_id, WITHDRAWN, actor,
                        f"status changed from {current.status} to withdrawn: {reason}")
            return repo.action(board_id, number, history=True)

    def merge(self, number: int, into: int, actor: Actor) -> ActionView:
        """Two duplicates become one: ``number`` is withdrawn as a duplicate, its owners join
        ``into``; both histories say so."""
        secretariat_only(self.clerk, actor)
        if number == into:
            raise InvalidInput("An action cannot be merged into itself.")
        with self.clerk.uow() as repo:
            board_id = repo.board_id(self.board)
            source_id, source = self._current(repo, board_id, number)
            target_id, target = self._current(repo, board_id, into)
            pairs = repo.owner_pairs(target_id)
            pairs += [pair for pair in repo.owner_pairs(source_id) if pair not in pairs]
            if pairs != repo.owner_pairs(target_id):
                repo.set_action_owners(target_id, pairs)
            if not repo.set_status(source_id, expected=source.status, new=WITHDRAWN):
                raise Conflict(f"Action {number} changed meanwhile; nothing was changed.")
            self._event(repo, source_id, WITHDRAWN, actor,
                        f"status changed from {source.status} to withdrawn: duplicate of "
                        f"action {into}")
            after = repo.action(board_id, into)
            self._event(repo, target_id, "merged", actor,
                        f"action {number} merged into it; owners changed from "
                        f"{_names(target)} to {_names(after)}")
            return repo.action(board_id, into, history=True)

    # forward plan -------------------------------------------------------------------------
    def _plan_item(self, repo, board_id: int, title: str, month: str | None) -> PlanItemView:
        """The one item with this title (in this month, or from this month on)."""
        key = plan_key(_title(title))
        target = self.clerk.month(month) if month else None
        found = repo.plan_items_by_key(board_id, key, month=target,
                                       since=None if target else dates.month_of(
                                           self.clerk.today()))
        if not found:
            where = f" for {dates.month_label(target)}" if target else ""
            raise NotFound(f'"{title.strip()}" is not on the forward plan{where}.')
        if len(found) > 1:
            months = " and ".join(dates.month_label(i.month) for i in found)
            raise InvalidInput(f'"{title.strip()}" is on the forward plan for {months}: '
                               "say which month.")
        return found[0]

    def remove_plan_item(self, title: str, month: str | None, actor: Actor) -> PlanItemView:
        secretariat_only(self.clerk, actor)
        with self.clerk.uow() as repo:
            board_id = repo.board_id(self.board)
            item = self._plan_item(repo, board_id, title, month)
            repo.delete_plan_item(item.id)
            self._record(repo, board_id, "plan", "removed", actor, _plan_label(item), None)
            return item

    def rename_plan_item(self, title: str, month: str | None, new_title: str,
                         actor: Actor) -> tuple[PlanItemView, PlanItemView]:
        """(the item before, after)."""
        secretariat_only(self.clerk, actor)
        new_title = _title(new_title)
        with self.clerk.uow() as repo:
            board_id = repo.board_id(self.board)
            item = self._plan_item(repo, board_id, title, month)
            if item.title == new_title:
                raise Conflict(f'It is already called "{new_title}"; nothing was changed.')
            self._move_or_rename(repo, board_id, item, item.month, new_title)
            after = repo.plan_item(item.id)
            self._record(repo, board_id, "plan", "renamed", actor, _plan_label(item),
                         _plan_label(after))
            return item, after

    def move_plan_item(self, title: str, month: str | None, to_month: str,
                       actor: Actor) -> tuple[PlanItemView, PlanItemView]:
        """(the item before, after)."""
        secretariat_only(self.clerk, actor)
        target = self.clerk.month(to_month)
        with self.clerk.uow() as repo:
            board_id = repo.board_id(self.board)
            item = self._plan_item(repo, board_id, title, month)
            if item.month == target:
                raise Conflict(f'"{item.title}" is already planned for '
                               f"{dates.month_label(target)}; nothing was changed.")
            self._move_or_rename(repo, board_id, item, target, item.title)
            after = repo.plan_item(item.id)
            self._record(repo, board_id, "plan", "moved", actor, _plan_label(item),
                         _plan_label(after))
            return item, after

    def _move_or_rename(self, repo, board_id: int, item: PlanItemView, month: str,
                        title: str) -> None:
        key = plan_key(title)
        if (month, key) != (item.month, plan_key(item.title)) and repo.plan_item_exists(
                board_id, month, key):
            raise Conflict(f'"{title}" is already on the forward plan for '
                           f"{dates.month_label(month)}.")
        repo.update_plan_item(item.id, month=month, title=title, match_key=key)

    # the next meeting ---------------------------------------------------------------------
    def set_next_meeting(self, when: str, actor: Actor) -> MeetingView:
        """Schedule the next meeting on a day, or move the one scheduled to it."""
        secretariat_only(self.clerk, actor)
        day = self._meeting_day(when)
        with self.clerk.uow() as repo:
            board_id = repo.board_id(self.board)
            current = repo.next_meeting(board_id, self.clerk.today())
            if current is not None and current.date == day:
                raise Conflict(f"The next meeting is already on {day:%A %d %B %Y}; nothing "
                               "was changed.")
            if current is not None and current.status == "held":
                current = None  # minutes of a future date: not a meeting to move
            existing = repo.meeting_row(board_id, day)
            if existing is not None and existing.status == "held":
                raise Conflict(f"The meeting of {day:%d %B %Y} has minutes already.")
            repo.schedule_meeting(board_id, day, moved_from=current.date if current else None)
            self._record(repo, board_id, "meeting", "moved" if current else "scheduled", actor,
                         f"{current.date:%Y-%m-%d}" if current else None, f"{day:%Y-%m-%d}")
            return repo.next_meeting(board_id, self.clerk.today())

    def cancel_next_meeting(self, actor: Actor) -> MeetingView:
        secretariat_only(self.clerk, actor)
        with self.clerk.uow() as repo:
            board_id = repo.board_id(self.board)
            current = repo.next_meeting(board_id, self.clerk.today())
            if current is None or current.status != "scheduled":
                raise NotFound("No next meeting is scheduled; nothing was changed.")
            repo.cancel_meeting(board_id, current.date)
            self._record(repo, board_id, "meeting", "cancelled", actor,
                         f"{current.date:%Y-%m-%d}", None)
            return current

    def _meeting_day(self, when: str) -> date:
        day, month = dates.parse_due(when, self.clerk.today())
        if day is None:
            raise InvalidInput(f'"{when.strip()}" is a month, not a day; try "20 March".')
        if day < self.clerk.today():
            raise InvalidInput(f"{day:%d %B %Y} has passed; the next meeting must be later.")
        return day

    # audit ---------------------------------------------------------------------------------
    def record_events(self) -> list[RecordEventView]:
        with self.clerk.uow(read=True) as repo:
            return repo.record_events(repo.board_id(self.board))


def _names(action: ActionView) -> str:
    return ", ".join(action.owners) or "nobody"


def _plan_label(item: PlanItemView) -> str:
    return f"{dates.month_label(item.month)}: {item.title}"

"""What Clerk sends before a meeting: each owner's open actions, and a digest for the
secretariat (open, overdue and unowned actions, the forward plan for the meeting)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from board.model import ActionView, MeetingView, PlanItemView

DEFAULT_DAYS_BEFORE = 7


@dataclass(frozen=True)
class PersonReminder:
    person_id: int
    name: str
    actions: tuple[ActionView, ...]


@dataclass(frozen=True)
class Digest:
    open: tuple[ActionView, ...]
    overdue: tuple[ActionView, ...]
    unowned: tuple[ActionView, ...]  # owned by a role, or by no linked person
    plan: tuple[PlanItemView, ...]


@dataclass(frozen=True)
class ReminderPlan:
    meeting: MeetingView
    send_on: date
    people: tuple[PersonReminder, ...] = field(default=())
    digest: Digest | None = None

    def due(self, today: date) -> bool:
        return self.send_on <= today < self.meeting.date


def plan_reminders(
    meeting: MeetingView,
    open_actions: list[ActionView],
    plan: list[PlanItemView],
    today: date,
    days_before: int = DEFAULT_DAYS_BEFORE,
) -> ReminderPlan:
    """Group the open actions by person (an action with two owners reminds both)."""
    by_person: dict[int, tuple[str, list[ActionView]]] = {}
    for action in open_actions:
        for person_id, name in zip(action.owner_ids, action.owner_people, strict=True):
            by_person.setdefault(person_id, (name, []))[1].append(action)
    people = tuple(
        PersonReminder(person_id, name, tuple(actions))
        for person_id, (name, actions) in sorted(by_person.items(), key=lambda kv: kv[1][0])
    )
    digest = Digest(
        open=tuple(open_actions),
        overdue=tuple(a for a in open_actions if a.due_date and a.due_date < today),
        unowned=tuple(a for a in open_actions if not a.owner_ids),
        plan=tuple(plan),
    )
    return ReminderPlan(meeting, meeting.date - timedelta(days=days_before), people, digest)

"""Terminal tables for the CLI (Rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from board.dates import month_label
from board.model import (
    ActionView,
    EventView,
    IdentityEventView,
    MeetingView,
    PersonView,
    PlanItemView,
    RecordEventView,
)


def month(value: str) -> str:
    return month_label(value)


def actions_table(console: Console, actions: list[ActionView], *, title: str) -> None:
    if not actions:
        console.print(f"{title}: none.")
        return
    table = Table(title=f"{title} ({len(actions)})", show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("Action", overflow="fold")
    table.add_column("Owners")
    table.add_column("Status")
    table.add_column("Raised")
    for action in actions:
        table.add_row(
            str(action.number),
            action.text,
            ", ".join(action.owners) or "-",
            action.status,
            action.meeting_date.isoformat() if action.meeting_date else "-",
        )
    console.print(table)


def action_detail(console: Console, action: ActionView) -> None:
    console.print(Text.assemble((f"Action {action.number}", "bold"), f" ({action.status})"))
    console.print(action.text, highlight=False)
    console.print(f"Owners: {', '.join(action.owners) or '-'}")
    if action.meeting_date:
        item = f", item: {action.agenda_item}" if action.agenda_item else ""
        console.print(f"Raised: {action.meeting_date.isoformat()}{item}")
    if action.due_date:
        console.print(f"Due: {action.due_date.isoformat()}")
    table = Table(title="History")
    for column in ("When", "What", "Who", "From", "Note"):
        table.add_column(column)
    for event in action.history:
        source = event.source + (f" ({event.document})" if event.document else "")
        table.add_row(
            event.at.strftime("%Y-%m-%d %H:%M"), event.kind, event.actor, source, event.note or ""
        )
    console.print(table)


def audit_table(console: Console, entries: list[tuple[int, EventView]]) -> None:
    if not entries:
        console.print("No changes recorded.")
        return
    table = Table(title=f"Audit log ({len(entries)} events)")
    for column in ("When (UTC)", "Action", "Event", "Who", "From", "Note"):
        table.add_column(column)
    for number, event in entries:
        source = event.source + (f" ({event.document})" if event.document else "")
        table.add_row(
            event.at.strftime("%Y-%m-%d %H:%M:%S"),
            str(number),
            event.kind,
            event.actor,
            source,
            event.note or "",
        )
    console.print(table)


def record_events_table(console: Console, events: list[RecordEventView]) -> None:
    """Changes to the forward plan and meetings, and minutes published: before and after."""
    if not events:
        return
    table = Table(title=f"Forward plan, meetings and minutes ({len(events)} changes)")
    for column in ("When (UTC)", "What", "Event", "Who", "From", "Before", "After"):
        table.add_column(column)
    for e in events:
        table.add_row(e.at.strftime("%Y-%m-%d %H:%M:%S"), e.subject, e.kind, e.actor, e.source,
                      e.old_value or "", e.new_value or "")
    console.print(table)


def plan_table(console: Console, target: str | None, items: list[PlanItemView]) -> None:
    label = f"Forward plan for {month(target)}" if target else "Forward plan"
    if not items:
        console.print(f"{label}: nothing planned.")
        return
    table = Table(title=label)
    for column in ("Meeting", "Item", "Lead", "Added by", "From"):
        table.add_column(column)
    for item in items:
        table.add_row(month(item.month), item.title, item.lead or "-", item.added_by, item.source)
    console.print(table)


def people_table(console: Console, people: list[PersonView]) -> None:
    table = Table(title=f"People ({len(people)})")
    for column in ("Name", "Also written", "Admin", "Teams id", "Email"):
        table.add_column(column)
    for person in people:
        table.add_row(
            person.name,
            ", ".join(person.aliases) or "-",
            "yes" if person.is_admin else "",
            person.aad_object_id or "-",
            person.email or "-",
        )
    console.print(table)


def identity_audit_table(console: Console, events: list[IdentityEventView]) -> None:
    table = Table(title="Identity audit")
    for column in ("When", "Person", "What", "Old", "New", "Who", "From"):
        table.add_column(column)
    for event in events:
        table.add_row(f"{event.at:%Y-%m-%d %H:%M}", event.person, event.kind, event.old or "-",
                      event.new or "-", event.actor, event.source)
    console.print(table)


def meetings_table(console: Console, meetings: list[MeetingView]) -> None:
    table = Table(title="Meetings")
    for column in ("Date", "Time", "Venue", "Chair", "Status"):
        table.add_column(column)
    for meeting in meetings:
        table.add_row(
            meeting.date.isoformat(),
            meeting.time or "-",
            meeting.venue or "-",
            meeting.chair or "-",
            meeting.status,
        )
    console.print(table)

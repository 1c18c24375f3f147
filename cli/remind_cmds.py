"""`clerk remind --dry-run`: what Clerk would send before the next meeting."""

from __future__ import annotations

import typer
from rich.text import Text

from board.reminders import DEFAULT_DAYS_BEFORE, ReminderPlan
from cli.app import app, options, out


@app.command("remind")
def remind_cmd(
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would be sent; send nothing."),
    days: int = typer.Option(DEFAULT_DAYS_BEFORE, "--days", help="Days before the meeting."),
) -> None:
    """Reminders before the next meeting: each owner's open actions, and the secretariat's
    digest. They are sent by `clerk serve`'s scheduler; this command previews them."""
    if not dry_run:
        raise typer.BadParameter(
            "reminders are sent by `clerk serve` when they are due; use --dry-run to preview"
        )
    clerk = options.open().clerk
    reminders = clerk.reminders(days)
    if reminders is None:
        out.print("No meeting is scheduled, so there is nothing to remind anyone about.")
        return
    show(reminders, clerk.today())


def show(plan: ReminderPlan, today) -> None:
    meeting = plan.meeting
    when = "now" if plan.due(today) else f"on {plan.send_on:%A %d %B %Y}"
    out.print(
        Text.assemble((f"Next meeting: {meeting.date:%A %d %B %Y}", "bold"),
                      f"{' at ' + meeting.venue if meeting.venue else ''}. "
                      f"Reminders are due {when}."),
        highlight=False,
    )
    for person in plan.people:
        out.print(f"\nTo {person.name} ({len(person.actions)} open):", highlight=False)
        for action in person.actions:
            out.print(f"  {action.number}. {action.text}", highlight=False)
    digest = plan.digest
    out.print(
        f"\nTo the secretariat: {len(digest.open)} open, {len(digest.overdue)} overdue, "
        f"{len(digest.unowned)} without a named owner; {len(digest.plan)} forward plan items.",
        highlight=False,
    )
    for action in digest.unowned:
        owners = ", ".join(action.owners) or "no owner"
        out.print(f"  {action.number}. {action.text} ({owners})", highlight=False)
    for item in digest.plan:
        out.print(f"  plan: {item.title}", highlight=False)

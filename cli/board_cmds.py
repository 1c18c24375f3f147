"""Commands for the action log, forward plan, people and meetings."""

from __future__ import annotations

import typer

from board import wording
from board.corrections import Corrections
from board.errors import InvalidInput
from board.model import Actor
from cli import render
from cli.app import actor, app, db_app, options, out, people_app, plan_app


# actions ------------------------------------------------------------------------------
@app.command("actions")
def actions_cmd(
    owner: str = typer.Option(None, "--owner", help="Only this person's actions."),
    status: str = typer.Option("open", "--status", help="open, completed or all."),
    overdue: bool = typer.Option(False, "--overdue", help="Only open actions past their due date."),
) -> None:
    """List actions."""
    clerk = options.open().clerk
    found = clerk.overdue(owner) if overdue else clerk.actions(owner=owner, status=status)
    render.actions_table(out, found, title=_actions_title(owner, status))


def _actions_title(owner: str | None, status: str) -> str:
    which = {"all": "All", "open": "Open", "completed": "Completed"}[status]
    return f"{which} actions" + (f" for {owner}" if owner else "")


@app.command("show")
def show_cmd(number: int) -> None:
    """Show one action with its history."""
    render.action_detail(out, options.open().clerk.action(number))


@app.command("close")
def close_cmd(
    number: int,
    as_: str = typer.Option(..., "--as", help="Who is closing it."),
    note: str = typer.Option(None, "--note", help="A note for the audit trail."),
) -> None:
    """Mark an action complete."""
    done = options.open().clerk.close_action(number, actor(as_), note)
    out.print(wording.closed(done), highlight=False)


@app.command("reopen")
def reopen_cmd(
    number: int,
    as_: str = typer.Option(..., "--as", help="Who is reopening it."),
    note: str = typer.Option(None, "--note"),
) -> None:
    """Reopen a completed action."""
    done = options.open().clerk.reopen_action(number, actor(as_), note)
    out.print(wording.reopened(done), highlight=False)


@app.command("due")
def due_cmd(
    number: int,
    when: list[str],
    as_: str = typer.Option(..., "--as", help="Who is setting it."),
) -> None:
    """Set an action's due date ("15 March", "end of December", "March CSP")."""
    action = options.open().clerk.set_due_date(number, " ".join(when), actor(as_))
    out.print(f"Action {action.number} is due {action.due_date:%d %B %Y}.")


@app.command("audit")
def audit_cmd(action: int = typer.Option(None, "--action", help="Only this action.")) -> None:
    """Who changed which action, when, and from where (append-only)."""
    clerk = options.open().clerk
    render.audit_table(out, clerk.audit(action))
    if action is None:
        render.record_events_table(out, Corrections(clerk).record_events())


# forward plan -------------------------------------------------------------------------
@plan_app.command("add")
def plan_add(
    title: str,
    month: str = typer.Option(..., "--month", help="YYYY-MM or a month name."),
    lead: str = typer.Option(None, "--lead"),
    as_: str = typer.Option(..., "--as"),
) -> None:
    """Add an item to the forward plan."""
    item = options.open().clerk.add_plan_item(title, month, actor(as_), lead=lead)
    out.print(f"Added to the forward plan for {render.month(item.month)}: {item.title}")


@plan_app.command("list")
def plan_list(month: str = typer.Option(None, "--month")) -> None:
    """List the forward plan (one month, or everything from this month on)."""
    target, items = options.open().clerk.plan(month)
    render.plan_table(out, target, items)


# people -------------------------------------------------------------------------------
@people_app.command("list")
def people_list() -> None:
    """Everyone Clerk knows, with aliases and Teams links."""
    render.people_table(out, options.open().clerk.people())


@people_app.command("merge")
def people_merge(source: str, into: str) -> None:
    """Fold SOURCE into INTO (same person under two names)."""
    person = options.open().clerk.merge_people(source, into)
    out.print(f"Merged {source} into {person.name}.")


@people_app.command("link")
def people_link(
    name: str,
    aad_object_id: str = typer.Option(..., "--aad-object-id", help="The Teams user's id."),
    email: str = typer.Option(None, "--email", help="Also record their email address."),
) -> None:
    """Link a person to their Teams identity (replacing any earlier link; audited)."""
    clerk = options.open().clerk
    person = clerk.resolve_person(name)
    if email:
        clerk.record_email(person.name, email, Actor.command_line())
    person = clerk.link_identity(person.id, aad_object_id, Actor.command_line())
    out.print(f"Linked {person.name} to Teams user {person.aad_object_id}.")


@people_app.command("unlink")
def people_unlink(name: str) -> None:
    """Remove a person's link to a Teams identity (audited)."""
    person = options.open().clerk.unlink_identity(name, Actor.command_line())
    out.print(f"{person.name} is no longer linked to a Teams user.")


@people_app.command("email")
def people_email(name: str, address: str) -> None:
    """Record a person's email: a member whose Teams email or UPN is this is linked to them."""
    person = options.open().clerk.record_email(name, address, Actor.command_line())
    out.print(f"Recorded {person.email} for {person.name}.")


@people_app.command("admin")
def people_admin(
    action: str = typer.Argument(..., metavar="[add|remove] NAME",
                                 help='"add NAME", "remove NAME", or just NAME to add.'),
    name: str = typer.Argument(None, hidden=True),
    remove: bool = typer.Option(False, "--remove"),
) -> None:
    """Make a person secretariat/admin (may close anyone's actions), or remove them (audited)."""
    if name is None:
        action, name = "add", action
    if action not in ("add", "remove"):
        raise InvalidInput(f'"{action}": use clerk people admin add NAME or remove NAME.')
    value = action == "add" and not remove
    person = options.open().clerk.set_admin(name, value, Actor.command_line())
    out.print(f"{person.name} is {'now' if person.is_admin else 'no longer'} an admin.")


@people_app.command("audit")
def people_audit(name: str = typer.Argument(None, help="Only this person.")) -> None:
    """Links, emails and admin rights: who changed them, when, from where, old and new."""
    render.identity_audit_table(out, options.open().clerk.identity_audit(name))


# meetings -----------------------------------------------------------------------------
@app.command("meetings")
def meetings_cmd() -> None:
    """List meetings, held and scheduled."""
    render.meetings_table(out, options.open().clerk.meetings())


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply schema migrations (every command also does this on opening the database)."""
    opened = options.open()
    out.print(f"Database is at the newest schema: {opened.db.url.split('@')[-1]}")


@app.command("search")
def search_cmd(query: list[str]) -> None:
    """Search the minutes (agenda items; restricted items are never searched)."""
    hits = options.open().clerk.search(" ".join(query))
    if not hits:
        out.print("Nothing in the minutes matches that.")
    for hit in hits:
        out.print(f"{hit.meeting_date:%d %B %Y}: {hit.item_title}", style="bold")
        out.print(f"  {hit.snippet}", highlight=False)

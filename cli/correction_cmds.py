"""The secretariat's corrections: `clerk action ...`, `clerk plan remove/rename/move`,
`clerk meeting next set/cancel`. Each needs `--as` (a member of the secretariat) and calls
the same service, with the same sentence, as chat."""

from __future__ import annotations

import typer

from board import wording
from board.corrections import Corrections, split_owners
from cli.app import actor, app, options, out, plan_app

action_app = typer.Typer(help="Correct the action log (secretariat).", no_args_is_help=True)
meeting_app = typer.Typer(help="Meetings (secretariat).", no_args_is_help=True)
next_app = typer.Typer(help="The next meeting.", no_args_is_help=True)
app.add_typer(action_app, name="action")
app.add_typer(meeting_app, name="meeting")
meeting_app.add_typer(next_app, name="next")

AS = typer.Option(..., "--as", help="Who is making the correction (secretariat).")


def _corrections() -> Corrections:
    return Corrections(options.open().clerk)


def _say(sentence: str) -> None:
    out.print(sentence, highlight=False, markup=False)


# actions ------------------------------------------------------------------------------
@action_app.command("add")
def action_add(
    text: str,
    owner: list[str] = typer.Option(..., "--owner", help="An owner (repeat for several)."),
    as_: str = AS,
) -> None:
    """Add an action the minutes missed ("send the survey results by 15 March")."""
    names = [name for value in owner for name in split_owners(value)]
    _say(wording.added(_corrections().add_action(names, text, actor(as_))))


@action_app.command("edit")
def action_edit(number: int, text: str, as_: str = AS) -> None:
    """Change an action's text."""
    _say(wording.edited(_corrections().edit_text(number, text, actor(as_))))


@action_app.command("assign")
def action_assign(
    number: int,
    owner: list[str] = typer.Option(None, "--owner", help="The owners it should have."),
    add: list[str] = typer.Option(None, "--add", help="Add an owner."),
    remove: list[str] = typer.Option(None, "--remove", help="Remove an owner."),
    as_: str = AS,
) -> None:
    """Reassign an action (--owner, repeated), or add/remove one owner."""
    corrections, who = _corrections(), actor(as_)
    chosen = [given for given in (owner, add, remove) if given]
    if len(chosen) != 1 or (not owner and len(chosen[0]) != 1):
        raise typer.BadParameter("give --owner (one or more), or one --add, or one --remove")
    if owner:
        done = corrections.assign(number, [n for v in owner for n in split_owners(v)], who)
    elif add:
        done = corrections.add_owner(number, add[0], who)
    else:
        done = corrections.remove_owner(number, remove[0], who)
    _say(wording.owners_changed(done))


@action_app.command("withdraw")
def action_withdraw(
    number: int,
    reason: str = typer.Option(..., "--reason", help="Why (kept in the history)."),
    as_: str = AS,
) -> None:
    """Withdraw an action: off every list, kept in the history with the reason."""
    _say(wording.withdrawn(_corrections().withdraw(number, reason, actor(as_))))


@action_app.command("merge")
def action_merge(
    number: int,
    into: int = typer.Option(..., "--into", help="The action to keep."),
    as_: str = AS,
) -> None:
    """Merge a duplicate action into the one to keep."""
    _say(wording.merged(number, _corrections().merge(number, into, actor(as_))))


# forward plan -------------------------------------------------------------------------
MONTH = typer.Option(None, "--month", help="The month it is planned for, if not unique.")


@plan_app.command("remove")
def plan_remove(title: str, month: str = MONTH, as_: str = AS) -> None:
    """Remove an item from the forward plan."""
    _say(wording.plan_removed(_corrections().remove_plan_item(title, month, actor(as_))))


@plan_app.command("rename")
def plan_rename(title: str, new_title: str, month: str = MONTH, as_: str = AS) -> None:
    """Rename a forward plan item."""
    before, after = _corrections().rename_plan_item(title, month, new_title, actor(as_))
    _say(wording.plan_renamed(before.title, after))


@plan_app.command("move")
def plan_move(
    title: str,
    to: str = typer.Option(..., "--to", help="The month to move it to."),
    month: str = MONTH,
    as_: str = AS,
) -> None:
    """Move a forward plan item to another month."""
    before, after = _corrections().move_plan_item(title, month, to, actor(as_))
    _say(wording.plan_moved(before.month, after))


# the next meeting ---------------------------------------------------------------------
@next_app.command("set")
def next_set(when: list[str], as_: str = AS) -> None:
    """Schedule the next meeting on a day, or move it ("27 March 2024")."""
    _say(wording.meeting_set(_corrections().set_next_meeting(" ".join(when), actor(as_))))


@next_app.command("cancel")
def next_cancel(as_: str = AS) -> None:
    """Cancel the next meeting."""
    _say(wording.meeting_cancelled(_corrections().cancel_next_meeting(actor(as_))))

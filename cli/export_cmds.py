"""`clerk export actions|plan`: the tracker spreadsheet and the forward plan as files."""

from __future__ import annotations

from pathlib import Path

import typer

from board.errors import InvalidInput
from cli.app import app, options, out
from exports.tracker import ACTION_FORMATS, PLAN_FORMATS, export_actions, export_plan

export_app = typer.Typer(
    help="Export the action tracker or the forward plan.", no_args_is_help=True
)
app.add_typer(export_app, name="export")


def _check(fmt: str, allowed: tuple[str, ...], what: str) -> str:
    fmt = fmt.lower().lstrip(".")
    if fmt not in allowed:
        raise InvalidInput(f'{what} can be exported as {", ".join(allowed)}, not "{fmt}".')
    return fmt


def _write(data: bytes, name: str, target: Path | None) -> None:
    path = target or Path(name)
    path.write_bytes(data)
    out.print(f"Wrote {path}", highlight=False)


@export_app.command("actions")
def export_actions_cmd(
    fmt: str = typer.Option("xlsx", "--format", help="xlsx, csv or json."),
    status: str = typer.Option("all", "--status", help="open, completed or all."),
    to: Path = typer.Option(None, "--out", help="File to write (default: a dated name here)."),
) -> None:
    """The action tracker: number, action, owners, meeting raised, due, status, history."""
    fmt = _check(fmt, ACTION_FORMATS, "Actions")
    clerk = options.open().clerk
    export = export_actions(clerk.tracker(status), fmt, clerk.today())
    _write(export.data, export.file_name, to)


@export_app.command("plan")
def export_plan_cmd(
    fmt: str = typer.Option("xlsx", "--format", help="xlsx, docx or csv."),
    month: str = typer.Option(None, "--month", help="One meeting's month (default: from now on)."),
    to: Path = typer.Option(None, "--out"),
) -> None:
    """The forward plan by meeting."""
    fmt = _check(fmt, PLAN_FORMATS, "The forward plan")
    clerk = options.open().clerk
    _, items = clerk.plan(month)
    export = export_plan(items, fmt, clerk.today())
    _write(export.data, export.file_name, to)

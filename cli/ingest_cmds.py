"""`clerk extract` (print what a document says, write nothing) and `clerk ingest` (store it)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import typer
from rich.progress import track

from board.errors import InvalidInput
from cli.app import app, err, options, out
from minutes.extract import extraction_json
from minutes.ingest import ingest_files
from minutes.loader import LoadSummary
from minutes.model import NotMinutes
from minutes.parser import parse_minutes
from minutes.readers import UnreadableDocument, read_structured


def _meeting_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f'--meeting-date "{value}" is not a date; use YYYY-MM-DD.') from None


@app.command("extract")
def extract_cmd(
    path: Path,
    meeting_date: str = typer.Option(None, "--meeting-date", help="YYYY-MM-DD, if not stated."),
    board: str = typer.Option(None, "--board", help="Board name (accepted for symmetry)."),
) -> None:
    """Print what Clerk reads in one document, as JSON. Writes nothing."""
    del board  # extraction does not depend on the board
    try:
        document = read_structured(path)
        parsed = parse_minutes(document, meeting_date=_meeting_date(meeting_date))
    except (UnreadableDocument, NotMinutes) as error:
        raise InvalidInput(str(error)) from None
    json.dump(extraction_json(parsed), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


@app.command("ingest")
def ingest_cmd(
    paths: list[Path],
    board: str = typer.Option(None, "--board", help="Board name."),
    meeting_date: str = typer.Option(None, "--meeting-date", help="YYYY-MM-DD, if not stated."),
    replace: bool = typer.Option(
        False, "--replace",
        help="Let a document replace a meeting already read from another document."),
) -> None:
    """Read minutes and store their meetings, actions and forward plan."""
    opened = options.open()
    board_name = board or opened.clerk.board
    day = _meeting_date(meeting_date)
    stored = ingest_files(opened.uow, paths, board=board_name, meeting_date=day,
                          replace=replace)
    if len(paths) > 1:
        stored = track(stored, total=len(paths), description="Ingesting", console=err)
    results: list[tuple[Path, LoadSummary | Exception]] = list(stored)
    opened.db.refresh_statistics()  # the tables have grown: the planner should know
    opened.clerk.seed_admins()  # CLERK_ADMINS may name people these minutes introduced
    for path, result in results:
        _report(path, result)
    if any(isinstance(result, Exception) for _, result in results):
        raise typer.Exit(1)


def _report(path: Path, result: LoadSummary | Exception) -> None:
    if isinstance(result, Exception):
        err.print(f"{path.name}: not ingested: {result}", highlight=False)
        return
    if result.duplicate:
        out.print(f"{path.name}: already ingested; nothing changed.", highlight=False)
        return
    out.print(
        f"{path.name}: meeting {result.meeting_date}; actions {result.actions_new} new, "
        f"{result.actions_updated} updated, {result.actions_unchanged} unchanged; "
        f"forward plan {result.plan_items_new} new; {len(result.warnings)} warnings",
        highlight=False,
    )
    for change in result.changes:
        out.print(f"  changed: {change}", highlight=False, markup=False)
    for warning in result.warnings:
        out.print(f"  warning: {warning}", highlight=False)

"""Read, parse and store documents: the one path for the CLI, the demo and the benchmark."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from minutes.loader import LoadSummary, load_minutes
from minutes.parser import parse_minutes
from minutes.readers import read_document
from storage.uow import UnitOfWork


def ingest_file(
    uow: UnitOfWork, path: Path, *, board: str, meeting_date: date | None = None
) -> LoadSummary:
    """One document, one transaction: it goes in whole or not at all."""
    text, file_format = read_document(path)
    parsed = parse_minutes(text, meeting_date=meeting_date)
    with uow() as repo:
        return load_minutes(
            repo,
            board=board,
            parsed=parsed,
            file_name=path.name,
            file_format=file_format,
            data=path.read_bytes(),
            text=text,
            meeting_date=meeting_date,
        )

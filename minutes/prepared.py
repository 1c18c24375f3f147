"""A document read and parsed, ready to store: the part of ingestion that needs no database,
kept apart from storage so the processes that run it import only the readers and the parser."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from minutes.model import ParsedMinutes
from minutes.parser import parse_minutes
from minutes.readers import read_structured_data


@dataclass(frozen=True)
class Prepared:
    path: Path
    data: bytes
    text: str
    file_format: str
    parsed: ParsedMinutes


def prepare(path: Path, meeting_date: date | None = None) -> Prepared:
    data, document = read_structured_data(path)
    parsed = parse_minutes(document, meeting_date=meeting_date)
    return Prepared(path, data, document.text, document.format, parsed)

"""A document read and parsed, ready to store: the part of ingestion that needs no database,
kept apart from storage so the processes that run it import only the readers and the parser."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from minutes.model import ParsedMinutes
from minutes.parser import parse_minutes
from minutes.readers import read_document_data


@dataclass(frozen=True)
class Prepared:
    path: Path
    data: bytes
    text: str
    file_format: str
    parsed: ParsedMinutes


def prepare(path: Path, meeting_date: date | None = None) -> Prepared:
    data, text, file_format = read_document_data(path)
    return Prepared(path, data, text, file_format, parse_minutes(text, meeting_date=meeting_date))

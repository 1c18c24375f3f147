"""Action-log tables: a header row naming an action (task, detail, description) column and an
owner or status column; each data row is a candidate. Struck-through rows are completed."""

from __future__ import annotations

import re

from minutes.finders.base import Candidate, Section, cap, cell_status, plain
from minutes.finders.names import is_nil, owners_in

NAME = "table"
MAX_ROWS = 1000  # an action log longer than this is not a meeting's
_TASK = re.compile(r"^(?:actions?|action points?|tasks?|details?|description|agreed actions?)$",
                   re.I)
_OWNER = re.compile(r"^(?:owners?|resp\.?|responsib\w*|by|who|leads?|action(?:ed)? by|officers?)$",
                    re.I)
_STATUS = re.compile(r"^(?:status|progress|update|rag|done|outcome|comments?)$", re.I)
_KEY = re.compile(r"^(?:no\.?|ref\.?|#|item|number|action no\.?)$", re.I)


def _columns(header: tuple[str, ...]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for position, cell in enumerate(header):
        name = plain(cell).strip(" :").lower()
        for kind, pattern in (("task", _TASK), ("owner", _OWNER), ("status", _STATUS),
                              ("key", _KEY)):
            if kind not in columns and pattern.match(name):
                columns[kind] = position
                break
    return columns


def find(section: Section) -> list[Candidate]:
    found: list[Candidate] = []
    for index, block in enumerate(section.blocks):
        if block.kind != "table" or len(block.rows) < 2:
            continue
        columns = _columns(block.rows[0])
        if "task" not in columns or not ({"owner", "status"} & set(columns)):
            continue
        for row_number, row in enumerate(block.rows[1 : MAX_ROWS + 1], start=1):
            candidate = _row(row, columns, index, row_number in block.struck_rows)
            if candidate:
                span = block.row_spans[row_number] if row_number < len(block.row_spans) else None
                candidate.quote = section.text[span[0] : span[1]] if span else " | ".join(row)
                found.append(candidate)
    return found


def _cell(row: tuple[str, ...], columns: dict[str, int], kind: str) -> str:
    position = columns.get(kind)
    return plain(row[position]) if position is not None and position < len(row) else ""


def _row(row: tuple[str, ...], columns: dict[str, int], index: int, struck: bool
         ) -> Candidate | None:
    task = _cell(row, columns, "task")
    if len(task.split()) < 2:
        return None
    owner_cell = _cell(row, columns, "owner")
    owners = [] if is_nil(owner_cell) else (owners_in(owner_cell) or [])
    status_cell = _cell(row, columns, "status")
    status = "completed" if struck else cell_status(status_cell) if status_cell else None
    cues = {"table"} | ({"owner"} if owners else set())
    key = _cell(row, columns, "key") or None
    return Candidate(cap(task), owners, status, "", NAME, cues, index, key)

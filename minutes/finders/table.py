"""Action-log tables: a header row naming an action (task, detail, description) column and an
owner or status column; each data row is a candidate. Struck-through rows are completed."""

from __future__ import annotations

import re

from minutes.document import Block
from minutes.finders.action_list import read_item
from minutes.finders.base import Candidate, Section, cap, cell_status, plain
from minutes.finders.names import is_nil, owners_in_column

NAME = "table"
MAX_ROWS = 1000  # an action log longer than this is not a meeting's
_TASK = re.compile(r"^(?:actions?|action points?|tasks?|details?|description|agreed actions?)$",
                   re.I)
_OWNER = re.compile(r"^(?:owners?|resp\.?|responsib\w*|by|who|leads?|action(?:ed)? by|officers?)$",
                    re.I)
_STATUS = re.compile(r"^(?:status|progress|update|rag|done|outcome|comments?)$", re.I)
# Status columns that may hold any remark: with only one of these, the task column must be
# named as actions or tasks ("Detail | Comments" is a ledger, not an action log).
_REMARKS = re.compile(r"^(?:updates?|comments?)$", re.I)
_ACTION_NAMED = re.compile(r"^(?:actions?|action points?|tasks?|agreed actions?)$", re.I)
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


def is_action_log(block: Block) -> bool:
    """The table's header row names a task column and an owner or status column."""
    return (
        block.kind == "table"
        and len(block.rows) >= 2
        and _action_log(block.rows[0], _columns(block.rows[0]))
    )


def grid_action_column(block: Block) -> int | None:
    """In a minutes grid that is not an action log but has a column named for actions
    ("Discussion | Action"), that column's position."""
    if block.kind != "table" or len(block.rows) < 2 or len(block.rows[0]) < 2:
        return None
    if is_action_log(block):
        return None
    for position, cell in enumerate(block.rows[0]):
        if _ACTION_NAMED.match(plain(cell).strip(" :")):
            return position
    return None


def prose_cells(block: Block) -> list[str] | None:
    """The cells a table leaves to the prose finders, in reading order: every data cell of a
    table that is not an action log, but a grid's action column; None for an action log."""
    if block.kind != "table" or is_action_log(block):
        return None
    skip = grid_action_column(block)
    rows = block.rows[1:] if block.header or skip is not None else block.rows
    return [cell for row in rows for at, cell in enumerate(row) if at != skip]


def find(section: Section) -> list[Candidate]:
    found: list[Candidate] = []
    for index, block in enumerate(section.blocks):
        grid = grid_action_column(block)
        if grid is not None:
            found.extend(_grid_cells(block, grid, index))
            continue
        if not is_action_log(block):
            continue
        columns = _columns(block.rows[0])
        for row_number, row in enumerate(block.rows[1 : MAX_ROWS + 1], start=1):
            candidate = _row(row, columns, index, row_number in block.struck_rows)
            if candidate:
                span = block.row_spans[row_number] if row_number < len(block.row_spans) else None
                candidate.quote = section.text[span[0] : span[1]] if span else " | ".join(row)
                found.append(candidate)
    return found


def _grid_cells(block: Block, column: int, index: int) -> list[Candidate]:
    """A grid's action cells, each read as an action list's item ("Clerk to write …")."""
    found = []
    for row_number, row in enumerate(block.rows[1 : MAX_ROWS + 1], start=1):
        cell = row[column] if column < len(row) else ""
        if len(cell.split()) < 2:
            continue
        candidate = read_item(plain(cell), index)
        if candidate:
            if row_number in block.struck_rows:
                candidate.status = "completed"
            candidate.finder, candidate.quote = NAME, cell
            candidate.cues = (candidate.cues - {"action_heading"}) | {"table"}
            found.append(candidate)
    return found


def _action_log(header: tuple[str, ...], columns: dict[str, int]) -> bool:
    if "task" not in columns or not ({"owner", "status"} & set(columns)):
        return False
    if "owner" in columns:
        return True
    status_name = plain(header[columns["status"]]).strip(" :")
    return not _REMARKS.match(status_name) or bool(
        _ACTION_NAMED.match(plain(header[columns["task"]]).strip(" :"))
    )


def _cell(row: tuple[str, ...], columns: dict[str, int], kind: str) -> str:
    position = columns.get(kind)
    return plain(row[position]) if position is not None and position < len(row) else ""


def _row(row: tuple[str, ...], columns: dict[str, int], index: int, struck: bool
         ) -> Candidate | None:
    task = _cell(row, columns, "task")
    if len(task.split()) < 2:
        return None
    owner_cell = _cell(row, columns, "owner")
    owners = [] if is_nil(owner_cell) else (owners_in_column(owner_cell) or [])
    status_cell = _cell(row, columns, "status")
    status = "completed" if struck else cell_status(status_cell) if status_cell else None
    cues = {"table"} | ({"owner"} if owners else set())
    key = _cell(row, columns, "key") or None
    return Candidate(cap(task), owners, status, "", NAME, cues, index, key)

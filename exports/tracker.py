"""The action tracker and the forward plan as files: xlsx, csv, json, docx.

Only what a board member may see goes in: actions and plan items carry no restricted content
(restricted agenda items have no text in the database at all).

Text from users and documents is written so that no spreadsheet runs it (OWASP "CSV
Injection"): a cell starting with ``= + - @``, a tab or a carriage return is a formula to
Excel and LibreOffice. In CSV such a cell gets a leading ``'``; in xlsx it is stored as text
with Excel's "quote prefix" (shown as written, never evaluated, and still text when edited).
Characters XML cannot hold (control characters) are dropped from xlsx and docx.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from docx import Document as WordDocument
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from board.dates import month_label
from board.model import ActionView, EventView, PlanItemView

ACTION_COLUMNS = [
    "Number",
    "Action",
    "Owners",
    "Meeting raised",
    "Agenda item",
    "Due",
    "Status",
    "Last update",
    "History",
]
PLAN_COLUMNS = ["Meeting", "Item", "Lead", "Added by", "Source"]
WIDTHS = {"Action": 60, "History": 60, "Item": 50, "Owners": 28, "Agenda item": 30}
ACTION_FORMATS = ("xlsx", "csv", "json")
PLAN_FORMATS = ("xlsx", "docx", "csv")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Export:
    data: bytes
    file_name: str
    media_type: str


MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv",
    "json": "application/json",
}


def _event_line(event: EventView) -> str:
    where = event.document or event.source
    note = f": {event.note}" if event.note else ""
    return f"{event.at:%Y-%m-%d} {event.kind} by {event.actor} ({where}){note}"


def action_record(action: ActionView) -> dict[str, object]:
    last = action.history[-1] if action.history else None
    return {
        "Number": action.number,
        "Action": action.text,
        "Owners": ", ".join(action.owners),
        "Meeting raised": action.meeting_date.isoformat() if action.meeting_date else "",
        "Agenda item": action.agenda_item or "",
        "Due": action.due_date.isoformat() if action.due_date else "",
        "Status": action.status,
        "Last update": f"{last.at:%Y-%m-%d}" if last else "",
        "History": "\n".join(_event_line(e) for e in action.history),
    }


def plan_record(item: PlanItemView) -> dict[str, object]:
    return {
        "Meeting": month_label(item.month),
        "Item": item.title,
        "Lead": item.lead or "",
        "Added by": item.added_by,
        "Source": item.source,
    }


def export_actions(actions: Iterable[ActionView], fmt: str, today: date) -> Export:
    records = [action_record(a) for a in actions]
    name = f"action-tracker-{today.isoformat()}.{fmt}"
    if fmt == "xlsx":
        data = _xlsx("Actions", ACTION_COLUMNS, records)
    elif fmt == "csv":
        data = _csv(ACTION_COLUMNS, records)
    elif fmt == "json":
        data = json.dumps(records, indent=2, ensure_ascii=False).encode()
    else:
        raise ValueError(f"actions can be exported as {', '.join(ACTION_FORMATS)}, not {fmt}")
    return Export(data, name, MEDIA[fmt])


def export_plan(items: Iterable[PlanItemView], fmt: str, today: date) -> Export:
    items = list(items)
    records = [plan_record(i) for i in items]
    name = f"forward-plan-{today.isoformat()}.{fmt}"
    if fmt == "xlsx":
        data = _xlsx("Forward plan", PLAN_COLUMNS, records)
    elif fmt == "csv":
        data = _csv(PLAN_COLUMNS, records)
    elif fmt == "docx":
        data = _plan_docx(items)
    else:
        raise ValueError(
            f"the forward plan can be exported as {', '.join(PLAN_FORMATS)}, not {fmt}"
        )
    return Export(data, name, MEDIA[fmt])


def starts_formula(value: object) -> bool:
    """Whether a spreadsheet would read ``value`` as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def _csv_cell(value: object) -> object:
    return f"'{value}" if starts_formula(value) else value


def _xml_text(value: object) -> object:
    """``value`` without the control characters an XML document cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _xlsx(title: str, columns: list[str], records: list[dict[str, object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in records:
        sheet.append([_xml_text(record[c]) for c in columns])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if starts_formula(cell.value):  # text, also once someone edits the cell
                cell.data_type, cell.quotePrefix = "s", True
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(column, 14)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _csv(columns: list[str], records: list[dict[str, object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    writer.writerows({c: _csv_cell(v) for c, v in r.items()} for r in records)
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def _plan_docx(items: list[PlanItemView]) -> bytes:
    document = WordDocument()
    document.add_heading("Forward plan", level=1)
    by_month: dict[str, list[PlanItemView]] = {}
    for item in items:
        by_month.setdefault(item.month, []).append(item)
    if not by_month:
        document.add_paragraph("Nothing is planned.")
    for month, planned in by_month.items():
        document.add_heading(month_label(month), level=2)
        for item in planned:
            lead = f" (lead: {item.lead})" if item.lead else ""
            document.add_paragraph(_xml_text(item.title + lead), style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

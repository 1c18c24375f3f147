import csv
import io
import json
from datetime import date

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook

from board.model import Actor
from exports.tracker import export_actions, export_plan
from tests.builders import add_action, add_meeting, add_people

TODAY = date(2024, 1, 10)


@pytest.fixture
def board(app):
    add_people(app, "Jade Hodgson", "Chris Lyons")
    meeting = add_meeting(app, date(2023, 12, 6))
    add_action(app, "share the app with schools", ["Jade Hodgson"], meeting_id=meeting)
    add_action(app, "share the survey with MPS", ["Chris Lyons", "Board members"])
    jade = Actor.of(app.clerk.resolve_person("Jade Hodgson"), "chat")
    app.clerk.close_action(1, jade, "sent to all schools")
    app.clerk.add_plan_item("CCTV update", "2024-03", jade, lead="Chris Lyons")
    app.clerk.add_plan_item("VAWG strategy", "2024-06", jade)
    return app


def test_tracker_xlsx_cells(board):
    export = export_actions(board.clerk.tracker(), "xlsx", TODAY)
    assert export.file_name == "action-tracker-2024-01-10.xlsx"
    sheet = load_workbook(io.BytesIO(export.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == (
        "Number", "Action", "Owners", "Meeting raised", "Agenda item", "Due", "Status",
    )
    assert rows[1][:7] == (
        1, "share the app with schools", "Jade Hodgson", "2023-12-06", None, None, "completed",
    )
    assert "closed by Jade Hodgson (chat): sent to all schools" in rows[1][8]
    assert rows[2][2] == "Chris Lyons, Board members" and rows[2][6] == "open"
    assert sheet.freeze_panes == "A2"


def test_tracker_csv_and_json(board):
    text = export_actions(board.clerk.tracker("open"), "csv", TODAY).data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["Number"], r["Status"]) for r in rows] == [("2", "open")]
    records = json.loads(export_actions(board.clerk.tracker(), "json", TODAY).data)
    assert [r["Number"] for r in records] == [1, 2]
    assert records[0]["History"].splitlines()[0].endswith("created by Minutes (minutes)")


def test_plan_docx_and_xlsx(board):
    _, items = board.clerk.plan()
    document = WordDocument(io.BytesIO(export_plan(items, "docx", TODAY).data))
    lines = [p.text for p in document.paragraphs]
    assert lines == [
        "Forward plan", "March 2024", "CCTV update (lead: Chris Lyons)", "June 2024",
        "VAWG strategy",
    ]
    sheet = load_workbook(io.BytesIO(export_plan(items, "xlsx", TODAY).data)).active
    assert [r[:3] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        ("March 2024", "CCTV update", "Chris Lyons"), ("June 2024", "VAWG strategy", None),
    ]


def test_export_cli_writes_files_and_refuses_bad_formats(board, db_url, tmp_path, monkeypatch):
    import sys

    from cli.main import main

    def clerk(*args):
        monkeypatch.setattr(sys, "argv", ["clerk", "--db", db_url, "--today", "2024-01-10", *args])
        try:
            main()
        except SystemExit as done:
            return done.code or 0
        return 0

    target = tmp_path / "tracker.xlsx"
    assert clerk("export", "actions", "--format", "xlsx", "--out", str(target)) == 0
    assert load_workbook(target).active["B2"].value == "share the app with schools"
    assert clerk("export", "plan", "--format", "pdf", "--out", str(tmp_path / "p.pdf")) == 1
    assert not (tmp_path / "p.pdf").exists()

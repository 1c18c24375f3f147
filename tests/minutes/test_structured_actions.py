"""Actions read from the blocks of Word and HTML files: real tables with their header row,
struck rows, list items under standalone headings, and the JSON `clerk extract` prints."""

from __future__ import annotations

from docx import Document as WordDocument

from minutes.extract import extract_file
from minutes.finders.base import cell_status
from minutes.parser import parse_minutes
from minutes.prepared import prepare
from minutes.readers import read_structured, read_structured_bytes


def _table(document, rows, struck_row=None):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for number, row in enumerate(rows):
        for cell, text in zip(table.rows[number].cells, row, strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.font.strike = number == struck_row
    return table


def _actions(path):
    return [
        (a["owners"], a["text"], a["status"], a["finder"]) for a in extract_file(path)["actions"]
    ]


def test_word_action_log_table_reaches_the_table_finder(tmp_path):
    document = WordDocument()
    document.add_heading("4. Action log", level=2)
    _table(
        document,
        [
            ("No.", "Action", "Owner", "Status"),
            ("1", "Circulate the revised terms of reference", "AS", "Ongoing"),
            ("2", "Book the hall for the open day", "NO", ""),
            ("3", "Write to the highways team about the verge", "Kim Lowe", "Done"),
        ],
        struck_row=2,
    )
    document.add_heading("5. Any other business", level=2)
    document.add_paragraph("None was raised.")
    path = tmp_path / "log.docx"
    document.save(path)

    assert _actions(path) == [
        (["AS"], "Circulate the revised terms of reference", "open", "table"),
        (["NO"], "Book the hall for the open day", "completed", "table"),
        (["Kim Lowe"], "Write to the highways team about the verge", "completed", "table"),
    ]
    text = read_structured(path).text
    for action in extract_file(path)["actions"]:
        assert action["quote"] in text
        assert action["agenda_item"] == "Action log"


def test_html_table_rows_stay_one_table_under_their_item():
    page = (
        b"<h2>3. Matters arising</h2><table><tr><th>Ref</th><th>Task</th><th>Lead</th></tr>"
        b"<tr><td>7</td><td>Update the risk register</td><td>Treasurer</td></tr>"
        b"<tr><td>8</td><td>Renew the insurance policy</td><td>Clerk</td></tr></table>"
        b"<h2>4. Finance</h2><p>The accounts were noted.</p>"
    )
    parsed = parse_minutes(read_structured_bytes(page, "minutes.html"))
    assert [(a.owners, a.text, a.agenda_item) for a in parsed.actions] == [
        (["Treasurer"], "Update the risk register", "Matters arising"),
        (["Clerk"], "Renew the insurance policy", "Matters arising"),
    ]


def test_ledger_with_a_comments_column_is_not_an_action_log():
    page = (
        b"<table><tr><th>Payee</th><th>Detail</th><th>Total</th><th>Comments</th></tr>"
        b"<tr><td>Water company</td><td>Allotment water supply</td><td>40.00</td><td></td></tr>"
        b"</table>"
    )
    assert parse_minutes(read_structured_bytes(page, "payments.html")).actions == []


def test_paragraphs_standing_as_headings_frame_the_list_below(tmp_path):
    document = WordDocument()
    document.add_paragraph("Notes of the project meeting")
    document.add_paragraph("ACTIONS:")
    document.add_paragraph("Priya")
    document.add_paragraph("Draft the survey questions", style="List Bullet")
    document.add_paragraph("Sam")
    document.add_paragraph("Collect quotes for printing", style="List Bullet")
    path = tmp_path / "notes.docx"
    document.save(path)
    assert [(owners, text) for owners, text, _, _ in _actions(path)] == [
        (["Priya"], "Draft the survey questions"),
        (["Sam"], "Collect quotes for printing"),
    ]


def test_a_running_update_that_ends_closed_is_completed():
    assert cell_status("Quote received in May. Work booked. Action closed.") == "completed"
    assert cell_status("ACTION CLOSED") == "completed"
    assert cell_status("On going - not closed") == "open"
    assert cell_status("Chased again; awaiting reply") == "open"


def test_a_signature_line_is_not_an_action(tmp_path):
    document = WordDocument()
    document.add_heading("1. Matters arising", level=2)
    document.add_paragraph("ACTION: JB to send the letter")
    blank = "\u2026" * 8
    document.add_paragraph(f"Signed {blank} Date {blank} Chair, Parish Council")
    document.add_paragraph("ACTION LIST SUMMARY")
    path = tmp_path / "signed.docx"
    document.save(path)
    assert [(owners, text) for owners, text, _, _ in _actions(path)] == [
        (["JB"], "send the letter")
    ]


def test_discussion_and_action_grid():
    page = (
        b"<h2>2. Reports</h2><table><tr><th>Discussion</th><th>Action</th></tr>"
        b"<tr><td>The hall roof leaks again. Gary Beat will get two quotes for the repair."
        b"</td><td></td></tr>"
        b"<tr><td>The footpath sign is missing.</td><td>Clerk to report the sign to the county."
        b"</td></tr></table><h2>3. Any other business</h2><p>Gary Beat will attend the fair.</p>"
    )
    parsed = parse_minutes(read_structured_bytes(page, "grid.html"))
    assert [(a.owners, a.text, a.finder, a.quote) for a in parsed.actions] == [
        (["Clerk"], "report the sign to the county", "table",
         "Clerk to report the sign to the county."),
        (["Gary Beat"], "get two quotes for the repair", "commitment",
         "Gary Beat will get two quotes for the repair."),
    ]


def test_ingestion_reads_the_blocks_too(tmp_path):
    document = WordDocument()
    document.add_heading("Actions", level=2)
    _table(document, [("Action", "Owner"), ("Send the minutes to members", "Clerk")],
           struck_row=1)
    path = tmp_path / "ingest.docx"
    document.save(path)
    prepared = prepare(path)
    assert prepared.text == read_structured(path).text
    assert [(a.owners, a.text, a.status) for a in prepared.parsed.actions] == [
        (["Clerk"], "Send the minutes to members", "completed")
    ]

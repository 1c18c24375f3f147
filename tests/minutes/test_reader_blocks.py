"""Readers give blocks: tables as tables with their header row, Word's numbering, struck text,
running headers and footers gone; and the real published files read, with their labelled
action quotes in the text."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from minutes.readers import read_structured, read_structured_bytes
from minutes.readers.cleaning import clean

FILES = Path(__file__).resolve().parents[3] / "shared" / "minutes-dev" / "files"


def test_docx_blocks(tmp_path):
    document = WordDocument()
    document.add_heading("Action log", level=2)
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["No.", "Action", "Owner"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["1", "Share the survey results", "JH"],
                          strict=True):
        cell.text = text
    first = document.add_paragraph("Book the venue", style="List Number")
    document.add_paragraph("Send the agenda", style="List Number")
    done = document.add_paragraph()
    done.add_run("Order the signs").font.strike = True
    part = document.add_paragraph("Kept ")
    part.add_run("dropped").font.strike = True
    path = tmp_path / "blocks.docx"
    document.save(path)
    del first

    blocks = read_structured(path).blocks
    assert blocks[0].kind == "heading" and blocks[0].text == "Action log"
    assert blocks[0].level == 2
    assert blocks[1].kind == "table" and blocks[1].header
    assert blocks[1].rows == (("No.", "Action", "Owner"), ("1", "Share the survey results", "JH"))
    items = [(block.marker, block.text) for block in blocks if block.kind == "item"]
    assert items == [("1.", "Book the venue"), ("2.", "Send the agenda")]
    struck = [block for block in blocks if block.text == "Order the signs"]
    assert struck and struck[0].struck
    partial = next(block for block in blocks if block.text == "Kept dropped")
    assert not partial.struck and partial.struck_spans == ((5, 12),)


def test_docx_repeated_header_row_is_the_header(tmp_path):
    document = WordDocument()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "1", "2"  # no label-like words
    table.cell(1, 0).text, table.cell(1, 1).text = "3", "4"
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    row_properties.append(OxmlElement("w:tblHeader"))
    path = tmp_path / "header.docx"
    document.save(path)
    assert read_structured(path).blocks[0].header
    row_properties.remove(row_properties.find(qn("w:tblHeader")))
    document.save(path)
    assert not read_structured(path).blocks[0].header


def test_html_fragment_blocks():
    fragment = (
        b"<style>td{}</style><h3>Actions</h3><ol type='a'><li>First</li><li>Second<ul>"
        b"<li>Nested</li></ul></li></ol><table><tr><th>Action</th><th>Owner</th></tr>"
        b"<tr><td>Write the report</td><td>AB</td></tr><tr><td><del>Pay the invoice</del></td>"
        b"<td><del>CD</del></td></tr></table><p>Paid <s>twice</s> once</p>"
    )
    document = read_structured_bytes(fragment, "fragment.html")
    kinds = [(block.kind, block.marker, block.text) for block in document.blocks
             if block.kind != "table"]
    assert kinds[:4] == [("heading", None, "Actions"), ("item", "a.", "First"),
                         ("item", "b.", "Second"), ("item", "•", "Nested")]
    table = next(block for block in document.blocks if block.kind == "table")
    assert table.header and table.rows[1] == ("Write the report", "AB")
    assert table.struck_rows == frozenset({2})
    paid = document.blocks[-1]
    assert paid.text == "Paid twice once" and paid.struck_spans == ((5, 10),)
    assert "Write the report | AB" in document.text


def test_html_agenda_laid_out_in_a_table_reads_as_its_blocks():
    fragment = (
        b"<table><tr><td>3</td><td>Matters arising<ul><li>Action AB: book the hall</li>"
        b"<li>Action complete</li></ul></td><td>CD</td></tr></table>"
    )
    blocks = read_structured_bytes(fragment, "agenda.html").blocks
    assert [(block.kind, block.marker, block.text) for block in blocks] == [
        ("paragraph", None, "3"),
        ("paragraph", None, "Matters arising"),
        ("item", "•", "Action AB: book the hall"),
        ("item", "•", "Action complete"),
        ("paragraph", None, "CD"),
    ]


def test_html_list_numbers_reach_headings_and_tabs_mark_columns():
    fragment = (
        b"<ol start='3'><li><h4>Matters arising</h4>"
        b"<p>The fence would be repaired.\t\t\t <em>Clerk</em></p></li></ol>"
    )
    blocks = read_structured_bytes(fragment, "numbered.htm").blocks
    assert [(block.kind, block.text) for block in blocks] == [
        ("heading", "3. Matters arising"),
        ("paragraph", "The fence would be repaired.\tClerk"),
    ]


def test_ligatures_and_invisible_characters_are_cleaned():
    assert clean("the \ufb01nance o\ufb03ce\u200b\u00a0report") == "the finance office report"


def test_pdf_running_headers_and_footers_go(tmp_path):
    path = tmp_path / "running.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, 4):
        page.setFont("Helvetica", 10)
        page.drawString(72, 800, "Parish Council minutes - draft")
        page.drawString(72, 700, f"Item {number}: the finance officer reported.")
        page.drawString(500, 40, f"{number} | P a g e")
        page.showPage()
    page.save()
    document = read_structured(path)
    assert [block.text for block in document.blocks] == [
        f"Item {number}: the finance officer reported." for number in range(1, 4)
    ]
    assert "P a g e" not in document.text and "draft" not in document.text


def test_pdf_right_aligned_owner_stays_with_its_paragraph(tmp_path):
    path = tmp_path / "owners.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 10)
    first = "4.2 The Clerk would write to the highways department about the damaged"
    page.drawString(72, 700, first)
    page.drawRightString(540, 700, "Clerk")
    page.drawString(72, 688, "signs on the bridge.")
    page.drawString(72, 660, "4.3 The accounts were noted.")
    page.save()
    texts = [block.text for block in read_structured(path).blocks]
    assert texts == [f"{first} signs on the bridge.\tClerk", "4.3 The accounts were noted."]


def test_pdf_checkboxes_and_struck_lines(tmp_path):
    path = tmp_path / "checklist.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 10)
    tasks = ["AB to book the hall for the fair.", "CD to order new signs for the gate."]
    for row, task in enumerate(tasks):
        y = 700 - 30 * row
        page.rect(93, y - 1, 8, 8)
        page.drawString(108, y, task)
        if row == 1:  # ticked and struck through, as a checklist marks a task done
            tick = page.beginPath()
            tick.moveTo(94.5, y + 2.5)
            tick.lineTo(96, y + 0.5)
            tick.lineTo(99, y + 5)
            page.drawPath(tick)
            page.line(108, y + 3.5, 108 + page.stringWidth(task, "Helvetica", 10), y + 3.5)
    page.save()
    blocks = read_structured(path).blocks
    assert [(block.marker, block.text, block.struck) for block in blocks] == [
        ("[ ]", tasks[0], False),
        ("[x]", tasks[1], True),
    ]


def test_pdf_table_is_a_table_with_wrapped_cells_kept(tmp_path):
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    style = getSampleStyleSheet()["Normal"]
    long_update = "Quotes were requested from three builders and two have replied so far."
    data = [["No", "Action", "Owner", "Update"],
            ["1", Paragraph("Obtain quotes for the car park ramp", style), "AS",
             Paragraph(long_update, style)],
            ["2", Paragraph("Chase the sleepers", style), "NO", Paragraph("Done", style)]]
    table = Table(data, colWidths=[30, 150, 50, 150])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    path = tmp_path / "table.pdf"
    SimpleDocTemplate(str(path)).build([table])
    blocks = read_structured(path).blocks
    tables = [block for block in blocks if block.kind == "table"]
    assert len(tables) == 1 and tables[0].header
    assert tables[0].rows[1] == ("1", "Obtain quotes for the car park ramp", "AS", long_update)


# The labels quote each file as another tool extracted it, which leaves a space where a
# ligature glyph had no text ("mee ng"); this reader spells those glyphs out ("meeting").
_GAP = r"(?:\s+|\s*(?:ffi|ffl|ff|fi|fl|ft|tt|ti)\s*)"


def _quoted(quote: str, text: str) -> bool:
    return re.search(_GAP.join(map(re.escape, quote.split())), text) is not None


@pytest.mark.skipif(not FILES.is_dir(), reason="../shared/minutes-dev/files is not here")
def test_real_files_read_with_their_action_quotes():
    """Each published file reads within a few seconds, and nearly every labelled action's
    quote is in the text (a PDF whose ligatures have no text mapping loses some)."""
    found = total = 0
    for path in sorted(FILES.iterdir()):
        if path.suffix in (".json", ".md"):
            continue
        started = time.monotonic()
        document = read_structured(path)
        assert time.monotonic() - started < 20, path.name
        assert document.blocks, path.name
        text = " ".join(document.text.split())
        quotes = [action["quote"] for action in
                  json.loads(path.with_suffix(".json").read_text())["actions"]]
        total += len(quotes)
        found += sum(_quoted(quote, text) for quote in quotes)
    assert total > 100 and found / total >= 0.95

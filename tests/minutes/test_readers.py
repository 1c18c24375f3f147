"""Readers: every format gives the same extraction as the sample text; bad files say why."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from minutes.extract import extraction_json
from minutes.parser import parse_minutes
from minutes.readers import UnreadableDocument, read_document
from tests.minutes.documents import write_docx, write_html, write_pdf

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples" / "minutes").iterdir())
WRITERS = {"docx": write_docx, "pdf": write_pdf, "html": write_html}


def summary(text: str) -> dict:
    """What must survive a change of format: actions, plan, dates, agenda titles. An action's
    quote is the exact text of its own source, so it is left out: a format's spacing shows in it."""
    got = extraction_json(parse_minutes(text))
    return {
        "actions": [{k: v for k, v in a.items() if k != "quote"} for a in got["actions"]],
        "forward_plan": got["forward_plan"],
        "dates": (got["meeting_date"], got["meeting_month"], got["next_meeting"]),
        "items": got["agenda_items"],
    }


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("file_format", sorted(WRITERS))
def test_same_extraction_in_every_format(sample, file_format, tmp_path):
    text, source_format = read_document(sample)
    assert source_format == sample.suffix.lstrip(".")
    path = WRITERS[file_format](text, tmp_path / f"{sample.stem}.{file_format}")
    converted, got_format = read_document(path)
    assert got_format == file_format
    assert summary(converted) == summary(text)


def test_windows_line_endings_and_odd_spaces(tmp_path):
    sample = ROOT / "samples" / "minutes" / "lbbd-csp-2021-09.txt"
    text = sample.read_text(encoding="utf-8")
    odd = text.replace("\n", "\r\n").replace("Jade Hodgson", "Jade\u00a0Hodgson")
    path = tmp_path / "windows.txt"
    path.write_bytes(odd.encode("utf-8-sig"))
    assert summary(read_document(path)[0]) == summary(text)


def test_cp1252_text_is_read(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("ACTION: Chris Lyons to share the women\u2019s survey".encode("cp1252"))
    text, _ = read_document(path)
    assert "women\u2019s" in text


def test_docx_tables_and_headings(tmp_path):
    document = Document()
    document.add_heading("Forward Plan", level=2)
    document.add_paragraph("The board agreed the plan.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Action", "Owner"
    table.cell(1, 0).text, table.cell(1, 1).text = "Share the report", "Jade Hodgson"
    document.add_paragraph("Second point", style="List Bullet")
    path = tmp_path / "tables.docx"
    document.save(path)
    text, _ = read_document(path)
    assert text.splitlines() == [
        "## Forward Plan",
        "The board agreed the plan.",
        "Action | Owner",
        "Share the report | Jade Hodgson",
        "• Second point",
    ]


def test_html_drops_scripts_styles_and_navigation(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><style>p{color:red}</style></head><body><nav>Home</nav>"
        "<script>alert(1)</script><h2>4. Forward Plan</h2><p>One<br>Two</p>"
        "<ul><li>CCTV Update</li></ul></body></html>",
        encoding="utf-8",
    )
    text, _ = read_document(path)
    lines = [line for line in text.splitlines() if line]
    assert lines == ["## 4. Forward Plan", "One", "Two", "• CCTV Update"]


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("ACTION: Jade Hodgson to share the report.")
    document.save(buffer)
    return buffer.getvalue()


def _pdf_bytes(tmp_path: Path, **options) -> bytes:
    return write_pdf(
        "ACTION: Jade Hodgson to share the report.", tmp_path / "x.pdf", **options
    ).read_bytes()


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("empty.txt", lambda _: b"", "empty"),
        ("blank.md", lambda _: b"  \n\n ", "no text"),
        ("binary.txt", lambda _: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "binary"),
        ("noise.txt", lambda _: bytes(range(1, 9)) * 500, "non-printable"),
        ("undecodable.md", lambda _: b"\x81\x8d\x8f\x90\x9d" * 10, "not text"),
        ("truncated.docx", lambda _: _docx_bytes()[:3000], "Word document"),
        ("random.docx", lambda _: b"PK\x03\x04 not really a zip", "Word document"),
        ("truncated.pdf", lambda tmp: _pdf_bytes(tmp)[:600], "truncated"),
        ("garbage.pdf", lambda _: b"%PDF-1.4\n garbage \n%%EOF", "PDF"),
        ("locked.pdf", lambda tmp: _pdf_bytes(tmp, encrypt="pw"), "password"),
        ("minutes.xlsx", lambda _: b"whatever", "unsupported file type"),
        ("minutes", lambda _: b"whatever", "unsupported file type"),
        ("bad.html", lambda _: b"\x00\x01\x02" * 100, "binary"),
    ],
)
def test_unreadable_documents(name, make, message, tmp_path):
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    with pytest.raises(UnreadableDocument) as raised:
        read_document(path)
    text = str(raised.value)
    assert message in text and name in text and "\n" not in text


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableDocument, match="cannot be read"):
        read_document(tmp_path / "gone.txt")


def test_size_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # 20 MB, never read: the size is checked first
    with pytest.raises(UnreadableDocument, match=r"20\.0 MB is over the 10 MB limit"):
        read_document(path, max_bytes=10 * 1024 * 1024)
    bigger = tmp_path / "bigger.pdf"
    with bigger.open("wb") as handle:
        handle.truncate(26 * 1024 * 1024)
    with pytest.raises(UnreadableDocument, match="over the 25 MB limit"):
        read_document(bigger)

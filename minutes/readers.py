"""Read a minutes document into plain text: .txt, .md, .docx, .pdf, .html/.htm.

The text keeps the document's lines: Word paragraphs and table rows, PDF lines (wrapped lines
of one paragraph joined, vertical space kept as blank lines), HTML blocks. Word headings and
HTML headings become Markdown headings ("## Title") and list items "- item", so the parser
sees one layout whatever the format. Anything unreadable raises ``UnreadableDocument`` with a
one-line reason.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
}
MAX_BYTES = 25 * 1024 * 1024
# Control characters other than line breaks and tabs, and non-characters: never in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_PRINTABLE_SHARE = 0.95


class UnreadableDocument(ValueError):
    """The file cannot be read as minutes; the message says why, in one line."""


def read_document(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """(text, format) where format is "txt", "md", "docx", "pdf" or "html"."""
    _, text, file_format = read_document_data(path, max_bytes=max_bytes)
    return text, file_format


def read_document_data(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[bytes, str, str]:
    """(the file's bytes, text, format): the bytes as read, for a digest of exactly what the
    text came from."""
    path = Path(path)
    file_format = FORMATS.get(path.suffix.lower())
    if file_format is None:
        supported = ", ".join(sorted(FORMATS))
        raise UnreadableDocument(
            f"{path.name}: unsupported file type {path.suffix or '(none)'!r}; use {supported}"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UnreadableDocument(
                f"{path.name}: {size / 1_048_576:.1f} MB is over the "
                f"{max_bytes / 1_048_576:g} MB limit for one document"
            )
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(f"{path.name}: cannot be read ({error.strerror})") from None
    if not data:
        raise UnreadableDocument(f"{path.name}: the file is empty")
    reader = {"docx": _docx, "pdf": _pdf, "html": _html}.get(file_format, _decode)
    text = reader(data, path.name)
    if not text.strip():
        hint = " (a scanned PDF needs OCR first)" if file_format == "pdf" else ""
        raise UnreadableDocument(f"{path.name}: no text found{hint}")
    return data, text, file_format


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (or UTF-16 with a byte-order mark), else Windows-1252; never binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableDocument(f"{name}: not valid UTF-16 text") from None
    elif b"\x00" in data:
        raise UnreadableDocument(f"{name}: binary content, not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise UnreadableDocument(
                    f"{name}: not text in UTF-8 or Windows-1252 encoding"
                ) from None
    sample = text[:200_000]
    if sample and 1 - len(_CONTROL.findall(sample)) / len(sample) < _PRINTABLE_SHARE:
        raise UnreadableDocument(f"{name}: mostly non-printable characters, not text")
    if _SURROGATE.search(sample):
        raise UnreadableDocument(f"{name}: invalid characters, not text")
    return text


def _docx(data: bytes, name: str) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
        lines: list[str] = []
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(_docx_paragraph(Paragraph(child, document)))
            elif tag == "tbl":
                lines.extend(_docx_table(Table(child, document)))
    except Exception as error:  # python-docx raises many types for damaged packages
        raise UnreadableDocument(
            f"{name}: not a readable Word document (corrupt or truncated: {type(error).__name__})"
        ) from None
    return "\n".join(lines)


def _docx_paragraph(paragraph) -> str:
    text = paragraph.text.strip()
    if not text:
        return ""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith("Heading") and style[-1:].isdigit():
        return "#" * min(int(style[-1]), 6) + " " + text
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if numbered or style.startswith("List"):
        return "- " + text
    return text


def _docx_table(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            value = " ".join(cell.text.split())
            if not cells or cells[-1] != value:  # merged cells repeat
                cells.append(value)
        rows.append(" | ".join(c for c in cells if c))
    return rows


def _pdf(data: bytes, name: str) -> str:
    from pypdf import PdfReader

    if b"%%EOF" not in data[-2048:]:
        raise UnreadableDocument(f"{name}: not a complete PDF (truncated or corrupt)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise UnreadableDocument(f"{name}: the PDF is password-protected")
        lines: list[tuple[float, float, str]] = []  # (page, y, text)
        for number, page in enumerate(reader.pages):
            lines.extend(_pdf_page_lines(number, page))
    except UnreadableDocument:
        raise
    except Exception as error:  # pypdf raises many types for damaged files
        raise UnreadableDocument(
            f"{name}: not a readable PDF (corrupt or truncated: {type(error).__name__})"
        ) from None
    return _pdf_layout(lines)


def _opens_without_password(reader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:  # unsupported encryption: treat as protected
        return False


def _pdf_page_lines(number: int, page) -> list[tuple[float, float, str]]:
    lines: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, _font, _size):
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        for part in text.split("\n"):
            if not part.strip():
                continue
            if lines and lines[-1][0] == number and abs(lines[-1][1] - y) < 1.0:
                lines[-1] = (number, y, lines[-1][2] + part)
            else:
                lines.append((number, y, part))

    page.extract_text(visitor_text=visit)
    return lines


def _pdf_layout(lines: list[tuple[float, float, str]]) -> str:
    """Lines -> text. Vertical space of k line heights is k-1 blank lines. A line is joined to
    the one before when it is the same paragraph wrapped: normal spacing, not a list item or
    an action, and either the line before is nearly full width or it stops mid-sentence and
    this one goes on in lower case (the only join made across a page break)."""
    from minutes.actions import marker_body
    from minutes.text import clean_line, strip_list

    pairs = zip(lines, lines[1:], strict=False)
    gaps = [round(a[1] - b[1], 1) for a, b in pairs if a[0] == b[0] and a[1] > b[1]]
    usual = Counter(gaps).most_common(1)[0][0] if gaps else 0.0
    lengths = sorted(len(text.strip()) for _, _, text in lines)
    full = 0.75 * lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    out: list[str] = []
    previous_page, previous_y = -1, 0.0
    for page, y, text in lines:
        text = " ".join(text.split())
        if out:
            before = out[-1].rstrip("*_ ")
            goes_on = not before.endswith((".", ":", ";", "?", "!")) and text[:1].islower()
            if page == previous_page:
                gap = previous_y - y
                blank = round(gap / usual) - 1 if usual > 0 and gap > 0 else 0
                long_before = len(out[-1]) >= full
            else:
                blank, long_before = (0 if goes_on else 1), False
            starts_item = strip_list(text)[1] or marker_body(clean_line(text)[0]) is not None
            if blank <= 0 and not starts_item and (goes_on or long_before):
                out[-1] += " " + text
                previous_page, previous_y = page, y
                continue
            out.extend([""] * max(0, min(blank, 3)))
        out.append(text)
        previous_page, previous_y = page, y
    return "\n".join(out)


_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "ul",
        "ol",
        "table",
        "tr",
        "blockquote",
        "pre",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "address",
        "hr",
        "caption",
        "tbody",
        "thead",
        "tfoot",
    ]
)
_PARAGRAPHS = frozenset(["p", "ul", "ol", "table", "blockquote", "pre"])
_DROPPED = ("script", "style", "nav", "noscript", "template", "head", "svg", "iframe")
# Break markers, resolved after the text is taken out: a <br> adds a line break; block edges
# only guarantee one (a new line) or two (a blank line), however many meet.
_BR, _BLOCK, _PARA = "\x01", "\x02", "\x03"
_BREAKS = re.compile("[\x01\x02\x03][\x01\x02\x03 \t]*")


def _breaks(found: re.Match) -> str:
    run = found.group(0)
    return "\n" * (run.count(_BR) + (2 if _PARA in run else 1 if _BLOCK in run else 0))


def _html(data: bytes, name: str) -> str:
    from bs4 import BeautifulSoup

    markup = _decode(data, name).replace(_BR, "").replace(_BLOCK, "").replace(_PARA, "")
    try:
        soup = BeautifulSoup(markup, "html.parser")
    except Exception as error:
        raise UnreadableDocument(f"{name}: not readable HTML ({type(error).__name__})") from None
    for tag in soup.find_all(_DROPPED):
        tag.decompose()
    for string in soup.find_all(string=True):
        in_pre = string.find_parent("pre") is not None
        string.replace_with(string.replace("\n", _BR if in_pre else " "))
    for tag in soup.find_all("br"):
        tag.replace_with(_BR)
    for tag in soup.find_all(["td", "th"]):
        tag.insert_after(" | ")
    for tag in soup.find_all("li"):
        tag.insert_before(_BLOCK + "- ")
        tag.insert_after(_BLOCK)
    for level in range(1, 7):
        for tag in soup.find_all(f"h{level}"):
            tag.insert_before(_BLOCK + "#" * level + " ")
            tag.insert_after(_PARA)
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before(_BLOCK)
        tag.insert_after(_PARA if tag.name in _PARAGRAPHS else _BLOCK)
    text = _BREAKS.sub(_breaks, soup.get_text(""))
    return "\n".join(" ".join(line.split()).removesuffix(" |") for line in text.split("\n"))

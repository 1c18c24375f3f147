"""Build .docx, .pdf and .html files from sample minutes text, at test time."""

from __future__ import annotations

import html
import re
from pathlib import Path

from docx import Document
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def write_docx(text: str, path: Path) -> Path:
    """One Word paragraph per line (blank lines become empty paragraphs)."""
    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(path)
    return path


def write_pdf(text: str, path: Path, *, encrypt: str | None = None) -> Path:
    """One PDF paragraph per line, wrapped to the page; a blank line is a line of space."""
    style = getSampleStyleSheet()["Normal"]
    flow = [
        Paragraph(html.escape(line.strip()), style) if line.strip() else Spacer(1, style.leading)
        for line in text.splitlines()
    ]
    SimpleDocTemplate(str(path), encrypt=encrypt).build(flow)
    return path


def write_html(text: str, path: Path) -> Path:
    """Markdown headings in <hN>, bold in <strong>, runs of lines in <p> (lines joined by
    <br>), and a blank line kept as <br> between paragraphs."""
    out = [
        "<html><head><style>p {}</style><script>var x = 1;</script></head><body>",
        "<nav><a href='/'>Home</a> Meetings</nav>",
    ]
    paragraph: list[str] = []
    blanks = 0

    def flush() -> None:
        if paragraph:
            out.append("<p>" + "<br>\n".join(paragraph) + "</p>")
            paragraph.clear()

    for line in text.splitlines():
        if not line.strip():
            blanks += 1
            continue
        if blanks:
            flush()
            out.append("<br>" * (blanks - 1))
            blanks = 0
        heading = re.match(r"^(#{1,6}) +(.*)$", line)
        body = _BOLD.sub(r"<strong>\1</strong>", html.escape(heading.group(2) if heading else line))
        if heading:
            flush()
            level = len(heading.group(1))
            out.append(f"<h{level}>{body}</h{level}>")
        else:
            paragraph.append(body)
    flush()
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path

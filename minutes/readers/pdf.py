"""PDF into blocks with pdfplumber, which keeps the page's layout: ruled tables arrive as tables
(a wrapped cell stays in its cell instead of interleaving with the next row) and the text
around them as lines grouped into paragraphs by spacing and indentation.

Lines repeated at the top or foot of most pages (running titles, "3 | P a g e") and page
numbers are dropped; typographic ligatures are spelt out; a right-aligned column on a line
(an owner, "Clerk", set against the paragraph) stays at the end of its paragraph after a tab;
words crossed by a drawn line are struck. A table that runs onto the next page is one table.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from minutes.document import Block, Document, render_text
from minutes.readers.cleaning import clean, one_line
from minutes.readers.errors import UnreadableDocument
from minutes.readers.limits import Budget, Limits, too_many_chars
from minutes.readers.pdf_glyphs import correct_characters
from minutes.readers.tables import lays_out_text, looks_like_header

# Top and foot of a page, as a share of its height: where running headers and footers sit.
_MARGIN_ZONE = 0.12
_PAGE_NUMBER = re.compile(
    r"^[-–(\[]*(?:page)?#+(?:(?:of|/)#+)?[-–)\]]*$|^#*\|?page#*$|^page#+of#+$"
)
_ITEM = re.compile(
    r"^(?P<marker>[•▪◦●○■□➢►\-–*]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,5}[.)])\s+"
)
# A line opening with a label in capitals ("ACTION:", "RESTRICTED:") starts a paragraph.
_LABEL = re.compile(r"^[A-Z][A-Z ]{1,30}:\s")
_SENTENCE_END = (".", ":", ";", "?", "!")
_TAIL_GAP = 24.0  # points of empty space before a right-aligned column


def read_pdf(data: bytes, name: str, limits: Limits, budget: Budget) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    if b"%%EOF" not in data[-2048:]:
        raise UnreadableDocument(f"{name}: not a complete PDF (truncated or corrupt)")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = pdf.pages
            if len(pages) > limits.max_pages:
                raise UnreadableDocument(
                    f"{name}: {len(pages):,} pages, over the limit of {limits.max_pages:,} "
                    "for one document; not read"
                )
            seen = [0]  # characters so far
            glyphs = _pdfium(data)
            read = []
            try:
                for number, page in enumerate(pages, start=1):
                    if glyphs is not None and number <= len(glyphs):
                        correct_characters(page, glyphs[number - 1])
                    read.append(_read_page(page, number, name, limits, budget, seen))
                    page.close()  # drop the page's parsed objects once read
            finally:
                if glyphs is not None:
                    glyphs.close()
    except UnreadableDocument:
        raise
    except Exception as error:  # pdfminer raises many types for damaged files
        causes = (error, error.__cause__, *getattr(error, "args", ()))
        if any(isinstance(cause, PDFPasswordIncorrect) for cause in causes):
            raise UnreadableDocument(f"{name}: the PDF is password-protected") from None
        raise UnreadableDocument(
            f"{name}: not a readable PDF (corrupt or truncated: {type(error).__name__})"
        ) from None
    blocks = _assemble(read)
    return Document("pdf", render_text(blocks), blocks)


def _pdfium(data: bytes):
    """The document opened by pdfium for its glyph text, or None when pdfium cannot open it
    (pdfminer's text is used then)."""
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return None


@dataclass
class _Line:
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float
    bold: bool
    struck: bool
    tail: str = ""
    # "[ ]" or "[x]" when a drawn checkbox stands just left of the line.
    checkbox: str | None = None


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line] = field(default_factory=list)
    # (top, table block) of each ruled table, placed among the lines by its top
    tables: list[tuple[float, Block]] = field(default_factory=list)


def _read_page(page, number: int, name: str, limits: Limits, budget: Budget,
               seen: list[int]) -> _Page:
    budget.check()
    seen[0] += len(page.chars)
    if seen[0] > limits.max_chars:
        raise too_many_chars(name, limits)
    out = _Page(number, float(page.width), float(page.height))
    boxes = []
    for table in page.find_tables():
        budget.check()
        rows = [tuple(one_line(cell or "") for cell in row) for row in table.extract()]
        rows = [row for row in rows if any(row)]
        if not rows or lays_out_text(rows):
            continue
        boxes.append(table.bbox)
        out.tables.append((table.bbox[1], Block("table", rows=tuple(rows),
                                                header=looks_like_header(rows), page=number)))
    words = [
        _with_font(word) for word in page.extract_words(return_chars=True)
        if not any(_inside(word, box) for box in boxes)
    ]
    strokes = _strokes(page)
    out.lines = _with_checkboxes(_lines(words, strokes, out.width), _checkboxes(page))
    return out


def _checkboxes(page) -> list[tuple[float, float, float, float, bool]]:
    """Small squares drawn on the page, (x0, top, x1, bottom, ticked). A box is often drawn
    twice (outline and fill, nearly the same size): the outer one counts. Anything else drawn
    inside it (a tick, a cross, a smaller square) ticks it."""
    shapes = [_box(shape) for shape in (*page.rects, *page.curves)]
    squares = [shape for shape in shapes if _square(shape)]
    if not squares:
        return []
    shapes += [_box(line) for line in page.lines]
    boxes = []
    for square in squares:
        width = square[2] - square[0]
        if any(other[2] - other[0] > width and _within(square, other) for other in squares):
            continue  # inside another box: its twin outline, or a mark in it
        ticked = any(
            shape != square and _within(shape, square) and not _twin(shape, square)
            for shape in shapes
        )
        boxes.append((*square, ticked))
    return boxes


def _box(shape: dict) -> tuple[float, float, float, float]:
    return (shape["x0"], shape["top"], shape["x1"], shape["bottom"])


def _square(shape: tuple[float, float, float, float]) -> bool:
    width, height = shape[2] - shape[0], shape[3] - shape[1]
    return 5 <= width <= 16 and abs(width - height) <= 0.6


def _within(inner, outer, margin: float = 2.0) -> bool:
    return (inner[0] >= outer[0] - margin and inner[1] >= outer[1] - margin
            and inner[2] <= outer[2] + margin and inner[3] <= outer[3] + margin)


def _twin(shape, square) -> bool:
    """The same box drawn again: a square nearly as wide."""
    return _square(shape) and shape[2] - shape[0] >= 0.7 * (square[2] - square[0])


def _with_checkboxes(lines: list[_Line], boxes) -> list[_Line]:
    for line in lines:
        for _, top, x1, bottom, ticked in boxes:
            middle = (top + bottom) / 2
            if x1 <= line.x0 + 1 <= x1 + 30 and line.top - 3 <= middle <= line.bottom + 3:
                line.checkbox = "[x]" if ticked else "[ ]"
                break
    return lines


def _with_font(word: dict) -> dict:
    """The word with the font and size of most of its characters (a word is not split where
    the font changes: an apostrophe or an ordinal's "st" is often set in another)."""
    chars = word.pop("chars", [])
    if chars:
        word["fontname"] = Counter(char["fontname"] for char in chars).most_common(1)[0][0]
        word["size"] = statistics.median(char["size"] for char in chars)
    return word


def _inside(word: dict, box: tuple[float, float, float, float]) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _strokes(page) -> list[tuple[float, float, float]]:
    """Thin horizontal lines and bars drawn on the page: (x0, x1, y)."""
    out = []
    for line in page.lines:
        if abs(line["top"] - line["bottom"]) < 1.5:
            out.append((line["x0"], line["x1"], (line["top"] + line["bottom"]) / 2))
    for rect in page.rects:
        if rect["height"] < 2.5 and rect["width"] > 2:
            out.append((rect["x0"], rect["x1"], (rect["top"] + rect["bottom"]) / 2))
    return out


def _struck(word: dict, strokes: list[tuple[float, float, float]]) -> bool:
    """A line through the middle of the word (not under it, not a table rule between rows)."""
    height = word["bottom"] - word["top"]
    low, high = word["top"] + 0.3 * height, word["bottom"] - 0.25 * height
    return any(
        low <= y <= high and x0 <= word["x0"] + 1 and x1 >= word["x1"] - 1
        for x0, x1, y in strokes
    )


def _lines(words: list[dict], strokes, width: float) -> list[_Line]:
    """Words on one baseline make a line; a run of words after a wide gap that ends near
    the right margin is the line's right-aligned tail."""
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    groups: list[list[dict]] = []
    for word in words:
        if groups and abs(groups[-1][0]["top"] - word["top"]) <= 2.5:
            groups[-1].append(word)
        else:
            groups.append([word])
    lines = []
    for group in groups:
        group.sort(key=lambda w: w["x0"])
        split = None
        for index in range(1, len(group)):
            gap = group[index]["x0"] - group[index - 1]["x1"]
            if gap >= _TAIL_GAP and group[index]["x0"] >= 0.55 * width and \
                    group[-1]["x1"] >= 0.75 * width:
                split = index
        body, tail = (group[:split], group[split:]) if split else (group, [])
        text = clean(" ".join(word["text"] for word in body)).strip()
        if not text:
            continue
        sizes = [word.get("size", 0.0) for word in body]
        lines.append(_Line(
            top=min(word["top"] for word in group),
            bottom=max(word["bottom"] for word in group),
            x0=body[0]["x0"],
            x1=body[-1]["x1"],
            text=text,
            size=statistics.median(sizes) if sizes else 0.0,
            bold=all("bold" in str(word.get("fontname", "")).lower() for word in body),
            struck=bool(strokes) and all(_struck(word, strokes) for word in body),
            tail=clean(" ".join(word["text"] for word in tail)).strip(),
        ))
    return lines


def _running_lines(pages: list[_Page]) -> set[tuple[int, int]]:
    """(page, index) of lines in the top or foot zone that are page numbers or recur, digits
    aside, on at least half the pages (and two)."""
    zoned: list[tuple[int, int, str]] = []
    for page in pages:
        for index, line in enumerate(page.lines):
            if line.top < _MARGIN_ZONE * page.height or \
                    line.bottom > (1 - _MARGIN_ZONE) * page.height:
                zoned.append((page.number, index, _shape(f"{line.text} {line.tail}")))
    counts = Counter(text for _, text in {(number, text) for number, _, text in zoned})
    enough = max(2, (len(pages) + 1) // 2)
    return {
        (number, index) for number, index, text in zoned
        if counts[text] >= enough or _PAGE_NUMBER.match(text)
    }


def _shape(text: str) -> str:
    """A line with spaces removed and each number as "#": how a running line recurs."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text.lower()))


def _assemble(pages: list[_Page]) -> list[Block]:
    dropped = _running_lines(pages)
    sizes = [line.size for page in pages for line in page.lines if line.size]
    body_size = statistics.median(sizes) if sizes else 0.0
    pitch = _usual_pitch(pages)
    blocks: list[Block] = []
    for page in pages:
        lines = [line for index, line in enumerate(page.lines)
                 if (page.number, index) not in dropped]
        entries: list[tuple[float, _Line | Block]] = [(line.top, line) for line in lines]
        entries += page.tables
        entries.sort(key=lambda entry: entry[0])
        right = max((line.x1 for line in lines), default=page.width)
        paragraph: list[_Line] = []
        gap = 1  # blank lines before the paragraph being gathered
        for position, (_, entry) in enumerate(entries):
            if isinstance(entry, Block):
                _flush(paragraph, blocks, body_size, page.number, gap)
                if position == 0 and _continues(blocks, entry):
                    blocks[-1] = _joined(blocks[-1], entry)
                else:
                    blocks.append(entry)
                continue
            if paragraph and _breaks(paragraph[-1], entry, pitch, right):
                distance = entry.top - paragraph[-1].top
                _flush(paragraph, blocks, body_size, page.number, gap)
                gap = _blank_lines(distance, pitch)
            elif not paragraph:
                gap = 1
            paragraph.append(entry)
        _flush(paragraph, blocks, body_size, page.number, gap)
    return blocks


def _blank_lines(distance: float, pitch: float) -> int:
    """Blank lines that a vertical distance between two lines' tops stands for."""
    if not pitch or distance <= 1.45 * pitch:
        return 0
    return max(1, min(3, round(distance / pitch) - 1))


def _usual_pitch(pages: list[_Page]) -> float:
    """The commonest distance between one line and the next in the document: the line
    spacing of its body text."""
    pitches = Counter(
        round(b.top - a.top, 1)
        for page in pages
        for a, b in zip(page.lines, page.lines[1:], strict=False)
        if b.top > a.top + 1
    )
    return pitches.most_common(1)[0][0] if pitches else 0.0


def _breaks(before: _Line, line: _Line, pitch: float, right: float) -> bool:
    """Whether ``line`` starts a new paragraph rather than continuing ``before``: it does
    after space, at a change of size or weight, or at a list marker or checkbox; it continues
    a line that runs to the right edge or one that stops mid-sentence before lower case."""
    if line.checkbox or _ITEM.match(line.text) or _LABEL.match(line.text):
        return True
    if line.top < before.top:
        return True
    if pitch and line.top - before.top > 1.45 * pitch:
        return True
    if abs(line.size - before.size) > 1.0 or line.bold != before.bold:
        return True
    goes_on = not before.text.endswith(_SENTENCE_END) and line.text[:1].islower()
    return not (goes_on or before.x1 >= 0.85 * right)


def _flush(paragraph: list[_Line], blocks: list[Block], body_size: float, page: int,
           gap: int) -> None:
    if not paragraph:
        return
    text = " ".join(line.text for line in paragraph)
    tails = [line.tail for line in paragraph if line.tail]
    struck = all(line.struck for line in paragraph)
    first = paragraph[0]
    paragraph.clear()
    if tails:
        text = f"{text}\t{' / '.join(tails)}"
    words = len(text.split())
    larger = body_size and first.size >= 1.15 * body_size
    if (larger or first.bold) and words <= 14 and not text.endswith((".", ",")) and not tails:
        level = 1 if body_size and first.size >= 1.5 * body_size else 2 if larger else 3
        blocks.append(Block("heading", text, level=level, struck=struck, page=page,
                            gap=gap))
        return
    if first.checkbox:
        blocks.append(Block("item", text, marker=first.checkbox, struck=struck, page=page,
                            gap=gap))
        return
    found = _ITEM.match(text)
    if found:
        blocks.append(Block("item", text[found.end():], marker=found.group("marker"),
                            struck=struck, page=page, gap=gap))
        return
    blocks.append(Block("paragraph", text, struck=struck, page=page, gap=gap))


def _continues(blocks: list[Block], table: Block) -> bool:
    """A table at the top of a page that goes on from the table that ended the last page."""
    if not blocks or blocks[-1].kind != "table" or blocks[-1].page == table.page:
        return False
    return len(blocks[-1].rows[0]) == len(table.rows[0])


def _joined(before: Block, after: Block) -> Block:
    rows = after.rows
    if before.header and rows and rows[0] == before.rows[0]:
        rows = rows[1:]  # the header repeated on the new page
    return Block("table", rows=before.rows + rows, header=before.header, page=before.page)

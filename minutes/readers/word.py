"""Word .docx into blocks: headings by style or outline level, list items with the numbers and
bullets Word draws from its numbering definitions (they are not in the text), tables with a
header row (marked as repeating, or label-like), struck-through runs and paragraphs.

The package is checked before python-docx opens it: the number of parts, their size once
unpacked and the number of XML elements are capped, so a small file holding hundreds of
megabytes of XML is refused at once.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field, replace

from minutes.document import Block, Document, render_text
from minutes.readers.cleaning import clean
from minutes.readers.errors import UnreadableDocument
from minutes.readers.limits import MB, Budget, Limits, too_many_chars
from minutes.readers.numbering import format_number
from minutes.readers.tables import cell_text, lays_out_blocks, looks_like_header

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_TABLE_NESTING = 8


def read_docx(data: bytes, name: str, limits: Limits, budget: Budget) -> Document:
    check_package(data, name, limits)
    from docx import Document as open_docx

    try:
        document = open_docx(io.BytesIO(data))
        walker = _Walker(document, name, limits, budget)
        blocks = walker.blocks(document.element.body, 0)
    except UnreadableDocument:
        raise
    except Exception as error:  # python-docx raises many types for damaged packages
        raise UnreadableDocument(
            f"{name}: not a readable Word document (corrupt or truncated: {type(error).__name__})"
        ) from None
    return Document("docx", render_text(blocks), blocks)


def check_package(data: bytes, name: str, limits: Limits) -> None:
    """Refuse a package over the part, unpacked-size or element limits, reading each part no
    further than the limit allows (zipfile stops at a part's declared size)."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        parts = package.infolist()
        if len(parts) > limits.max_package_parts:
            raise UnreadableDocument(
                f"{name}: a Word package of {len(parts):,} parts, over the limit of "
                f"{limits.max_package_parts:,}; not read"
            )
        declared = sum(part.file_size for part in parts)
        if declared > limits.max_unpacked_bytes:
            raise _unpacked(name, declared, limits)
        elements = 0
        for part in parts:
            if part.filename.endswith((".xml", ".rels")):
                xml = package.read(part)
                elements += xml.count(b"<") - xml.count(b"</")
                if elements > limits.max_elements:
                    raise UnreadableDocument(
                        f"{name}: more than {limits.max_elements:,} XML elements, over the "
                        "limit for one document; not read"
                    )
    except UnreadableDocument:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError,
            NotImplementedError) as error:
        raise UnreadableDocument(
            f"{name}: not a readable Word document (corrupt or truncated: {type(error).__name__})"
        ) from None


def _unpacked(name: str, size: int, limits: Limits) -> UnreadableDocument:
    return UnreadableDocument(
        f"{name}: unpacks to {size / MB:.0f} MB, over the "
        f"{limits.max_unpacked_bytes / MB:g} MB limit for one document; not read"
    )


@dataclass
class _Level:
    style: str
    text: str
    start: int


@dataclass
class _Numbering:
    """Word's list definitions and the counters it keeps while drawing them."""

    abstract_of: dict[str, str] = field(default_factory=dict)
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    restart: dict[str, dict[int, int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, document) -> _Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        for abstract in root.iterchildren(f"{_W}abstractNum"):
            key = abstract.get(f"{_W}abstractNumId")
            numbering.levels[key] = {
                _int(level.get(f"{_W}ilvl")): _Level(
                    _val(level, "numFmt") or "decimal",
                    _val(level, "lvlText") or "",
                    _int(_val(level, "start"), 1),
                )
                for level in abstract.iterchildren(f"{_W}lvl")
            }
        for num in root.iterchildren(f"{_W}num"):
            key = num.get(f"{_W}numId")
            numbering.abstract_of[key] = _val(num, "abstractNumId") or ""
            overrides = {}
            for override in num.iterchildren(f"{_W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[_int(override.get(f"{_W}ilvl"))] = _int(start, 1)
            numbering.restart[key] = overrides
        return numbering

    def marker(self, num_id: str, level: int) -> str | None:
        """The marker Word draws for the next paragraph of list ``num_id`` at ``level``."""
        abstract = self.abstract_of.get(num_id)
        levels = self.levels.get(abstract or "", {})
        if abstract is None or level not in levels:
            return "•" if num_id not in ("", "0") else None
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.seen:
            self.seen.add(num_id)
            for restart_level, start in self.restart.get(num_id, {}).items():
                counters[restart_level] = start - 1
        definition = levels[level]
        counters[level] = counters.get(level, definition.start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]
        if definition.style == "bullet":
            return "•"
        if definition.style == "none":
            return None
        text = definition.text
        for shown in range(level, -1, -1):
            placeholder = f"%{shown + 1}"
            if placeholder in text:
                own = levels.get(shown, definition)
                value = counters.get(shown, own.start)
                text = text.replace(placeholder, format_number(value, own.style))
        return text.strip() or None


class _Walker:
    def __init__(self, document, name: str, limits: Limits, budget: Budget) -> None:
        self.document = document
        self.name, self.limits, self.budget = name, limits, budget
        self.numbering = _Numbering.of(document)
        self.chars = 0

    def blocks(self, container, nesting: int) -> list[Block]:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        out: list[Block] = []
        spaced = 0  # empty paragraphs since the last block: blank lines in the text
        for child in container.iterchildren():
            self.budget.check()
            tag = child.tag
            found: list[Block] = []
            if tag == f"{_W}p":
                block = self.paragraph(Paragraph(child, self.document))
                if block is None:
                    spaced += 1
                    continue
                found = [block]
            elif tag == f"{_W}tbl" and nesting < _MAX_TABLE_NESTING:
                found = self.table(Table(child, self.document), nesting + 1)
            elif tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    found = self.blocks(content, nesting)
            if found:
                out.append(replace(found[0], gap=spaced))
                out.extend(found[1:])
                spaced = 0
        return out

    def paragraph(self, paragraph) -> Block | None:
        text, struck, spans = self._runs(paragraph)
        if not text.strip():
            return None
        level = _heading_level(paragraph)
        number = self._number(paragraph)
        if level:
            marker = number[1] if number and number[1] != "•" else None
            if marker:
                text = f"{marker} {text}"
            return Block("heading", text, level=level, marker=marker, struck=struck)
        if number is not None:
            depth, marker = number
            return Block("item", text, level=depth, marker=marker, struck=struck,
                         struck_spans=spans)
        style = _style_name(paragraph)
        if style.startswith("List"):
            return Block("item", text, marker="•", struck=struck, struck_spans=spans)
        return Block("paragraph", text, struck=struck, struck_spans=spans)

    def table(self, table, nesting: int) -> list[Block]:
        rows: list[tuple[str, ...]] = []
        cell_blocks: list[list[Block]] = []
        struck_rows: set[int] = set()
        bold_rows: list[bool] = []
        read: dict[object, list[Block]] = {}  # a merged cell repeats: read it once
        for row in table.rows:
            self.budget.check()
            texts: list[str] = []
            row_struck, row_bold, row_filled = True, True, False
            for cell in row.cells:
                blocks = read.get(cell._tc)
                if blocks is None:
                    blocks = read[cell._tc] = self.blocks(cell._tc, nesting)
                cell_blocks.append(blocks)
                texts.append(cell_text(blocks))
                for block in blocks:
                    row_filled = True
                    row_struck &= block.struck
                row_bold &= _all_bold(cell)
            if row_filled and row_struck:
                struck_rows.add(len(rows))
            rows.append(tuple(texts))
            bold_rows.append(row_bold and row_filled)
        if not rows:
            return []
        repeated = _repeats_header(table)
        styled = len(bold_rows) > 1 and bold_rows[0] and not bold_rows[1]
        header = repeated or styled or looks_like_header(rows)
        if lays_out_blocks(rows, cell_blocks, header):
            return [block for cell in _distinct(cell_blocks) for block in cell]
        return [Block("table", rows=tuple(rows), header=header,
                      struck_rows=frozenset(struck_rows))]

    def _runs(self, paragraph) -> tuple[str, bool, tuple[tuple[int, int], ...]]:
        """(text, all struck, struck spans) from the paragraph's runs, links included."""
        from docx.text.hyperlink import Hyperlink

        pieces: list[tuple[str, bool]] = []
        for item in paragraph.iter_inner_content():
            runs = item.runs if isinstance(item, Hyperlink) else [item]
            for run in runs:
                font = run.font
                pieces.append((clean(run.text), bool(font.strike or font.double_strike)))
        text = "".join(piece for piece, _ in pieces)
        self.chars += len(text)
        if self.chars > self.limits.max_chars:
            raise too_many_chars(self.name, self.limits)
        lead = len(text) - len(text.lstrip())
        spans: list[tuple[int, int]] = []
        position = -lead
        for piece, struck in pieces:
            if struck and piece.strip():
                start, end = max(0, position), max(0, position + len(piece))
                if spans and spans[-1][1] == start:
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
            position += len(piece)
        text = text.strip()
        visible = [piece for piece, _ in pieces if piece.strip()]
        whole = bool(visible) and all(struck for piece, struck in pieces if piece.strip())
        spans = [(start, min(end, len(text))) for start, end in spans if start < len(text)]
        return text, whole, () if whole else tuple(spans)

    def _number(self, paragraph) -> tuple[int, str | None] | None:
        """(list depth, marker) when Word numbers or bullets the paragraph."""
        found = _num_properties(paragraph)
        if found is None:
            return None
        num_id, level = found
        if num_id in ("", "0"):
            return None
        return level, self.numbering.marker(num_id, level)


def _num_properties(paragraph) -> tuple[str, int] | None:
    """(numId, level) from the paragraph, else from its style and the styles it is based on."""
    properties = paragraph._p.pPr
    num = properties.numPr if properties is not None else None
    level = None
    if num is not None:
        level = num.ilvl.val if num.ilvl is not None else None
        if num.numId is not None:
            return str(num.numId.val), int(level or 0)
    style = paragraph.style
    for _ in range(10):  # a style's base chain, bounded against loops
        if style is None:
            break
        style_properties = style.element.pPr
        style_num = style_properties.numPr if style_properties is not None else None
        if style_num is not None and style_num.numId is not None:
            if level is None and style_num.ilvl is not None:
                level = style_num.ilvl.val
            return str(style_num.numId.val), int(level or 0)
        style = style.base_style
    return None


def _heading_level(paragraph) -> int:
    name = _style_name(paragraph)
    if name == "Title":
        return 1
    if name.startswith("Heading") and name[-1:].isdigit():
        return min(int(name.split()[-1]) if name.split()[-1].isdigit() else 1, 6)
    properties = paragraph._p.pPr
    outline = properties.find(f"{_W}outlineLvl") if properties is not None else None
    if outline is not None:
        value = _int(outline.get(f"{_W}val"), 9)
        if value < 9:
            return min(value + 1, 6)
    return 0


def _style_name(paragraph) -> str:
    try:
        style = paragraph.style
    except (KeyError, ValueError):
        return ""
    return (style.name if style is not None else "") or ""


def _repeats_header(table) -> bool:
    """Word's "repeat as header row" on the first row."""
    first = table._tbl.find(f"{_W}tr")
    if first is None:
        return False
    properties = first.find(f"{_W}trPr")
    return properties is not None and properties.find(f"{_W}tblHeader") is not None


def _all_bold(cell) -> bool:
    runs = [run for paragraph in cell.paragraphs for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _distinct(cells: list[list[Block]]) -> list[list[Block]]:
    """Merged cells repeat in python-docx's rows; layout keeps each once, in order."""
    out: list[list[Block]] = []
    for cell in cells:
        if cell and (not out or out[-1] != cell):
            out.append(cell)
    return out


def _val(element, child: str) -> str | None:
    found = element.find(f"{_W}{child}")
    return None if found is None else found.get(f"{_W}val")


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value or "")
    except ValueError:
        return default

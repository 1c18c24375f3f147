"""HTML pages and fragments (no <html> needed) into blocks.

libxml2's HTML parser (through lxml) builds the tree in time linear in the file, closing what
authors leave open, and refuses nesting past its limit; a small builder then walks the tree
once, start and end of each element, and refuses nesting past ours. Headings,
paragraphs, list items (with the numbers an <ol> shows but does not write) and tables (cells,
with <th> or a label-like first row as the header) become blocks; <s>, <del>, <strike> and
``text-decoration: line-through`` mark text as struck. Scripts, styles and navigation are
dropped. A table of one column only lays out text: its cells are read as paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from minutes.document import Block, Document, render_text
from minutes.readers.cleaning import clean
from minutes.readers.errors import UnreadableDocument
from minutes.readers.limits import Budget, Limits, too_many_chars
from minutes.readers.numbering import format_number
from minutes.readers.plain import decode
from minutes.readers.tables import cell_text, lays_out_blocks, looks_like_header

_SKIPPED = frozenset(
    ["script", "style", "noscript", "template", "head", "svg", "iframe", "nav", "title", "object"]
)
_BREAKING = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
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
        "center",
        "details",
        "summary",
    ]
)
# Elements followed by a blank line in the text, as a browser leaves space after them.
_SPACED = frozenset(["p", "ul", "ol", "table", "blockquote", "pre"])
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_STRUCK_TAGS = frozenset(["s", "del", "strike"])
_LINE_THROUGH = re.compile(r"text-decoration[^;]*line-through", re.IGNORECASE)
_ORDERED_TYPES = {
    "1": "decimal",
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
}
_CHECK_EVERY = 512


def read_html(data: bytes, name: str, limits: Limits, budget: Budget) -> Document:
    from lxml import etree

    markup = decode(data, name)
    parser = etree.HTMLParser(recover=True, no_network=True, remove_comments=True,
                              remove_pis=True)
    try:
        root = etree.fromstring(markup, parser) if markup.strip() else None
    except (etree.LxmlError, ValueError) as error:
        raise UnreadableDocument(f"{name}: not readable HTML ({type(error).__name__})") from None
    if any("RESOURCE_LIMIT" in entry.type_name or "Excessive depth" in entry.message
           for entry in parser.error_log):
        raise too_deep(name, limits)
    builder = _Builder(name, limits, budget)
    if root is not None:
        for event, element in etree.iterwalk(root, events=("start", "end")):
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if event == "start":
                if tag:
                    builder.start(tag, dict(element.attrib))
                    builder.data(element.text)
            else:
                if tag:
                    builder.end(tag)
                builder.data(element.tail)
    blocks = builder.finish()
    return Document("html", render_text(blocks), blocks)


def too_deep(name: str, limits: Limits) -> UnreadableDocument:
    return UnreadableDocument(
        f"{name}: HTML nested more than {limits.max_depth} elements deep; not read"
    )


@dataclass
class _Run:
    """Inline text being gathered for one block: its pieces and which are struck."""

    pieces: list[tuple[str, bool]] = field(default_factory=list)
    visible: bool = False

    def add(self, text: str, struck: bool) -> None:
        self.pieces.append((text, struck))
        self.visible = self.visible or not text.isspace()

    def take(self) -> tuple[str, tuple[tuple[int, int], ...], bool]:
        """(text with whitespace collapsed per line, struck spans, whole text struck)."""
        text = "".join(piece for piece, _ in self.pieces)
        struck = bytearray(len(text))
        start = 0
        for piece, is_struck in self.pieces:
            if is_struck:
                struck[start : start + len(piece)] = b"\x01" * len(piece)
            start += len(piece)
        self.pieces.clear()
        self.visible = False
        return _tidy(text, struck)


@dataclass
class _List:
    ordered: bool
    style: str
    next_number: int


@dataclass
class _Table:
    rows: list[list[list[Block]]] = field(default_factory=list)
    heading_row: list[bool] = field(default_factory=list)
    in_row: bool = False


@dataclass
class _Open:
    tag: str
    struck: bool = False
    skipped: bool = False
    preformatted: bool = False


class _Builder:
    """Blocks from the start and end of each element and the text between, in order."""

    def __init__(self, name: str, limits: Limits, budget: Budget) -> None:
        self.name, self.limits, self.budget = name, limits, budget
        self.open: list[_Open] = []
        self.struck = self.skipped = self.preformatted = 0
        self.run = _Run()
        self.pending: tuple[str, int, str | None] = ("paragraph", 0, None)
        # Where finished blocks go: the document, or the cell being read.
        self.containers: list[list[Block]] = [[]]
        self.lists: list[_List] = []
        self.tables: list[_Table] = []
        self.events = 0
        self.chars = 0
        # Blank lines since the last block: after a paragraph-like element, or <br>s between.
        self.spaced = 0

    # -- events -----------------------------------------------------------------------------

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        self._tick()
        if tag == "br":
            if self.run.visible:
                self._text("\n", raw=True)
            else:  # a break between blocks: a blank line
                self.spaced += 1
            return
        struck = tag in _STRUCK_TAGS or bool(_LINE_THROUGH.search(attributes.get("style", "")))
        entry = _Open(tag, struck, tag in _SKIPPED, tag == "pre")
        if len(self.open) >= self.limits.max_depth:
            raise too_deep(self.name, self.limits)
        self.open.append(entry)
        self.struck += struck
        self.skipped += entry.skipped
        self.preformatted += entry.preformatted
        if self.skipped:
            return
        self._start(tag, attributes)

    def end(self, tag: str) -> None:
        self._tick()
        if tag != "br" and self.open:
            self._pop()

    def data(self, text: str | None) -> None:
        if text and not self.skipped:
            self._text(text)

    def finish(self) -> list[Block]:
        while self.open:
            self._pop()
        self._flush()
        while self.tables:
            self._end_table()
        return self.containers[0]

    # -- structure --------------------------------------------------------------------------

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag in _HEADINGS:
            # A heading that opens a numbered list item carries the item's number.
            kind, _, marker = self.pending
            carried = marker if kind == "item" and not self.run.visible and marker != "•" else None
            self._flush()
            self.spaced = max(self.spaced, 1)
            self.pending = ("heading", _HEADINGS[tag], carried)
        elif tag in ("ul", "ol", "menu"):
            self._flush()
            ordered = tag == "ol"
            style = _ORDERED_TYPES.get(attributes.get("type", "1"), "decimal")
            self.lists.append(_List(ordered, style, _number(attributes.get("start"), 1)))
        elif tag == "li":
            self._flush()
            current = self.lists[-1] if self.lists else _List(False, "bullet", 1)
            marker = "•"
            if current.ordered:
                number = _number(attributes.get("value"), current.next_number)
                marker = format_number(number, current.style) + "."
                current.next_number = number + 1
            self.pending = ("item", max(0, len(self.lists) - 1), marker)
        elif tag == "table":
            self._flush()
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self._end_row()
            self.tables[-1].rows.append([])
            self.tables[-1].heading_row.append(True)
            self.tables[-1].in_row = True
        elif tag in ("td", "th") and self.tables:
            table = self.tables[-1]
            if not table.in_row:
                table.rows.append([])
                table.heading_row.append(True)
                table.in_row = True
            self._flush()
            table.heading_row[-1] &= tag == "th"
            self.containers.append([])
        elif tag in _BREAKING:
            self._flush()

    def _end(self, tag: str) -> None:
        if tag in _SPACED or tag in _HEADINGS:
            self._flush()
            self.spaced = max(self.spaced, 1)
        if tag in _HEADINGS or tag == "li" or tag in _BREAKING:
            self._flush()
        elif tag in ("ul", "ol", "menu"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag in ("td", "th") and self.tables and len(self.containers) > 1:
            self._flush()
            cell = self.containers.pop()
            self.tables[-1].rows[-1].append(cell)
        elif tag == "tr" and self.tables:
            self._end_row()
        elif tag == "table" and self.tables:
            self._end_table()

    def _pop(self) -> None:
        entry = self.open.pop()
        self.struck -= entry.struck
        self.skipped -= entry.skipped
        self.preformatted -= entry.preformatted
        if not entry.skipped and not self.skipped:
            self._end(entry.tag)

    def _end_row(self) -> None:
        table = self.tables[-1]
        if len(self.containers) > 1 and table.in_row:
            # a cell left open when its row ends
            while len(self.containers) > len(self.tables):
                self._flush()
                table.rows[-1].append(self.containers.pop())
        table.in_row = False

    def _end_table(self) -> None:
        self._flush()
        table = self.tables[-1]
        if len(self.containers) > len(self.tables):
            self._end_row()
        self.tables.pop()
        rows = [row for row in table.rows if row]
        heading_flags = [
            flag for row, flag in zip(table.rows, table.heading_row, strict=True) if row
        ]
        if not rows:
            return
        texts = [tuple(cell_text(cell) for cell in row) for row in rows]
        header = heading_flags[0] or looks_like_header(texts)
        if lays_out_blocks(texts, [cell for row in rows for cell in row], header):
            for row in rows:
                for cell in row:
                    self.containers[-1].extend(cell)
            return
        struck_rows = frozenset(
            index
            for index, row in enumerate(rows)
            if any(block.text or block.rows for cell in row for block in cell)
            and all(block.struck for cell in row for block in cell)
        )
        self.containers[-1].append(
            Block("table", rows=tuple(texts), header=header, struck_rows=struck_rows)
        )

    # -- text -------------------------------------------------------------------------------

    def _text(self, data: str, raw: bool = False) -> None:
        if not raw and not self.preformatted:
            data = " ".join(data.split("\n"))
        self.chars += len(data)
        if self.chars > self.limits.max_chars:
            raise too_many_chars(self.name, self.limits)
        self.run.add(clean(data), self.struck > 0)

    def _flush(self) -> None:
        text, spans, struck = self.run.take()
        kind, level, marker = self.pending
        self.pending = ("paragraph", 0, None)
        if not text:
            return
        if kind == "heading" and marker:
            text = f"{marker} {text}"
        self.containers[-1].append(
            Block(
                kind,
                text,
                level=level,
                marker=marker,
                struck=struck,
                struck_spans=() if struck else spans,
                gap=self.spaced,
            )
        )
        self.spaced = 0

    def _tick(self) -> None:
        self.events += 1
        if self.events % _CHECK_EVERY == 0:
            self.budget.check()


def _number(value: str | None, default: int) -> int:
    try:
        return max(0, min(int(value or ""), 1_000_000))
    except ValueError:
        return default


_WHITESPACE = re.compile(r"[ \t\r\f\v]+")


def _tidy(text: str, struck: bytearray) -> tuple[str, tuple[tuple[int, int], ...], bool]:
    """Collapse runs of spaces within each line (to a tab where the run has one: authors
    align columns with tabs) and trim the lines, keeping struck spans on the same
    characters; a text struck in all its visible characters is struck whole."""
    keep: list[int] = []  # for each kept character, its index in ``text``
    out: list[str] = []
    lines = text.split("\n")
    offset = 0
    for number, line in enumerate(lines):
        if number and out and out[-1] != "\n":
            out.append("\n")
            keep.append(offset - 1)
        last_space = True
        for index, char in enumerate(line):
            is_space = bool(_WHITESPACE.fullmatch(char))
            if is_space and last_space:
                if char == "\t" and out and out[-1] == " ":
                    out[-1] = "\t"
                continue
            out.append(("\t" if char == "\t" else " ") if is_space else char)
            keep.append(offset + index)
            last_space = is_space
        while out and out[-1] in (" ", "\t", "\n"):
            out.pop()
            keep.pop()
        offset += len(line) + 1
    result = "".join(out)
    if not result:
        return "", (), False
    struck_at = [bool(struck[source]) for source in keep]
    visible = [flag for flag, char in zip(struck_at, result, strict=True) if not char.isspace()]
    if visible and all(visible):
        return result, (), True
    merged: list[tuple[int, int]] = []
    for position, flag in enumerate(struck_at):
        if not flag:
            continue
        if merged and merged[-1][1] == position:
            merged[-1] = (merged[-1][0], position + 1)
        else:
            merged.append((position, position + 1))
    return result, tuple(merged), False

"""Plain text or Markdown -> blocks (``minutes.document.Block``), each with its source span.

Recognised: Markdown headings ("## Actions"), lines that stand alone as headings (a short
Title Case or ALL CAPS line, a bold-only line, "Actions:" over a list), list items (bullets,
numbers, letters, roman numerals, "[ ]" / "[x]" checkboxes, with "~~struck~~" text), paragraphs
(wrapped lines joined), owner tags on a line of their own ("Action: RP", "Action By: TB / ALL")
as one-line paragraphs, and flattened tables: pipe tables, tab-separated rows, " / "-separated
rows under a header naming action-log columns, and one cell per line under such a header.

Every pattern is anchored or applied to one bounded line, so the cost stays linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from minutes.document import Block, BlockKind

MAX_LINE_CHARS = 5000
_MAX_CELL_CHARS = 400
_MAX_HEADING_CHARS = 100
_MAX_COLUMNS = 8

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^(\*\*|__)([^*_]{1,100})\1:?$")
# Bullets, "1." / "1)" / "(a)" / "a)" / "iv." labels, "2.4:" numbers, then an optional checkbox.
_ITEM = re.compile(
    r"^(?P<marker>(?:[-*+\u2022\u00b7\u25aa\u25e6\u25a0\u25ba\u2013\u2043\u27a2\u2192\uf0a7\uf0b7]"
    r"|o(?= )|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]|\d{1,3}\\\.)"
    r"(?:\s+\[[ xX]\])?|\[[ xX]\])(?:\s+|$)"
)
_CHECKBOX = re.compile(r"\[([ xX])\]$")
_MARKER_START = re.compile(
    r"^(?:\*\*|__)?(?:(?:agreed +)?(?:actions?|done)(?: +(?:by|points?))?(?: *[\w.]{1,8})? *"
    r"[:\-\u2013\u2014]|ACTIONS? +[A-Z])",
    re.I,
)
_STRUCK = re.compile(r"^~~(.+)~~[.\s]*$")
_TAG_LINE = re.compile(
    r"^(?:\*\*|__)?(?:actions?(?: +by)?|done|owner|lead|responsible)(?:\*\*|__)?\s*[:\-\u2013]?\s*"
    r"(?:\*\*|__)?[A-Z][A-Za-z.'\u2019]*(?:\s*(?:/|,|&|and)\s*[A-Z][A-Za-z.'\u2019]*){0,5}"
    r"(?:\*\*|__)?\s*$",
    re.I,
)
_COLUMN_NAMES = frozenset(
    [
        "no",
        "no.",
        "ref",
        "ref.",
        "#",
        "item",
        "action",
        "actions",
        "action point",
        "task",
        "detail",
        "details",
        "description",
        "owner",
        "owners",
        "resp",
        "resp.",
        "responsible",
        "responsibility",
        "by",
        "who",
        "lead",
        "action by",
        "actioned by",
        "due",
        "due date",
        "deadline",
        "date",
        "target date",
        "when",
        "by when",
        "status",
        "progress",
        "update",
        "comments",
        "rag",
        "done",
        "outcome",
    ]
)
_SEPARATOR_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")


@dataclass(frozen=True)
class _Line:
    text: str  # without the line break, cut at MAX_LINE_CHARS
    start: int
    end: int

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())


def _lines(text: str) -> list[_Line]:
    out, start = [], 0
    for raw in text.split("\n"):
        end = start + len(raw)
        body = raw[:MAX_LINE_CHARS].rstrip("\r")
        out.append(_Line(body.replace("\u00a0", " "), start, start + len(body)))
        start = end + 1
    return out


def is_column_name(cell: str) -> bool:
    return len(cell) < 40 and cell.strip(" *_:").lower() in _COLUMN_NAMES


def _pipe_cells(line: str) -> list[str] | None:
    if "|" not in line:
        return None
    body = line.strip()
    if body.count("|") < 2 and not (body.count("|") == 1 and " | " in body):
        return None
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [cell.strip()[:_MAX_CELL_CHARS] for cell in body.split("|")]


def _tab_cells(line: str) -> list[str] | None:
    if "\t" not in line.strip():
        return None
    cells = [cell.strip() for cell in re.split(r"\t+", line.strip())]
    return cells if len(cells) >= 2 else None


def _slash_cells(line: str) -> list[str] | None:
    if " / " not in line:
        return None
    cells = [cell.strip() for cell in line.strip().split(" / ")]
    return cells if len(cells) >= 3 else None


def _header_like(cells: list[str]) -> bool:
    named = sum(1 for cell in cells if is_column_name(cell))
    return named >= 2 and named * 2 >= len(cells)


def _item_start(line: str) -> re.Match[str] | None:
    return _ITEM.match(line.strip())


def is_tag_line(line: str) -> bool:
    """A line that only names who does an action: "Action: RP", "Action By: TB / ALL"."""
    return len(line) <= 80 and bool(_TAG_LINE.match(line.strip()))


def _heading_text(line: str) -> str | None:
    """The heading a standalone line makes, or None."""
    body = line.strip()
    found = _MD_HEADING.match(body)
    if found:
        return found.group(2).strip(" *_") or None
    found = _BOLD_LINE.match(body)
    if found:
        return found.group(2).strip()
    return None


def _title_line(line: str) -> bool:
    """A short line in ALL CAPS or Title Case with no closing full stop."""
    body = line.strip().rstrip(":")
    if not body or len(body) > _MAX_HEADING_CHARS or body[-1] in ".,;?!" or not body[0].isalpha():
        return False
    words = [w for w in body.split() if w[:1].isalpha()]
    if not words or len(words) > 12:
        return False
    small = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to"}
    significant = [w for w in words if w.lower() not in small]
    if not significant:
        return False
    return sum(w[0].isupper() for w in significant) == len(significant)


def promote_headings(blocks: list[Block]) -> list[Block]:
    """A reader's blocks with paragraphs that stand as headings made headings, by the rules
    plain text follows: a short title line ending in ":" ("ACTIONS:", "Matters arising:"),
    or a title line or a line ending in ":" that introduces a list."""
    out: list[Block] = []
    for index, block in enumerate(blocks):
        body = block.text.strip()
        if block.kind != "paragraph" or not body or is_tag_line(body) or _item_start(body):
            out.append(block)
            continue
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        text = body.rstrip(":").strip()
        if body.endswith(":") and len(body.split()) <= 5 and _title_line(body):
            out.append(replace(block, kind="heading", text=text, level=3))
        elif after is not None and after.kind == "item" and (
            _title_line(body) or body.endswith(":")
        ):
            out.append(replace(block, kind="heading", text=text, level=4))
        else:
            out.append(block)
    return out


class _Builder:
    def __init__(self, text: str) -> None:
        self.lines = _lines(text)
        self.blocks: list[Block] = []

    def build(self, limit: int) -> list[Block]:
        index = 0
        while index < len(self.lines) and len(self.blocks) < limit:
            index = self._block_at(index)
        return self.blocks[:limit]

    def _blank(self, index: int) -> bool:
        return index >= len(self.lines) or not self.lines[index].stripped

    def _block_at(self, index: int) -> int:
        line = self.lines[index]
        body = line.stripped
        if not body:
            return index + 1
        table_end = self._table(index)
        if table_end is not None:
            return table_end
        heading = _heading_text(body)
        if heading is not None:
            level = len(_MD_HEADING.match(body).group(1)) if body.startswith("#") else 3
            self._add("heading", index, index, text=heading, level=level)
            return index + 1
        if is_tag_line(body):
            self._add("paragraph", index, index, text=body)
            return index + 1
        found = _item_start(body)
        if found:
            return self._item(index, found)
        if body.endswith(":") and len(body.split()) <= 5 and _title_line(body):
            # "ACTIONS:" / "Matters arising:" over what follows, list or not
            self._add("heading", index, index, text=body.rstrip(":").strip(), level=3)
            return index + 1
        if self._standalone(index) and (_title_line(body) or body.endswith(":")):
            self._add("heading", index, index, text=body.rstrip(":").strip(), level=4)
            return index + 1
        return self._paragraph(index)

    def _standalone(self, index: int) -> bool:
        """The line is a paragraph of its own, or introduces a list."""
        after = index + 1
        return self._blank(after) or bool(_item_start(self.lines[after].stripped))

    def _continues(self, index: int, indent: int) -> bool:
        """Line ``index`` carries on the block above it (a wrapped line)."""
        if self._blank(index):
            return False
        line = self.lines[index]
        body = line.stripped
        if _item_start(body) or _heading_text(body) is not None or is_tag_line(body):
            return False
        if _MARKER_START.match(body):
            return False  # "ACTION: …" starts a block of its own
        if _pipe_cells(body) or _tab_cells(line.text):
            return False
        previous = self.lines[index - 1].stripped
        return (
            line.indent > indent
            or body[0].islower()
            or not previous.endswith((".", ":", "?", "!", "_", "*"))
        )

    def _item(self, index: int, found: re.Match[str]) -> int:
        line = self.lines[index]
        marker = found.group("marker").strip()
        parts = [line.stripped[found.end() :]]
        end = index + 1
        while end < len(self.lines) and self._continues(end, line.indent):
            parts.append(self.lines[end].stripped)
            end += 1
        content = " ".join(part for part in parts if part)
        struck = _STRUCK.match(content)
        if struck:
            content = struck.group(1).strip()
        box = _CHECKBOX.search(marker)
        if box:
            marker = f"[{box.group(1).lower()}]"
        level = line.indent // 2
        self._add("item", index, end - 1, text=content, level=level, marker=marker,
                  struck=bool(struck))
        return end

    def _paragraph(self, index: int) -> int:
        end = index + 1
        while end < len(self.lines) and self._continues(end, 10_000):
            end += 1
        content = " ".join(line.stripped for line in self.lines[index:end])
        self._add("paragraph", index, end - 1, text=content)
        return end

    def _add(self, kind: BlockKind, first: int, last: int, **fields) -> None:
        span = (self.lines[first].start + self.lines[first].indent, self.lines[last].end)
        self.blocks.append(Block(kind, span=span, **fields))

    def _table(self, index: int) -> int | None:
        """The index after a flattened table starting at ``index``, or None."""
        line = self.lines[index]
        for split in (_pipe_cells, _tab_cells):
            first = split(line.text)
            if first is None:
                continue
            rows, spans, end = [], [], index
            while end < len(self.lines) and not self._blank(end):
                current = self.lines[end]
                if _SEPARATOR_ROW.match(current.stripped):
                    end += 1
                    continue
                cells = split(current.text)
                if cells is None:
                    break
                rows.append(tuple(cells))
                spans.append((current.start + current.indent, current.end))
                end += 1
            if len(rows) >= 2 or (rows and _header_like(list(rows[0]))):
                self._add_table(rows, spans, _header_like(list(rows[0])) or split is _pipe_cells)
                return end
        first = _slash_cells(line.text)
        if first and _header_like(first):
            return self._slash_table(index, len(first))
        return self._cell_per_line_table(index)

    def _add_table(self, rows: list[tuple[str, ...]], spans: list, header: bool) -> None:
        self.blocks.append(Block("table", rows=tuple(rows), header=header, row_spans=tuple(spans),
                                 span=(spans[0][0], spans[-1][1])))

    def _slash_table(self, index: int, width: int) -> int:
        rows, spans, end = [], [], index
        while end < len(self.lines):
            cells = _slash_cells(self.lines[end].text)
            if cells is None or abs(len(cells) - width) > 1:
                break
            rows.append(tuple(cells))
            spans.append((self.lines[end].start + self.lines[end].indent, self.lines[end].end))
            end += 1
        self._add_table(rows, spans, True)
        return end

    def _cell_per_line_table(self, index: int) -> int | None:
        """A header of column names, one per line, then the cells, one per line."""
        width, end, names = 0, index, set()
        while (
            end < len(self.lines)
            and width <= _MAX_COLUMNS
            and is_column_name(self.lines[end].stripped)
            and self.lines[end].stripped.lower() not in names
        ):
            names.add(self.lines[end].stripped.lower())
            width += 1
            end += 1
        if width < 3 or width > _MAX_COLUMNS:
            return None
        rows, spans = [tuple(line.stripped for line in self.lines[index:end])], [
            (self.lines[index].start, self.lines[end - 1].end)
        ]
        numbered = rows[0][0].strip(" .:").lower() in ("no", "ref", "#", "item")
        while True:
            cells: list[_Line] = []
            scan = end
            while scan < len(self.lines) and len(cells) < width:
                if self.lines[scan].stripped:
                    cells.append(self.lines[scan])
                scan += 1
            if len(cells) < width or any(len(c.stripped) > _MAX_CELL_CHARS for c in cells):
                break
            if numbered and not re.match(r"^[\w.]{1,8}$", cells[0].stripped):
                break
            if _heading_text(cells[0].stripped) is not None:
                break
            rows.append(tuple(cell.stripped for cell in cells))
            spans.append((cells[0].start, cells[-1].end))
            end = scan
        if len(rows) < 2:
            return None
        self._add_table(rows, spans, True)
        return end


def blocks_from_text(text: str, limit: int = 1_000_000) -> list[Block]:
    """The blocks of plain text or Markdown, in reading order, each with its source span; at
    most ``limit`` of them."""
    return _Builder(text).build(limit)

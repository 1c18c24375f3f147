"""The document model: what every reader produces and every finder reads.

A minutes document is a list of blocks in reading order. Readers of structured formats (Word,
HTML, PDF) build the blocks from the file's own structure, so a real table arrives as a table
with rows and cells; plain text and Markdown arrive as text (``blocks is None``) and the parser
splits them into blocks itself, recognising flattened tables there.

Plain values only: no reader library, database or bot types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item", "table"]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    # The visible text of a heading, paragraph or list item; "" for a table.
    text: str = ""
    # Heading level (1 = title) or list nesting depth (0 = top level).
    level: int = 0
    # A list item's marker as the reader saw it, numbering included even where the format
    # generates it rather than storing it in the text: "1.", "(a)", "•", "[ ]", "[x]".
    marker: str | None = None
    # A table's rows of cell texts, in order; merged cells repeat their text.
    rows: tuple[tuple[str, ...], ...] = ()
    # The table's first row names its columns.
    header: bool = False
    # The whole text (or, for a table, the row index in ``struck_rows``) is struck through.
    struck: bool = False
    struck_rows: frozenset[int] = frozenset()
    # Character ranges [start, end) of ``text`` that are struck through, when only part is.
    struck_spans: tuple[tuple[int, int], ...] = ()
    # 1-based page of a paginated source, when known.
    page: int | None = None
    # Where the block sits in the text it was read from, as (start, end) character offsets:
    # ``text[start:end]`` is the exact source of a quote. None when the reader cannot say.
    span: tuple[int, int] | None = None
    # For a table read from text: each row's (start, end) offsets, in the order of ``rows``.
    row_spans: tuple[tuple[int, int], ...] = ()
    # Blank lines between this block and the one before in the text, as the source spaced
    # them (empty paragraphs, vertical space): 0 puts it on the next line.
    gap: int = 1


@dataclass
class Document:
    format: str  # "txt", "md", "docx", "doc", "pdf", "html"
    # The document as plain text: stored, searched and quoted from.
    text: str
    # The blocks, for formats that carry structure; None for plain text and Markdown.
    blocks: list[Block] | None = None
    warnings: list[str] = field(default_factory=list)


def render_text(blocks: list[Block]) -> str:
    """Plain text for blocks: headings as Markdown headings, list items with their marker,
    table rows with cells joined by " | ". Blocks apart by their ``gap`` in blank lines (one
    unless a reader saw otherwise, at most three)."""
    out: list[str] = []
    for block in blocks:
        part = _render(block)
        if not part.strip():
            continue
        if out:
            out.append("\n" * (1 + max(0, min(block.gap, 3))))
        out.append(part)
    return "".join(out)


def block_lines(blocks: list[Block]) -> list[tuple[str, int | None]]:
    """The lines of ``render_text(blocks)``, each with the index of the block it renders
    (None for the blank lines between blocks)."""
    out: list[tuple[str, int | None]] = []
    for index, block in enumerate(blocks):
        part = _render(block)
        if not part.strip():
            continue
        if out:
            out.extend(("", None) for _ in range(max(0, min(block.gap, 3))))
        out.extend((line, index) for line in part.split("\n"))
    return out


def _render(block: Block) -> str:
    if block.kind == "table":
        return "\n".join(" | ".join(cell for cell in row) for row in block.rows)
    if block.kind == "heading":
        return f"{'#' * max(1, min(block.level, 6))} {block.text}"
    if block.kind == "item":
        return f"{'  ' * block.level}{block.marker or '-'} {block.text}"
    return block.text

"""What the readers decide alike about tables: whether the first row names the columns, and
whether a table only lays out text (one column) rather than holding rows of data."""

from __future__ import annotations

from minutes.document import Block
from minutes.readers.cleaning import one_line

_MAX_HEADER_WORDS = 6


def looks_like_header(rows: list[tuple[str, ...]] | tuple[tuple[str, ...], ...]) -> bool:
    """True when the first row reads as column names: at least two short labels (no sentence,
    no bare number) above rows that hold longer text."""
    if len(rows) < 2:
        return False
    labels = [cell.strip() for cell in rows[0] if cell.strip()]
    if len(labels) < 2:
        return False
    for label in labels:
        words = len(label.split())
        sentence = label.endswith((";", ",")) or (label.endswith(".") and words > 1)
        if words > _MAX_HEADER_WORDS or sentence:  # "No." is a label, "Noted." is not
            return False
        if label.replace(".", "").replace("/", "").strip().isdigit():
            return False
    longest = max(len(label.split()) for label in labels)
    body_longer = any(len(cell.split()) > longest for row in rows[1:] for cell in row)
    styled = all(label.isupper() or label.istitle() for label in labels)
    return body_longer or styled


def lays_out_text(rows: list[tuple[str, ...]]) -> bool:
    """A table of one column (or one filled cell per row) is layout, not data: its cells are
    read as the paragraphs they hold."""
    return all(sum(1 for cell in row if cell.strip()) <= 1 for row in rows)


def lays_out_blocks(rows: list[tuple[str, ...]], cells: list[list[Block]], header: bool) -> bool:
    """Whether a table whose cells hold blocks only lays them out: one column, a table or a
    heading inside, or lists in the cells of a table without column names (an agenda set out
    as number | item and its points | presenter). Its cells are then read as their blocks."""
    kinds = {block.kind for cell in cells for block in cell}
    return (
        lays_out_text(rows)
        or bool(kinds & {"table", "heading"})
        or ("item" in kinds and not header)
    )


def cell_text(blocks: list[Block]) -> str:
    """A table cell's text on one line: its paragraphs and list items (with their markers)."""
    parts = [f"{block.marker} {block.text}" if block.marker else block.text for block in blocks
             if block.kind != "table"]
    return one_line(" ".join(parts))

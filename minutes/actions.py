"""Actions in a minutes document: every finder proposes candidates over each agenda item's
blocks, ``minutes.finders.decide`` keeps and merges them, and each kept action is quoted from
the source text.

``marker_body`` and ``has_action`` stay as line tests for the rest of the parser (the forward
plan skips action lines; restricted items warn when they held actions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minutes.document import Block
from minutes.finders import FINDERS
from minutes.finders.base import Candidate, Section
from minutes.finders.decide import confidence, decide, default_status, evidence, score
from minutes.finders.names import initials_legend, is_initials
from minutes.finders.table import grid_action_column, prose_cells
from minutes.text import strip_list
from minutes.text_blocks import blocks_from_text, promote_headings

_MARKER = re.compile(
    r"^(?:agreed +)?actions?(?: +points?)?(?: +\d{1,3})?(?: *:| *[\-\u2013\u2014]+ +|$) *", re.I
)
_CAPS_MARKER = re.compile(r"^ACTIONS? +(?=[A-Z][a-z])")
_INLINE = re.compile(r"\((?:agreed +)?actions?(?: +points?)?(?: +by)? *[:\-\u2013]", re.I)
_QUOTE_WINDOW = 50_000
# Below any heading a document writes, so a grid's frame ends no section of the document.
_GRID_LEVEL = 9
# Long minutes run to a few thousand paragraphs; past this the text is not minutes.
MAX_BLOCKS = 6000


@dataclass(frozen=True)
class FoundAction:
    owners: list[str]
    text: str
    status: str
    quote: str
    agenda_item: str | None
    confidence: float
    finder: str
    section: int  # index of the section it was found in
    # The owners with initials resolved through the attendance list ("RP" -> "Rob Patel").
    owner_names: list[str]


def prose_view(blocks: list[Block]) -> list[Block]:
    """A reader's blocks as the finders read them: paragraphs standing as headings made
    headings, and a table that is not an action log read cell by cell as paragraphs, so the
    prose finders see its sentences. A grid with an "Action" column ("Discussion | Action")
    records actions: its other cells read under a heading named as that column, closed again
    after the table."""
    out: list[Block] = []
    for block in promote_headings(blocks):
        out.append(block)
        cells = prose_cells(block)
        if not cells:
            continue
        column = grid_action_column(block)
        framed = column is not None
        if framed:
            out.append(Block("heading", block.rows[0][column], level=_GRID_LEVEL))
        out.extend(
            Block("paragraph", " ".join(cell.split()), page=block.page)
            for cell in cells
            if len(cell.split()) > 1
        )
        if framed:
            out.append(Block("heading", "", level=_GRID_LEVEL))
    return out


def marker_body(line: str) -> str | None:
    """What follows an "ACTION:" marker, or None when the line is not an action line."""
    content, _ = strip_list(line)
    found = _MARKER.match(content) or _CAPS_MARKER.match(content)
    return content[found.end() :] if found else None


def has_action(lines: list[str]) -> bool:
    return any(marker_body(line) is not None or _INLINE.search(line) for line in lines if line)


def section_candidates(section: Section) -> list[tuple[Candidate, float]]:
    """Every finder's candidates in one section, each with its score."""
    out = []
    for finder in FINDERS:
        for candidate in finder.find(section):
            candidate.agenda_item = section.title
            cues = evidence(candidate, section)
            candidate.status = default_status(candidate, section.status_leads[candidate.block])
            out.append((candidate, score(cues)))
    return out


def find_actions(
    sections: list[tuple[str | None, str | list[Block]]],
    source: str,
    limit: int,
    warnings: list[str],
) -> list[FoundAction]:
    """The actions of a document given as (agenda item title, its text or blocks) sections, at
    most ``limit``. ``source`` is the document's text, for quotes. Only the first
    ``MAX_BLOCKS`` paragraphs, items and tables are read, with a warning past them."""
    scored: list[tuple[Candidate, float]] = []
    order = 0
    section_of: dict[int, int] = {}
    for number, (title, body) in enumerate(sections):
        room = MAX_BLOCKS - order + 1
        blocks = (
            blocks_from_text(body, room) if isinstance(body, str) else prose_view(body[:room])
        )
        if order + len(blocks) > MAX_BLOCKS:
            warnings.append(
                f"the document has more than {MAX_BLOCKS} paragraphs; actions were read from "
                "the first ones only"
            )
            blocks = blocks[: MAX_BLOCKS - order]
        section = Section(title, blocks, body if isinstance(body, str) else source)
        for candidate, value in section_candidates(section):
            candidate.order = order + candidate.block
            section_of[candidate.order] = number
            scored.append((candidate, value))
        order += len(section.blocks) + 1
        if order > MAX_BLOCKS:
            break
    found = []
    cursor = 0
    legend = initials_legend(source)
    unexplained: list[str] = []
    for candidate, value in decide(scored)[:limit]:
        quote, cursor = source_quote(source, candidate.quote, cursor)
        names = []
        for owner in candidate.owners:
            if is_initials(owner) and owner.upper() != "ALL":
                if owner not in legend and owner not in unexplained:
                    unexplained.append(owner)
                names.append(legend.get(owner, owner))
            else:
                names.append(owner)
        found.append(
            FoundAction(
                candidate.owners,
                candidate.text,
                candidate.status or "open",
                quote,
                candidate.agenda_item,
                confidence(value),
                candidate.finder,
                section_of.get(candidate.order, len(sections) - 1),
                names,
            )
        )
    if unexplained:
        shown = ", ".join(f'"{initials}"' for initials in unexplained[:10])
        warnings.append(
            f"action owners {shown} are initials the attendance list does not explain; "
            "they are kept as written"
        )
    return found


def source_quote(source: str, quote: str, cursor: int) -> tuple[str, int]:
    """The exact source text of a quote taken from cleaned text (emphasis dropped, spaces
    collapsed), searched from ``cursor`` onwards and then from the start; the cleaned quote
    itself when the source does not hold it."""
    for start in (cursor, 0):
        exact = source.find(quote, start, start + _QUOTE_WINDOW)
        if exact >= 0 and quote:
            return quote, max(cursor, exact)
    words = [w.strip("*_") for w in quote.split() if w.strip("*_")]
    if not words:
        return quote, cursor
    head = _words_pattern(words[:30])
    tail = _words_pattern(words[-30:])
    for start in (cursor, max(0, cursor - _QUOTE_WINDOW)):
        first = head.search(source, start, start + _QUOTE_WINDOW)
        if not first:
            continue
        last = tail.search(source, first.start(), first.start() + _QUOTE_WINDOW)
        if last:
            return source[first.start() : last.end()], max(cursor, first.start())
    return quote, cursor


def _words_pattern(words: list[str]) -> re.Pattern[str]:
    """The words in order, with any run of spaces, emphasis or table bars between them."""
    return re.compile(r"(?:[\s*_|]|\\)+".join(re.escape(w) for w in words))

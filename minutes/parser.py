"""Minutes text -> ParsedMinutes. Pure: no I/O, no database, linear in the text's length.

The work is split by concern: ``structure`` finds agenda items, ``actions`` and ``owners``
read actions, ``header`` the meeting's details, ``plan`` the forward plan, ``due`` deadlines.
This module puts them together and decides the dates.
"""

from __future__ import annotations

import re
from datetime import date

from minutes.actions import FoundAction, find_actions, has_action, marker_body
from minutes.document import Block, block_lines, render_text
from minutes.document import Document as SourceDocument
from minutes.due import due_date
from minutes.header import (
    NextDetails,
    chair_from_text,
    opened_month,
    read_header,
    read_next_meeting,
)
from minutes.meeting_date import meeting_date
from minutes.model import NextMeeting, ParsedAction, ParsedAgendaItem, ParsedMinutes
from minutes.next_meeting import find_next_meeting
from minutes.plan import PlanCollector
from minutes.sanity import check_is_minutes
from minutes.structure import (
    Document,
    is_agenda_heading,
    is_next_meeting_heading,
    is_next_meeting_title,
    segment,
)
from minutes.text import clean_line, split_lines, title_case
from minutes.when import WrittenDate, first_of, month_before, month_label, resolve

# Real minutes hold dozens of actions; a cap keeps hostile input from costing minutes.
MAX_ACTIONS = 2000
MAX_LINES = 40_000  # about 2.5 MB of ordinary minutes
# How far ahead of the last placed line a section's next line is looked for.
_SEARCH_WINDOW = 5000
_CAPS_WORD = re.compile(r"\b[A-Z][A-Z0-9&'\u2019-]*[A-Z0-9]\b")
_LOWER_WORD = re.compile(r"[a-z]{2,}")
_MARKER_WORDS = frozenset(
    [
        "ACTION",
        "ACTIONS",
        "CLOSED",
        "COMPLETED",
        "COMPLETE",
        "DONE",
        "RESTRICTED",
        "CHAIR",
        "RESOLVED",
        "OPEN",
    ]
)


def opening_words(text: str, limit: int = 70) -> str:
    """The start of a text, cut at a word, as a stand-in title: "James Rush update the…"."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0] + "\u2026"


def parse_minutes(
    text: str | SourceDocument, *, meeting_date: date | None = None
) -> ParsedMinutes:
    """Everything Clerk reads in one set of minutes. ``meeting_date`` overrides the text.
    A ``Document`` read from a structured file is parsed from its blocks (tables included).

    Raises ``NotMinutes`` for text that is mostly one marker or a few names repeated."""
    warnings: list[str] = []
    blocks: list[Block] | None = None
    if isinstance(text, SourceDocument):
        warnings.extend(text.warnings)
        blocks = text.blocks
        source = render_text(blocks) if blocks is not None else text.text
    else:
        source = text
    check_is_minutes(source)
    raw_lines = (
        [(part, block) for line, block in block_lines(blocks) for part in split_lines(line)]
        if blocks is not None
        else [(raw, None) for raw in split_lines(source)]
    )
    lines: list[str] = []
    line_blocks: list[int | None] = []  # the block each line of ``lines`` came from
    last_text = None
    for raw, block in raw_lines:
        if not raw.strip():
            lines.append("")
            line_blocks.append(None)
            continue
        line, truncated = clean_line(raw)
        if line and line == last_text:
            continue  # a line pasted twice in a row is one line
        if line and len(lines) >= MAX_LINES:
            warnings.append(f"the document is longer than {MAX_LINES} lines; the rest was not read")
            break
        lines.append(line)
        line_blocks.append(block)
        last_text = line or last_text
        if truncated is not None:
            where = f"item {truncated}" if truncated else "an item"
            warnings.append(
                f'the text of {where} is cut short ("view the full minutes text"); '
                "anything after the cut is missing"
            )
    document = segment(lines)
    result = ParsedMinutes(meeting_date=None, warnings=warnings)
    _read_meeting(lines, document, result, meeting_date)
    base = result.meeting_date or (first_of(result.meeting_month) if result.meeting_month else None)
    acronyms = _acronyms(lines)
    next_day = result.next_meeting.date if result.next_meeting else None
    plan = PlanCollector(base, warnings, next_day)
    titles = [title_case(item.title, acronyms) if item.title else None for item in document.items]
    readable = [
        not item.restricted and not is_next_meeting_title(item.title or "")
        for item in document.items
    ]
    sections: list[tuple[str | None, str | list[Block]]]
    if blocks is None:
        sections = [
            (title, "\n".join(item.lines) if keep else "")
            for item, title, keep in zip(document.items, titles, readable, strict=True)
        ]
        sections.append((None, "\n".join(document.preamble)))
    else:
        parts = _blocks_by_section(document, lines, line_blocks, blocks)
        sections = [
            (title, part if keep else [])
            for title, part, keep in zip(titles, parts[:-1], readable, strict=True)
        ]
        sections.append((None, parts[-1]))
    found = find_actions(sections, source, MAX_ACTIONS + 1, warnings)
    if len(found) > MAX_ACTIONS:
        found = found[:MAX_ACTIONS]
        warnings.append(f"more than {MAX_ACTIONS} actions: only the first were read")
    by_section: dict[int, list[FoundAction]] = {}
    for action in found:
        by_section.setdefault(action.section, []).append(action)
    for number, (item, title) in enumerate(zip(document.items, titles, strict=True)):
        body = "" if item.restricted else "\n".join(filter(None, item.lines))
        if title or body.strip():
            # An untitled section (pasted web pages have them) is kept, named by its opening
            # words, so its text is stored and searchable.
            shown = title or opening_words(body)
            result.agenda_items.append(ParsedAgendaItem(item.number, shown, item.restricted, body))
        if item.restricted:
            if has_action(item.lines):
                warnings.append(f'actions under restricted item "{title}" were not extracted')
            if item.hidden_headings:
                warnings.append(
                    f'restricted item "{title}": {item.hidden_headings} heading(s) after it were '
                    "hidden with it (no heading of its level came first); check the document"
                )
            continue
        if is_next_meeting_title(item.title or ""):
            continue
        _collect(item.lines, title, by_section.get(number, []), result, plan, base, next_day)
        previous = document.items[number - 1].title if number else None
        if is_agenda_heading(item.title or "") and is_next_meeting_heading(previous or ""):
            plan.next_meeting_agenda(item.lines, item.title or "")
    _collect(document.preamble, None, by_section.get(len(document.items), []), result, plan, base,
             next_day)
    result.forward_plan = plan.items
    if not result.actions:
        warnings.append("no actions found in this document")
    return result


def _blocks_by_section(
    document: Document, lines: list[str], line_blocks: list[int | None], blocks: list[Block]
) -> list[list[Block]]:
    """The reader's blocks of each agenda item (the preamble's last), whole: a table or list
    item stays in the item where its first line was read. A block whose lines all became a
    heading goes with the item that follows it."""
    count = len(document.items)
    line_section: list[int | None] = [None] * len(lines)
    cursor = 0
    for number, item_lines in [(count, document.preamble)] + [
        (n, item.lines) for n, item in enumerate(document.items)
    ]:
        for line in item_lines:
            if not line:
                continue
            # ``segment`` keeps the very strings of ``lines``: find each one by identity.
            for at in range(cursor, min(len(lines), cursor + _SEARCH_WINDOW)):
                if lines[at] is line:
                    line_section[at], cursor = number, at + 1
                    break
    block_section: dict[int, int] = {}
    for at, block in enumerate(line_blocks):
        if block is not None and line_section[at] is not None:
            block_section.setdefault(block, line_section[at])
    parts: list[list[Block]] = [[] for _ in range(count + 1)]
    waiting: list[Block] = []
    last_block = max((b for b in line_blocks if b is not None), default=-1)
    for index, block in enumerate(blocks[: last_block + 1]):
        number = block_section.get(index)
        if number is None:
            waiting.append(block)
            continue
        parts[number].extend(waiting)
        parts[number].append(block)
        waiting = []
    return parts


def _collect(
    lines: list[str],
    title: str | None,
    found_actions: list[FoundAction],
    result: ParsedMinutes,
    plan: PlanCollector,
    base: date | None,
    next_day: date | None,
) -> None:
    plan.from_lines([line for line in lines if marker_body(line) is None], title)
    for found in found_actions:
        result.actions.append(
            ParsedAction(
                owners=found.owners,
                text=found.text,
                status=found.status,
                agenda_item=title,
                quote=found.quote,
                due=due_date(found.text, base, next_day),
                confidence=found.confidence,
                finder=found.finder,
                owner_names=found.owner_names,
            )
        )
        plan.from_sentence(found.text, title)


def _read_meeting(
    lines: list[str], document: Document, result: ParsedMinutes, override: date | None
) -> None:
    """The meeting's own date (or month), details and the next meeting."""
    first_lines = document.items[0].lines if document.items else []
    header = read_header(document.preamble, first_lines)
    stated = meeting_date(lines)
    header.date = stated.written
    result.meeting_time, result.venue = header.time, header.venue
    result.contact, result.minute_taker = header.contact, header.minute_taker
    result.present, result.apologies = header.present, header.apologies
    intro = [*document.preamble, *first_lines]
    result.chair = header.chair or chair_from_text(intro)

    next_lines = next((i.lines for i in document.items if is_next_meeting_title(i.title or "")), [])
    details = read_next_meeting(next_lines)
    if override:
        result.meeting_date = override
    elif header.date and header.date.year:
        day, note = resolve(header.date, None)
        result.meeting_date = day
        if note:
            result.warnings.append(f"meeting date: {note}")
    elif stated.month:
        result.meeting_month = stated.month
        result.warnings.append(
            f"meeting date: only the month is written ({month_label(stated.month)}); "
            "pass --meeting-date for the exact day"
        )
    known = result.meeting_date or (
        first_of(result.meeting_month) if result.meeting_month else None
    )
    if details.other_dates and known and not _after(details.written, known):
        details = NextDetails()  # a list of dates starting with past ones: read it again
    if details.written is None:
        found = find_next_meeting(_public_lines(document), known)
        if found is not None:
            details.written, details.time, details.venue = found.written, found.time, found.venue
    after = result.meeting_date
    if after is None:
        stated_next = None
        if details.written and details.written.year:
            stated_next, _ = resolve(details.written, None)
        _infer_month(intro, stated_next, result)
        after = first_of(result.meeting_month) if result.meeting_month else None
    if details.written is None:
        return
    day, note = resolve(details.written, after)
    if note:
        result.warnings.append(f"next meeting: {note}")
    for other in details.other_dates:
        result.warnings.append(f'next meeting: another date is also given ("{other.text}")')
    result.next_meeting = NextMeeting(day, details.time, details.venue, details.chair)


def _after(written: WrittenDate, known: date) -> bool:
    """False when the written date has a year and is not after ``known``."""
    if not written.year:
        return True
    try:
        return date(written.year, written.month, written.day) > known
    except ValueError:
        return True


def _public_lines(document: Document) -> list[str]:
    """The document's lines without its restricted items' text."""
    lines = list(document.preamble)
    for item in document.items:
        lines.append(item.title or "")
        if not item.restricted:
            lines.extend(item.lines)
    return lines


def _infer_month(intro: list[str], next_day: date | None, result: ParsedMinutes) -> None:
    opened = opened_month(intro)
    if opened is None:
        result.warnings.append(
            "meeting date not stated and not inferable; pass --meeting-date YYYY-MM-DD"
        )
        return
    month, year, sentence = opened
    if year is None and next_day is None:
        result.warnings.append(
            f'meeting date not stated; "{sentence[:80]}" gives no year; pass --meeting-date'
        )
        return
    result.meeting_month = (
        f"{year:04d}-{month:02d}" if year else month_before(month, None, next_day)
    )
    how = "from the text" if year else f"from the text and the next meeting ({next_day})"
    result.warnings.append(
        f"meeting date not stated; inferred {month_label(result.meeting_month)} {how}; "
        "pass --meeting-date for the exact day"
    )


def _acronyms(lines: list[str]) -> frozenset[str]:
    """Words the document writes in capitals inside ordinary sentences (CSP, MPS, DHR)."""
    found: set[str] = set()
    for line in lines:
        head = line[:2000]
        capitals = _CAPS_WORD.findall(head)
        if capitals and len(capitals) < len(_LOWER_WORD.findall(head)):  # not a heading
            found.update(capitals)
    return frozenset(found - _MARKER_WORDS)

"""Split cleaned minutes lines into a preamble and agenda items.

Two layouts are recognised:

- numbered: "4." on its own line followed by the title line, "## 4. TITLE" Markdown headings,
  "Agenda item 4: Title", or "4. Title" when 4 is the next number expected. Once a document
  numbers two items, only numbered headings (and "RESTRICTED:" lines) start items; other
  headings inside an item are its subheadings.
- un-numbered (council web pages pasted as text): a short Title Case / ALL CAPS line without a
  final full stop, after a blank line and followed by prose (not by a list, which makes it a
  subheading, nor by a date). Where such pages lost an item's title, an unusually long run of
  blank lines still separates items; the item is then untitled, unless its first sentence is
  about a standing item (the previous minutes, the forward plan).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from minutes.text import heading_level, is_title_like, strip_list

_BARE_NUMBER = re.compile(r"^(?:item +)?(\d{1,2})[.)]?$", re.I)
_NUMBERED_TITLE = re.compile(
    r"^(?:item +)?(\d{1,2}|\([ivx]{1,5}\)|[ivx]{1,5}\))[.):]? +(\S.*)$", re.I
)
_AGENDA_ITEM = re.compile(
    r"^agenda +item(?: +(\d{1,2}[a-z]?))?[.:]?(?: +[\-\u2013:]? *(\S.*))?$", re.I
)
_MARK = (
    r"(?:restricted|exempt(?:\s+information)?|confidential|private|not\s+for\s+publication"
    r"|part\s*(?:2|ii|two|b)\b(?:\s*\([^)]{0,30}\))?)"
)
# A heading marked as restricted: "RESTRICTED: ...", "Part 2 (exempt): ...", "Exempt information
# - ...", "Confidential item: ...", "Case review (restricted)", "Case review - CONFIDENTIAL",
# or one citing Schedule 12A of the Local Government Act 1972.
_RESTRICTED = re.compile(
    r"^\W{0,3}" + _MARK + r"(?:\s+(?:item|items|information|business|session|minutes?|report"
    r"|matters?|section|agenda\s+item))?\s*(?:\([^)]{0,40}\)\s*)?[:\-\u2013\u2014.]"
    r"|[(\[]\s*" + _MARK + r"\b[^)\]]{0,60}[)\]]\W{0,3}$"
    r"|[\-\u2013\u2014:|]\s*" + _MARK + r"\W{0,3}$"
    r"|\bschedule\s*12\s*a\b",
    re.I,
)
# The first line of an item saying that its content is withheld: "Restricted item due to
# sensitive information", "This item is exempt under paragraph 3 of Schedule 12A", "(Not for
# publication)", "CONFIDENTIAL".
_NOTICE = re.compile(
    r"^\W{0,3}(?:(?:this\s+)?(?:item|report|information|minute|discussion)\s+(?:is|was|were)\s+)?"
    + _MARK
    + r"\b|\bschedule\s*12\s*a\b|\bexempt\s+information\b|\bnot\s+for\s+publication\b"
    r"|\b(?:information|item|content|details?)\s+(?:is\s+|are\s+)?(?:restricted|withheld"
    r"|confidential)\b",
    re.I,
)
_NOTICE_WORDS = 40
_STANDING_ITEM = re.compile(
    r"^\W*(?:any\s+other\s+(?:business|items?)|a\.?o\.?b\.?|urgent\s+business|matters\s+arising"
    r"|apologies\b|declarations?\s+of\s+interests?|minutes\s+of\s+the\s+(?:last|previous)"
    r"|(?:close|closure)\s+of\s+(?:the\s+)?meeting|forward\s+plan|work\s+programme"
    r"|(?:date|time)s?\s+(?:and\s+\w+\s+)?of\s+(?:the\s+)?next)",
    re.I,
)
# From here on, the meeting is closed: "the press and public be excluded ... for the following
# items", "Exclusion of the Press and Public".
_PUBLIC_EXCLUDED = re.compile(
    r"\b(?:press|public)(?:\s+and\s+(?:the\s+)?(?:press|public))?\s+(?:be|were|are|was)\s+"
    r"excluded\b|\bexclusion\s+of\s+(?:the\s+)?(?:press|public)\b",
    re.I,
)
_NEXT_MEETING = re.compile(
    r"^(?:(?:date|details|time|dates|arrangements)[\w ,&]{0,30} )?(?:of|for) (?:the )?"
    r"next meeting\b"
    r"|^next meeting\b",
    re.I,
)
_AGENDA_HEADING = re.compile(
    r"(?:(?:draft|proposed|provisional)\s+)?agenda(?:\s+items)?\s*:?", re.I
)
_IGNORED = re.compile(
    r"^(?:(?:minutes|additional documents|supporting documents|attachments):"
    r"|items|(?:note +)?no\.? +item|agenda and minutes|\d{1,3} +(?:minutes|mins)\.?)$",
    re.I,
)
_MINUTES_APPROVED = re.compile(
    r"\bminutes\b.{0,80}?\b(?:were|was|are|be)\s+(?:\w+\s+)?(?:approved|agreed|confirmed"
    r"|reviewed|accepted|signed)|\b(?:approved|agreed|confirmed)\s+the\s+(?:\w+\s+){0,4}minutes\b",
    re.I,
)
_FORWARD_PLAN = re.compile(r"\b(?:forward plan|work programme|forward agenda)\b", re.I)
_TITLE_LINE_MAX_WORDS = 14
_RUN_IN_PROSE_WORDS = 8  # a heading without a blank line before it is followed by prose


@dataclass
class Item:
    number: str | None
    title: str | None
    restricted: bool = False
    lines: list[str] = field(default_factory=list)
    implicit: bool = False  # title inferred from the text, not written as a heading
    rank: int = 0  # heading rank: 0 numbered, 1-6 Markdown, 7 ALL CAPS, 8 other lines
    # Headings hidden inside a restricted item (none of its rank or higher came first).
    hidden_headings: int = 0


@dataclass
class Document:
    preamble: list[str]
    items: list[Item]
    numbered: bool


def is_restricted_title(line: str) -> bool:
    """A heading marked restricted; a sentence citing Schedule 12A is a notice, not a title."""
    if len(line.split()) > _TITLE_LINE_MAX_WORDS + 2 or line.rstrip().endswith("."):
        return bool(_RESTRICTED.match(line[:300])) and not line.rstrip().endswith(".")
    return bool(_RESTRICTED.search(line[:300]))


def is_restriction_notice(line: str) -> bool:
    return len(line.split()) <= _NOTICE_WORDS and bool(_NOTICE.search(line[:400]))


def _rank(line: str, numbered: bool) -> int:
    level, content = heading_level(line)
    if level:
        return level
    if numbered:
        return 0
    letters = [c for c in _RESTRICTED.sub("", content) if c.isalpha()]
    return 7 if letters and all(c.isupper() for c in letters) else 8


def _notice_only(item: Item) -> bool:
    """A restricted item whose text is only the notice that it is withheld."""
    return all(not line or is_restriction_notice(line) for line in item.lines)


def _ends_restricted(current: Item, new: Item, line: str, numbered: bool) -> bool:
    """A restricted item ends only at a heading of its rank or higher (a numbered item, another
    restricted item, the next meeting); a paragraph after a gap ends it only when the item holds
    nothing but its withheld notice and the paragraph names a standing item."""
    if new.restricted or is_restricted_title(new.title or "") or (
        is_next_meeting_title(new.title or "")
    ):
        return True
    if new.title is None or new.implicit:
        return new.implicit and _notice_only(current)
    if numbered:
        return new.number is not None
    rank = _rank(line, numbered)
    if rank <= 6 or rank < current.rank:
        return rank <= current.rank
    # A plain line of the same rank may be a subheading of the restricted item: it ends the
    # item only after a bare notice, or when it names a standing agenda item.
    return rank == current.rank and (
        _notice_only(current) or bool(_STANDING_ITEM.match(new.title or ""))
    )


def is_next_meeting_title(line: str) -> bool:
    return len(line) <= 60 and bool(_NEXT_MEETING.match(line))


def is_next_meeting_heading(line: str) -> bool:
    """A heading that gives the next meeting, its date and place run on or not."""
    return len(line) <= 120 and bool(_NEXT_MEETING.match(line))


def is_agenda_heading(line: str) -> bool:
    """ "Agenda", "Draft agenda:", "Proposed agenda items"."""
    return bool(_AGENDA_HEADING.fullmatch(line.strip()))


def _next_nonblank(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index]:
            return index
    return None


def _is_title_text(line: str) -> bool:
    return bool(line) and (
        is_title_like(line)
        or is_restricted_title(line)
        or is_next_meeting_title(line)
        or (len(line.split()) <= _TITLE_LINE_MAX_WORDS and not line.endswith("."))
    )


def _numbered_heading(lines: list[str], index: int, last: int | None) -> tuple[Item, int] | None:
    """(item, index of its last heading line) when a numbered heading starts at ``index``."""
    line = lines[index]
    level, content = heading_level(line)
    if level:
        found = _NUMBERED_TITLE.match(content)
        if found:
            return Item(found.group(1).strip("."), found.group(2).strip()), index
        return None
    found = _AGENDA_ITEM.match(line)
    if found:
        if found.group(2):
            return Item(found.group(1), found.group(2).strip()), index
        title_at = _next_nonblank(lines, index + 1)
        if title_at is not None and _is_title_text(lines[title_at]):
            return Item(found.group(1), lines[title_at]), title_at
        return None
    found = _BARE_NUMBER.match(line)
    if found and (last is None or int(found.group(1)) > last):
        title_at = _next_nonblank(lines, index + 1)
        title = lines[title_at] if title_at is not None and title_at - index <= 3 else ""
        if _is_title_text(title) and not _BARE_NUMBER.match(title):
            return Item(found.group(1), title), title_at
        return None
    found = _NUMBERED_TITLE.match(line)
    if found and found.group(1).isdigit() and int(found.group(1)) == (last or 0) + 1:
        title = found.group(2).strip()
        if _is_title_text(title) and not title.endswith(("?", ":", ";", ",")):
            return Item(found.group(1), title), index
    return None


def _may_be_numbered(line: str) -> bool:
    """A cheap test before the numbered-heading patterns: "#", a digit, "Agenda", "Item"."""
    return bool(line) and (line[0] in "#AaIi" or line[0].isdigit())


def _count_numbered(lines: list[str]) -> int:
    count, last = 0, None
    for index, line in enumerate(lines):
        if not _may_be_numbered(line):
            continue
        found = _numbered_heading(lines, index, last)
        if found and found[0].number and found[0].number.isdigit():
            count += 1
            last = int(found[0].number)
    return count


def _item_gap(lines: list[str]) -> int | None:
    """Blank runs longer than the usual paragraph gap separate items in pasted web pages."""
    runs, run = Counter(), 0
    for line in lines:
        if line:
            if run:
                runs[run] += 1
            run = 0
        else:
            run += 1
    if not runs:
        return None
    usual = runs.most_common(1)[0][0]
    return usual + 1 if usual >= 2 else None


def _implicit_title(line: str) -> str | None:
    head = line[:300]
    if _MINUTES_APPROVED.search(head):
        return "Minutes"
    if _FORWARD_PLAN.search(head):
        return "Forward Plan"
    return None


def _unnumbered_title(lines: list[str], index: int) -> bool:
    line = lines[index]
    if is_restricted_title(line) or is_next_meeting_title(line):
        return True
    if not is_title_like(line):
        return False
    before = lines[index - 1] if index else ""
    # Text from a PDF has no blank lines: a heading there follows a finished sentence (or
    # another heading) and is followed by a sentence of prose.
    run_in = bool(before) and (before.endswith((".", ":")) or is_title_like(before))
    if before and not run_in:
        return False
    following = _next_nonblank(lines, index + 1)
    if following is None:
        return False
    after = lines[following]
    if strip_list(after)[1] or is_title_like(after) or _BARE_NUMBER.match(after):
        return False
    if run_in and (following != index + 1 or len(after.split()) < _RUN_IN_PROSE_WORDS):
        return False
    from minutes.when import find_date  # local: keeps this module's imports minimal

    return find_date(after) is None or len(after.split()) > 12


def segment(lines: list[str]) -> Document:
    """``lines`` are cleaned (see ``minutes.text.clean_line``); blanks are ""."""
    lines = [line for line in lines if not _IGNORED.match(line)]
    numbered = _count_numbered(lines) >= 2
    gap = None if numbered else _item_gap(lines)
    preamble: list[str] = []
    items: list[Item] = []
    last: int | None = None
    closed = False  # the press and public were excluded: every later item is restricted
    blank_run, index = 0, 0
    while index < len(lines):
        line = lines[index]
        current = items[-1] if items else None
        if not line:
            blank_run += 1
            (current.lines if current else preamble).append(line)
            index += 1
            continue
        new, end = _heading_at(lines, index, numbered, last, current)
        if new is None and not numbered:
            new = _boundary(line, current, blank_run, gap)
            end = index - 1  # the paragraph itself is the new item's first line
        blank_run = 0
        if new is not None and new.title and is_restricted_title(new.title):
            new.restricted = True
        if (
            new is not None
            and current is not None
            and current.restricted
            and not _ends_restricted(current, new, line, numbered)
        ):
            current.hidden_headings += 1
            current.lines.extend(lines[index : max(end, index) + 1])
            index = max(end, index) + 1
            continue
        if new is not None:
            new.rank = _rank(line, numbered)
            new.restricted = new.restricted or closed
            if new.number and new.number.isdigit():
                last = int(new.number)
            items.append(new)
            index = end + 1
            continue
        if current is None:
            preamble.append(line)
        else:
            if not any(current.lines) and is_restriction_notice(line):
                current.restricted = True
            current.lines.append(line)
            closed = closed or bool(_PUBLIC_EXCLUDED.search(line[:600]))
        index += 1
    return Document(preamble, items, numbered)


def _heading_at(
    lines: list[str], index: int, numbered: bool, last: int | None, current: Item | None
) -> tuple[Item | None, int]:
    line = lines[index]
    found = _numbered_heading(lines, index, last) if _may_be_numbered(line) else None
    if found and (numbered or found[0].number is None or heading_level(line)[0]):
        return found
    if numbered:
        if is_restricted_title(line) or (is_next_meeting_title(line) and not strip_list(line)[1]):
            return Item(None, line), index
        return None, index
    level, content = heading_level(line)
    if level >= 2:
        return Item(None, content), index
    in_details = current is not None and is_next_meeting_title(current.title or "")
    if level == 0 and not in_details and _unnumbered_title(lines, index):
        return Item(None, line), index
    return None, index


def _boundary(line: str, current: Item | None, blank_run: int, gap: int | None) -> Item | None:
    """An untitled or implicitly titled item that starts at this paragraph, if any."""
    implicit = _implicit_title(line)
    current_title = (current.title or "") if current else ""
    at_gap = bool(gap and blank_run >= gap and current is not None)
    if (
        implicit
        and implicit.lower() not in current_title.lower()
        and (implicit == "Minutes" or at_gap or _after_notice(current))
    ):
        return Item(None, implicit, implicit=True)
    if at_gap or _after_notice(current):
        return Item(None, None)
    return None


def _after_notice(current: Item | None) -> bool:
    """A restricted item's page text is one short withheld notice; what follows is another
    item (which ``_ends_restricted`` still keeps hidden unless it names a standing item)."""
    return current is not None and current.restricted and any(current.lines)

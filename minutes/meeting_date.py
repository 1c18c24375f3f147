"""The meeting's own date: candidates from the head of the document, then one decision.

Minutes state their date in the title ("# 2019-11-12 core meeting", "Notes 2nd September 2021"),
in a header line or label ("Date: Friday 9th May"), in YAML front matter, or in the opening
sentence ("Minutes of the meeting of the Council held ... on Tuesday, 18th August 2020"). The
same head often names other dates that are not the meeting's: the previous meeting whose minutes
are approved ("the minutes of the meeting held on 7th May 2014 were accepted"), the next meeting,
deadlines and events in the prose. A date counts when its line is a short header line or its
sentence says that a meeting was held then, and its sentence is not about those other dates.
When only a month of a known year is written ("October 2024 Minutes") the month is the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minutes.when import MONTH_YEAR, MONTHS, WrittenDate, find_dates

HEAD_LINES = 60  # the meeting's date is stated before its business starts
_HEADER_WORDS = 12  # a line this short is a header line, not prose
_OTHER_MEETING_LINES = 6  # short lines under a "Next meeting" heading are its details
_FRONT_MATTER = re.compile(r"^(?:date|meeting[_ ]date)\s*:\s*(?P<value>.+)$", re.I)
# The sentence is about another meeting's minutes or about the next meeting.
_OTHER_MEETING = re.compile(
    r"\b(?:last|previous|prior|preceding|next|future|forthcoming|subsequent)\s+"
    r"(?:\w+\s+){0,2}(?:meeting|meetings|meet)\b"
    r"|\bminutes\b.{0,160}?\b(?:were|was|are|be|being|been)\s+(?:\w+\s+){0,3}"
    r"(?:agreed|approved|confirmed|accepted|signed|adopted|checked|received|noted)\b"
    r"|\b(?:approved|agreed|confirmed|signed|accepted|adopted)\s+(?:as\s+)?(?:an?\s+)?"
    r"(?:true|correct|accurate)\b"
    r"|\bwill\s+next\s+meet\b|\bnext\s+meets\b"
    r"|\b(?:provisional|proposed|future|forthcoming)\s+(?:meeting\s+)?dates\b"
    r"|\bdates\s+(?:of|for)\s+(?:future\s+)?meetings\b",
    re.I,
)
# A deadline or an event in the prose, not a meeting: "by 16 June", "until", "from".
_NOT_A_MEETING = re.compile(
    r"\b(?:by|until|till|before|after|from|since|deadline)\s*(?:the\s+)?$", re.I
)
_HELD = re.compile(
    r"\b(?:held|meeting|met|took\s+place|convened|minutes|notes)\b|\bdate\s*:", re.I
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


@dataclass(frozen=True)
class MeetingDate:
    written: WrittenDate | None = None  # the day (the year may still be missing)
    month: str | None = None  # "YYYY-MM" when only the month is written


def front_matter_date(lines: list[str]) -> WrittenDate | None:
    """``date:`` in YAML front matter (``---`` ... ``---`` at the very top)."""
    if not lines or lines[0].strip() != "---":
        return None
    for line in lines[1:40]:
        if line.strip() in ("---", "..."):
            return None
        found = _FRONT_MATTER.match(line.strip())
        if found:
            dates = find_dates(found.group("value"))
            return dates[0] if dates else None
    return None


def _head(lines: list[str]) -> tuple[str, list[int]]:
    """The first ``HEAD_LINES`` non-blank lines joined by spaces (a date a PDF split over two
    lines, "30 th" / "March 2023", reads whole), and where each line starts in the join."""
    parts: list[str] = []
    starts: list[int] = []
    at = 0
    skip = 0
    for line in lines:
        if not line.strip():
            continue
        line = line[:400]
        short = len(line.split()) <= _HEADER_WORDS
        if skip and short:
            skip -= 1
            continue
        skip = 0
        if short and _OTHER_MEETING.search(line):
            # "Date of next meeting" / "Provisional dates:": the lines under it are not ours.
            skip = _OTHER_MEETING_LINES
            continue
        starts.append(at)
        parts.append(line)
        at += len(line) + 1
        if len(parts) >= HEAD_LINES:
            break
    return " ".join(parts), starts


def _sentence(text: str, start: int, end: int) -> tuple[str, str]:
    """(the sentence's text before the date, the whole sentence) around ``text[start:end]``."""
    window_start = max(0, start - 240)
    before = text[window_start:start]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    after = text[end : end + 200]
    stop = _SENTENCE_END.search(after)
    if stop:
        after = after[: stop.start()]
    return before, before + text[start:end] + after


def _line(text: str, starts: list[int], position: int) -> tuple[int, int]:
    """(start, end) in ``text`` of the line holding ``position``."""
    index = next((i for i, s in enumerate(starts) if s > position), len(starts)) - 1
    end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
    return starts[index], end


def _acceptable(text: str, starts: list[int], start: int, end: int) -> bool:
    line_start, line_end = _line(text, starts, start)
    if line_start == 0 or len(text[line_start:line_end].split()) <= _HEADER_WORDS:
        # The title (the first line) and short lines are header lines, each its own sentence:
        # "Board - Friday, 9 December 2022 9.00 am", "Notes 2nd September 2021", "ON 30 th".
        before, sentence = text[line_start:start], text[line_start : max(end, line_end)]
        header = True
    else:
        before, sentence = _sentence(text, start, end)
        header = False
    if _OTHER_MEETING.search(sentence) or _NOT_A_MEETING.search(before):
        return False
    return header or bool(_HELD.search(before))


def meeting_date(lines: list[str]) -> MeetingDate:
    """The meeting's date from the document's lines (cleaned, in order)."""
    stated = front_matter_date(lines)
    if stated is not None:
        return MeetingDate(stated)
    text, starts = _head(lines)
    undated: WrittenDate | None = None
    for written in find_dates(text):
        if not _acceptable(text, starts, written.start, written.end):
            continue
        if written.year:
            return MeetingDate(written)
        undated = undated or written
    for found in MONTH_YEAR.finditer(text):
        if _acceptable(text, starts, found.start(), found.end()):
            number = MONTHS[found.group("month")]
            return MeetingDate(undated, f"{found.group('year')}-{number:02d}")
    return MeetingDate(undated)


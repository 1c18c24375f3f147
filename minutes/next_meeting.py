"""The next meeting wherever the minutes say it, not only under a "Date of next meeting" item.

Phrasings: "Next meeting to be held on Thursday 7th March 2019 at the Church", "deferred to the
next meeting on 3 November 2017", "the Board will next meet on ...", "Date of next meeting:" with
the date on the following lines, and lists of dates ("Provisional dates:", "Dates for 2023",
"Future meeting dates") - of which the first after this meeting is the next one. A sentence
saying the next meeting first wins over a list of dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from minutes.text import tidy
from minutes.when import WrittenDate, find_dates, find_time, resolve

_NEXT = re.compile(
    r"\bnext\s+(?:[\w&'\u2019-]+\s+){0,3}?(?:meeting|plenum|meet)\b"
    r"|\bwill\s+next\s+meet\b|\bnext\s+meets\b|\bdate\s+of\s+(?:the\s+)?next\b",
    re.I,
)
_DATES_LIST = re.compile(
    r"\b(?:provisional|proposed|future|forthcoming|remaining)\s+(?:meeting\s+)?dates\b"
    r"|\bdates\s+(?:of|for)\s+(?:(?:future|next|the|20\d\d)\s+)*(?:meetings?\b|20\d\d\b)"
    r"|\bmeeting\s+dates\b",
    re.I,
)
_FOLLOWING_LINES = 12  # a heading's details, or a list of dates, sit just under it
_SHORT = 12  # words: a heading or a list entry, not prose
_VENUE_LEAD = re.compile(r"^(?:(?:at|in|venue:?|location:?|held at)\s+)+", re.I)


@dataclass(frozen=True)
class NextFound:
    day: date
    written: WrittenDate
    time: str | None
    venue: str | None


def _after(written: WrittenDate, after: date | None) -> date | None:
    """The date meant, when it is after this meeting (a list also names past dates)."""
    if written.year:
        try:
            stated = date(written.year, written.month, written.day)
        except ValueError:
            return None
        return stated if after is None or stated > after else None
    day, _ = resolve(written, after)
    return day if after is not None else None


def _details(text: str, written: WrittenDate) -> tuple[str | None, str | None]:
    """(time, venue) written after the date: "at 7.30pm at St Julian's Church"."""
    rest = text[written.end : written.end + 200]
    time = find_time(rest)
    if time:
        rest = rest.replace(time, "", 1)
    rest = re.split(r"[.;(]|\s[\u2013\u2014-]\s", rest.strip(" ,;:-\u2013\u2014"))[0]
    venue = tidy(_VENUE_LEAD.sub("", " ".join(rest.strip(" ,").split())))
    return time, (venue if 2 < len(venue) <= 120 and any(c.isupper() for c in venue) else None)


def _first_after(text: str, after: date | None) -> NextFound | None:
    for written in find_dates(text):
        day = _after(written, after)
        if day is not None:
            time, venue = _details(text, written)
            return NextFound(day, written, time, venue)
    return None


def _following(lines: list[str], index: int) -> str:
    """The short lines under a heading, joined (a PDF splits "27 th" / "April")."""
    taken: list[str] = []
    for line in lines[index + 1 :]:
        if not line:
            continue
        if len(taken) >= _FOLLOWING_LINES or len(line.split()) > _SHORT * 2:
            break
        taken.append(line)
    return " ".join(taken)


def find_next_meeting(lines: list[str], after: date | None) -> NextFound | None:
    """The next meeting's date (and time and venue when written) from anywhere in ``lines``."""
    from_list: NextFound | None = None
    for index, line in enumerate(lines):
        head = line[:400]
        cue = _NEXT.search(head)
        listed = None if cue else _DATES_LIST.search(head)
        if cue is None and listed is None:
            continue
        start = (cue or listed).end()
        found = _first_after(head[start:], after)
        if found is None and len(head.split()) <= _SHORT:
            found = _first_after(_following(lines, index), after)
        if found is None:
            continue
        if cue:
            return found
        from_list = from_list or found
    return from_list

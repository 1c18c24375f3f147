"""Deadlines written into an action: "by the end of December", "in early January",
"for the March CSP", "by 31/01/2024". Parsed by ``board.dates.parse_due`` (dateparser)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from board.dates import parse_due
from board.errors import InvalidInput

_DEADLINE = re.compile(
    r"\b(?:by|before|no later than|until|in|for)(?: +the)?(?: +(?:end|early|beginning|start|mid"
    r"|middle|late))?(?: +of)? +(?:(?:January|February|March|April|May|June|July|August"
    r"|September|Sept|October|November|December)(?: +\d{4})?(?: +(?:CSP|board|meeting))?"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}(?:st|nd|rd|th)? +(?:January|February|March|April|May"
    r"|June|July|August|September|October|November|December)(?: +\d{4})?)\b"
)
_MAX_TEXT = 1000


def due_date(text: str, after: date | None, next_meeting: date | None) -> date | None:
    """The first deadline in ``text``; a meeting month means that meeting's day when known."""
    if after is None:
        return None
    found = _DEADLINE.search(text[:_MAX_TEXT])
    if not found:
        return None
    parsed = _parse(found.group(0), after)
    if parsed is None:
        return None
    day, month = parsed
    if day is not None:
        return day
    if next_meeting and month == f"{next_meeting:%Y-%m}":
        return next_meeting
    return None


@lru_cache(maxsize=4096)
def _parse(phrase: str, after: date) -> tuple[date | None, str | None] | None:
    """``parse_due``, remembered: minutes repeat the same few deadlines ("by March") over and
    over, and dateparser takes about a millisecond each time."""
    try:
        return parse_due(phrase, after)
    except InvalidInput:
        return None

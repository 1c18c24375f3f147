"""Months and days as board members type them: "March", "march 2024", "2024-03", "Sept"."""

from __future__ import annotations

import calendar
import os
import re
from datetime import date, datetime

from rapidfuzz import fuzz, process

from board.errors import InvalidInput

_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9

_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_NAMED = re.compile(r"^([a-z]+)\.?(?:\s+'?(\d{2}|\d{4}))?$")


def today(override: str | date | None = None) -> date:
    """Today, unless fixed by an explicit value or CLERK_TODAY (YYYY-MM-DD) for tests and demos."""
    value = override or os.environ.get("CLERK_TODAY")
    if isinstance(value, date):
        return value
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise InvalidInput(f'"{value}" is not a date; use YYYY-MM-DD.') from None
    return date.today()


def month_number(word: str) -> int | None:
    """1-12 for a month name, abbreviation or a close misspelling ("Febuary"), else None."""
    word = word.lower().strip(".")
    if word in _MONTHS:
        return _MONTHS[word]
    if len(word) < 4:
        return None
    found = process.extractOne(word, list(_MONTHS), scorer=fuzz.ratio, score_cutoff=80)
    return _MONTHS[found[0]] if found else None


def month_candidates(word: str) -> list[str]:
    """Full month names a too-short word could mean ("ju" -> June, July; "ma" -> March, May)."""
    word = word.strip().lower().rstrip(".")
    if not word.isalpha():
        return []
    return [calendar.month_name[n] for n in range(1, 13)
            if calendar.month_name[n].lower().startswith(word)]


def parse_month(text: str, on_or_after: date) -> str:
    """ "YYYY-MM" for what the user typed. A month without a year is the first on or after
    ``on_or_after`` ("March" typed in April 2024 means March 2025)."""
    value = " ".join(text.strip().lower().replace("\u2019", "'").split())
    iso = _ISO_MONTH.match(value)
    if iso:
        year, month = int(iso.group(1)), int(iso.group(2))
        if 1 <= month <= 12:
            return f"{year:04d}-{month:02d}"
    named = _NAMED.match(value)
    if named:
        month = month_number(named.group(1))
        if month:
            year_text = named.group(2)
            if year_text:
                year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            else:
                year = on_or_after.year + (1 if month < on_or_after.month else 0)
            return f"{year:04d}-{month:02d}"
    raise InvalidInput(f'"{text.strip()}" is not a month I recognise; try "March" or "2024-03".')


def month_label(month: str) -> str:
    """ "March 2024" for "2024-03"."""
    year, number = month.split("-")
    return f"{calendar.month_name[int(number)]} {year}"


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_after(day: date) -> str:
    """ "YYYY-MM" of the month after ``day``'s."""
    return f"{day.year + day.month // 12:04d}-{day.month % 12 + 1:02d}"


_DUE_NOISE = re.compile(r"^(?:by|before|for|on|in|no later than|until)\s+(?:the\s+)?", re.I)
_PART_OF_MONTH = re.compile(
    r"^(?:the\s+)?(end|early|beginning|start|mid|middle|late)(?:\s+of)?[\s-]+([a-z]+)\.?(?:\s+(\d{4}))?$"
)
_MEETING = re.compile(r"^([a-z]+)\.?(?:\s+(\d{4}))?\s+(?:csp|board|meeting|cspb)(?:\s+board)?$")
# The day a part of a month means when a deadline is written that way.
_PART_DAY = {"early": 7, "beginning": 7, "start": 7, "mid": 15, "middle": 15, "late": 25}


def parse_due(text: str, on_or_after: date) -> tuple[date | None, str | None]:
    """A deadline as written in minutes or chat: (date, None), or (None, "YYYY-MM") when it
    names a meeting ("for the March CSP": the caller knows the meeting's day), or
    InvalidInput. Uses dateparser for ordinary dates ("15 March", "31/01/2024", "next Friday")."""
    import dateparser  # imported here: it takes a moment to load, and only deadlines need it

    value = " ".join(text.strip().lower().replace("\u2019", "'").split()).rstrip(".")
    value = _DUE_NOISE.sub("", value)
    part = _PART_OF_MONTH.match(value)
    if part and month_number(part.group(2)):
        month = parse_month(" ".join(filter(None, part.group(2, 3))), on_or_after)
        year, number = (int(p) for p in month.split("-"))
        last = calendar.monthrange(year, number)[1]
        return date(year, number, _PART_DAY.get(part.group(1), last)), None
    meeting = _MEETING.match(value)
    if meeting and month_number(meeting.group(1)):
        return None, parse_month(" ".join(filter(None, meeting.group(1, 2))), on_or_after)
    named = _NAMED.match(value)
    if named and month_number(named.group(1)):  # "by March": the end of that month
        year, number = (int(p) for p in parse_month(value, on_or_after).split("-"))
        return date(year, number, calendar.monthrange(year, number)[1]), None
    found = dateparser.parse(
        value,
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": datetime.combine(on_or_after, datetime.min.time()),
            "DATE_ORDER": "DMY",
            "PREFER_DAY_OF_MONTH": "last",
        },
    )
    if found is None or len(value) > 60:
        raise InvalidInput(f'"{text.strip()}" is not a date I understand; try "15 March".')
    return found.date(), None

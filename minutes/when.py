"""Dates, months and times as minutes write them ("Wednesday 29th March", "March's 2023 CSP").

Month names come from the standard library's ``calendar``; deadlines in free text use
``board.dates.parse_due`` (dateparser).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name: number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["Sept"] = 9
MONTHS.update({name.upper(): number for name, number in list(MONTHS.items())})  # "JUNE 2017"
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name.lower(): number for number, name in enumerate(calendar.day_abbr)})

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = (
    r"(?:(?P<weekday>[A-Z][a-z]{2,8}day|[A-Z][A-Z]{2,8}DAY|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri"
    r"|Sat|Sun),? *)?"
)
# "29th March 2024", "4 th June" (a superscript set apart by a PDF), "the 14th of June".
_DAY_FIRST = re.compile(
    _WEEKDAY
    + r"(?<!\d)(?P<day>\d{1,2}) ?(?:st|nd|rd|th|ST|ND|RD|TH)? *(?:of +)?(?P<month>"
    + _MONTH_ALT
    + r")\.?(?:,? +(?P<year>\d{4}))?\b"
)
_MONTH_FIRST = re.compile(
    _WEEKDAY + r"\b(?P<month>" + _MONTH_ALT + r")\.? +(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
    r"(?:,? +(?P<year>\d{4}))?\b"
)
# "10/12/2012", "15.02.17", "15-02-17" (also glued to a weekday: "Wed15-02-17").
_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})"
    r"(?![\d/-])"
)
_ISO = re.compile(r"(?<![\d/.-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\d-])")
_DATE_PATTERNS = (_DAY_FIRST, _MONTH_FIRST, _ISO, _NUMERIC)
# "March", "March 2024", "March's 2023", "March 2024's": a month named as a meeting.
_FULL_MONTH = "|".join([*calendar.month_name[1:], "Sept"])
MONTH_REF = re.compile(r"\b(?P<month>" + _FULL_MONTH + r")(?:['\u2019]s)?(?: +(?P<year>\d{4}))?\b")
# "October 2024", "JUNE 2014": a month of a known year.
MONTH_YEAR = re.compile(
    r"\b(?P<month>" + _FULL_MONTH + "|" + _FULL_MONTH.upper() + r")\.?,? +(?P<year>(?:19|20)\d\d)\b"
)
TIME = re.compile(
    r"\b\d{1,2}(?:[.:]\d{2})? *(?:am|pm|a\.m\.|p\.m\.)?"
    r"(?: *(?:-|\u2013|\u2014|to) *\d{1,2}(?:[.:]\d{2})? *(?:am|pm|a\.m\.|p\.m\.)?)?",
    re.I,
)
_YEARS_AHEAD = 1  # a next meeting is within a year of the last one


@dataclass(frozen=True)
class WrittenDate:
    """A date as written: the year and the weekday may be missing or wrong."""

    day: int
    month: int
    year: int | None
    weekday: int | None
    start: int
    end: int
    text: str


def find_date(line: str) -> WrittenDate | None:
    """The first date written in the line (bounded to its first 300 characters)."""
    found = find_dates(line[:300])
    return found[0] if found else None


def find_dates(text: str) -> list[WrittenDate]:
    """Every date written in ``text``, in order, none overlapping another (linear in its length)."""
    matches = [m for pattern in _DATE_PATTERNS for m in pattern.finditer(text)]
    matches.sort(key=lambda m: (m.start(), -m.end()))
    dates: list[WrittenDate] = []
    end = -1
    for found in matches:
        if found.start() < end:
            continue
        written = _written(found)
        if written is not None:
            dates.append(written)
            end = found.end()
    return dates


def _written(found: re.Match) -> WrittenDate | None:
    groups = found.groupdict()
    month_text = groups["month"]
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text]
    year = groups.get("year")
    year_number = None
    if year:
        year_number = int(year) + (2000 if len(year) == 2 else 0)
    weekday = groups.get("weekday")
    weekday_number = WEEKDAYS.get(weekday.lower()) if weekday else None
    day = int(groups["day"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return WrittenDate(
        day, month, year_number, weekday_number, found.start(), found.end(), found.group(0)
    )


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve(written: WrittenDate, after: date | None) -> tuple[date | None, str | None]:
    """The date meant, and a note when the year had to be chosen or corrected.

    A date without a year is the first after ``after`` (within a year) whose weekday matches
    the written weekday, else simply the first after ``after``. A stated year that is before
    ``after`` or contradicts the stated weekday gives way to the same choice."""
    stated = _valid(written.year, written.month, written.day) if written.year else None
    consistent = stated is not None and (
        written.weekday is None or stated.weekday() == written.weekday
    )
    if stated and consistent and (after is None or stated > after):
        return stated, None
    if after is None:
        if stated:
            return stated, f'"{written.text}": the weekday does not match the date'
        return None, f'"{written.text}": no year, and no meeting date to place it after'
    candidates = [
        day
        for year in range(after.year, after.year + _YEARS_AHEAD + 1)
        if (day := _valid(year, written.month, written.day))
        and after < day <= after + timedelta(days=366 * _YEARS_AHEAD)
    ]
    if not candidates:
        return stated, f'"{written.text}": not a valid date'
    matching = [d for d in candidates if written.weekday is None or d.weekday() == written.weekday]
    chosen = matching[0] if matching else candidates[0]
    if written.year is None and matching:
        return chosen, f'"{written.text}" has no year; read as {chosen.isoformat()}'
    if not matching:
        return chosen, (
            f'"{written.text}": the weekday does not match any date in the next year; '
            f"read as {chosen:%A} {chosen.isoformat()}"
        )
    return chosen, (
        f'"{written.text}" is not consistent with a meeting after {after.isoformat()}'
        f"; read as {chosen:%A} {chosen.isoformat()}"
    )


def month_after(month: int, year: int | None, after: date) -> str:
    """ "YYYY-MM": the stated year, else the first such month after ``after``'s month."""
    if year is None:
        year = after.year + (1 if month <= after.month else 0)
    return f"{year:04d}-{month:02d}"


def month_before(month: int, year: int | None, before: date) -> str:
    """ "YYYY-MM": the stated year, else the last such month before ``before``'s month."""
    if year is None:
        year = before.year - (1 if month >= before.month else 0)
    return f"{year:04d}-{month:02d}"


def first_of(month: str) -> date:
    year, number = (int(p) for p in month.split("-"))
    return date(year, number, 1)


def find_time(text: str) -> str | None:
    """A time or time range ("10:00 am", "10.00-13.00pm"); a bare number is not a time."""
    for found in TIME.finditer(text[:200]):
        value = found.group(0).strip()
        if any(c in value for c in ".:") or any(m in value.lower() for m in ("am", "pm")):
            return value
    return None


def month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{calendar.month_name[int(number)]} {year}"

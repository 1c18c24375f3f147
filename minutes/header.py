"""What the minutes say about the meeting itself and the next one: dates, time, venue, chair,
secretariat contact, who was present and who sent apologies."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from minutes.owners import owner_names
from minutes.text import split_sentences, tidy
from minutes.when import MONTH_REF, MONTHS, WrittenDate, find_date, find_time

_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{1,30}?) *: *(?P<value>.*)$")
_CHAIR_MARK = re.compile(r"[(\[] *(?:in the )?chair(?:man|person)? *[)\]]", re.I)
_CHAIR_OPENED = re.compile(
    r"^(?P<name>[^,.]{2,60}),[^.]{0,160}?\bchair\b[^.]{0,40}?\b(?:opened|welcomed)\b", re.I
)
_CHAIRED_BY = re.compile(r"\bchaired by +(?P<name>[^,.;()]{2,60})", re.I)
_OPENED_MONTH = re.compile(r"\bopened +the +(?=[A-Z])")
_NAME_LIST_SPLIT = re.compile(r",|;|\band\b")
_PEOPLE_LABELS = {
    "present": "present",
    "members present": "present",
    "attendees": "present",
    "additional attendees": "present",
    "in attendance": "present",
    "also present": "present",
    "apologies": "apologies",
    "apologies for absence": "apologies",
    "minutes": "minute_taker",
    "minute taker": "minute_taker",
    "minutes taken by": "minute_taker",
    "clerk": "minute_taker",
    "contact": "contact",
    "venue": "venue",
    "location": "venue",
    "chair": "chair",
}


@dataclass
class Header:
    date: WrittenDate | None = None
    time: str | None = None
    venue: str | None = None
    chair: str | None = None
    contact: str | None = None
    minute_taker: str | None = None
    present: list[str] = field(default_factory=list)
    apologies: list[str] = field(default_factory=list)


def _names(value: str) -> tuple[list[str], str | None]:
    """(names in a "Present:" list, the one marked as chair)."""
    chair = None
    names = []
    for part in _NAME_LIST_SPLIT.split(value.rstrip(" .")):
        if not part:
            continue
        marked = bool(_CHAIR_MARK.search(part))
        part = _CHAIR_MARK.sub(" ", part)
        found = owner_names(part.split(" \u2013 ")[0].split(" - ")[0])
        if found:
            names.extend(found)
            if marked:
                chair = found[0]
    return names, chair


def read_header(preamble: list[str], first_item: list[str]) -> Header:
    """Time, venue, chair, people and contacts; the date here only locates the time (the
    meeting's date is ``minutes.meeting_date``'s decision)."""
    header = Header()
    for line in preamble:
        if header.date is None:
            written = find_date(line)
            if written and written.year:
                header.date = written
                header.time = find_time(line[written.end :])
                continue
        elif header.time is None and find_time(line) and len(line) < 40:
            header.time = find_time(line)
    for line in [*preamble, *first_item]:
        _labelled(line, header)
    return header


def _labelled(line: str, header: Header) -> None:
    found = _LABEL.match(line[:2000])
    if not found:
        return
    field_name = _PEOPLE_LABELS.get(found.group("label").strip().lower())
    value = found.group("value").strip()
    if not field_name or not value:
        return
    if field_name in ("present", "apologies"):
        names, chair = _names(value)
        getattr(header, field_name).extend(n for n in names if n not in header.present)
        header.chair = header.chair or chair
    elif field_name == "venue":
        header.venue = header.venue or tidy(value)
    elif field_name == "chair":
        names = owner_names(value)
        header.chair = header.chair or (names[0] if names else None)
    else:
        names = owner_names(value.split(",")[0])
        if names and getattr(header, field_name) is None:
            setattr(header, field_name, names[0])


def chair_from_text(lines: list[str]) -> str | None:
    """ "Councillor Mullane, CSP chair opened the ..." or "... chaired by X"."""
    for line in lines:
        head = line[:400]
        found = _CHAIR_OPENED.search(head) or _CHAIRED_BY.search(head)
        if found:
            names = owner_names(found.group("name"))
            if names and len(names) == 1:
                return names[0]
    return None


def opened_month(lines: list[str]) -> tuple[int, int | None, str] | None:
    """(month, year or None, sentence) from "... opened the September CSP board ..."."""
    for line in lines:
        for sentence in split_sentences(line[:1000]):
            opened = _OPENED_MONTH.search(sentence)
            if not opened:
                continue
            found = MONTH_REF.match(sentence, opened.end())
            if found:
                year = int(found.group("year")) if found.group("year") else None
                return MONTHS[found.group("month")], year, sentence
    return None


@dataclass
class NextDetails:
    written: WrittenDate | None = None
    time: str | None = None
    venue: str | None = None
    chair: str | None = None
    other_dates: list[WrittenDate] = field(default_factory=list)


def read_next_meeting(lines: list[str]) -> NextDetails:
    """The lines of a "Date of Next Meeting" item: board name, date and time, venue, chair."""
    details = NextDetails()
    for line in lines[:40]:
        if not line:
            continue
        found = _LABEL.match(line[:300])
        label = found.group("label").strip().lower() if found else ""
        if label == "chair" and details.chair is None:
            names = owner_names(found.group("value"))
            details.chair = names[0] if names else tidy(found.group("value"))
            continue
        if label in ("venue", "location", "place") and details.venue is None:
            details.venue = tidy(found.group("value"))
            continue
        written = find_date(line)
        if written:
            if details.written is None:
                details.written = written
                rest = line[written.end :]
                details.time = find_time(rest)
                if details.time:
                    rest = rest.replace(details.time, "", 1)
                place = tidy(rest.strip(" ,;-\u2013\u2014"))
                details.venue = details.venue or (place if len(place) > 2 else None)
            elif written.text != details.written.text:
                details.other_dates.append(written)
            continue
        if details.written is not None and details.venue is None and not found:
            details.venue = tidy(line)
    return details

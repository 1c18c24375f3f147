"""ParsedMinutes -> the JSON that ``clerk extract`` prints.

Restricted agenda items appear by number and title only: their text is never output.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from minutes.model import ParsedMinutes
from minutes.parser import parse_minutes
from minutes.readers import read_structured


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def extraction_json(parsed: ParsedMinutes) -> dict:
    nxt = parsed.next_meeting
    return {
        "meeting_date": _day(parsed.meeting_date),
        "meeting_month": parsed.meeting_month
        or (f"{parsed.meeting_date:%Y-%m}" if parsed.meeting_date else None),
        "meeting_time": parsed.meeting_time,
        "venue": parsed.venue,
        "chair": parsed.chair,
        "contact": parsed.contact,
        "minute_taker": parsed.minute_taker,
        "present": list(parsed.present),
        "apologies": list(parsed.apologies),
        "next_meeting_date": _day(nxt.date) if nxt else None,
        "next_meeting": (
            {"date": _day(nxt.date), "time": nxt.time, "venue": nxt.venue, "chair": nxt.chair}
            if nxt
            else None
        ),
        "agenda_items": [
            {"number": item.number, "title": item.title, "restricted": item.restricted}
            for item in parsed.agenda_items
        ],
        "actions": [
            {
                "owners": list(action.owners),
                "text": action.text,
                "status": action.status,
                "agenda_item": action.agenda_item,
                "due": _day(action.due),
                "confidence": action.confidence,
                "quote": action.quote,
                "finder": action.finder,
                "owner_names": list(action.owner_names or action.owners),
            }
            for action in parsed.actions
        ],
        "forward_plan": [
            {
                "meeting": plan.meeting,
                "title": plan.title,
                "lead": plan.lead,
                "confidence": plan.confidence,
                "quote": plan.quote,
                "finder": plan.finder,
            }
            for plan in parsed.forward_plan
        ],
        "warnings": list(parsed.warnings),
    }


def extract_file(path: Path, meeting_date: date | None = None) -> dict:
    """Read, parse and convert one document (raises ``UnreadableDocument``)."""
    document = read_structured(Path(path))
    return extraction_json(parse_minutes(document, meeting_date=meeting_date))

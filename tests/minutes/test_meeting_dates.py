"""The meeting's own date and the next meeting, on small invented documents."""

from __future__ import annotations

from datetime import date

import pytest

from minutes.parser import parse_minutes


@pytest.mark.parametrize(
    ("text", "day", "month"),
    [
        ("# 2024-03-06 steering group\n\nNotes.\n", date(2024, 3, 6), None),
        ("---\ntitle: Board\ndate: 2024-03-06\n---\n\n# Board\n", date(2024, 3, 6), None),
        ("Notes 6th March 2024\n\nPlease note these are draft notes.\n", date(2024, 3, 6), None),
        ("DATE:\tWed06-03-24\t\tTIME: 11:43\n\nNotes\n", date(2024, 3, 6), None),
        ("TOWN COUNCIL\nMEETING 6 th\nMARCH 2024\n\nThe council met.\n", date(2024, 3, 6), None),
        (
            "Minutes of the meeting of the Council (held remotely) on Tuesday, 5th March 2024 "
            "at 7.30 pm.\n\nPresent: Cllr A Smith\n",
            date(2024, 3, 5),
            None,
        ),
        # The approved minutes' date is the previous meeting, never this one.
        (
            "March 2024 Minutes\n\nThe minutes of the meeting of 6th February 2024 were agreed "
            "as a true record.\n",
            None,
            "2024-03",
        ),
        (
            "Parish Council\n\nThe minutes of the meeting held on 6 February 2024 were approved."
            "\n\nThe bank statement dated 1 March 2024 was noted and the work was reported.\n",
            None,
            None,
        ),
    ],
)
def test_meeting_date(text, day, month):
    parsed = parse_minutes(text)
    assert (parsed.meeting_date, parsed.meeting_month) == (day, month)


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        (
            "Next meeting to be held on Thursday 7th March 2024 at the Village Hall",
            date(2024, 3, 7),
        ),
        ("The Board will next meet on 7 March 2024.", date(2024, 3, 7)),
        ("It was agreed to defer this to the next meeting, on 7 March 2024.", date(2024, 3, 7)),
        ("Date of next meeting: Thursday March 7th 2024", date(2024, 3, 7)),
        (
            "## Date of next meeting\n\nProvisional dates:\n\n* 2023-12-01\n* 2024-03-07",
            date(2024, 3, 7),
        ),
        ("Dates for 2024 - first Thursday\n\n1 st\nFebruary\n7 th\nMarch", date(2024, 2, 1)),
    ],
)
def test_next_meeting_phrasings(sentence, day):
    parsed = parse_minutes(f"Minutes of the meeting held on 10 January 2024\n\n{sentence}\n")
    assert parsed.meeting_date == date(2024, 1, 10)
    assert parsed.next_meeting is not None and parsed.next_meeting.date == day


def test_next_meeting_time_and_venue():
    parsed = parse_minutes(
        "Minutes of the meeting held on 10 January 2024\n\n"
        "Next meeting to be held on Thursday 7th March 2024 at 7.30pm at the Village Hall\n"
    )
    assert (parsed.next_meeting.time, parsed.next_meeting.venue) == ("7.30pm", "the Village Hall")


def test_a_date_in_the_prose_is_not_the_next_meeting():
    parsed = parse_minutes(
        "Minutes of the meeting held on 10 January 2024\n\nInterviews take place on 15 January "
        "2024 and the results would be reported to the next meeting.\n"
    )
    assert parsed.next_meeting is None

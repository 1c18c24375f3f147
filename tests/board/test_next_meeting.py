"""The next meeting: the one the latest minutes name, with the plan items that belong to it."""

from datetime import date

from minutes.ingest import ingest_file
from minutes.loader import load_minutes
from minutes.model import NextMeeting, ParsedMinutes, ParsedPlanItem
from tests.conftest import SAMPLES


def _minutes(app, held: date, next_day: date, plan: list[tuple[str, str]] = (),
             venue: str | None = None) -> None:
    parsed = ParsedMinutes(
        meeting_date=held,
        forward_plan=[ParsedPlanItem(meeting=month, title=title) for month, title in plan],
        next_meeting=NextMeeting(date=next_day, venue=venue, chair="Stuart Bell"),
    )
    with app.uow() as repo:
        load_minutes(repo, board=app.clerk.board, parsed=parsed, file_name=f"{held}.txt",
                     file_format="txt", data=str(held).encode(), text=str(held))


def test_items_for_a_month_without_a_meeting_belong_to_the_meeting_after_it(app):
    """Items agreed "for the March CSP" show under the meeting later dated 3 April."""
    ingest_file(app.uow, SAMPLES / "lbbd-csp-2023-12-06.md", board=app.clerk.board)
    meeting, items = app.clerk.plan_for_next_meeting()
    assert meeting.date == date(2024, 4, 3)
    assert "VAWG strategy" in [i.title for i in items]
    assert {i.month for i in items} == {"2024-03"}


def test_items_of_an_earlier_meeting_stay_with_it(app):
    _minutes(app, date(2023, 12, 6), date(2024, 2, 7), [("2024-02", "February item")])
    _minutes(app, date(2024, 2, 7), date(2024, 4, 3), [("2024-04", "April item")])
    app.clerk._today = date(2024, 2, 20)
    meeting, items = app.clerk.plan_for_next_meeting()
    assert meeting.date == date(2024, 4, 3)
    assert [i.title for i in items] == ["April item"]


def test_newer_minutes_override_the_next_meeting_older_minutes_named(app):
    _minutes(app, date(2024, 1, 10), date(2024, 3, 13), venue="Room 1")
    _minutes(app, date(2024, 2, 7), date(2024, 4, 3), venue="Room 2")
    app.clerk._today = date(2024, 2, 20)
    meeting = app.clerk.next_meeting()
    assert (meeting.date, meeting.venue) == (date(2024, 4, 3), "Room 2")


def test_the_latest_minutes_win_whatever_order_they_are_read_in(app):
    _minutes(app, date(2024, 2, 7), date(2024, 4, 3), venue="Room 2")
    _minutes(app, date(2024, 1, 10), date(2024, 3, 13), venue="Room 1")
    app.clerk._today = date(2024, 2, 20)
    assert app.clerk.next_meeting().date == date(2024, 4, 3)


def test_without_newer_minutes_the_first_meeting_ahead_is_next(app):
    _minutes(app, date(2024, 1, 10), date(2024, 3, 13))
    app.clerk._today = date(2024, 2, 20)
    assert app.clerk.next_meeting().date == date(2024, 3, 13)

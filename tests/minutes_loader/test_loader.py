"""The loader: parsed minutes into the database, idempotent, one transaction per document."""

from datetime import date

import pytest
from sqlalchemy import func, select

from minutes.loader import MissingMeetingDate, load_minutes
from minutes.model import (
    NextMeeting,
    ParsedAction,
    ParsedAgendaItem,
    ParsedMinutes,
    ParsedPlanItem,
)
from storage.models import Action, ActionEvent, AgendaItem, Document, Meeting, Person, PlanItem

BOARD = "Community Safety Partnership"


def action(owners, text, status="open", item="Minutes"):
    return ParsedAction(owners=owners, text=text, status=status, agenda_item=item, quote=text)


def september() -> ParsedMinutes:
    return ParsedMinutes(
        meeting_date=date(2021, 9, 15),
        chair="Paul Trevers",
        present=["Jade Hodgson", "Chris Lyons", "Dan James"],
        agenda_items=[
            ParsedAgendaItem("3", "Minutes", False, "The June minutes were approved."),
            ParsedAgendaItem("8", "RESTRICTED: Stephen Port Inquest", True, ""),
        ],
        actions=[
            action(["Jade Hodgson"], "share the tootoot app with schools"),
            action(["Andy Opie", "Dan James"], "discuss MPS 5 year trends in council data"),
            action(["CSP Board Chairs"], "write jointly to NELFT"),
            action(["James Rush"], "find out whether KCPOs appear on DBS", "completed"),
        ],
        forward_plan=[ParsedPlanItem("2022-03", "Family Drug and Alcohol Court update")],
        next_meeting=NextMeeting(date(2021, 12, 8), "10:00am-13:00pm", "MS Teams", "Cllr Mullane"),
    )


def december() -> ParsedMinutes:
    return ParsedMinutes(
        meeting_date=date(2021, 12, 8),
        chair="Councillor Mullane",
        actions=[
            action(["Jade Hodgson"], "share the tootoot app with schools", "completed"),
            action(["Daniel James", "Andy Opie"], "discuss MPS 5-year trends in council data sets"),
            action(["DS James Rush"], "present KCPOs to the YOS subgroup"),
            action(["Chris"], "share the women's safety survey with MPS"),
        ],
        forward_plan=[ParsedPlanItem("2022-03", "Family drug and alcohol court update.")],
    )


def load(app, parsed, data: bytes, name="minutes.txt", meeting_date=None, replace=False):
    with app.uow() as repo:
        return load_minutes(
            repo, board=BOARD, parsed=parsed, file_name=name, file_format="txt", data=data,
            text=data.decode(), meeting_date=meeting_date, replace=replace,
        )


def counts(app):
    with app.uow() as repo:
        return {
            model.__tablename__: repo.session.scalar(select(func.count()).select_from(model))
            for model in (Action, ActionEvent, AgendaItem, Document, Meeting, Person, PlanItem)
        }


def test_first_minutes_create_everything(app):
    summary = load(app, september(), b"september")
    assert (summary.actions_new, summary.plan_items_new, summary.meeting_date) == (
        4, 1, date(2021, 9, 15),
    )
    actions = app.clerk.actions(status="all")
    assert [(a.number, a.owners, a.status) for a in actions] == [
        (1, ("Jade Hodgson",), "open"),
        (2, ("Andy Opie", "Dan James"), "open"),
        (3, ("CSP Board Chairs",), "open"),
        (4, ("James Rush",), "completed"),
    ]
    assert [e.kind for e in app.clerk.action(4).history] == ["created", "closed"]
    meetings = app.clerk.meetings()
    assert [(m.date, m.status) for m in meetings] == [
        (date(2021, 9, 15), "held"), (date(2021, 12, 8), "scheduled"),
    ]
    assert meetings[1].venue == "MS Teams"


def test_restricted_items_keep_their_title_only(app):
    load(app, september(), b"september")
    items = app.clerk.last_meeting().items
    assert [(i.title, i.restricted, i.text) for i in items][1] == (
        "RESTRICTED: Stephen Port Inquest", True, "",
    )


def test_same_bytes_again_change_nothing(app):
    load(app, september(), b"september")
    before = counts(app)
    assert load(app, september(), b"september").duplicate
    assert counts(app) == before


def test_later_minutes_update_actions_instead_of_duplicating(app):
    load(app, september(), b"september")
    summary = load(app, december(), b"december")
    assert (summary.actions_new, summary.actions_updated) == (2, 2)
    assert app.clerk.action(1).status == "completed"
    assert [e.kind for e in app.clerk.action(1).history] == ["created", "closed"]
    assert app.clerk.action(1).history[-1].document == "minutes.txt"
    assert [e.kind for e in app.clerk.action(2).history] == ["created", "seen"]
    # People are one person under their different spellings.
    assert [a.number for a in app.clerk.actions(owner="Daniel James")] == [2]
    assert [a.number for a in app.clerk.actions(owner="James Rush", status="all")] == [4, 5]
    assert app.clerk.actions(owner="Chris Lyons")[0].text.startswith("share the women")
    assert len(app.clerk.plan("2022-03")[1]) == 1
    # The scheduled December meeting is now the held one.
    assert [(m.date, m.status) for m in app.clerk.meetings()] == [
        (date(2021, 9, 15), "held"), (date(2021, 12, 8), "held"),
    ]


def test_corrected_minutes_update_the_same_meeting(app):
    load(app, september(), b"september")
    corrected = september()
    corrected.actions[0] = action(["Jade Hodgson"], "share the tootoot app with all schools")
    summary = load(app, corrected, b"september, corrected", replace=True)
    assert summary.actions_new == 0 and summary.actions_updated == 1
    assert len(app.clerk.meetings()) == 2
    assert app.clerk.action(1).text == "share the tootoot app with all schools"
    assert app.clerk.action(1).history[-1].kind == "edited"


def test_a_document_without_a_date_writes_nothing(app):
    undated = september()
    undated.meeting_date = None
    with pytest.raises(MissingMeetingDate, match="--meeting-date"):
        load(app, undated, b"undated")
    assert set(counts(app).values()) == {0}
    summary = load(app, undated, b"undated", meeting_date=date(2021, 9, 15))
    assert summary.actions_new == 4


def test_month_only_dates_are_stored_with_a_warning(app):
    monthly = september()
    monthly.meeting_date, monthly.meeting_month = None, "2021-09"
    summary = load(app, monthly, b"monthly")
    assert summary.meeting_date == date(2021, 9, 1)
    assert "stored under 2021-09-01 (the day is not known)" in summary.warnings


def test_a_failure_midway_leaves_nothing_behind(app):
    broken = september()
    broken.forward_plan.append(ParsedPlanItem("not-a-month", "x" * 10))
    with pytest.raises(Exception):  # noqa: B017 - any database error will do
        load(app, broken, b"broken")
    assert set(counts(app).values()) == {0}


def test_an_ambiguous_first_name_is_left_unlinked_with_a_warning(app):
    first = september()
    first.present.append("Jade Cavalli")
    load(app, first, b"one")
    later = december()
    later.actions.append(action(["Jade"], "chase the ISA signatures"))
    summary = load(app, later, b"two")
    assert any('"Jade" could be' in w for w in summary.warnings)
    chase = [a for a in app.clerk.actions() if a.text.startswith("chase")][0]
    assert chase.owners == ("Jade",) and chase.owner_ids == ()


def test_a_plan_item_for_the_next_meeting_is_filed_under_the_boards_next_meeting(app):
    """ "next" (the minutes give no date) goes to the next meeting the board knows of."""
    september_minutes = september()
    september_minutes.forward_plan.append(ParsedPlanItem("next", "Youth survey results"))
    september_minutes.next_meeting = None
    summary = load(app, september_minutes, b"september")
    assert summary.plan_items_new == 1  # no later meeting is known: warned, not guessed
    assert any("Youth survey results" in w and "next meeting" in w for w in summary.warnings)
    later = december()
    later.forward_plan = [ParsedPlanItem("next", "Youth survey results")]
    later.next_meeting = NextMeeting(date(2022, 3, 16))
    assert load(app, later, b"december").plan_items_new == 1
    with app.uow() as repo:
        rows = repo.session.scalars(select(PlanItem).where(PlanItem.title.like("Youth survey%")))
        assert [row.month for row in rows] == ["2022-03"]

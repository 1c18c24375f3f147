"""The board's services on a real database (SQLite or PostgreSQL, per CLERK_TEST_DATABASE)."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import func, select

from board.errors import (
    AmbiguousName,
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    UnknownName,
)
from board.model import Actor
from storage.models import ActionEvent, PlanItem
from tests.builders import add_action, add_meeting, add_people


@pytest.fixture
def board(app):
    add_people(app, "Jade Hodgson", "Chris Lyons", "Daniel James", "Stuart Bell", "Jade Cavalli")
    meeting = add_meeting(app, date(2023, 12, 6), chair="Stuart Bell")
    add_action(app, "share the app with schools", ["Jade Hodgson"], meeting_id=meeting)
    add_action(app, "share the survey with MPS", ["Chris Lyons"], meeting_id=meeting)
    add_action(app, "discuss data", ["Jade Hodgson", "Daniel James"], status="completed")
    add_action(app, "agree CCTV report updates", ["Board members"], meeting_id=meeting)
    return app


def as_(app, name, source="cli"):
    return Actor.of(app.clerk.resolve_person(name), source)


def events(app, kind=None):
    with app.uow() as repo:
        query = select(func.count(ActionEvent.id))
        if kind:
            query = query.where(ActionEvent.kind == kind)
        return repo.session.scalar(query)


def test_actions_by_owner_and_status(board):
    clerk = board.clerk
    assert [a.number for a in clerk.actions(owner="Jade Hodgson")] == [1]
    assert [a.number for a in clerk.actions(owner="jade hodgson", status="all")] == [1, 3]
    assert [a.number for a in clerk.actions(owner="Dan James", status="completed")] == [3]
    assert [a.number for a in clerk.actions()] == [1, 2, 4]
    assert clerk.actions()[2].owners == ("Board members",)


def test_bad_owner_or_status_is_refused(board):
    with pytest.raises(UnknownName, match="Nobody Atall"):
        board.clerk.actions(owner="Nobody Atall")
    with pytest.raises(AmbiguousName) as error:
        board.clerk.actions(owner="Jade")
    assert [c.name for c in error.value.candidates] == ["Jade Cavalli", "Jade Hodgson"]
    with pytest.raises(InvalidInput):
        board.clerk.actions(status="pending")


def test_owner_closes_with_note_and_the_event_is_recorded(board):
    done = board.clerk.close_action(1, as_(board, "Jade Hodgson", "chat"), "letter sent")
    assert done.status == "completed"
    closed = done.history[-1]
    assert (closed.kind, closed.actor, closed.source, closed.note) == (
        "closed", "Jade Hodgson", "chat", "letter sent",
    )
    assert [a.number for a in board.clerk.actions(owner="Jade Hodgson")] == []


def test_non_owner_is_refused_and_nothing_is_written(board):
    before = events(board)
    with pytest.raises(PermissionDenied, match="Only an owner of action 1"):
        board.clerk.close_action(1, as_(board, "Chris Lyons"))
    assert events(board) == before
    assert board.clerk.action(1).status == "open"


def test_admin_may_close_anyones_action_and_role_actions(make_app, board):
    secretariat = make_app(admins=["Stuart Bell"])
    secretariat.clerk.close_action(1, as_(secretariat, "Stuart Bell"))
    secretariat.clerk.close_action(4, as_(secretariat, "Stuart Bell"))
    assert secretariat.clerk.action(4).status == "completed"
    board.clerk.set_admin("Chris Lyons", True, Actor.command_line())
    board.clerk.reopen_action(1, as_(board, "Chris Lyons"), "not done after all")
    assert board.clerk.action(1).status == "open"


def test_illegal_status_changes(board):
    jade = as_(board, "Jade Hodgson")
    with pytest.raises(Conflict, match="already completed"):
        board.clerk.close_action(3, jade)
    with pytest.raises(Conflict, match="already open"):
        board.clerk.reopen_action(1, jade)
    with pytest.raises(NotFound, match="no action 99"):
        board.clerk.close_action(99, jade)


def test_reopen_then_close_keeps_every_event(board):
    jade = as_(board, "Jade Hodgson")
    board.clerk.reopen_action(3, jade)
    board.clerk.close_action(3, jade, "really done")
    kinds = [e.kind for e in board.clerk.action(3).history]
    assert kinds == ["created", "reopened", "closed"]


def test_concurrent_closes_give_exactly_one_close_event(make_app, board):
    apps = [make_app() for _ in range(8)]
    actor = as_(board, "Jade Hodgson")

    def close(i):
        try:
            apps[i % len(apps)].clerk.close_action(1, actor, f"attempt {i}")
            return "closed"
        except Conflict:
            return "conflict"

    with ThreadPoolExecutor(max_workers=16) as pool:
        outcomes = list(pool.map(close, range(40)))
    assert outcomes.count("closed") == 1
    assert outcomes.count("conflict") == 39
    assert events(board, "closed") == 1


def test_action_numbers_are_never_reused(board):
    board.clerk.close_action(1, as_(board, "Jade Hodgson"))
    assert add_action(board, "a new action", ["Chris Lyons"]) == 5


def test_forward_plan_add_and_list(board):
    jade = as_(board, "Jade Hodgson", "chat")
    item = board.clerk.add_plan_item("CCTV update", "June", jade, lead="Chris")
    assert (item.month, item.title, item.lead, item.added_by) == (
        "2024-06", "CCTV update", "Chris Lyons", "Jade Hodgson",
    )
    board.clerk.add_plan_item("VAWG strategy", "2024-03", jade)
    month, items = board.clerk.plan("june")
    assert month == "2024-06" and [i.title for i in items] == ["CCTV update"]
    _, everything = board.clerk.plan()
    assert [i.month for i in everything] == ["2024-03", "2024-06"]


def test_forward_plan_bad_input_writes_nothing(board):
    jade = as_(board, "Jade Hodgson")
    board.clerk.add_plan_item("CCTV update", "June", jade)
    with pytest.raises(Conflict):
        board.clerk.add_plan_item("cctv update.", "2024-06", jade)
    with pytest.raises(InvalidInput):
        board.clerk.add_plan_item("Something", "Blursday", jade)
    with pytest.raises(InvalidInput):
        board.clerk.add_plan_item("   ", "June", jade)
    with pytest.raises(UnknownName):
        board.clerk.add_plan_item("Something", "June", jade, lead="Nobody Known")
    with board.uow() as repo:
        assert repo.session.scalar(select(func.count(PlanItem.id))) == 1


def test_meetings_last_and_next(board):
    add_meeting(board, date(2024, 3, 20), status="scheduled", venue="MS Teams")
    last = board.clerk.last_meeting()
    assert (last.date, last.chair) == (date(2023, 12, 6), "Stuart Bell")
    assert [a.number for a in last.actions] == [1, 2, 4]
    assert board.clerk.next_meeting().date == date(2024, 3, 20)
    assert board.clerk.last_meeting("December 2023").date == date(2023, 12, 6)
    with pytest.raises(NotFound):
        board.clerk.last_meeting("May 2021")
    meeting, _ = board.clerk.plan_for_next_meeting()
    assert meeting.venue == "MS Teams"


def test_people_merge_and_link(board):
    add_people(board, "Dan James")
    board.clerk.merge_people("Dan James", "Daniel James")
    daniel = board.clerk.resolve_person("Daniel James")
    assert "Dan James" in daniel.aliases
    linked = board.clerk.link_identity(daniel.id, "aad-1", Actor.command_line())
    assert board.clerk.person_for_identity("aad-1") == linked
    # An identity moves if it is linked to someone else.
    chris = board.clerk.resolve_person("Chris Lyons")
    board.clerk.link_identity(chris.id, "aad-1", Actor.command_line())
    assert board.clerk.person_for_identity("aad-1").name == "Chris Lyons"


def test_another_process_sees_a_change_of_names_at_once(board, make_app):
    """Each process caches the name index; a merge in one (within the same second as the
    other built its index) is seen by the other at its next lookup."""
    other = make_app()  # a second bot process on the same database
    add_people(board, "Dan James")
    assert other.clerk.resolve_person("Dan James").name == "Dan James"
    board.clerk.merge_people("Dan James", "Daniel James")
    assert other.clerk.resolve_person("Dan James").name == "Daniel James"
    board.clerk.link_identity(board.clerk.resolve_person("Chris Lyons").id, "aad-chris",
                              Actor.command_line())
    add_people(board, "Priya Patel")
    assert other.clerk.resolve_person("Priya Patel").name == "Priya Patel"


def test_audit_lists_every_change_and_events_are_append_only(board):
    board.clerk.close_action(1, as_(board, "Jade Hodgson", "chat"), "sent")
    trail = board.clerk.audit(1)
    assert [(n, e.kind, e.actor, e.source) for n, e in trail] == [
        (1, "created", "Minutes", "minutes"),
        (1, "closed", "Jade Hodgson", "chat"),
    ]
    assert len(board.clerk.audit()) == 5
    with pytest.raises(NotFound):
        board.clerk.audit(77)
    with pytest.raises(Exception, match="append-only"), board.uow() as repo:
        repo.session.execute(ActionEvent.__table__.update().values(note="rewritten"))
    with pytest.raises(Exception, match="append-only"), board.uow() as repo:
        repo.session.execute(ActionEvent.__table__.delete())
    assert [e.note for _, e in board.clerk.audit(1)] == [None, "sent"]


@pytest.mark.parametrize(
    ("written", "due"),
    [
        ("15 March", date(2024, 3, 15)),
        ("by end of December", date(2024, 12, 31)),
        ("in early February", date(2024, 2, 7)),
        ("by 31/01/2024", date(2024, 1, 31)),
        ("for the March CSP", date(2024, 3, 20)),
        ("for the June CSP", date(2024, 6, 1)),
    ],
)
def test_due_dates_as_people_write_them(board, written, due):
    add_meeting(board, date(2024, 3, 20), status="scheduled")
    action = board.clerk.set_due_date(1, written, as_(board, "Jade Hodgson", "chat"))
    assert action.due_date == due
    assert action.history[-1].note == f"due date set to {due:%d %B %Y}"


def test_due_date_refusals_and_overdue(board):
    jade, chris = as_(board, "Jade Hodgson"), as_(board, "Chris Lyons")
    with pytest.raises(InvalidInput):
        board.clerk.set_due_date(1, "whenever", jade)
    with pytest.raises(PermissionDenied):
        board.clerk.set_due_date(1, "15 March", chris)
    board.clerk.set_due_date(1, "5 January 2024", jade)
    board.clerk.set_due_date(2, "15 March", chris)
    assert [a.number for a in board.clerk.overdue()] == [1]
    assert board.clerk.overdue("Chris Lyons") == []

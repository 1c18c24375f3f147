from datetime import date

import pytest
from sqlalchemy import func, select

from storage.models import ActionEvent, PlanItem
from tests.builders import add_action, add_meeting, add_people


@pytest.fixture
def seeded(app):
    add_people(app, "Jade Hodgson", "Chris Lyons", "Stuart Bell")
    meeting = add_meeting(app, date(2023, 12, 6), chair="Stuart Bell", venue="Town Hall")
    add_action(app, "share the app with schools", ["Jade Hodgson"], meeting_id=meeting)
    add_action(app, "share the survey with MPS", ["Chris Lyons"], meeting_id=meeting)
    add_action(app, "follow up with Mike", ["Jade Hodgson"], status="completed")
    return app


def count(app, model):
    with app.uow() as repo:
        return repo.session.scalar(select(func.count(model.id)))


def test_actions_for_an_owner(seeded, clerk_cli):
    code, out, _ = clerk_cli("actions", "--owner", "Jade Hodgson")
    assert code == 0
    assert "share the app with schools" in out and "share the survey" not in out
    code, out, _ = clerk_cli("actions", "--owner", "Jade Hodgson", "--status", "all")
    assert "follow up with Mike" in out and "completed" in out


def test_close_by_a_stranger_is_refused_and_writes_nothing(seeded, clerk_cli):
    before = count(seeded, ActionEvent)
    code, _, err = clerk_cli("close", "1", "--as", "Chris Lyons", "--note", "done")
    assert code == 1
    assert err.strip() == (
        "error: Only an owner of action 1 (Jade Hodgson) or the secretariat can close it."
    )
    assert count(seeded, ActionEvent) == before


def test_close_and_reopen_by_the_owner(seeded, clerk_cli):
    code, out, _ = clerk_cli("close", "1", "--as", "Jade", "--note", "sent")
    # "Jade" alone is unique on this board.
    assert code == 0 and "Closed action 1: share the app with schools" in out
    code, out, _ = clerk_cli("show", "1")
    assert "closed" in out and "sent" in out and "cli" in out
    code, out, _ = clerk_cli("reopen", "1", "--as", "Jade Hodgson")
    assert code == 0 and "Reopened action 1" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("close", "42", "--as", "Jade Hodgson"), "There is no action 42"),
        (("close", "3", "--as", "Jade Hodgson"), "Action 3 is already completed"),
        (("close", "1", "--as", "Nobody Known"), 'I don\'t know anyone called "Nobody Known"'),
        (("actions", "--status", "pending"), '"pending" is not a status'),
        (("plan", "add", "CCTV", "--month", "Blursday", "--as", "Jade Hodgson"), "not a month"),
        (("plan", "list", "--month", "13"), "not a month"),
        (("actions", "--owner", "Zed"), 'I don\'t know anyone called "Zed"'),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_1(seeded, clerk_cli, args, message):
    before = (count(seeded, ActionEvent), count(seeded, PlanItem))
    code, out, err = clerk_cli(*args)
    assert code == 1
    assert message in err and len(err.strip().splitlines()) == 1
    assert (count(seeded, ActionEvent), count(seeded, PlanItem)) == before


def test_forward_plan_from_the_cli(seeded, clerk_cli):
    code, out, _ = clerk_cli(
        "plan",
        "add",
        "CCTV update",
        "--month",
        "2024-06",
        "--lead",
        "Chris",
        "--as",
        "Jade Hodgson",
    )
    assert code == 0 and "Added to the forward plan for June 2024: CCTV update" in out
    code, out, _ = clerk_cli("plan", "list", "--month", "June")
    assert "CCTV update" in out and "Chris Lyons" in out


def test_people_and_meetings(seeded, clerk_cli):
    code, out, _ = clerk_cli("people", "link", "Chris Lyons", "--aad-object-id", "aad-9")
    assert code == 0 and "Linked Chris Lyons" in out
    code, out, _ = clerk_cli("people", "admin", "Stuart Bell")
    assert "Stuart Bell is now an admin" in out
    code, out, _ = clerk_cli("people", "list")
    assert "aad-9" in out and "yes" in out
    code, out, _ = clerk_cli("meetings")
    assert "2023-12-06" in out and "Town Hall" in out


def test_admin_may_close_anyones_action(seeded, clerk_cli, monkeypatch):
    monkeypatch.setenv("CLERK_ADMINS", "Stuart Bell")
    code, out, _ = clerk_cli("close", "2", "--as", "Stuart Bell")
    assert code == 0 and "Closed action 2" in out

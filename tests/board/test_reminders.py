from datetime import date

from board.model import Actor
from tests.builders import add_action, add_meeting, add_people


def test_reminders_group_open_actions_by_person_and_digest(make_app):
    app = make_app(today=date(2024, 3, 20))
    add_people(app, "Jade Hodgson", "Chris Lyons")
    add_meeting(app, date(2024, 4, 3), status="scheduled", venue="Committee Room 2")
    add_action(app, "share the app", ["Jade Hodgson"])
    add_action(app, "share the survey", ["Chris Lyons", "Jade Hodgson"])
    add_action(app, "agree CCTV updates", ["Board members"])
    add_action(app, "already done", ["Chris Lyons"], status="completed")
    jade = Actor.of(app.clerk.resolve_person("Jade Hodgson"), "chat")
    app.clerk.set_due_date(1, "1 March 2024", jade)
    app.clerk.add_plan_item("CCTV update", "April", jade)

    plan = app.clerk.reminders(days_before=7)
    assert plan.send_on == date(2024, 3, 27) and not plan.due(date(2024, 3, 20))
    assert plan.due(date(2024, 3, 28)) and not plan.due(date(2024, 4, 3))
    assert [(p.name, [a.number for a in p.actions]) for p in plan.people] == [
        ("Chris Lyons", [2]),
        ("Jade Hodgson", [1, 2]),
    ]
    assert [a.number for a in plan.digest.overdue] == [1]
    assert [a.number for a in plan.digest.unowned] == [3]
    assert [i.title for i in plan.digest.plan] == ["CCTV update"]


def test_no_meeting_no_reminders(app):
    assert app.clerk.reminders() is None

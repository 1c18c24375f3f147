"""Re-ingesting corrected minutes revises what that document said; later minutes naming a
new owner change the owner, or say why not. What a person changed by hand is kept."""

from __future__ import annotations

from board.corrections import Corrections
from board.model import Actor
from minutes.ingest import ingest_file
from minutes.parser import parse_minutes
from minutes.readers import read_document
from tests.conftest import SAMPLES
from tests.minutes_loader.test_loader import action, december, load, september

SAMPLE = SAMPLES / "lbbd-csp-2023-12-06.md"


def secretary(app) -> Actor:
    with app.uow() as repo:
        person = repo.add_person("Clerk Secretary")
        repo.set_admin(person.id, True)
    return Actor.of(app.clerk.resolve_person("Clerk Secretary"), "chat")


def test_reingesting_an_edited_copy_of_a_samples_minutes(app, tmp_path):
    ingest_file(app.uow, SAMPLE, board=app.clerk.board)
    day = app.clerk.last_meeting().date
    raised = [a for a in app.clerk.tracker() if a.meeting_date == day]
    text, _ = read_document(SAMPLE)
    quotes = [a.quote for a in parse_minutes(text).actions if a.status == "open"]
    by_quote = {a.source_quote: a for a in raised}
    reworded, hand_edited, dropped = (by_quote[q] for q in quotes[:3])
    # The secretariat fixed one action's wording by hand in chat.
    Corrections(app.clerk).edit_text(hand_edited.number, "a wording fixed by hand",
                                     secretary(app))
    # The corrected document rewords two actions, drops one and adds one.
    corrected = SAMPLE.read_text()
    for quote in quotes[:2]:
        assert quote in corrected
        corrected = corrected.replace(quote.rstrip(".*"), quote.rstrip(".*") + " in full", 1)
    corrected = corrected.replace(quotes[2], "", 1)
    corrected = corrected.replace(quotes[3], quotes[3] + "\n\n**ACTION: Board members to "
                                             "review the new partnership plan.**", 1)
    path = tmp_path / SAMPLE.name
    path.write_text(corrected)
    summary = ingest_file(app.uow, path, board=app.clerk.board, replace=True)

    after = [a for a in app.clerk.tracker() if a.meeting_date == day]
    assert summary.actions_new == 1 and len(after) == len(raised)  # -1 dropped, +1 added
    assert app.clerk.action(reworded.number).text == reworded.text + " in full"
    assert app.clerk.action(hand_edited.number).text == "a wording fixed by hand"
    assert app.clerk.action(dropped.number).status == "withdrawn"
    assert app.clerk.action(dropped.number).history[-1].note.endswith(
        "no longer in the corrected minutes")
    assert f'action {reworded.number}: reworded to "{reworded.text} in full"' in summary.changes
    assert (f'action {hand_edited.number}: kept the wording edited by hand '
            '("a wording fixed by hand")') in summary.changes
    assert any(line.startswith(f"action {dropped.number}: withdrawn") for line in summary.changes)
    # And the same corrected bytes again change nothing.
    assert ingest_file(app.uow, path, board=app.clerk.board, replace=True).duplicate


def test_later_minutes_naming_a_new_owner_change_the_owner(app):
    load(app, september(), b"september")
    later = december()
    later.actions[1] = action(["Chris Lyons"], "discuss MPS 5 year trends in council data")
    summary = load(app, later, b"december")
    assert app.clerk.action(2).owners == ("Chris Lyons",)
    assert "action 2: owner changed from Andy Opie, Dan James to Chris Lyons" in summary.changes
    assert app.clerk.action(2).history[-1].kind == "assigned"
    assert app.clerk.action(2).history[-1].source == "minutes"


def test_an_owner_set_by_hand_is_kept_and_the_summary_says_why(app):
    load(app, september(), b"september")
    Corrections(app.clerk).assign(2, ["Jade Hodgson"], secretary(app))
    later = december()
    later.actions[1] = action(["Chris Lyons"], "discuss MPS 5 year trends in council data")
    summary = load(app, later, b"december")
    assert app.clerk.action(2).owners == ("Jade Hodgson",)
    assert "action 2: the minutes name Chris Lyons; kept Jade Hodgson, set by hand" in (
        summary.changes)


def test_corrected_minutes_that_reopen_an_action_closed_by_hand_keep_it_closed(app):
    load(app, september(), b"september")
    app.clerk.close_action(1, secretary(app), "done")
    corrected = september()
    corrected.actions[0] = action(["Jade Hodgson"], "share the tootoot app with schools")
    summary = load(app, corrected, b"september, corrected", replace=True)
    assert app.clerk.action(1).status == "completed"
    assert summary.actions_new == 0

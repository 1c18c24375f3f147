"""The secretariat corrects the record in chat: each correction, its refusal for anyone else
(nothing written), and its audit line."""

from __future__ import annotations

from datetime import date

import pytest
from botbuilder.schema import Activity

from board.corrections import ONLY_SECRETARIAT, Corrections
from board.model import Actor
from tests.faults.conftest import footprint


async def test_add_an_action_for_someone_with_a_due_date(talk, board):
    jade = talk("Jade Hodgson")
    seen = await jade.say("add action for Chris Lyons: send the survey results by 15 March")
    assert "Added action 5 for Chris Lyons: send the survey results, due 15 March 2024." in seen
    assert "5. Send the survey results" in await talk("Chris Lyons").say("my actions")
    (event,) = board.clerk.action(5).history
    assert (event.kind, event.actor, event.source) == ("created", "Jade Hodgson", "chat")
    assert event.note == 'added by hand: "send the survey results", due 15 March 2024'


async def test_edit_the_text_keeps_the_old_wording_in_the_history(talk, board):
    seen = await talk("Jade Hodgson").say("change action 3 to update the CCTV map by ward")
    assert "Action 3 now reads: update the CCTV map by ward." in seen
    event = board.clerk.action(3).history[-1]
    assert (event.kind, event.source) == ("edited", "chat")
    assert event.note == 'text changed from "Update the CCTV map" to "update the CCTV map by ward"'


async def test_reassign_add_and_remove_owners(talk, board):
    jade = talk("Jade Hodgson")
    assert "Action 3 is now owned by Sam Patel." in await jade.say("reassign action 3 to Sam Patel")
    assert "Update the CCTV map" in await talk("Sam Patel").say("my actions")
    assert "Update the CCTV map" not in await talk("Chris Lyons").say("my actions")
    assert "now owned by Sam Patel, Dan James" in await jade.say("add Dan James to action 3")
    assert "now owned by Dan James." in await jade.say("remove Sam Patel from action 3")
    notes = [e.note for e in board.clerk.action(3).history if e.kind == "assigned"]
    assert notes == ["owners changed from Chris Lyons to Sam Patel",
                     "owners changed from Sam Patel to Sam Patel, Dan James",
                     "owners changed from Sam Patel, Dan James to Dan James"]


async def test_withdraw_leaves_every_list_and_stays_in_the_history(talk, board):
    jade = talk("Jade Hodgson")
    seen = await jade.say("withdraw action 2 - a decision, not an action")
    assert "Withdrew action 2 (Circulate the ASB report)" in seen
    for asked in ("my actions", "open actions"):
        assert "Circulate the ASB report" not in await jade.say(asked)
    assert "Circulate the ASB report" not in await talk("Chris Lyons").say("my actions")
    assert [a.number for a in board.clerk.tracker()] == [1, 3, 4]
    event = board.clerk.action(2).history[-1]
    assert event.kind == "withdrawn"
    assert event.note == "status changed from open to withdrawn: a decision, not an action"
    assert "was withdrawn" in await jade.say("close action 2")


async def test_merge_two_duplicates(talk, board):
    jade = talk("Jade Hodgson")
    seen = await jade.say("merge action 3 into action 2")
    assert ("Merged action 3 into action 2 (Circulate the ASB report), now owned by "
            "Chris Lyons, Jade Hodgson.") in seen
    assert "Update the CCTV map" not in await jade.say("open actions")
    assert board.clerk.action(3).history[-1].note == (
        "status changed from open to withdrawn: duplicate of action 2")
    assert board.clerk.action(2).history[-1].kind == "merged"


async def test_forward_plan_remove_rename_and_move(talk, board):
    jade_person = board.clerk.resolve_person("Jade Hodgson")
    board.clerk.add_plan_item("CCTV update", "June", Actor.of(jade_person, "cli"))
    jade = talk("Jade Hodgson")
    assert ("Renamed on the forward plan for June 2024: CCTV update → CCTV review."
            in await jade.say("rename CCTV update on the forward plan to CCTV review"))
    assert ("Moved on the forward plan: CCTV review, from June 2024 to July 2024."
            in await jade.say("move CCTV review from June to July"))
    assert "CCTV review" in await jade.say("what's on July agenda")
    assert ("Removed from the forward plan for July 2024: CCTV review."
            in await jade.say("remove CCTV review from the July forward plan"))
    assert "Nothing is on the forward plan for July 2024" in await jade.say("what's on July agenda")
    events = Corrections(board.clerk).record_events()
    assert [(e.kind, e.actor, e.source, e.old_value, e.new_value) for e in events] == [
        ("renamed", "Jade Hodgson", "chat", "June 2024: CCTV update", "June 2024: CCTV review"),
        ("moved", "Jade Hodgson", "chat", "June 2024: CCTV review", "July 2024: CCTV review"),
        ("removed", "Jade Hodgson", "chat", "July 2024: CCTV review", None),
    ]


async def test_move_and_cancel_the_next_meeting(talk, board):
    jade = talk("Jade Hodgson")
    assert ("The next meeting is now on Wednesday 27 March 2024."
            in await jade.say("move the next meeting to 27 March"))
    assert "Wednesday 27 March 2024" in await jade.say("next meeting")
    assert ("Cancelled the meeting of Wednesday 27 March 2024."
            in await jade.say("cancel the next meeting"))
    assert "No next meeting is in the minutes yet." in await jade.say("next meeting")
    assert ("The next meeting is now on Wednesday 17 April 2024."
            in await jade.say("set the next meeting to 17 April 2024"))
    events = Corrections(board.clerk).record_events()
    assert [(e.kind, e.old_value, e.new_value) for e in events] == [
        ("moved", "2024-03-20", "2024-03-27"), ("cancelled", "2024-03-27", None),
        ("scheduled", None, "2024-04-17")]


@pytest.mark.parametrize("text", [
    "add action for Chris Lyons: send the survey results",
    "change action 3 to something else",
    "assign action 3 to Sam Patel",
    "add Sam Patel to action 3",
    "remove Chris Lyons from action 2",
    "withdraw action 3 - not an action",
    "merge action 3 into action 2",
    "remove CCTV update from the June forward plan",
    "rename CCTV update on the forward plan to CCTV review",
    "move CCTV update from June to July",
    "move the next meeting to 27 March",
    "cancel the next meeting",
])
async def test_anyone_but_the_secretariat_is_refused_and_nothing_is_written(talk, board, text):
    board.clerk.add_plan_item("CCTV update", "June", Actor.of(
        board.clerk.resolve_person("Jade Hodgson"), "cli"))
    chris = talk("Chris Lyons")
    await chris.say("help")
    before = footprint(board), board.clerk.tracker(), board.clerk.plan()
    seen = await chris.say(text)
    assert seen == ONLY_SECRETARIAT
    assert board.clerk.next_meeting().date == date(2024, 3, 20)
    after = footprint(board), board.clerk.tracker(), board.clerk.plan()
    assert after[1:] == before[1:] and after[0][0] == before[0][0]
    assert Corrections(board.clerk).record_events() == []


async def test_a_withdrawn_action_shows_as_withdrawn_with_its_reason(talk, board):
    jade = talk("Jade Hodgson")
    await jade.say("withdraw action 3 - a duplicate")
    seen = await jade.say("show action 3")
    assert "Status: Withdrawn" in seen
    assert "withdrawn by Jade Hodgson (chat) — status changed from open to withdrawn: a " \
           "duplicate" in seen


async def test_asking_how_to_upload_minutes(talk, board):
    assert "Attach the minutes" in await talk("Jade Hodgson").say("upload minutes")
    chris = talk("Chris Lyons")
    await chris.say("help")
    assert (await chris.say("how do I upload the minutes?")).startswith(
        "Only the secretariat can load minutes")


async def test_a_name_that_could_be_several_people_asks_for_the_full_name(talk, board):
    replies = await talk("Jade Hodgson").send(Activity(type="message",
                                                       text="assign action 3 to Chris"))
    (reply,) = [r for r in replies if r.text and "could be" in r.text]
    assert reply.text == ('"Chris" could be several people: Chris Lyons, Chris Smith. Please '
                          "give the full name.")
    assert not reply.attachments  # no "actions for ..." buttons
    assert board.clerk.action(3).owners == ("Chris Lyons",)

"""Transcripts: every dialog can be left, and suggestions never change the record."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("way_out", ["cancel", "stop", "never mind", "Cancel."])
async def test_adding_to_the_plan_can_be_left_at_the_title(talk, board, way_out):
    jade = talk("Jade Hodgson")
    assert "What should go on the forward plan?" in await jade.say("add to forward plan")
    seen = await jade.say(way_out)
    assert "I've stopped adding to the forward plan; nothing was changed." in seen
    assert board.clerk.plan()[1] == []
    assert "Your open actions" in await jade.say("my actions")  # no dialog left behind


async def test_adding_to_the_plan_can_be_left_at_the_month_after_a_wrong_one(talk, board):
    jade = talk("Jade Hodgson")
    await jade.say("add CCTV update to the forward plan")
    seen = await jade.say("whenever")
    assert "not a month I recognise" in seen and "**cancel**" in seen
    assert "nothing was changed" in await jade.say("never mind")
    assert board.clerk.plan()[1] == []


async def test_help_leaves_a_dialog_and_shows_help(talk, board):
    jade = talk("Jade Hodgson")
    await jade.say("add to forward plan")
    seen = await jade.say("help")
    assert "I've stopped adding to the forward plan" in seen and "I'm Clerk" in seen
    assert board.clerk.plan()[1] == []


async def test_a_new_command_leaves_the_dialog_and_runs(talk, board):
    jade = talk("Jade Hodgson")
    await jade.say("add to forward plan")
    seen = await jade.say("close action 99")
    assert "I've stopped adding to the forward plan" in seen
    assert "There is no action 99" in seen
    assert board.clerk.plan()[1] == []


async def test_the_admin_confirmation_can_be_left_with_a_new_command(talk, board):
    jade = talk("Jade Hodgson")
    await jade.say("help")
    assert "Close it on their behalf?" in await jade.say("close action 3")
    seen = await jade.say("next meeting")
    assert "I've stopped closing that action" in seen and "Next meeting" in seen
    assert board.clerk.action(3).status == "open"


async def test_a_typo_in_a_change_is_confirmed_before_anything_changes(talk, board):
    jade = talk("Jade Hodgson")
    seen = await jade.say("clsoe action 1")
    assert 'Did you mean "close action 1"? Nothing is changed until you say yes.' in seen
    assert board.clerk.action(1).status == "open"
    assert "nothing was changed" in await jade.say("no")
    assert board.clerk.action(1).status == "open"
    await jade.say("clsoe action 1")
    assert "Closed action 1:" in await jade.say("yes")


async def test_close_action_without_a_number_asks_which_with_the_callers_actions(talk, board):
    jade = talk("Jade Hodgson")
    seen = await jade.say("close action")
    assert "Which action should I close?" in seen
    assert "[close action 1]" in seen and "[close action 2]" in seen
    assert "[close action 3]" not in seen  # Chris's, not Jade's
    assert all(a.status == "open" for a in board.clerk.actions(status="all"))


@pytest.mark.parametrize("text", ["edit action 3", "change the owners of action 3",
                                  "create an action for Gary to chase the police"])
async def test_unknown_writes_get_an_explanation_and_only_a_reading_suggestion(talk, board, text):
    jade = talk("Jade Hodgson")
    seen = await jade.say(text)
    assert "I couldn't read that as a change I can make" in seen
    assert "[close" not in seen and "[reopen" not in seen
    assert board.clerk.action(3).status == "open"


async def test_no_match_never_suggests_a_change(talk, board):
    seen = await talk("Jade Hodgson").say("the weather is nice")
    assert "not sure what you mean" in seen
    assert "[close" not in seen and "[reopen" not in seen
    assert board.clerk.action(3).status == "open"


async def test_two_close_readings_are_asked_about_with_buttons(talk, board):
    seen = await talk("Jade Hodgson").say("minutes chair")
    assert "I can read that more than one way. Which did you mean?" in seen
    assert "[last minutes]" in seen and "[who chaired the last meeting]" in seen


async def test_a_reading_that_would_change_data_is_never_a_button(talk, board):
    seen = await talk("Jade Hodgson").say("open agenda close chair")
    assert "Which did you mean?" in seen
    assert "To change the record, type it out: **close action**." in seen
    assert "[close" not in seen
    assert all(a.status == "open" for a in board.clerk.actions(status="all"))


async def test_the_typo_confirmation_can_be_left(talk, board):
    jade = talk("Jade Hodgson")
    await jade.say("clsoe action 1")
    assert "I've stopped that change; nothing was changed." in await jade.say("stop")
    assert board.clerk.action(1).status == "open"


async def test_who_are_you_can_be_left(talk, board):
    chris = talk("Chris")
    assert "Which of these are you?" in await chris.say("my actions")
    assert "I've stopped asking who you are" in await chris.say("never mind")

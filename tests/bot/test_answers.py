"""Transcripts over the sample minutes: questions board members ask in their own words, and
the answers they read (next meeting, minutes, chairs, a meeting's actions, what is late)."""

from __future__ import annotations

import pytest
from botbuilder.core import PrivateConversationState

from bot.handler import ClerkBot
from minutes.ingest import ingest_file
from storage.bot_state import SqlStorage
from storage.outbox import Outbox
from tests.bot.conftest import Conversation
from tests.conftest import SAMPLES


@pytest.fixture
def member(make_app):
    """Jade Cavalli (a member, not the secretariat) on a board with every sample's minutes."""
    app = make_app()
    for path in sorted(SAMPLES.iterdir()):
        if path.name.startswith("lbbd-csp-"):
            ingest_file(app.uow, path, board=app.clerk.board)
    bot = ClerkBot(app.clerk, PrivateConversationState(SqlStorage(app.db)), Outbox(app.db),
                   "https://clerk.example")
    return Conversation(bot, "Jade Cavalli", "aad-jade-cavalli")


async def test_where_is_the_next_meeting_with_its_planned_items_place_time_and_chair(member):
    seen = await member.say("hi Clerk, where's the next meeting?")
    assert "Date: Wednesday 3 April 2024" in seen and "Venue: Committee Room 2" in seen
    assert "Chair: Councillor Ghani" in seen and "Time:" in seen
    assert "VAWG strategy" in seen  # agreed "for the March CSP"; the meeting is on 3 April


async def test_who_chaired_a_month_s_board(member):
    assert "Stuart Bell chaired the meeting of 6 December 2023." in await member.say(
        "who chaired December's board?")
    assert "Councillor Mullane chaired the meeting of 9 December 2020." in await member.say(
        "who chaired the board on 9/12/2020")
    assert "Councillor Ghani is to chair the meeting of 3 April 2024." in await member.say(
        "who's chairing the next meeting?")


async def test_minutes_of_a_day_written_in_several_ways(member):
    for asked in ("minutes of 7/12/2022", "minutes for 7th December 2022",
                  "could you show me the minutes from 2022-12-07 please"):
        seen = await member.say(asked)
        assert "Minutes of 7 December 2022" in seen, asked
        assert "Source: lbbd-csp-2022-12-07.txt" in seen
    assert "I have no minutes of 8 December 2022" in await member.say("minutes of 8/12/2022")


async def test_the_minutes_card_has_attendees_decisions_actions_and_its_source(member):
    seen = await member.say("last minutes")
    assert "Present (21): " in seen and "Apologies (9): " in seen
    assert "Decisions" in seen and "The board agreed" in seen
    assert "Actions raised (18)" in seen and "Source: lbbd-csp-2023-12-06.md" in seen


async def test_which_actions_came_from_the_last_board(member):
    seen = await member.say("which actions came from the last board?")
    assert seen.count("Actions from the meeting of 6 December 2023 (18)") == 1
    assert "raised 6 Dec" not in seen  # said once, in the title


async def test_anything_late_makes_overdue_actions_stand_out(member):
    seen = await member.say("anything late?")
    assert "Overdue actions (1)" in seen and "⚠ Overdue: was due 7 Jan 2024" in seen
    seen = await member.say("open actions")
    assert "1 of these is overdue." in seen


async def test_search_results_are_a_list_of_meeting_item_and_a_link(member):
    seen = await member.say("did we ever talk about CCTV")
    assert '2 items mention "CCTV"' in seen
    assert "Meeting of 6 December 2023" in seen and "Meeting of 7 December 2022" in seen
    assert seen.count("[Open these minutes]") == 2


async def test_action_texts_start_with_a_capital(member):
    seen = await member.say("actions for Jade Cavalli")
    lines = [line for line in seen.splitlines() if line[:1].isdigit()]
    assert lines and all(line.split(". ", 1)[1][:1].isupper() for line in lines)


async def test_open_these_minutes_from_a_search_result(member):
    """The search card's button, as a client that sends its data rather than its text."""
    from botbuilder.schema import Activity

    from bot.chat import render

    await member.say("search CCTV")
    replies = await member.send(Activity(type="message", value={
        "msteams": {"type": "imBack", "value": "minutes of 7/12/2022"}}))
    assert "Minutes of 7 December 2022" in "\n".join(render(r.serialize()) for r in replies)


async def test_a_month_with_a_meeting_shows_the_items_that_belong_to_it(member):
    """Items agreed "for the March CSP" are on the agenda of the April meeting they went to."""
    seen = await member.say("is anything planned for April?")
    assert "Forward plan: April 2024 (meeting on 3 April 2024)" in seen
    assert "VAWG strategy" in seen
    seen = await member.say("what's on March agenda")
    assert "no meeting that month; next is 3 April 2024" in seen and "VAWG strategy" in seen


async def test_where_are_we_meeting_in_a_month(member):
    seen = await member.say("Where are we meeting in April?")
    assert "Meeting in April 2024" in seen and "Venue: Committee Room 2" in seen
    assert "No meeting in June 2024 is in the minutes." in await member.say(
        "where's the June meeting")

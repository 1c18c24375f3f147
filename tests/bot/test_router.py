"""The ways people type commands, typos included, and what each one means."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.router import COMMANDS, Match, NoMatch, route

PHRASINGS = [
    # my actions
    ("my actions", "my_actions", {}),
    ("My Actions", "my_actions", {}),
    ("my open actions", "my_actions", {}),
    ("what do I owe?", "my_actions", {}),
    ("what do i owe", "my_actions", {}),
    ("show my actions", "my_actions", {}),
    ("list my open actions", "my_actions", {}),
    ("my tasks", "my_actions", {}),
    ("what's on my plate", "my_actions", {}),
    ("please show my actions", "my_actions", {}),
    ("my acions", "my_actions", {}),
    ("my actoins", "my_actions", {}),
    ("actions for me", "my_actions", {}),
    # someone else's
    ("actions for Chris Lyons", "actions_for", {"name": "Chris Lyons"}),
    ("open actions for Dan James", "actions_for", {"name": "Dan James"}),
    ("Chris's actions", "actions_for", {"name": "Chris"}),
    ("Chris Lyons’ actions", "actions_for", {"name": "Chris Lyons"}),
    ("what does Katie Jones owe", "actions_for", {"name": "Katie Jones"}),
    ("show actions assigned to Gary Jones", "actions_for", {"name": "Gary Jones"}),
    # the board's
    ("open actions", "open_actions", {}),
    ("all actions", "open_actions", {}),
    ("outstanding actions", "open_actions", {}),
    ("action log", "open_actions", {}),
    ("overdue actions", "overdue", {}),
    ("what's overdue", "overdue", {}),
    # one action
    ("show action 4", "show", {"number": "4"}),
    ("action 4", "show", {"number": "4"}),
    ("details of action 12", "show", {"number": "12"}),
    ("show #7", "show", {"number": "7"}),
    # close
    ("close action 4", "close", {"number": "4"}),
    ("close 4", "close", {"number": "4"}),
    ("Close action 4 - letter sent", "close", {"number": "4", "note": "letter sent"}),
    ("close action 4 – Letter sent to schools", "close", {"number": "4",
                                                          "note": "Letter sent to schools"}),
    ("close action 4: done at the meeting", "close", {"number": "4",
                                                      "note": "done at the meeting"}),
    ("action 4 done", "close", {"number": "4"}),
    ("action 4 is complete", "close", {"number": "4"}),
    ("mark 4 complete", "close", {"number": "4"}),
    ("mark action 4 as done", "close", {"number": "4"}),
    ("complete action 4", "close", {"number": "4"}),
    ("done 4", "close", {"number": "4"}),
    ("clsoe action 4", "close", {"number": "4"}),
    ("colse 4", "close", {"number": "4"}),
    # reopen
    ("reopen action 4", "reopen", {"number": "4"}),
    ("re-open 4", "reopen", {"number": "4"}),
    ("mark action 4 as not done", "reopen", {"number": "4"}),
    # due dates
    ("set due date of action 4 to 15 March", "due", {"number": "4", "when": "15 March"}),
    ("action 4 due by end of December", "due", {"number": "4", "when": "by end of December"}),
    # forward plan
    ("what's on March agenda", "plan", {"month": "March"}),
    ("whats on the march agenda?", "plan", {"month": "march"}),
    ("what is on the March agenda", "plan", {"month": "March"}),
    ("March agenda", "plan", {"month": "March"}),
    ("forward plan for June", "plan", {"month": "June"}),
    ("agenda for March 2024", "plan", {"month": "March 2024"}),
    ("forward plan", "plan", {}),
    ("what's on the Febuary agenda", "plan", {"month": "Febuary"}),
    ("show the plan for sept", "plan", {"month": "sept"}),
    ("agenda for the next meeting", "plan_next", {}),
    ("what's on the next agenda", "plan_next", {}),
    ("what's on the agenda", "plan_next", {}),
    ("add CCTV update to the June forward plan", "add_plan",
     {"title": "CCTV update", "month": "June"}),
    ("add CCTV update to June agenda", "add_plan", {"title": "CCTV update", "month": "June"}),
    ("put Knife crime data on the forward plan for July", "add_plan",
     {"title": "Knife crime data", "month": "July"}),
    ("add CCTV update to the forward plan", "add_plan", {"title": "CCTV update"}),
    ("add to forward plan", "add_plan", {}),
    ("add to the forward plan", "add_plan", {}),
    # minutes and meetings
    ("last minutes", "last_minutes", {}),
    ("latest minutes", "last_minutes", {}),
    ("minutes of the last meeting", "last_minutes", {}),
    ("what happened at the last meeting", "last_minutes", {}),
    ("minutes from March 2023", "minutes_from", {"month": "March 2023"}),
    ("December 2022 minutes", "minutes_from", {"month": "December 2022"}),
    ("next meeting", "next_meeting", {}),
    ("when is the next meeting?", "next_meeting", {}),
    ("when's the next board", "next_meeting", {}),
    ("when do we meet next", "next_meeting", {}),
    ("nxt meeting", "next_meeting", {}),
    # search, help, admin
    ("search knife crime", "search", {"query": "knife crime"}),
    ("what did we decide about KCPOs", "search", {"query": "KCPOs"}),
    ("help", "help", {}),
    ("what can you do", "help", {}),
    ("hello", "help", {}),
    ("export actions", "export", {"what": "actions"}),
    ("export the forward plan as docx", "export", {"what": "forward plan", "format": "docx"}),
    ("export action tracker to excel", "export", {"what": "action tracker", "format": "excel"}),
    ("link 6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0 to Jade Hodgson", "link",
     {"identity": "6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "name": "Jade Hodgson"}),
    ("unlink Sam Patel", "unlink", {"name": "Sam Patel"}),
    ("make Chris Lyons an admin", "admin_add", {"name": "Chris Lyons"}),
    ("add Sam Patel as an admin", "admin_add", {"name": "Sam Patel"}),
    ("remove Chris Lyons as admin", "admin_remove", {"name": "Chris Lyons"}),
    ("remove Chris Lyons from the admins", "admin_remove", {"name": "Chris Lyons"}),
    ("set email of Sam Patel to sam@example.org", "email",
     {"name": "Sam Patel", "email": "sam@example.org"}),
    ("Sam Patel's email is sam@example.org", "email",
     {"name": "Sam Patel", "email": "sam@example.org"}),
    # the secretariat's corrections
    ("upload minutes", "upload_minutes", {}),
    ("how do I upload the minutes to Clerk?", "upload_minutes", {}),
    ("load new minutes", "upload_minutes", {}),
    ("add action for Chris Lyons: send the survey results by 15 March", "action_add",
     {"owners": "Chris Lyons", "text": "send the survey results by 15 March"}),
    ("new action for Anne Smith-Jones - call the school", "action_add",
     {"owners": "Anne Smith-Jones", "text": "call the school"}),
    ("change action 4 to send the final report", "action_edit",
     {"number": "4", "text": "send the final report"}),
    ("action 4 should read send the final report", "action_edit",
     {"number": "4", "text": "send the final report"}),
    ("assign action 4 to Chris Lyons and Jade Hodgson", "action_assign",
     {"number": "4", "owners": "Chris Lyons and Jade Hodgson"}),
    ("reassign 4 to Sam Patel", "action_assign", {"number": "4", "owners": "Sam Patel"}),
    ("add Sam Patel to action 4", "action_add_owner", {"name": "Sam Patel", "number": "4"}),
    ("add Sam as an owner of action 4", "action_add_owner", {"name": "Sam", "number": "4"}),
    ("remove Sam Patel from action 4", "action_remove_owner",
     {"name": "Sam Patel", "number": "4"}),
    ("withdraw action 4 - not an action", "action_withdraw",
     {"number": "4", "note": "not an action"}),
    ("delete action 4", "action_withdraw", {"number": "4"}),
    ("merge action 5 into action 3", "action_merge", {"number": "5", "into": "3"}),
    ("merge 5 with 3", "action_merge", {"number": "5", "into": "3"}),
    ("remove CCTV update from the June forward plan", "plan_remove",
     {"title": "CCTV update", "month": "June"}),
    ("take CCTV update off the agenda", "plan_remove", {"title": "CCTV update"}),
    ("rename CCTV update on the forward plan to CCTV review", "plan_rename",
     {"title": "CCTV update", "new": "CCTV review"}),
    ("rename CCTV update on the June agenda to CCTV review", "plan_rename",
     {"title": "CCTV update", "month": "June", "new": "CCTV review"}),
    ("move CCTV update from June to July", "plan_move",
     {"title": "CCTV update", "month": "June", "to": "July"}),
    ("move CCTV update to the September meeting", "plan_move",
     {"title": "CCTV update", "to": "September"}),
    ("move the next meeting to 27 March", "meeting_set", {"when": "27 March"}),
    ("the next meeting is now on 27 March", "meeting_set", {"when": "27 March"}),
    ("set next meeting for 3 April 2024 ", "meeting_set", {"when": "3 April 2024"}),
    ("cancel the next meeting", "meeting_cancel", {}),
]


def test_the_table_is_large_and_covers_every_command():
    assert len(PHRASINGS) >= 60
    assert {command for _, command, _ in PHRASINGS} == {c.name for c in COMMANDS}


@pytest.mark.parametrize(("text", "command", "args"), PHRASINGS)
def test_phrasing(text, command, args):
    assert route(text) == Match(command, args)


@pytest.mark.parametrize("text", ["the weather is nice", "x" * 10_000, "", "   ", "🙂", "1234"])
def test_anything_else_is_no_match(text):
    assert isinstance(route(text), NoMatch)


def test_no_match_suggests_the_closest_command():
    assert route("show me my action items please").suggestion == "my actions"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_routes_without_error_and_fast(text):
    started = time.perf_counter()
    assert isinstance(route(text), Match | NoMatch)
    assert time.perf_counter() - started < 0.5

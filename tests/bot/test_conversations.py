"""Transcripts: what a Teams user types, and what they see back (and what the database holds)."""

from __future__ import annotations

from botbuilder.schema import Activity

from board.model import Actor


async def test_my_actions_lists_the_callers_open_actions_with_numbers_and_buttons(talk):
    seen = await talk("Jade Hodgson").say("my actions")
    assert "I'll know you as" not in seen  # the secretariat linked her (build_board)
    assert "Your open actions (2)" in seen
    assert "1. Share the app with schools" in seen
    assert "2. Circulate the ASB report" in seen
    assert "Update the CCTV map" not in seen
    assert seen.count("[Mark complete]") == 2


async def test_my_actions_card_json(talk, bot):
    jade = talk("Jade Hodgson")
    await jade.say("help")
    (reply,) = await jade.send(Activity(type="message", text="my actions"))
    attachment = reply.attachments[0]
    assert attachment.content_type == "application/vnd.microsoft.card.adaptive"
    card = attachment.content
    assert card["version"] == "1.5" and card["type"] == "AdaptiveCard"
    mine, shared = [c["items"][-1]["actions"][0] for c in card["body"]
                    if c["type"] == "Container"]
    assert mine["data"] == {"verb": "close", "action": 1, "view": "mine"}
    assert mine["type"] == "Action.Execute" and mine["title"] == "Mark complete"
    # Action 2 is shared with Chris: the button asks first, with a note field.
    assert shared["type"] == "Action.ShowCard" and shared["title"] == "Mark complete"
    (confirm,) = shared["card"]["actions"]
    assert confirm["data"] == {"verb": "close", "action": 2, "view": "mine"}
    assert confirm["type"] == "Action.Execute" and confirm["title"] == "Close for everyone"
    assert "closes it for all of them" in shared["card"]["body"][0]["text"]
    assert shared["card"]["body"][1]["type"] == "Input.Text"
    assert reply.summary.startswith("Your open actions (2)")


async def test_close_then_my_actions_no_longer_lists_it(talk, board):
    jade = talk("Jade Hodgson")
    await jade.say("my actions")
    assert "Closed action 1:" in await jade.say("close action 1 - shared at the meeting")
    seen = await jade.say("my actions")
    assert "Share the app with schools" not in seen and "Circulate the ASB report" in seen
    (event,) = [e for e in board.clerk.action(1).history if e.kind == "closed"]
    assert (event.actor, event.source) == ("Jade Hodgson", "chat")
    assert event.note == "shared at the meeting"


async def test_closing_someone_elses_action_is_refused_with_the_reason(talk, board):
    sam = talk("Sam Patel")
    seen = await sam.say("close action 3")
    assert "Only an owner of action 3 (Chris Lyons) or the secretariat can close it." in seen
    assert board.clerk.action(3).status == "open"


async def test_admin_confirms_before_closing_someone_elses_action(talk, board):
    jade = talk("Jade Hodgson")
    await jade.say("help")
    seen = await jade.say("close action 3 - done per Chris")
    assert "belongs to Chris Lyons. Close it on their behalf?" in seen
    assert board.clerk.action(3).status == "open"
    assert "Closed action 3:" in await jade.say("yes")
    assert board.clerk.action(3).history[-1].note == "done per Chris"


async def test_admin_can_say_no(talk, board):
    jade = talk("Jade Hodgson")
    await jade.say("help")
    await jade.say("close action 3")
    assert "action 3 stays open" in await jade.say("no")
    assert board.clerk.action(3).status == "open"


async def test_close_a_closed_action_and_an_unknown_number(talk, board):
    jade = talk("Jade Hodgson")
    await jade.say("close action 1")
    assert "Action 1 is already completed; nothing was changed." in await jade.say("close 1")
    assert "There is no action 99" in await jade.say("close action 99")
    closes = [e for e in board.clerk.action(1).history if e.kind == "closed"]
    assert len(closes) == 1


async def test_reopen(talk, board):
    jade = talk("Jade Hodgson")
    await jade.say("close action 1")
    assert "Reopened action 1:" in await jade.say("reopen action 1")
    assert board.clerk.action(1).status == "open"


async def test_show_action_with_history(talk):
    jade = talk("Jade Hodgson")
    await jade.say("close action 2 - sent")
    seen = await jade.say("show action 2")
    assert "Action 2" in seen and "Circulate the ASB report" in seen
    assert "Owners: Chris Lyons, Jade Hodgson" in seen
    assert "closed by Jade Hodgson (chat) — sent" in seen


async def test_a_long_history_shows_the_latest_changes_and_counts_the_rest(talk, board):
    """An action listed again in years of minutes: the card stays within what Teams accepts."""
    with board.uow() as repo:
        action_id = repo.action_id(repo.board_id(board.clerk.board), 2)
        for n in range(40):
            repo.add_event(action_id, "seen", actor="Minutes", source="minutes",
                           note=f"listed as outstanding ({n})")
    jade = talk("Jade Hodgson")
    await jade.say("help")
    (reply,) = await jade.send(Activity(type="message", text="show action 2"))
    lines = [item.get("text", "") for item in reply.attachments[0].content["body"]]
    assert "…16 earlier changes, then:" in lines  # created + 40 seen = 41, 25 shown
    history = [line for line in lines if "listed as outstanding" in line]
    assert len(history) == 25
    assert history[0].endswith("(15)") and history[-1].endswith("(39)")


async def test_actions_for_someone_and_ambiguity(talk):
    sam = talk("Sam Patel")
    seen = await sam.say("actions for Chris Lyons")
    assert "Open actions for Chris Lyons (2)" in seen and "[Mark complete]" not in seen
    seen = await sam.say("Chris's actions")
    assert "could be several people" in seen
    assert "[actions for Chris Lyons]" in seen and "[actions for Chris Smith]" in seen
    seen = await sam.say("actions for Nobody Atall")
    assert "I don't know anyone called \"Nobody Atall\"" in seen


async def test_open_actions_for_the_whole_board(talk):
    seen = await talk("Sam Patel").say("open actions")
    assert "Open actions (4)" in seen and "Board members" in seen


async def test_forward_plan_by_month_and_adding(talk, board):
    jade = talk("Jade Hodgson")
    assert "Nothing is on the forward plan for June 2024 yet." in await jade.say("June agenda")
    seen = await jade.say("add CCTV update to the June forward plan")
    assert "Added to the forward plan for June 2024: CCTV update." in seen
    assert "• CCTV update" in await jade.say("what's on June agenda")
    assert "already on the forward plan for June 2024" in await jade.say(
        "add cctv update to the June agenda"
    )
    (item,) = board.clerk.plan("June")[1]
    assert (item.added_by, item.source) == ("Jade Hodgson", "chat")


async def test_add_to_forward_plan_step_by_step(talk, board):
    chris = talk("Chris Lyons")
    await chris.say("help")
    assert "What should go on the forward plan?" in await chris.say("add to forward plan")
    assert "For which meeting?" in await chris.say("Knife crime data")
    assert "not a month I recognise" in await chris.say("soonish")
    seen = await chris.say("July")
    assert "Added to the forward plan for July 2024: Knife crime data." in seen
    assert [i.title for i in board.clerk.plan("July")[1]] == ["Knife crime data"]


async def test_next_meeting_and_last_minutes(talk, board):
    sam = talk("Sam Patel")
    board.clerk.add_plan_item("Serious violence duty", "March", Actor(None, "Jade", "cli"))
    seen = await sam.say("next meeting")
    assert "Date: Wednesday 20 March 2024" in seen and "Venue: Room 2" in seen
    assert "Serious violence duty" in seen
    seen = await sam.say("last minutes")
    assert "Minutes of 6 December 2023" in seen and "Chair: Stuart Bell" in seen
    assert "Actions raised (4)" in seen


async def test_unknown_user_is_told_the_secretariat_can_link_them(talk, board):
    seen = await talk("Zed Unknown", aad="aad-zed").say("my actions")
    assert "I can't tell which member of the board \"Zed Unknown\" is yet" in seen
    assert "told the secretariat" in seen
    assert "aad-zed" not in seen and "clerk people" not in seen  # no ids, no shell commands
    jade = talk("Jade Hodgson")
    assert "Linked Sam Patel to Teams user aad-zed." in await jade.say("link aad-zed to Sam Patel")
    assert "You have no open actions" in await talk("Zed Unknown", aad="aad-zed").say("my actions")


async def test_ambiguous_display_name_asks_which_person(talk, board):
    chris = talk("Chris", aad="aad-chris")
    seen = await chris.say("my actions")
    assert "Which of these are you?" in seen
    assert "[Chris Lyons]" in seen and "[Chris Smith]" in seen and "[None of these]" in seen
    assert "I'll know you as Chris Lyons" in await chris.say("Chris Lyons")
    assert board.clerk.person_for_identity("aad-chris").name == "Chris Lyons"
    assert "Your open actions (2)" in await chris.say("my actions")


async def test_only_the_secretariat_can_link(talk):
    seen = await talk("Sam Patel").say("link aad-x to Chris Lyons")
    assert "Only the secretariat can link" in seen


async def test_bad_input_gets_a_short_reply_and_changes_nothing(talk, board):
    sam = talk("Sam Patel")
    before = board.clerk.actions(status="all")
    assert "Did you mean \"next meeting\"" in await sam.say("nxet mtng")
    assert "not sure what you mean" in await sam.say("x" * 10_000)
    assert "didn't catch that" in await sam.say("   ")
    assert "is not a month I recognise" in await sam.say("forward plan for Juvember")
    assert board.clerk.actions(status="all") == before


async def test_two_people_in_a_group_chat_keep_their_own_dialogs(talk, board):
    where = {"conversation": "19:group@thread.v2", "kind": "groupChat"}
    chris, jade = talk("Chris Lyons", **where), talk("Jade Hodgson", **where)
    await chris.say("help")
    await jade.say("help")
    assert "What should go on the forward plan?" in await chris.say("add to forward plan")
    assert "belongs to Chris Lyons" in await jade.say("close action 3")
    assert "For which meeting?" in await chris.say("Youth violence data")
    assert "Closed action 3:" in await jade.say("yes")
    assert "Added to the forward plan for May 2024" in await chris.say("May")


async def test_mention_is_stripped_in_a_channel(talk):
    chris = talk("Chris Lyons", conversation="19:general@thread.tacv2", kind="channel")
    mention = {"type": "mention", "mentioned": {"id": "28:clerk-bot", "name": "Clerk"},
               "text": "<at>Clerk</at>"}
    replies = await chris.send(
        Activity().deserialize(
            {"type": "message", "text": "<at>Clerk</at> my actions", "entities": [mention]}
        )
    )
    assert "Your open actions (2)" in replies[-1].summary


async def test_an_ambiguous_month_asks_which(talk, board):
    jade = talk("Jade Hodgson")
    seen = await jade.say("forward plan for Ju")
    assert '"Ju" could be June or July. Which did you mean?' in seen
    assert "[what's on June agenda]" in seen and "[what's on July agenda]" in seen
    seen = await jade.say("add CCTV update to the forward plan for ma")
    assert "[add CCTV update to the March forward plan]" in seen
    assert "[add CCTV update to the May forward plan]" in seen
    assert board.clerk.plan()[1] == []
    assert "Added to the forward plan for May 2024" in await jade.say(
        "add CCTV update to the May forward plan"
    )


async def test_a_dialog_answered_with_mentions_in_a_channel(talk, board):
    chris = talk("Chris Lyons", conversation="19:general@thread.tacv2", kind="channel")
    mention = {"type": "mention", "mentioned": {"id": "28:clerk-bot", "name": "Clerk"},
               "text": "<at>Clerk</at>"}

    async def say(text: str) -> str:
        replies = await chris.send(Activity().deserialize(
            {"type": "message", "text": f"<at>Clerk</at> {text}", "entities": [mention]}))
        return "\n".join(r.text or "" for r in replies)

    await say("help")
    assert "What should go on the forward plan?" in await say("add to forward plan")
    assert "For which meeting?" in await say("Youth violence data")
    assert "Added to the forward plan for June 2024: Youth violence data." in await say("June")


async def test_confirming_a_shared_close_on_the_card_keeps_the_typed_note(talk, board):
    jade = talk("Jade Hodgson")
    await jade.say("my actions")
    press = {"verb": "close", "action": 2, "view": "mine", "note": "  sent with the minutes "}
    (reply,) = await jade.send(Activity(type="message", value=press))
    assert reply.text == ('✓ Closed action 2: Circulate the ASB report. '
                          'Note: "sent with the minutes".')
    assert board.clerk.action(2).history[-1].note == "sent with the minutes"


async def test_a_card_note_that_is_not_text_or_too_long_changes_nothing(talk, board):
    jade = talk("Jade Hodgson")
    await jade.say("my actions")
    for note in ("x" * 1001, ["a list"], 5):
        press = {"verb": "close", "action": 2, "view": "mine", "note": note}
        (reply,) = await jade.send(Activity(type="message", value=press))
        assert reply.text == "That button belongs to an old card; nothing was changed."
    assert board.clerk.action(2).status == "open"

"""Clerk as Teams users see it: through Microsoft 365 Agents Playground's HTTP + WebSocket API.

The stack (tests/e2e/conftest.py) holds the four Barking and Dagenham sample minutes with today
fixed to 10 January 2024. The mock users (playground/m365agentsplayground.yml) are board members
from those minutes; the Playground's current user is Jade Hodgson. Every card type Clerk sends
goes through the Playground here: help (welcome), actions list, action details, forward plan,
next meeting, minutes.
"""

from __future__ import annotations

import re

import pytest

from bot import replies
from tests.e2e.client import ADAPTIVE, Playground, buttons, card_of, card_text


@pytest.fixture
async def pg(stack):
    async with Playground(stack.playground, stack.config) as client:
        yield client


def close_buttons(card: dict) -> list[dict]:
    return [b for b in buttons(card) if b.get("title") == "Mark complete"]


def listed_numbers(card: dict) -> set[int]:
    return {int(n) for n in re.findall(r"^\*\*(\d+)\.\*\*", card_text(card), re.MULTILINE)}


async def test_installing_the_app_sends_the_help_card(pg):
    await pg.install()
    card = card_of(await pg.card_reply())
    text = card_text(card)
    assert "I'm Clerk" in text
    assert "my actions: your open actions" in text
    assert card["version"] == "1.5"

    await pg.send("help")
    text = card_text(card_of(await pg.card_reply()))
    assert text.startswith("Hello Jade! I'm Clerk")


async def test_mark_complete_closes_the_action_and_updates_the_card(pg):
    await pg.send("my actions")
    message = await pg.card_reply()
    card = card_of(message)
    assert card_text(card).startswith("Your open actions (")
    mine = listed_numbers(card)
    assert mine and mine <= {2, 10}, card_text(card)  # Jade Hodgson's open actions
    presses = close_buttons(card)
    assert len(presses) == len(mine)
    assert all(b["type"] == "Action.Execute" and b["verb"] == "close" for b in presses)
    press = presses[0]
    number = press["data"]["action"]

    response = await pg.execute(message, press)

    assert response["type"] == ADAPTIVE  # the card Teams swaps in place of the old one
    refreshed = response["value"]
    text = card_text(refreshed)
    assert f"✓ Closed action {number}:" in text
    assert number not in listed_numbers(refreshed)
    assert listed_numbers(refreshed) == mine - {number}
    left = len(mine) - 1
    assert (f"Your open actions ({left})" if left else "You have no open actions") in text
    assert await pg.quiet() == []  # the card changed in place; no extra message

    await pg.send("my actions")
    again = card_of(await pg.card_reply())
    assert listed_numbers(again) == mine - {number}

    await pg.send(f"show action {number}")
    details = card_text(card_of(await pg.card_reply()))
    assert details.startswith(f"Action {number}\n")
    assert "Status: Completed" in details
    assert re.search(r"closed by Jade Hodgson", details), details


async def test_action_details_card_offers_mark_complete(pg):
    await pg.send("show action 12")  # Chris Lyons's: Jade may look, not close
    card = card_of(await pg.card_reply())
    text = card_text(card)
    assert text.startswith("Action 12\n")
    assert "women’s safety survey" in text
    assert "Owners: Chris Lyons" in text
    assert "Status: Open" in text
    assert close_buttons(card) == []


async def test_forward_plan_for_march(pg):
    await pg.send("what's on March agenda")
    text = card_text(card_of(await pg.card_reply()))
    assert "March 2024" in text.splitlines()[0]
    assert "• VAWG strategy" in text
    assert "• One Panel update — lead: Jemma Breslin" in text
    assert "• CSP Board and Structure Review update — lead: Katie Jones" in text


async def test_next_meeting(pg):
    await pg.send("next meeting")
    text = card_text(card_of(await pg.card_reply()))
    assert text.startswith("Next meeting")
    assert "Date: Wednesday 3 April 2024" in text
    assert "Venue: Committee Room 2" in text


async def test_last_minutes(pg):
    await pg.send("last minutes")
    text = card_text(card_of(await pg.card_reply()))
    assert text.startswith("Minutes of 6 December 2023")
    assert "Chair: Stuart Bell" in text
    assert "Actions raised (18)" in text


async def test_group_chat_answers_only_an_at_mention(pg):
    await pg.install(pg.group)
    assert "I'm Clerk" in card_text(card_of(await pg.card_reply(pg.group)))

    await pg.send("next meeting", conversation=pg.group, delivered=False)
    assert await pg.quiet(pg.group, 1.0) == []  # Teams drops it: no @mention of the bot

    await pg.send("next meeting", conversation=pg.group, mention=True)
    assert card_text(card_of(await pg.card_reply(pg.group))).startswith("Next meeting")


async def test_channel_answers_an_at_mention_in_the_thread(pg):
    channel = pg.team["channels"][-1]["id"]  # "Actions"
    await pg.install(channel)
    await pg.quiet(channel)
    root = await pg.send("last minutes", conversation=channel, mention=True)
    thread = f"{channel};messageid={root}"  # a channel post's replies live in its thread
    assert card_text(card_of(await pg.card_reply(thread))).startswith("Minutes of")

    await pg.send("my actions", conversation=thread, mention=True, user=pg.user("Chris Lyons"))
    card = card_of(await pg.card_reply(thread))
    assert card_text(card).startswith("Your open actions (2)")
    assert listed_numbers(card) == {6, 12}  # Chris Lyons's, not Jade's


async def test_mark_complete_as_submit_in_group_chat(pg):
    """Older clients send the button's data as a message with ``value`` (Action.Submit):
    the card is updated through the connector and a one-line reply confirms."""
    katie = pg.user("Katie Jones")
    await pg.send("my actions", conversation=pg.group, mention=True, user=katie)
    message = await pg.card_reply(pg.group)
    card = card_of(message)
    presses = close_buttons(card)
    assert presses, card_text(card)
    number = presses[0]["data"]["action"]

    await pg.submit(message, presses[0]["data"], conversation=pg.group, user=katie)

    confirmation = await pg.reply(pg.group)
    assert confirmation["text"].startswith(f"✓ Closed action {number}:")
    await pg.send("my actions", conversation=pg.group, mention=True, user=katie)
    assert number not in listed_numbers(card_of(await pg.card_reply(pg.group)))


async def test_two_peoples_dialogs_in_a_group_chat_do_not_cross(pg):
    group = pg.group
    jade, chris = pg.me, pg.user("Chris Lyons")

    await pg.send("add to forward plan", conversation=group, mention=True, user=jade)
    texts = [m.get("text") for m in await pg.quiet(group)]
    assert texts[-1].startswith("What should go on the forward plan?"), texts

    await pg.send("next meeting", conversation=group, mention=True, user=chris)
    assert card_text(card_of(await pg.card_reply(group))).startswith("Next meeting")

    await pg.send("Knife crime problem profile", conversation=group, mention=True, user=jade)
    texts = [m.get("text") for m in await pg.quiet(group)]
    assert texts[-1].startswith("For which meeting?"), texts

    await pg.send("add to forward plan", conversation=group, mention=True, user=chris)
    texts = [m.get("text") for m in await pg.quiet(group)]
    assert texts[-1].startswith("What should go on the forward plan?"), texts

    # Jade's answer goes to her month prompt, not to Chris's title prompt
    await pg.send("June", conversation=group, mention=True, user=jade)
    texts = [m.get("text") for m in await pg.quiet(group)]
    assert texts == ["Added to the forward plan for June 2024: Knife crime problem profile."], texts

    # and Chris's answer to his own title prompt
    await pg.send("CCTV update", conversation=group, mention=True, user=chris)
    texts = [m.get("text") for m in await pg.quiet(group)]
    assert texts == [replies.ASK_PLAN_MONTH], texts


async def test_a_dialog_completes_in_a_group_chat(pg):
    stuart = pg.user("Stuart Bell")
    for text in ("add to forward plan", "Domestic abuse review"):
        await pg.send(text, conversation=pg.group, mention=True, user=stuart)
        await pg.quiet(pg.group)
    await pg.send("June", conversation=pg.group, mention=True, user=stuart)
    texts = [m.get("text") for m in await pg.quiet(pg.group)]
    assert texts == ["Added to the forward plan for June 2024: Domestic abuse review."]

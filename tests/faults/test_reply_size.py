"""No reply exceeds what Teams accepts (about 100 KB a message): an action's text is clipped
where it is shown, and a long list comes a page at a time with "Show more". Every card here is
held to ``MAX_CARD_BYTES`` (28 KB), whatever the board holds."""

from __future__ import annotations

import json
from datetime import date

import pytest
from aiohttp.test_utils import TestClient, TestServer

from board.model import Actor
from bot.app import create_app
from bot.cards import MAX_CARD_BYTES, MORE_VERB, digest_card
from bot.config import Settings
from tests.builders import add_action, add_item, add_meeting, add_people
from tests.faults.conftest import activity

ACTIONS = 120
# 5,000 characters, half of them markdown punctuation (each escaped, so twice the bytes).
LONG = ("[*_Update_*] the partnership's <plan> " * 140)[:5000]


@pytest.fixture
def crowded(make_app):
    app = make_app(admins=["Jade Hodgson"], today=date(2024, 3, 14))
    add_people(app, "Jade Hodgson", "Chris Lyons")
    held = add_meeting(app, date(2023, 12, 6), chair="Stuart Bell", venue=LONG[:300])
    add_meeting(app, date(2024, 3, 20), status="scheduled", venue="Room 2")
    for number in range(1, ACTIONS + 1):
        add_action(app, f"{number} {LONG}", ["Jade Hodgson", "Chris Lyons", LONG[:200]],
                   meeting_id=held)
    for position in range(40):
        add_item(app, held, f"{position} {LONG[:490]}", LONG)
    jade = Actor.of(app.clerk.resolve_person("Jade Hodgson"), "chat")
    for _ in range(15):  # a long history of long notes
        app.clerk.close_action(1, jade, LONG)
        app.clerk.reopen_action(1, jade, LONG)
    for month in range(40):
        app.clerk.add_plan_item(f"{month} {LONG[:290]}", "2024-03", jade)
    app.clerk.set_due_date(2, "1 March", jade)
    return app


def _cards(body: dict) -> list[dict]:
    return [a["content"] for r in body.get("activities", []) for a in r.get("attachments") or []
            if a.get("contentType") == "application/vnd.microsoft.card.adaptive"]


async def test_every_reply_fits_a_teams_message(crowded):
    async with TestClient(TestServer(create_app(crowded, Settings(reminder_interval=0)),
                                     host="127.0.0.1")) as http:
        for text in ("open actions", "my actions", "overdue actions", "show action 1",
                     "last minutes", "forward plan", "what's on March agenda", "next meeting",
                     "search partnership", "actions for Chris Lyons"):
            sent = activity(text=text, deliveryMode="expectReplies")
            response = await http.post("/api/messages", json=sent)
            body = await response.json()
            assert response.status == 200 and body["activities"], text
            for reply in body["activities"]:
                assert len(json.dumps(reply).encode()) <= MAX_CARD_BYTES + 2_000, text
    plan = crowded.clerk.reminders(7)
    assert len(json.dumps(digest_card("Before the board", plan.digest)).encode()) <= MAX_CARD_BYTES


async def test_a_long_list_pages_with_show_more_and_shows_every_action_once(crowded):
    async with TestClient(TestServer(create_app(crowded, Settings(reminder_interval=0)),
                                     host="127.0.0.1")) as http:
        sent = activity(text="open actions", deliveryMode="expectReplies")
        (card,) = _cards(await (await http.post("/api/messages", json=sent)).json())
        seen, pages = [], 0
        while True:
            pages += 1
            assert len(json.dumps(card).encode()) <= MAX_CARD_BYTES
            rows = [c for c in card["body"] if c["type"] == "Container"]
            seen += [r["items"][0]["text"].split("**")[1].rstrip(".") for r in rows]
            assert all(len(r["items"][0]["text"]) < 1_000 for r in rows)  # clipped, with "…"
            assert all(r["items"][0]["text"].endswith("…") for r in rows)
            more = [a for a in card.get("actions", []) if a.get("verb") == MORE_VERB]
            if not more:
                break
            press = activity("06-personal-card-execute-invoke")
            press["value"]["action"] = {"type": "Action.Execute", "verb": MORE_VERB,
                                        "data": more[0]["data"]}
            card = (await (await http.post("/api/messages", json=press)).json())["value"]
    assert pages > 1
    assert seen == [str(n) for n in range(1, ACTIONS + 1)]

"""POST real Teams activities (captured from Microsoft's Agents Playground) to /api/messages:
replies either come back in the response (deliveryMode expectReplies) or go to a fake Bot
Connector on 127.0.0.1, as they would to Teams."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.chat import render
from bot.config import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "teams"
BOT_ID = "28:9f1c2a3b-4d5e-4f60-8a7b-0c1d2e3f4a5b"


def captured(name: str, **changes) -> dict:
    activity = json.loads((FIXTURES / f"{name}.json").read_text())
    activity["from"] = {"id": "29:jade", "name": "Jade Hodgson", "aadObjectId": "aad-jade"}
    activity.update(changes)
    return activity


@pytest.fixture
async def client(board):
    app = create_app(board, Settings(reminder_interval=0))
    async with TestClient(TestServer(app, host="127.0.0.1")) as http:
        yield http


async def post(client, activity: dict):
    response = await client.post("/api/messages", json=activity)
    body = await response.json() if response.content_length else None
    return response.status, body


async def test_personal_message_with_expect_replies(client):
    activity = captured("02-personal-message-hello", text="my actions",
                        deliveryMode="expectReplies")
    status, body = await post(client, activity)
    assert status == 200
    (reply,) = [a for a in body["activities"] if a.get("attachments")]
    assert "Your open actions (2)" in render(reply)
    assert reply["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive"


async def test_personal_message_reply_goes_to_the_connector(client, connector):
    activity = captured("02-personal-message-hello", text="next meeting", serviceUrl=connector.url)
    status, _ = await post(client, activity)
    assert status == 201
    method, path, sent = connector.requests[-1]
    assert method == "POST"
    assert path == f"/v3/conversations/a:1personal-chat-probe/activities/{activity['id']}"
    assert "Wednesday 20 March 2024" in render(sent)
    assert sent["conversation"]["id"] == "a:1personal-chat-probe"


@pytest.mark.parametrize(
    "name", ["09-groupchat-message-mention", "12-channel-message-mention",
             "13-channel-thread-reply-mention"]
)
async def test_group_chat_and_channel_mentions_are_answered(client, connector, name):
    activity = captured(name, serviceUrl=connector.url)
    activity["text"] = activity["text"].split("</at>")[0] + "</at> my actions"
    status, _ = await post(client, activity)
    assert status == 201
    _, path, sent = connector.requests[-1]
    assert path.startswith(f"/v3/conversations/{activity['conversation']['id']}/activities")
    assert "Your open actions (2)" in render(sent)


async def test_mark_complete_invoke_returns_the_refreshed_card(client, board):
    activity = captured("06-personal-card-execute-invoke")
    activity["value"]["action"] = {"type": "Action.Execute", "title": "Mark complete",
                                   "verb": "close", "data": {"verb": "close", "action": 1,
                                                             "view": "mine"}}
    status, body = await post(client, activity)
    assert status == 200
    assert body["statusCode"] == 200
    assert body["type"] == "application/vnd.microsoft.card.adaptive"
    card_text = render({"attachments": [{"contentType": body["type"], "content": body["value"]}]})
    assert "✓ Closed action 1: Share the app with schools" in card_text
    assert "Your open actions (1)" in card_text
    assert board.clerk.action(1).status == "completed"
    again = {**activity, "id": activity["id"] + "-again"}  # a second click: a new activity
    status, body = await post(client, again)
    assert "Action 1 is already completed; nothing was changed." in json.dumps(body)
    closes = [e for e in board.clerk.action(1).history if e.kind == "closed"]
    assert len(closes) == 1


async def test_mark_complete_submit_updates_the_card_through_the_connector(
    client, connector, board
):
    activity = captured("04-personal-card-submit-message-value", serviceUrl=connector.url,
                        value={"verb": "close", "action": 2, "view": "mine"})
    status, _ = await post(client, activity)
    assert status == 201
    methods = [(m, p) for m, p, _ in connector.requests]
    assert ("PUT", f"/v3/conversations/a:1personal-chat-probe/activities/{activity['replyToId']}"
            ) in methods
    update = next(body for m, _, body in connector.requests if m == "PUT")
    assert "✓ Closed action 2" in render(update)
    assert "Closed action 2" in connector.requests[-1][2]["text"]
    assert board.clerk.action(2).status == "completed"


async def test_foreign_card_submit_changes_nothing(client, connector, board):
    activity = captured("04-personal-card-submit-message-value", serviceUrl=connector.url)
    status, _ = await post(client, activity)
    assert status == 201
    assert "old card" in connector.requests[-1][2]["text"]
    assert all(a.status == "open" for a in board.clerk.actions(status="all"))


@pytest.mark.parametrize("name", ["01-personal-conversationUpdate",
                                  "08-groupchat-conversationUpdate",
                                  "11-channel-conversationUpdate"])
async def test_welcome_when_the_bot_is_added(client, connector, name):
    activity = captured(name, serviceUrl=connector.url)
    activity["from"].pop("name")  # Teams sends no name on conversationUpdate
    status, _ = await post(client, activity)
    assert status in (200, 201)
    assert "I'm Clerk" in render(connector.requests[-1][2])


async def test_installation_update_is_ignored_politely(client, connector):
    status, _ = await post(client, captured("00-personal-installationUpdate",
                                            serviceUrl=connector.url))
    assert status in (200, 201)
    assert connector.requests == []


@pytest.mark.parametrize(
    ("body", "status"),
    [(b"{not json", 400), (b"[]", 400), (json.dumps({"type": "message"}).encode(), 400),
     (json.dumps({"type": "message", "from": {"id": "x"}}).encode(), 400),
     (b"{" + b" " * 300_000 + b"}", 413)],
)
async def test_bad_requests_are_refused_without_a_stack_trace(client, body, status):
    response = await client.post("/api/messages", data=body,
                                 headers={"Content-Type": "application/json"})
    assert response.status == status
    text = await response.text()
    assert "Traceback" not in text and "File \"" not in text


async def test_healthz(client):
    response = await client.get("/healthz")
    assert response.status == 200
    assert await response.json() == {"status": "ok", "database": "ok"}


def test_tenant_allow_list(board):
    settings = Settings(allowed_tenants=frozenset({"other-tenant"}))
    assert settings.allowed_tenants and create_app(board, settings)


async def test_other_tenants_are_refused_before_any_handler(board, connector):
    app = create_app(board, Settings(allowed_tenants=frozenset({"allowed-tenant"})))
    async with TestClient(TestServer(app, host="127.0.0.1")) as http:
        activity = captured("02-personal-message-hello", text="close action 1",
                            serviceUrl=connector.url)
        status, _ = await post(http, copy.deepcopy(activity))
    assert status == 403
    assert connector.requests == []
    assert board.clerk.action(1).status == "open"


async def test_a_turn_reads_caller_and_state_with_its_redelivery_record(client, board):
    """One round trip before the command: the record, the linked person and the dialog state
    together (storage/turn_start.py); then the command's own query."""
    from tests.bot.test_queries import statements

    activity = captured("02-personal-message-hello", text="next meeting",
                        deliveryMode="expectReplies")
    await post(client, {**activity, "id": "first-contact", "text": "help"})  # links Jade
    with statements(board.db.engine) as seen:
        status, body = await post(client, activity)
    assert status == 200
    assert "Wednesday 20 March 2024" in render(body["activities"][0])
    start = 1 if board.db.engine.dialect.name == "postgresql" else 3  # SQLite: 3 in 1 BEGIN
    assert "processed_activities" in seen[0]
    assert all(table in " ".join(seen[:start]) for table in ("people", "bot_state"))
    command = " ".join(seen[start:])
    assert "meetings" in command
    assert not any(table in command for table in ("processed_activities", "bot_state", "aad"))

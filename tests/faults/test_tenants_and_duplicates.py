"""Tenant allow-list (refused before any handler runs) and idempotent turns (a redelivered
activity is processed once), over HTTP in-process."""

from __future__ import annotations

import asyncio
import logging

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.config import Settings
from tests.faults.conftest import activity, closes, footprint, texts

ALLOWED = "8a1b2c3d-0000-4000-8000-00000000c0de"  # the captured activities' tenant


async def _client(board, **settings):
    return TestClient(TestServer(create_app(board, Settings(reminder_interval=0, **settings)),
                                 host="127.0.0.1"))


def _tenant(found: dict, tenant: str) -> dict:
    found["conversation"]["tenantId"] = tenant
    found["channelData"] = {"tenant": {"id": tenant}}
    return found


async def test_other_tenants_are_refused_before_any_handler_and_logged(
    board, connector, caplog
):
    async with await _client(board, allowed_tenants=frozenset({ALLOWED})) as http:
        before = footprint(board)
        for tenant in ("evil-tenant", "", f"{ALLOWED}|mismatch"):
            sent = _tenant(activity(text="close action 1 - from outside",
                                    serviceUrl=connector.url), tenant.split("|")[0])
            if tenant.endswith("|mismatch"):  # conversation and channelData disagree
                sent["channelData"]["tenant"]["id"] = "evil-tenant"
            with caplog.at_level(logging.WARNING):
                response = await http.post("/api/messages", json=sent)
            assert response.status == 403
        assert "refused an activity from tenant 'evil-tenant'" in caplog.text
        assert connector.requests == []  # no reply was sent
        assert footprint(board) == before  # no event, no state, no processed id
        assert board.clerk.action(1).status == "open"
        # The same activity from the allowed tenant goes through (the refusal is the tenant).
        allowed = _tenant(activity(text="close action 1 - ok", serviceUrl=connector.url), ALLOWED)
        assert (await http.post("/api/messages", json=allowed)).status == 201
        assert board.clerk.action(1).status == "completed"
        assert len(connector.requests) >= 1


async def test_a_redelivered_message_is_processed_once(board, connector):
    async with await _client(board) as http:
        sent = activity(text="close action 1 - letter sent", serviceUrl=connector.url)
        for _ in range(5):  # Teams retrying the same activity
            assert (await http.post("/api/messages", json=sent)).status == 201
        assert closes(board, 1) == 1
        replies = [body for method, _, body in connector.requests if method == "POST"]
        assert len([r for r in replies if "Closed action 1:" in (r.get("text") or "")]) == 1
        assert not any("already completed" in (r.get("text") or "") for r in replies)
        # A new activity (a new id) is a new turn.
        again = activity(text="close action 1 - again", serviceUrl=connector.url)
        await http.post("/api/messages", json=again)
        assert "already completed" in connector.requests[-1][2]["text"]


async def test_concurrent_duplicates_are_processed_once(board, connector):
    async with await _client(board) as http:
        sent = activity(text="close action 2 - done", serviceUrl=connector.url)
        answers = await asyncio.gather(*(http.post("/api/messages", json=sent)
                                         for _ in range(10)))
        assert all(a.status in (200, 201) for a in answers)
        assert closes(board, 2) == 1
        replies = [b.get("text") or "" for m, _, b in connector.requests if m == "POST"]
        assert len([r for r in replies if "Closed action 2:" in r]) == 1
        assert not any("already" in r for r in replies)


@pytest.mark.parametrize("kind", ["invoke", "submit"])
async def test_a_card_button_clicked_twice_closes_once(board, connector, kind):
    async with await _client(board) as http:
        if kind == "invoke":
            sent = activity("06-personal-card-execute-invoke")
            sent["value"]["action"] = {"type": "Action.Execute", "verb": "close",
                                       "data": {"verb": "close", "action": 1, "view": "mine"}}
        else:
            sent = activity("04-personal-card-submit-message-value", serviceUrl=connector.url,
                            value={"verb": "close", "action": 1, "view": "mine"})
        first = await http.post("/api/messages", json=sent)
        second = await http.post("/api/messages", json=sent)  # the same click, redelivered
        assert first.status in (200, 201) and second.status in (200, 201)
        if kind == "invoke":
            assert "Closed action 1" in await first.text()
            assert "already handled" in await second.text()
        assert closes(board, 1) == 1
        assert board.clerk.action(1).status == "completed"
        # A second, distinct click (a new activity) is answered but changes nothing.
        third = {**sent, "id": sent["id"] + "-2"}
        assert (await http.post("/api/messages", json=third)).status in (200, 201)
        assert closes(board, 1) == 1


async def test_expect_replies_duplicate_gets_no_second_reply(board):
    async with await _client(board) as http:
        sent = activity(text="close action 1", deliveryMode="expectReplies")
        first = await (await http.post("/api/messages", json=sent)).json()
        second_response = await http.post("/api/messages", json=sent)
        second = await second_response.json() if second_response.content_length else None
        assert "Closed action 1:" in texts(first)
        assert texts(second) == ""
        assert closes(board, 1) == 1

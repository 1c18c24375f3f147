"""Several `clerk serve` processes on one PostgreSQL database (subprocesses on 127.0.0.1):
50 concurrent closes spread over two servers, duplicates across servers, a dialog started on
one and finished on the other. Skipped on SQLite runs."""

from __future__ import annotations

import asyncio
import uuid

import aiohttp

from storage.models import PlanItem
from tests.faults.conftest import activity, build_board, closes, count, texts


async def _post(session, server, sent: dict):
    async with session.post(f"{server.url}/api/messages", json=sent) as response:
        body = await response.json() if response.content_length else None
        return response.status, body


async def test_50_concurrent_closes_over_two_servers_make_one_close_event(servers, make_app):
    board = build_board(make_app(admins=["Jade Hodgson"]))
    one, two = servers(2)
    requests = [
        activity(text=f"close action 1 - attempt {i}", deliveryMode="expectReplies",
                 conversation={"conversationType": "groupChat", "id": f"19:race-{i}@thread.v2",
                               "tenantId": "t"})
        for i in range(50)
    ]
    async with aiohttp.ClientSession() as session:
        answers = await asyncio.gather(*(_post(session, (one, two)[i % 2], sent)
                                         for i, sent in enumerate(requests)))
    assert [status for status, _ in answers] == [200] * 50  # every request answered
    replies = [texts(body) for _, body in answers]
    assert all(replies), "every request got a reply"
    assert sum("Closed action 1:" in r for r in replies) == 1
    assert sum("already completed" in r for r in replies) == 49
    assert closes(board, 1) == 1
    assert board.clerk.action(1).status == "completed"


async def test_duplicates_across_two_servers_are_processed_once(servers, make_app):
    board = build_board(make_app(admins=["Jade Hodgson"]))
    one, two = servers(2)
    sent = activity(text="close action 2 - done", deliveryMode="expectReplies")
    async with aiohttp.ClientSession() as session:
        answers = await asyncio.gather(*(_post(session, (one, two)[i % 2], sent)
                                         for i in range(20)))
    assert all(status == 200 for status, _ in answers)
    replies = [texts(body) for _, body in answers]
    assert sum("Closed action 2:" in r for r in replies) == 1
    assert sum(bool(r) for r in replies) == 1  # the 19 duplicates got no reply
    assert closes(board, 2) == 1


async def test_a_dialog_started_on_one_server_continues_on_the_other(servers, make_app):
    board = build_board(make_app(admins=["Jade Hodgson"]))
    one, two = servers(2)
    conversation = {"conversationType": "personal", "id": f"a:{uuid.uuid4().hex}",
                    "tenantId": "t"}

    def say(text: str) -> dict:
        return activity(text=text, deliveryMode="expectReplies", conversation=conversation)

    async with aiohttp.ClientSession() as session:
        _, first = await _post(session, one, say("add to forward plan"))
        _, second = await _post(session, two, say("Knife crime deep dive"))
        _, third = await _post(session, one, say("June"))
    assert "what" in texts(first).lower()
    assert "month" in texts(second).lower() or "when" in texts(second).lower()
    assert "Knife crime deep dive" in texts(third)
    assert count(board, PlanItem, PlanItem.title == "Knife crime deep dive") == 1

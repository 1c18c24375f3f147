"""Activity fields of the wrong shape (issue 13, finding 8): refused with a 400 and a JSON
error before any handler runs, one log line, no traceback, and no value logged whole."""

from __future__ import annotations

import json
import logging

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.config import Settings
from tests.faults.conftest import activity, footprint

BIG = "x" * 250_000


def _nested(depth: int) -> dict:
    value: dict = {}
    for _ in range(depth):
        value = {"a": value}
    return value


CASES = {
    "deeply nested channelData": {"channelData": _nested(200)},
    "nested past the JSON parser's limit": {"value": "NESTED"},  # see _body
    "garbage timestamp": {"timestamp": "yesterday-ish"},
    "timestamp of 250 kB": {"timestamp": BIG},
    "numeric timestamp": {"timestamp": 1704880000},
    "garbage localTimestamp": {"localTimestamp": "2024-13-45T99:00:00"},
    "entities a string": {"entities": "mention"},
    "entities of numbers": {"entities": [1, 2]},
    "recipient a string": {"recipient": "the bot"},
    "attachments an object": {"attachments": {"contentType": "x"}},
    "membersAdded a string": {"membersAdded": "everyone"},
    "membersAdded with a numeric id": {"membersAdded": [{"id": 5}]},
    "from name a list": {"from": {"id": "29:jade", "name": ["Jade"]}},
    "text an object": {"text": {"close": 1}},
}


def _body(sent: dict) -> bytes:
    """The request body; "NESTED" becomes 20,000 nested objects (more than Python's json
    can parse or write recursively)."""
    return json.dumps(sent).replace('"NESTED"', '{"a":' * 20_000 + "{}" + "}" * 20_000).encode()


@pytest.fixture
async def client(board):
    app = create_app(board, Settings(reminder_interval=0))
    async with TestClient(TestServer(app, host="127.0.0.1")) as http:
        yield http


@pytest.mark.parametrize("case", CASES)
async def test_fields_of_the_wrong_shape_are_a_400_before_any_handler(
    client, board, caplog, case
):
    sent = activity(text="close action 1 - forged", deliveryMode="expectReplies")
    sent.update(CASES[case])
    before = footprint(board)
    with caplog.at_level(logging.INFO):
        response = await client.post("/api/messages", data=_body(sent),
                                     headers={"Content-Type": "application/json"})
    assert response.status == 400
    body = await response.json()
    assert set(body) == {"error"} and len(body["error"]) < 200
    assert board.clerk.action(1).status == "open"
    assert footprint(board) == before
    lines = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) == 1, [r.getMessage()[:200] for r in lines]
    assert lines[0].exc_info is None
    assert all(len(r.getMessage()) < 1000 for r in caplog.records)
    assert "Traceback" not in caplog.text


async def test_a_250_kb_field_is_never_logged_whole(board, caplog):
    """A refused tenant of 250 kB: the log line names it, clipped."""
    settings = Settings(reminder_interval=0, allowed_tenants=frozenset({"our-tenant"}))
    sent = activity(text="my actions", deliveryMode="expectReplies",
                    channelData={"tenant": {"id": BIG}})
    sent["conversation"].pop("tenantId", None)
    async with TestClient(TestServer(create_app(board, settings), host="127.0.0.1")) as http:
        with caplog.at_level(logging.INFO):
            response = await http.post("/api/messages", json=sent)
    assert response.status == 403
    assert "xxxxxxxxxx" in caplog.text  # it was logged, clipped
    assert all(len(r.getMessage()) < 1000 for r in caplog.records)


async def test_a_well_formed_activity_with_every_checked_field_still_works(client, board):
    """The checks refuse shapes, not content: Teams' own fields pass."""
    sent = activity(text="close action 1 - letter sent", deliveryMode="expectReplies",
                    timestamp="2024-01-10T09:30:00.1234567Z",
                    localTimestamp="2024-01-10T09:30:00.123+00:00",
                    entities=[{"type": "clientInfo", "locale": "en-GB"}], attachments=[],
                    channelData={"tenant": {"id": "t"}, "deep": _nested(10)})
    response = await client.post("/api/messages", json=sent)
    assert response.status == 200, await response.text()
    assert board.clerk.action(1).status == "completed"

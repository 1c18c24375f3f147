"""The database going away mid-conversation (a cuttable TCP proxy in front of PostgreSQL), and
two turns racing on one conversation's state, through the HTTP endpoint in-process."""

from __future__ import annotations

import asyncio
import threading
import uuid

from aiohttp.test_utils import TestClient, TestServer

from bot.adapter import STATE_CONFLICT
from bot.app import create_app
from bot.config import Settings
from storage.bot_state import SqlStorage
from storage.models import ActionEvent
from tests.faults.conftest import activity, build_board, count, texts

UNAVAILABLE = "I can't reach the board's records right now, nothing was changed"


async def test_database_cut_mid_conversation_then_back(proxied):
    board, through, proxy = proxied
    conversation = {"conversationType": "personal", "id": "a:outage", "tenantId": "t"}

    def say(text: str) -> dict:
        return activity(text=text, deliveryMode="expectReplies", conversation=conversation)

    app = create_app(through, Settings(reminder_interval=0))
    async with TestClient(TestServer(app, host="127.0.0.1")) as http:
        first = await http.post("/api/messages", json=say("my actions"))
        assert "Your open actions (2)" in texts(await first.json())
        assert (await http.get("/healthz")).status == 200
        events = count(board, ActionEvent)

        proxy.cut()
        cut = await http.post("/api/messages", json=say("close action 1 - during the outage"))
        assert cut.status == 200
        body = await cut.text()
        assert UNAVAILABLE in texts(await cut.json())
        assert "Traceback" not in body
        health = await http.get("/healthz")
        assert health.status == 503
        assert (await health.json())["database"] == "unreachable"
        # No partial write (checked directly, not through the proxy).
        assert board.clerk.action(1).status == "open"
        assert count(board, ActionEvent) == events

        proxy.restore()  # Clerk recovers by itself: no restart, no intervention
        assert (await http.get("/healthz")).status == 200
        again = await http.post("/api/messages", json=say("close action 1 - after the outage"))
        assert "Closed action 1:" in texts(await again.json())
        assert board.clerk.action(1).status == "completed"
        assert count(board, ActionEvent, ActionEvent.kind == "closed") == 1


async def test_two_turns_racing_on_one_state_do_not_overwrite_each_other(
    make_app, monkeypatch
):
    """Two instances, one conversation: turn A loads the dialog state, turn B loads it too and
    saves first; A's save is then stale. A gets a short reply (no stack trace), B's answer
    stands, and the dialog goes on from B's state."""
    board = build_board(make_app(admins=["Jade Hodgson"]))
    other = make_app(admins=["Jade Hodgson"])  # a second instance: its own engine and bot
    conversation = {"conversationType": "personal", "id": f"a:{uuid.uuid4().hex}",
                    "tenantId": "t"}

    def say(text: str) -> dict:
        return activity(text=text, deliveryMode="expectReplies", conversation=conversation)

    b_done = threading.Event()
    real_write = SqlStorage._write

    def write(self, items):  # instance A waits, before saving, until B has saved
        if self.db is board.db and any("dialog" in str(v) for v in items.values()):
            b_done.wait(10)
        return real_write(self, items)

    a_app = create_app(board, Settings(reminder_interval=0))
    b_app = create_app(other, Settings(reminder_interval=0))
    async with TestClient(TestServer(a_app, host="127.0.0.1")) as a, \
            TestClient(TestServer(b_app, host="127.0.0.1")) as b:
        await b.post("/api/messages", json=say("add to forward plan"))  # asks for a title
        monkeypatch.setattr(SqlStorage, "_write", write)
        a_turn = asyncio.ensure_future(a.post("/api/messages", json=say("Title from A")))
        await asyncio.sleep(0.5)  # A has read the state and waits to save
        b_answer = await b.post("/api/messages", json=say("Title from B"))
        b_done.set()
        a_answer = await a_turn
        monkeypatch.setattr(SqlStorage, "_write", real_write)
        assert a_answer.status == b_answer.status == 200
        assert STATE_CONFLICT in texts(await a_answer.json())
        assert "Traceback" not in await a_answer.text()
        assert STATE_CONFLICT not in texts(await b_answer.json())
        done = await b.post("/api/messages", json=say("June"))
        assert "Title from B" in texts(await done.json())
        assert "Title from A" not in texts(await done.json())

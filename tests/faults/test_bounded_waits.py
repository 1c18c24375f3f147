"""Every wait is bounded (issue 13, finding 6): a signing-key endpoint that never answers, a
PostgreSQL that is stopped (a proxy that holds every byte), a process holding SQLite's writer
lock. Each turn answers within a few seconds with an honest message, ``/healthz`` within a
second, and everything works again once the fault ends, without a restart.

Every fault here ends by itself after ``HOLD`` seconds, so that code which waits forever makes
its test fail on timing instead of hanging the suite."""

from __future__ import annotations

import asyncio
import fcntl
import socket
import threading
import time

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.exc import OperationalError

from bot import signing_keys
from bot.app import create_app
from bot.config import Settings
from storage import db as storage_db
from tests.faults.conftest import activity, footprint, texts
from tests.faults.test_auth import APP_ID, ISSUER, OpenIdServer, _key, token

HOLD = 12.0  # seconds any fault lasts at most
UNAVAILABLE = "I can't reach the board's records right now, nothing was changed."


class Silent:
    """Accepts connections on 127.0.0.1 and never answers (closes them after HOLD)."""

    def __init__(self) -> None:
        self.accepted = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}/metadata"
        self._held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self.accepted += 1
            self._held.append(conn)
            threading.Timer(HOLD, conn.close).start()

    def close(self) -> None:
        self._listener.close()
        for conn in self._held:
            conn.close()


def _secured(metadata_url: str) -> Settings:
    return Settings(APP_ID=APP_ID, APP_PASSWORD="not-used-offline", reminder_interval=0,
                    TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL=metadata_url,
                    TO_BOT_FROM_CHANNEL_TOKEN_ISSUER=ISSUER)


def _asking(text: str) -> dict:
    return activity(text=text, deliveryMode="expectReplies")


async def _timed(request) -> tuple[float, object]:
    started = time.monotonic()
    response = await request
    return time.monotonic() - started, response


async def test_a_key_endpoint_that_never_answers_freezes_nothing(board, monkeypatch):
    monkeypatch.setattr(signing_keys, "FETCH_TIMEOUT", 2.0)
    silent = Silent()
    key = _key()
    headers = {"Authorization": f"Bearer {token(key)}"}
    try:
        async with TestClient(TestServer(create_app(board, _secured(silent.url)),
                                         host="127.0.0.1")) as http:
            started = time.monotonic()
            message = asyncio.ensure_future(
                _timed(http.post("/api/messages", json=_asking("my actions"), headers=headers)))
            await asyncio.sleep(0.3)  # the key fetch is under way
            health = await http.get("/healthz")
            health_took = time.monotonic() - started  # a frozen loop delays the sleep too
            took, response = await message
            assert health.status == 200 and health_took < 1.5  # the process is not frozen
            assert response.status == 503 and took < 4.0  # no keys: "try later", not 401
            assert "error" in await response.json()
            # Backing off: the next request does not knock again, and answers at once.
            knocks = silent.accepted
            took, response = await _timed(
                http.post("/api/messages", json=_asking("my actions"), headers=headers))
            assert response.status == 503 and took < 0.5
            assert silent.accepted == knocks
    finally:
        silent.close()
    assert board.clerk.action(1).status == "open"


def refusals(caplog) -> int:
    return sum("could not fetch signing keys" in r.getMessage() for r in caplog.records)


async def test_cached_keys_keep_working_while_a_refresh_fails(board, monkeypatch, caplog):
    key = _key()
    openid = OpenIdServer(key.public_key())
    settings = _secured(f"{openid.url}/.well-known/openid-configuration")
    headers = {"Authorization": f"Bearer {token(key)}"}
    async with TestClient(TestServer(create_app(board, settings), host="127.0.0.1")) as http:
        first = await http.post("/api/messages", json=_asking("my actions"), headers=headers)
        assert first.status == 200
        openid.close()  # the key endpoint is gone ...
        monkeypatch.setattr(signing_keys, "REFRESH_AFTER", 0.0)  # ... just as a refresh is due
        for _ in range(3):
            took, response = await _timed(http.post(
                "/api/messages", json=_asking("close action 1 - letter sent"), headers=headers))
            assert response.status == 200 and took < 2.0
            said = texts(await response.json()).lower()
            assert "closed action 1:" in said or "action 1 is already" in said
    assert refusals(caplog) == 1  # one failed refresh, then backing off
    assert board.clerk.action(1).status == "completed"


async def test_a_stopped_postgresql_gets_every_turn_an_honest_answer(proxied):
    board, through, proxy = proxied
    app = create_app(through, Settings(reminder_interval=0))
    async with TestClient(TestServer(app, host="127.0.0.1")) as http:
        # Open connections are pooled first: a stopped server is found mostly on them (a new
        # one gives up after CONNECT_TIMEOUT), and only the client can end such a wait.
        warm = await asyncio.gather(*(http.get("/healthz") for _ in range(6)))
        assert {r.status for r in warm} == {200}
        before = footprint(board)
        proxy.freeze()
        threading.Timer(HOLD, proxy.thaw).start()
        turns = [_timed(http.post("/api/messages", json=_asking(f"close action {n} - frozen")))
                 for n in (1, 2)]
        health_took, health = await _timed(http.get("/healthz"))
        answered = await asyncio.gather(*turns)
        assert health.status == 503 and health_took < 1.0
        for took, response in answered:
            assert response.status == 200 and took < 10.0
            assert UNAVAILABLE in texts(await response.json())
        assert footprint(board) == before and board.clerk.action(1).status == "open"
        proxy.thaw()
        deadline = time.monotonic() + 10
        while (await http.get("/healthz")).status != 200:
            assert time.monotonic() < deadline, "Clerk did not recover after the thaw"
            await asyncio.sleep(0.2)
        again = await http.post("/api/messages", json=_asking("close action 1 - after"))
        assert "Closed action 1:" in texts(await again.json())


async def test_a_process_holding_the_sqlite_writer_lock_does_not_freeze_turns(board, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite's writer lock")
    holder = open(f"{board.db.engine.url.database}.lock", "a+b")  # noqa: SIM115
    fcntl.flock(holder, fcntl.LOCK_EX)  # as another process would (its own open file)
    released = threading.Timer(HOLD, lambda: fcntl.flock(holder, fcntl.LOCK_UN))
    released.start()
    try:
        app = create_app(board, Settings(reminder_interval=0))
        async with TestClient(TestServer(app, host="127.0.0.1")) as http:
            took, response = await _timed(
                http.post("/api/messages", json=_asking("close action 1 - while locked")))
            assert response.status == 200 and took < storage_db.WRITER_WAIT + 3
            assert storage_db.BUSY in texts(await response.json())
            health_took, health = await _timed(http.get("/healthz"))
            assert health.status == 503 and health_took < 1.0
            assert board.clerk.action(1).status == "open"
            fcntl.flock(holder, fcntl.LOCK_UN)
            again = await http.post("/api/messages", json=_asking("close action 1 - after"))
            assert "Closed action 1:" in texts(await again.json())
    finally:
        released.cancel()
        holder.close()


def test_postgresql_ends_a_long_statement_and_an_idle_transaction(make_app, postgres_url):
    if postgres_url is None:
        pytest.skip("PostgreSQL's own timeouts")
    app = make_app()
    with app.db.engine.connect() as conn:
        assert conn.exec_driver_sql("SHOW statement_timeout").scalar() == "5s"
        assert conn.exec_driver_sql("SHOW idle_in_transaction_session_timeout").scalar() == "10s"
        started = time.monotonic()
        with pytest.raises(OperationalError, match="statement timeout"):
            conn.exec_driver_sql("SELECT pg_sleep(30)")
        assert time.monotonic() - started < storage_db.STATEMENT_TIMEOUT + 1

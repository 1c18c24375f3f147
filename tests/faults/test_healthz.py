"""``/healthz`` tells the truth about writing (issue 13, finding 7): a database that answers
reads but refuses writes (SQLite opened read-only, a full disk) is a 503, within a second, and
turns get an honest answer; once the disk has room again both recover without a restart."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.config import Settings
from storage.wiring import open_app
from tests.faults.conftest import activity, build_board, texts

UNAVAILABLE = "I can't reach the board's records right now, nothing was changed."


def _asking(text: str) -> dict:
    return activity(text=text, deliveryMode="expectReplies")


async def _health(http) -> tuple[float, int, dict]:
    started = time.monotonic()
    response = await http.get("/healthz")
    return time.monotonic() - started, response.status, await response.json()


@pytest.fixture
def sqlite_only(db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite files")


async def test_a_read_only_database_is_a_503(sqlite_only, make_app, tmp_path):
    path = tmp_path / "clerk.db"
    board = build_board(make_app())  # the test's database file, with its board
    board.db.dispose()
    read_only = open_app(f"sqlite:///file:{path}?mode=ro&uri=true", admins=["Jade Hodgson"])
    try:
        async with TestClient(TestServer(create_app(read_only, Settings(reminder_interval=0)),
                                         host="127.0.0.1")) as http:
            took, status, body = await _health(http)
            assert (status, body["database"]) == (503, "not writable") and took < 1.0
            response = await http.post("/api/messages", json=_asking("close action 1 - x"))
            assert UNAVAILABLE in texts(await response.json())
    finally:
        read_only.db.dispose()
    assert make_app().clerk.action(1).status == "open"


@contextlib.contextmanager
def small_disk(where: Path, megabytes: int):
    """A tmpfs of that size mounted at ``where`` (needs root; skips otherwise)."""
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs",
                              str(where)], capture_output=True, timeout=10)
    if mounted.returncode != 0:
        pytest.skip("mounting a small filesystem needs root")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=10)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)  # until ENOSPC
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


async def test_a_full_disk_is_a_503_and_recovers(sqlite_only, tmp_path):
    with small_disk(tmp_path / "disk", 16) as disk:
        board = build_board(open_app(f"sqlite:///{disk / 'clerk.db'}",
                                     admins=["Jade Hodgson"]))
        try:
            async with TestClient(TestServer(create_app(board, Settings(reminder_interval=0)),
                                             host="127.0.0.1")) as http:
                assert (await _health(http))[1] == 200
                filler = _fill(disk)
                took, status, body = await _health(http)
                assert (status, body["database"]) == (503, "not writable") and took < 1.0
                response = await http.post("/api/messages",
                                           json=_asking("close action 1 - disk full"))
                assert UNAVAILABLE in texts(await response.json())
                assert board.clerk.action(1).status == "open"
                filler.unlink()  # room again: no restart needed
                assert (await _health(http))[1] == 200
                response = await http.post("/api/messages",
                                           json=_asking("close action 1 - room again"))
                assert "Closed action 1:" in texts(await response.json())
        finally:
            board.db.dispose()

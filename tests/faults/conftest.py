"""Faults: shared helpers. Everything listens and connects on 127.0.0.1 only."""

from __future__ import annotations

import copy
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from sqlalchemy import func, select

from storage.models import ActionEvent, BotState, ProcessedActivity
from storage.wiring import open_app
from tests.bot.conftest import (  # noqa: F401  (shared fixtures)
    board,
    bot,
    build_board,
    connector,
    talk,
)
from tests.storage.proxy import CuttableProxy

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "teams"
JADE = {"id": "29:jade", "name": "Jade Hodgson", "aadObjectId": "aad-jade"}


def activity(name: str = "02-personal-message-hello", **changes) -> dict:
    """A captured Teams activity from Jade, with a fresh id unless one is given."""
    found = json.loads((FIXTURES / f"{name}.json").read_text())
    found["from"] = copy.deepcopy(JADE)
    found["id"] = str(uuid.uuid4())
    found.update(changes)
    return found


def count(app, model, *where) -> int:
    with app.uow() as repo:
        return repo.session.scalar(select(func.count()).select_from(model).where(*where))


def closes(app, number: int | None = None) -> int:
    """Close events (of one action, or all)."""
    where = [ActionEvent.kind == "closed"]
    if number is not None:
        where.append(ActionEvent.action_id == _action_id(app, number))
    return count(app, ActionEvent, *where)


def _action_id(app, number: int) -> int:
    from storage.models import Action

    with app.uow() as repo:
        return repo.session.scalar(select(Action.id).where(Action.number == number))


def footprint(app) -> tuple[int, int, int]:
    """What a turn leaves behind: events, bot state rows, processed activity ids."""
    return count(app, ActionEvent), count(app, BotState), count(app, ProcessedActivity)


class JsonHandler(BaseHTTPRequestHandler):
    """A quiet request handler for fake endpoints that answer JSON."""

    def _answer(self, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `clerk serve` process on 127.0.0.1 and an ephemeral port."""

    def __init__(self, db_url: str, log: Path, host: str | None = "127.0.0.1", **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environ = {**os.environ, "CLERK_REMINDER_INTERVAL": "0", "CLERK_TODAY": "2024-01-10",
                   "CLERK_ADMINS": "", **env}
        for name in ("MicrosoftAppId", "MicrosoftAppPassword", "CLERK_ALLOWED_TENANTS"):
            environ.pop(name, None)
        self.log = log
        self._out = log.open("wb")
        where = ["--host", host] if host else []
        environ.pop("CLERK_HOST", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "--db", db_url, "serve", *where,
             "--port", str(self.port)],
            cwd=ROOT, env=environ, stdout=self._out, stderr=subprocess.STDOUT,
        )

    def wait(self, timeout: float = 30) -> Server:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"clerk serve exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"clerk serve did not start: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._out.close()


@pytest.fixture
def servers(postgres_url, tmp_path):
    """servers(n) -> n `clerk serve` processes on this test's PostgreSQL database."""
    if postgres_url is None:
        pytest.skip("several bot instances share a server database; run on PostgreSQL")
    started: list[Server] = []

    def start(n: int = 2) -> list[Server]:
        new = [Server(postgres_url, tmp_path / f"serve-{len(started) + i}.log") for i in range(n)]
        started.extend(new)
        return [s.wait() for s in new]

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def proxied(postgres_url, make_app):
    """A board on PostgreSQL, and an app whose connections go through a cuttable, freezable
    proxy: (board, app through the proxy, proxy)."""
    if postgres_url is None:
        pytest.skip("a server database going away; run on PostgreSQL")
    built = build_board(make_app(admins=["Jade Hodgson"]))
    parts = urlsplit(postgres_url)
    proxy = CuttableProxy(parts.port or 5432)
    user = f"{parts.username}@" if parts.username else ""
    through = open_app(urlunsplit(parts._replace(netloc=f"{user}127.0.0.1:{proxy.port}")),
                       admins=["Jade Hodgson"])
    yield built, through, proxy
    proxy.close()
    through.db.dispose()


def texts(body: dict | None) -> str:
    """Every reply in an expectReplies response, rendered as text."""
    from bot.chat import render

    return "\n".join(render(a) for a in (body or {}).get("activities", []))

"""Shared fixtures. The backend comes from CLERK_TEST_DATABASE:

- unset or "sqlite": a fresh SQLite file per test;
- a PostgreSQL URL (e.g. postgresql://postgres@127.0.0.1:5432/test): this run creates its own
  database beside it, migrates it once, empties it after every test and drops it at the end.
"""

from __future__ import annotations

import os
import socket
import sys
import uuid
from datetime import date
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from storage.models import Base
from storage.wiring import App, open_app

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "minutes"
BACKEND = os.environ.get("CLERK_TEST_DATABASE", "sqlite")


def pytest_report_header(config) -> str:
    return f"clerk database backend: {'sqlite' if BACKEND == 'sqlite' else 'postgresql'}"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Tests never reach the network: any connection off this machine fails loudly."""
    real_connect = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (
            host.startswith("127.") or host in ("localhost", "::1") or host.startswith("/")
        ):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def postgres_url():
    if BACKEND == "sqlite":
        yield None
        return
    name = f"clerk_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_psycopg(BACKEND), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = BACKEND.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(_psycopg(BACKEND), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _psycopg(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture
def db_url(postgres_url, tmp_path) -> str:
    return postgres_url or f"sqlite:///{tmp_path / 'clerk.db'}"


@pytest.fixture
def make_app(db_url, monkeypatch):
    """open_app on this test's database; the database is emptied afterwards."""
    monkeypatch.delenv("CLERK_ADMINS", raising=False)
    monkeypatch.delenv("CLERK_TODAY", raising=False)
    opened: list[App] = []

    def factory(**kwargs) -> App:
        kwargs.setdefault("admins", [])
        kwargs.setdefault("today", date(2024, 1, 10))
        app = open_app(db_url, **kwargs)
        opened.append(app)
        return app

    yield factory
    if opened and db_url.startswith("postgresql"):
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        with opened[0].db.engine.begin() as conn:
            # The audit tables refuse TRUNCATE (triggers); emptying the test database skips
            # them for this session only.
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    for app in opened:
        app.db.dispose()


@pytest.fixture
def app(make_app) -> App:
    return make_app()


def run_clerk(monkeypatch, capsys, *argv: str) -> tuple[int, str, str]:
    """The real `clerk` entry point, in process: (exit code, stdout, stderr)."""
    from cli.main import main

    monkeypatch.setattr(sys, "argv", ["clerk", *argv])
    code = 0
    try:
        main()
    except SystemExit as exit_:
        code = exit_.code or 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def clerk_cli(db_url, capsys, monkeypatch):
    """Run `clerk --db <this test's database> ARGS...`; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("CLERK_ADMINS", raising=False)

    def run(*args: str, today: str = "2024-01-10"):
        return run_clerk(monkeypatch, capsys, "--db", db_url, "--today", today, *args)

    return run

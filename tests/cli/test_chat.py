"""`clerk chat`, piped as a newcomer or a script would: one message a line, each reply block
after a `> message` line, through the same bot and database state as Teams."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.minutes_loader.test_samples import ingest_all


@pytest.fixture
def chat(app, db_url):
    ingest_all(app)

    def run(*lines: str, as_: str = "Jade Hodgson", today: str = "2024-01-10") -> str:
        env = {**os.environ, "CLERK_DATABASE_URL": db_url, "COLUMNS": "200"}
        env.pop("CLERK_TODAY", None)
        done = subprocess.run(
            [sys.executable, "-m", "cli.main", "chat", "--as", as_, "--today", today],
            input="\n".join(lines) + "\n", capture_output=True, text=True, env=env, timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    return run


def blocks(output: str) -> dict[str, list[str]]:
    """The reply block after each `> message` line (a message sent twice keeps the last)."""
    found: dict[str, list[str]] = {}
    for block in ("\n" + output).split("\n> ")[1:]:
        message, _, reply = block.partition("\n")
        found.setdefault(message, []).append(reply)
    return found


def open_numbers(reply: str) -> list[int]:
    return [int(n) for n in re.findall(r"^(\d+)\. ", reply, flags=re.M)]


def test_my_actions_close_one_and_it_is_gone(chat):
    first = blocks(chat("my actions"))["my actions"][0]
    numbers = open_numbers(first)
    assert numbers, first
    n = numbers[0]
    out = chat("my actions", f"close action {n}", "my actions")
    replies = blocks(out)
    before, after = replies["my actions"]
    assert n in open_numbers(before) and n not in open_numbers(after)
    assert f"Closed action {n}:" in replies[f"close action {n}"][0]
    assert len(open_numbers(after)) == len(open_numbers(before)) - 1


def test_march_agenda_lists_the_items_agreed_for_the_march_2024_board(chat):
    reply = blocks(chat("what's on March agenda"))["what's on March agenda"][0]
    assert "Forward plan: March 2024" in reply
    for title in ("Drugs and Alcohol Services Tender update", "VAWG strategy",
                  "One Panel update"):
        assert title in reply


def test_someone_nobody_knows_is_refused(app, db_url):
    env = {**os.environ, "CLERK_DATABASE_URL": db_url}
    done = subprocess.run([sys.executable, "-m", "cli.main", "chat", "--as", "Nobody Atall"],
                          input="my actions\n", capture_output=True, text=True, env=env)
    assert done.returncode == 1
    assert done.stderr.startswith('error: I don\'t know anyone called "Nobody Atall"')

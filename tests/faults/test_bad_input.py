"""Bad input: property tests on minutes extraction (any text: a ParsedMinutes, or for text
that is mostly one marker or a few names repeated a one-line NotMinutes refusal, never another
exception, in bounded time) and malformed HTTP requests (400/413, no stack trace)."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import create_app
from bot.config import Settings
from minutes.model import NotMinutes, ParsedMinutes
from minutes.parser import parse_minutes
from tests.faults.conftest import activity, footprint

SAMPLE = next((Path(__file__).resolve().parents[2] / "samples" / "minutes").glob("*.md"))
WORDS = ["ACTION", "Action:", "Actions", "RESTRICTED", "Chair", "CLOSED", "Owner:", "Due",
         "by end of March", "Forward plan", "Next meeting", "1.", "2.1", "a)", "•", "|", "---",
         "#", "##", "Item", "AGENDA ITEM", "Minutes of the", "held on", "6 December 2023",
         "2024-03-20", "Jade Hodgson", "JH/CL", "Present:", "Apologies", "\t", "  ", "\n",
         "\r\n", "\u2013", "\u00a0", "\x00", "\ufeff", "(", ")", ":", "-", "*", "Q3", "CSP"]
minutes_like = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=30)),
                        max_size=200).map(" ".join)
BOUND = 2.0  # seconds for one call on any of these inputs


def _parse(text: str, **kwargs) -> ParsedMinutes:
    started = time.perf_counter()
    parsed = parse_minutes(text, **kwargs)
    assert time.perf_counter() - started < BOUND
    assert isinstance(parsed, ParsedMinutes)
    return parsed


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_any_text_parses_without_an_exception(text):
    _parse(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(minutes_like, st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2100, 12, 31))))
def test_minutes_like_text_parses_without_an_exception(text, meeting_date):
    _parse(text, meeting_date=meeting_date)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 20_000), st.text(max_size=200), st.integers(0, 10))
def test_real_minutes_with_noise_spliced_in(at, noise, times):
    text = SAMPLE.read_text()
    at = min(at, len(text))
    _parse(text[:at] + noise * times + text[at:])


@pytest.mark.parametrize("line", ["ACTION: " + "x " * 5000, "(" * 20000, "1." * 20000,
                                  "Jade Hodgson " * 5000, "|" * 50000, "ACTION\n" * 5000])
def test_hostile_documents_finish_in_bounded_time(line):
    started = time.perf_counter()
    try:
        parse_minutes(line * 2)
    except NotMinutes as refused:  # "ACTION: x x x ...", "Jade Hodgson Jade Hodgson ..."
        assert str(refused).startswith("not minutes: ") and "\n" not in str(refused)
    assert time.perf_counter() - started < 10


@pytest.fixture
async def client(board):
    app = create_app(board, Settings(reminder_interval=0))
    async with TestClient(TestServer(app, host="127.0.0.1")) as http:
        yield http


def _without(*keys: str) -> bytes:
    sent = activity(text="close action 1")
    for key in keys:
        sent.pop(key)
    return json.dumps(sent).encode()


@pytest.mark.parametrize(("body", "status", "content_type"), [
    (b"{not json", 400, "application/json"),
    (b"\xff\xfe\x00garbage", 400, "application/json"),
    (b"", 400, "application/json"),
    (b"null", 400, "application/json"),
    (b"[1, 2]", 400, "application/json"),
    (b'"a string"', 400, "application/json"),
    (_without("from"), 400, "application/json"),
    (_without("conversation"), 400, "application/json"),
    (_without("from", "conversation"), 400, "application/json"),
    (_without("type"), 400, "application/json"),
    (json.dumps({**activity(), "from": "jade"}).encode(), 400, "application/json"),
    (json.dumps({**activity(), "conversation": {"id": ""}}).encode(), 400, "application/json"),
    (b'{"type": "message", "text": "' + b"x" * 400_000 + b'"}', 413, "application/json"),
    (b"type=message", 415, "application/x-www-form-urlencoded"),
])
async def test_malformed_requests_are_refused_without_a_stack_trace(
    client, board, body, status, content_type
):
    before = footprint(board)
    response = await client.post("/api/messages", data=body,
                                 headers={"Content-Type": content_type})
    assert response.status == status
    text = await response.text()
    assert "Traceback" not in text and 'File "' not in text and "Error(" not in text
    assert footprint(board) == before
    assert board.clerk.action(1).status == "open"

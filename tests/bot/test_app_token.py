"""bot/app_token.py with a fake credential: callers share one fetch, and botbuilder's own
synchronous signing (msrest, inside the event loop) never waits for one."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
import requests

from bot.app_token import AppToken, TokenUnavailable


class SlowCredentials:
    """Stands for botbuilder's credentials: each token call waits until ``release`` is set."""

    microsoft_app_id = "app"
    oauth_endpoint = "https://login.example/tenant"

    def __init__(self) -> None:
        self.calls = 0
        self.release = threading.Event()

    def get_access_token(self, force_refresh: bool = False) -> str:
        self.calls += 1
        self.release.wait(5)
        return "opaque-token"


async def test_concurrent_callers_share_one_fetch():
    slow = SlowCredentials()
    token = AppToken(slow, timeout=2)
    waiting = [asyncio.ensure_future(token.authorization()) for _ in range(10)]
    await asyncio.sleep(0.1)
    slow.release.set()
    assert set(await asyncio.gather(*waiting)) == {"Bearer opaque-token"}
    assert slow.calls == 1


async def test_synchronous_signing_never_waits_for_a_fetch():
    slow = SlowCredentials()
    token = AppToken(slow, timeout=2)
    started = time.monotonic()
    with pytest.raises(TokenUnavailable):
        token.signed_session(requests.Session())  # nothing cached: fails at once ...
    assert time.monotonic() - started < 0.1
    slow.release.set()  # ... and the fetch it started brings one
    deadline = time.monotonic() + 2
    while token.token is None:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.02)
    signed = token.signed_session(requests.Session())
    assert signed.headers["Authorization"] == "Bearer opaque-token"
    assert slow.calls == 1

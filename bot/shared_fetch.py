"""A bounded fetch that concurrent callers share and that backs off after failures: what the
signing keys (``bot.signing_keys``) and the app token (``bot.app_token``) both need.

One fetch is in flight per event loop, whoever asked first starts it and everyone awaits the
same task; after a failure the next attempt waits 1 s, doubling to ``BACKOFF_MAX``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine

BACKOFF_START = 1.0
BACKOFF_MAX = 300.0


class SharedFetch:
    def __init__(self, download: Callable[[], Coroutine[None, None, None]]) -> None:
        self._download = download
        self._task: asyncio.Task | None = None
        self.failures = 0
        self.retry_at = 0.0

    def due(self) -> bool:
        """Not backing off: a fetch may be started now."""
        return time.monotonic() >= self.retry_at

    def start(self) -> asyncio.Task:
        """The fetch in flight on this event loop, or a new one. Its failure is the waiters'
        to report; a task nobody awaits does not warn that its exception was never read."""
        loop = asyncio.get_running_loop()
        task = self._task
        if task is None or task.done() or task.get_loop() is not loop:
            task = self._task = loop.create_task(self._download())
            task.add_done_callback(lambda done: done.cancelled() or done.exception())
        return task

    def failed(self) -> float:
        """Record a failure; the seconds until the next attempt."""
        self.failures += 1
        delay = min(BACKOFF_MAX, BACKOFF_START * 2 ** (self.failures - 1))
        self.retry_at = time.monotonic() + delay
        return delay

    def succeeded(self) -> None:
        self.failures = 0
        self.retry_at = 0.0

"""Load generator: Teams-shaped message activities from many users, end to end.

A fake Bot Connector on 127.0.0.1 receives the bot's replies (and counts the TCP connections
the bot opens to it). Latency is measured from the request to the last reply of that turn.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web


@dataclass
class Connector:
    """Fake Bot Connector: records replies per incoming activity id, counts connections."""

    port: int = 0
    peers: set = field(default_factory=set)
    replies: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    waiters: dict[str, asyncio.Event] = field(default_factory=dict)
    _runner: web.AppRunner | None = None

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation}/activities/{reply_to}", self._reply)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._reply)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{self.port}"

    @property
    def connections(self) -> int:
        """TCP connections the bot has opened to us (distinct client ports)."""
        return len(self.peers)

    async def _reply(self, request: web.Request) -> web.Response:
        self.peers.add(request.transport.get_extra_info("peername"))
        body = await request.json()
        reply_to = request.match_info.get("reply_to") or body.get("replyToId", "")
        self.replies[reply_to] += 1
        if reply_to in self.waiters:
            self.waiters[reply_to].set()
        return web.json_response({"id": str(uuid.uuid4())}, status=201)

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()


@dataclass
class Result:
    concurrency: int
    turns: int
    seconds: float
    latencies: list[float]
    errors: int
    missing: int
    connections: int

    @property
    def tps(self) -> float:
        return self.turns / self.seconds

    def pct(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def activity(user: dict, text: str, service_url: str, activity_id: str) -> dict:
    """A personal-chat message as Teams sends it."""
    return {
        "type": "message",
        "id": activity_id,
        "channelId": "msteams",
        "serviceUrl": service_url,
        "timestamp": "2024-01-10T10:00:00.000Z",
        "from": {"id": user["id"], "name": user["name"], "aadObjectId": user["aad"]},
        "recipient": {"id": "28:clerk-bench", "name": "Clerk"},
        "conversation": {
            "id": f"a:bench-{user['aad']}",
            "conversationType": "personal",
            "tenantId": "8a1b2c3d-0000-4000-8000-00000000c0de",
        },
        "channelData": {"tenant": {"id": "8a1b2c3d-0000-4000-8000-00000000c0de"}},
        "text": text,
        "textFormat": "plain",
        "locale": "en-GB",
    }


async def run(
    url: str,
    connector: Connector,
    service_url: str,
    users: list[dict],
    utterances: Callable[[int, dict], str],
    *,
    concurrency: int,
    turns: int,
    reply_timeout: float = 10.0,
) -> Result:
    """``turns`` messages from ``concurrency`` simulated users at once, each user waiting for
    the reply to its message before sending the next (as a person in Teams does)."""
    latencies: list[float] = []
    errors = missing = 0
    counter = itertools.count()
    before = connector.connections
    limits = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=limits) as http:

        async def worker(slot: int) -> None:
            nonlocal errors, missing
            user = users[slot % len(users)]
            while (n := next(counter)) < turns:
                activity_id = f"bench-{uuid.uuid4()}"
                done = connector.waiters[activity_id] = asyncio.Event()
                start = time.perf_counter()
                try:
                    async with http.post(
                        url, json=activity(user, utterances(n, user), service_url, activity_id)
                    ) as response:
                        await response.read()
                        if response.status >= 400:
                            errors += 1
                            continue
                    # The turn's replies are sent before its response: waiting for the
                    # response and a reply is waiting for the last reply.
                    await asyncio.wait_for(done.wait(), reply_timeout)
                    latencies.append(time.perf_counter() - start)
                except TimeoutError:
                    missing += 1
                except aiohttp.ClientError:
                    errors += 1
                finally:
                    connector.waiters.pop(activity_id, None)

        started = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(concurrency)))
        seconds = time.perf_counter() - started
    return Result(
        concurrency,
        len(latencies),
        seconds,
        latencies,
        errors,
        missing,
        connector.connections - before,
    )


def summary(result: Result) -> dict[str, float]:
    return {
        "tps": result.tps,
        "p50": result.pct(50),
        "p90": result.pct(90),
        "p99": result.pct(99),
        "mean": statistics.mean(result.latencies) * 1000 if result.latencies else 0.0,
    }

"""Clerk's own turn, in process: SQL statements per turn for each command, where a turn's time
goes, and the cost of person resolution and intent matching.

    .venv/bin/python -m bench.turns --db URL [--turns 40]

A turn here is the whole bot pipeline (adapter, handler, identity, dialog state, command,
card, reply) through ``process_activity`` with ``deliveryMode: expectReplies`` (no HTTP), for
a Teams user already linked to a person. Statements are counted with a SQLAlchemy
``before_cursor_execute`` listener (BEGIN/COMMIT are counted apart, as transactions).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager

from botbuilder.schema import Activity, ChannelAccount, ConversationAccount, ExpectedReplies
from sqlalchemy import event, func, select

import bot.dedupe
import bot.handler
from board.model import Actor
from bot.app import build_bot
from bot.commands import Commands
from bot.config import Settings
from bot.router import route
from storage.bot_state import SqlStorage
from storage.models import Action, ActionOwner, Person
from storage.wiring import App, open_app

BOT = ChannelAccount(id="28:clerk-bench", name="Clerk")

COMMANDS = [
    ("my actions", "my actions"),
    ("actions for NAME", "actions for {other}"),
    ("show action", "show action {mine}"),
    ("close action", "close action {mine}"),
    ("reopen action", "reopen action {mine}"),
    ("forward plan for a month", "what's on March agenda"),
    ("last minutes", "last minutes"),
    ("next meeting", "next meeting"),
    ("help", "help"),
    ("typo", "my actoins"),
]


class QueryCounter:
    """SQL statements and transactions on one engine, while ``counting``."""

    def __init__(self, engine) -> None:
        self.statements = 0
        self.transactions = 0
        self.on = False
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "begin", self._begin)  # psycopg begins without a BEGIN statement

    def _begin(self, conn) -> None:
        self.transactions += self.on

    def _statement(self, conn, cursor, statement, *args) -> None:
        word = statement.lstrip()[:8].upper()
        if self.on and not word.startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOIN", "RELEASE")):
            self.statements += 1

    @contextmanager
    def counting(self):
        self.statements = self.transactions = 0
        self.on = True
        try:
            yield self
        finally:
            self.on = False


class Stages:
    """Wall time spent in named parts of a turn (wrapping functions; nothing else changes)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, owner, name: str, label: str, is_async: bool = False) -> None:
        real = getattr(owner, name)
        seconds = self.seconds
        if is_async:

            async def timed_async(*args, **kwargs):
                start = time.perf_counter()
                try:
                    return await real(*args, **kwargs)
                finally:
                    seconds[label] += time.perf_counter() - start

            setattr(owner, name, timed_async)
        else:

            def timed(*args, **kwargs):
                start = time.perf_counter()
                try:
                    return real(*args, **kwargs)
                finally:
                    seconds[label] += time.perf_counter() - start

            setattr(owner, name, timed)


def subject(app: App, open_actions: int = 20) -> tuple[str, int, str, int]:
    """The caller and "NAME": two people with the same number of open actions, the number
    nearest ``open_actions`` that two people have (so a small and a large history are compared
    on the same workload: the same card sizes), one of the caller's action numbers, and that
    number of open actions."""
    with app.db.transaction() as session:
        rows = session.execute(
            select(Person.display_name, func.min(Action.number), func.count(Action.id))
            .join(ActionOwner, ActionOwner.person_id == Person.id)
            .join(Action, Action.id == ActionOwner.action_id)
            .where(Action.status == "open")
            .group_by(Person.id, Person.display_name)
            .order_by(Person.id)
        ).all()
    by_count: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for name, number, count in rows:
        by_count[count].append((name, number))
    count = min((c for c, people in by_count.items() if len(people) > 1),
                key=lambda c: (abs(c - open_actions), c))
    (name, number), (other, _) = by_count[count][:2]
    return name, number, other, count


class InProcess:
    def __init__(self, app: App, name: str) -> None:
        self.adapter, self.bot = build_bot(app, Settings(reminder_interval=0))
        aad = f"bench-turns-{abs(hash(name))}"
        person = app.clerk.resolve_person(name)
        app.clerk.link_identity(person.id, aad, Actor.command_line())
        self.user = ChannelAccount(id=f"29:{aad}", name=name, aad_object_id=aad)
        self.conversation = ConversationAccount(id=f"a:bench-{aad}", conversation_type="personal",
                                                tenant_id="bench")
        self.n = 0

    async def say(self, text: str) -> list:
        self.n += 1
        activity = Activity(type="message", id=f"t{self.n}-{uuid.uuid4().hex}", text=text,
                            channel_id="msteams",
                            service_url="http://127.0.0.1:9/unused", from_property=self.user,
                            recipient=BOT, conversation=self.conversation,
                            delivery_mode="expectReplies")
        response = await self.adapter.process_activity("", activity, self.bot.on_turn)
        return response.body["activities"]


async def measure(app: App, turns: int) -> list[tuple[str, str, int, int, float]]:
    """Per command: (label, utterance, SQL statements, transactions, median ms)."""
    name, mine, other, _ = subject(app)
    counter = QueryCounter(app.db.engine)
    chat = InProcess(app, name)
    await chat.say("help")  # warm: name index, the conversation reference, compiled queries
    rows = []
    for label, template in COMMANDS:
        text = template.format(mine=mine, other=other)
        if label == "reopen action":
            await chat.say(f"close action {mine}")
        with counter.counting():
            await chat.say(text)
        counts = (counter.statements, counter.transactions)
        times = []
        for _ in range(turns):
            if label == "reopen action":
                await chat.say(f"close action {mine}")
            start = time.perf_counter()
            await chat.say(text)
            times.append(time.perf_counter() - start)
            if label == "close action":
                await chat.say(f"reopen action {mine}")
        rows.append((label, text, *counts, statistics.median(times) * 1000))
    return rows


SCALE_COMMANDS = ["my actions", "actions for NAME", "show action", "last minutes"]


async def compare(small: App, full: App, turns: int) -> dict:
    """The same read commands on two histories, for callers with the same number of open
    actions, turn by turn in alternation (small, full, small, ...), so that whatever else the
    machine does slows both alike: per command, (statements, median ms) on each, and the
    callers."""
    sides = []
    open_actions = 20
    for app in (small, full):
        name, mine, other, open_actions = subject(app, open_actions)
        chat = InProcess(app, name)
        await chat.say("help")  # warm, as in measure()
        sides.append((chat, {"mine": mine, "other": other}, QueryCounter(app.db.engine),
                      f"{name} ({open_actions} open actions)"))
    templates = dict(COMMANDS)
    out: dict = {"callers": [caller for *_, caller in sides]}
    for label in SCALE_COMMANDS:
        texts = [templates[label].format(**names) for _, names, _, _ in sides]
        statements = []
        for (chat, _, counter, _), text in zip(sides, texts, strict=True):
            with counter.counting():
                await chat.say(text)
            statements.append(counter.statements)
        times: list[list[float]] = [[], []]
        for _ in range(turns):
            for i, ((chat, *_), text) in enumerate(zip(sides, texts, strict=True)):
                start = time.perf_counter()
                await chat.say(text)
                times[i].append(time.perf_counter() - start)
        out[label] = [(statements[i], statistics.median(times[i]) * 1000) for i in (0, 1)]
    return out


async def stage_profile(app: App, turns: int) -> dict[str, float]:
    """Mean ms per turn in each part of the pipeline, over a mix of read commands."""
    name, mine, other, _ = subject(app)
    chat = InProcess(app, name)
    stages = Stages()
    stages.wrap(bot.handler, "identify", "identify a caller not yet linked (DB)")
    stages.wrap(bot.handler, "route", "route the text (regex + rapidfuzz)")
    stages.wrap(Commands, "run", "command: queries + card")
    stages.wrap(SqlStorage, "_read", "dialog state read, when not read at the turn start (DB)")
    stages.wrap(SqlStorage, "_write", "dialog state write (DB)")
    stages.wrap(bot.dedupe, "start_turn",
                "turn start: redelivery record, caller and dialog state, one round trip (DB)")
    stages.wrap(ExpectedReplies, "serialize",
                "expectReplies body, msrest (this harness only: replies to Teams skip it)")
    texts = [t.format(mine=mine, other=other) for _, t in COMMANDS if "{mine}" not in t]
    await chat.say("help")
    stages.seconds.clear()
    start = time.perf_counter()
    for n in range(turns):
        await chat.say(texts[n % len(texts)])
    total = time.perf_counter() - start
    out = {label: s / turns * 1000 for label, s in stages.seconds.items()}
    out["whole turn (in process)"] = total / turns * 1000
    return out


def name_lookup(app: App, rounds: int = 2000) -> dict[str, float]:
    """Microseconds per person lookup over everyone's names, and per intent match."""
    with app.uow() as repo:
        index = repo.name_index()
        names = [p.name for p in repo.named_people()]
    probes = [names[(i * 7919) % len(names)] for i in range(rounds)]
    typos = [n[:3] + n[4:] for n in probes]  # one letter dropped: the fuzzy path
    out = {"people": float(len(names))}
    for label, batch in (("exact", probes), ("typo", typos)):
        start = time.perf_counter()
        for probe in batch:
            index.match(probe)
        out[f"person lookup, {label} (µs)"] = (time.perf_counter() - start) / len(batch) * 1e6
    utterances = ["my actions", "actions for Jade Hodgson", "close action 4 - done",
                  "what's on March agenda", "my actoins", "nxt meeting", "blah blah"]
    start = time.perf_counter()
    for i in range(rounds):
        route(utterances[i % len(utterances)])
    out["intent match (µs)"] = (time.perf_counter() - start) / rounds * 1e6
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--turns", type=int, default=40)
    args = parser.parse_args()
    app = open_app(args.db, admins=[], today="2024-01-10")
    print("| command | statements | transactions | median ms |\n|---|---|---|---|")
    for label, _, statements, transactions, ms in asyncio.run(measure(app, args.turns)):
        print(f"| {label} | {statements} | {transactions} | {ms:.2f} |")
    print(asyncio.run(stage_profile(app, args.turns * 5)))
    print(name_lookup(app))


if __name__ == "__main__":
    main()

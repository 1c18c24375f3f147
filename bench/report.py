"""The bot benchmark: Clerk against the stock echo bot, in one run, written as Markdown.

    .venv/bin/python -m bench.report [--quick] [--postgres URL] [--out bench/REPORT.md]

For each database (SQLite, and PostgreSQL when given) it builds a board history (2,000
meetings, 5,000 people, 100,000 actions; --quick makes it 100 / 500 / 5,000), starts
`clerk serve`, links the benchmark users to people, and sends a mix of utterances at
concurrency 1, 8 and 32; then the same load to the stock echo bot. Each server's CPU time is
read from /proc. Ratios are Clerk / echo.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from bench.history import build, person_names
from bench.load import Connector, Result, run, summary
from storage.wiring import open_app

ROOT = Path(__file__).resolve().parent.parent
CLERK = str(ROOT / ".venv" / "bin" / "clerk")
CONCURRENCY = (1, 8, 32)
UTTERANCES = [
    "my actions",
    "what do I owe",
    "actions for {other}",
    "show action {n}",
    "close action {n}",
    "reopen action {n}",
    "what's on March agenda",
    "forward plan",
    "last minutes",
    "next meeting",
    "help",
    "my actoins",
    "nxt meeting",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children (the workers), from /proc."""
    total = 0.0
    pids = [pid] + [int(p) for p in _children(pid)]
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


@contextmanager
def server(command: list[str], port: int, env: dict[str, str]):
    process = subprocess.Popen(
        command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"{command[0]} did not start: {process.stderr.read().decode()}")
        yield process
    finally:
        process.terminate()
        process.wait(10)


def users(count: int) -> list[dict]:
    names = person_names(count)
    return [
        {"id": f"29:bench-{i}", "name": name, "aad": f"00000000-0000-4000-8000-{i:012d}"}
        for i, name in enumerate(names)
    ]


def utterance_mix(people: list[dict], actions: int):
    rng = random.Random(3)

    def pick(n: int) -> str:
        text = UTTERANCES[n % len(UTTERANCES)]
        return text.format(other=rng.choice(people)["name"], n=rng.randint(1, actions))

    return pick


async def measure(url: str, people: list[dict], pick, turns: int) -> list[Result]:
    connector = Connector()
    service_url = await connector.start()
    results = []
    try:
        for concurrency in CONCURRENCY:
            results.append(
                await run(
                    url,
                    connector,
                    service_url,
                    people,
                    pick,
                    concurrency=concurrency,
                    turns=turns,
                )
            )
    finally:
        await connector.stop()
    return results


def table(name: str, clerk: list[Result], echo: list[Result], cpu: tuple[float, float]) -> str:
    lines = [
        f"### {name}",
        "",
        "| concurrency | Clerk turns/s | echo turns/s | ratio | Clerk p50 / p90 / p99 ms | "
        "echo p50 / p90 / p99 ms | Clerk errors / missing | connections (Clerk / echo) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c, e in zip(clerk, echo, strict=True):
        cs, es = summary(c), summary(e)
        lines.append(
            f"| {c.concurrency} | {cs['tps']:.0f} | {es['tps']:.0f} | "
            f"{cs['tps'] / es['tps']:.2f} | {cs['p50']:.0f} / {cs['p90']:.0f} / {cs['p99']:.0f} | "
            f"{es['p50']:.0f} / {es['p90']:.0f} / {es['p99']:.0f} | {c.errors} / {c.missing} | "
            f"{c.connections} / {e.connections} |"
        )
    lines += ["", f"CPU seconds used: Clerk {cpu[0]:.1f}, echo bot {cpu[1]:.1f}.", ""]
    return "\n".join(lines)


def bench_database(name: str, url: str, scale: dict, turns: int, workers: list[int]) -> list[str]:
    app = open_app(url, admins=[])
    build(app, **scale)
    people = users(min(200, scale["people"]))
    with app.uow() as repo:  # link the benchmark users' Teams identities to their people
        index = repo.name_index()
        for user in people:
            person = index.match(user["name"]).unique
            repo.link_identity(person.id, user["aad"], None)
    app.db.dispose()
    pick = utterance_mix(people, scale["actions"])
    clerk_port, echo_port = free_port(), free_port()
    env = {"CLERK_DATABASE_URL": url, "CLERK_TODAY": "2024-01-10"}
    command = [CLERK, "serve", "--port", str(clerk_port), "--workers", str(workers)]
    with server(command, clerk_port, env) as process:
        clerk = asyncio.run(
            measure(f"http://127.0.0.1:{clerk_port}/api/messages", people, pick, turns)
        )
        clerk_cpu = cpu_seconds(process.pid)
    echo_cmd = [sys.executable, "-m", "bench.echo_bot", "--port", str(echo_port)]
    with server(echo_cmd, echo_port, {}) as process:
        echo = asyncio.run(
            measure(f"http://127.0.0.1:{echo_port}/api/messages", people, pick, turns)
        )
        echo_cpu = cpu_seconds(process.pid)
    return table(f"{name}, {workers} worker(s)", clerk, echo, (clerk_cpu, echo_cpu))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--postgres", help="a PostgreSQL URL whose database this run may fill")
    parser.add_argument("--turns", type=int, default=600)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "REPORT.md")
    args = parser.parse_args()
    scale = (
        {"meetings": 100, "people": 500, "actions": 5_000}
        if args.quick
        else {"meetings": 2000, "people": 5000, "actions": 100_000}
    )
    sections = [f"# Bot benchmark\n\nHistory: {scale}. {args.turns} turns per level.\n"]
    with tempfile.TemporaryDirectory() as folder:
        databases = [("SQLite", f"sqlite:///{folder}/bench.db")]
        if args.postgres:
            databases.append(("PostgreSQL", args.postgres))
        for name, url in databases:
            workers = sorted({1, args.workers})
            sections += bench_database(name, url, scale, args.turns, workers)
    args.out.write_text("\n".join(sections))
    print(args.out.read_text())


if __name__ == "__main__":
    main()

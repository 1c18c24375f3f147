"""End-to-end: Clerk behind Microsoft's local Teams client, the Agents Playground.

One stack for the whole package: a fresh SQLite database with the four Barking and Dagenham
sample minutes ingested (today fixed to 10 January 2024), ``clerk serve``, and the Playground
(scripts/playground.sh, with the mock tenant in playground/). Both run in a private network
namespace that holds only loopback, and so does this thread while the tests talk to them, so
nothing can leave the machine and the ports are free by construction.

Missing prerequisites (Node packages from ``npm ci``, root for the namespace, Chromium for the
browser test) skip the tests with the reason, except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e import netns

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "minutes"
INGEST_ORDER = [
    "lbbd-csp-2020-12-09.txt",
    "lbbd-csp-2021-09.txt",
    "lbbd-csp-2022-12-07.txt",
    "lbbd-csp-2023-12-06.md",
]
PLAYGROUND_BIN = ROOT / "node_modules" / ".bin" / "agentsplayground"
OUTPUT = ROOT / "test-output"
SECRETARY_AAD = "c0617283-94a5-4fb6-80c7-e8f9a0b1c2d6"  # Jade Cavalli in playground/*.yml


def require(condition: bool, reason: str) -> None:
    """Skip for a missing prerequisite; in CI, fail instead: there the tests must run."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the end-to-end tests)", pytrace=False)
    pytest.skip(reason)


@dataclass
class Stack:
    playground: str  # http://127.0.0.1:PORT, inside the namespace
    bot: str  # http://127.0.0.1:PORT/api/messages
    config: dict  # the Playground's /_internal/v1/config: tenant, bot, users, chat ids
    logs: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float = 20) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
        return response.read()


def _stop(process: subprocess.Popen) -> None:
    """Stop a process and everything it started (its own process group)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    deadline = time.monotonic() + 5  # children that outlive the leader are in the group too
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)


def _start(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        args, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log.open("w"),
        stderr=subprocess.STDOUT, start_new_session=True,
    )


def _wait_for(check, what: str, process: subprocess.Popen, log: Path, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited ({process.returncode}):\n{log.read_text()}")
        try:
            result = check()
        except OSError:
            result = None
        if result:
            return result
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start in {timeout} s:\n{log.read_text()}")


@pytest.fixture(scope="package")
def stack(tmp_path_factory) -> Stack:
    require(shutil.which("node") is not None, "Node.js is not installed")
    require(PLAYGROUND_BIN.exists(), "the Agents Playground is not installed: run scripts/setup.sh")
    work = tmp_path_factory.mktemp("e2e")
    logs = OUTPUT / "e2e"
    logs.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "CLERK_DATABASE_URL": f"sqlite:///{work / 'clerk.db'}",
        "CLERK_TODAY": "2024-01-10",
        "CLERK_ADMINS": "Jade Cavalli",
    }
    env.pop("MicrosoftAppId", None)
    ingest = subprocess.run(
        [sys.executable, "-m", "cli.main", "ingest",
         *(str(SAMPLES / name) for name in INGEST_ORDER)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert ingest.returncode == 0, ingest.stdout + ingest.stderr
    # The secretariat's member is linked to her Teams account, as the secretariat would do
    # (a display name alone never makes anyone an admin).
    link = subprocess.run(
        [sys.executable, "-m", "cli.main", "people", "link", "Jade Cavalli",
         "--aad-object-id", SECRETARY_AAD],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert link.returncode == 0, link.stdout + link.stderr

    try:
        namespace = netns.loopback_only()
        namespace.__enter__()
    except (netns.Unavailable, OSError) as error:
        require(False, f"cannot make a loopback-only network namespace (needs root): {error}")
    processes: list[subprocess.Popen] = []
    try:
        bot_port, wanted_port = _free_port(), _free_port()
        serve_log, pg_log = logs / "clerk-serve.log", logs / "playground.log"
        serve = _start(
            [sys.executable, "-m", "cli.main", "serve", "--host", "127.0.0.1", "--port",
             str(bot_port)],
            serve_log, env,
        )
        processes.append(serve)
        _wait_for(lambda: _get(f"http://127.0.0.1:{bot_port}/healthz", 2), "clerk serve",
                  serve, serve_log)
        port_file = work / "playground.port"
        playground = _start(
            ["bash", str(ROOT / "scripts" / "playground.sh"),
             "--endpoint", f"http://127.0.0.1:{bot_port}/api/messages",
             "--port", str(wanted_port), "--dir", str(work / "playground"),
             "--port-file", str(port_file)],
            pg_log, env,
        )
        processes.append(playground)
        port = _wait_for(lambda: port_file.exists() and port_file.read_text().strip(),
                         "the Agents Playground", playground, pg_log)
        url = f"http://127.0.0.1:{port}"
        config = json.loads(_get(f"{url}/_internal/v1/config"))["config"]
        yield Stack(url, f"http://127.0.0.1:{bot_port}/api/messages", config, logs)
    finally:
        for process in reversed(processes):
            _stop(process)
        node_log = work / "playground" / "playground.log"
        if node_log.exists():
            shutil.copy2(node_log, logs / "playground-node.log")
        namespace.__exit__(None, None, None)

"""Clerk's card in the Agents Playground's real UI: headless Debian Chromium driven by
playground/browser-test.mjs (playwright-core). Screenshots go to test-output/playground/."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from tests.e2e.conftest import OUTPUT, ROOT, require

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def test_mark_complete_in_the_playground_ui(stack):
    require(Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM} "
            "(scripts/setup.sh installs Debian's chromium as root)")
    require((ROOT / "node_modules" / "playwright-core").exists(),
            "playwright-core is not installed: run scripts/setup.sh")
    out = OUTPUT / "playground"
    shutil.rmtree(out, ignore_errors=True)
    run = subprocess.run(
        ["node", str(ROOT / "playground" / "browser-test.mjs")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PG_URL": stack.playground + "/", "OUT": str(out),
             "CHROMIUM": CHROMIUM},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    number = result["closed"]
    assert result["before"].startswith("Your open actions")
    assert f"{number}." in result["before"]
    assert f"Closed action {number}:" in result["after"]
    assert "{" not in result["before"] + result["after"]  # no raw JSON on the card
    for name in ("my-actions-before.png", "my-actions-after.png"):
        assert (out / name).stat().st_size > 1000


ANSWERS = [
    ("next-meeting", "where's the next meeting?"),
    ("last-minutes", "last minutes"),
    ("search", "did we ever talk about CCTV"),
    ("open-actions", "open actions"),
]


def test_answer_cards_in_the_playground_ui(stack):
    """The cards a board member reads most, as the Playground draws them (screenshots in
    test-output/playground/<name>.png)."""
    require(Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM}")
    require((ROOT / "node_modules" / "playwright-core").exists(),
            "playwright-core is not installed: run scripts/setup.sh")
    out = OUTPUT / "playground"
    out.mkdir(parents=True, exist_ok=True)
    cards = ANSWERS
    run = subprocess.run(
        ["node", str(ROOT / "playground" / "browser-cards.mjs")],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
        env={**os.environ, "PG_URL": stack.playground + "/", "OUT": str(out),
             "CHROMIUM": CHROMIUM, "MESSAGES": json.dumps(cards)},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    nxt = seen["next-meeting"]
    assert "3 April 2024" in nxt and "Committee Room 2" in nxt
    assert "VAWG strategy" in nxt  # agreed "for March", the meeting is on 3 April
    minutes = seen["last-minutes"]
    assert "Present" in minutes and "Source:" in minutes and "Actions raised" in minutes
    search = seen["search"]
    assert "Open these minutes" in search and "Meeting of" in search
    assert "{" not in "".join(seen.values())  # no raw JSON on a card
    for name, _ in cards:
        assert (out / f"{name}.png").stat().st_size > 1000

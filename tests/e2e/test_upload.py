"""A secretary loads minutes from Teams, through the Agents Playground: the file is attached
in a personal chat (the Playground's custom activity, as Teams sends it), Clerk downloads it
from a file server inside the test's network namespace, answers with the review card, and
Publish puts the new action on its owner's list. The card is also screenshotted in the
Playground's UI (test-output/playground/review-card.png)."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from tests.e2e.client import Playground, buttons, card_of, card_text
from tests.e2e.conftest import OUTPUT, ROOT, require

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# A meeting before the samples' last one, so "last minutes" stays what other tests expect.
MINUTES = """# Community Safety Partnership

Wednesday, 4 October 2023

**Present:** Stuart Bell (Chair), Chris Lyons, Katie Jones

## 1. Night-time economy

**ACTION: Chris Lyons to publish the night-time economy review.**
"""


@pytest.fixture
async def pg(stack):
    async with Playground(stack.playground, stack.config) as client:
        yield client


@pytest.fixture
async def files():
    """The download link Teams would give, served inside the test's network namespace."""
    app = web.Application()
    app.router.add_get("/minutes-oct.md", lambda request: web.Response(body=MINUTES.encode()))
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield str(server.make_url("/minutes-oct.md"))
    await server.close()


async def _screenshot_when_the_card_comes(stack, send) -> dict:
    """Open the Playground's UI, send the file once it is ready, screenshot the card."""
    require(Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM}")
    require((ROOT / "node_modules" / "playwright-core").exists(),
            "playwright-core is not installed: run scripts/setup.sh")
    out = OUTPUT / "playground"
    browser = await asyncio.create_subprocess_exec(
        "node", str(ROOT / "playground" / "review-card.mjs"), cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PG_URL": stack.playground + "/", "OUT": str(out),
             "CHROMIUM": CHROMIUM})
    try:
        ready = await asyncio.wait_for(browser.stdout.readline(), 60)
        assert ready.strip() == b"READY", ready + await browser.stderr.read()
        await send()
        stdout, stderr = await asyncio.wait_for(browser.communicate(), 90)
    finally:
        if browser.returncode is None:
            browser.kill()
            await browser.wait()
    assert browser.returncode == 0, stdout + stderr
    assert (out / "review-card.png").stat().st_size > 1000
    return json.loads(stdout.decode().strip().splitlines()[-1])


async def test_a_secretary_uploads_reviews_and_publishes_minutes(pg, stack, files):
    secretary, chris = pg.user("Jade Cavalli"), pg.user("Chris Lyons")
    shown = await _screenshot_when_the_card_comes(
        stack, lambda: pg.send_file(secretary, "minutes-oct.md", files))
    assert "Review the minutes: minutes-oct.md" in shown["text"]
    assert "{" not in shown["text"]  # no raw JSON on the card

    message = await pg.card_reply()
    while "Review the minutes" not in card_text(card_of(message)):  # the UI's welcome first
        message = await pg.card_reply()
    card = card_of(message)
    assert "Publish the night-time economy review" in card_text(card)
    # The secretary sets the meeting's date on the card (whether or not Clerk found one). The
    # Playground invokes Action.Execute only as its current user, so the secretary's presses
    # go as Teams' older Action.Submit: a message with the button's data and the inputs.
    (save_date,) = [b for b in buttons(card) if b.get("title") == "Save date"]
    await pg.submit(message, {**save_date["data"], "date": "2023-10-04"}, user=secretary)
    card = card_of(await pg.update())
    assert "Meeting: Wednesday 04 October 2023" in card_text(card)
    assert (await pg.reply())["text"].startswith("✓ Changed.")
    (publish,) = [b for b in buttons(card) if b.get("title") == "Publish"]
    await pg.submit(message, {**publish["data"], "notify": "false"}, user=secretary)
    assert "Minutes published" in card_text(card_of(await pg.update()))
    assert (await pg.reply())["text"].startswith("Minutes published. Meeting of Wednesday 04")

    await pg.send("my actions", user=chris)
    assert "Publish the night-time economy review" in card_text(card_of(await pg.card_reply()))


async def test_a_board_members_upload_is_refused(pg, files):
    katie = pg.user("Katie Jones")
    await pg.send_file(katie, "minutes-oct.md", files)
    reply = await pg.reply()
    assert reply["text"].startswith("Only the secretariat can load minutes")

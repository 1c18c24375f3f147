"""Reminders before the next meeting: each owner's open actions in their personal chat, the
secretariat's digest, sent once whatever the number of instances or restarts."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.adapter import make_adapter
from bot.app import create_app
from bot.chat import render
from bot.config import Settings
from bot.reminders import ReminderScheduler
from tests.bot.conftest import build_board

MEETS = "The board meets on Wednesday 20 March 2024"


@pytest.fixture
def due(make_app):
    """The board a week before its 20 March meeting: reminders are due."""
    return build_board(make_app(admins=["Jade Hodgson"], today=date(2024, 3, 14)))


async def talk_over_http(app, connector, *names):
    """Each person messages Clerk once in their personal chat (so Clerk can reach them)."""
    server = create_app(app, Settings(reminder_interval=0))
    async with TestClient(TestServer(server, host="127.0.0.1")) as http:
        for name in names:
            aad = "aad-" + name.split()[0].lower()
            await http.post("/api/messages", json={
                "type": "message", "id": f"m-{aad}", "text": "help", "channelId": "msteams",
                "serviceUrl": connector.url, "from": {"id": f"29:{aad}", "name": name,
                                                      "aadObjectId": aad},
                "recipient": {"id": "28:clerk"},
                "conversation": {"id": f"a:{aad}", "conversationType": "personal"},
            })
    connector.requests.clear()


@pytest.fixture
async def scheduler():
    """scheduler(app, **options) -> a ReminderScheduler; their HTTP pools closed afterwards."""
    adapters = []

    def make(app, **kw) -> ReminderScheduler:
        kw.setdefault("interval", 60)
        adapters.append(make_adapter(Settings()))
        return ReminderScheduler(app, adapters[-1], "", backoff=0.01, **kw)

    yield make
    for adapter in adapters:
        await adapter.bot_framework_authentication.close()


def sent_to(connector) -> dict[str, str]:
    return {path.split("/")[3]: render(body) for _, path, body in connector.requests}


async def test_each_owner_gets_their_actions_and_the_secretariat_a_digest(
    due, connector, scheduler
):
    await talk_over_http(due, connector, "Jade Hodgson", "Chris Lyons", "Sam Patel")
    report = await scheduler(due).run_once()
    assert sorted(report.sent) == ["digest:Jade Hodgson", "notices:Jade Hodgson",
                                   "owner:Chris Lyons", "owner:Jade Hodgson"]
    messages = sent_to(connector)
    assert set(messages) == {"a:aad-jade", "a:aad-chris"}
    chris = messages["a:aad-chris"]
    assert MEETS in chris and "Update the CCTV map" in chris and "[Mark complete]" in chris
    jade = [render(b) for _, p, b in connector.requests if p.split("/")[3] == "a:aad-jade"]
    assert any("Share the app with schools" in m for m in jade)
    digest = next(m for m in jade if "Before the board on" in m)
    assert "Open: 4" in digest and "Without a named owner: 1" in digest
    assert "Agree the CCTV report scope" in digest
    # The secretariat is told who was linked, and how (Chris and Sam by their display name).
    notices = next(m for m in jade if "For the secretariat" in m)
    assert 'Teams user "Chris Lyons" (id aad-chris) was linked to Chris Lyons by their Teams ' \
        "display name" in notices and "unlink Chris Lyons" in notices
    assert "Jade Hodgson was made an admin by CLERK_ADMINS" in notices

async def test_two_instances_and_a_restart_send_nothing_twice(due, connector, scheduler):
    await talk_over_http(due, connector, "Jade Hodgson", "Chris Lyons")
    first, second = scheduler(due), scheduler(due)
    reports = await asyncio.gather(first.run_once(), second.run_once())
    assert sum(len(r.sent) for r in reports) == 4  # two owners, a digest, the notices
    assert [] in [r.sent for r in reports]  # the other instance did not hold the lease
    restarted = scheduler(due, interval=0.001)  # its lease check passes once the old expires
    await asyncio.sleep(0.01)
    report = await restarted.run_once()
    assert report.sent == []
    assert len(connector.requests) == 4


async def test_throttled_sends_are_retried(due, connector, scheduler):
    await talk_over_http(due, connector, "Chris Lyons")
    connector.fail_with = [429, 429]
    report = await scheduler(due).run_once()
    assert report.sent == ["owner:Chris Lyons"] and connector.refused == 2
    assert len(connector.requests) == 1


async def test_a_failed_send_is_tried_again_next_run(due, connector, scheduler):
    await talk_over_http(due, connector, "Chris Lyons")
    connector.fail_with = [400]
    first = scheduler(due, interval=0.001)
    assert (await first.run_once()).failed == ["owner:Chris Lyons"]
    await asyncio.sleep(0.01)
    assert (await first.run_once()).sent == ["owner:Chris Lyons"]


async def test_nothing_is_sent_before_reminders_are_due(board, connector, scheduler):
    await talk_over_http(board, connector, "Jade Hodgson")
    report = await scheduler(board).run_once()
    assert report.sent == ["notices:Jade Hodgson"]  # what the secretariat should know
    assert [body["text"].splitlines()[0] for _, _, body in connector.requests] == [
        "For the secretariat:"]

"""Exports from chat: the secretariat gets a link served by the bot; others are refused."""

from __future__ import annotations

import io
import re

from aiohttp.test_utils import TestClient, TestServer
from openpyxl import load_workbook

from bot.app import create_app
from bot.config import Settings


def link(reply: str) -> str:
    return re.search(r"\((https?://[^)]+)\)", reply).group(1)


async def test_secretariat_exports_the_tracker_and_downloads_it(talk, board):
    jade = talk("Jade Hodgson")
    await jade.say("close action 1 - shared")
    reply = await jade.say("export actions")
    assert "Here is the action tracker" in reply
    url = link(reply)
    assert url.startswith("https://clerk.example/files/") and url.endswith(".xlsx")
    path = url.removeprefix("https://clerk.example")
    async with TestClient(TestServer(create_app(board, Settings(reminder_interval=0)),
                                     host="127.0.0.1")) as http:
        response = await http.get(path)
        assert response.status == 200
        sheet = load_workbook(io.BytesIO(await response.read())).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][:3] == ("Number", "Action", "Owners")
        first = next(r for r in rows if r[0] == 1)
        assert first[1] == "Share the app with schools" and first[6] == "completed"
        missing = await http.get("/files/not-a-token/x.xlsx")
        assert missing.status == 404


async def test_forward_plan_as_word(talk):
    jade = talk("Jade Hodgson")
    await jade.say("add CCTV update to the June forward plan")
    assert link(await jade.say("export the forward plan as docx")).endswith(".docx")


async def test_others_cannot_export(talk):
    reply = await talk("Sam Patel").say("export actions")
    assert "Only the secretariat can export" in reply

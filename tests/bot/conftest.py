"""Talking to the bot in tests: Teams-shaped conversations through botbuilder's TestAdapter,
with the bot's state in the test database."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from botbuilder.core import PrivateConversationState
from botbuilder.core.adapters import TestAdapter
from botbuilder.schema import Activity, ChannelAccount, ConversationAccount

from board.model import Actor
from bot.chat import render
from bot.handler import ClerkBot
from storage.bot_state import SqlStorage
from storage.outbox import Outbox
from tests.builders import add_action, add_meeting, add_people

BOT = ChannelAccount(id="28:clerk-bot", name="Clerk")
JADE_AAD = "aad-jade"


class Conversation:
    """One user in one Teams conversation. ``say`` returns what the user sees, as text."""

    def __init__(self, bot: ClerkBot, name: str, aad: str, conversation: str = "a:personal",
                 kind: str = "personal") -> None:
        self.adapter = TestAdapter(
            bot.on_turn,
            Activity(
                channel_id="msteams",
                service_url="https://smba.example/teams/",
                from_property=ChannelAccount(id=f"29:{aad}", name=name, aad_object_id=aad),
                recipient=BOT,
                conversation=ConversationAccount(
                    id=f"{conversation}:{aad}" if kind == "personal" else conversation,
                    conversation_type=kind,
                    is_group=kind != "personal",
                    tenant_id="tenant-1",
                ),
            ),
        )

    async def send(self, activity: Activity) -> list[Activity]:
        self.adapter.activity_buffer.clear()
        await self.adapter.receive_activity(activity)
        return list(self.adapter.activity_buffer)

    async def say(self, text: str) -> str:
        replies = await self.send(Activity(type="message", text=text))
        return "\n".join(render(a.serialize()) for a in replies)


def build_board(app):
    """A small board: Jade (secretariat, linked to Teams user "aad-jade" by the command line)
    and Chris own actions; Sam owns none."""
    ids = add_people(app, "Jade Hodgson", "Chris Lyons", "Chris Smith", "Sam Patel", "Dan James")
    app.clerk.seed_admins()
    app.clerk.link_identity(ids["Jade Hodgson"], JADE_AAD, Actor.command_line())
    meeting = add_meeting(app, date(2023, 12, 6), chair="Stuart Bell", venue="Room 2")
    add_meeting(app, date(2024, 3, 20), status="scheduled", time="10:00", venue="Room 2")
    add_action(app, "Share the app with schools", ["Jade Hodgson"], meeting_id=meeting)
    add_action(app, "Circulate the ASB report", ["Chris Lyons", "Jade Hodgson"], meeting_id=meeting)
    add_action(app, "Update the CCTV map", ["Chris Lyons"], meeting_id=meeting)
    add_action(app, "Agree the CCTV report scope", ["Board members"], meeting_id=meeting)
    return app


@pytest.fixture
def board(make_app):
    return build_board(make_app(admins=["Jade Hodgson"], today=date(2024, 1, 10)))


class FakeConnector:
    """Records what the bot sends to the Bot Connector service."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict]] = []
        self.fail_with: list[int] = []  # statuses to answer the next sends with (e.g. 429)
        self.refused = 0
        self.authorizations: list[str | None] = []  # the Authorization header of each request
        self.members: dict[str, dict] = {}  # the roster: Teams user id -> what Teams says
        self.app = web.Application()
        self.app.router.add_route("*", "/{tail:.*}", self.receive)

    async def receive(self, request: web.Request) -> web.Response:
        self.authorizations.append(request.headers.get("Authorization"))
        if request.method == "GET":  # Teams looks up the members the bot was added with
            member = request.path.rsplit("/", 1)[-1]
            return web.json_response(self.members.get(member, {"id": member, "name": "Someone"}))
        if self.fail_with:
            self.refused += 1
            return web.json_response({"error": "throttled"}, status=self.fail_with.pop(0),
                                     headers={"Retry-After": "0"})
        self.requests.append((request.method, request.path, await request.json()))
        return web.json_response({"id": f"reply-{len(self.requests)}"})


@contextlib.asynccontextmanager
async def serving(fake):
    """``fake.app`` served on 127.0.0.1 while the block runs; ``fake.url`` is its base URL."""
    server = TestServer(fake.app, host="127.0.0.1")
    await server.start_server()
    fake.url = str(server.make_url("/")).rstrip("/")
    try:
        yield fake
    finally:
        await server.close()


@pytest.fixture
async def connector():
    async with serving(FakeConnector()) as fake:
        yield fake


@pytest.fixture
def bot(board) -> ClerkBot:
    state = PrivateConversationState(SqlStorage(board.db))
    return ClerkBot(board.clerk, state, Outbox(board.db), "https://clerk.example")


@pytest.fixture
def talk(bot):
    """talk("Jade Hodgson") -> a personal Conversation as that Teams user."""

    def open_as(name: str, aad: str | None = None, **where) -> Conversation:
        linked = {p.name: p.aad_object_id for p in bot.clerk.people() if p.aad_object_id}
        aad = aad or linked.get(name) or "aad-" + name.lower().replace(" ", "-")
        return Conversation(bot, name, aad, **where)

    return open_as

"""bot/connector.py: the pooled outbound path sends what stock botbuilder sends (paths, JSON
bodies, Authorization), builds its clients once, and reuses one keep-alive connection."""

from __future__ import annotations

from copy import deepcopy

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
)
from botbuilder.schema import (
    Activity,
    Attachment,
    ChannelAccount,
    ConversationAccount,
    ConversationReference,
)
from botframework.connector.auth import MicrosoftAppCredentials

from bot.cards import card, line
from bot.config import Settings
from bot.connector import ConnectorError, FastAuthentication, FastConnectorClient
from bot.handler import to_activity
from bot.replies import Reply


class Recorder:
    """A fake Bot Connector that keeps each request as Teams would receive it."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.peers: set = set()
        self.fail_with: list[int] = []
        self.app = web.Application()
        self.app.router.add_route("*", "/{tail:.*}", self.receive)

    async def receive(self, request: web.Request) -> web.Response:
        self.peers.add(request.transport.get_extra_info("peername"))
        if self.fail_with:
            return web.json_response({"error": "throttled"}, status=self.fail_with.pop(0),
                                     headers={"Retry-After": "3"})
        body = await request.json() if request.can_read_body else None
        self.requests.append({
            "method": request.method,
            "path": request.raw_path,
            "body": body,
            "authorization": request.headers.get("Authorization"),
            "content_type": request.headers.get("Content-Type"),
        })
        return web.json_response({"id": f"sent-{len(self.requests)}"})


@pytest.fixture
async def recorder():
    fake = Recorder()
    server = TestServer(fake.app, host="127.0.0.1")
    await server.start_server()
    fake.url = str(server.make_url("/"))  # with the trailing slash Teams' serviceUrls have
    yield fake
    await server.close()


@pytest.fixture
def token(monkeypatch):
    monkeypatch.setattr(MicrosoftAppCredentials, "get_access_token",
                        lambda self, force_refresh=False: "token-for-" + self.microsoft_app_id)


def settings(app_id: str) -> Settings:
    return Settings(APP_ID=app_id, APP_PASSWORD="secret" if app_id else "")


CARD = {  # nested, with the value types real cards carry
    "type": "AdaptiveCard", "version": "1.5", "fallbackText": "Your open actions (1)",
    "body": [{"type": "Container", "items": [
        {"type": "TextBlock", "text": "**4.** Share the app with schools – by 31 March",
         "wrap": True, "isSubtle": False, "size": None},
        {"type": "ActionSet", "actions": [{"type": "Action.Execute", "title": "Mark complete",
                                           "verb": "close", "data": {"action": 4, "n": 1.5}}]},
    ]}],
}


def reply(service_url: str, text: str) -> Activity:
    return Activity(
        type="message",
        text=text,
        service_url=service_url,
        channel_id="msteams",
        from_property=ChannelAccount(id="28:bot", name="Clerk"),
        recipient=ChannelAccount(id="29:user", name="Jade Hodgson", aad_object_id="aad-1"),
        conversation=ConversationAccount(id="a:1personal/chat:probe", tenant_id="t-1"),
        attachments=[Attachment(content_type="application/vnd.microsoft.card.adaptive",
                                content=CARD)],
        reply_to_id="1712345678901",
    )


async def send_all(auth, service_url: str, app_id: str) -> None:
    adapter = CloudAdapter(auth)
    factory = auth.create_connector_factory(adapter.create_claims_identity(app_id))
    client = await factory.create(service_url, None)
    activity = reply(service_url, "hello")
    await client.conversations.reply_to_activity(
        activity.conversation.id, activity.reply_to_id, activity
    )
    await client.conversations.send_to_conversation(activity.conversation.id, activity)
    activity.id = "sent-1"
    await client.conversations.update_activity(activity.conversation.id, activity.id, activity)
    await client.conversations.delete_activity(activity.conversation.id, activity.id)


@pytest.mark.parametrize("app_id", ["", "9f1c2a3b-app"])
async def test_the_connector_receives_what_stock_botbuilder_sends(recorder, token, app_id):
    stock = ConfigurationBotFrameworkAuthentication(settings(app_id))
    await send_all(stock, recorder.url, app_id)
    expected, recorder.requests = recorder.requests, []

    fast = FastAuthentication(ConfigurationBotFrameworkAuthentication(settings(app_id)))
    try:
        await send_all(fast, recorder.url, app_id)
    finally:
        await fast.close()

    assert [r["method"] for r in recorder.requests] == ["POST", "POST", "PUT", "DELETE"]
    assert recorder.requests == expected
    assert expected[0]["path"] == (
        "/v3/conversations/a%3A1personal%2Fchat%3Aprobe/activities/1712345678901"
    )
    auth = expected[0]["authorization"]
    assert auth == (f"Bearer token-for-{app_id}" if app_id else None)


async def test_clients_are_built_once_and_replies_share_one_connection(recorder):
    fast = FastAuthentication(ConfigurationBotFrameworkAuthentication(settings("")))
    try:
        claims = CloudAdapter(fast).create_claims_identity("")
        factory = fast.create_connector_factory(claims)
        assert fast.create_connector_factory(claims) is factory
        client = await factory.create(recorder.url, None)
        assert isinstance(client, FastConnectorClient)
        assert await factory.create(recorder.url, None) is client
        assert await fast.create_user_token_client(claims) is await fast.create_user_token_client(
            claims
        )
        for n in range(20):
            activity = reply(recorder.url, f"reply {n}")
            await client.conversations.send_to_conversation(activity.conversation.id, activity)
    finally:
        await fast.close()
    assert len(recorder.requests) == 20
    assert len(recorder.peers) == 1


async def test_a_turn_replies_through_the_pool(recorder):
    """The adapter's own pipeline: authenticate, turn, send; errors keep their status."""
    fast = FastAuthentication(ConfigurationBotFrameworkAuthentication(settings("")))
    adapter = CloudAdapter(fast)
    incoming = reply(recorder.url, "my actions")
    incoming.id, incoming.reply_to_id = "in-1", None
    incoming.from_property, incoming.recipient = incoming.recipient, incoming.from_property

    async def logic(context: TurnContext) -> None:
        await context.send_activity("one")
        await context.send_activity("two")

    try:
        for _ in range(3):
            assert await adapter.process_activity("", incoming, logic) is None
        recorder.fail_with = [429]
        reference = TurnContext.get_conversation_reference(incoming)
        with pytest.raises(ConnectorError) as failed:

            async def proactive(context: TurnContext) -> None:
                await context.send_activity("later")

            await adapter.continue_conversation(
                ConversationReference().deserialize(reference.serialize()), proactive, ""
            )
    finally:
        await fast.close()
    assert [r["body"]["text"] for r in recorder.requests] == ["one", "two"] * 3
    assert {r["path"] for r in recorder.requests} == {
        "/v3/conversations/a%3A1personal%2Fchat%3Aprobe/activities/in-1"
    }
    assert failed.value.status == 429 and failed.value.retry_after == "3"
    assert len(recorder.peers) == 1


def test_a_sent_card_is_not_copied_value_by_value():
    """botbuilder deep-copies each activity it sends; a finished card is shared instead, and
    still serialises as the same card (expectReplies goes through msrest)."""
    built = card([line(f"row {n}") for n in range(20)])
    activity = to_activity(Reply("twenty rows", built))
    copied = deepcopy(activity)
    assert copied is not activity and copied.attachments[0] is activity.attachments[0]
    assert copied.serialize()["attachments"][0]["content"] == built

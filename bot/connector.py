"""The fast outbound path to the Bot Connector: what botbuilder does per turn, done once.

Stock botbuilder 4.17.1 (CloudAdapter) builds, for every turn, a connector factory, fresh
credentials, an msrest ``ConnectorClient`` (its pipeline and retry policies) and a user token
client (another msrest client), and sends each reply through msrest on a new TCP connection.
That, not the bot, is most of a bare bot's CPU. ``FastAuthentication`` wraps botbuilder's
``BotFrameworkAuthentication`` and keeps botbuilder's programming model (CloudAdapter,
TurnContext, handlers, dialogs): inbound authentication is still botbuilder's own, but

- connector factories, credentials and user token clients are built once per app id and reused;
- the connector client per (service URL, audience) is built once; its ``conversations``
  sends, replies, updates and deletes over one pooled keep-alive ``aiohttp.ClientSession``;
  every other operation (members, Teams calls) falls through to botbuilder's msrest client,
  built once, unchanged.

What the connector receives is unchanged: the same URL paths (msrest's own URL formatting and
quoting), the same JSON body (msrest's serializer of ``Activity``), the same ``Authorization:
Bearer`` header from the same credentials (none when no app id is set), the same User-Agent.
The token itself is fetched off the event loop, bounded (``bot.app_token``); a turn that could
not send its reply for want of one is refused before it runs, so it changes nothing.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import aiohttp
import requests
from botbuilder.schema import Activity, DeliveryModes, ResourceResponse
from botframework.connector import models as connector_models
from botframework.connector.aio import ConnectorClient
from botframework.connector.aio.operations_async import ConversationsOperations
from botframework.connector.auth import BotFrameworkAuthentication, ClaimsIdentity
from botframework.connector.auth.authenticate_request_result import AuthenticateRequestResult
from botframework.connector.auth.connector_factory import ConnectorFactory
from botframework.connector.auth.user_token_client import UserTokenClient
from msrest import Serializer
from yarl import URL

from bot.app_token import AppToken
from bot.auth import DelegatingAuthentication

log = logging.getLogger(__name__)

_MODELS = {k: v for k, v in connector_models.__dict__.items() if isinstance(v, type)}
_SERIALIZER = Serializer(_MODELS)
_OK = (200, 201, 202)


class ConnectorError(Exception):
    """The connector answered with an error status (``status``: e.g. 429 when throttled)."""

    def __init__(self, status: int, body: str, retry_after: str | None = None) -> None:
        super().__init__(f"Bot Connector answered {status}: {body[:200]}")
        self.status = status
        self.body = body
        self.retry_after = retry_after


class HttpPool:
    """One keep-alive ``aiohttp.ClientSession`` for all outbound calls of this process, made
    on first use inside the running event loop (and again if that loop has changed)."""

    def __init__(self, *, limit: int = 100, timeout: float = 30.0) -> None:
        self.limit = limit
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def session(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.limit, keepalive_timeout=60),
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                skip_auto_headers=("User-Agent", "Content-Type"),
            )
            self._loop = loop
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None


class FastConversations:
    """``ConnectorClient.conversations`` with the four per-reply calls over the pool; any other
    operation is the msrest client's own."""

    def __init__(self, client: FastConnectorClient) -> None:
        self._client = client
        self._msrest: ConversationsOperations = client.msrest.conversations

    def __getattr__(self, name: str) -> Any:
        return getattr(self._msrest, name)

    def _url(self, operation, **path: str) -> str:
        quoted = {key: _SERIALIZER.url(key, value, "str") for key, value in path.items()}
        return self._msrest._client.format_url(operation.metadata["url"], **quoted)

    async def send_to_conversation(self, conversation_id: str, activity: Activity, **_):
        url = self._url(ConversationsOperations.send_to_conversation,
                        conversationId=conversation_id)
        return await self._client.call("POST", url, activity)

    async def reply_to_activity(
        self, conversation_id: str, activity_id: str, activity: Activity, **_
    ):
        url = self._url(ConversationsOperations.reply_to_activity,
                        conversationId=conversation_id, activityId=activity_id)
        return await self._client.call("POST", url, activity)

    async def update_activity(
        self, conversation_id: str, activity_id: str, activity: Activity, **_
    ):
        url = self._url(ConversationsOperations.update_activity,
                        conversationId=conversation_id, activityId=activity_id)
        return await self._client.call("PUT", url, activity)

    async def delete_activity(self, conversation_id: str, activity_id: str, **_) -> None:
        url = self._url(ConversationsOperations.delete_activity,
                        conversationId=conversation_id, activityId=activity_id)
        await self._client.call("DELETE", url, None)


class FastConnectorClient:
    """Stands in for botbuilder's ``ConnectorClient`` for one service URL and audience."""

    def __init__(self, msrest: ConnectorClient, pool: HttpPool) -> None:
        self.msrest = msrest  # built once; used for everything but the per-reply calls
        self.pool = pool
        self.config = msrest.config
        self.credentials = msrest.config.credentials
        self.user_agent = msrest.config.user_agent
        self._signer = requests.Session()  # what msrest hands the credentials to sign
        self.conversations = FastConversations(self)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.msrest, name)

    async def authorization(self) -> str | None:
        """The ``Authorization`` header: the app's token (bounded: ``bot.app_token``; raises
        ``TokenUnavailable``), or none without an app id."""
        if isinstance(self.credentials, AppToken):
            return await self.credentials.authorization()
        if self.credentials is None:
            return None
        self.credentials.signed_session(self._signer)  # anonymous credentials add no header
        return self._signer.headers.get("Authorization")

    async def headers(self, body: bool) -> dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": self.user_agent}
        if body:
            headers["Content-Type"] = "application/json; charset=utf-8"
        auth = await self.authorization()
        if auth:
            headers["Authorization"] = auth
        return headers

    async def call(self, method: str, url: str, activity: Activity | None):
        data = None if activity is None else activity_json(activity)
        async with self.pool.session().request(
            method, URL(url, encoded=True), data=data, headers=await self.headers(data is not None)
        ) as response:
            text = await response.text()
            if response.status not in _OK:
                raise ConnectorError(response.status, text, response.headers.get("Retry-After"))
        if method == "DELETE":
            return None
        try:
            found = json.loads(text) if text else {}
        except ValueError:
            found = {}
        return ResourceResponse(id=found.get("id")) if isinstance(found, dict) else None


def activity_json(activity: Activity) -> str:
    """The JSON msrest would send for an activity, as ``body()`` gives it, without body()'s
    deserialise-to-validate round trip (the activity is already a model) and without walking
    Adaptive Cards value by value: a card that is already a JSON dict (all of Clerk's) goes
    into the body as it is, which is what msrest's "object" serialisation gives for one, at
    a fortieth of the cost (about 1.7 ms for a 20-row card)."""
    attachments = activity.attachments or []
    cards = [a.content if isinstance(a.content, dict) else None for a in attachments]
    if not any(card is not None for card in cards):
        return json.dumps(_SERIALIZER._serialize(activity))
    try:
        for attachment, card in zip(attachments, cards, strict=True):
            if card is not None:
                attachment.content = None
        data = _SERIALIZER._serialize(activity)
    finally:
        for attachment, card in zip(attachments, cards, strict=True):
            if card is not None:
                attachment.content = card
    for serialised, card in zip(data["attachments"], cards, strict=True):
        if card is not None:
            serialised["content"] = card
    try:
        return json.dumps(data)
    except TypeError:  # something in a card that only msrest knows how to write
        return json.dumps(_SERIALIZER._serialize(activity))


class FastConnectorFactory(ConnectorFactory):
    """Connector clients per (service URL, audience), each built once from botbuilder's own
    factory (so credentials and configuration are exactly botbuilder's)."""

    def __init__(self, inner: ConnectorFactory, pool: HttpPool) -> None:
        self.inner = inner
        self.pool = pool
        self._clients: dict[tuple[str, str | None], FastConnectorClient] = {}
        self._lock = asyncio.Lock()

    async def create(self, service_url: str, audience: str = None) -> FastConnectorClient:
        key = (service_url, audience)
        found = self._clients.get(key)
        if found is None:
            async with self._lock:
                found = self._clients.get(key)
                if found is None:
                    msrest = await self.inner.create(service_url, audience)
                    found = self._clients[key] = FastConnectorClient(msrest, self.pool)
        return found


class FastAuthentication(DelegatingAuthentication):
    """botbuilder's authentication with the outbound objects cached (see the module doc)."""

    def __init__(self, inner: BotFrameworkAuthentication, pool: HttpPool | None = None) -> None:
        super().__init__(inner)
        self.pool = pool or HttpPool()
        self._factories: dict[str | None, FastConnectorFactory] = {}
        self._token_clients: dict[str | None, UserTokenClient] = {}

    @staticmethod
    def _app_id(claims: ClaimsIdentity) -> str | None:
        from botframework.connector.auth import AuthenticationConstants as C

        return claims.get_claim_value(C.AUDIENCE_CLAIM) or claims.get_claim_value(C.APP_ID_CLAIM)

    def _factory(self, claims: ClaimsIdentity, made: ConnectorFactory | None = None):
        key = self._app_id(claims)
        found = self._factories.get(key)
        if found is None:
            inner = made or self.inner.create_connector_factory(claims)
            found = self._factories[key] = FastConnectorFactory(inner, self.pool)
        return found

    async def authenticate_request(
        self, activity: Activity, auth_header: str
    ) -> AuthenticateRequestResult:
        result = await self.inner.authenticate_request(activity, auth_header)
        result.connector_factory = self._factory(result.claims_identity, result.connector_factory)
        if activity.delivery_mode != DeliveryModes.expect_replies:
            # Its replies will need the app's token: without one (TokenUnavailable) the turn is
            # refused before it changes anything, rather than acting and staying silent.
            client = await result.connector_factory.create(activity.service_url, result.audience)
            await client.authorization()
        return result

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        return self._factory(claims_identity)

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        key = self._app_id(claims_identity)
        found = self._token_clients.get(key)
        if found is None:
            found = await self.inner.create_user_token_client(claims_identity)
            self._token_clients[key] = found
        return found

    async def close(self) -> None:
        await self.pool.close()

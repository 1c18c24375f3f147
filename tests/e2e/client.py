"""Talking to Clerk as Teams users, through the Agents Playground's own HTTP + WebSocket API.

What a user types goes in through the Playground's conversation API (which builds the activity
Teams would send, mentions included); what the user sees comes back on the Playground's
WebSocket stream, the feed its UI renders. No browser.
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import aiohttp

ADAPTIVE = "application/vnd.microsoft.card.adaptive"


@dataclass(frozen=True)
class User:
    id: str
    name: str
    aad_object_id: str


class Playground:
    """One WebSocket subscription to everything shown in every conversation."""

    def __init__(self, url: str, config: dict) -> None:
        self.url = url
        self.config = config
        self.bot_id: str = config["bot"]["id"]
        self.bot_name: str = config["bot"]["name"]
        self.personal: str = config["personalChat"]["id"]
        self.group: str = config["groupChats"][0]["id"]
        self.team: dict = config["teams"][0]
        self.events: list[dict] = []  # every frame, for failure messages
        self.log_entries: list[dict] = []  # the Playground's log panel
        self._bot_messages: dict[str, asyncio.Queue] = defaultdict(asyncio.Queue)
        self._updates: dict[str, asyncio.Queue] = defaultdict(asyncio.Queue)
        self._turns = 0  # activities the bot has answered (HTTP response received)
        self._turn_done = asyncio.Condition()

    def user(self, name: str) -> User:
        people = [self.config["currentUser"], *self.config["users"]]
        found = next(p for p in people if p["name"] == name)
        return User(found["id"], found["name"], found["aadObjectId"])

    @property
    def me(self) -> User:
        return self.user(self.config["currentUser"]["name"])

    async def __aenter__(self) -> Playground:
        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        ws_url = self.url.replace("http", "ws", 1) + "/_ws_conversation/v1/conversations/stream"
        self.ws = await self.session.ws_connect(ws_url)
        # The log panel's feed: an entry with the bot's HTTP response means its turn is over
        # (replies sent, state saved), so the next message cannot overtake it.
        self.log = await self.session.ws_connect(self.url.replace("http", "ws", 1)
                                                 + "/_ws/log/stream")
        self._reader = asyncio.create_task(self._read())
        self._log_reader = asyncio.create_task(self._read_log())
        return self

    async def __aexit__(self, *exc) -> None:
        self._reader.cancel()
        self._log_reader.cancel()
        await self.ws.close()
        await self.log.close()
        await self.session.close()

    async def _read(self) -> None:
        async for frame in self.ws:
            if frame.type != aiohttp.WSMsgType.TEXT:
                continue
            event = json.loads(frame.data)
            self.events.append(event)
            message = event.get("message") or {}
            conversation = event.get("actionConversationId", "")
            if (message.get("from") or {}).get("id") != self.bot_id:
                continue
            if event.get("action") == "createMessage":
                await self._bot_messages[conversation].put(message)
            elif event.get("action") == "updateMessage":
                await self._updates[conversation].put(message)

    async def _read_log(self) -> None:
        async for frame in self.log:
            if frame.type != aiohttp.WSMsgType.TEXT:
                continue
            entry = json.loads(frame.data).get("log") or {}
            self.log_entries.append(entry)
            if entry.get("to") == "User Application" and "response" in entry:
                async with self._turn_done:
                    self._turns += 1
                    self._turn_done.notify_all()

    async def _turns_over(self, before: int, count: int = 1, timeout: float = 20) -> None:
        async with self._turn_done:
            await asyncio.wait_for(
                self._turn_done.wait_for(lambda: self._turns >= before + count), timeout
            )

    # what a user does ----------------------------------------------------------------------
    async def post(self, path: str, body: dict | None = None) -> Any:
        async with self.session.post(self.url + path, json=body) as response:
            text = await response.text()
            assert response.status == 200, (path, response.status, text)
            return json.loads(text) if text else None

    async def send(self, text: str, *, conversation: str | None = None, user: User | None = None,
                   mention: bool = False, delivered: bool = True) -> str:
        """Type a message and wait until the bot has answered it (unless not ``delivered``:
        the Playground, like Teams, drops group messages without an @mention). With
        ``mention`` it starts with an @mention of the bot. Returns the message id.

        The Playground's UI and message API always speak as its current user; another mock
        user speaks through its custom-activity API (what its "mock an activity" panel
        sends), with the activity Teams would send for that user."""
        if user is not None and user != self.me:
            return await self._send_as(user, text, conversation or self.personal, mention)
        body: dict[str, Any] = {"from": {"id": (user or self.me).id}, "textFormat": "plain"}
        if mention:
            at = f"<at>{self.bot_name}</at>"
            body["text"] = f"{at} {text}"
            body["mentions"] = [{"mentioned": {"id": self.bot_id}, "text": at}]
        else:
            body["text"] = text
        before = self._turns
        result = await self.post(
            f"/_conversation/v1/conversations/{conversation or self.personal}/messages", body
        )
        if delivered:
            await self._turns_over(before)
        return result["messageId"]

    async def send_file(self, user: User, name: str, url: str,
                        conversation: str | None = None) -> str:
        """Attach a file, as Teams sends one in a personal chat: a file download info
        attachment whose downloadUrl is where the bot fetches it."""
        attachment = {"contentType": "application/vnd.microsoft.teams.file.download.info",
                      "name": name, "content": {"downloadUrl": url, "uniqueId": name,
                                                "fileType": name.rsplit(".", 1)[-1]}}
        return await self._send_as(user, "", conversation or self.personal, False,
                                   attachments=[attachment])

    async def _send_as(self, user: User, text: str, conversation: str, mention: bool,
                       value: dict | None = None, reply_to: str | None = None,
                       attachments: list[dict] | None = None) -> str:
        async with self.session.get(self.url + "/_internal/v1/customActivities/template",
                                    params={"conversationId": conversation}) as response:
            assert response.status == 200, await response.text()
            activity = await response.json()
        activity.update(
            type="message",
            textFormat="plain",
            locale="en-US",
            **{"from": {"id": user.id, "name": user.name, "aadObjectId": user.aad_object_id}},
        )
        activity["channelData"] = {"tenant": {"id": self.config["tenantId"]}}
        channel = conversation.split(";")[0]
        if any(c["id"] == channel for c in self.team["channels"]):
            team = self.team["id"]
            activity["channelData"].update(teamsChannelId=channel, teamsTeamId=team,
                                           team={"id": team}, channel={"id": channel})
        activity["entities"] = []
        if value is not None:
            activity["value"] = value
            activity["replyToId"] = reply_to
            activity["channelData"]["source"] = {"name": "message"}
        elif mention:
            at = f"<at>{self.bot_name}</at>"
            activity["text"] = f"{at} {text}"
            activity["entities"].append({"type": "mention", "text": at,
                                         "mentioned": {"id": self.bot_id,
                                                       "name": self.bot_name}})
        else:
            activity["text"] = text
        if attachments:
            activity["attachments"] = attachments
        before = self._turns
        await self.post("/_internal/v1/customActivities", activity)
        await self._turns_over(before)
        return activity["id"]

    async def install(self, conversation: str | None = None) -> None:
        """What Teams does when the app is added: installationUpdate + conversationUpdate."""
        before = self._turns
        await self.post(f"/_debug/conversation/{conversation or self.personal}/installation")
        await self._turns_over(before, 2)

    async def execute(self, message: dict, action: dict, *, conversation: str | None = None,
                      user: User | None = None) -> dict:
        """Press an Action.Execute button: the ``adaptiveCard/action`` invoke. Returns the
        bot's invoke response (for Clerk, the refreshed card)."""
        before = self._turns
        response = await self.post(
            "/_conversation/v1/invoke",
            {
                "name": "adaptiveCard/action",
                "value": {"action": action},
                "from": {"id": (user or self.me).id},
                "conversation": {"id": conversation or self.personal},
                "replyToId": message["messageId"],
            },
        )
        await self._turns_over(before)
        return response

    async def submit(self, message: dict, data: dict, *, conversation: str | None = None,
                     user: User | None = None) -> None:
        """Press an Action.Submit-style button: a message with ``value`` and no text."""
        if user is not None and user != self.me:
            await self._send_as(user, "", conversation or self.personal, False, data,
                                message["messageId"])
            return
        before = self._turns
        await self.post(
            "/_conversation/v1/submit",
            {
                "conversation": {"id": conversation or self.personal},
                "from": {"id": (user or self.me).id},
                "replyToId": message["messageId"],
                "value": data,
            },
        )
        await self._turns_over(before)

    # what a user sees ----------------------------------------------------------------------
    async def reply(self, conversation: str | None = None, timeout: float = 15) -> dict:
        """The next message the bot shows in the conversation."""
        queue = self._bot_messages[conversation or self.personal]
        try:
            return await asyncio.wait_for(queue.get(), timeout)
        except TimeoutError:
            raise AssertionError(
                f"no reply from the bot in {conversation or self.personal} within {timeout} s; "
                f"last events: {json.dumps(self.events[-5:])[:3000]}"
            ) from None

    async def card_reply(self, conversation: str | None = None, timeout: float = 15) -> dict:
        """The next bot message that carries an Adaptive Card (skipping text notes such as
        "I'll know you as ..."); fails if a non-card reply does not come before it."""
        skipped = []
        while True:
            message = await self.reply(conversation, timeout)
            if card_of(message) is not None:
                return message
            skipped.append(message.get("text"))
            assert len(skipped) < 3, f"expected a card, got only text: {skipped}"

    async def quiet(self, conversation: str | None = None, seconds: float = 0.5) -> list[dict]:
        """Whatever else the bot shows in the conversation within ``seconds``."""
        queue = self._bot_messages[conversation or self.personal]
        await asyncio.sleep(seconds)
        extra = []
        while not queue.empty():
            extra.append(queue.get_nowait())
        return extra

    async def update(self, conversation: str | None = None, timeout: float = 15) -> dict:
        queue = self._updates[conversation or self.personal]
        return await asyncio.wait_for(queue.get(), timeout)


# reading cards ---------------------------------------------------------------------------------
def card_of(message: dict) -> dict | None:
    for attachment in message.get("attachments") or []:
        if attachment.get("contentType") == ADAPTIVE:
            content = attachment.get("content")
            return json.loads(content) if isinstance(content, str) else content
    return None


def _walk(node: Any):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def card_text(card: dict) -> str:
    """All the text a card shows, one line per block or fact."""
    lines = []
    for node in _walk(card.get("body", [])):
        if node.get("type") == "TextBlock":
            lines.append(node["text"])
        elif node.get("type") == "FactSet":
            lines.extend(f"{fact['title']}: {fact['value']}" for fact in node["facts"])
    return "\n".join(lines)


def buttons(card: dict) -> list[dict]:
    """Every button on the card, in order: those in the body's ActionSets, then the card's,
    then those inside the cards that Action.ShowCard buttons open."""
    found = []
    for node in _walk(card.get("body", [])):
        if node.get("type") == "ActionSet":
            found.extend(node["actions"])
    found += list(card.get("actions") or [])
    shown = [b for b in found if b.get("type") == "Action.ShowCard"]  # "Fix", "Add ..."
    return found + [inner for b in shown for inner in buttons(b["card"])]

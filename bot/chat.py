"""``clerk chat``: talk to the bot in a terminal. Each line goes through the same adapter
pipeline, handler and database-backed state as a Teams message (``deliveryMode:
expectReplies``, so the replies come back in the response); cards are shown as text."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TextIO

from botbuilder.schema import Activity, ChannelAccount, ConversationAccount

from board.model import Actor
from bot.app import build_bot
from bot.config import Settings
from bot.markdown import plain
from storage.wiring import App

BOT = ChannelAccount(id="28:clerk", name="Clerk")


class ChatSession:
    """One person's personal chat with the bot, in process."""

    def __init__(self, clerk_app: App, as_name: str) -> None:
        clerk = clerk_app.clerk
        person = clerk.resolve_person(as_name)
        # Their Teams identity if linked; else a local one, linked by whoever runs this
        # command (they hold the database: the secretariat), and audited as such.
        aad = person.aad_object_id or f"clerk-chat-{person.id}"
        if person.aad_object_id is None:
            clerk.link_identity(person.id, aad, Actor(None, "clerk chat", "cli"))
        self.user = ChannelAccount(id=f"29:{aad}", name=person.name, aad_object_id=aad)
        self.conversation = ConversationAccount(
            id=f"a:clerk-chat-{aad}", conversation_type="personal", tenant_id="local"
        )
        self.adapter, self.bot = build_bot(clerk_app, Settings())

    async def send(self, text: str) -> list[dict]:
        activity = Activity(
            type="message",
            id=uuid.uuid4().hex,
            text=text,
            channel_id="msteams",
            service_url="http://127.0.0.1/clerk-chat",
            from_property=self.user,
            recipient=BOT,
            conversation=self.conversation,
            delivery_mode="expectReplies",
        )
        response = await self.adapter.process_activity("", activity, self.bot.on_turn)
        return list((response.body or {}).get("activities", [])) if response else []


def render(activity: dict) -> str:
    """A reply as a terminal user should read it: text, cards as text, buttons listed, and
    markdown escapes shown as the characters they stand for."""
    parts = [plain(activity["text"])] if activity.get("text") else []
    for attachment in activity.get("attachments") or []:
        content = attachment.get("content") or {}
        if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive":
            parts.append(card_text(content))
        else:  # hero cards: the text and the buttons
            lines = [content.get("text") or ""]
            lines += [f"[{b.get('title')}]" for b in content.get("buttons") or []]
            parts.append("\n".join(filter(None, lines)))
    return "\n".join(parts)


def card_text(card: dict) -> str:
    lines: list[str] = []
    _elements(card.get("body") or [], lines)
    _buttons(card.get("actions") or [], lines)
    return "\n".join(lines)


def _elements(elements: Iterable[dict], lines: list[str]) -> None:
    for element in elements:
        kind = element.get("type")
        if kind == "TextBlock":
            lines.append(plain(element.get("text", "").replace("**", "")))
        elif kind == "FactSet":
            lines.extend(f"  {f['title']}: {plain(f['value'])}" for f in element.get("facts", []))
        elif kind == "Container":
            _elements(element.get("items") or [], lines)
        elif kind == "ColumnSet":
            for column in element.get("columns") or []:
                _elements(column.get("items") or [], lines)
        elif kind == "ActionSet":
            _buttons(element.get("actions") or [], lines)


def _buttons(actions: Iterable[dict], lines: list[str]) -> None:
    for action in actions:
        inner = (action.get("card") or {}).get("actions") or [{}]  # a confirmation's button
        data = action.get("data") or inner[0].get("data") or {}
        hint = f" (or type: close action {data['action']})" if "action" in data else ""
        lines.append(f"    [{action.get('title')}]{hint}")


async def run(clerk_app: App, as_name: str, lines: Iterable[str], out: TextIO, echo: bool) -> None:
    session = ChatSession(clerk_app, as_name)
    for line in lines:
        message = line.rstrip("\n")
        if not message.strip():
            continue
        if echo:
            print(f"> {message}", file=out)
        for activity in await session.send(message):
            print(render(activity), file=out)
        print(file=out, flush=True)

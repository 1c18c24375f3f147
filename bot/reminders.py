"""Reminders before the next meeting, sent by a scheduler inside ``clerk serve``.

Every ``interval`` seconds each bot process tries to take the "reminders" lease in the
database; only its holder sends. When reminders are due (``days_before`` the meeting), each
owner with a personal chat with Clerk gets their open actions as a card with "Mark complete"
buttons, and each admin gets the secretariat's digest. Every message is claimed in the
database before it is sent, so neither a second instance nor a restart sends it twice; a send
that fails gives its claim back. Teams throttling (HTTP 429) is retried with back-off.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial

from botbuilder.core import BotAdapter, TurnContext
from botbuilder.schema import ConversationReference

from board.reminders import DEFAULT_DAYS_BEFORE
from bot import cards, replies
from bot.app_token import TokenUnavailable
from bot.commands import Commands
from bot.handler import to_activity
from bot.log_safe import clip
from bot.replies import Reply
from storage.outbox import Outbox
from storage.wiring import App

log = logging.getLogger(__name__)
LEASE = "reminders"


@dataclass
class Report:
    sent: list[str] = field(default_factory=list)  # "owner:Jade Hodgson", "digest:Stuart Bell"
    skipped: list[str] = field(default_factory=list)  # already sent, or no chat with Clerk
    failed: list[str] = field(default_factory=list)


def _status(error: Exception) -> int | None:
    response = getattr(error, "response", None)
    return getattr(response, "status_code", None) or getattr(error, "status", None)


class ReminderScheduler:
    def __init__(
        self,
        clerk_app: App,
        adapter: BotAdapter,
        bot_app_id: str,
        *,
        days_before: int = DEFAULT_DAYS_BEFORE,
        interval: float = 300,
        backoff: float = 1.0,
        attempts: int = 5,
    ) -> None:
        self.app = clerk_app
        self.commands = Commands(clerk_app.clerk)
        self.adapter = adapter
        self.bot_app_id = bot_app_id
        self.outbox = Outbox(clerk_app.db)
        self.days_before, self.interval = days_before, interval
        self.backoff, self.attempts = backoff, attempts
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    async def run_forever(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:  # noqa: BLE001  (a bad run is logged; the next one tries again)
                log.exception("reminder run failed")
            await asyncio.sleep(self.interval)

    async def run_once(self) -> Report:
        report = Report()
        if not await asyncio.to_thread(self.outbox.lease, LEASE, self.holder, self.interval * 2):
            return report
        await self._send_notices(report)
        clerk = self.app.clerk
        plan = await asyncio.to_thread(clerk.reminders, self.days_before)
        if plan is None or not plan.due(clerk.today()):
            return report
        with clerk.uow() as repo:
            board_id = repo.board_id(clerk.board)
        admins = [p for p in await asyncio.to_thread(clerk.people) if clerk.is_admin(p)]
        ids = [p.person_id for p in plan.people] + [a.id for a in admins]
        chats = await asyncio.to_thread(self.outbox.personal_references, ids)
        when = f"{plan.meeting.date:%A %d %B %Y}"
        for person in plan.people:
            caller = await asyncio.to_thread(clerk.person, person.person_id)
            reply = self.commands.actions_view(
                "mine", caller, f"The board meets on {when}. Please update your actions."
            )
            await self._deliver(report, board_id, plan.meeting.date, person.person_id,
                                person.name, "owner", chats, reply)
        title = f"Before the board on {when}"
        digest = Reply(f"{title}: {len(plan.digest.open)} open actions, "
                       f"{len(plan.digest.overdue)} overdue, {len(plan.digest.unowned)} "
                       "without a named owner.", cards.digest_card(title, plan.digest))
        for admin in admins:
            await self._deliver(report, board_id, plan.meeting.date, admin.id, admin.name,
                                "digest", chats, digest)
        return report

    async def _send_notices(self, report: Report) -> None:
        """What the secretariat should know (links made, members Clerk could not match), to
        each admin's personal chat: claimed before sending, given back if the send fails."""
        clerk = self.app.clerk
        admins = [p for p in await asyncio.to_thread(clerk.people) if clerk.is_admin(p)]
        chats = await asyncio.to_thread(self.outbox.personal_references, [a.id for a in admins])
        for admin in admins:
            notices = await asyncio.to_thread(self.outbox.pending_notices, admin.id)
            ids = [notice_id for notice_id, _ in notices]
            label = f"notices:{admin.name}"
            if not notices or admin.id not in chats:
                continue
            if not await asyncio.to_thread(self.outbox.claim_notices, admin.id, ids):
                report.skipped.append(label)
                continue
            await self._send_claimed(
                report, label, chats[admin.id],
                replies.secretariat_notices([text for _, text in notices]),
                partial(self.outbox.release_notices, admin.id, ids))

    async def _deliver(self, report: Report, board_id: int, meeting, person_id: int, name: str,
                       kind: str, chats: dict[int, dict], reply: Reply) -> None:
        label = f"{kind}:{name}"
        if person_id not in chats or not await asyncio.to_thread(
            self.outbox.claim, board_id, meeting, person_id, kind
        ):
            report.skipped.append(label)
            return
        await self._send_claimed(
            report, label, chats[person_id], reply,
            partial(self.outbox.release, board_id, meeting, person_id, kind))

    async def _send_claimed(self, report: Report, label: str, reference: dict, reply: Reply,
                            release: Callable[[], None]) -> None:
        """Send a message already claimed in the outbox; on any failure give the claim back
        (``release``, run in a thread) so the next run tries again."""
        try:
            await self._send(reference, reply)
        except Exception as error:  # noqa: BLE001  (any failure: give the claim back)
            # Without an app token there is nothing to trace (bot.app_token logged why).
            log.warning("could not send %s: %s", label, clip(error),
                        exc_info=not isinstance(error, TokenUnavailable))
            await asyncio.to_thread(release)
            report.failed.append(label)
            return
        report.sent.append(label)

    async def _send(self, reference: dict, reply: Reply) -> None:
        await self._retrying(lambda: self._send_once(reference, reply))

    async def _send_once(self, reference: dict, reply: Reply) -> None:
        # A failure inside the turn would reach the adapter's on_turn_error, which swallows it
        # (and would tell the user "something went wrong"): keep it, and raise it out here.
        failures: list[Exception] = []

        async def send(context: TurnContext) -> None:
            try:
                await context.send_activity(to_activity(reply))
            except Exception as error:  # noqa: BLE001
                failures.append(error)

        await self.adapter.continue_conversation(
            ConversationReference().deserialize(reference), send, self.bot_app_id
        )
        if failures:
            raise failures[0]

    async def _retrying(self, call: Callable[[], Awaitable]) -> None:
        for attempt in range(self.attempts):
            try:
                await call()
                return
            except Exception as error:
                if _status(error) != 429 or attempt == self.attempts - 1:
                    raise
                await asyncio.sleep(self.backoff * 2**attempt)

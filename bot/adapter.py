"""The Bot Framework adapter: CloudAdapter with the configured authentication, and the error
handler that turns a failed turn into one short, honest message."""

from __future__ import annotations

import logging

from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
)
from sqlalchemy.exc import DBAPIError

from board.errors import Unavailable
from bot import replies
from bot.config import Settings

log = logging.getLogger(__name__)


def make_adapter(settings: Settings) -> CloudAdapter:
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(settings))

    async def on_turn_error(context: TurnContext, error: Exception) -> None:
        unreachable = isinstance(error, Unavailable | DBAPIError)
        log.error("turn failed: %s", error, exc_info=not unreachable)
        try:
            await context.send_activity(replies.UNAVAILABLE if unreachable else replies.ERROR)
        except Exception:  # noqa: BLE001  (the connector may be what failed)
            log.warning("could not tell the user about the failure", exc_info=True)

    adapter.on_turn_error = on_turn_error
    return adapter

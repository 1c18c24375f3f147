"""The Bot Framework adapter: CloudAdapter with the configured authentication, and the error
handler that turns a failed turn into one short, honest message."""

from __future__ import annotations

import logging

from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
    ConfigurationServiceClientCredentialFactory,
)
from sqlalchemy.exc import DBAPIError

from board.errors import Unavailable
from bot import replies, signing_keys
from bot.app_token import BoundedCredentialsFactory, TokenUnavailable
from bot.auth import StrictAuthentication
from bot.config import Settings
from bot.connector import FastAuthentication
from bot.log_safe import clip
from storage.bot_state import StateConflict

log = logging.getLogger(__name__)
STATE_CONFLICT = ("Another message in this conversation was handled at the same moment; "
                  "please send that again.")


def make_adapter(settings: Settings) -> CloudAdapter:
    # botbuilder's authentication, with connector clients, credentials and the HTTP pool
    # built once instead of per turn (bot/connector.py).
    # StrictAuthentication: any token botbuilder cannot validate is a 401, never a 500.
    signing_keys.install()  # key fetches bounded and off the blocking path (bot/signing_keys.py)
    # The app's outbound token likewise (bot/app_token.py).
    credentials = BoundedCredentialsFactory(ConfigurationServiceClientCredentialFactory(settings))
    inbound = StrictAuthentication(
        ConfigurationBotFrameworkAuthentication(settings, credentials_factory=credentials),
        settings.APP_ID)
    adapter = CloudAdapter(FastAuthentication(inbound))

    async def on_turn_error(context: TurnContext, error: Exception) -> None:
        if isinstance(error, TokenUnavailable):  # nothing can be sent: the caller gets a 503
            raise error
        if isinstance(error, StateConflict):  # two turns raced on this conversation's state
            log.warning("turn lost a race on its state: %s", error)
            try:
                await context.send_activity(STATE_CONFLICT)
            except Exception:  # noqa: BLE001
                log.warning("could not tell the user about the conflict", exc_info=True)
            return
        unreachable = isinstance(error, Unavailable | DBAPIError)
        log.error("turn failed: %s", clip(error), exc_info=not unreachable)
        # Unavailable says what happened (unreachable, or busy) in words fit for the user.
        reply = (str(error) if isinstance(error, Unavailable)
                 else replies.UNAVAILABLE if unreachable else replies.ERROR)
        try:
            await context.send_activity(reply)
        except TokenUnavailable:
            raise
        except Exception:  # noqa: BLE001  (the connector may be what failed)
            log.warning("could not tell the user about the failure", exc_info=True)

    adapter.on_turn_error = on_turn_error
    return adapter

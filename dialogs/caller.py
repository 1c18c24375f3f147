"""The person the current turn is from, as the handler identified them."""

from __future__ import annotations

import asyncio

from botbuilder.core import TurnContext

from board.model import PersonView
from board.services import Clerk

CALLER_KEY = "clerk.caller_id"


async def caller_of(context: TurnContext, clerk: Clerk) -> PersonView:
    """The caller's person (the handler puts their id in turn state before any dialog runs)."""
    return await asyncio.to_thread(clerk.person, context.turn_state[CALLER_KEY])

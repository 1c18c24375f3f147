"""The web app: ``POST /api/messages`` for Teams and ``GET /healthz``. Thin glue: it checks the
request, hands the activity to the adapter, and writes back the adapter's answer."""

from __future__ import annotations

import asyncio
import json
import logging

from aiohttp import web
from botbuilder.core.serializer_helper import serializer_helper
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity
from msrest.exceptions import DeserializationError
from msrest.serialization import Model

from bot.activity_check import problem_with
from bot.adapter import make_adapter
from bot.app_token import TokenUnavailable
from bot.config import Settings
from bot.dedupe import Dedupe
from bot.handler import ClerkBot
from bot.log_safe import clip
from bot.reminders import ReminderScheduler
from bot.signing_keys import KeysUnavailable
from bot.uploads import Downloader
from storage.bot_state import SqlStorage
from storage.health import database_health
from storage.limits import activity_problem
from storage.outbox import Outbox
from storage.turn_start import PrefetchedConversationState
from storage.wiring import App

log = logging.getLogger(__name__)
BOT_KEY = web.AppKey("bot", ClerkBot)
CLERK_KEY = web.AppKey("clerk_app", App)
HEALTH_TIMEOUT = 0.8  # seconds: /healthz answers within a second, whatever the database does


def create_app(clerk_app: App, settings: Settings) -> web.Application:
    if settings.anonymous:
        log.warning(
            "\n*** No MicrosoftAppId is set: Clerk accepts UNAUTHENTICATED requests. ***\n"
            "*** Use this only on your own machine, never where Teams can reach it.  ***"
        )
    elif not settings.allowed_tenants:
        log.warning(
            "\n*** CLERK_ALLOWED_TENANTS is empty: members of ANY Microsoft 365 tenant can ***\n"
            "*** talk to Clerk and read the board's records. Set it to your tenant id(s).  ***"
        )
    app = web.Application(client_max_size=settings.max_body_bytes)
    adapter, bot = build_bot(clerk_app, settings)
    app[BOT_KEY] = bot
    app[CLERK_KEY] = clerk_app

    async def messages(request: web.Request) -> web.Response:
        if "application/json" not in request.headers.get("Content-Type", ""):
            return _error(415, "expected application/json")
        try:
            body = await request.json()
        except web.HTTPRequestEntityTooLarge:
            return _error(413, "the request body is too large")
        except (json.JSONDecodeError, UnicodeDecodeError):
            return _refused(400, "the body is not valid JSON")
        except RecursionError:
            return _refused(400, "the body is nested too deeply")
        problem = problem_with(body) or activity_problem(body)
        if problem is None:
            try:
                activity = Activity().deserialize(body)
            except (DeserializationError, ValueError, TypeError, AttributeError) as error:
                problem = f"the activity could not be read ({type(error).__name__})"
        if problem is not None:
            return _refused(400, problem)
        tenant = _tenant(body)
        if settings.allowed_tenants and tenant not in settings.allowed_tenants:
            log.warning("refused an activity from tenant %s", clip(tenant))
            return _error(403, "this tenant is not allowed")
        try:
            response = await adapter.process_activity(
                request.headers.get("Authorization", ""), activity, bot.on_turn
            )
        except PermissionError:
            return _error(401, "unauthorized")
        except KeysUnavailable as error:
            log.warning("could not check a request's token: %s", clip(error))
            return _error(503, "the bot cannot verify requests right now; try again later")
        except TokenUnavailable as error:
            log.warning("could not answer a turn: %s", clip(error))
            return _error(503, "the bot cannot reply right now; try again later")
        if response is None:
            return web.Response(status=201)
        payload = response.body
        if isinstance(payload, Model):  # botbuilder leaves some bodies as msrest models
            payload = serializer_helper(payload)
        return web.json_response(payload, status=response.status)

    async def healthz(request: web.Request) -> web.Response:
        try:
            async with asyncio.timeout(HEALTH_TIMEOUT):
                database = await asyncio.to_thread(database_health, clerk_app.db)
        except TimeoutError:
            database = "not answering"
        if database != "ok":
            return web.json_response({"status": "degraded", "database": database}, status=503)
        return web.json_response({"status": "ok", "database": "ok"})

    async def files(request: web.Request) -> web.Response:
        found = await asyncio.to_thread(Outbox(clerk_app.db).published, request.match_info["token"])
        if found is None:
            return _error(404, "this link has expired or never existed")
        disposition = f'attachment; filename="{found.file_name}"'
        return web.Response(body=found.data, content_type=found.content_type,
                            headers={"Content-Disposition": disposition})

    async def reminders(app: web.Application):
        task = None
        if settings.reminder_interval > 0:
            scheduler = ReminderScheduler(clerk_app, adapter, settings.APP_ID,
                                          days_before=settings.reminder_days,
                                          interval=settings.reminder_interval)
            task = asyncio.create_task(scheduler.run_forever())
        yield
        if task is not None:
            task.cancel()

    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/files/{token}/{name}", files)
    app.cleanup_ctx.append(reminders)
    close = getattr(adapter.bot_framework_authentication, "close", None)
    if close is not None:  # the connector's pooled HTTP session (bot/connector.py)
        app.on_cleanup.append(lambda _app: close())
    return app


def build_bot(clerk_app: App, settings: Settings) -> tuple[CloudAdapter, ClerkBot]:
    """The adapter and the bot, with conversation state in the board's database."""
    state = PrefetchedConversationState(SqlStorage(clerk_app.db))
    bot = ClerkBot(clerk_app.clerk, state, Outbox(clerk_app.db), settings.public_url,
                   downloader=Downloader(settings.max_upload_bytes, settings.download_timeout,
                                         allow_loopback=settings.anonymous),
                   app_id=settings.APP_ID)
    adapter = make_adapter(settings)
    # A redelivered activity is handled once; the same round trip reads caller and state.
    adapter.use(Dedupe(clerk_app.db, state))
    return adapter, bot


def _tenant(body: dict) -> str:
    """The Teams tenant the activity comes from: channelData.tenant.id and
    conversation.tenantId (botbuilder's model only reads "tenantID", so not through it).
    Missing, or two that disagree: "" (refused when an allow-list is set)."""
    channel = body.get("channelData")
    tenant = channel.get("tenant") if isinstance(channel, dict) else None
    conversation = body.get("conversation") or {}
    found = {
        value for value in (
            tenant.get("id") if isinstance(tenant, dict) else None,
            conversation.get("tenantId"), conversation.get("tenantID"),
        ) if isinstance(value, str) and value
    }
    return found.pop() if len(found) == 1 else ""


def _refused(status: int, problem: str) -> web.Response:
    log.warning("refused a malformed request: %s", problem)
    return _error(status, problem)


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)

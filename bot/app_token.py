"""The app's own token for outbound calls (replies, proactive messages), fetched without ever
blocking a turn.

botbuilder 4.17 gets it from msal inside ``signed_session`` / ``get_access_token``: a blocking
HTTP call without a timeout, on the event loop, on the first reply and again on each refresh.
A login endpoint that accepts a connection and never answers freezes the whole process,
``/healthz`` included. ``AppToken`` wraps botbuilder's credentials (``BoundedCredentialsFactory``
hands it to everything botbuilder builds) and keeps their ``get_access_token``:

- the call runs in a thread of its own, with msal's own ``timeout`` set, and a caller waits for
  it at most ``FETCH_TIMEOUT``; concurrent callers share one fetch, and a fetch still stuck in
  its thread is waited for again rather than started twice;
- a failed fetch backs off (``bot.shared_fetch``: 1 s doubling to 300 s), one log line per attempt;
- the cached token keeps working while a refresh fails, until ``EXPIRY_MARGIN`` before it
  expires; a due refresh runs in the background;
- without a usable token a caller fails fast with ``TokenUnavailable``. botbuilder's own
  synchronous callers (msrest signs its requests inside the event loop) get the cached token or
  ``TokenUnavailable`` at once, never a wait.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable

import jwt
import requests
from botframework.connector.auth import MicrosoftAppCredentials
from botframework.connector.auth.service_client_credentials_factory import (
    ServiceClientCredentialsFactory,
)
from msal import ConfidentialClientApplication
from msrest.authentication import Authentication

from bot.log_safe import clip
from bot.shared_fetch import SharedFetch

log = logging.getLogger(__name__)
FETCH_TIMEOUT = 5.0  # seconds a caller waits for a token
# msal hands out its cached token until five minutes before it expires, so a refresh is asked
# for just after that, and the old token stays in use until EXPIRY_MARGIN before it expires
# (it must still be valid when the connector reads it).
REFRESH_BEFORE = 270.0
EXPIRY_MARGIN = 60.0
RECHECK = 30.0  # at least this long between refreshes that brought the same token back
UNREADABLE_LIFETIME = 300.0  # assumed for a token that is not a JWT (msal caches it anyway)


class TokenUnavailable(Exception):
    """No usable app token is cached and none can be fetched now."""


class AppToken(Authentication):
    """botbuilder credentials whose token fetch is bounded (see the module doc)."""

    def __init__(self, credentials: Authentication, *, timeout: float | None = None) -> None:
        self.credentials = credentials
        self.timeout = FETCH_TIMEOUT if timeout is None else timeout
        self.token: str | None = None
        self.usable_until = float("-inf")
        self.refresh_at = float("-inf")
        self.fetch = SharedFetch(self._download)
        self._thread: asyncio.Future | None = None

    def __getattr__(self, name: str):
        return getattr(self.credentials, name)  # microsoft_app_id, oauth_scope, …

    async def authorization(self) -> str:
        """``Bearer <token>``, waiting at most ``timeout`` for a fetch; else TokenUnavailable."""
        if not self._usable() and self.fetch.due():
            with contextlib.suppress(TokenUnavailable):
                await asyncio.shield(self.fetch.start())
        return self._cached()

    def get_access_token(self, force_refresh: bool = False) -> str:
        """For botbuilder's synchronous callers: the cached token, or TokenUnavailable at
        once (with a fetch started, so that a later call finds one)."""
        if not self._usable() and self.fetch.due():
            self.fetch.start()
        return self._cached().removeprefix("Bearer ")

    def signed_session(self, session: requests.Session | None = None) -> requests.Session:
        session = session or requests.Session()
        session.headers["Authorization"] = f"Bearer {self.get_access_token()}"
        return session

    def _usable(self) -> bool:
        return self.token is not None and time.monotonic() < self.usable_until

    def _cached(self) -> str:
        if not self._usable():
            raise TokenUnavailable(f"no app token from {self._endpoint()}")
        now = time.monotonic()
        if now >= self.refresh_at and self.fetch.due():
            self.fetch.start()  # in the background; this caller uses the cached token
        return f"Bearer {self.token}"

    def _endpoint(self) -> str:
        return getattr(self.credentials, "oauth_endpoint", None) or "the login endpoint"

    async def _download(self) -> None:
        thread = self._thread
        if thread is None or thread.done() or thread.get_loop() is not asyncio.get_running_loop():
            thread = self._thread = _in_thread(self._acquire)
            thread.add_done_callback(self._arrived)
        try:
            async with asyncio.timeout(self.timeout):
                await asyncio.shield(thread)
        except Exception as error:  # noqa: BLE001  (whatever failed, no token: back off)
            delay = self.fetch.failed()
            reason = (f"no answer within {self.timeout:g} s" if isinstance(error, TimeoutError)
                      else clip(error) or type(error).__name__)
            log.warning("could not get an app token from %s: %s; next try in %.0f s%s",
                        self._endpoint(), reason, delay,
                        " (the cached token stays in use)" if self._usable() else "")
            raise TokenUnavailable(reason) from error

    def _acquire(self) -> str:
        """In the fetch thread: botbuilder's own call, its msal client given a timeout first
        (botbuilder builds it without one, so a silent endpoint would hold the thread
        forever; it also drops the configured ``validate_authority``, kept here)."""
        credentials = self.credentials
        if isinstance(credentials, MicrosoftAppCredentials) and not credentials.app:
            credentials.app = ConfidentialClientApplication(
                client_id=credentials.microsoft_app_id,
                client_credential=credentials.microsoft_app_password,
                authority=credentials.oauth_endpoint,
                validate_authority=getattr(credentials, "validate_authority", True),
                timeout=self.timeout,
            )
        return credentials.get_access_token()

    def _arrived(self, thread: asyncio.Future) -> None:
        """A token from the thread is kept even if its waiter gave up on it."""
        if thread.cancelled() or thread.exception() is not None:
            return  # the waiter has logged it
        token = thread.result()
        now = time.monotonic()
        expires = now + _lifetime(token)
        self.refresh_at = max(expires - REFRESH_BEFORE,
                              now + RECHECK if token == self.token else now)
        self.token = token
        self.usable_until = expires - EXPIRY_MARGIN
        self.fetch.succeeded()


def _lifetime(token: str) -> float:
    """Seconds until the token expires, from its ``exp`` claim (not verified: it is our own
    token from the login endpoint, read only to know when to refresh it)."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
        return float(claims["exp"]) - time.time()
    except (jwt.InvalidTokenError, KeyError, TypeError, ValueError):
        return UNREADABLE_LIFETIME


def _in_thread(call: Callable[[], str]) -> asyncio.Future:
    """``call()`` in a daemon thread of its own: a call stuck on the network neither takes a
    worker from the executor the database calls use nor holds up the process's exit."""
    loop = asyncio.get_running_loop()
    future = loop.create_future()

    def settle(result: str | None, error: Exception | None) -> None:
        if future.done():
            return
        if error is None:
            future.set_result(result)
        else:
            future.set_exception(error)

    def run() -> None:
        try:
            result, error = call(), None
        except Exception as failed:  # noqa: BLE001  (handed to the waiter)
            result, error = None, failed
        with contextlib.suppress(RuntimeError):  # the event loop has closed meanwhile
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=run, name="app-token", daemon=True).start()
    return future


class BoundedCredentialsFactory(ServiceClientCredentialsFactory):
    """botbuilder's credentials factory, handing out an ``AppToken`` wherever the credentials
    fetch a token: one per app id, scope and login endpoint, shared by every client."""

    def __init__(self, inner: ServiceClientCredentialsFactory) -> None:
        self.inner = inner
        self._made: dict[tuple, Authentication] = {}

    async def is_valid_app_id(self, app_id: str) -> bool:
        return await self.inner.is_valid_app_id(app_id)

    async def is_authentication_disabled(self) -> bool:
        return await self.inner.is_authentication_disabled()

    async def create_credentials(self, app_id: str, oauth_scope: str, login_endpoint: str,
                                 validate_authority: bool) -> Authentication:
        key = (app_id, oauth_scope, login_endpoint, validate_authority)
        found = self._made.get(key)
        if found is None:
            found = await self.inner.create_credentials(app_id, oauth_scope, login_endpoint,
                                                        validate_authority)
            if getattr(found, "microsoft_app_id", None):  # anonymous ones fetch nothing
                found = AppToken(found)
            self._made[key] = found
        return found

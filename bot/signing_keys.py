"""The keys that sign inbound Bot Framework tokens, fetched without ever blocking a turn.

botbuilder 4.17 fetches the OpenID metadata and its key set with a blocking ``requests.get``
without a timeout, inside the event loop, and again on every request after a failure: one
metadata endpoint that accepts a connection and never answers freezes the whole process,
``/healthz`` included. ``SigningKeys`` takes its place (``install()``, for every metadata URL
botbuilder uses) with the same ``get(key_id)``:

- fetches run on the event loop (aiohttp), the whole fetch bounded by ``FETCH_TIMEOUT``, the
  documents by ``MAX_DOCUMENT``; concurrent requests share one fetch;
- a failed fetch backs off (1 s doubling to 300 s, ``bot.shared_fetch``) instead of retrying
  per request;
- cached keys keep working while a refresh fails; a due refresh runs in the background;
- with no keys at all (first start, endpoint down) a request fails fast with
  ``KeysUnavailable`` (503: Teams retries later), not a 401 that blames the token.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

import aiohttp
from botframework.connector.auth.jwt_token_extractor import JwtTokenExtractor
from jwt.algorithms import RSAAlgorithm

from bot.log_safe import clip
from bot.shared_fetch import SharedFetch

log = logging.getLogger(__name__)
FETCH_TIMEOUT = 5.0  # seconds for the metadata and the key set together
MAX_DOCUMENT = 1024 * 1024
REFRESH_AFTER = 24 * 3600.0  # seconds: botbuilder's daily refresh
UNKNOWN_KEY_REFRESH = 300.0  # an unknown key id refetches at most this often


class KeysUnavailable(Exception):
    """No signing keys are cached and they cannot be fetched now."""


@dataclass(frozen=True)
class SigningKey:
    """What botbuilder's validator reads from a key (its ``_OpenIdConfig``)."""

    public_key: Any
    endorsements: list[str]


class SigningKeys:
    def __init__(self, url: str, *, timeout: float | None = None) -> None:
        self.url = url
        self.timeout = FETCH_TIMEOUT if timeout is None else timeout
        self.keys: list[dict] = []
        self.fetched_at = float("-inf")
        self.fetch = SharedFetch(self._download)

    async def get(self, key_id: str | None) -> SigningKey | None:
        if not self.keys:
            await self._refresh()
        elif (time.monotonic() - self.fetched_at > REFRESH_AFTER
              and self.fetch.due()):
            self.fetch.start()  # in the background; the cached keys answer this request
        found = self._find(key_id)
        if found is None and time.monotonic() - self.fetched_at > UNKNOWN_KEY_REFRESH:
            await self._refresh()
            found = self._find(key_id)
        return found

    async def _refresh(self) -> None:
        """Fetch now (bounded), or fail fast while backing off; raise only when no keys are
        cached."""
        if self.fetch.due():
            with contextlib.suppress(KeysUnavailable):
                await asyncio.shield(self.fetch.start())
        if not self.keys:
            raise KeysUnavailable(f"no signing keys from {self.url}")

    async def _download(self) -> None:
        try:
            async with asyncio.timeout(self.timeout), aiohttp.ClientSession() as session:
                metadata = await _document(session, self.url)
                keys = (await _document(session, metadata["jwks_uri"]))["keys"]
            if not isinstance(keys, list) or not all(isinstance(k, dict) for k in keys):
                raise ValueError("the key set is not a list of keys")
        except (aiohttp.ClientError, TimeoutError, ValueError, KeyError, TypeError) as error:
            delay = self.fetch.failed()
            log.warning("could not fetch signing keys from %s: %s; next try in %.0f s%s",
                        self.url, clip(error) or type(error).__name__, delay,
                        " (the cached keys stay in use)" if self.keys else "")
            raise KeysUnavailable(str(error)) from error
        self.keys = keys
        self.fetched_at = time.monotonic()
        self.fetch.succeeded()

    def _find(self, key_id: str | None) -> SigningKey | None:
        for key in self.keys:
            if key.get("kid") == key_id:
                return SigningKey(RSAAlgorithm.from_jwk(json.dumps(key)),
                                  key.get("endorsements", []))
        return None


async def _document(session: aiohttp.ClientSession, url: str) -> dict:
    async with session.get(url) as response:
        response.raise_for_status()
        data = await response.content.read(MAX_DOCUMENT + 1)
    if len(data) > MAX_DOCUMENT:
        raise ValueError(f"{url} is larger than {MAX_DOCUMENT} bytes")
    found = json.loads(data)
    if not isinstance(found, dict):
        raise ValueError(f"{url} is not a JSON object")
    return found


class _PerUrl(dict):
    """``JwtTokenExtractor.metadataCache``: a ``SigningKeys`` for every metadata URL."""

    def get(self, url: str, default: object = None) -> SigningKeys:
        found = super().get(url)
        if found is None:
            found = self[url] = SigningKeys(url)
        return found


def install() -> None:
    """Make botbuilder's token validator use ``SigningKeys`` (idempotent)."""
    if not isinstance(JwtTokenExtractor.metadataCache, _PerUrl):
        JwtTokenExtractor.metadataCache = _PerUrl()

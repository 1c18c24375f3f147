"""A file a user attaches in Teams: find it in the activity and download it, bounded.

In a personal chat Teams sends an attachment of type
``application/vnd.microsoft.teams.file.download.info`` whose ``content.downloadUrl`` is a
short-lived, pre-authorised link. The download must be https (http only to this machine, for
local testing), is cut off at ``max_bytes`` and given up after ``timeout`` seconds.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urlsplit

import aiohttp

from bot.service_url import is_loopback_host

FILE_INFO = "application/vnd.microsoft.teams.file.download.info"
CARD_TYPES = ("application/vnd.microsoft.card.",)  # cards quoted in a message: not files
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30.0
NOT_SECURE = "that file's download link is not a secure Teams link"


class DownloadFailed(Exception):
    """The file could not be fetched; the message says why, for the user."""


@dataclass(frozen=True)
class OfferedFile:
    name: str
    url: str | None  # None when the attachment is not a downloadable Teams file


def offered_file(attachments: list | None) -> OfferedFile | None:
    """The first file the user attached, if any (cards and inline HTML are not files)."""
    for attachment in attachments or []:
        kind = getattr(attachment, "content_type", None) or ""
        if kind.startswith(CARD_TYPES) or kind in ("text/html", "text/plain"):
            continue
        content = getattr(attachment, "content", None)
        name = str(getattr(attachment, "name", None) or "the file")[:200]
        if kind == FILE_INFO and isinstance(content, dict):
            url = content.get("downloadUrl")
            return OfferedFile(name, url if isinstance(url, str) else None)
        return OfferedFile(name, None)
    return None


@dataclass(frozen=True)
class Downloader:
    max_bytes: int = MAX_UPLOAD_BYTES
    timeout: float = DOWNLOAD_TIMEOUT
    allow_loopback: bool = False  # http://127.0.0.1 for tests and unauthenticated local runs

    def check(self, url: str) -> None:
        try:
            parts = urlsplit(url)
            host = parts.hostname or ""
        except ValueError:  # not a URL at all
            raise DownloadFailed(NOT_SECURE) from None
        if parts.scheme == "https" and host:
            return
        if parts.scheme == "http" and self.allow_loopback and is_loopback_host(host):
            return
        raise DownloadFailed(NOT_SECURE)

    async def fetch(self, url: str) -> bytes:
        self.check(url)
        try:
            return await asyncio.wait_for(self._fetch(url), self.timeout)
        except TimeoutError:
            raise DownloadFailed(f"the download took longer than {self.timeout:g} seconds"
                                 ) from None
        except aiohttp.ClientError:
            raise DownloadFailed("the download failed") from None

    async def _fetch(self, url: str) -> bytes:
        limit = f"it is over the {self.max_bytes / 1_048_576:g} MB limit"
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        async with aiohttp.ClientSession(timeout=timeout) as session, session.get(
            url, allow_redirects=False
        ) as response:
            if response.status != 200:
                raise DownloadFailed(f"the download failed (HTTP {response.status})")
            if (response.content_length or 0) > self.max_bytes:
                raise DownloadFailed(limit)
            data = bytearray()
            async for chunk in response.content.iter_chunked(64 * 1024):
                data += chunk
                if len(data) > self.max_bytes:
                    raise DownloadFailed(limit)
            return bytes(data)

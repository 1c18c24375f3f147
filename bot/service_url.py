"""Where replies may go. Clerk POSTs its replies to the activity's ``serviceUrl``; a forged one
would make it send requests anywhere its network reaches (cloud metadata, internal services).
With an app id the token must vouch for the URL (its ``serviceurl`` claim); without one
(anonymous, local testing) only loopback URLs are allowed."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_loopback(url: str | None) -> bool:
    try:
        host = urlsplit(url or "").hostname
    except ValueError:
        return False
    return is_loopback_host(host)


def is_loopback_host(host: str | None) -> bool:
    """``localhost``, 127.0.0.0/8 or ::1 (a name that merely resolves there is not enough: it
    could resolve elsewhere tomorrow)."""
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def vouched(url: str | None, claimed: str | None) -> bool:
    """The token's ``serviceurl`` claim names exactly this URL (as botbuilder compares them)."""
    return bool(url) and url == claimed

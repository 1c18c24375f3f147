"""Values from requests in log lines: never whole (a 250 kB field is one short line)."""

from __future__ import annotations

LIMIT = 200


def clip(value: object, limit: int = LIMIT) -> str:
    """``repr(value)`` cut to ``limit`` characters, saying how long it was."""
    shown = repr(value) if not isinstance(value, BaseException) else f"{value}"
    if len(shown) <= limit:
        return shown
    return f"{shown[:limit]}… ({len(shown)} characters)"

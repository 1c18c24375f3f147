"""Leaving a dialog: whatever a dialog is waiting for, the user can always get out.

"cancel", "stop", "never mind" (and the like) end it; "help" ends it and shows help; a clear
new command ("close action 99") ends it and runs. A dialog's own answers ("yes", "no", a
title, a month) are none of these, so they reach the dialog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.router import Match, route

_STOP = re.compile(
    r"^(?:cancel|stop|quit|exit|abort|never ?mind|nevermind|forget it|forget that|no thanks|"
    r"leave it|don'?t bother|scrap that|start again|start over|back|go back|nvm)\b", re.I)


@dataclass(frozen=True)
class Leave:
    """The user left the dialog; ``then`` is the command to run next (None: just stop)."""

    then: Match | None


def leaving(text: str) -> Leave | None:
    value = " ".join(text.lower().split()).strip(" .!?,")
    if _STOP.match(value):
        return Leave(None)
    routed = route(text)
    if not isinstance(routed, Match) or routed.guessed:
        return None
    if routed.command == "help":
        # "help" itself, not a greeting or an "ok" that happens to say nothing else
        return Leave(routed) if re.search(r"\bhelp\b|what can you do", value) else None
    return Leave(routed)

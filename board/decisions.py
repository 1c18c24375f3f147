"""The decisions recorded in a meeting's minutes: the sentences of its items that say what
the board agreed, resolved, approved or decided. Restricted items hold no text, so they give
none."""

from __future__ import annotations

import re
from collections.abc import Iterable

from board.model import AgendaItemView

_DECIDED = re.compile(
    r"\b(?:agreed|resolved|decided|approved|endorsed|ratified|signed off|"
    r"(?:the )?(?:board|partnership|members?) (?:agreed|noted and agreed|supported|accepted))\b",
    re.I,
)
# Not a decision: an action line, or a decision still to come ("if approved ...").
_NOT_YET = re.compile(r"\baction\s*:|\bif (?:it is |this is )?(?:agreed|approved)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")
MAX_DECISION = 300


def decisions(items: Iterable[AgendaItemView], limit: int = 10) -> list[tuple[str, str]]:
    """(item title, decision sentence) pairs, in the order of the minutes."""
    found: list[tuple[str, str]] = []
    for item in items:
        if item.restricted:
            continue
        for sentence in _SENTENCE.split(" ".join(item.text.split())):
            if _DECIDED.search(sentence) and not _NOT_YET.search(sentence):
                text = sentence.strip()
                if len(text) > MAX_DECISION:
                    text = text[: MAX_DECISION - 1].rstrip() + "…"
                found.append((item.title, text))
                if len(found) >= limit:
                    return found
    return found

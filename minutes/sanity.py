"""Refuse text that is not minutes before reading it: a document that is mostly one marker or a
few names repeated ("ACTION: " 125,000 times) would otherwise become one enormous action.

Linear in the text's length: one pass counting words.
"""

from __future__ import annotations

import re
from collections import Counter

from minutes.model import NotMinutes

_WORD = re.compile(r"[^\W\d_]{2,}")
_MIN_WORDS = 200  # short notes are judged by what they say, not by their vocabulary
_TOP_WORDS = 3
_TOP_SHARE = 0.6  # in minutes the three commonest words ("the", "to", "and") are ~10-15 %
_SAMPLE_CHARS = 2_000_000


def check_is_minutes(text: str) -> None:
    """Raise ``NotMinutes`` when a few words make up most of the text."""
    words = Counter(word.casefold() for word in _WORD.findall(text[:_SAMPLE_CHARS]))
    total = sum(words.values())
    if total < _MIN_WORDS:
        return
    common = words.most_common(_TOP_WORDS)
    share = sum(count for _, count in common) / total
    if share > _TOP_SHARE:
        shown = ", ".join(f'"{word}"' for word, _ in common)
        raise NotMinutes(
            f"not minutes: {share:.0%} of its {total:,} words are {shown} repeated; "
            "nothing was read from it"
        )

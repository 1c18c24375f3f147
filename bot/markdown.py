"""Text from users and documents, made safe to show in Teams markdown and Adaptive Cards.

Teams renders a message's text and a card's TextBlocks as markdown: a plan item titled
``[Board papers](https://evil.example/login)`` would become a live link in everyone's card,
``**`` would turn the rest of a line bold and a line starting ``# `` a heading. ``md`` is the
one function every piece of user or document text goes through on its way into a reply: it
backslash-escapes markdown's punctuation (CommonMark escapes, which Teams and the Adaptive
Card renderers honour) and clips the text to a length fit for a message.
"""

from __future__ import annotations

import re

# Markdown punctuation that can start a link, an image, emphasis, code, HTML or a table.
_INLINE = re.compile(r"([\\`*_\[\]<>~|])")
# Characters that only mean something at the start of a line: headings, quotes, lists.
_LINE_START = re.compile(r"^([ \t]*)([#>+=-]|\d+(?=[.)]))", re.M)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
CLIP = 400  # characters of one text shown in a list or a sentence
ELLIPSIS = "…"


def clip(text: str, limit: int = CLIP) -> str:
    """At most ``limit`` characters, cut at a word where one is near, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def md(text: object, limit: int = CLIP) -> str:
    """``text`` as literal characters in Teams markdown, clipped to ``limit`` characters."""
    value = clip(str(text), limit)
    value = _INLINE.sub(r"\\\1", value)
    return _LINE_START.sub(_escape_line_start, value)


def _escape_line_start(found: re.Match[str]) -> str:
    indent, marker = found.groups()
    if marker[0].isdigit():  # "1." starts a numbered list: escape the dot, "1\."
        return f"{indent}{marker}\\"
    return f"{indent}\\{marker}"


def plain(text: str) -> str:
    """Escaped markdown back to the characters it shows (for a terminal)."""
    return _ESCAPE.sub(r"\1", text)

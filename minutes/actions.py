"""Actions in one agenda item's lines.

Recognised: "ACTION: ..." lines (any case, after list bullets or Markdown bold, with a colon or
dash), "Actions:" followed by a list, and an inline "(Action: Ian Kershaw/Clerk)" closing a
paragraph, whose action is the paragraph's last sentence. An "ACTION: Clerk" line that names
only owners takes the previous paragraph's last sentence. A lead-in such as "the following
actions have been completed" sets the status of the actions listed under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minutes.owners import DONE, OPEN, owner_names, parse_body
from minutes.text import split_sentences, strip_list, tidy

_MARKER = re.compile(
    r"^(?:agreed +)?actions?(?: +points?)?(?: +\d{1,3})?(?: *:| *[\-\u2013\u2014]+ +|$) *", re.I
)
_CAPS_MARKER = re.compile(r"^ACTIONS? +(?=[A-Z][a-z])")
_INLINE = re.compile(
    r"\((?:agreed +)?actions?(?: +points?)?(?: +by)? *[:\-\u2013] *([^()]{1,160})\)", re.I
)
_CONTEXT = re.compile(
    r"\bactions?\b[^.:]{0,60}?\b(completed|complete|closed|discharged|outstanding|open|ongoing)\b",
    re.I,
)
_CONTEXT_CHARS = 400


@dataclass(frozen=True)
class FoundAction:
    owners: list[str]
    text: str
    status: str
    quote: str


def marker_body(line: str) -> str | None:
    """What follows an "ACTION:" marker, or None when the line is not an action line."""
    content, _ = strip_list(line)
    found = _MARKER.match(content) or _CAPS_MARKER.match(content)
    return content[found.end() :] if found else None


def _context_status(line: str) -> str | None:
    found = _CONTEXT.search(line[:_CONTEXT_CHARS])
    if not found:
        return None
    return OPEN if found.group(1).lower() in ("outstanding", "open", "ongoing") else DONE


def _last_sentence(paragraph: str) -> str:
    content, _ = strip_list(paragraph)
    sentences = split_sentences(content)
    return tidy(sentences[-1]) if sentences else ""


def _continues(line: str) -> bool:
    """A wrapped continuation of the previous line: it starts in lower case."""
    return bool(line) and line[0].islower() and not strip_list(line)[1]


def find_actions(lines: list[str], limit: int) -> list[FoundAction]:
    """The actions in ``lines``, at most ``limit`` of them."""
    found: list[FoundAction] = []
    context: str | None = None
    in_action_list = False
    previous = ""
    index = 0
    while index < len(lines) and len(found) < limit:
        line = lines[index]
        index += 1
        if not line:
            in_action_list = in_action_list and not found
            continue
        body = marker_body(line)
        if body is None and in_action_list and strip_list(line)[1]:
            body = strip_list(line)[0]
        if body is None:
            in_action_list = False
            context = _context_status(line) or None
            inline = _inline_action(line, context)
            if inline:
                found.append(inline)
            previous = line
            continue
        quote = line
        while (
            index < len(lines)
            and _continues(lines[index])
            and not body.rstrip(" *_").endswith((".", ")"))
        ):
            body += " " + lines[index]
            quote += "\n" + lines[index]
            index += 1
        if not body.strip():
            in_action_list = True  # "Actions:" heading a list
            continue
        owners, text, status = parse_body(body)
        named = None if owners or len(text.split()) > 6 else owner_names(text)
        if named and previous:  # "ACTION: Clerk" closes the paragraph before it
            owners, text = named, _last_sentence(previous)
        if text:
            found.append(FoundAction(owners, text, status or context or OPEN, quote))
    return found


def _inline_action(line: str, context: str | None) -> FoundAction | None:
    matches = list(_INLINE.finditer(line))
    if not matches:
        return None
    last = matches[-1]
    inner = last.group(1)
    owners = owner_names(inner)
    if owners is None:
        owners, text, status = parse_body(inner)
        return FoundAction(owners, text, status or context or OPEN, line) if text else None
    text = _last_sentence(line[: last.start()])
    return FoundAction(owners, text, context or OPEN, line) if text else None


def has_action(lines: list[str]) -> bool:
    return any(marker_body(line) is not None or _INLINE.search(line) for line in lines if line)

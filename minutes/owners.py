"""The owners written before what is to be done: "Jade Hodgson to share X" -> (["Jade Hodgson"],
"share X"). (Status markers are read by ``minutes.finders.base``.)
Owner names keep the name as written, with curly apostrophes straightened and rank or courtesy
titles (DS, DCI, Councillor, Dr...) dropped only when a first name and surname remain: "DS James
Rush" -> "James Rush", but "Councillor Carpenter" stays as it is.
"""

from __future__ import annotations

import re

from board.names import split_title
from minutes.text import normalise_apostrophes, tidy

_OWNER_SEP = re.compile(r"/|,|&|\+|\band\b")
_VERB_SEPARATORS = (" to ", " will ")
_LABEL_SEPARATORS = (" \u2013 ", " \u2014 ", " - ", ": ")
_AUXILIARIES = ("has agreed", "have agreed", "agreed", "is", "are", "would", "should", "need")
# Lower-case words that may follow a capitalised word in an owner ("Board members").
_ROLE_WORDS = frozenset(
    [
        "members",
        "member",
        "chairs",
        "chair",
        "officers",
        "officer",
        "team",
        "teams",
        "lead",
        "leads",
        "manager",
        "managers",
        "partners",
        "representative",
        "representatives",
        "colleagues",
        "staff",
        "group",
        "of",
        "for",
        "the",
        "and",
    ]
)
_OWNER_LABEL = re.compile(r"^(?:owners?|leads?|actions?|by|responsible)\s*[:\-\u2013]\s*", re.I)
MAX_OWNER_CHARS = 120


def clean_owner(name: str) -> str:
    name = tidy(normalise_apostrophes(name))
    if name.lower().startswith("the "):
        name = name[4:]
    _, rest = split_title(name)
    return rest if len(rest.split()) >= 2 else name


def owner_names(text: str) -> list[str] | None:
    """The owners named in ``text`` ("A, B & C", "Ian Kershaw/Clerk"), or None when it does not
    read as a list of names or roles."""
    text = _OWNER_LABEL.sub("", tidy(text))
    if not text or len(text) > MAX_OWNER_CHARS:
        return None
    names = []
    for part in _OWNER_SEP.split(text):
        part = part.strip(" .;:")
        if part.lower().startswith("the "):
            part = part[4:]
        if not part:
            continue
        tokens = part.split()
        if len(tokens) > 6 or not _name_word(tokens[0], first=True):
            return None
        if not all(_name_word(t, first=False) for t in tokens[1:]):
            return None
        names.append(clean_owner(part))
    return names or None


def _name_word(word: str, *, first: bool) -> bool:
    if any(c.isdigit() for c in word):
        return False
    core = word.strip("()'\u2019\".")
    if not core:
        return False
    if core[0].isupper():
        return True
    return not first and core.lower() in _ROLE_WORDS


def split_owner(body: str) -> tuple[list[str], str]:
    """(owners, what is to be done). No owner: ([], the whole sentence)."""
    lowered = body.lower()
    positions = [(lowered.find(sep), sep) for sep in _VERB_SEPARATORS]
    positions = [(i, sep) for i, sep in positions if 0 < i <= MAX_OWNER_CHARS]
    if positions:
        index, sep = min(positions)
        prefix = body[:index]
        for word in _AUXILIARIES:
            if prefix.lower().endswith(" " + word):
                prefix = prefix[: -len(word) - 1]
                break
        names = owner_names(prefix)
        if names:
            rest = body[index + len(sep) :].strip()
            if sep == " to " and rest.lower().startswith("be "):
                return [], body  # "Strategy to be presented...": passive, nobody named
            return names, rest
    for sep in _LABEL_SEPARATORS:
        index = body.find(sep)
        if 0 < index <= MAX_OWNER_CHARS:
            names = owner_names(body[:index])
            if names:
                return names, body[index + len(sep) :].strip()
    if body.endswith(")") and "(" in body[-MAX_OWNER_CHARS:]:
        index = body.rfind("(")
        names = owner_names(body[index + 1 : -1])
        if names:
            return names, body[:index].strip()
    return [], body

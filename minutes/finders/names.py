"""Who an action belongs to, as written: names, first names, initials, roles.

Owners stay as the minutes write them ("TG", "the Chair", "Jacob Kaplan-Moss"); several are
split on "/", "&", "and" and commas. Initials can be resolved through the attendance list
(``initials_legend``), for display; the owner itself is kept as written.
"""

from __future__ import annotations

import re

from minutes.owners import clean_owner

_SPLIT = re.compile(r"\s*(?:/|,|&|\+|\band\b)\s*")
_INITIALS = re.compile(r"^[A-Z][A-Za-z]?[A-Z]{1,3}$|^[A-Z]{2,5}$")
_ROLE_WORDS = frozenset(
    [
        "chair", "chairman", "chairperson", "co-chair", "vice", "clerk", "secretary", "treasurer",
        "officer", "officers", "manager", "managers", "director", "directors", "head", "lead",
        "leads", "members", "member", "partners", "board", "team", "council", "councillors",
        "governors", "trustees", "coordinator", "co-ordinator", "administrator", "office", "panel",
        "group", "committee", "representative", "representatives", "all", "everyone", "executive",
        "deputy", "assistant", "service", "services", "chief", "inspector", "superintendent",
    ]
)
# Capitalised words that open a sentence but are not owners.
_NOT_OWNERS = frozenset(
    [
        "it", "this", "that", "there", "these", "those", "we", "they", "he", "she", "i", "you",
        "its", "our", "their", "which", "what", "when", "where", "who", "how", "if", "as", "at",
        "in", "on", "for", "from", "with", "by", "to", "of", "a", "an", "the", "and", "or", "but",
        "not", "no", "yes", "also", "however", "report", "reports", "minutes", "item", "items",
        "agenda", "meeting", "meetings", "discussion", "update", "updates", "action", "actions",
        "resolved", "agreed", "noted", "members", "public", "nil", "none", "n/a", "tbc", "tba",
        "all?", "each", "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday",
    ]
)
# The meeting's own body: when it "agrees to" something, that is a decision.
_BODIES = frozenset(
    [
        "board", "partnership", "committee", "council", "panel", "group", "meeting", "forum",
        "plenum", "members",
    ]
)
_NIL = frozenset(["nil", "none", "n/a", "na", "no action", "-", "tbc", "(none)", "no one"])
_NAME_WORD = re.compile(r"^[A-Z][A-Za-z\u00c0-\u024f'\u2019.-]*$")
MAX_OWNER_CHARS = 80
_COUNCILLORS = re.compile(r"^Cllrs\.? +")


def is_nil(text: str) -> bool:
    return text.strip(" .()").lower() in _NIL


def is_initials(word: str) -> bool:
    return bool(_INITIALS.match(word.strip(".")))


def _one_owner(part: str) -> str | None:
    words = part.split()
    if not words or len(words) > 7:
        return None
    lowered = [w.lower().strip(".,") for w in words]
    if lowered[0] in ("the", "all"):
        rest = words[1:]
        if not rest:
            return part if lowered[0] == "all" else None  # "ALL": everyone present
        if lowered[0] == "the" and len(rest) == 1 and rest[0].lower() in _BODIES:
            return None  # "the Board agreed to …" is the meeting deciding, not an owner
        if rest and all(_NAME_WORD.match(w) or w.lower() in _ROLE_WORDS or w.lower() in
                        ("of", "for", "and", "the") for w in rest):
            return part if lowered[0] == "the" else part
        return None
    if lowered[0] in _NOT_OWNERS:
        return None
    if words[-1].endswith(("'s", "\u2019s")):
        return None  # a possessive ("the Panel's meeting") names a thing, not a doer
    if len(words) == 1:
        word = words[0].strip(".")
        if word.endswith("ly") and not is_initials(word):
            return None  # "Ideally", "Currently": adverbs opening a sentence
        if is_initials(word) or (_NAME_WORD.match(word) and len(word) > 1):
            return word
        return None
    if not _NAME_WORD.match(words[0]):
        return None
    for word in words[1:]:
        if not (_NAME_WORD.match(word) or word.lower() in _ROLE_WORDS or word.lower() in
                ("of", "for", "and", "the", "de", "van", "von")):
            return None
    return part


def owners_in(text: str) -> list[str] | None:
    """The owners ``text`` names ("AA/CG", "Thibaud Colas & Jeff Triplett", "the Chair"), or
    None when it does not read as owners only."""
    text = " ".join(text.split()).strip(" .;:()[]*_")
    if not text or len(text) > MAX_OWNER_CHARS or is_nil(text):
        return None
    owners = []
    for part in _SPLIT.split(text):
        part = part.strip(" .;:()[]*_")
        if not part:
            continue
        found = _one_owner(part)
        if found is None:
            return None
        owners.append(found if found.lower().startswith(("the ", "all ")) else clean_owner(found))
    return owners or None


def owners_in_column(cell: str) -> list[str] | None:
    """The owners an owner column's cell names. Capitals there are initials even when they
    spell a word a sentence would not take as a name ("AS", "NO")."""
    found = owners_in(cell)
    if found is not None:
        return found
    parts = [p.strip(" .;:()[]*_") for p in _SPLIT.split(" ".join(cell.split()))]
    parts = [p for p in parts if p]
    if parts and all(p.isupper() and is_initials(p) for p in parts):
        return parts
    return None


def initials_legend(text: str) -> dict[str, str]:
    """Initials the attendance list explains: "Rob Patel (RP)", "RP – Rob Patel", "* RP Rob
    Patel", "Cllrs McLuckie (RM)". Read from the first lines only."""
    legend: dict[str, str] = {}
    head = text[:8000]
    for found in re.finditer(
        r"([A-Z][\w'\u2019.-]+(?: (?:[A-Z][\w'\u2019.-]+|to|of|the|for)){0,4}) \(([A-Z]{2,4})\b",
        head,
    ):
        legend.setdefault(found.group(2), _COUNCILLORS.sub("Cllr ", found.group(1)))
    for found in re.finditer(
        r"^[\s*\-\u2022]*([A-Z]{2,4})(?: *[\u2013\u2014=:-] *| +)"
        r"([A-Z][\w'.-]+(?: [A-Z][\w'.-]+){1,3})",
        head,
        re.M,
    ):
        legend.setdefault(found.group(1), found.group(2))
    return legend

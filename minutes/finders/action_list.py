"""List items under a heading or lead-in that announces actions ("Action items", "Actions",
"Resolved", "Next steps"): "Name: task", "A & B: task", "2.4: AA/CG: task", "3.1: AA to task",
"Name to task", or a bare task. "(none)" means no action."""

from __future__ import annotations

import re

from minutes.finders.base import ACTION_HEADING, Candidate, Section, cap, tail_status
from minutes.finders.names import is_nil, owners_in
from minutes.owners import split_owner

NAME = "action_list"
_KEY = re.compile(r"^(?P<key>\d{1,3}(?:\.\d{1,3})+|\d{1,3}|[A-Z]{1,4}\d{1,4})[:.)]? +")
_OWNER_COLON = re.compile(r"^(?P<owners>[^:]{1,80}?) *: +(?P<task>.+)$")


def find(section: Section) -> list[Candidate]:
    found: list[Candidate] = []
    for index, block in enumerate(section.blocks):
        if block.kind != "item" or (block.marker or "").startswith("["):
            continue
        if section.context(index) != "action":
            continue
        candidate = read_item(section.plain(index), index)
        if candidate and not candidate.owners:
            candidate.owners = _owner_heading(section, index)
        if candidate:
            candidate.quote = block.text
            found.append(candidate)
    return found


def _owner_heading(section: Section, index: int) -> list[str]:
    """The owner named by a heading of its own over the list ("George" over his tasks)."""
    heads = section.headings[index]
    if len(heads) < 2 or not heads[-1] or len(heads[-1].split()) > 3:
        return []
    if not ACTION_HEADING.search(heads[-2] or ""):
        return []  # only a name directly under "Actions" is an owner; other headings are topics
    return owners_in(heads[-1]) or []


def read_item(text: str, index: int) -> Candidate | None:
    if is_nil(text):
        return None
    key = None
    found = _KEY.match(text)
    if found:
        key, text = found.group("key"), text[found.end() :]
    text, status = tail_status(text)
    owners: list[str] = []
    colon = _OWNER_COLON.match(text)
    if colon and owners_in(colon.group("owners")):
        owners, text = owners_in(colon.group("owners")) or [], colon.group("task")
    else:
        owners, text = split_owner(text)
    if not text.strip():
        return None
    cues = {"action_heading"} | ({"owner"} if owners else set())
    return Candidate(cap(text), owners, status, "", NAME, cues, index, key)

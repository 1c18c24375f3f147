"""Actions written with an "Action" marker.

- a block that opens with the marker: "ACTION: Jo Bloggs to …", "Action 2.1: AA to …",
  "ACTION :1. Name to …", "Action: To be put on …" (no owner), "Action - A / B";
- a marker inside the block after a sentence: "… notice board. Action: To be put on …";
- an owner tag closing the text: "Revise it.  Action: KT", "Go to vote.  Done: MB Vote #4";
- an owner tag on a line of its own after the paragraph: "Action GP", "Action By: RM";
- an inline "(Action: Ian Kershaw/Clerk)" closing a paragraph.

The task of a bare tag is the sentence before it that reads as a task.
"""

from __future__ import annotations

import re

from minutes.finders.base import (
    DONE,
    NOT_A_TASK,
    OPEN,
    Candidate,
    Section,
    cap,
    plain,
    sentences,
    split_note,
    tail_status,
    wording_status,
)
from minutes.finders.names import is_nil, owners_in
from minutes.owners import split_owner
from minutes.text_blocks import is_tag_line

NAME = "marker"
_LEAD = re.compile(
    r"^(?:agreed +)?(?P<word>actions?|done)(?: +points?)?(?: +by)?"
    r"(?: +(?:no\.? *)?(?P<key>\d{1,3}(?:\.\d{1,3})*|[A-Z]{1,4}\d{1,4}))?"
    r" *(?::|[\-\u2013\u2014]+ +|(?=(?-i: +[A-Z]{2,4}\b))) *(?:(?P<num>\d{1,3})[.)] +)?",
    re.I,
)
_OWNER_SLOT = re.compile(
    r"^(?:agreed +)?actions? +(?!by\b|points?\b|items?\b)(?P<who>[A-Za-z][^:.()]{0,40}?) *: +"
    r"(?P<task>\S.*)$",
    re.I,
)
_STATUS_LINE = re.compile(
    r"^(?:actions? +)?(?:is +|has been +|was +)?(?P<word>completed?|done|closed|carried(?: forward"
    r"| over)?|ongoing|in progress|outstanding)\b",
    re.I,
)
_FRAGMENT_START = re.compile(r"[.;)] +(?=[A-Z])")
_OWNERISH = re.compile(
    r"\b(?:Cllrs?|Councillors?|Clerk|Chair(?:man)?|Mr|Mrs|Ms|Dr|Officer|Secretary|Treasurer)\b"
    r"|^[A-Z]{2,4}(?: *[/&,] *[A-Z]{2,4})*$|^ALL$|^[A-Z][a-z]+ [A-Z][a-z]+$"
)
_CAPS_LEAD = re.compile(r"^ACTIONS? +(?=[A-Z][a-z])")
_INSIDE = re.compile(r"(?<=[.!?)\]]) +(?P<word>ACTION|Action|DONE|Done)(?: +[Bb]y)? *: *")
_INLINE = re.compile(
    r"\((?:agreed +)?actions?(?: +points?)?(?: +by)? *[:\-\u2013] *([^()]{1,160})\)", re.I
)
_TRAILING_TAG = re.compile(r"\[ *([A-Z]{1,4}(?: *[/,&] *[A-Z]{1,4}){0,5}) *\]$")
_TASK_CUES = (
    re.compile(r"\b(?:would|will|agreed|asked|undertook|offered|should|must|needs? to)\b", re.I),
    re.compile(r"^(?:[A-Z]{2,4} +)?to [a-z]|\bto (?!be\b)[a-z]+\b", re.I),
)
_OWNER_COMMITS = re.compile(r"^(?:[A-Z]{2,4}|[A-Z][a-z]+ [A-Z][a-z]+) (?:to|will|would) [a-z]")
_REPORTED_TASK = re.compile(
    r"\b(?:he|she|they|but|and)(?: +(?:said|agreed|confirmed) +(?:that +)?(?:he|she|they))?"
    rf" +(?:would|will) +{NOT_A_TASK}(?P<task>[a-z].+)$"
)
_NAMED_TASK = re.compile(
    r"^(?:(?:As|It was) [a-z ]{1,30}?,? +)?(?:(?:[Tt]he +)?[A-Z][\w'\u2019-]*\.? +){1,4}"
    rf"(?:would|will|agreed to|undertook to) +{NOT_A_TASK}(?P<task>[a-z].+)$"
)
# A list item that names a subject ("4. Formatting: spaces in data types ([link](…))").
_SUBJECT_LINK = re.compile(r"\(?\[[^\]]{0,300}\]\([^)]{0,300}\)\)?")
_NUMBERING = re.compile(r"^\(?(?:\d{1,3}|[a-z])[.)] +")


def _split_tag(body: str) -> tuple[list[str], str] | None:
    """(owners, the rest) when ``body`` opens with owners only ("KT", "RP. Vote #4 …")."""
    words = body.split()
    for size in range(min(len(words), 7), 0, -1):
        head = " ".join(words[:size])
        if size < len(words) and not head.endswith((".", ",")) and words[size][:1].islower():
            continue
        owners = owners_in(head)
        if owners and all(len(o) <= 40 for o in owners):
            rest = " ".join(words[size:])
            if size == len(words) or head.endswith(".") or rest[:1].isupper() or rest[:1] == "(":
                return owners, rest
    return None


def _task_before(text: str, owners: list[str]) -> str:
    """The task a tag closes: the whole text when short, else its last sentence where the
    owner commits ("RM to ask …"), else its last sentence that reads as a task, else its last
    sentence. A commitment in reported speech keeps only what is to be done."""
    parts = sentences(text)
    if len(parts) <= 2:
        return _commitment_tail(text) if len(parts) == 1 else text
    for owner in owners:
        pattern = re.compile(rf"\b{re.escape(owner)} +(?:to|will|would|agreed to) ")
        for part in reversed(parts):
            if pattern.search(part):
                return part
    strong, weak = _TASK_CUES
    for part in reversed(parts):
        if strong.search(part):
            return _commitment_tail(part)
    if len(parts[0].split()) <= 4:
        return parts[0]  # a short instruction heads the text; the rest is its reason
    for part in reversed(parts):
        if weak.search(part):
            return part
    return parts[-1]


def _commitment_tail(sentence: str) -> str:
    """"The process was slow but he would continue to seek a way forward" -> "continue to seek
    a way forward"."""
    found = _REPORTED_TASK.search(sentence[:600]) or _NAMED_TASK.match(sentence[:600])
    return found.group("task") if found else sentence


def _subject(section: Section, index: int) -> str | None:
    """The title of the list item a short instruction sits under, if it has one."""
    for back in range(index - 1, max(-1, index - 8), -1):
        block = section.blocks[back]
        if block.kind == "heading" and block.level <= 3:
            return None
        if block.kind == "item" and block.marker and block.marker[0].isdigit():
            return _title(block.text)
    if index <= 6 and section.title:  # right under the agenda item's own title
        return _title(section.title)
    return None


def _title(text: str) -> str | None:
    title = " ".join(_SUBJECT_LINK.sub("", plain(text)).split())
    title = re.sub(r" *\([^()]{0,200}\)$", "", title)  # a closing reference: "(#251)"
    if title and not title.endswith((".", ":", "?")) and len(title.split()) <= 16:
        return title
    return None


def _with_subject(section: Section, index: int, task: str) -> str:
    """"Go to CfV." under "24. Case insensitivity" -> "Case insensitivity: Go to CfV"."""
    if len(task.split()) > 10 or _OWNER_COMMITS.search(task):
        return task
    subject = _subject(section, index)
    return f"{subject}: {task}" if subject else task


def _body_candidate(body: str, status: str | None, quote: str, index: int, cues: set[str],
                    key: str | None) -> Candidate | None:
    body, tail = tail_status(body.strip())
    body, noted = split_note(body)
    tail = tail or noted
    body = _NUMBERING.sub("", body)
    owners, text = split_owner(body)
    if not owners and text[:3].lower() != "to " and len(text.split()) > 2:
        found = re.match(r"^([A-Z]{2,4}(?: *[/,&] *[A-Z]{2,4}){0,5})[: ]+(.*)$", text)
        if found:  # "AA/CG/DS We should work with …"
            owners, text = owners_in(found.group(1)) or [], found.group(2)
    if owners:
        cues.add("owner")
        for owner in owners:  # an owner repeated in a right-hand column: "… to be   TE"
            if text.endswith(" " + owner):
                text = text[: -len(owner) - 1]
    if not text.strip():
        return None
    return Candidate(cap(text), owners, tail or status, quote, NAME, cues, index, key)


def find(section: Section) -> list[Candidate]:
    found: list[Candidate] = []
    for index, block in enumerate(section.blocks):
        if block.kind not in ("paragraph", "item"):
            continue
        text = section.plain(index)
        if block.marker and block.marker.startswith("["):
            continue  # checkbox items have their own finder
        status = _status_line(text)
        if status and found and index - found[-1].block <= 2:
            found[-1].status = status  # "Action Complete" under the action it reports on
            continue
        candidate = (
            _owner_slot(text, index)
            or _lead_marker(section, index, text)
            or _inside_marker(section, text, index)
        )
        if candidate is None:
            candidate = (
                _inline(text, index)
                or _bracket_tag(text, index)
                or _trailing_owner(section, text, index)
            )
        if candidate is not None:
            candidate.quote = candidate.quote or block.text
            found.append(candidate)
    return found


def _status_line(text: str) -> str | None:
    """The status a short line gives the action above it: "Action Complete", "Done."."""
    if len(text.split()) > 12:
        return None
    found = _STATUS_LINE.match(text)
    if not found:
        return None
    word = found.group("word").lower()
    return DONE if word.startswith(("complete", "done", "closed")) else OPEN


def _owner_slot(text: str, index: int) -> Candidate | None:
    """"Action new members: write a bio": whoever the writer put between marker and colon."""
    found = _OWNER_SLOT.match(text)
    if not found or _STATUS_LINE.match(text) or found.group("who")[:1].isdigit():
        return None
    who = found.group("who")
    owners = owners_in(who) or ([who] if who.islower() and len(who.split()) <= 3 else None)
    if not owners:
        return None
    body, status = tail_status(found.group("task"))
    body, noted = split_note(body)
    return Candidate(cap(body), owners, status or noted, text, NAME, {"marker", "owner"}, index)


def _lead_marker(section: Section, index: int, text: str) -> Candidate | None:
    found = _LEAD.match(text) or _CAPS_LEAD.match(text)
    if not found:
        return None
    word = found.groupdict().get("word") or "action"
    status = DONE if word.lower() == "done" else None
    key = found.groupdict().get("key")
    body = text[found.end() :].strip()
    if not body:
        return None  # "Actions:" over a list: the list finder reads it
    if is_nil(body):
        return Candidate("", [], None, text, NAME, {"nil"}, index)
    cues = {"marker"}
    tag = None if split_owner(body)[0] else _split_tag(body)
    if tag and (not tag[1] or tag[1][:1].isupper() or tag[1][:1] == "("):
        owners, _ = tag
        if word.lower() == "done" or len(body.split()) <= 8:
            return _tag_candidate(section, index, owners, status, text)
    if word.lower() == "done":
        return None
    return _body_candidate(body, status, "", index, cues, key)


def _tag_candidate(section: Section, index: int, owners: list[str], status: str | None,
                   quote: str) -> Candidate | None:
    """A tag line ("Action: KT") takes its task from the text before it."""
    before = section.previous_text(index)
    if before is None:
        return None
    back, block = before
    later_tags = 0
    while index + later_tags + 1 < len(section.blocks) and is_tag_line(
        section.blocks[index + later_tags + 1].text
    ):
        later_tags += 1
    task_text = section.plain(back)
    if later_tags:  # not the last of a run of tags: the sentence that names its owner
        task = _naming_sentence(section, index, owners)
        if task is None:
            return None
    else:
        task = _with_subject(section, back + 1, _task_before(task_text, owners))
    cues = {"tag", "owner"}
    tag_block = section.blocks[index]
    if later_tags:
        quote = task  # the sentence naming the owner; the tag is further down
    elif block.span and tag_block.span:  # from the task to its tag, as the source has them
        quote = section.text[block.span[0] : tag_block.span[1]]
    else:
        quote = block.text + "\n" + quote
    return Candidate(cap(task), owners, status, quote, NAME, cues, index)


def _naming_sentence(section: Section, index: int, owners: list[str]) -> str | None:
    for back in range(index - 1, max(-1, index - 5), -1):
        block = section.blocks[back]
        if block.kind == "heading":
            return None
        for sentence in reversed(section.sentences(back)):
            if any(owner in sentence.split() for owner in owners):
                return sentence
    return None


def _inside_marker(section: Section, text: str, index: int) -> Candidate | None:
    found = None
    for match in _INSIDE.finditer(text[:4000]):
        found = match  # the last marker in the text
    if found is None:
        return None
    before, body = text[: found.start()].strip(), text[found.end() :].strip()
    status = DONE if found.group("word").lower() == "done" else None
    if is_nil(body):
        return None
    tag = _split_tag(body)
    if tag:
        owners = tag[0]
        task = _with_subject(section, index, _task_before(before, owners))
        return Candidate(cap(task), owners, status, text, NAME,
                         {"tag", "owner", "marker"}, index)
    if status:
        return None
    return _body_candidate(body, None, text, index, {"marker"}, None)


def _inline(text: str, index: int) -> Candidate | None:
    matches = list(_INLINE.finditer(text[:4000]))
    if not matches:
        return None
    last = matches[-1]
    inner = last.group(1).strip()
    owners = owners_in(inner)
    if owners is None:
        return _body_candidate(inner, None, text, index, {"marker", "inline"}, None)
    parts = sentences(text[: last.start()])
    task = parts[-1] if parts else ""
    if not task:
        return None
    return Candidate(cap(task), owners, None, text, NAME, {"marker", "inline", "owner"}, index)


def _trailing_owner(section: Section, text: str, index: int) -> Candidate | None:
    """An owner column flattened onto the end of the text: "… advise the council. Clerk",
    "… would liaise with the supplier. Cllr. A. Jones". Only a role, a titled name, a full
    name or initials count: a lone word there is as likely a heading or a note ("Noted")."""
    tail_from = max(0, len(text) - 90)
    ends = [m.end() for m in _FRAGMENT_START.finditer(text, tail_from)]
    for start in reversed(ends):  # the shortest fragment that reads as owners
        fragment = text[start:].strip()
        owners = owners_in(fragment) if _OWNERISH.search(fragment) else None
        if owners:
            break
    else:
        return None
    before = text[:start].strip()
    if len(before.split()) < 3:
        return None
    task = _task_before(before, owners)
    status = wording_status(task)
    cues = {"trailing_owner", "owner"}
    return Candidate(cap(task), owners, status, text, NAME, cues, index)


def _bracket_tag(text: str, index: int) -> Candidate | None:
    """"Circulate the draft. [SM / RP]": initials in brackets closing the text."""
    found = _TRAILING_TAG.search(text[-60:])
    if not found:
        return None
    owners = owners_in(found.group(1))
    task = text[: len(text) - len(found.group(0))].strip()
    if not owners or not task:
        return None
    return Candidate(cap(_task_before(task, owners)), owners, None, text, NAME, {"tag", "owner"},
                     index)


__all__ = ["find", "NAME", "OPEN"]

"""Matching a typed or written name to the people on the board.

Pure functions over plain values: tolerant of case, titles (Councillor, Cllr, DS, Dr...),
curly apostrophes, nicknames ("Dan" for "Daniel", via the ``nicknames`` dataset), a first name
or a titled surname alone when only one person fits, and small typos (rapidfuzz). When the best
candidates are equally good the caller gets them all instead of a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from nicknames import NickNamer
from rapidfuzz import fuzz, process

TITLES = frozenset(
    [
        "councillor",
        "cllr",
        "clr",
        "cllr.",
        "mayor",
        "alderman",
        "ds",
        "dc",
        "di",
        "dci",
        "dsi",
        "dsupt",
        "supt",
        "ch",
        "chief",
        "superintendent",
        "inspector",
        "insp",
        "sergeant",
        "sgt",
        "pc",
        "psc",
        "detective",
        "constable",
        "commander",
        "dr",
        "doctor",
        "prof",
        "professor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "revd",
    ]
)

# Words that mark an owner as a role or a group rather than a person.
ROLE_WORDS = frozenset(
    [
        "board",
        "boards",
        "member",
        "members",
        "chair",
        "chairs",
        "co-chairs",
        "clerk",
        "clerks",
        "secretariat",
        "team",
        "teams",
        "partnership",
        "partners",
        "partner",
        "group",
        "groups",
        "officer",
        "officers",
        "council",
        "service",
        "services",
        "all",
        "everyone",
        "committee",
        "panel",
        "mps",
        "police",
        "nhs",
        "icb",
        "lbbd",
        "cabinet",
        "subgroup",
        "sub-group",
    ]
)

FUZZY_CUTOFF = 85.0
_NON_NAME = re.compile(r"[^\w' -]+")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")
# "Katie Jones - LBBD", "Katie Jones | Police", "Katie Jones / Council": the name comes first.
_AFFILIATION = re.compile(r"\s+[-\u2013\u2014|/:]\s+.*$")


@dataclass(frozen=True)
class NamedPerson:
    """A person as the matcher sees them: id, display name and any aliases."""

    id: int
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class NameMatch:
    """The outcome of matching: one person, several candidates, or nobody."""

    people: tuple[NamedPerson, ...]
    score: float = 0.0

    @property
    def unique(self) -> NamedPerson | None:
        return self.people[0] if len(self.people) == 1 else None


@lru_cache(maxsize=8192)  # names recur in every document and every lookup
def clean(name: str) -> str:
    """Case-fold, straighten apostrophes, drop punctuation and spacing noise."""
    name = unicodedata.normalize("NFKC", name).replace("\u2019", "'").replace("\u2018", "'")
    name = _NON_NAME.sub(" ", name.casefold())
    return " ".join(name.split())


def teams_display_name(name: str) -> str:
    """A Teams display name as a person's name: "Hodgson, Jade" -> "Jade Hodgson"; an
    organisation or tag in brackets ("(LBBD)", "[EXT]") or after a dash, bar or slash
    ("Katie Jones - LBBD") is dropped. Titles stay (matching ignores them)."""
    name = unicodedata.normalize("NFKC", name)
    name = _BRACKETED.sub(" ", _BRACKETED.sub(" ", name))
    name = _AFFILIATION.sub("", " ".join(name.split()))
    surname, comma, given = name.partition(",")
    if comma and surname.strip() and given.strip() and "," not in given:
        name = f"{given.strip()} {surname.strip()}"
    return " ".join(name.split()).strip(" -,")


def split_title(name: str) -> tuple[str | None, str]:
    """("Councillor", "Carpenter") from "Councillor Carpenter"; (None, name) if untitled."""
    words = name.split()
    titles = []
    while len(words) > 1 and clean(words[0]).rstrip(".") in TITLES:
        titles.append(words.pop(0))
    return (" ".join(titles) or None), " ".join(words)


@lru_cache(maxsize=8192)
def tokens(name: str) -> tuple[str, ...]:
    """The name's words without titles: ("james", "rush") for "DS James Rush"."""
    words = clean(name).split()
    while len(words) > 1 and words[0].rstrip(".") in TITLES:
        words.pop(0)
    return tuple(words)


def is_role(name: str) -> bool:
    """True for owners such as "Board members", "CSP Board Chairs" or "Clerk"."""
    words = set(clean(name).split())
    return bool(words & ROLE_WORDS)


@lru_cache(maxsize=1)
def _namer() -> NickNamer:
    return NickNamer()


@lru_cache(maxsize=4096)
def given_name_forms(first: str) -> frozenset[str]:
    """A first name with its nicknames and the names it is a nickname of."""
    namer = _namer()
    return frozenset({first} | namer.nicknames_of(first) | namer.canonicals_of(first))


def fuller_name(written: str, known: str) -> bool:
    """True when ``written`` gives the full form of ``known``'s first name ("Daniel James"
    for "Dan James"), so it makes the better display name."""
    new, old = tokens(written), tokens(known)
    if len(new) < 2 or len(new) != len(old) or new[1:] != old[1:] or new[0] == old[0]:
        return False
    return new[0] in _namer().canonicals_of(old[0])


def _pair_score(query: tuple[str, ...], known: tuple[str, ...], titled: bool) -> float:
    """How well a query's words fit one known name's words (0 when they do not)."""
    if not query or not known:
        return 0.0
    if query == known:
        return 100.0
    q_first, q_last, k_first, k_last = query[0], query[-1], known[0], known[-1]
    if len(query) > 1 and len(known) > 1:
        if q_last == k_last and (q_first in given_name_forms(k_first)):
            return 95.0
        return 0.0
    if len(query) == 1 and len(known) > 1:
        # A titled single word ("Councillor Carpenter") is a surname; a bare one a first name.
        if titled:
            return 90.0 if q_first == k_last else 0.0
        if q_first == k_first:
            return 90.0
        return 85.0 if q_first in given_name_forms(k_first) else 0.0
    if len(query) > 1 and len(known) == 1:
        # The board only knows them by a titled surname ("Councillor Carpenter").
        return 90.0 if q_last == k_first else 0.0
    return 0.0


class NameIndex:
    """People prepared once for repeated lookups: dictionaries by first and last name, so a
    lookup touches only the people who could match, and rapidfuzz for typos."""

    def __init__(self, people: list[NamedPerson]) -> None:
        self._entries: list[tuple[NamedPerson, tuple[str, ...]]] = []
        self._choices: list[str] = []
        self._exact: dict[tuple[str, ...], set[int]] = {}
        self._by_first: dict[str, set[int]] = {}
        self._by_last: dict[str, set[int]] = {}
        for person in people:
            self.add(person)

    def add(self, person: NamedPerson) -> None:
        """Index one more person (and their aliases)."""
        for form in (person.name, *person.aliases):
            toks = tokens(form)
            if not toks:
                continue
            i = len(self._entries)
            self._entries.append((person, toks))
            self._choices.append(" ".join(toks))
            self._exact.setdefault(toks, set()).add(i)
            self._by_first.setdefault(toks[0], set()).add(i)
            self._by_last.setdefault(toks[-1], set()).add(i)

    def _candidates(self, query: tuple[str, ...], titled: bool) -> set[int]:
        if len(query) > 1 or titled:
            # Same surname, or known only by that one (titled) word.
            return self._by_last.get(query[-1], set()) | self._by_first.get(query[-1], set())
        found: set[int] = set()
        for form in given_name_forms(query[0]):
            found |= self._by_first.get(form, set())
        return found

    def match(self, name: str) -> NameMatch:
        title, _ = split_title(name.strip())
        query = tokens(name)
        if not query:
            return NameMatch(())
        exact = self._exact.get(query)
        if exact:
            found = {self._entries[i][0].id: self._entries[i][0] for i in exact}
            return NameMatch(tuple(found.values()), 100.0)
        best: dict[int, tuple[float, NamedPerson]] = {}

        def consider(person: NamedPerson, score: float) -> None:
            if score and score > best.get(person.id, (0.0, person))[0]:
                best[person.id] = (score, person)

        for i in self._candidates(query, title is not None):
            person, known = self._entries[i]
            consider(person, _pair_score(query, known, titled=title is not None))
        if not best and len(query) > 1:
            for _, score, i in process.extract(
                " ".join(query),
                self._choices,
                scorer=fuzz.ratio,
                score_cutoff=FUZZY_CUTOFF,
                limit=5,
            ):
                consider(self._entries[i][0], score)
        if not best:
            return NameMatch(())
        top = max(score for score, _ in best.values())
        # Anything within a few points of the best is a real alternative: ask, don't guess.
        close = sorted((p for s, p in best.values() if s >= top - 3), key=lambda p: p.name)
        return NameMatch(tuple(close), top)

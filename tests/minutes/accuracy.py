"""Precision and recall of extracted actions against hand labels, measured the way the project's
scorer measures them: actions paired greedily by text similarity (best pairs first, at least
0.55), owners compared as written after dropping courtesy titles, status compared exactly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "to", "the", "a", "an", "and", "of", "on", "in", "for", "with", "be", "is", "this", "that",
        "at", "by",
    ]
)
_TITLES = re.compile(r"^(councillor|cllr|ds|dci|di|dc|pc|dr|mr|mrs|ms|miss)\.?\s+", re.I)
PAIR_AT = 0.55


def _tokens(text: str) -> list[str]:
    return [w for w in _WORD.findall((text or "").lower().replace("\u2019", "'")) if w not in _STOP]


def similarity(a: str, b: str) -> float:
    ta, tb = set(_tokens(a)), set(_tokens(b))
    if not ta or not tb:
        return 0.0
    contain = len(ta & tb) / min(len(ta), len(tb))
    jaccard = len(ta & tb) / len(ta | tb)
    sequence = SequenceMatcher(None, " ".join(_tokens(a)), " ".join(_tokens(b))).ratio()
    return max(sequence, (contain + jaccard) / 2)


def _owner(name: str) -> str:
    name = _TITLES.sub("", (name or "").strip().lower().replace("\u2019", "'"))
    return " ".join(_WORD.findall(name))


def owners_equal(gold: list[str], got: list[str]) -> bool:
    wanted, found = sorted(map(_owner, gold)), sorted(map(_owner, got))
    if len(wanted) != len(found):
        return False
    used: set[int] = set()
    for x in wanted:
        hit = next(
            (
                i
                for i, y in enumerate(found)
                if i not in used
                and (x == y or (x and y and (x in y or y in x))
                     or SequenceMatcher(None, x, y).ratio() >= 0.85)
            ),
            None,
        )
        if hit is None:
            return False
        used.add(hit)
    return True


@dataclass
class Tally:
    matched: int = 0
    found: int = 0
    wanted: int = 0
    owners_right: int = 0
    status_right: int = 0

    def add(self, gold: list[dict], got: list[dict]) -> None:
        pairs = sorted(
            ((similarity(g["text"], p["text"]), i, j)
             for i, g in enumerate(gold) for j, p in enumerate(got)),
            reverse=True,
        )
        used_gold: set[int] = set()
        used_got: set[int] = set()
        for value, i, j in pairs:
            if value < PAIR_AT:
                break
            if i in used_gold or j in used_got:
                continue
            used_gold.add(i)
            used_got.add(j)
            self.matched += 1
            self.owners_right += owners_equal(gold[i]["owners"], got[j]["owners"])
            self.status_right += gold[i]["status"] == got[j]["status"]
        self.found += len(got)
        self.wanted += len(gold)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else float(self.wanted == 0)

    @property
    def recall(self) -> float:
        return self.matched / self.wanted if self.wanted else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def owners(self) -> float:
        return self.owners_right / self.matched if self.matched else 0.0

    @property
    def status(self) -> float:
        return self.status_right / self.matched if self.matched else 0.0

    def line(self) -> str:
        return (
            f"actions F1 {self.f1:.2f} (P {self.precision:.2f} R {self.recall:.2f}, "
            f"{self.matched}/{self.wanted}), owners {self.owners:.0%}, status {self.status:.0%}"
        )

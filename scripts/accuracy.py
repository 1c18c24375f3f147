"""Extraction accuracy over the sample minutes against the hand labels.

Actions are paired with labels by text similarity (rapidfuzz ratio >= 85, best pairs
first); owners are compared as sets of (action, owner) pairs; status over matched actions;
forward plan items by month and fuzzy title. Prints precision / recall per measure.

    .venv/bin/python scripts/accuracy.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from minutes.extract import extraction_json  # noqa: E402
from minutes.parser import parse_minutes  # noqa: E402
from minutes.readers import read_document  # noqa: E402

SAMPLES = ROOT / "samples" / "minutes"
EXPECTED = ROOT / "tests" / "fixtures" / "expected"
CUTOFF = 85.0


def pair(got: list[str], wanted: list[str]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of similar strings, best scores first."""
    scores = sorted(
        ((fuzz.ratio(g, w), i, j) for i, g in enumerate(got) for j, w in enumerate(wanted)),
        reverse=True,
    )
    used_got, used_wanted, pairs = set(), set(), []
    for score, i, j in scores:
        if score >= CUTOFF and i not in used_got and j not in used_wanted:
            used_got.add(i)
            used_wanted.add(j)
            pairs.append((i, j))
    return pairs


class Tally:
    def __init__(self) -> None:
        self.true_positive = self.got = self.wanted = 0

    def add(self, true_positive: int, got: int, wanted: int) -> None:
        self.true_positive += true_positive
        self.got += got
        self.wanted += wanted

    def row(self, name: str) -> str:
        precision = self.true_positive / self.got if self.got else 1.0
        recall = self.true_positive / self.wanted if self.wanted else 1.0
        counts = f"{self.true_positive:>6}{self.got:>6}{self.wanted:>7}"
        return f"{name:<22}{precision:>10.1%}{recall:>10.1%}{counts}"


def main() -> int:
    tallies = {
        name: Tally() for name in ("actions", "owners", "status", "agenda item", "forward plan")
    }
    dates = {"meeting date": [0, 0], "next meeting date": [0, 0]}
    for sample in sorted(SAMPLES.iterdir()):
        expected = json.loads((EXPECTED / f"{sample.name}.json").read_text(encoding="utf-8"))
        got = extraction_json(parse_minutes(read_document(sample)[0]))
        got_actions, wanted_actions = got["actions"], expected["actions"]
        pairs = pair([a["text"] for a in got_actions], [a["text"] for a in wanted_actions])
        tallies["actions"].add(len(pairs), len(got_actions), len(wanted_actions))
        owners_got = {(j, o) for i, j in pairs for o in got_actions[i]["owners"]}
        owners_wanted = {(j, o) for j, a in enumerate(wanted_actions) for o in a["owners"]}
        tallies["owners"].add(
            len(owners_got & owners_wanted),
            sum(len(a["owners"]) for a in got_actions),
            len(owners_wanted),
        )
        for key, name in (("status", "status"), ("agenda_item", "agenda item")):
            same = sum(got_actions[i][key] == wanted_actions[j][key] for i, j in pairs)
            tallies[name].add(same, len(got_actions), len(wanted_actions))
        for month in {p["meeting"] for p in got["forward_plan"] + expected["forward_plan"]}:
            got_titles = [p["title"] for p in got["forward_plan"] if p["meeting"] == month]
            wanted_titles = [p["title"] for p in expected["forward_plan"] if p["meeting"] == month]
            tallies["forward plan"].add(
                len(pair(got_titles, wanted_titles)), len(got_titles), len(wanted_titles)
            )
        for key, name in (
            ("meeting_date", "meeting date"),
            ("next_meeting_date", "next meeting date"),
        ):
            dates[name][0] += got[key] == expected[key]
            dates[name][1] += 1
    print(f"{'measure':<22}{'precision':>10}{'recall':>10}{'tp':>6}{'got':>6}{'wanted':>7}")
    for name, tally in tallies.items():
        print(tally.row(name))
    for name, (right, total) in dates.items():
        print(f"{name:<22}{'accuracy':>10}{right / total:>10.1%}{right:>6}{total:>6}")
    print(
        f"({len(list(SAMPLES.iterdir()))} documents; status and agenda item are counted over "
        "matched actions, so their precision and recall include missed actions)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

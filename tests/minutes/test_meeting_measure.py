"""Measures, not locks: forward-plan precision/recall and date accuracy over every labelled
document (the development set in ../shared/minutes-dev, its real files, and the five samples),
scored as ../shared/tools/score_extract.py scores them. Floors sit a little under what Clerk
reaches; raise them as it improves."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from minutes.extract import extract_file
from minutes.model import NotMinutes
from minutes.readers import UnreadableDocument

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "minutes-dev"
SCORER = SHARED / "tools" / "score_extract.py"
SAMPLES = ROOT / "samples" / "minutes"
EXPECTED = ROOT / "tests" / "fixtures" / "expected"

# (label directory, forward plan F1 floor, dates floor)
FLOORS = {"dev": (DEV, 0.75, 0.85), "files": (DEV / "files", 0.78, 0.8)}


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extract", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _document(label_path: Path, label: dict) -> Path | None:
    if "file" in label:
        return label_path.parent / label["file"]
    found = [p for p in label_path.parent.glob(label_path.stem + ".*") if p.suffix != ".json"]
    return found[0] if found else None


def measure(pairs: list[tuple[dict, Path]]) -> tuple[float, float, float, float]:
    """(plan precision, plan recall, plan F1, share of dates right) over (label, document)."""
    score = _scorer()
    tp = predicted = gold = dates_ok = dates_n = 0
    for label, document in pairs:
        try:
            out = extract_file(document)
        except (UnreadableDocument, NotMinutes):
            out = {}
        want = [dict(x, m=score.month_of(x["meeting"])) for x in label.get("forward_plan", [])]
        got = [dict(x, m=score.month_of(x.get("meeting"))) for x in out.get("forward_plan", [])]
        matched = score.match(want, got, "title", 0.5)
        tp += sum(1 for w, g in matched if w["m"] is None or w["m"] == g["m"])
        predicted += len(got)
        gold += len(want)
        for key in ("meeting_date", "next_meeting_date"):
            wanted = label.get(key)
            if wanted:
                dates_n += 1
                value = str(out.get(key) or "")
                dates_ok += value == wanted or (len(wanted) == 7 and value[:7] == wanted)
    precision, recall, f1 = score.prf(tp, predicted, gold)
    return precision, recall, f1, dates_ok / dates_n if dates_n else 1.0


@pytest.mark.skipif(not SCORER.exists(), reason="../shared (development set) not present")
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_forward_plan_and_dates_on_the_development_set(name):
    folder, plan_floor, dates_floor = FLOORS[name]
    pairs = []
    for label_path in sorted(folder.glob("*.json")):
        label = json.loads(label_path.read_text(encoding="utf-8"))
        document = _document(label_path, label)
        if document is not None and document.exists():
            pairs.append((label, document))
    assert pairs
    precision, recall, f1, dates = measure(pairs)
    print(f"{name}: forward plan P {precision:.2f} R {recall:.2f} F1 {f1:.2f}, dates {dates:.0%}")
    assert f1 >= plan_floor, (precision, recall, f1)
    assert dates >= dates_floor, dates


@pytest.mark.skipif(not SCORER.exists(), reason="../shared (scorer) not present")
def test_forward_plan_and_dates_on_the_samples_stay_perfect():
    pairs = []
    for sample in sorted(SAMPLES.iterdir()):
        label = json.loads((EXPECTED / f"{sample.name}.json").read_text(encoding="utf-8"))
        pairs.append((label, sample))
    precision, recall, f1, dates = measure(pairs)
    assert (precision, recall, dates) == (1.0, 1.0, 1.0)

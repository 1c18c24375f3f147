"""Every sample document against its hand-written labels (tests/fixtures/expected)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minutes.extract import extract_file, extraction_json
from minutes.parser import parse_minutes
from minutes.readers import read_document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples" / "minutes").iterdir())
EXPECTED = ROOT / "tests" / "fixtures" / "expected"
EXTRA_KEYS = ("meeting_month", "chair", "contact", "minute_taker")


def labels(sample: Path) -> dict:
    return json.loads((EXPECTED / f"{sample.name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.name)
def case(request) -> tuple[dict, dict]:
    text, _ = read_document(request.param)
    return extraction_json(parse_minutes(text)), labels(request.param)


def test_every_sample_is_labelled():
    assert {p.name + ".json" for p in SAMPLES} == {p.name for p in EXPECTED.iterdir()}


def test_required_keys(case):
    got, _ = case
    assert {"meeting_date", "next_meeting_date", "actions", "forward_plan", "warnings"} <= set(got)


def test_dates(case):
    got, expected = case
    assert (got["meeting_date"], got["next_meeting_date"]) == (
        expected["meeting_date"],
        expected["next_meeting_date"],
    )


def test_actions_carry_their_evidence(case):
    """Every action says how sure the reading is, which finder proposed it, and quotes its
    source exactly (how many are right is measured in test_extraction_accuracy)."""
    got, _ = case
    for action in got["actions"]:
        assert 0.5 <= action["confidence"] <= 1.0
        assert action["finder"]
        assert action["quote"]


def test_forward_plan(case):
    got, expected = case
    plan = [{"meeting": p["meeting"], "title": p["title"]} for p in got["forward_plan"]]
    assert plan == expected["forward_plan"]


def test_warnings_present(case):
    got, expected = case
    for wanted in expected["warnings"]:
        assert any(wanted in warning for warning in got["warnings"]), (wanted, got["warnings"])


def test_meeting_details(case):
    got, expected = case
    for key in EXTRA_KEYS:
        if key in expected:
            assert got[key] == expected[key], key
    for key, value in expected.get("next_meeting", {}).items():
        assert got["next_meeting"][key] == value, key


def test_extract_file_matches(tmp_path):
    sample = ROOT / "samples" / "minutes" / "lbbd-csp-2023-12-06.md"
    assert (
        extract_file(sample)["actions"]
        == extraction_json(parse_minutes(read_document(sample)[0]))["actions"]
    )

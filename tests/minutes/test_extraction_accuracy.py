"""How well actions are read, measured over every labelled document: the five samples, the
development set of real minutes (../shared/minutes-dev) and its real files when readable.

The floors sit a little under the figures reached, so a change that reads minutes worse fails
here while a change that reads them better is free to land. The shared sets are skipped when
this checkout has no ../shared beside it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minutes.extract import extraction_json
from minutes.parser import parse_minutes
from minutes.readers import UnreadableDocument, read_document, read_structured
from tests.minutes.accuracy import Tally

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "minutes"
EXPECTED = ROOT / "tests" / "fixtures" / "expected"
DEV = ROOT.parent / "shared" / "minutes-dev"
FILES = DEV / "files"
# The real files depend on the file readers too (PDF layout, legacy .doc): these floors guard
# what the action finders reach through today's readers' blocks.
FILES_F1_FLOOR = 0.62
FILES_PRECISION_FLOOR = 0.80


def _measure(pairs: list[tuple[dict, Path]]) -> Tally:
    tally = Tally()
    for labels, document in pairs:
        try:
            read = read_structured(document)
        except UnreadableDocument:
            read = None
        got = extraction_json(parse_minutes(read))["actions"] if read else []
        tally.add(labels.get("actions", []), got)
    return tally


def _labelled(folder: Path) -> list[tuple[dict, Path]]:
    pairs = []
    for label in sorted(folder.glob("*.json")):
        labels = json.loads(label.read_text(encoding="utf-8"))
        named = folder / labels["file"] if "file" in labels else None
        document = named if named and named.exists() else next(
            (p for p in folder.glob(label.stem + ".*") if p.suffix != ".json"), None
        )
        if document is not None:
            pairs.append((labels, document))
    return pairs


def test_samples_are_read_completely():
    pairs = [
        (json.loads((EXPECTED / f"{p.name}.json").read_text(encoding="utf-8")), p)
        for p in sorted(SAMPLES.iterdir())
    ]
    tally = _measure(pairs)
    assert (tally.precision, tally.recall, tally.owners, tally.status) == (1.0, 1.0, 1.0, 1.0), (
        tally.line()
    )


@pytest.mark.skipif(not DEV.is_dir(), reason="no ../shared/minutes-dev beside this checkout")
def test_development_set_floor():
    tally = _measure(_labelled(DEV))
    assert tally.wanted >= 100, "the development set lost its labels"
    assert tally.f1 >= 0.86, tally.line()
    assert tally.precision >= 0.88, tally.line()
    assert tally.owners >= 0.92, tally.line()
    assert tally.status >= 0.95, tally.line()


@pytest.mark.skipif(not FILES.is_dir(), reason="no ../shared/minutes-dev/files here")
def test_real_files_floor():
    tally = _measure(_labelled(FILES))
    assert tally.wanted >= 100, "the real files lost their labels"
    assert tally.f1 >= FILES_F1_FLOOR, tally.line()
    assert tally.precision >= FILES_PRECISION_FLOOR, tally.line()
    assert tally.owners >= 0.88, tally.line()



def _documents() -> list[Path]:
    shared = sorted(DEV.glob("*.txt")) if DEV.is_dir() else []
    return [*sorted(SAMPLES.iterdir()), *shared]


@pytest.mark.parametrize("document", _documents(), ids=lambda p: p.name)
def test_every_quote_is_exact_source_text(document):
    text, _ = read_document(document)
    for action in parse_minutes(text).actions:
        assert action.quote in text, action.quote

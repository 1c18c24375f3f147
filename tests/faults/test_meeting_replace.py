"""A new document never silently replaces the meeting another document was read for."""

from __future__ import annotations

from tests.conftest import SAMPLES

DECEMBER = SAMPLES / "lbbd-csp-2023-12-06.md"
# Not minutes at all, but it carries the December meeting's date.
GARBAGE = ("Minutes of the meeting held on 6 December 2023\n\n"
           "1. Nothing of note\nxx yy zz\nACTION: nothing at all\n")


def _agenda(clerk_cli) -> str:
    code, seen, _ = clerk_cli("search", "Tootoot")
    assert code == 0
    return seen


def test_a_document_with_an_existing_meetings_date_is_refused_without_replace(
        app, clerk_cli, tmp_path):  # app: the database is emptied afterwards
    assert clerk_cli("ingest", str(DECEMBER))[0] == 0
    before = _agenda(clerk_cli)
    stray = tmp_path / "stray.txt"
    stray.write_text(GARBAGE)
    code, seen, said = clerk_cli("ingest", str(stray))
    assert code == 1
    assert "stray.txt: not ingested" in said and "already read from lbbd-csp-2023-12-06.md" in said
    assert "--replace" in said
    assert _agenda(clerk_cli) == before and "Nothing of note" not in before
    code, seen, _ = clerk_cli("actions", "--status", "all")
    assert "nothing at all" not in seen

    # The same document again stays idempotent; --replace is the one way to replace.
    code, seen, _ = clerk_cli("ingest", str(DECEMBER))
    assert code == 0 and "already ingested; nothing changed" in seen
    code, seen, _ = clerk_cli("ingest", "--replace", str(stray))
    assert code == 0 and "meeting 2023-12-06" in seen
    code, seen, _ = clerk_cli("meetings")
    assert seen.count("2023-12-06") == 1

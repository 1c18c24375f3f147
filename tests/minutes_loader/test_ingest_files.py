"""Several documents at once: read and parsed in worker processes, stored here in order."""

from minutes.ingest import ingest_files
from minutes.readers import UnreadableDocument
from storage.wiring import open_app
from tests.conftest import SAMPLES
from tests.minutes_loader.test_samples import LBBD


def action_log(app) -> list[tuple]:
    return [(a.number, a.text, a.status, a.owners) for a in app.clerk.actions(status="all")]


def test_a_batch_stores_what_one_document_at_a_time_stores(app, tmp_path):
    paths = [SAMPLES / name for name in LBBD]
    batch = list(ingest_files(app.uow, paths, board=app.clerk.board, workers=1))
    one_by_one = open_app(f"sqlite:///{tmp_path / 'one-by-one.db'}", admins=[])
    singles = list(ingest_files(one_by_one.uow, paths, board=one_by_one.clerk.board, workers=0))
    try:
        assert [path for path, _ in batch] == paths  # in the order given
        assert [s.meeting_date for _, s in batch] == [s.meeting_date for _, s in singles]
        assert [s.actions_new for _, s in batch] == [s.actions_new for _, s in singles]
        assert len(action_log(app)) > 20
        assert action_log(app) == action_log(one_by_one)
    finally:
        one_by_one.db.dispose()


def test_an_unreadable_document_fails_alone(app, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    paths = [SAMPLES / LBBD[0], empty, SAMPLES / LBBD[1]]
    (_, first), (_, failed), (_, last) = ingest_files(app.uow, paths, board=app.clerk.board,
                                                      workers=1)
    assert isinstance(failed, UnreadableDocument)
    assert str(failed) == "empty.txt: the file is empty"
    assert (first.meeting_date.isoformat(), last.meeting_date.isoformat()) == (
        "2020-12-09", "2021-09-01")
    assert [m.date for m in app.clerk.meetings() if m.status == "held"] == [
        first.meeting_date, last.meeting_date]


def test_clerk_ingest_reports_each_document_and_fails_on_a_bad_one(app, clerk_cli, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("")
    code, out, err = clerk_cli("ingest", str(SAMPLES / LBBD[0]), str(bad))
    assert code == 1
    assert "lbbd-csp-2020-12-09.txt: meeting 2020-12-09; actions" in out
    assert "notes.txt: not ingested: notes.txt: the file is empty" in err
    code, out, _ = clerk_cli("ingest", str(SAMPLES / LBBD[0]))
    assert (code, out.strip()) == (0, "lbbd-csp-2020-12-09.txt: already ingested; nothing changed.")

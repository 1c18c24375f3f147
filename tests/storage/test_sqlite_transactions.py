"""SQLite, the embedded database: a reply that only reads never waits for a writer, writers
queue for each other (threads and processes), and the planner gets statistics once they mean
something."""

from __future__ import annotations

import fcntl
import threading

import pytest
from sqlalchemy import insert, select, text

from storage.db import Database
from storage.models import Action, ActionOwner, Board, Person


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'clerk.db'}")
    yield database
    database.dispose()


def in_thread(work) -> threading.Thread:
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def test_a_read_does_not_wait_for_a_write_in_progress(db):
    seen = []
    with db.transaction() as writer:
        writer.execute(insert(Board).values(name="Being written", next_action_number=1))

        def read() -> None:
            with db.transaction(read=True) as session:
                seen.append(session.scalars(select(Board.name)).all())

        reader = in_thread(read)
        reader.join(timeout=5)  # a read taking the write lock would wait 30 s (busy timeout)
        assert not reader.is_alive()
    assert seen == [[]]  # the snapshot from before the uncommitted write


def test_a_second_writer_waits_for_the_first_and_then_goes_ahead(db):
    order = []
    with db.transaction() as first:
        first.execute(insert(Board).values(name="First", next_action_number=1))

        def write() -> None:
            with db.transaction() as second:
                order.append(second.scalars(select(Board.name)).all())
                second.execute(insert(Board).values(name="Second", next_action_number=1))

        writer = in_thread(write)
        writer.join(timeout=0.5)
        assert writer.is_alive()  # queued behind the first writer
        order.append("first commits")
    writer.join(timeout=5)
    assert order == ["first commits", ["First"]]
    with db.transaction(read=True) as session:
        assert session.scalars(select(Board.name).order_by(Board.id)).all() == ["First", "Second"]


def stats(db) -> set[str]:
    with db.engine.connect() as conn:
        found = conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"))
        if not found.first():
            return set()
        return set(conn.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1")).scalars())


def test_planner_statistics_wait_until_the_log_is_large(db):
    """Statistics of near-empty tables would mislead the planner once they fill."""
    with db.transaction() as session:
        session.execute(insert(Board).values(id=1, name="Board", next_action_number=1))
        session.execute(insert(Person), [{"id": i, "display_name": f"Person {i}"}
                                         for i in range(1, 301)])
    db.refresh_statistics()
    assert stats(db) == set()
    with db.transaction() as session:
        session.execute(insert(Action), [
            {"board_id": 1, "number": n, "text": f"action {n}", "match_key": f"action {n}",
             "status": "open"} for n in range(1, 3001)
        ])
        session.execute(insert(ActionOwner), [
            {"action_id": n, "position": 0, "person_id": n % 300 + 1} for n in range(1, 3001)
        ])
    db.refresh_statistics()  # as `clerk ingest` does after storing minutes
    assert {"actions", "action_owners", "people"} <= stats(db)


def test_writers_queue_on_a_lock_file_that_other_processes_share(db, tmp_path):
    """Another Clerk process (here: another open file description of <database>.lock) waits
    for this one's write to commit, and this one waits for the other's; reads take no lock."""
    lock_path = tmp_path / "clerk.db.lock"
    add_board = insert(Board).values(name="North", next_action_number=1)
    with db.transaction() as session:
        session.execute(add_board)
        with open(lock_path, "a+b") as other, pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    events: list[str] = []
    with open(lock_path, "a+b") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again once committed
        with db.transaction(read=True) as session:  # a read does not wait for it
            session.execute(select(Board.id)).all()

        def write() -> None:
            with db.transaction() as session:
                events.append("write began")
                session.execute(insert(Board).values(name="South", next_action_number=1))

        writer = in_thread(write)
        writer.join(0.3)
        events.append("other process done")
        fcntl.flock(other, fcntl.LOCK_UN)
    writer.join(5)
    assert events == ["other process done", "write began"]

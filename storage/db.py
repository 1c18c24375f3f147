"""Engine, sessions and schema migrations for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import psycopg
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from board.errors import Unavailable

DEFAULT_URL = "sqlite:///clerk.db"
MIGRATIONS = Path(__file__).parent / "migrations"
READ_ONLY = "clerk_read_only"  # execution option: a transaction that never writes

# Every wait on the database is bounded, so a turn always gets an honest answer in seconds.
CONNECT_TIMEOUT = 3  # seconds to open a connection (libpq's connect_timeout; SQLite's open)
STATEMENT_TIMEOUT = 5.0  # seconds a statement may run (PostgreSQL ends it; SQLite's busy wait)
# PostgreSQL also ends a transaction left idle this long (a client that died mid-transaction
# holds no locks for more than this).
IDLE_IN_TRANSACTION_TIMEOUT = 10.0
# Client side: the longest Clerk waits for any answer on a PostgreSQL connection. A server that
# is stopped (SIGSTOP), or a network that swallows packets, never ends a statement itself, and
# its kernel still acknowledges TCP and keepalives: only the client can give up.
ANSWER_TIMEOUT = STATEMENT_TIMEOUT + 1.0
POOL_TIMEOUT = 3.0  # seconds to wait for a free pooled connection
WRITER_WAIT = 5.0  # seconds to wait for SQLite's writer lock (another process may hold it)


def database_url(url: str | None = None) -> str:
    """The URL to use: the explicit one, else CLERK_DATABASE_URL, else a SQLite file here."""
    url = url or os.environ.get("CLERK_DATABASE_URL") or DEFAULT_URL
    # Accept the URLs people paste ("postgres://", "postgresql://") and use psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str | None = None, *, bounded: bool = True) -> Engine:
    """``bounded``: PostgreSQL statements are held to ``STATEMENT_TIMEOUT`` and answers to
    ``ANSWER_TIMEOUT`` (off only for migrations, whose statements may rightly run long)."""
    url = database_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": STATEMENT_TIMEOUT})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    engine = create_engine(url, pool_size=10, max_overflow=20, pool_timeout=POOL_TIMEOUT,
                           connect_args=postgres_bounds(statements=bounded))
    if bounded:
        event.listen(engine, "do_connect", _bounded_connection)
    event.listen(engine.pool, "checkin", _idle_since)
    event.listen(engine.pool, "checkout", _ping_if_idle)
    return engine


def postgres_bounds(*, statements: bool = True) -> dict[str, object]:
    """libpq settings that bound a PostgreSQL connection's waits: the connect, each statement,
    an idle transaction, and (TCP keepalives, TCP_USER_TIMEOUT) a peer that has vanished."""
    ms = lambda seconds: int(seconds * 1000)  # noqa: E731
    bounds: dict[str, object] = {
        "connect_timeout": CONNECT_TIMEOUT,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 3,
        "keepalives_count": 3,
    }
    if statements:
        bounds["options"] = (
            f"-c statement_timeout={ms(STATEMENT_TIMEOUT)} "
            f"-c idle_in_transaction_session_timeout={ms(IDLE_IN_TRANSACTION_TIMEOUT)}")
        bounds["tcp_user_timeout"] = ms(ANSWER_TIMEOUT)
    return bounds


class BoundedConnection(psycopg.Connection):
    """A psycopg connection that waits at most ``ANSWER_TIMEOUT`` for any answer (every query,
    commit and rollback waits through ``wait``). A connection that timed out is in an unknown
    state: it is closed, and the error says so (the pool then replaces it)."""

    def wait(self, gen, interval=0.1, timeout=None):
        try:
            return super().wait(gen, interval, ANSWER_TIMEOUT if timeout is None else timeout)
        except psycopg.errors._WaitTimeout:
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"the database did not answer within {ANSWER_TIMEOUT:.0f} s; "
                "connection closed") from None


def _bounded_connection(dialect, record, cargs, cparams):
    return BoundedConnection.connect(*cargs, **cparams)


# A pooled connection idle longer than this is pinged before use (a server restart or a
# firewall may have dropped it); one in steady use is not: a ping is a round trip per
# transaction, a quarter of a turn's round trips.
PING_AFTER_IDLE = 10.0


def _idle_since(dbapi_conn, record) -> None:
    record.info["idle_since"] = time.monotonic()


def _ping_if_idle(dbapi_conn, record, proxy) -> None:
    if time.monotonic() - record.info.get("idle_since", 0.0) < PING_AFTER_IDLE:
        return
    try:
        with dbapi_conn.cursor() as cursor:
            cursor.execute("SELECT 1")
        dbapi_conn.rollback()
    except Exception as error:  # noqa: BLE001  (any failure: the connection is no good)
        raise DisconnectionError(str(error)) from error  # the pool retries with a new one


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # Let SQLAlchemy issue BEGIN itself (see _sqlite_begin_immediate).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    # WAL's recommended durability: a commit survives the process crashing; only an OS crash
    # or power cut can lose the last commits (never corrupt the file). It spares every
    # commit an fsync. PostgreSQL is the production database.
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={int(STATEMENT_TIMEOUT * 1000)}")
    cur.close()


def _sqlite_begin_immediate(conn) -> None:
    # Take the write lock at the start of every transaction that may write, so two processes
    # never read-then-write past each other (SQLite's equivalent of row locks). A read-only
    # transaction begins deferred: in WAL mode it reads a snapshot without waiting for writers.
    read_only = conn.get_execution_options().get(READ_ONLY, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent)."""
    command.upgrade(alembic_config(engine), "head")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


BUSY = "The board's records are busy right now, nothing was changed; please try again."


class WriterBusy(Unavailable):
    """The writer lock was not free within ``WRITER_WAIT``."""


class WriterLock:
    """SQLite has one writer at a time. Clerk's writers queue for it here, threads on a lock
    and processes (``clerk serve --workers N``, a ``clerk`` command beside it) on an flock of
    ``<database>.lock``, and each is woken the moment the writer before it is done, instead
    of in SQLite's busy handler, which sleeps 1, 2, 5 ... 100 ms between tries (the long
    tail of every reply's latency). Re-entrant within a thread; the lock file is opened per
    process, so a forked worker never shares its parent's.

    The wait is bounded (``WRITER_WAIT``): a process that holds the lock and never lets go
    (stopped, hung) makes writers give up with ``WriterBusy``, not wait forever. Another
    process's lock is polled every few milliseconds (flock cannot wait with a timeout)."""

    def __init__(self, database: str | None) -> None:
        self._threads = threading.RLock()
        self._depth = 0
        on_disk = database not in (None, "", ":memory:") and not database.startswith("file:")
        self._path = Path(f"{database}.lock") if on_disk else None
        self._file = None
        self._pid = 0

    def __enter__(self) -> None:
        deadline = time.monotonic() + WRITER_WAIT
        if not self._threads.acquire(timeout=WRITER_WAIT):
            raise WriterBusy(BUSY)
        self._depth += 1
        if self._depth == 1 and self._path is not None:
            try:
                self._lock_until(deadline)
            except BaseException:
                self._depth -= 1
                self._threads.release()
                raise

    def _lock_until(self, deadline: float) -> None:
        lock_file = self._lock_file()
        pause = 0.001
        while True:
            try:
                fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WriterBusy(BUSY) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.01)

    def __exit__(self, *_exc) -> None:
        self._depth -= 1
        if self._depth == 0 and self._path is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
        self._threads.release()

    def _lock_file(self):
        if self._file is None or self._pid != os.getpid():
            self._file = open(self._path, "a+b")  # noqa: SIM115  (open while the process lives)
            self._pid = os.getpid()
        return self._file


class Database:
    """One database: its engine and a session factory. Opening it applies migrations."""

    def __init__(self, url: str | None = None, *, migrate: bool = True) -> None:
        self.url = database_url(url)
        self.engine = make_engine(self.url)
        sqlite = self.engine.dialect.name == "sqlite"
        if migrate:
            # PostgreSQL migrations on their own connection, without the statement bounds.
            migrator = self.engine if sqlite else make_engine(self.url, bounded=False)
            try:
                upgrade(migrator)
            finally:
                if migrator is not self.engine:
                    migrator.dispose()
            self.refresh_statistics()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = WriterLock(self.engine.url.database) if sqlite else None
        if sqlite:
            self._read_sessions = sessionmaker(
                self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
            )
            self._single_sessions = self._sessions
        else:
            # PostgreSQL runs reads, and units of one write statement (atomic by itself),
            # without BEGIN/COMMIT: two round trips fewer each, and the same result, since
            # under READ COMMITTED every statement takes its own snapshot anyway.
            self._read_sessions = self._single_sessions = sessionmaker(
                self.engine.execution_options(isolation_level="AUTOCOMMIT"),
                expire_on_commit=False,
            )

    @contextmanager
    def transaction(self, *, read: bool = False, one_statement: bool = False) -> Iterator[Session]:
        """A session whose work commits together on success and rolls back on any error.
        ``read``: it only reads (on SQLite it then waits for no writer). ``one_statement``: it
        runs a single write statement, atomic on its own."""
        sessions = (self._read_sessions if read
                    else self._single_sessions if one_statement else self._sessions)
        writer = self._writer if self._writer is not None and not read else nullcontext()
        with writer, sessions() as session, session.begin():
            yield session

    def refresh_statistics(self) -> None:
        """SQLite: gather the query planner's statistics (about 40 ms for 100,000 actions).
        Without them SQLite may walk a whole board's actions in number order where the owner's
        index reads only theirs. Not while the log is small: statistics of nearly empty tables
        mislead the planner once they fill. PostgreSQL's autovacuum keeps its own."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as conn:
            if (conn.exec_driver_sql("SELECT max(id) FROM actions").scalar() or 0) >= 1000:
                conn.exec_driver_sql("ANALYZE")
            conn.commit()

    def dispose(self) -> None:
        self.engine.dispose()

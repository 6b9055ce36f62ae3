"""How the server reads the database: read-only, briefly, and as seldom as possible.

A DuckDB file takes one writing process or any number of reading ones, never both; an ingest
that writes would otherwise stop the dashboard (and a server holding the file would stop the
ingest). So the server

* opens the file read-only (``read_only=True``) only while it computes an answer, and closes
  it right after: between requests it holds nothing, and an ingest can write;
* keeps every answer keyed by the database's state: on DuckDB the size and modification time
  of the file and of its write-ahead log (one ``stat``, no open), on PostgreSQL the server's
  write position (``pg_current_wal_lsn()``). An unchanged database is never read twice for
  the same question;
* computes one answer once when many clients ask at the same moment (one computation per key);
* when a writer holds the file, waits a moment (``lock_wait``) and then serves the last answer
  it has for that question, marked stale, instead of failing; with no answer at all it says
  the database is busy (``DatabaseBusyError``). PostgreSQL readers never wait for writers.

Schema statements the read-only code paths issue (``CREATE TABLE IF NOT EXISTS``, indexes)
are skipped on a read-only connection where the object exists; a missing table is created as
an empty temporary one, so a database without votes or without events reads as empty."""

from __future__ import annotations

import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from blocwatch.errors import DatabaseLockedError, SchemaVersionError, StoreError
from blocwatch.store import schema
from blocwatch.store.corpus import Store
from blocwatch.store.db import Database, connect, is_postgres_url

T = TypeVar("T")

_CREATE_IF_MISSING = re.compile(
    r"^\s*CREATE\s+(?:UNIQUE\s+)?(TABLE|INDEX|SEQUENCE)\s+IF\s+NOT\s+EXISTS\s+([A-Za-z_][A-Za-z0-9_]*)",
    re.IGNORECASE)


class DatabaseBusyError(StoreError):
    """Another process is writing the DuckDB file and no earlier answer is at hand."""


class ReadOnlyDatabase(Database):
    """A connection for reading: idempotent schema statements become no-ops (or empty
    temporary tables where the table is missing); nothing is ever written to the file."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        found = _CREATE_IF_MISSING.match(sql)
        if found:
            kind, name = found.group(1).upper(), found.group(2)
            if kind != "TABLE" or self._exists(name):
                return super().execute("SELECT 1 WHERE 1 = 0")
            sql = re.sub(r"^\s*CREATE\s+TABLE", "CREATE TEMPORARY TABLE", sql, count=1, flags=re.IGNORECASE)
        return super().execute(sql, params)

    def _exists(self, table: str) -> bool:
        try:
            super().execute(f"SELECT 1 FROM {table} LIMIT 0")  # name checked by the pattern above
        except Exception:  # noqa: BLE001 - each driver names a missing table differently (autocommit)
            return False
        return True


class ReadOnlyStore(Store):
    """A ``Store`` that reads: it checks the schema version instead of upgrading the file."""

    def __init__(self, db: Database) -> None:  # noqa: D107 - no call to Store.__init__ (it migrates)
        self.db = db
        current = schema.database_version(db)
        known = schema.migrations()
        if current > len(known):
            raise SchemaVersionError(f"the database has schema version {current}, newer than this blocwatch "
                                     f"understands ({len(known)}): upgrade blocwatch")
        for migration in known[current:]:
            for statement in migration.statements():
                # a file with no corpus yet (votes only): every statement acts on the empty
                # tables this connection has just made, so the whole schema may be laid
                if current > 0 and not _CREATE_IF_MISSING.match(statement):
                    raise StoreError("the database was written by an older blocwatch: run `blocwatch ingest` "
                                     "(any writing command) once to upgrade it")
                db.execute(statement)


def open_read_only(target: str) -> ReadOnlyDatabase:
    """A short-lived reading connection; DatabaseLockedError while a writer holds a DuckDB file."""
    if not is_postgres_url(target) and not Path(target).expanduser().exists():
        raise StoreError(f"{Path(target).name}: no blocwatch database there")
    db = connect(target, read_only=not is_postgres_url(target))
    return ReadOnlyDatabase(db.target, db.raw, db.backend)


@dataclass(slots=True)
class Answer:
    value: Any
    stale: bool


class _SharedExclusive:
    """Many readers or one exclusive holder, inside this process. DuckDB refuses a read-only
    and a read-write connection to one file in one process at the same time; code that opens
    the file its own way (the assessment) runs exclusively."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._exclusive = False

    @contextmanager
    def shared(self) -> Iterator[None]:
        with self._cond:
            while self._exclusive:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._cond:
            while self._exclusive or self._readers:
                self._cond.wait()
            self._exclusive = True
        try:
            yield
        finally:
            with self._cond:
                self._exclusive = False
                self._cond.notify_all()


class ReadPath:
    """Answers keyed by (question, database state), computed on a read-only connection."""

    def __init__(self, target: str, *, lock_wait: float = 1.0, refresh_wait: float = 0.1,
                 max_entries: int = 512) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.target = target
        self.lock_wait = lock_wait
        self.refresh_wait = refresh_wait
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="blocwatch-read")
        self._inflight: dict[Hashable, Any] = {}
        self.max_entries = max_entries
        self.postgres = is_postgres_url(target)
        self._cache: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._access = _SharedExclusive()
        self._pg: Any = None
        self._pg_lock = threading.Lock()
        self.computed = 0  # answers computed (not served from the cache): for tests and benchmarks

    # -- the database's state ------------------------------------------------------------------

    def state(self) -> Hashable:
        if self.postgres:
            return self._pg_state()
        path = Path(self.target).expanduser()
        out: list[tuple[int, int, int] | None] = []
        for part in (path, Path(f"{path}.wal")):
            try:
                st = os.stat(part)
                out.append((st.st_mtime_ns, st.st_size, st.st_ino))
            except FileNotFoundError:
                out.append(None)
        return tuple(out)

    def _pg_state(self) -> Hashable:
        with self._pg_lock:
            for _ in range(2):
                try:
                    if self._pg is None or self._pg.closed:
                        import psycopg

                        self._pg = psycopg.connect(self.target, autocommit=True)
                    return str(self._pg.execute("SELECT pg_current_wal_lsn()").fetchone()[0])
                except Exception:  # noqa: BLE001 - a standby, a dropped connection: reconnect once
                    if self._pg is not None:
                        self._pg.close()
                    self._pg = None
        return ("time", int(time.monotonic() // 2))  # cannot tell: answers live two seconds

    # -- answers -------------------------------------------------------------------------------

    def cached(self, key: Hashable) -> Any | None:
        """The answer for ``key`` if the database has not changed since it was computed."""
        state = self.state()
        with self._cache_lock:
            entry = self._cache.get(key)
            if entry is not None and entry[0] == state:
                self._cache.move_to_end(key)
                return entry[1]
        return None

    def answer(self, key: Hashable, compute: Callable[[ReadOnlyStore], T]) -> Answer:
        """``compute(store)`` on a read-only store, or the cached answer."""
        return self._answer(key, lambda: self._with_store(compute), probe=False)

    def answer_exclusive(self, key: Hashable, compute: Callable[[], T]) -> Answer:
        """``compute()`` opens the database itself: run alone in this process, and only when no
        writer holds the file (checked first, so the computation never waits on a lock)."""
        def run() -> T:
            with self._access.exclusive():  # the probe too: a read-only open beside the assessment's
                self._probe()               # read-write one in this process is refused by DuckDB
                return compute()
        return self._answer(key, run, probe=True)

    def _answer(self, key: Hashable, run: Callable[[], Any], probe: bool) -> Answer:
        """The cached answer if the database is unchanged; else one computation per key (the
        same question asked at once is computed once). While it runs, a question that has an
        older answer waits at most ``refresh_wait`` (0.1 s) and then gets the older one, marked stale:
        a change in the database never makes the dashboard wait long."""
        from concurrent.futures import TimeoutError as FutureTimeout

        state = self.state()
        with self._cache_lock:
            entry = self._cache.get(key)
            if entry is not None and entry[0] == state:
                self._cache.move_to_end(key)
                return Answer(entry[1], stale=False)
            future = self._inflight.get(key)
            if future is None:
                future = self._pool.submit(self._compute, key, state, run, entry)
                self._inflight[key] = future
        try:
            return future.result(timeout=self.refresh_wait if entry is not None else None)
        except FutureTimeout:
            assert entry is not None
            return Answer(entry[1], stale=True)

    def _compute(self, key: Hashable, state: Hashable, run: Callable[[], Any],
                 entry: tuple[Hashable, Any] | None) -> Answer:
        try:
            value = run()
            self._store(key, state, value)  # stored before the key is free: no second computation
            return Answer(value, stale=False)
        except DatabaseLockedError:
            if entry is not None:
                return Answer(entry[1], stale=True)
            raise DatabaseBusyError("the database is being written by another blocwatch process (an ingest?) "
                                    "and this question has no earlier answer: try again in a moment") from None
        finally:
            with self._cache_lock:
                self._inflight.pop(key, None)

    def _store(self, key: Hashable, state: Hashable, value: Any) -> None:
        with self._cache_lock:
            self.computed += 1
            self._cache[key] = (state, value)
            self._cache.move_to_end(key)
            while len(self._cache) > self.max_entries:
                self._cache.popitem(last=False)

    def _connect(self) -> ReadOnlyDatabase:
        deadline = time.monotonic() + self.lock_wait
        while True:
            try:
                return open_read_only(self.target)
            except DatabaseLockedError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    def _probe(self) -> None:
        if not self.postgres and Path(self.target).expanduser().exists():
            self._connect().close()

    def _with_store(self, compute: Callable[[ReadOnlyStore], T]) -> T:
        with self._access.shared():
            db = self._connect()
            try:
                return compute(ReadOnlyStore(db))
            finally:
                db.close()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        with self._pg_lock:
            if self._pg is not None:
                self._pg.close()
                self._pg = None

"""One connection layer over DuckDB (a file) and PostgreSQL (a URL).

SQL is written once with ``?`` placeholders; for PostgreSQL they become ``%s``.
Stages above the store use ``Database`` and never import duckdb or psycopg."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from blocwatch import config
from blocwatch.errors import DatabaseLockedError, NotADatabaseError, StoreError, UsageError

_PLACEHOLDER = re.compile(r"\?")
_ROWS_PER_INSERT = 200


#: Any other URL ("sqlite:///x.db", "postgresql+psycopg://..."): not a file name to create.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


_INSERT_COLUMNS = re.compile(r"^\s*INSERT INTO (\w+) \(([^()]*)\)\s*$")


def _arrow_column(values: list[Any]) -> Any:
    """One column as an Arrow array; a column of only NULLs, or of ints and floats mixed, gets
    a type DuckDB casts to any target."""
    import pyarrow as pa

    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array([None if v is None else str(v) for v in values], type=pa.string())


def is_postgres_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


class Database:
    """A connection with the few operations blocwatch needs, on either backend."""

    def __init__(self, target: str, raw: Any, backend: str, read_only: bool = False) -> None:
        self.target = target
        self._raw = raw
        self.backend = backend  # "duckdb" or "postgres"
        self.read_only = read_only
        #: How long a reopen after ``release()`` waits for another process's lock, in seconds.
        self.wait = 30.0
        self._depth = 0
        self._closed = False

    @property
    def raw(self) -> Any:
        """The driver's connection, reopened when ``release()`` closed it."""
        if self._raw is None:
            if self._closed:
                raise StoreError(f"{self.target}: the database connection is closed")
            self._raw = self._reopen()
        return self._raw

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def release(self) -> None:
        """Let other processes open a DuckDB file: close it now, reopen on the next use.

        DuckDB lets one process at a time hold a file (a writer excludes even readers), so a
        long job (ingest) calls this between its short write transactions; a dashboard or
        another command can open the file in between. PostgreSQL needs nothing of the sort."""
        if self.backend != "duckdb" or self._depth or self._raw is None:
            return
        with contextlib.suppress(Exception):
            self._raw.close()
        self._raw = None

    def _reopen(self) -> Any:
        return connect(self.target, read_only=self.read_only, wait=self.wait)._raw

    def _sql(self, sql: str) -> str:
        return _PLACEHOLDER.sub("%s", sql) if self.backend == "postgres" else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self.backend == "postgres":
            cur = self.raw.cursor()
            cur.execute(self._sql(sql), tuple(params) or None)
            return cur
        return self.raw.execute(sql, list(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if not rows:
            return
        if self.backend == "postgres":
            with self.raw.cursor() as cur:
                cur.executemany(self._sql(sql), rows)
            return
        head, values, group = sql.rpartition(" VALUES ")
        if not values or not group.strip().startswith("(") or group.count("(") != 1:
            self.raw.executemany(sql, rows)
            return
        columns = _INSERT_COLUMNS.match(head)
        if columns and len(rows) > 1 and all(v == "?" for v in group.strip()[1:-1].replace(" ", "").split(",")):
            # Many rows: hand DuckDB a columnar table instead of thousands of parameters.
            import pyarrow as pa

            names = [c.strip() for c in columns.group(2).split(",")]
            table = pa.table({name: _arrow_column([row[i] for row in rows]) for i, name in enumerate(names)})
            view = f"_blocwatch_rows_{id(table)}"
            self.raw.register(view, table)
            try:
                self.raw.execute(f"{head} SELECT * FROM {view}")
            finally:
                self.raw.unregister(view)
            return
        # DuckDB prepares executemany row by row; one multi-row INSERT is many times faster.
        for begin in range(0, len(rows), _ROWS_PER_INSERT):
            chunk = rows[begin:begin + _ROWS_PER_INSERT]
            self.raw.execute(f"{head} VALUES " + ", ".join([group.strip()] * len(chunk)),
                             [value for row in chunk for value in row])

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.execute(sql, params).fetchall())

    def query_df(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The result as a pandas DataFrame."""
        import pandas as pd

        if self.backend == "duckdb":
            return self.raw.execute(sql, list(params)).df()
        cur = self.execute(sql, params)
        cols = [d.name for d in cur.description] if cur.description else []
        return pd.DataFrame(cur.fetchall(), columns=cols)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """All or nothing; nested calls join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._depth = 1
        if self.backend == "postgres":
            try:
                with self.raw.transaction():
                    yield self
            finally:
                self._depth = 0
            return
        self.raw.execute("BEGIN TRANSACTION")
        try:
            yield self
        except BaseException:
            self.raw.execute("ROLLBACK")
            raise
        else:
            self.raw.execute("COMMIT")
        finally:
            self._depth = 0

    def close(self) -> None:
        if self._raw is not None:
            with contextlib.suppress(Exception):
                self._raw.close()
        self._raw = None
        self._closed = True

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def require_database(db: str | None = None) -> None:
    """Refuse a DuckDB file that is not there: commands that only read must not create an
    empty database at a mistyped ``--db`` and answer as if the corpus were empty. A
    PostgreSQL URL is left to the server to judge."""
    target = db or config.default_db()
    if is_postgres_url(target) or _URL.match(target):
        return
    path = Path(target).expanduser()
    try:
        path.stat()
    except FileNotFoundError:
        raise StoreError(f"{path}: no blocwatch database there yet (check --db; 'blocwatch ingest' or "
                         "'blocwatch votes import' creates one)") from None
    except OSError:
        return  # a closed folder: opening it names the reason


def connect(db: str | None = None, read_only: bool = False, must_exist: bool = False,
            wait: float = 0.0) -> Database:
    """Open ``db`` (a DuckDB path or a postgresql:// URL; default: config.default_db()).
    ``must_exist``: see ``require_database``. While another process holds the DuckDB file,
    retry for up to ``wait`` seconds, then raise DatabaseLockedError; reopening after
    ``release()`` waits as long."""
    if must_exist:
        require_database(db)
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        try:
            database = _connect(db, read_only)
            break
        except DatabaseLockedError as exc:
            if time.monotonic() >= deadline:
                if wait > 0:
                    raise DatabaseLockedError(f"{exc} (waited {wait:g} s; raise --wait to wait longer)") from None
                raise
            time.sleep(0.1)
    database.wait = wait
    return database


def _connect(db: str | None, read_only: bool) -> Database:
    target = db or config.default_db()
    if is_postgres_url(target):
        import psycopg

        try:
            raw: Any = psycopg.connect(target, autocommit=True)
        except psycopg.OperationalError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"{target}: cannot connect to PostgreSQL: {first}") from None
        return Database(target, raw, "postgres")

    if _URL.match(target):
        raise UsageError(f"{'--db ' if db else ''}{target}: not a database blocwatch can open: give a DuckDB "
                         "file path or a postgresql:// URL")

    import duckdb

    path = Path(target).expanduser()
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        raw = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        text = str(exc)
        if "permission denied" in text.lower():
            raise StoreError(f"{path}: permission denied") from None
        if "lock" in text.lower():
            raise DatabaseLockedError(
                f"{path}: the database is in use by another blocwatch process; wait for it to finish"
            ) from None
        raise NotADatabaseError(f"{path}: not a blocwatch (DuckDB) database: {text.splitlines()[0]}") from None
    except duckdb.Error as exc:
        raise NotADatabaseError(f"{path}: not a blocwatch (DuckDB) database: {str(exc).splitlines()[0]}") from None
    return Database(str(path), raw, "duckdb", read_only=read_only)

"""One connection layer over DuckDB (a file) and PostgreSQL (a URL).

SQL is written once with ``?`` placeholders; for PostgreSQL they become ``%s``.
Stages above the store use ``Database`` and never import duckdb or psycopg."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from blocwatch import config
from blocwatch.errors import DatabaseLockedError, NotADatabaseError, StoreError, UsageError

_PLACEHOLDER = re.compile(r"\?")
_ROWS_PER_INSERT = 200


#: Any other URL ("sqlite:///x.db", "postgresql+psycopg://..."): not a file name to create.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_postgres_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


class Database:
    """A connection with the few operations blocwatch needs, on either backend."""

    def __init__(self, target: str, raw: Any, backend: str) -> None:
        self.target = target
        self.raw = raw
        self.backend = backend  # "duckdb" or "postgres"
        self._depth = 0

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
        with contextlib.suppress(Exception):
            self.raw.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(db: str | None = None, read_only: bool = False) -> Database:
    """Open ``db`` (a DuckDB path or a postgresql:// URL; default: config.default_db())."""
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
    return Database(str(path), raw, "duckdb")

"""Schema versions and migrations.

Migrations are SQL files in ``store/migrations/NNN_name.sql``, applied in order, each in
its own transaction together with its row in ``schema_version``. Opening an older
database applies the missing ones; a database written by a newer blocwatch raises
``SchemaVersionError`` naming the version to install. Tables a migration does not know
(the vote tables, say) are left alone."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources

from blocwatch.errors import NotADatabaseError, SchemaVersionError
from blocwatch.store.db import Database

_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
_MIGRATION_LOCK = 72_431_001


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str

    def statements(self) -> list[str]:
        # Comments stripped first; migration files hold no semicolons inside strings.
        body = "\n".join(line.split("--", 1)[0] for line in self.sql.splitlines())
        return [s.strip() for s in body.split(";") if s.strip()]


def migrations() -> list[Migration]:
    folder = resources.files("blocwatch.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"store migrations are not numbered 1..n: {versions}")
    return found


def code_version() -> int:
    """The schema version this blocwatch writes."""
    return len(migrations())


def _ensure_version_table(db: Database) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " blocwatch_version VARCHAR NOT NULL, applied_at VARCHAR NOT NULL)"
    )


def database_version(db: Database) -> int:
    _ensure_version_table(db)
    row = db.query("SELECT MAX(version) FROM schema_version")
    return int(row[0][0] or 0)


def upgrade(db: Database) -> list[int]:
    """Apply every missing migration; returns the versions applied."""
    from blocwatch import __version__ as release

    if db.backend == "postgres":  # two processes opening a new database: one migrates, the other waits
        db.execute("SELECT pg_advisory_lock(?)", [_MIGRATION_LOCK])
        try:
            return _upgrade(db, release)
        finally:
            db.execute("SELECT pg_advisory_unlock(?)", [_MIGRATION_LOCK])
    return _upgrade(db, release)


def _upgrade(db: Database, release: str) -> list[int]:
    current = database_version(db)
    known = migrations()
    if current > len(known):
        (written_by,) = db.query("SELECT blocwatch_version FROM schema_version WHERE version = ?", [current])[0]
        raise SchemaVersionError(
            f"{db.target}: the database has schema version {current}, newer than this blocwatch "
            f"{release} understands ({len(known)}); it was written by blocwatch {written_by}: "
            f"install blocwatch>={written_by} (pip install -U 'blocwatch>={written_by}')"
        )
    if current == 0:
        _refuse_foreign_tables(db)
    applied = []
    for migration in known[current:]:
        with db.transaction():
            for statement in migration.statements():
                db.execute(statement)
            db.execute(
                "INSERT INTO schema_version (version, name, blocwatch_version, applied_at) VALUES (?, ?, ?, ?)",
                [migration.version, migration.name, release, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")],
            )
        applied.append(migration.version)
    return applied


#: Tables the corpus migrations create; found in a database without a schema_version row,
#: they belong to something else.
CORPUS_TABLES = ("documents", "sentences", "reports", "evidence", "happenings", "links", "failures")


def _refuse_foreign_tables(db: Database) -> None:
    marks = ", ".join("?" for _ in CORPUS_TABLES)
    schema_filter = "table_schema = current_schema()" if db.backend == "postgres" else "1 = 1"
    found = sorted(row[0] for row in db.query(
        f"SELECT table_name FROM information_schema.tables WHERE {schema_filter} AND table_name IN ({marks})",
        list(CORPUS_TABLES)))
    if found:
        raise NotADatabaseError(f"{db.target}: not a blocwatch database: it already holds tables named "
                                f"{', '.join(found)} that blocwatch did not create")

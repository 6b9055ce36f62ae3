"""Schema versions, migrations and bad database files."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from blocwatch.errors import NotADatabaseError, SchemaVersionError
from blocwatch.store import open_store
from blocwatch.store.db import connect
from blocwatch.store.schema import code_version, database_version, migrations
from skips import NO_CAPSH
from store_testdata import db_target  # noqa: F401 - fixture


def test_store_schema_migrations_numbered_in_order() -> None:
    found = migrations()
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    assert all(m.statements() for m in found)


def test_store_schema_new_database_at_code_version(db_target: str) -> None:  # noqa: F811
    with open_store(db_target) as store:
        assert database_version(store.db) == code_version()
        assert store.counts() == {"documents": 0, "reports": 0, "happenings": 0, "failures": 0}


def test_store_schema_older_database_upgraded_and_foreign_tables_kept(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    raw = duckdb.connect(str(path))
    raw.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                " blocwatch_version VARCHAR NOT NULL, applied_at VARCHAR NOT NULL)")
    raw.execute("CREATE TABLE roll_calls (rcid INTEGER)")
    raw.execute("INSERT INTO roll_calls VALUES (7)")
    raw.close()
    with open_store(str(path)) as store:
        assert database_version(store.db) == code_version()
        assert store.db.query("SELECT rcid FROM roll_calls") == [(7,)]
    with open_store(str(path)) as store:  # opening again applies nothing twice
        assert store.db.query("SELECT COUNT(*) FROM schema_version") == [(code_version(),)]


def test_store_schema_newer_database_names_version_to_install(tmp_path: Path) -> None:
    path = str(tmp_path / "new.duckdb")
    open_store(path).close()
    with connect(path) as db:
        db.execute("INSERT INTO schema_version VALUES (?, 'future', '9.4.0', '2030-01-01')", [code_version() + 1])
    with pytest.raises(SchemaVersionError, match=r"blocwatch>=9\.4\.0"):
        open_store(path)


@pytest.mark.parametrize("content", [b"this is a plain text file, not a database\n" * 50, b"\x00" * 4096,
                                     b"DUCK" + bytes(range(256)) * 40])
def test_store_schema_foreign_file_gives_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_bytes(content)
    with pytest.raises(NotADatabaseError, match="notes.duckdb"):
        open_store(str(path))
    assert path.read_bytes() == content  # untouched


def test_store_schema_foreign_duckdb_database_refused(tmp_path: Path) -> None:
    path = tmp_path / "other-app.duckdb"
    raw = duckdb.connect(str(path))
    raw.execute("CREATE TABLE documents (x INTEGER)")
    raw.close()
    with pytest.raises(NotADatabaseError, match="already holds tables named documents"):
        open_store(str(path))


@pytest.mark.parametrize("url", ["sqlite:///corpus.db", "postgresql+psycopg://postgres@localhost/x", "mysql://h/db"])
def test_store_schema_other_urls_refused_not_created_as_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             url: str) -> None:
    from blocwatch.errors import UsageError

    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="give a DuckDB file path or a postgresql:// URL"):
        open_store(url)
    assert list(tmp_path.iterdir()) == []  # no "sqlite:" folder, no database file


def test_store_schema_database_in_a_closed_folder_is_permission_denied_not_locked(tmp_path: Path) -> None:
    import os
    import shlex
    import shutil
    import subprocess
    import sys

    folder = tmp_path / "closed"
    folder.mkdir()
    command = [sys.executable, "-m", "blocwatch", "events", "--db", str(folder / "c.duckdb"), "--wait", "0"]
    if os.geteuid() == 0:
        if shutil.which("capsh") is None:
            pytest.skip(NO_CAPSH)
        command = ["capsh", "--drop=cap_dac_override,cap_dac_read_search", "--", "-c", shlex.join(command)]
    folder.chmod(0)
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr == f"blocwatch events: {folder / 'c.duckdb'}: permission denied\n"


def test_store_schema_reading_commands_do_not_create_a_mistyped_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from blocwatch.cli.main import main

    missing = tmp_path / "typo.duckdb"
    for command in (["events"], ["export", "--format", "plover", "--output", str(tmp_path / "out.json")],
                    ["failures"], ["align", "PAK", "USA"], ["align", "PAK", "--top", "5", "--session", "77"],
                    ["idealpoints"], ["votes", "matrix", "--output", str(tmp_path / "m.csv")]):
        assert main([*command, "--db", str(missing)]) == 1, command
        assert capsys.readouterr().err == f"blocwatch {command[0]}: {missing}: no blocwatch database there yet " \
            "(check --db; 'blocwatch ingest' or 'blocwatch votes import' creates one)\n"
    assert not missing.exists()
    open_store(str(missing)).close()      # the writing API still creates it
    assert main(["events", "--db", str(missing)]) == 0

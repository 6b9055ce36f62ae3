"""UN General Assembly votes in the blocwatch database: tables, import and loading.

Tables (created by :func:`ensure_vote_tables` on DuckDB and PostgreSQL alike)::

    roll_calls(rcid PK, session, session_label, date, year, unres, important, amend, para,
               short, descr, source)
    votes(rcid, iso3, vote SMALLINT 1 yes / 2 abstain / 3 no, PK (rcid, iso3))
    roll_call_issues(rcid, issue)        Voeten's me/nu/di/co/hr/ec codes
    roll_call_subjects(rcid, subject)    UNBIS subjects (sessions 75+)
    vote_countries(iso3 PK, name)        one display name per code

:func:`import_votes` reads a folder (or one file) in either supported layout (see
``vote_files``); :func:`load_votes` returns the votes as a DataFrame for the analyses."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from blocwatch.analyze import vote_files as vf
from blocwatch.analyze.vote_files import ABSTAIN, ISSUE_CODES, NO, YES, FileResult
from blocwatch.errors import UsageError, VoteDataError
from blocwatch.store.db import Database

__all__ = [
    "ABSTAIN", "ISSUE_CODES", "NO", "YES", "FileResult", "ImportSummary", "country_names",
    "ensure_vote_tables", "import_votes", "load_votes",
]

_TABLES = (
    """CREATE TABLE IF NOT EXISTS roll_calls (
        rcid INTEGER PRIMARY KEY,
        session INTEGER NOT NULL,
        session_label TEXT,
        date DATE,
        year INTEGER,
        unres TEXT,
        important BOOLEAN,
        amend BOOLEAN,
        para BOOLEAN,
        short TEXT,
        descr TEXT,
        source TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS votes (
        rcid INTEGER NOT NULL,
        iso3 TEXT NOT NULL,
        vote SMALLINT NOT NULL,
        PRIMARY KEY (rcid, iso3)
    )""",
    """CREATE TABLE IF NOT EXISTS roll_call_issues (
        rcid INTEGER NOT NULL,
        issue TEXT NOT NULL,
        PRIMARY KEY (rcid, issue)
    )""",
    """CREATE TABLE IF NOT EXISTS roll_call_subjects (
        rcid INTEGER NOT NULL,
        subject TEXT NOT NULL,
        PRIMARY KEY (rcid, subject)
    )""",
    """CREATE TABLE IF NOT EXISTS vote_countries (
        iso3 TEXT PRIMARY KEY,
        name TEXT
    )""",
)
_KEYS = {
    "roll_calls": ["rcid"],
    "votes": ["rcid", "iso3"],
    "roll_call_issues": ["rcid", "issue"],
    "roll_call_subjects": ["rcid", "subject"],
    "vote_countries": ["iso3"],
}


def ensure_vote_tables(db: Database) -> None:
    """Create the vote tables where they are missing (both backends)."""
    for sql in _TABLES:
        db.execute(sql)
    db.execute("CREATE INDEX IF NOT EXISTS roll_calls_session ON roll_calls (session)")


# --- writing ----------------------------------------------------------------------------------


def _affected(db: Database, cursor: Any) -> int:
    if db.backend == "postgres":
        return max(int(cursor.rowcount), 0)
    row = cursor.fetchone()
    return int(row[0]) if row else 0


_stage_counter = 0


def _stage(db: Database, table: str, frame: pd.DataFrame) -> str:
    """Load ``frame`` into a fresh temporary table shaped like ``table``; return its name."""
    global _stage_counter
    _stage_counter += 1
    name = f"stage_{table}_{_stage_counter}"
    columns = vf.COLUMNS[table]
    frame = frame[[c for c, _ in columns]]
    spec = ", ".join(f"{c} {t}" for c, t in columns)
    if db.backend == "postgres":
        db.execute(f"CREATE TEMP TABLE {name} ({spec}) ON COMMIT DROP")
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, header=False, na_rep="")
        cols = ", ".join(c for c, _ in columns)
        # FORCE_NULL: an empty unquoted or quoted field is NULL for every column.
        with db.raw.cursor() as cur, cur.copy(
            f"COPY {name} ({cols}) FROM STDIN WITH (FORMAT csv, FORCE_NULL ({cols}))"
        ) as copy:
            copy.write(buffer.getvalue())
    else:
        view = f"{name}_df"
        db.raw.register(view, frame)
        select = ", ".join(f"CAST({c} AS {t}) AS {c}" for c, t in columns)
        db.execute(f"CREATE TEMP TABLE {name} AS SELECT {select} FROM {view}")
        db.raw.unregister(view)
    return name


def _upsert(db: Database, table: str, frame: pd.DataFrame, replace: bool = True) -> int:
    """Insert new rows and (with ``replace``) replace changed ones; return how many rows were
    new or changed."""
    if frame.empty:
        return 0
    keys = _KEYS[table]
    columns = [c for c, _ in vf.COLUMNS[table]]
    frame = frame.drop_duplicates(subset=keys, keep="last")
    stage = _stage(db, table, frame)
    match = " AND ".join(f"t.{k} = s.{k}" for k in keys)
    values = [c for c in columns if c not in keys]
    if values and replace:
        differs = " OR ".join(f"t.{c} IS DISTINCT FROM s.{c}" for c in values)
        where_keys = " AND ".join(f"{table}.{k} = s.{k}" for k in keys)
        # Delete-then-insert works identically on both backends (no ON CONFLICT dialects).
        db.execute(
            f"DELETE FROM {table} WHERE EXISTS (SELECT 1 FROM {stage} s JOIN {table} t ON {match} "
            f"WHERE {where_keys} AND ({differs}))"
        )
    cols = ", ".join(columns)
    cur = db.execute(
        f"INSERT INTO {table} ({cols}) SELECT {', '.join('s.' + c for c in columns)} FROM {stage} s "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {match})"
    )
    inserted = _affected(db, cur)
    if db.backend == "duckdb":
        db.execute(f"DROP TABLE {stage}")
    # Changed rows were deleted above and come back here, so this counts new and changed rows.
    return inserted


# --- import -----------------------------------------------------------------------------------


@dataclass
class ImportSummary:
    files: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.files)

    def stored(self, table: str) -> int:
        return sum(f.stored.get(table, 0) for f in self.files)


_ORDER = {"roll_calls": 0, "voeten_votes": 1, "votes": 2, "issues": 3, "subjects": 4}
_DATA_SUFFIXES = (".csv", ".csv.gz", ".tab", ".tab.gz", ".tsv", ".tsv.gz")


def input_files(path: Path) -> list[tuple[Path, str]]:
    """The vote files under ``path`` with their layout, roll calls first."""
    if not path.exists():
        raise VoteDataError(f"{path}: no such file or folder")  # input that failed: status 1, as in extract
    try:
        candidates = [path] if path.is_file() else sorted(
            p for p in path.iterdir() if p.is_file() and p.name.lower().endswith(_DATA_SUFFIXES))
    except OSError as exc:
        raise VoteDataError(f"{path}: cannot read the folder ({exc.strerror or exc})") from None
    found = []
    for candidate in candidates:
        layout = vf.detect_layout(vf.read_header(candidate))
        if layout is not None:
            found.append((candidate, layout))
    if not found:
        raise VoteDataError(f"{path}: no vote files found (expected votes.csv.gz, roll_calls.csv.gz "
                            "or a Voeten country-vote CSV with rcid, ccode, vote)")
    return sorted(found, key=lambda item: (_ORDER[item[1]], item[0].name))


def import_votes(db: Database, path: str | Path,
                 report: Callable[[str], None] | None = None) -> ImportSummary:
    """Import every vote file under ``path``; each file is all-or-nothing.

    Bad rows are reported through ``report`` (one ``file:line: reason`` each) and recorded in
    the summary; the other files are still imported."""
    started = time.perf_counter()
    say = report or (lambda _line: None)
    ensure_vote_tables(db)
    summary = ImportSummary()
    imported_rcids: set[int] = set()
    for file_path, layout in input_files(Path(path)):
        result = FileResult(file_path, layout)
        summary.files.append(result)
        try:
            _import_file(db, file_path, layout, result, imported_rcids)
        except VoteDataError as exc:
            result.errors.append(str(exc))
        for line in result.warnings:
            say(f"warning: {line}")
        for line in result.errors:
            say(line)
        if result.errors:
            say(f"{file_path.name}: nothing stored from this file ({len(result.errors)} problem lines)")
    summary.seconds = time.perf_counter() - started
    return summary


def _import_file(db: Database, path: Path, layout: str, result: FileResult,
                 imported_rcids: set[int]) -> None:
    if layout == "roll_calls":
        source = "voeten_dataverse" if "me" in {h.lower() for h in vf.read_header(path)} else path.name
        calls, issues, bad = vf.parse_roll_calls(path, source)
        result.rows = len(calls) + bad.count
        if bad.count:
            result.errors = bad.lines()
            return
        with db.transaction():
            result.stored["roll_calls"] = _upsert(db, "roll_calls", calls)
            result.stored["roll_call_issues"] = _upsert(db, "roll_call_issues", issues)
        imported_rcids.update(int(r) for r in calls["rcid"])
        return
    frame = vf._read_frame(path, vf.VOETEN_VOTE_COLUMNS if layout == "voeten_votes" else None)
    result.rows = len(frame)
    if layout in ("votes", "voeten_votes"):
        parsed = (vf.parse_votes if layout == "votes" else vf.parse_voeten_votes)(path, frame)
        result.skipped, result.warnings = parsed.skipped, parsed.warnings
        rcids = imported_rcids | {int(r) for r in parsed.roll_calls["rcid"]}
        votes = vf.check_roll_calls_exist(db, parsed.votes, parsed.bad, rcids)
        if parsed.bad.count:
            result.errors = parsed.bad.lines()
            return
        with db.transaction():
            # Roll calls repeated on every row of a vote file only fill gaps; a roll-call file
            # imported before them stays authoritative.
            result.stored["roll_calls"] = _upsert(db, "roll_calls", parsed.roll_calls, replace=False)
            result.stored["roll_call_issues"] = _upsert(db, "roll_call_issues", parsed.issues)
            result.stored["votes"] = _upsert(db, "votes", votes)
            result.stored["vote_countries"] = _upsert(db, "vote_countries", parsed.countries)
        imported_rcids.update(rcids)
        return
    column = "subject" if layout == "subjects" else ("issue" if _is_code_column(frame, "issue") else "short_name")
    rows, bad = vf.parse_issues(path, frame, column)
    rows = vf.check_roll_calls_exist(db, rows, bad, imported_rcids)
    if bad.count:
        result.errors = bad.lines()
        return
    table = "roll_call_subjects" if layout == "subjects" else "roll_call_issues"
    with db.transaction():
        result.stored[table] = _upsert(db, table, rows)


def _is_code_column(frame: pd.DataFrame, column: str) -> bool:
    """The shared issues file has ``short_name`` (the code) and ``issue`` (a long label)."""
    if column not in frame.columns:
        return False
    values = set(frame[column].str.strip().str.lower().unique())
    return values <= set(ISSUE_CODES) or "short_name" not in frame.columns


# --- reading ----------------------------------------------------------------------------------


def load_votes(db: Database, from_session: int | None = None, to_session: int | None = None,
               issue: str | None = None, important: bool = False,
               countries: list[str] | None = None, contested: bool = False) -> pd.DataFrame:
    """Votes joined to their roll call: columns rcid, session, year, iso3, vote (1/2/3).

    ``issue`` keeps roll calls with that Voeten code (coded for sessions 1-74 only);
    ``important`` keeps those the US State Department marked important (from session 39 to 74);
    ``contested`` drops unanimous roll calls (every recorded vote the same), as Voeten's
    published agreement figures do.
    """
    ensure_vote_tables(db)
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if from_session is not None:
        where.append("r.session >= ?")
        params.append(int(from_session))
    if to_session is not None:
        where.append("r.session <= ?")
        params.append(int(to_session))
    if issue:
        code = issue.strip().lower()
        if code not in ISSUE_CODES:
            raise UsageError(f"unknown issue {issue!r}; use one of {', '.join(ISSUE_CODES)}")
        where.append("v.rcid IN (SELECT rcid FROM roll_call_issues WHERE issue = ?)")
        params.append(code)
    if important:
        where.append("r.important = TRUE")
    if contested:
        where.append("v.rcid IN (SELECT rcid FROM votes GROUP BY rcid HAVING min(vote) <> max(vote))")
    if countries:
        where.append(f"v.iso3 IN ({', '.join('?' for _ in countries)})")
        params.extend(countries)
    frame = db.query_df(
        "SELECT v.rcid, r.session, r.year, v.iso3, v.vote FROM votes v JOIN roll_calls r ON r.rcid = v.rcid "
        f"WHERE {' AND '.join(where)} ORDER BY v.rcid, v.iso3", params)
    columns = ["rcid", "session", "year", "iso3", "vote"]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c != "iso3" else object) for c in columns})
    frame["rcid"] = frame["rcid"].astype("int64")
    frame["session"] = frame["session"].astype("int64")
    frame["year"] = pd.to_numeric(frame["year"]).astype("Int64")
    frame["vote"] = frame["vote"].astype("int8")
    frame["iso3"] = frame["iso3"].astype(str)
    return frame[columns]


def country_names(db: Database) -> dict[str, str]:
    """ISO3 -> display name from the imported data (falls back to the COW table's names)."""
    ensure_vote_tables(db)
    names = {c.iso3: c.name for c in vf.cow_countries() if c.iso3}
    for iso3, name in db.query("SELECT iso3, name FROM vote_countries"):
        if name:
            names[str(iso3)] = str(name)
    return names

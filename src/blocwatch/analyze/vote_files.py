"""Reading and validating UN General Assembly vote files (see ``votes`` for the tables).

Two input layouts are read, told apart by their header row:

* the blocwatch layout of ``shared/data/unga`` (gzip CSVs ``roll_calls``, ``votes`` with
  ``country_iso3`` and ``yes``/``abstain``/``no``, optional ``issues`` and ``subjects_unbis``);
* Erik Voeten's Dataverse files: a country-vote CSV with COW ``ccode`` and vote codes
  1 yes, 2 abstain, 3 no, 8 absent, 9 not a member (absent and not-member rows are skipped),
  optionally carrying the roll-call columns (``session``, ``date``, ``unres``, ``me`` … ``ec``),
  and a roll-call ("descriptions") CSV with ``rcid`` and ``session`` but no votes.

Every file is validated as a whole before anything from it is written; a file with a bad row
stores nothing and each bad row is reported as ``file:line: reason``. Writes are upserts, so
importing the same files twice changes nothing."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from blocwatch.errors import VoteDataError
from blocwatch.store.db import Database

#: Vote codes stored in ``votes.vote``.
YES, ABSTAIN, NO = 1, 2, 3
VOTE_WORDS = {"yes": YES, "y": YES, "abstain": ABSTAIN, "a": ABSTAIN, "no": NO, "n": NO}
#: Voeten's numeric codes; 8 (absent) and 9 (not a member) are not votes and are skipped.
VOETEN_VOTE_CODES = {"1": YES, "2": ABSTAIN, "3": NO}
VOETEN_SKIPPED_CODES = {"8", "9"}
#: Voeten's issue codes (columns in his files, values of ``roll_call_issues.issue``).
ISSUE_CODES = ("me", "nu", "di", "co", "hr", "ec")
#: How many bad rows of one file are listed before the rest are only counted.
MAX_REPORTED_ROWS = 20

# Column types of each table, used for the staging tables of an import.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "roll_calls": [
        ("rcid", "INTEGER"), ("session", "INTEGER"), ("session_label", "TEXT"), ("date", "DATE"),
        ("year", "INTEGER"), ("unres", "TEXT"), ("important", "BOOLEAN"), ("amend", "BOOLEAN"),
        ("para", "BOOLEAN"), ("short", "TEXT"), ("descr", "TEXT"), ("source", "TEXT"),
    ],
    "votes": [("rcid", "INTEGER"), ("iso3", "TEXT"), ("vote", "SMALLINT")],
    "roll_call_issues": [("rcid", "INTEGER"), ("issue", "TEXT")],
    "roll_call_subjects": [("rcid", "INTEGER"), ("subject", "TEXT")],
    "vote_countries": [("iso3", "TEXT"), ("name", "TEXT")],
}

# --- reference data -------------------------------------------------------------------------


@dataclass(frozen=True)
class CowCountry:
    ccode: int
    iso3: str  # "" for an entity without an ISO code (Zanzibar)
    name: str
    from_year: int | None
    to_year: int | None


@cache
def cow_countries() -> tuple[CowCountry, ...]:
    """The COW -> ISO3 table in ``analyze/data/cow_iso3.csv``."""
    text = resources.files("blocwatch.analyze").joinpath("data/cow_iso3.csv").read_text("utf-8")
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        rows.append(CowCountry(
            int(row["ccode"]), row["iso3"], row["name"],
            int(row["from_year"]) if row["from_year"] else None,
            int(row["to_year"]) if row["to_year"] else None,
        ))
    return tuple(rows)


def known_iso3() -> frozenset[str]:
    """Every code a vote may carry: current states and the historical seats."""
    return frozenset(c.iso3 for c in cow_countries() if c.iso3)


def cow_to_iso3(ccode: int, year: int | None = None) -> CowCountry | None:
    """The entry for a COW code in ``year`` (codes reused over time, e.g. 345, are split by year)."""
    matches = [c for c in cow_countries() if c.ccode == ccode]
    if year is not None:
        dated = [c for c in matches if (c.from_year or 0) <= year <= (c.to_year or 9999)]
        matches = dated or matches
    if not matches:
        return None
    # Without a year the current (open-ended) entry wins.
    return sorted(matches, key=lambda c: c.to_year or 9999)[-1]


# --- reading and validating files ----------------------------------------------------------


class BadRows:
    """Bad rows of one file: ``file:line: reason``, the first few kept verbatim."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.messages: list[str] = []
        self.count = 0

    def add(self, line: int, reason: str) -> None:
        self.count += 1
        if len(self.messages) < MAX_REPORTED_ROWS:
            self.messages.append(f"{self.path.name}:{line}: {reason}")

    def add_many(self, lines: Any, reason: Callable[[int], str]) -> None:
        for pos, line in enumerate(lines):
            if self.count < MAX_REPORTED_ROWS:
                self.add(int(line), reason(pos))
            else:
                self.count += 1

    def lines(self) -> list[str]:
        out = list(self.messages)
        if self.count > len(self.messages):
            out.append(f"{self.path.name}: … and {self.count - len(self.messages)} more bad rows")
        return out


@dataclass
class FileResult:
    """What happened to one input file."""

    path: Path
    layout: str
    rows: int = 0                      # data rows read
    stored: dict[str, int] = field(default_factory=dict)  # table -> rows new or changed
    skipped: int = 0                   # rows skipped on purpose (absent, not a member, no code)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _open_text(path: Path) -> io.TextIOBase:
    raw = gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def _delimiter(path: Path) -> str:
    name = path.name.lower().removesuffix(".gz")
    return "\t" if name.endswith((".tab", ".tsv")) else ","


def read_header(path: Path) -> list[str]:
    try:
        with _open_text(path) as handle:
            first = next(csv.reader(handle, delimiter=_delimiter(path)), [])
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise VoteDataError(f"{path}: cannot read: {exc}") from None
    return [h.strip().strip('"') for h in first]


def detect_layout(header: list[str]) -> str | None:
    """``votes``, ``voeten_votes``, ``roll_calls``, ``issues``, ``subjects`` or None."""
    cols = {h.lower() for h in header}
    if "rcid" not in cols:
        return None
    if "vote" in cols and "ccode" in cols:
        return "voeten_votes"
    if "vote" in cols and "country_iso3" in cols:
        return "votes"
    if "session" in cols and "vote" not in cols:
        return "roll_calls"
    if "issue" in cols or "short_name" in cols:
        return "issues"
    if "subject" in cols:
        return "subjects"
    return None


def _read_frame(path: Path, columns: set[str] | None = None, chunksize: int | None = None) -> Any:
    """Columns as text, blanks as ''; column names lower-cased. ``columns`` keeps only those
    (lower-case names); ``chunksize`` returns an iterator of frames instead."""
    if chunksize:
        return _read_chunks(path, columns, chunksize)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, sep=_delimiter(path),
                            encoding="utf-8-sig",
                            usecols=(lambda c: c.strip().lower() in columns) if columns else None)
    except (OSError, UnicodeDecodeError, EOFError, pd.errors.ParserError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise VoteDataError(f"{path}: cannot read: {first}") from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame


def _read_chunks(path: Path, columns: set[str] | None, chunksize: int) -> Iterator[pd.DataFrame]:
    try:
        reader = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, sep=_delimiter(path),
                             encoding="utf-8-sig", chunksize=chunksize,
                             usecols=(lambda c: c.strip().lower() in columns) if columns else None)
        with reader:
            for chunk in reader:
                chunk.columns = [str(c).strip().lower() for c in chunk.columns]
                yield chunk
    except (OSError, UnicodeDecodeError, EOFError, pd.errors.ParserError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise VoteDataError(f"{path}: cannot read: {first}") from None


#: Columns of Voeten's vote file needed for the votes themselves (the rest describe roll calls).
VOETEN_VOTE_COLUMNS = {"rcid", "ccode", "vote", "year", "session", "date"}
#: Roll-call columns of Voeten's full vote file, read once per roll call.
VOETEN_ROLL_CALL_COLUMNS = {"rcid", "session", "date", "year", "unres", "importantvote", "amend", "para",
                            "short", "descr", *ISSUE_CODES}


def _line_numbers(frame: pd.DataFrame) -> pd.Series:
    # Header is line 1. Vote files have no multi-line fields; roll-call files are read with
    # the csv module where line numbers are tracked exactly.
    if "_line" in frame.columns:
        return frame["_line"]
    return pd.Series(frame.index + 2, index=frame.index)


_INT = re.compile(r"^\s*\d+\s*$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text: str) -> str | None:
    """ISO date from ``YYYY-MM-DD[...]``, ``YYYY/MM/DD`` or US ``M/D/YYYY``; None if none."""
    import datetime as dt

    m = _DATE.match(text.replace("/", "-"))
    us = _US_DATE.match(text)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        if us:
            return dt.date(int(us.group(3)), int(us.group(1)), int(us.group(2))).isoformat()
    except ValueError:
        return None
    return None


def _is_int(col: pd.Series) -> pd.Series:
    stripped = col.str.strip()
    return (stripped.str.isascii() & stripped.str.isdigit()).fillna(False).astype(bool)


def _flag(value: str) -> bool | None:
    value = value.strip().lower()
    if value in ("1", "true", "t", "yes"):
        return True
    if value in ("0", "false", "f", "no"):
        return False
    return None


def _read_roll_call_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with _open_text(path) as handle:
        reader = csv.DictReader(handle, delimiter=_delimiter(path))
        reader.fieldnames = [h.strip().lower() for h in reader.fieldnames or []]
        line = reader.line_num
        for row in reader:
            yield line + 1, {k: (v or "") for k, v in row.items() if k is not None}
            line = reader.line_num


def parse_roll_calls(path: Path, source: str) -> tuple[pd.DataFrame, pd.DataFrame, BadRows]:
    """Roll calls and the issue codes carried as ``me`` … ``ec`` columns (Voeten)."""
    bad = BadRows(path)
    calls: list[dict[str, Any]] = []
    issues: list[tuple[int, str]] = []
    seen: dict[int, int] = {}
    for line, row in _read_roll_call_rows(path):
        parsed = roll_call_from_row(row, source, line, bad)
        if parsed is None:
            continue
        if parsed["rcid"] in seen:
            bad.add(line, f"roll-call id {parsed['rcid']} already given on line {seen[parsed['rcid']]}")
            continue
        seen[parsed["rcid"]] = line
        calls.append(parsed)
        issues.extend((parsed["rcid"], code) for code in ISSUE_CODES if _flag(row.get(code, "")))
    frame = pd.DataFrame(calls, columns=[c for c, _ in COLUMNS["roll_calls"]])
    return frame, pd.DataFrame(issues, columns=["rcid", "issue"]), bad


def roll_call_from_row(row: dict[str, str], source: str, line: int, bad: BadRows) -> dict[str, Any] | None:
    """One validated roll call, or None after reporting why the row is bad."""
    rcid_text = row.get("rcid", "").strip()
    if not rcid_text:
        bad.add(line, "missing roll-call id (rcid)")
        return None
    if not _INT.match(rcid_text):
        bad.add(line, f"roll-call id is not a whole number: {rcid_text!r}")
        return None
    session_text = row.get("session", "").strip()
    if not _INT.match(session_text):
        bad.add(line, f"rcid {rcid_text}: session is not a whole number: {session_text!r}")
        return None
    date_text = row.get("date", "").strip()
    date = None
    if date_text:
        date = parse_date(date_text)
        if date is None:
            bad.add(line, f"rcid {rcid_text}: date is not YYYY-MM-DD (or M/D/YYYY): {date_text!r}")
            return None
    year_text = row.get("year", "").strip()
    year = int(year_text) if _INT.match(year_text) else (int(date[:4]) if date else None)
    session = int(session_text)
    return {
        "rcid": int(rcid_text),
        "session": session,
        "session_label": row.get("session_label", "").strip() or str(session),
        "date": date,
        "year": year,
        "unres": row.get("unres", "").strip() or None,
        "important": _flag(row.get("importantvote", row.get("important", ""))),
        "amend": _flag(row.get("amend", "")),
        "para": _flag(row.get("para", "")),
        "short": row.get("short", "").strip() or None,
        "descr": row.get("descr", "").strip() or None,
        "source": row.get("source", "").strip() or source,
    }


@dataclass
class ParsedVotes:
    votes: pd.DataFrame            # rcid, iso3, vote
    countries: pd.DataFrame        # iso3, name
    roll_calls: pd.DataFrame       # Voeten files with roll-call columns; else empty
    issues: pd.DataFrame
    bad: BadRows
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)


def _roll_call_ids(frame: pd.DataFrame, lines: pd.Series, bad: BadRows) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The rcid column stripped, with the rows that lack one or hold no whole number reported."""
    rcid = frame["rcid"].str.strip()
    no_rcid = rcid == ""
    bad.add_many(lines[no_rcid], lambda _: "missing roll-call id (rcid)")
    not_int = ~no_rcid & ~_is_int(rcid)
    bad.add_many(lines[not_int], lambda i: f"roll-call id is not a whole number: {rcid[not_int].iloc[i]!r}")
    return rcid, no_rcid, not_int


def parse_votes(path: Path, frame: pd.DataFrame) -> ParsedVotes:
    """The blocwatch layout: rcid, country_iso3, country, vote (yes/abstain/no)."""
    bad = BadRows(path)
    lines = _line_numbers(frame)
    rcid, no_rcid, not_int = _roll_call_ids(frame, lines, bad)
    vote_text = frame["vote"].str.strip().str.lower()
    vote = vote_text.map(VOTE_WORDS)
    digit = vote_text.map(VOETEN_VOTE_CODES)
    vote = vote.fillna(digit)
    bad_vote = vote.isna()
    bad.add_many(lines[bad_vote], lambda i: f"unknown vote code {frame['vote'][bad_vote].iloc[i]!r}")
    iso3 = frame["country_iso3"].str.strip().str.upper()
    names = frame["country"].str.strip() if "country" in frame.columns else pd.Series("", index=frame.index)
    no_code = iso3 == ""
    unnamed = no_code & (names == "")
    bad.add_many(lines[unnamed], lambda _: "no country (country_iso3 and country are blank)")
    known = iso3.isin(known_iso3())
    unknown = ~no_code & ~known
    bad.add_many(lines[unknown], lambda i: f"unknown country code {iso3[unknown].iloc[i]!r}")
    # A named entity without any ISO code (Zanzibar, 1964) is a documented gap of the source:
    # warn and skip rather than reject the whole file.
    skip = no_code & ~unnamed
    warnings = [f"{path.name}:{int(line)}: no country code for {names[skip].loc[idx]!r}; row skipped"
                for idx, line in lines[skip].items()][:MAX_REPORTED_ROWS]
    keep = ~(no_rcid | not_int | bad_vote | no_code | unknown)
    votes = pd.DataFrame({"rcid": rcid[keep].astype("int64"), "iso3": iso3[keep],
                          "vote": vote[keep].astype("int16"), "_line": lines[keep]})
    countries = (pd.DataFrame({"iso3": iso3[keep], "name": names[keep]})
                 .drop_duplicates("iso3", keep="last"))
    countries["name"] = countries["name"].where(countries["name"] != "", None)
    return ParsedVotes(votes, countries, _empty("roll_calls"), _empty("roll_call_issues"), bad,
                       skipped=int(skip.sum()), warnings=warnings)


def parse_voeten_votes(path: Path, frame: pd.DataFrame) -> ParsedVotes:
    """Voeten's country-vote file: rcid, ccode, vote (1/2/3/8/9), maybe roll-call columns."""
    bad = BadRows(path)
    lines = _line_numbers(frame)
    rcid, no_rcid, not_int = _roll_call_ids(frame, lines, bad)
    code = frame["vote"].str.strip().str.replace(r"\.0$", "", regex=True)
    skipped_code = code.isin(VOETEN_SKIPPED_CODES)
    vote = code.map(VOETEN_VOTE_CODES)
    bad_vote = vote.isna() & ~skipped_code
    bad.add_many(lines[bad_vote], lambda i: f"unknown vote code {frame['vote'][bad_vote].iloc[i]!r}")
    ccode = frame["ccode"].str.strip().str.replace(r"\.0$", "", regex=True)
    year = _voeten_years(frame)
    # Map each distinct (ccode, year) once, then join: the full Voeten file has >1M rows.
    pairs = pd.DataFrame({"ccode": ccode, "year": year}).drop_duplicates()
    found = []
    for cc, yr in pairs.itertuples(index=False):
        entry = cow_to_iso3(int(cc), None if pd.isna(yr) else int(yr)) if _INT.match(cc) else None
        found.append((cc, yr, entry is not None, entry.iso3 if entry else "", entry.name if entry else ""))
    lookup = pd.DataFrame(found, columns=["ccode", "year", "known", "iso3", "name"])
    joined = pd.DataFrame({"ccode": ccode, "year": year}).merge(lookup, on=["ccode", "year"], how="left")
    joined.index = frame.index
    iso3, names = joined["iso3"].fillna(""), joined["name"].fillna("")
    unknown = ~joined["known"].fillna(False).astype(bool)
    unknown &= ~skipped_code
    bad.add_many(lines[unknown], lambda i: f"unknown country code (COW ccode) {ccode[unknown].iloc[i]!r}")
    no_iso = ~unknown & (iso3 == "") & ~skipped_code & ~bad_vote
    warnings = [f"{path.name}:{int(line)}: no ISO code for COW {ccode[no_iso].loc[idx]} "
                f"({names[no_iso].loc[idx]}); row skipped"
                for idx, line in lines[no_iso].items()][:MAX_REPORTED_ROWS]
    keep = ~(no_rcid | not_int | bad_vote | unknown | skipped_code | no_iso)
    votes = pd.DataFrame({"rcid": rcid[keep].astype("int64"), "iso3": iso3[keep].astype(str),
                          "vote": vote[keep].astype("int16"), "_line": lines[keep]})
    countries = pd.DataFrame({"iso3": iso3[keep], "name": names[keep]}).drop_duplicates("iso3", keep="last")
    roll_calls, issues = _voeten_roll_calls(frame, keep & ~no_rcid & ~not_int, lines, bad, path)
    return ParsedVotes(votes, countries, roll_calls, issues, bad,
                       skipped=int((skipped_code | no_iso).sum()), warnings=warnings)


def _voeten_years(frame: pd.DataFrame) -> pd.Series:
    if "year" in frame.columns:
        text = frame["year"].str.strip().str.replace(r"\.0$", "", regex=True)
        return pd.to_numeric(text, errors="coerce")
    if "date" in frame.columns:
        return pd.to_numeric(frame["date"].str.slice(0, 4), errors="coerce")
    if "session" in frame.columns:
        return pd.to_numeric(frame["session"], errors="coerce") + 1945
    return pd.Series(float("nan"), index=frame.index)


def _voeten_roll_calls(frame: pd.DataFrame, usable: pd.Series, lines: pd.Series, bad: BadRows,
                       path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The roll calls described by a full Voeten vote file (first row of each rcid).

    The descriptive columns repeat on every country's row, so they are read in chunks and
    only the first row per roll call is kept (the full file has over a million rows)."""
    header = {h.lower() for h in read_header(path)}
    # A raw vote file (rcid, session, vote, ccode) describes no roll call; only the full file
    # with dates or symbols does.
    if "session" not in header or not {"date", "year", "unres"} & header:
        return _empty("roll_calls"), _empty("roll_call_issues")
    wanted = {int(r) for r in frame.loc[usable, "rcid"].str.strip()}
    seen: set[int] = set()
    calls: list[dict[str, Any]] = []
    issues: list[tuple[int, str]] = []
    for chunk in _read_frame(path, VOETEN_ROLL_CALL_COLUMNS, chunksize=250_000):
        rcid = chunk["rcid"].str.strip()
        chunk = chunk[_is_int(rcid)]
        chunk = chunk.assign(_rcid=chunk["rcid"].astype("int64"))
        chunk = chunk[chunk["_rcid"].isin(wanted - seen)].drop_duplicates("_rcid")
        for index, row in zip(chunk.index, chunk.to_dict("records"), strict=True):
            seen.add(int(row["_rcid"]))
            line = int(lines.get(index, index + 2))
            parsed = roll_call_from_row(row, "voeten_dataverse", line, bad)
            if parsed is None:
                continue
            calls.append(parsed)
            issues.extend((parsed["rcid"], c) for c in ISSUE_CODES if _flag(str(row.get(c, ""))))
    return (pd.DataFrame(calls, columns=[c for c, _ in COLUMNS["roll_calls"]]),
            pd.DataFrame(issues, columns=["rcid", "issue"]))


def parse_issues(path: Path, frame: pd.DataFrame, column: str) -> tuple[pd.DataFrame, BadRows]:
    bad = BadRows(path)
    lines = _line_numbers(frame)
    rcid = frame["rcid"].str.strip()
    no_rcid = ~_is_int(rcid)
    bad.add_many(lines[no_rcid], lambda i: f"missing or bad roll-call id {rcid[no_rcid].iloc[i]!r}")
    value = frame[column].str.strip()
    if column != "subject":
        value = value.str.lower()
        wrong = ~no_rcid & ~value.isin(ISSUE_CODES)
        bad.add_many(lines[wrong], lambda i: f"unknown issue code {value[wrong].iloc[i]!r}")
    else:
        wrong = ~no_rcid & (value == "")
        bad.add_many(lines[wrong], lambda _: "blank subject")
    keep = ~(no_rcid | wrong)
    out = pd.DataFrame({"rcid": rcid[keep].astype("int64"), column if column == "subject" else "issue": value[keep],
                        "_line": lines[keep]})
    return out.drop_duplicates(subset=list(out.columns[:2])), bad


def _empty(table: str) -> pd.DataFrame:
    return pd.DataFrame({c: [] for c, _ in COLUMNS[table]})


def check_roll_calls_exist(db: Database, frame: pd.DataFrame, bad: BadRows, extra: set[int]) -> pd.DataFrame:
    """Rows whose rcid is neither stored nor in this import are bad (reported by line)."""
    if frame.empty:
        return frame
    stored = {int(r[0]) for r in db.query("SELECT rcid FROM roll_calls")}
    known = stored | extra
    missing = ~frame["rcid"].isin(known)
    lines = frame["_line"] if "_line" in frame.columns else pd.Series(frame.index + 2, index=frame.index)
    bad.add_many(lines[missing], lambda i: f"roll-call id {int(frame['rcid'][missing].iloc[i])} "
                 "is not in roll_calls (import the roll-call file first)")
    return frame[~missing]



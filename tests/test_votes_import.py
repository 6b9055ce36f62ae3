"""`votes import`: both layouts, validation by file and line, idempotence, all-or-nothing."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blocwatch.analyze.votes import import_votes, load_votes
from blocwatch.cli.main import main
from blocwatch.store.db import connect
from skips import NO_CAPSH
from votes_testdata import UNGA, needs_unga, plain_votes, real_duckdb

ROLL_CALL_HEADER = ["rcid", "source", "session", "session_label", "date", "year", "unres", "importantvote",
                    "amend", "para", "short", "descr"]


def _write(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _roll_calls(folder: Path, rcids: list[int]) -> None:
    _write(folder / "roll_calls.csv.gz", ROLL_CALL_HEADER,
           [[r, "test", 76, "76", "2022-03-02", 2022, f"A/RES/{r}", "", "", "", "short\nover two lines", "d"]
            for r in rcids])


def _table_dump(db) -> list[tuple]:
    return [tuple(db.query(f"SELECT * FROM {t} ORDER BY 1, 2"))
            for t in ("roll_calls", "votes", "roll_call_issues", "roll_call_subjects", "vote_countries")]


@needs_unga
def test_votes_import_real_data_complete() -> None:
    with connect(real_duckdb()) as db:
        expected = sum(len(v) for v in plain_votes().values())
        assert db.query("SELECT count(*) FROM votes")[0][0] == expected == 982_334 - 2  # 2 Zanzibar rows
        assert db.query("SELECT count(*) FROM roll_calls")[0][0] == 6843
        es11 = dict(db.query("SELECT iso3, vote FROM votes WHERE rcid = 100177 AND iso3 IN ('USA','RUS','PAK')"))
        assert es11 == {"USA": 1, "RUS": 3, "PAK": 2}
        assert db.query("SELECT session, session_label, unres FROM roll_calls WHERE rcid = 100177") == [
            (76, "ES-11", "A/RES/ES-11/1")]
        frame = load_votes(db, from_session=76, to_session=76)
        assert list(frame.columns) == ["rcid", "session", "year", "iso3", "vote"]
        assert set(frame["session"]) == {76} and set(frame["vote"]) == {1, 2, 3}


@needs_unga
def test_votes_import_twice_changes_nothing(tmp_path: Path) -> None:
    # A small real slice (sessions 76-77) keeps this fast; the full import is checked above.
    folder = tmp_path / "slice"
    folder.mkdir()
    with gzip.open(UNGA / "roll_calls.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [r for r in reader if r["session"] in ("76", "77")]
        keep = {r["rcid"] for r in rows}
        _write(folder / "roll_calls.csv.gz", list(rows[0]), [list(r.values()) for r in rows])
    with gzip.open(UNGA / "votes.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        votes = [r for r in reader if r["rcid"] in keep]
        _write(folder / "votes.csv.gz", list(votes[0]), [list(r.values()) for r in votes])
    with connect(str(tmp_path / "db.duckdb")) as db:
        first = import_votes(db, folder)
        before = _table_dump(db)
        second = import_votes(db, folder)
        assert first.ok and second.ok
        assert first.stored("votes") == len(votes) and second.stored("votes") == 0
        assert second.stored("roll_calls") == 0
        assert _table_dump(db) == before


def test_votes_import_bad_rows_named_and_file_not_stored(tmp_path: Path) -> None:
    _roll_calls(tmp_path, [1, 2])
    _write(tmp_path / "votes.csv", ["rcid", "country_iso3", "country", "vote", "country_name_source"], [
        [1, "USA", "United States", "yes", ""],
        [1, "RUS", "Russia", "maybe", ""],          # line 3: unknown vote code
        ["", "PAK", "Pakistan", "abstain", ""],     # line 4: missing roll-call id
        [2, "XXA", "Nowhere", "no", ""],            # line 5: unknown country
        [7, "IND", "India", "no", ""],              # line 6: roll call not known
        [2, "", "Zanzibar", "abstain", ""],         # no code at all: warned and skipped
    ])
    reported: list[str] = []
    with connect(str(tmp_path / "db.duckdb")) as db:
        summary = import_votes(db, tmp_path, report=reported.append)
        assert not summary.ok
        assert db.query("SELECT count(*) FROM votes")[0][0] == 0
        assert db.query("SELECT count(*) FROM roll_calls")[0][0] == 2  # the good file went in
    text = "\n".join(reported)
    assert "votes.csv:3: unknown vote code 'maybe'" in text
    assert "votes.csv:4: missing roll-call id" in text
    assert "votes.csv:5: unknown country code 'XXA'" in text
    assert "votes.csv:6: roll-call id 7 is not in roll_calls" in text
    assert "votes.csv:7: no country code for 'Zanzibar'" in text
    assert "votes.csv: nothing stored from this file" in text


def test_votes_import_bad_roll_call_line_counts_multiline_fields(tmp_path: Path) -> None:
    _write(tmp_path / "roll_calls.csv", ROLL_CALL_HEADER, [
        [1, "t", 76, "76", "2022-03-02", 2022, "x", "", "", "", "two\nlines", ""],
        [2, "t", "", "76", "2022-03-02", 2022, "x", "", "", "", "", ""],
    ])
    reported: list[str] = []
    with connect(str(tmp_path / "db.duckdb")) as db:
        assert not import_votes(db, tmp_path, report=reported.append).ok
        assert db.query("SELECT count(*) FROM roll_calls")[0][0] == 0
    assert any(line.startswith("roll_calls.csv:4: rcid 2: session is not a whole number") for line in reported)


VOETEN_HEADER = ["rcid", "ccode", "member", "vote", "Country", "Countryname", "year", "session", "importantvote",
                 "date", "unres", "amend", "para", "short", "descr", "me", "nu", "di", "hr", "co", "ec"]


def _voeten_row(rcid: int, ccode: int, vote: int, year: int = 2022, session: int = 76) -> list[object]:
    return [rcid, ccode, 1, vote, "", "", year, session, 0, f"{year}-03-02", f"A/RES/{rcid}", 0, 0, "s", "d",
            0, 0, 0, 1, 0, 0]


def test_votes_import_voeten_layout(tmp_path: Path) -> None:
    _write(tmp_path / "UNVotes.csv", VOETEN_HEADER, [
        _voeten_row(9001, 2, 1), _voeten_row(9001, 365, 3), _voeten_row(9001, 770, 2),
        _voeten_row(9001, 750, 8),                       # absent: skipped
        _voeten_row(9001, 990, 9),                       # not a member: skipped
        _voeten_row(5000, 345, 1, 1990, 45),             # Yugoslavia in 1990
        _voeten_row(8000, 345, 2, 2010, 65),             # Serbia in 2010
        _voeten_row(8000, 511, 1, 2010, 65),             # Zanzibar: no ISO code, skipped
    ])
    with connect(str(tmp_path / "db.duckdb")) as db:
        summary = import_votes(db, tmp_path)
        assert summary.ok and summary.files[0].layout == "voeten_votes" and summary.files[0].skipped == 3
        assert sorted(db.query("SELECT rcid, iso3, vote FROM votes")) == [
            (5000, "YUG", 1), (8000, "SRB", 2), (9001, "PAK", 2), (9001, "RUS", 3), (9001, "USA", 1)]
        assert db.query("SELECT session, year, unres FROM roll_calls WHERE rcid = 9001") == [(76, 2022, "A/RES/9001")]
        assert db.query("SELECT issue FROM roll_call_issues WHERE rcid = 9001") == [("hr",)]


def test_votes_import_voeten_bad_codes_reported(tmp_path: Path) -> None:
    _write(tmp_path / "UNVotes.csv", VOETEN_HEADER, [
        _voeten_row(9001, 2, 1), _voeten_row(9001, 365, 5), _voeten_row(9001, 123, 1)])
    reported: list[str] = []
    with connect(str(tmp_path / "db.duckdb")) as db:
        assert not import_votes(db, tmp_path, report=reported.append).ok
        assert db.query("SELECT count(*) FROM votes")[0][0] == 0
        assert db.query("SELECT count(*) FROM roll_calls")[0][0] == 0
    assert "UNVotes.csv:3: unknown vote code '5'" in reported
    assert "UNVotes.csv:4: unknown country code (COW ccode) '123'" in reported


def test_votes_import_voeten_descriptions_then_raw_votes(tmp_path: Path) -> None:
    _write(tmp_path / "descriptions.csv", ["rcid", "session", "date", "unres", "importantvote", "me", "nu", "di",
                                           "hr", "co", "ec"],
           [[3, 1, "1/10/1946", "R/1/66", 0, 0, 0, 1, 0, 0, 0]])
    _write(tmp_path / "RawVotingdata.tab", ["rcid", "session", "vote", "ccode"], [])
    (tmp_path / "RawVotingdata.tab").write_text("rcid\tsession\tvote\tccode\n3\t1\t1\t2\n3\t1\t3\t365\n")
    with connect(str(tmp_path / "db.duckdb")) as db:
        summary = import_votes(db, tmp_path)
        assert summary.ok, [f.errors for f in summary.files]
        assert [f.layout for f in summary.files] == ["roll_calls", "voeten_votes"]
        assert db.query("SELECT date, year, session FROM roll_calls")[0][1:] == (1946, 1)
        assert str(db.query("SELECT date FROM roll_calls")[0][0]) == "1946-01-10"
        assert sorted(db.query("SELECT iso3, vote FROM votes")) == [("RUS", 3), ("USA", 1)]
        assert db.query("SELECT issue FROM roll_call_issues") == [("di",)]


def test_votes_import_cli_one_line_per_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _roll_calls(tmp_path, [1])
    _write(tmp_path / "votes.csv", ["rcid", "country_iso3", "country", "vote"], [[1, "USA", "United States", "si"]])
    assert main(["votes", "import", str(tmp_path), "--db", str(tmp_path / "db.duckdb")]) == 1
    err = capsys.readouterr().err
    assert "votes.csv:2: unknown vote code 'si'" in err and "Traceback" not in err
    # A folder that is not there is input that failed (1, as extract and ingest say), not bad usage.
    assert main(["votes", "import", str(tmp_path / "missing"), "--db", str(tmp_path / "db.duckdb")]) == 1
    assert "no such file or folder" in capsys.readouterr().err


vote_sets = st.dictionaries(
    st.tuples(st.integers(1, 6), st.sampled_from(["USA", "RUS", "PAK", "IND", "CHN"])),
    st.sampled_from(["yes", "abstain", "no"]), min_size=1, max_size=25)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=vote_sets, second=vote_sets)
def test_votes_import_upserts_round_trip(tmp_path_factory: pytest.TempPathFactory, first, second) -> None:
    folder = tmp_path_factory.mktemp("votes")
    _roll_calls(folder, list(range(1, 7)))
    code = {"yes": 1, "abstain": 2, "no": 3}
    with connect(str(folder / "db.duckdb")) as db:
        for votes in (first, second, second):
            _write(folder / "votes.csv", ["rcid", "country_iso3", "vote"],
                   [[r, c, v] for (r, c), v in votes.items()])
            assert import_votes(db, folder).ok
        stored = {(r, c): v for r, c, v in db.query("SELECT rcid, iso3, vote FROM votes")}
    expected = {key: code[v] for key, v in first.items()} | {key: code[v] for key, v in second.items()}
    assert stored == expected


def test_votes_import_folder_that_cannot_be_read_one_line(tmp_path: Path) -> None:
    import os
    import shlex
    import shutil
    import subprocess
    import sys

    folder = tmp_path / "closed"
    folder.mkdir()
    command = [sys.executable, "-m", "blocwatch", "votes", "import", str(folder), "--db", str(tmp_path / "v.duckdb")]
    if os.geteuid() == 0:
        if shutil.which("capsh") is None:
            pytest.skip(NO_CAPSH)
        command = ["capsh", "--drop=cap_dac_override,cap_dac_read_search", "--", "-c", shlex.join(command)]
    folder.chmod(0)
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == f"blocwatch votes: {folder}: cannot read the folder (Permission denied)\n"

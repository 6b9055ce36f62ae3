"""Ideal points stored in the database and printed by `blocwatch idealpoints`."""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pandas as pd
import pytest

from blocwatch.analyze.idealpoints import ideal_points, stored_ideal_points
from blocwatch.analyze.votes import import_votes
from blocwatch.cli.main import main
from blocwatch.store.db import connect
from skips import NO_POSTGRES, NO_SHARED

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "unga"
pytestmark = pytest.mark.skipif(not DATA.exists(), reason=NO_SHARED)


@pytest.fixture(scope="module")
def vote_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sessions 70-72 of the real data in the shared layout."""
    folder = tmp_path_factory.mktemp("unga")
    roll_calls = pd.read_csv(DATA / "roll_calls.csv.gz", low_memory=False)
    part = roll_calls[roll_calls["session"].between(70, 72)]
    part.to_csv(folder / "roll_calls.csv.gz", index=False)
    votes = pd.read_csv(DATA / "votes.csv.gz", low_memory=False)
    votes[votes["rcid"].isin(part["rcid"])].to_csv(folder / "votes.csv.gz", index=False)
    return folder


@pytest.fixture()
def db_path(tmp_path: Path, vote_dir: Path) -> str:
    path = str(tmp_path / "ip.duckdb")
    with connect(path) as db:
        import_votes(db, vote_dir)
    return path


def _cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        status = main(["idealpoints", *args])
    return status, out.getvalue()


def test_idealpoints_store_fits_once_and_refits_when_votes_change(db_path: str) -> None:
    with connect(db_path) as db:
        assert stored_ideal_points(db) is None
        first = ideal_points(db)
        stored = stored_ideal_points(db)
        assert stored is not None and len(stored) == len(first)
        pd.testing.assert_frame_equal(ideal_points(db), first, check_exact=False, atol=1e-12)
        # Change one vote: the stored estimates no longer match the votes.
        rcid, iso3 = db.query("SELECT rcid, iso3 FROM votes WHERE vote = 1 LIMIT 1")[0]
        db.execute("UPDATE votes SET vote = 3 WHERE rcid = ? AND iso3 = ?", [rcid, iso3])
        from blocwatch.analyze.idealpoints import votes_fingerprint
        from blocwatch.analyze.votes import load_votes

        assert stored_ideal_points(db, votes_fingerprint(load_votes(db))) is None
        ideal_points(db)
        assert stored_ideal_points(db, votes_fingerprint(load_votes(db))) is not None


def test_idealpoints_cli_prints_rows_per_country_and_session(db_path: str) -> None:
    status, text = _cli("--db", db_path, "--country", "PAK", "USA", "--from", "session:71")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["iso3", "session", "ideal_point", "se", "lo", "hi", "n_votes"]
    assert {(r["iso3"], r["session"]) for r in rows} == {(c, str(s)) for c in ("PAK", "USA") for s in (71, 72)}
    by = {(r["iso3"], r["session"]): float(r["ideal_point"]) for r in rows}
    assert by[("USA", "72")] > by[("PAK", "72")]
    status, text = _cli("--db", db_path, "--format", "json")
    data = json.loads(text)
    assert len({d["iso3"] for d in data}) > 180 and {d["session"] for d in data} == {70, 71, 72}


def test_idealpoints_cli_moved_and_chart(db_path: str, tmp_path: Path) -> None:
    status, text = _cli("--db", db_path, "--moved", "PAK", "USA", "--from", "session:70", "--to", "2017",
                        "--format", "json")
    assert status == 0
    row = json.loads(text)[0]
    assert (row["s0"], row["s1"]) == (70, 72)
    assert row["a_move"] + row["b_move"] == pytest.approx(row["total"], abs=1e-5)
    assert row["a_move_se"] > 0 and row["b_move_se"] > 0 and row["total_se"] > 0  # moves with their noise
    assert row["sentence"].startswith("PAK-USA distance")
    chart = tmp_path / "pak.svg"
    status, _ = _cli("--db", db_path, "--country", "PAK", "--peers", "IND,USA", "--chart", str(chart))
    assert status == 0 and chart.read_text().lstrip().startswith(("<?xml", "<svg"))


def test_idealpoints_cli_errors_are_one_line(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["idealpoints", "--db", db_path, "--country", "XXX"]) == 2  # unknown country: 2 everywhere
    assert main(["idealpoints", "--db", db_path, "--moved", "PAK", "USA"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith("blocwatch idealpoints: ") and "XXX" in err[0]
    assert "--from" in err[1]


def test_idealpoints_cli_country_names_and_session_range(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    by_code = _cli("--db", db_path, "--country", "PAK", "USA", "--from", "session:72")
    assert by_code[0] == 0 and len(by_code[1].splitlines()) == 3
    assert _cli("--db", db_path, "--country", "pakistan", "United States", "--from", "session:72") == by_code
    assert _cli("--db", db_path, "--country", "pak,usa", "--from", "session:72") == by_code
    # --from takes the forms it takes everywhere: the year a session opened, a day within it
    assert _cli("--db", db_path, "--country", "PAK", "USA", "--from", "2017") == by_code
    assert _cli("--db", db_path, "--country", "PAK", "USA", "--from", "2018-03-01") == by_code
    capsys.readouterr()
    # A bare session number, or a reversed range, is bad usage with one line, not empty output.
    for args in (["--from", "72"], ["--from", "session:72", "--to", "session:70"]):
        assert main(["idealpoints", "--db", db_path, *args]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("blocwatch idealpoints: --from"), err
    assert main(["idealpoints", "--db", db_path, "--from", "72"]) == 2
    assert "write session:72" in capsys.readouterr().err


def _backends() -> list:
    import os

    url = os.environ.get("BLOCWATCH_TEST_PG")
    pg = pytest.param(url, marks=pytest.mark.postgres) if url else pytest.param(
        None, marks=pytest.mark.skip(reason=NO_POSTGRES))
    return [pytest.param("duckdb", id="duckdb"), pg]


@pytest.mark.parametrize("target", _backends())
def test_idealpoints_store_round_trip_on_both_backends(target: str, tmp_path: Path) -> None:
    from blocwatch.analyze.idealpoints import store_ideal_points

    frame = pd.DataFrame({"iso3": ["PAK", "USA"], "session": [77, 77], "ideal_point": [-0.8, 3.1],
                          "se": [0.1, 0.2], "lo": [-1.0, 2.7], "hi": [-0.6, 3.5], "n_votes": [90, 91]})
    with connect(str(tmp_path / "rt.duckdb") if target == "duckdb" else target) as db:
        db.execute("DROP TABLE IF EXISTS ideal_points")
        store_ideal_points(db, frame, "2:abc")
        assert stored_ideal_points(db, "2:other") is None
        back = stored_ideal_points(db, "2:abc")
        assert back is not None
        pd.testing.assert_frame_equal(back, frame, check_dtype=False)
        store_ideal_points(db, frame.iloc[:1], "1:def")  # replaces, never appends
        assert len(stored_ideal_points(db)) == 1
        db.execute("DROP TABLE ideal_points")

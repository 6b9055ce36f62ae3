"""`blocwatch align` and `blocwatch votes matrix` on the real data: formats and one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from blocwatch.cli.main import main
from votes_testdata import needs_unga, plain_dyad_by_session, real_duckdb

pytestmark = needs_unga


def test_agreement_cli_csv_json_table(capsys: pytest.CaptureFixture[str]) -> None:
    db = real_duckdb()
    assert main(["align", "PAK", "RUS", "--db", db, "--from", "2021", "--to", "2025"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [int(r["session"]) for r in rows] == [76, 77, 78, 79, 80]
    want = plain_dyad_by_session("PAK", "RUS")
    for row in rows:
        expected = want[int(row["session"])]
        assert int(row["n_votes"]) == expected["n_votes"]
        assert abs(float(row["agree"]) - expected["agree"]) < 1e-6
        assert abs(float(row["kappa"]) - expected["kappa"]) < 1e-6
    assert main(["align", "Pakistan", "United States", "--db", db, "--from", "2021", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["session"] == 76 and set(data[0]) == {"session", "year", "n_votes", "agree", "s_score",
                                                          "kappa", "identical"}
    assert main(["align", "PAK", "USA", "--db", db, "--from", "2021", "--format", "table"]) == 0
    assert capsys.readouterr().out.split("\n")[0].split() == ["session", "year", "n_votes", "agree", "s_score",
                                                               "kappa", "identical"]


def test_agreement_cli_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    db = real_duckdb()
    assert main(["align", "PAK", "Atlantis", "--db", db]) == 2  # unknown country: 2 in every command
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("blocwatch align: unknown country 'Atlantis'")
    assert main(["align", "PAK", "--db", db]) == 2
    assert "give two countries" in capsys.readouterr().err
    assert main(["align", "PAK", "USA", "--db", db, "--from", "2090"]) == 1
    assert "no common votes" in capsys.readouterr().err


def test_agreement_cli_year_range_checked(capsys: pytest.CaptureFixture[str]) -> None:
    db = real_duckdb()
    # A bare session number (write session:75), or a reversed range: bad usage, one line.
    for args in (["--from", "75"], ["--to", "80"], ["--from", "2022", "--to", "2020"]):
        assert main(["align", "PAK", "RUS", "--db", db, *args]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith(f"blocwatch align: {args[0]}"), err
    for top in ("0", "-3"):
        assert main(["align", "PAK", "--top", top, "--session", "77", "--db", db]) == 2
        assert capsys.readouterr().err == f"blocwatch align: --top {top}: must be at least 1\n"
    assert main(["align", "pak", "rus", "--db", db, "--from", "2024", "--format", "csv"]) == 0
    assert [line.split(",")[0] for line in capsys.readouterr().out.splitlines()] == ["session", "79", "80"]


def test_agreement_cli_top(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", "PAK", "--top", "3", "--session", "77", "--db", real_duckdb(), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["side"] for r in rows] == ["closest"] * 3 + ["farthest"] * 3
    assert all(r["compare_session"] == 67 for r in rows)
    assert rows[3]["iso3"] == "USA"


def test_agreement_cli_matrix_csv_parquet_wide(tmp_path: Path) -> None:
    db = real_duckdb()
    out_csv, out_pq, out_wide = tmp_path / "m.csv", tmp_path / "m.parquet", tmp_path / "w.csv"
    assert main(["votes", "matrix", "--db", db, "--from-session", "76", "--to-session", "77", "-o", str(out_csv)]) == 0
    assert main(["votes", "matrix", "--db", db, "--from-session", "76", "--to-session", "77", "-o", str(out_pq)]) == 0
    assert main(["votes", "matrix", "--db", db, "--from-session", "76", "--to-session", "77", "-o", str(out_wide),
                 "--layout", "wide", "--measure", "kappa"]) == 0
    long_csv, long_pq = pd.read_csv(out_csv), pd.read_parquet(out_pq)
    assert list(long_pq.columns) == ["a", "b", "session", "n_votes", "agree", "s_score", "kappa", "identical"]
    assert len(long_csv) == len(long_pq) and set(long_pq["session"]) == {76, 77}
    row = long_pq[(long_pq["a"] == "PAK") & (long_pq["b"] == "RUS") & (long_pq["session"] == 76)].iloc[0]
    assert abs(row["agree"] - plain_dyad_by_session("PAK", "RUS")[76]["agree"]) < 1e-12
    wide = pd.read_csv(out_wide)
    assert list(wide.columns) == ["a", "b", "kappa_76", "kappa_77"]
    assert main(["votes", "matrix", "--db", db, "-o", str(tmp_path / "m.xlsx")]) == 2

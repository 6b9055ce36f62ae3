"""`blocwatch assess A B`: output, JSON form, exit status (CONTRACT: 2 for bad usage)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from blocwatch.cli.main import main
from votes_testdata import needs_unga, plain_dyad_by_session, real_duckdb

ROOT = Path(__file__).resolve().parents[1]
pytestmark = needs_unga


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = tmp_path_factory.mktemp("assess-cli") / "corpus.duckdb"
    shutil.copy(real_duckdb(), db)
    docs = [ROOT / "samples" / "ankara-moscow-2024.txt", ROOT / "tests" / "gold" / "docs" / "ankara-moscow-2015.txt"]
    assert main(["ingest", *map(str, docs), "--db", str(db)]) == 0
    return str(db)


def test_assessment_cli_text(corpus: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "PAK", "RUS", "--db", corpus]) == 0
    out = capsys.readouterr().out
    plain = plain_dyad_by_session("PAK", "RUS")
    agree = plain[80]["agree"]
    first = out.splitlines()[0]
    assert first.startswith("Pakistan-Russia (PAK-RUS): ")
    assert f"vote agreement {agree:.2f} in session 80 (2025)" in first
    assert ("closer since session" in first or "further apart since session" in first
            or "no significant change" in first)
    assert f"agreement {agree:.2f} on {plain[80]['n_votes']} common votes" in out
    assert "Session 75: the vote data change source" in out
    assert "Events: none stored between PAK and RUS" in out


def test_assessment_cli_evidence_and_json(corpus: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "Turkey", "Russia", "--db", corpus, "--evidence", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Turkey-Russia (TUR-RUS): ")
    evidence = out.split("Evidence (strongest first):\n", 1)[1].strip().splitlines()
    assert len(evidence) == 2 and all(line.startswith("- ") and ".txt]" in line for line in evidence)
    assert main(["assess", "TUR", "RUS", "--db", corpus, "--format", "json", "--from", "2015", "--to", "2024"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["session"] for r in data["votes"]] == list(range(70, 80))
    totals = data["event_totals"]
    assert totals["total"] == sum(totals[f"quad{q}"] for q in (1, 2, 3, 4)) > 0
    assert data["headline"] == data["headline"].strip() and data["shifts"] is not None
    assert all(r["month"].startswith(("2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023",
                                      "2024")) for r in data["events_per_month"])


def test_assessment_cli_bad_country_exits_2(corpus: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "PAK", "Atlantis", "--db", corpus]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ("blocwatch assess: unknown country 'Atlantis': not an ISO3 code or country name "
                            "known to blocwatch\n")
    assert main(["assess", "PAK", "Pakistan", "--db", corpus]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_assessment_cli_year_range_and_evidence_checked(corpus: str, capsys: pytest.CaptureFixture[str]) -> None:
    for args, start in ((["--from", "75"], "--from 75: a calendar year"), (["--from", "2022", "--to", "2020"],
                        "--from 2022 is after --to 2020"), (["--evidence", "-1"], "--evidence -1")):
        assert main(["assess", "PAK", "RUS", "--db", corpus, *args]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.startswith(f"blocwatch assess: {start}")
        assert captured.err.count("\n") == 1


def test_assessment_cli_subprocess_exit_status(corpus: str) -> None:
    cmd = [sys.executable, "-m", "blocwatch", "assess", "PAK", "Atlantis", "--db", corpus]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "unknown country 'Atlantis'" in proc.stderr
    proc = subprocess.run(cmd[:5] + ["RUS", "--db", corpus], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Pakistan-Russia (PAK-RUS): ")

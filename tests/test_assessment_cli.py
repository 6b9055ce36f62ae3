"""`blocwatch assess X Y`: the report, its JSON form, -o, the built-in data, exit status
(CONTRACT section 6; 2 for bad usage)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import blocwatch
from blocwatch.analyze.assessment.votedata import builtin_votes
from blocwatch.cli.main import main
from votes_testdata import needs_unga, plain_dyad_by_session, real_duckdb

ROOT = Path(__file__).resolve().parents[1]
pytestmark = needs_unga
CONTRACT_FIELDS = {"x", "y", "versus", "from", "to", "verdict", "confidence", "change_year", "mover",
                   "measures", "key_votes", "evidence"}
SCHEMA_FIELDS = CONTRACT_FIELDS | {"names", "summary", "method", "notes", "data_source", "series",
                                   "events_verdict", "undated_evidence"}


def _with_stored_fit(db: str) -> None:
    """Store the built-in copy's ideal points (fitted on the same votes) so no test refits."""
    from blocwatch.analyze.idealpoints import store_ideal_points, votes_fingerprint
    from blocwatch.analyze.votes import load_votes
    from blocwatch.store.db import connect

    data = builtin_votes()
    i, j = np.nonzero(np.isfinite(data.ideal))
    x, se = data.ideal[i, j].astype(float), data.ideal_se[i, j].astype(float)
    frame = pd.DataFrame({"iso3": data.codes[i], "session": data.ip_sessions[j].astype(int), "ideal_point": x,
                          "se": se, "lo": x - 1.96 * se, "hi": x + 1.96 * se, "n_votes": data.ip_n[i, j].astype(int)})
    with connect(db) as conn:
        store_ideal_points(conn, frame, votes_fingerprint(load_votes(conn)))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = tmp_path_factory.mktemp("assess-cli") / "corpus.duckdb"
    shutil.copy(real_duckdb(), db)
    _with_stored_fit(str(db))
    docs = [ROOT / "samples" / "ankara-moscow-2024.txt", ROOT / "tests" / "gold" / "docs" / "ankara-moscow-2015.txt"]
    assert main(["ingest", *map(str, docs), "--db", str(db)]) == 0
    return str(db)


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data folder for the module: the sample corpus (when installed) is extracted once."""
    return tmp_path_factory.mktemp("home")


@pytest.fixture(autouse=True)
def home(shared_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BLOCWATCH_HOME", str(shared_home))
    monkeypatch.delenv("BLOCWATCH_DB", raising=False)
    return shared_home


def test_assessment_cli_text(corpus: str, capsys: pytest.CaptureFixture[str], tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    from blocwatch.analyze.assessment import run, votedata

    monkeypatch.setenv("BLOCWATCH_HOME", str(tmp_path / "fresh"))  # first use of these votes
    votedata._LOADED.clear()
    run._RESULTS.clear()
    assert main(["assess", "PAK", "RUS", "--db", corpus]) == 0
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    assert out[0] == "Pakistan (PAK) and Russia (RUS), against the United States (USA), 2016-2025"
    assert out[1].startswith("Verdict: no clear change (confidence ")
    plain = plain_dyad_by_session("PAK", "RUS")
    assert f"2025 (s80, {plain[80]['n_votes']} votes): {plain[80]['agree']:.2f} [" in captured.out
    assert "The vote data change source at session 75" in captured.out
    assert "A/RES/ES-11/1 Aggression against Ukraine: abstain / no / yes" in captured.out
    assert "reading the votes of" in captured.err  # first use of these votes: progress on stderr
    assert main(["assess", "PAK", "RUS", "--db", corpus]) == 0
    assert capsys.readouterr().err == ""  # warm: from the cache, no progress


def test_assessment_cli_json_shape_and_api(corpus: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "Turkey", "Russia", "--db", corpus, "--format", "json", "--evidence", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= SCHEMA_FIELDS
    assert (data["x"], data["y"], data["versus"]) == ("TUR", "RUS", "USA")
    assert data["names"] == {"x": "Turkey", "y": "Russia", "versus": "United States"}
    assert data["verdict"] in ("toward", "away", "no clear change", "insufficient data")
    assert 0 <= data["confidence"] <= 1 and data["mover"] in ("x", "y", "both", None)
    for key in ("agreement_xy", "agreement_xz", "relative_agreement_xy", "relative_agreement_xz",
                "idealpoint_distance_xy", "idealpoint_distance_xz", "idealpoint_x", "idealpoint_y",
                "idealpoint_z", "events_xy", "events_xz"):
        assert {"start", "end", "change", "se", "lo", "hi", "n_start", "n_end", "unit",
                "description"} <= set(data["measures"][key]), key
    assert [r["session"] for r in data["series"]["agreement"]] == list(range(71, 81))
    assert data["series"]["idealpoints"][0].keys() >= {"year", "session", "x", "x_lo", "x_hi", "z_hi"}
    assert len(data["evidence"]) <= 2 and data["evidence_counts"]["shown"] == len(data["evidence"])
    texts = [e["text"] for e in data["evidence"] + data["undated_evidence"]]
    assert len(texts) == len(set(texts))
    for e in data["evidence"]:
        assert e["documents"] and e["relevance"] > 0 and e["date"] and e["why"]
    assert all(kv.keys() >= {"rcid", "date", "unres", "title", "x_vote", "y_vote", "versus_vote", "why"}
               for kv in data["key_votes"])
    api = blocwatch.assess("Turkey", "Russia", db=corpus, n_evidence=2).to_dict()
    assert json.loads(json.dumps(api, default=str)) == data


def test_assessment_cli_output_file_format_from_suffix(corpus: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.json"
    assert main(["assess", "PAK", "RUS", "--versus", "CHN", "--from", "2019", "--db", corpus, "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["versus"] == "CHN" and data["from"] == 2019 and data["to"] == 2025


def test_assessment_cli_builtin_votes_on_a_fresh_machine(capsys: pytest.CaptureFixture[str]) -> None:
    """No --db and no default database: the built-in copy, said so in data_source."""
    assert main(["assess", "PAK", "RUS", "--format", "json", "--evidence", "0"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["data_source"]["votes"].startswith("built-in copy of the UNGA votes")
    assert data["verdict"] == "no clear change"
    es11 = [kv for kv in data["key_votes"] if (kv["unres"] or "").startswith("A/RES/ES-11/")]
    assert es11 and all((kv["x_vote"], kv["y_vote"], kv["versus_vote"]) == ("abstain", "no", "yes") for kv in es11)


def test_assessment_cli_versus_defaults_to_russia_for_the_united_states(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "POL", "USA", "--from", "1985", "--to", "1994", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["versus"] == "RUS" and data["verdict"] == "toward" and 1989 <= data["change_year"] <= 1992


def test_assessment_cli_insufficient_data(capsys: pytest.CaptureFixture[str]) -> None:
    """Czechoslovakia has no votes after 1992: a window after it cannot be assessed."""
    assert main(["assess", "CSK", "USA", "--from", "1992", "--to", "1996", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "insufficient data" and data["confidence"] == 0.0 and data["change_year"] is None


def test_assessment_cli_bad_country_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "PAK", "Atlantis"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ("blocwatch assess: unknown country 'Atlantis': not an ISO3 code or country name "
                            "with UN votes\n")
    for args in (["PAK", "Pakistan"], ["PAK", "RUS", "--versus", "PAK"]):
        assert main(["assess", *args]) == 2
        assert capsys.readouterr().err.count("\n") == 1


def test_assessment_cli_year_range_and_evidence_checked(capsys: pytest.CaptureFixture[str]) -> None:
    for args, start in ((["--from", "75"], "--from 75: a calendar year"), (["--from", "2022", "--to", "2020"],
                        "--from 2022 is after --to 2020"), (["--evidence", "-1"], "--evidence -1")):
        assert main(["assess", "PAK", "RUS", *args]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.startswith(f"blocwatch assess: {start}")
        assert captured.err.count("\n") == 1


def test_assessment_cli_subprocess_exit_status(shared_home: Path) -> None:
    env = {"BLOCWATCH_HOME": str(shared_home), "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "blocwatch", "assess", "PAK", "Atlantis"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "unknown country 'Atlantis'" in proc.stderr
    proc = subprocess.run(cmd[:5] + ["RUS", "--evidence", "0"], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Pakistan (PAK) and Russia (RUS), against the United States (USA), 2016-2025\n")


def test_assessment_cli_mistyped_db_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "typo.duckdb"
    run = subprocess.run([sys.executable, "-m", "blocwatch", "assess", "PAK", "RUS", "--db", str(missing)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and not missing.exists()
    assert len(run.stderr.strip().splitlines()) == 1 and "typo.duckdb" in run.stderr

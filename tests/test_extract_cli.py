"""`blocwatch extract` as a user runs it: a subprocess, real files, CONTRACT.md section 1."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from blocwatch.records import EVENT_FIELDS

REPORT = (
    "MOSCOW, 10 July 2024 - Indian Prime Minister Narendra Modi arrived in Moscow on Monday for a "
    "two-day visit. Russia and India signed an agreement on nuclear energy on Tuesday.\n"
)


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "blocwatch", "extract", *args], input=stdin,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docs") / "modi-moscow.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.mark.slow
def test_extract_cli_jsonl_has_every_contract_field(report: Path) -> None:
    out = _run(str(report), "--date", "2024-07-10")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert lines, out.stderr
    text = report.read_text(encoding="utf-8").strip()
    for line in lines:
        assert list(line) == list(EVENT_FIELDS)
        assert line["doc"] == str(report)
        assert line["text"] == text[line["start"]:line["end"]]
    visit = [e for e in lines if e["event"] == "CONSULT" and e["actor"] == "IND" and e["recipient"] == "RUS"]
    assert visit and visit[0]["date"] == "2024-07-08" and visit[0]["date_precision"] == "day"


@pytest.mark.slow
def test_extract_cli_bad_file_reported_good_file_processed(report: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    out = _run(str(empty), str(report), str(missing), "--date", "2024-07-10")
    assert out.returncode == 1
    errors = out.stderr.strip().splitlines()
    assert len(errors) == 2, out.stderr
    assert str(empty) in errors[0] and str(missing) in errors[1]
    assert "Traceback" not in out.stderr
    assert out.stdout.strip(), "the readable file's events are missing"


@pytest.mark.slow
def test_extract_cli_reads_standard_input() -> None:
    out = _run("-", "--date", "2024-07-10", stdin=REPORT)
    assert out.returncode == 0, out.stderr
    assert all(json.loads(line)["doc"] == "-" for line in out.stdout.splitlines())
    assert out.stdout.strip()


@pytest.mark.parametrize("bad", ["2024-13-01", "10/07/2024", "yesterday", "2024-7-1"])
def test_extract_cli_bad_date_is_usage_error(report: Path, bad: str) -> None:
    out = _run(str(report), "--date", bad)
    assert out.returncode == 2
    assert "--date" in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == ""


@pytest.mark.slow
def test_extract_cli_csv_and_table_formats(report: Path) -> None:
    out = _run(str(report), "--date", "2024-07-10", "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows and list(rows[0]) == list(EVENT_FIELDS)
    assert {r["negated"] for r in rows} <= {"true", "false"}  # as in the JSON lines and the table
    table = _run(str(report), "--date", "2024-07-10", "--format", "table")
    assert table.returncode == 0 and table.stdout.splitlines()[0].split()[:3] == ["date", "actor", "event"]


@pytest.mark.slow
def test_extract_cli_workers_give_the_same_events(report: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.txt"
    second.write_text(REPORT.replace("India", "China").replace("Indian", "Chinese"), encoding="utf-8")
    one = _run(str(report), str(second), "--date", "2024-07-10")
    two = _run(str(report), str(second), "--date", "2024-07-10", "--workers", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout


@pytest.mark.slow
def test_extract_cli_db_stores_the_events(report: Path, tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    out = _run(str(report), "--date", "2024-07-10", "--db", str(db))
    assert out.returncode == 0, out.stderr
    printed = [json.loads(line) for line in out.stdout.splitlines()]
    stored = subprocess.run([sys.executable, "-m", "blocwatch", "events", "--db", str(db)],
                            capture_output=True, text=True, timeout=300)
    assert stored.returncode == 0, stored.stderr
    kept = {(e["actor"], e["event"], e["recipient"]) for e in map(json.loads, stored.stdout.splitlines())}
    assert kept and kept <= {(e["actor"], e["event"], e["recipient"]) for e in printed}

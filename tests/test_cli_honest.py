"""Commands say what is true: uncertain events are not exported as facts, empty states name
their real cause, options mean one thing everywhere, tables show whole sentences."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from blocwatch.cli.main import main
from blocwatch.store import open_store
from store_testdata import document, event
from votes_testdata import needs_unga, real_duckdb

CLI = [sys.executable, "-m", "blocwatch"]
LONG = ("Pakistan's foreign minister held talks with his Russian counterpart in Moscow on 24 February 2022 about "
        "energy, wheat deliveries and a long-delayed gas pipeline project.")


@pytest.fixture()
def corpus(tmp_path: Path) -> str:
    db = str(tmp_path / "c.duckdb")
    with open_store(db) as store:
        store.add_document(document("facts.txt", LONG), [event("facts.txt", date="2022-02-24", text=LONG)])
        store.add_document(document("doubts.txt", "Doubts."), [
            event("doubts.txt", "PAK", "RUS", "SANCTION", date="2022-03-01", negated=True),
            event("doubts.txt", "RUS", "PAK", "THREATEN", date="2022-03-02", modality="hypothetical"),
            event("doubts.txt", "RUS", "PAK", "AGREE", date="2022-03-03", modality="future")])
    return db


def test_cli_honest_gdelt_export_leaves_out_uncertain_events(corpus: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "gdelt", "--db", corpus]) == 0
    captured = capsys.readouterr()
    rows = [line.split("\t") for line in captured.out.splitlines()]
    assert len(rows) == 1 and rows[0][26] == "040" and len(rows[0]) == 61  # only the asserted CONSULT
    assert "left out 3 of 4 events that are negated or not asserted" in captured.err
    assert main(["export", "--format", "gdelt", "--db", corpus, "--include-uncertain"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert sorted(row[61] for row in rows) == ["asserted", "future", "hypothetical", "negated"]


def test_cli_honest_tables_show_document_and_whole_sentence(corpus: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", corpus, "--format", "table", "--type", "CONSULT"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["date", "actor", "event"] and "doc" in lines[0].split()
    assert "facts.txt" in lines[1] and lines[1].endswith(LONG)
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "talks.txt").write_text(LONG + "\n", encoding="utf-8")
    result = subprocess.run([*CLI, "extract", str(folder), "--format", "table"], capture_output=True, text=True,
                            timeout=300)  # a folder, as ingest and text take
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert len(rows) >= 2 and str(folder / "talks.txt") in rows[1] and rows[1].endswith(LONG), rows


def test_cli_honest_from_to_take_the_same_forms_everywhere(corpus: str, capsys: pytest.CaptureFixture[str]) -> None:
    def events(*args: str) -> list[str]:
        assert main(["events", "--db", corpus, "--format", "csv", *args]) == 0
        return [row["event"] for row in csv.DictReader(io.StringIO(capsys.readouterr().out))]

    assert events("--from", "2022-03", "--to", "2022-03-02") == ["SANCTION", "THREATEN"]
    assert events("--from", "session:76") == events("--from", "2021-09") == events()
    assert events("--from", "session:77") == []
    for command in (["events", "--db", corpus], ["export", "--format", "plover", "--db", corpus]):
        assert main([*command, "--from", "76"]) == 2
        assert "write session:76" in capsys.readouterr().err


@needs_unga
def test_cli_honest_align_refuses_a_chart_format_before_any_work(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", "PAK", "USA", "--db", real_duckdb(), "--chart", "out.jpg"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "--chart out.jpg: the chart file must end in .png or .svg" in captured.err


@needs_unga
def test_cli_honest_align_top_has_a_floor_and_says_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", "PAK", "--top", "5", "--session", "77", "--db", real_duckdb(), "--format", "json"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    floor = int(captured.err.split("at least ")[1].split()[0])
    total = int(captured.err.split("(of ")[1].split()[0])
    assert floor >= 0.3 * total and all(row["n_votes"] >= floor for row in rows)


@needs_unga
def test_cli_honest_empty_states_name_the_real_cause(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", "PAK", "USA", "--db", real_duckdb(), "--from", "2090"]) == 1
    err = capsys.readouterr().err
    assert "None" not in err and "no common votes on sessions opening in 2090 or later" in err
    empty = str(tmp_path / "empty.duckdb")
    open_store(empty).close()
    for command in (["align", "PAK", "USA"], ["idealpoints", "--country", "PAK"]):
        assert main([*command, "--db", empty]) == 1
        err = capsys.readouterr().err
        assert "no UN votes stored yet" in err and "import the vote data" in err and "unknown country" not in err
    assert main(["align", "PAK", "Atlantis", "--db", real_duckdb()]) == 2
    err = capsys.readouterr().err
    assert "unknown country 'Atlantis'" in err and "import" not in err  # the votes are there


def test_cli_honest_fetch_from_file_claims_no_verification(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "votes.csv").write_text("rcid,country_iso3,vote\n", encoding="utf-8")
    result = subprocess.run([*CLI, "votes", "fetch", "--from-file", str(source), "--dir", str(tmp_path / "d"),
                             "--no-import"], capture_output=True, text=True, timeout=120)
    assert "votes.csv: copied" in result.stderr, result.stderr
    assert "verified" not in result.stderr and "no expected checksum to compare with" in result.stderr


def test_cli_honest_votes_import_waits_for_a_busy_database(tmp_path: Path) -> None:
    db = tmp_path / "v.duckdb"
    open_store(str(db)).close()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('open', flush=True); time.sleep(8); c.close(); time.sleep(30)", str(db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        busy = subprocess.run([*CLI, "votes", "import", str(tmp_path / "none"), "--db", str(db), "--wait", "0"],
                              capture_output=True, text=True, timeout=60)
        assert busy.returncode == 1 and "in use by another blocwatch process" in busy.stderr
        waited = subprocess.run([*CLI, "votes", "import", str(tmp_path / "none"), "--db", str(db), "--wait", "30"],
                                capture_output=True, text=True, timeout=60)
        assert "in use" not in waited.stderr, waited.stderr  # it got the file (and found no vote files)
    finally:
        holder.kill()
        holder.wait()

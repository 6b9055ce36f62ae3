"""`blocwatch ingest` / `events` / `failures` end to end with the real extractor: idempotent,
kill -9 safe, locked and foreign databases, failures retried only when asked."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from blocwatch.store import open_store
from skips import NO_CAPSH
from store_testdata import db_target, write_corpus  # noqa: F401 - fixture

CLI = [sys.executable, "-m", "blocwatch"]


def blocwatch(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, input=stdin, timeout=300,
                          env={**os.environ, **(env or {})})


def _counts(db: str) -> dict[str, int]:
    with open_store(db) as store:
        return store.counts()


def test_store_ingest_cli_idempotent_with_failures_and_retry(tmp_path: Path, db_target: str) -> None:  # noqa: F811
    corpus = tmp_path / "corpus"
    write_corpus(corpus / "nested", 4)
    (corpus / "blank.txt").write_text("   \n", encoding="utf-8")
    db = db_target
    first = blocwatch("ingest", str(corpus), "--db", db)
    assert first.returncode == 1, first.stderr
    assert "blank.txt" in first.stderr and "read 5, stored 4" in first.stderr and "failed 1" in first.stderr
    assert "\r" not in first.stderr  # no progress bar in a pipe
    again = blocwatch("ingest", str(corpus), "--db", db)
    assert "stored 0" in again.stderr and "already stored 4" in again.stderr and "skipped 1" in again.stderr
    assert again.returncode == 0
    listed = blocwatch("failures", "--db", db, "--format", "jsonl")
    assert [json.loads(line)["path"] for line in listed.stdout.splitlines()] == [str(corpus / "blank.txt")]
    (corpus / "blank.txt").write_text("China and India held talks in Beijing on 5 May 2023.\n", encoding="utf-8")
    retried = blocwatch("ingest", str(corpus), "--db", db, "--retry-failed")
    assert retried.returncode == 0 and "stored 1" in retried.stderr, retried.stderr
    assert blocwatch("failures", "--db", db, "--format", "jsonl").stdout == ""
    assert _counts(db)["documents"] == 5


def test_store_ingest_cli_paths_from_stdin_and_event_formats(tmp_path: Path, db_target: str) -> None:  # noqa: F811
    paths = write_corpus(tmp_path / "corpus", 8)
    db = db_target
    done = blocwatch("ingest", "-", "--db", db, "--date", "2023-07-01", stdin="\n".join(map(str, paths)) + "\n")
    assert done.returncode == 0 and "stored 8" in done.stderr, done.stderr
    lines = blocwatch("events", "--db", db).stdout.splitlines()
    events = [json.loads(line) for line in lines]
    assert events and all({"doc", "actor", "event", "id", "mentions", "sources", "evidence"} <= set(e) for e in events)
    # eight documents, four sentence templates: each happening is reported by two documents
    assert sum(e["mentions"] for e in events) == sum(len(e["evidence"]) for e in events) == 8
    pair = blocwatch("events", "--db", db, "--dyad", "RUS,PAK").stdout.splitlines()
    assert pair and all({json.loads(x)["actor"], json.loads(x)["recipient"]} == {"RUS", "PAK"} for x in pair)
    csv_out = blocwatch("events", "--db", db, "--format", "csv", "--limit", "1").stdout.splitlines()
    assert csv_out[0].startswith("doc,actor,recipient") and len(csv_out) == 2
    header, first = csv.reader(csv_out)
    assert dict(zip(header, first, strict=True))["negated"] in ("true", "false")  # as in the JSON lines
    parquet = tmp_path / "e.parquet"
    assert blocwatch("events", "--db", db, "--format", "parquet", "--output", str(parquet)).returncode == 0
    assert pq.read_table(parquet).num_rows == len(events)
    explained = blocwatch("events", "--db", db, "--explain", events[0]["id"])
    assert explained.returncode == 0 and f"event {events[0]['id']}" in explained.stdout
    assert explained.stdout.count("- report ") == events[0]["mentions"]
    missing = blocwatch("events", "--db", db, "--explain", "nope")
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1


def test_store_ingest_cli_foreign_file_one_line_error(tmp_path: Path) -> None:
    fake = tmp_path / "notes.txt"
    fake.write_text("shopping list\n" * 100, encoding="utf-8")
    result = blocwatch("events", "--db", str(fake))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "notes.txt" in result.stderr and "Traceback" not in result.stderr


def test_store_ingest_cli_second_process_waits_then_stops(tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    open_store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from blocwatch.store import open_store\n"
        f"s = open_store({db!r}); print('open', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        started = time.monotonic()
        result = blocwatch("events", "--db", db, "--wait", "1.5")
        waited = time.monotonic() - started
        assert result.returncode == 1 and "in use by another blocwatch process" in result.stderr
        assert "waited 1.5 s" in result.stderr and waited >= 1.5
    finally:
        holder.kill()
        holder.wait()
    assert blocwatch("events", "--db", db).returncode == 0  # intact and free again


@pytest.mark.slow
def test_store_ingest_cli_kill_9_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 120)
    clean, killed = str(tmp_path / "clean.duckdb"), str(tmp_path / "killed.duckdb")
    assert blocwatch("ingest", str(corpus), "--db", clean).returncode == 0
    process = subprocess.Popen([*CLI, "ingest", str(corpus), "--db", killed],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        # ingest lets readers in between its batches: wait for the first batch, then kill
        # it while it extracts or writes a later one
        try:
            if _counts(killed)["documents"] > 0:
                break
        except Exception:
            pass
        time.sleep(0.05)
    time.sleep(0.5)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = _counts(killed)["documents"]
    assert 0 < partial < 120, partial  # really killed mid-way
    rerun = blocwatch("ingest", str(corpus), "--db", killed)
    assert rerun.returncode == 0 and f"already stored {partial}" in rerun.stderr, rerun.stderr
    assert _counts(killed) == _counts(clean)
    assert blocwatch("events", "--db", killed).stdout == blocwatch("events", "--db", clean).stdout


class _Terminal(__import__("io").StringIO):
    def isatty(self) -> bool:
        return True


def test_store_ingest_cli_progress_bar_only_on_a_terminal() -> None:
    from blocwatch.progress import Progress

    now = [0.0]
    terminal, pipe = _Terminal(), __import__("io").StringIO()
    for stream in (terminal, pipe):
        now[0] = 0.0
        bar = Progress(4, stream=stream, clock=lambda: now[0])
        for _ in range(4):
            now[0] += 1.0
            bar.step()
        bar.finish()
    assert pipe.getvalue() == ""  # a line every 10 s off a terminal: this took 4 s
    last = terminal.getvalue().rstrip("\n").split("\r")[-1]
    assert "4/4 docs" in last and "docs/s" in last and "left" in last


def test_store_ingest_cli_bad_options_are_usage_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    for args in (["--cluster", "localhost:8786"], ["--workers", "0"], ["--date", "March 2022"]):
        result = blocwatch("ingest", str(tmp_path), "--db", db, *args)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr


def test_store_ingest_cli_events_take_names_and_codes_in_any_case(tmp_path: Path, db_target: str) -> None:  # noqa: F811
    write_corpus(tmp_path / "corpus", 4)
    db = db_target
    assert blocwatch("ingest", str(tmp_path / "corpus"), "--db", db).returncode == 0
    by_code = blocwatch("events", "--db", db, "--actor", "PAK", "--format", "csv").stdout
    assert len(by_code.splitlines()) >= 2
    for spelling in ("pak", "Pakistan", " pakistan "):
        assert blocwatch("events", "--db", db, "--actor", spelling, "--format", "csv").stdout == by_code
    pair = blocwatch("events", "--db", db, "--dyad", "russia,pak").stdout
    assert pair == blocwatch("events", "--db", db, "--dyad", "RUS,PAK").stdout and pair
    assert blocwatch("events", "--db", db, "--type", "consult").stdout == \
        blocwatch("events", "--db", db, "--type", "CONSULT").stdout
    for args in (["--actor", "Pakstan"], ["--recipient", "no such place"], ["--type", "MEET"]):
        result = blocwatch("events", "--db", db, *args)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert repr(args[1]) in result.stderr and "Traceback" not in result.stderr


def test_store_ingest_cli_failure_skipped_only_while_the_file_is_unchanged(tmp_path: Path, db_target: str) -> None:  # noqa: F811
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 2)
    blank, missing = corpus / "blank.txt", tmp_path / "missing.txt"
    blank.write_text("   \n", encoding="utf-8")
    db = db_target
    first = blocwatch("ingest", str(corpus), str(missing), "--db", db)
    assert first.returncode == 1 and "failed 2" in first.stderr, first.stderr
    # A path that does not exist is reported (and counted) again, not skipped as a known failure.
    again = blocwatch("ingest", str(corpus), str(missing), "--db", db)
    assert again.returncode == 1 and f"{missing}: no such file" in again.stderr and "skipped 1" in again.stderr
    assert "failed 1" in again.stderr  # the blank file is skipped as a known failure
    # A file fixed since it failed is read again without --retry-failed.
    os.utime(blank, (time.time() - 86400, time.time() - 86400))  # written well before it failed
    assert "skipped 1" in blocwatch("ingest", str(corpus), "--db", db).stderr
    blank.write_text("China and India held talks in Beijing on 5 May 2023.\n", encoding="utf-8")
    os.utime(blank, (time.time() + 5, time.time() + 5))
    fixed = blocwatch("ingest", str(corpus), "--db", db)
    assert fixed.returncode == 0 and "stored 1" in fixed.stderr and "skipped" not in fixed.stderr, fixed.stderr
    listed = blocwatch("failures", "--db", db, "--format", "jsonl").stdout
    # a path that does not exist is a typo, said on every run and never stored as a document
    assert [json.loads(line)["path"] for line in listed.splitlines()] == []


def _without_root_powers(command: list[str]) -> list[str] | None:
    """``command`` run so that file permissions apply (root: with capsh dropping the
    override capabilities); None where that cannot be had."""
    import shlex
    import shutil

    if os.name != "posix":
        return None
    if os.geteuid() != 0:
        return command
    capsh = shutil.which("capsh")
    if capsh is None:
        return None
    return [capsh, "--drop=cap_dac_override,cap_dac_read_search", "--", "-c", shlex.join(command)]


def test_store_ingest_cli_folder_that_cannot_be_listed_is_a_failure(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus / "open", 1)
    write_corpus(corpus / "closed", 1)
    command = _without_root_powers([*CLI, "ingest", str(corpus), "--db", str(tmp_path / "c.duckdb")])
    if command is None:
        pytest.skip(NO_CAPSH)
    (corpus / "closed").chmod(0)
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    finally:
        (corpus / "closed").chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert f"{corpus / 'closed'}: permission denied" in result.stderr and "stored 1" in result.stderr

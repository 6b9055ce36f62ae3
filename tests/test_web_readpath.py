"""The server's read path: answers kept per database state, a read-only connection, and the
dashboard answering while another process writes the DuckDB file (issue 9)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest

from assessment_testdata import corpus_db
from store_testdata import pg_target  # noqa: F401 - a fixture
from votes_testdata import needs_unga

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
pytestmark = needs_unga

#: A writer in another process: opens the file read-write, writes one row, holds it, exits.
HOLDER = textwrap.dedent("""
    import sys, time
    from blocwatch.store import open_store
    with open_store(sys.argv[1]) as store:
        store.record_failure("holder-was-here.txt", "a row written while the dashboard reads")
        store.db.execute("CHECKPOINT")
        print("holding", flush=True)
        time.sleep(float(sys.argv[2]))
""")


@pytest.fixture()
def db(tmp_path: Path) -> str:
    target = tmp_path / "corpus.duckdb"
    shutil.copy(corpus_db(), target)
    return str(target)


def _client(db: str, **kwargs: object) -> TestClient:
    from blocwatch.web.app import create_app

    return TestClient(create_app(db, **kwargs), base_url="http://127.0.0.1")  # type: ignore[arg-type]


def test_web_readpath_answers_once_per_database_state(db: str) -> None:
    client = _client(db)
    read = client.app.state.read_path  # type: ignore[attr-defined]
    first = client.get("/api/dyad/TUR/RUS")
    assert first.status_code == 200 and "X-Blocwatch-Stale" not in first.headers
    computed = read.computed
    for _ in range(5):
        again = client.get("/api/dyad/TUR/RUS")
        assert again.content == first.content
    assert read.computed == computed, "an unchanged database is not read again"
    # another process adds a document: the next answer is recomputed and shows it
    doc = ROOT / "tests" / "gold" / "docs" / "ankara-stockholm-2024.txt"
    result = subprocess.run([sys.executable, "-m", "blocwatch", "ingest", str(doc), "--db", db],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    after = client.get("/api/dyad/TUR/SWE")
    assert after.status_code == 200 and after.json()["event_totals"]["total"] > 0
    # an answer from before the change is recomputed once; meanwhile (at most refresh_wait) it is
    # served marked stale
    deadline = time.monotonic() + 30
    while True:
        again = client.get("/api/dyad/TUR/RUS")
        assert again.status_code == 200
        if "X-Blocwatch-Stale" not in again.headers:
            break
        assert again.content == first.content and time.monotonic() < deadline
        time.sleep(0.1)
    assert read.computed == computed + 2


def test_web_readpath_never_writes_the_file(db: str) -> None:
    before = Path(db).stat()
    client = _client(db)
    for path in ("/api/dyad/PAK/RUS", "/api/countries", "/doc/1", "/api/dyad/PAK/Atlantis"):
        assert client.get(path).status_code in (200, 404)
    after = Path(db).stat()
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)
    assert not Path(f"{db}.wal").exists()
    # and holds nothing between requests: a writer opens the file at once
    probe = subprocess.run([sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1]).close()", db],
                           capture_output=True, text=True, timeout=60)
    assert probe.returncode == 0, probe.stderr


def test_web_readpath_answers_while_another_process_writes(db: str) -> None:
    client = _client(db, lock_wait=0.5)
    warm = client.get("/api/dyad/PAK/RUS")
    assert warm.status_code == 200
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, db, "6"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        stale = client.get("/api/dyad/PAK/RUS")
        assert time.monotonic() - started < 3, "no 30 s wait for the lock"
        assert stale.status_code == 200 and stale.headers["X-Blocwatch-Stale"] == "true"
        assert stale.content == warm.content, "the answer from before the write"
        started = time.monotonic()
        cold = client.get("/api/dyad/IND/CHN")
        assert time.monotonic() - started < 3
        assert cold.status_code == 503 and "being written by another blocwatch process" in cold.json()["detail"]
        assert client.get("/api/health").status_code == 200 and client.get("/").status_code == 200
    finally:
        holder.wait(timeout=60)
    deadline = time.monotonic() + 30  # once the writer is gone, a fresh answer follows (at once or shortly)
    while (fresh := client.get("/api/dyad/PAK/RUS")).headers.get("X-Blocwatch-Stale"):
        assert fresh.status_code == 200 and time.monotonic() < deadline
        time.sleep(0.1)
    assert fresh.status_code == 200
    assert client.get("/api/dyad/IND/CHN").status_code == 200


@pytest.mark.slow
def test_web_readpath_dashboard_answers_during_a_real_ingest(db: str) -> None:
    """`blocwatch ingest` in another process while the dashboard is asked every 0.2 s: every
    warm question is answered (fresh between the ingest's writes, stale while it holds the
    file), none waits for the lock."""
    client = _client(db, lock_wait=0.3)
    assert client.get("/api/dyad/PAK/RUS").status_code == 200
    docs = sorted((ROOT / "tests" / "gold" / "docs").glob("commentary-*"))[:6]
    ingest = subprocess.Popen([sys.executable, "-m", "blocwatch", "ingest", *map(str, docs), "--db", db],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    answers: list[tuple[int, bool, float]] = []
    try:
        while ingest.poll() is None and len(answers) < 600:
            started = time.monotonic()
            resp = client.get("/api/dyad/PAK/RUS")
            answers.append((resp.status_code, resp.headers.get("X-Blocwatch-Stale") == "true",
                            time.monotonic() - started))
            time.sleep(0.2)
    finally:
        _, err = ingest.communicate(timeout=600)
    assert ingest.returncode == 0, err
    assert answers and all(status == 200 for status, _, _ in answers), answers
    assert max(seconds for _, _, seconds in answers) < 5
    print(f"{len(answers)} answers during the ingest: {sum(s for _, s, _ in answers)} stale, "
          f"slowest {max(t for _, _, t in answers):.2f} s")
    assert client.get("/api/dyad/PAK/RUS").headers.get("X-Blocwatch-Stale") is None


@pytest.mark.postgres
def test_web_readpath_postgres_answers_without_waiting_for_a_writer(pg_target: str) -> None:  # noqa: F811
    import psycopg

    from blocwatch.cli.main import main

    doc = ROOT / "samples" / "ankara-moscow-2024.txt"
    assert main(["ingest", str(doc), "--db", pg_target]) == 0
    client = _client(pg_target)
    read = client.app.state.read_path  # type: ignore[attr-defined]
    first = client.get("/api/dyad/TUR/RUS")
    assert first.status_code == 200 and first.json()["event_totals"]["total"] > 0
    assert first.json()["votes"] == [], "no votes imported: an empty series, not an error"
    # the key is the server's write position, which any write in the cluster moves (creating the
    # temporary empty vote tables too): answers may be recomputed, never different
    assert client.get("/api/dyad/TUR/RUS").content == first.content and read.computed >= 1
    with psycopg.connect(pg_target) as writer:  # an open write transaction, as an ingest holds one
        writer.execute("INSERT INTO failures (path, reason, failed_at, retried) VALUES ('w.txt', 'x', 'now', 0)")
        started = time.monotonic()
        during = client.get("/api/dyad/TUR/RUS")
        assert during.status_code == 200 and time.monotonic() - started < 2, "readers never wait for writers"
        assert client.get("/api/countries").status_code == 200
        writer.rollback()
    assert "postgres" not in client.get("/api/dyad/TUR/Atlantis").text.lower()

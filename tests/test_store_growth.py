"""Storing a document costs the same however large the corpus: linking reads only the
blocks a new document touches, writes are batched, and ingest lets readers in between
its batches (benchmarks/bench_ingest.py measures the rate)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from blocwatch.store import open_store
from blocwatch.store.db import Database
from store_testdata import document, event, write_corpus


def _rows_read(store: object, action: object) -> int:
    """Rows the database handed back while ``action()`` ran."""
    seen = [0]
    original = Database.query

    def counting(self: Database, sql: str, params: object = ()) -> list:
        rows = original(self, sql, params)  # type: ignore[arg-type]
        seen[0] += len(rows)
        return rows

    Database.query = counting  # type: ignore[method-assign]
    try:
        action()  # type: ignore[operator]
    finally:
        Database.query = original  # type: ignore[method-assign]
    return seen[0]


def test_store_growth_a_new_document_reads_only_its_linking_block(tmp_path: Path) -> None:
    # 240 reports of one link key (PAK-RUS CONSULT) spread over 24 months
    with open_store(str(tmp_path / "c.duckdb")) as store:
        items = []
        for i in range(240):
            month, day = 1 + i % 12, 1 + (i * 7) % 27
            date = f"{2021 + (i // 12) % 2}-{month:02d}-{day:02d}"
            items.append((document(f"d{i}.txt", f"Report {i}.", pub_date=date),
                          [event(f"d{i}.txt", date=date)]))
        for item in items:
            store.add_document(*item)
        new = (document("new.txt", "The new report.", pub_date="2022-05-03"), [event("new.txt", date="2022-05-03")])
        read = _rows_read(store, lambda: store.add_document(*new))
        same_month = sum(1 for _, events in items if events[0].date.startswith("2022-05"))
        # its month's reports and links, a few ids and checks: not the key's 240 reports
        assert read <= 3 * (same_month + 1) + 10, read
        assert store.counts()["reports"] == 241


def test_store_growth_a_batch_stores_what_one_by_one_stores(tmp_path: Path) -> None:
    items = [(document(f"d{i}.txt", f"Report {i}."), [event(f"d{i}.txt", date=f"2022-02-{10 + i % 5}"),
                                                      event(f"d{i}.txt", "RUS", "UKR", "ACCUSE", date="2022-03",
                                                            precision="month")])
             for i in range(12)]
    with open_store(str(tmp_path / "one.duckdb")) as one:
        assert [one.add_document(*item) for item in items] == [True] * 12
        single = one.events(as_="records")
    with open_store(str(tmp_path / "batch.duckdb")) as batch:
        assert batch.add_documents(items[:5]) == [True] * 5
        assert batch.add_documents(items) == [False] * 5 + [True] * 7
        assert batch.events(as_="records") == single


@pytest.mark.slow
def test_store_growth_a_reader_opens_the_file_while_ingest_runs(tmp_path: Path) -> None:
    import duckdb

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 160)
    db = tmp_path / "c.duckdb"
    # a progress line each second: the ingest may take only a few seconds on a quiet machine
    env = {**os.environ, "BLOCWATCH_PROGRESS_SECONDS": "1"}
    writer = subprocess.Popen([sys.executable, "-m", "blocwatch", "ingest", str(corpus), "--db", str(db)],
                              stderr=subprocess.PIPE, text=True, env=env)
    opened = attempts = 0
    try:
        while writer.poll() is None:
            attempts += 1
            try:
                with duckdb.connect(str(db), read_only=True) as reader:
                    stored = reader.execute("SELECT COUNT(*) FROM documents").fetchall()[0][0]
                if 0 < stored < 160:  # opened between two batches of a running ingest
                    opened += 1
            except (duckdb.Error, IndexError):
                pass
            time.sleep(0.05)
    finally:
        _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    assert opened >= 1, f"the file was never free in {attempts} attempts during the ingest"
    # piped, ingest still says how far it is, on lines of their own
    assert any(line.startswith("blocwatch ingest: ") and "/160 docs (" in line for line in err.splitlines()), err

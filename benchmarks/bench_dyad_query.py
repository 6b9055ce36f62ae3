"""The dyad query over a large corpus: `Store.dyad(a, b)` (monthly counts by quad class and
Goldstein sums for one pair, both directions) over 1,000,000 stored events.

Generates the events with numpy (60 actors, 16 types, days 2000-2025, 5% of them between
RUS and PAK so the pair has a realistic long series), bulk-loads them into the happenings
table (DuckDB: from an Arrow table; PostgreSQL: COPY), then times the query: median of
--runs runs after one warm-up. Target: <= 100 ms on DuckDB; PostgreSQL reported with
--pg URL (or $BLOCWATCH_TEST_PG), in a private schema dropped afterwards.

    .venv/bin/python benchmarks/bench_dyad_query.py [--events 1000000] [--runs 9] [--pg URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from blocwatch.store import open_store

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
QUADS = (1, 1, 1, 2, 2, 2, 2, 1, 3, 3, 3, 3, 4, 4, 4, 4)


def generate(n: int, seed: int = 7) -> pa.Table:
    rng = np.random.default_rng(seed)
    codes = np.array(["RUS", "PAK", "USA", "CHN", "IND", "TUR", "IRN", "DEU", "FRA", "GBR"]
                     + [f"C{i:02d}" for i in range(50)])
    actor = rng.integers(0, len(codes), n)
    recipient = (actor + rng.integers(1, len(codes), n)) % len(codes)
    pair = rng.random(n) < 0.05
    forward = rng.random(n) < 0.5
    actor = np.where(pair, np.where(forward, 0, 1), actor)
    recipient = np.where(pair, np.where(forward, 1, 0), recipient)
    kind = rng.integers(0, len(TYPES), n)
    days = np.datetime64("2000-01-01") + rng.integers(0, 26 * 365, n).astype("timedelta64[D]")
    date = np.datetime_as_string(days, unit="D")
    ids = np.char.add("h", np.char.zfill(np.arange(n).astype(str), 15))
    none = pa.nulls(n, pa.string())
    columns: dict[str, Any] = {
        "id": ids, "link_key": ids, "representative": np.arange(n, dtype=np.int64), "doc": none,
        "actor": codes[actor], "recipient": codes[recipient], "actor_name": none, "recipient_name": none,
        "actor_sector": none, "recipient_sector": none, "event": np.array(TYPES)[kind], "mode": none,
        "context": pa.array(["[]"] * n), "cameo": none, "quad": np.array(QUADS, dtype=np.int32)[kind],
        "goldstein": np.round(rng.uniform(-10, 10, n), 1), "date": date,
        "date_precision": pa.array(["day"] * n), "date_lo": date, "date_hi": date,
        "negated": rng.random(n) < 0.03, "modality": pa.array(["asserted"] * n), "text": none,
        "start_char": pa.nulls(n, pa.int32()), "end_char": pa.nulls(n, pa.int32()),
        "confidence": rng.uniform(0.3, 1, n), "mentions": np.ones(n, dtype=np.int32),
        "sources": np.ones(n, dtype=np.int32),
    }
    return pa.table(columns)


def load_duckdb(store: Any, table: pa.Table) -> None:
    store.db.raw.register("generated", table)
    store.db.execute(f"INSERT INTO happenings ({', '.join(table.column_names)}) "
                     f"SELECT {', '.join(table.column_names)} FROM generated")
    store.db.raw.unregister("generated")


def load_postgres(store: Any, table: pa.Table) -> None:
    names = table.column_names
    with store.db.raw.cursor() as cur, cur.copy(f"COPY happenings ({', '.join(names)}) FROM STDIN") as copy:
        for batch in table.to_batches(max_chunksize=50_000):
            for row in zip(*(batch.column(i).to_pylist() for i in range(len(names))), strict=True):
                copy.write_row(row)
    store.db.execute("ANALYZE happenings")


def time_query(store: Any, runs: int) -> tuple[float, int]:
    frame = store.dyad("RUS", "PAK")  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        frame = store.dyad("RUS", "PAK")
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, int(frame["events"].sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--pg", default=os.environ.get("BLOCWATCH_TEST_PG"), help="PostgreSQL URL to also time")
    args = parser.parse_args()
    started = time.perf_counter()
    table = generate(args.events)
    print(f"generated {args.events:,} events in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as folder, open_store(str(Path(folder) / "bench.duckdb")) as store:
        started = time.perf_counter()
        load_duckdb(store, table)
        print(f"duckdb: loaded in {time.perf_counter() - started:.1f} s")
        median, events = time_query(store, args.runs)
        print(f"duckdb: dyad RUS-PAK monthly series ({events:,} events) median {median:.1f} ms "
              f"over {args.runs} runs (target <= 100 ms)")
    if not args.pg:
        print("postgres: skipped (no --pg URL and BLOCWATCH_TEST_PG unset)")
        return
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(args.pg, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    try:
        sep = "&" if "?" in args.pg else "?"
        with open_store(f"{args.pg}{sep}options=-csearch_path%3D{schema}") as store:
            started = time.perf_counter()
            load_postgres(store, table)
            print(f"postgres: loaded (COPY) in {time.perf_counter() - started:.1f} s")
            median, events = time_query(store, args.runs)
            print(f"postgres: dyad RUS-PAK monthly series ({events:,} events) median {median:.1f} ms "
                  f"over {args.runs} runs")
    finally:
        with psycopg.connect(args.pg, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    main()

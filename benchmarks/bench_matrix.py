"""Time of the vote import and of the all-dyad agreement matrix for every session (1946-2026).

Baseline: a naive per-dyad Python loop (dict lookups per roll call) over a subset of
countries and sessions, extrapolated to all dyads; the script prints the ratio.

    .venv/bin/python benchmarks/bench_matrix.py [--data ../shared/data/unga] [--db FILE]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

from blocwatch.analyze.agreement import agreement_matrix
from blocwatch.analyze.votes import import_votes, load_votes
from blocwatch.store.db import connect

ROOT = Path(__file__).resolve().parents[1]


def naive_pairs(votes, countries: list[str], sessions: list[int]) -> tuple[int, float]:
    """agree/identical/kappa one dyad at a time with plain Python; (dyads done, seconds)."""
    started = time.perf_counter()
    by_country: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
    subset = votes[votes["session"].isin(sessions) & votes["iso3"].isin(countries)]
    for rcid, session, iso3, vote in subset[["rcid", "session", "iso3", "vote"]].itertuples(index=False):
        by_country[(session, iso3)][rcid] = vote
    done = 0
    for session in sessions:
        for i, a in enumerate(countries):
            for b in countries[i + 1:]:
                va, vb = by_country.get((session, a), {}), by_country.get((session, b), {})
                pairs = [(x, vb[r]) for r, x in va.items() if r in vb]
                if pairs:
                    n = len(pairs)
                    _agree = sum(1 - abs(x - y) / 2 for x, y in pairs) / n
                    same = sum(x == y for x, y in pairs) / n
                    chance = sum(sum(x == k for x, _ in pairs) * sum(y == k for _, y in pairs) for k in (1, 2, 3)) / n / n
                    _kappa = (same - chance) / (1 - chance) if chance < 1 else None
                done += 1
    return done, time.perf_counter() - started


def bench_postgres(url: str, data: str) -> None:
    import psycopg

    schema = f"bench_votes_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    try:
        with connect(f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}") as db:
            started = time.perf_counter()
            summary = import_votes(db, data)
            first = time.perf_counter() - started
            started = time.perf_counter()
            import_votes(db, data)
            again = time.perf_counter() - started
            started = time.perf_counter()
            loaded = len(load_votes(db))
            load = time.perf_counter() - started
        print(f"import (PostgreSQL, COPY): {summary.stored('votes')} votes in {first:.2f} s; "
              f"re-import {again:.2f} s; load_votes {loaded} rows in {load:.2f} s")
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "unga"))
    parser.add_argument("--db", help="an existing database with the votes (skips the import timing)")
    parser.add_argument("--pg", default=os.environ.get("BLOCWATCH_TEST_PG"),
                        help="also time the import into PostgreSQL (a throw-away schema); default $BLOCWATCH_TEST_PG")
    args = parser.parse_args()
    if args.pg:
        bench_postgres(args.pg, args.data)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or str(Path(tmp) / "bench.duckdb")
        with connect(db_path) as db:
            if not args.db:
                started = time.perf_counter()
                summary = import_votes(db, args.data)
                print(f"import: {summary.stored('votes')} votes, {summary.stored('roll_calls')} roll calls "
                      f"in {time.perf_counter() - started:.2f} s (DuckDB)")
                started = time.perf_counter()
                import_votes(db, args.data)
                print(f"re-import (idempotent, nothing changes): {time.perf_counter() - started:.2f} s")
            started = time.perf_counter()
            votes = load_votes(db)
            loaded = time.perf_counter() - started
            started = time.perf_counter()
            matrix = agreement_matrix(db, votes=votes)
            computed = time.perf_counter() - started
        sessions = sorted(votes["session"].unique())
        print(f"all-dyad matrix: {len(matrix)} dyad-sessions over {len(sessions)} sessions "
              f"({sessions[0]}-{sessions[-1]}): load {loaded:.2f} s + compute {computed:.2f} s "
              f"= {loaded + computed:.2f} s (target <= 10 s)")
        countries = sorted(votes[votes["session"] == 77]["iso3"].unique())[:40]
        sample_sessions = [s for s in sessions if s in (40, 60, 77)]
        done, naive = naive_pairs(votes, countries, sample_sessions)
        per_pair = naive / max(done, 1)
        all_pairs = sum(len(g["iso3"].unique()) * (len(g["iso3"].unique()) - 1) // 2 for _, g in votes.groupby("session"))
        print(f"naive per-dyad loop: {done} dyad-sessions in {naive:.2f} s; extrapolated to all {all_pairs}: "
              f"{per_pair * all_pairs:.1f} s; vectorised is {per_pair * all_pairs / computed:.0f}x faster")


if __name__ == "__main__":
    main()

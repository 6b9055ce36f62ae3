"""Benchmark: `blocwatch assess` cold and warm, on DuckDB with all UN votes imported, and on
the built-in copy.

Cold (DuckDB): the first assess on a database just imported: reads every vote, fits the ideal
points of all sessions, writes the data-folder cache. Warm: later runs (cache read, bootstrap,
key votes, events, evidence). Built-in: no database; the packaged copy with precomputed ideal
points. Each warm figure is the median of ``--repeat`` runs, in this process (no interpreter
start-up) and as a `blocwatch assess` subprocess (with it).

    .venv/bin/python benchmarks/bench_assess.py [--repeat 5] [--pair PAK RUS]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "unga"


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pair", nargs=2, default=["PAK", "RUS"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-assess-") as tmp:
        os.environ["BLOCWATCH_HOME"] = str(Path(tmp) / "home")
        from blocwatch import assess
        from blocwatch.analyze.votes import import_votes
        from blocwatch.store.db import connect

        db = str(Path(tmp) / "votes.duckdb")
        with connect(db) as conn:
            seconds = timed(lambda: import_votes(conn, DATA))
        print(f"votes import (not part of assess): {seconds:.1f} s")
        x, y = args.pair
        cold = timed(lambda: assess(x, y, db=db))
        print(f"cold assess {x} {y} --db (read votes, fit ideal points, write cache): {cold:.1f} s")
        warm = [timed(lambda: assess(x, y, db=db)) for _ in range(args.repeat)]
        print(f"warm assess --db, in process: median {statistics.median(warm):.2f} s, max {max(warm):.2f} s "
              f"({args.repeat} runs)")
        cmd = [sys.executable, "-m", "blocwatch", "assess", x, y, "--db", db]
        sub = [timed(lambda: subprocess.run(cmd, check=True, capture_output=True)) for _ in range(args.repeat)]
        print(f"warm `blocwatch assess {x} {y} --db` subprocess: median {statistics.median(sub):.2f} s, "
              f"max {max(sub):.2f} s")
        builtin = [timed(lambda: assess(x, y)) for _ in range(args.repeat)]
        print(f"built-in votes, in process: median {statistics.median(builtin):.2f} s, max {max(builtin):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

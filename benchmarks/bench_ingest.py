"""Ingest throughput: `blocwatch ingest` with 1 and 2 workers, documents/s and words/s.

Builds N documents (default 200) from the project's gold documents and sample text: each
document is a few paragraphs of them in its own order with its own closing line, so every
document is new content. Each run is a separate process into a fresh DuckDB file, model
load included; the 1-worker run is the baseline of the ratio.

    .venv/bin/python benchmarks/bench_ingest.py [--docs 200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "tests" / "gold" / "docs").glob("*.txt")) + [ROOT / "samples" / "ankara-moscow-2024.txt"]


def build_corpus(folder: Path, count: int) -> int:
    paragraphs = [p.strip() for source in SOURCES for p in source.read_text(encoding="utf-8").split("\n\n")
                  if len(p.split()) >= 12]
    rng = random.Random(20261128)
    words = 0
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        text = "\n\n".join(rng.sample(paragraphs, 4)) + f"\n\nThis is generated document {i}.\n"
        words += len(text.split())
        (folder / f"doc{i:04d}.txt").write_text(text, encoding="utf-8")
    return words


def run(corpus: Path, db: Path, workers: int) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "blocwatch", "ingest", str(corpus), "--db", str(db),
                    "--workers", str(workers)], check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="build the corpus and databases here and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        words = build_corpus(work / "corpus", args.docs)
        print(f"{args.docs} documents, {words} words (model load included in each run)")
        base = None
        for workers in (1, 2):
            seconds = run(work / "corpus", work / f"w{workers}.duckdb", workers)
            base = base or seconds
            print(f"workers={workers}: {seconds:6.1f} s  {args.docs / seconds:6.1f} docs/s  "
                  f"{words / seconds:8.0f} words/s  speed-up {base / seconds:.2f}x")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Ingest throughput, two parts.

1. ``--growth`` (the default): the cost of *storing* a document as the corpus grows. A
   corpus of N generated documents (default 10,000) is stored in batches through the same
   path ``blocwatch ingest`` uses (``blocwatch.store.ingest.store_batch``: one short
   transaction per batch, the DuckDB file released between batches), and documents/s is
   printed per decile. Extraction is left out of this part on purpose: the events are
   generated (pre-extracted), because extracting 10,000 documents with spaCy would take
   about an hour on two cores and its cost does not depend on the corpus size. Each
   document has 3-8 events over a few hundred dyads, spread over 2018-2024, with day,
   month, year and no dates, some negated or hypothetical: many reports share a link key,
   as news does. Flat cost means the last decile's rate is about the first's.

2. ``--extract``: `blocwatch ingest` end to end (model load and extraction included) of
   ``--docs`` documents built from the gold documents and sample, with 1 and 2 workers.

    .venv/bin/python benchmarks/bench_ingest.py [--growth-docs 10000] [--batch 32] [--pg URL]
    .venv/bin/python benchmarks/bench_ingest.py --extract [--docs 200] [--keep DIR]
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
TYPES = ("CONSULT", "AGREE", "COOPERATE", "ACCUSE", "THREATEN", "SANCTION", "SUPPORT", "REQUEST", "REJECT")


def generated_documents(count: int, seed: int = 20261202) -> list[tuple[object, list[object]]]:
    """``count`` (document, events) pairs with their events already made."""
    from blocwatch.records import Document, Event

    rng = random.Random(seed)
    countries = [f"C{i:02d}" for i in range(60)]
    out = []
    for i in range(count):
        pub = f"{rng.randint(2018, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sentences, events = [], []
        offset = 0
        for j in range(rng.randint(3, 8)):
            a, b = rng.sample(countries[:rng.choice((8, 20, 60))], 2)
            kind = rng.choice(TYPES)
            roll = rng.random()
            if roll < 0.7:
                date, precision = pub[:8] + f"{max(1, int(pub[8:]) - rng.randint(0, 3)):02d}", "day"
            elif roll < 0.85:
                date, precision = pub[:7], "month"
            elif roll < 0.92:
                date, precision = pub[:4], "year"
            else:
                date, precision = None, None
            text = f"Report {i}.{j}: {a} and {b} {kind.lower()} on {date or 'some day'}."
            sentences.append(text)
            events.append(Event(doc=f"gen{i:05d}.txt", actor=a, recipient=b, event=kind, text=text,
                                start=offset, end=offset + len(text), quad=1 + TYPES.index(kind) % 4,
                                goldstein=3.0 - TYPES.index(kind), cameo="040", date=date,
                                date_precision=precision, negated=rng.random() < 0.05,
                                modality="hypothetical" if rng.random() < 0.05 else "asserted",
                                confidence=round(rng.uniform(0.4, 0.95), 2)))
            offset += len(text) + 1
        document = Document(path=f"gen{i:05d}.txt", text=" ".join(sentences), pub_date=pub)
        out.append((document, events))
    return out


def growth(count: int, batch: int, target: str | None) -> None:
    from blocwatch.store import open_store
    from blocwatch.store.ingest import store_batch

    work = Path(tempfile.mkdtemp(prefix="bench-ingest-growth-"))
    db = target or str(work / "growth.duckdb")
    items = generated_documents(count)
    reports = sum(len(events) for _, events in items)
    print(f"storage path only: {count} generated documents with {reports} pre-extracted events "
          f"(extraction is not timed here), batches of {batch}, {'PostgreSQL' if target else 'DuckDB'}")
    store = open_store(db)
    try:
        batches = [items[begin:begin + batch] for begin in range(0, count, batch)]
        ends = {len(batches) * tenth // 10 for tenth in range(1, 11)}
        started = time.perf_counter()
        mark, done, since = started, 0, 0
        rates = []
        for number, chunk in enumerate(batches, 1):
            store_batch(store, [(d, e, None) for d, e in chunk])  # type: ignore[misc]
            store.release()  # what ingest does between batches: a reader may open the file now
            done += len(chunk)
            since += len(chunk)
            if number in ends:
                now = time.perf_counter()
                stored = store.counts()
                store.release()
                rates.append(since / (now - mark))
                print(f"decile {len(rates):2d}: documents {done - since + 1:6d}-{done:6d} "
                      f"({stored['reports']:7d} reports, {stored['happenings']:7d} events stored after it): "
                      f"{rates[-1]:7.1f} documents/s")
                mark, since = time.perf_counter(), 0
        total = time.perf_counter() - started
        print(f"all {count} documents in {total:.1f} s: {count / total:.1f} documents/s; last decile / first "
              f"decile = {rates[-1] / rates[0]:.2f}")
    finally:
        store.close()
        shutil.rmtree(work, ignore_errors=True)


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


def extract(docs: int, keep: Path | None) -> None:
    work = keep or Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        words = build_corpus(work / "corpus", docs)
        print(f"{docs} documents, {words} words (model load included in each run)")
        base = None
        for workers in (1, 2):
            seconds = run(work / "corpus", work / f"w{workers}.duckdb", workers)
            base = base or seconds
            print(f"workers={workers}: {seconds:6.1f} s  {docs / seconds:6.1f} docs/s  "
                  f"{words / seconds:8.0f} words/s  speed-up {base / seconds:.2f}x")
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--extract", action="store_true", help="time `blocwatch ingest` end to end instead")
    parser.add_argument("--docs", type=int, default=200, help="--extract: documents to ingest")
    parser.add_argument("--keep", type=Path, help="--extract: build the corpus and databases here and keep them")
    parser.add_argument("--growth-docs", type=int, default=10_000, help="documents of the growth run")
    parser.add_argument("--batch", type=int, default=32, help="documents per transaction in the growth run")
    parser.add_argument("--pg", help="run the growth part on this PostgreSQL URL (an empty database)")
    args = parser.parse_args()
    if args.extract:
        extract(args.docs, args.keep)
    else:
        growth(args.growth_docs, args.batch, args.pg)


if __name__ == "__main__":
    main()

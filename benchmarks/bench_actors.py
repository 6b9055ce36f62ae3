"""Cost of the actor pass (blocwatch.extract.actors.find_mentions) next to the spaCy parse
it runs on, on the same documents in the same run.

Repeats the project's gold documents and the bundled sample to at least --words words,
parses them once with nlp.pipe (timed: the baseline), then times find_mentions on every
parsed document, and prints words/s of each, the actor pass as a share of the parse, and
the one-off time to build the lexicon. A last line times the same text as ONE document,
so a pass that grows faster than linearly with document length shows up.

    .venv/bin/python benchmarks/bench_actors.py [--words 50000]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def documents(min_words: int) -> list:
    from blocwatch.ingest import read_document

    paths = sorted((ROOT / "tests" / "gold" / "docs").glob("*.txt")) + [ROOT / "samples" / "ankara-moscow-2024.txt"]
    base = [read_document(path) for path in paths if path.exists()]
    if not base:
        raise SystemExit("no documents found under tests/gold/docs or samples/")
    out = []
    words = 0
    while words < min_words:
        for document in base:
            out.append(document)
            words += len(document.text.split())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000)
    args = parser.parse_args()

    from blocwatch.extract.actors import find_mentions
    from blocwatch.extract.actors.lexicon import default_lexicon
    from blocwatch.extract.nlp import load_pipeline

    nlp = load_pipeline()
    docs = documents(args.words)
    words = sum(len(d.text.split()) for d in docs)

    started = time.perf_counter()
    default_lexicon()
    lexicon_seconds = time.perf_counter() - started

    started = time.perf_counter()
    parsed = list(nlp.pipe([d.text for d in docs]))
    parse_seconds = time.perf_counter() - started

    started = time.perf_counter()
    mentions = sum(len(find_mentions(sdoc, document)) for sdoc, document in zip(parsed, docs, strict=True))
    actor_seconds = time.perf_counter() - started

    print(f"documents        {len(docs)}")
    print(f"words            {words}")
    print(f"mentions         {mentions}")
    print(f"lexicon build    {lexicon_seconds:.2f} s (once per process)")
    print(f"spaCy parse      {parse_seconds:.2f} s  {words / parse_seconds:,.0f} words/s (baseline)")
    print(f"actor pass       {actor_seconds:.2f} s  {words / actor_seconds:,.0f} words/s")
    print(f"actor/parse      {actor_seconds / parse_seconds:.3f}")

    from blocwatch.ingest import document_from_text

    whole = document_from_text("\n\n".join(d.text for d in docs), date="2022-03-08")
    sdoc = nlp(whole.text)
    started = time.perf_counter()
    find_mentions(sdoc, whole)
    one_seconds = time.perf_counter() - started
    print(f"one document     {one_seconds:.2f} s  {words / one_seconds:,.0f} words/s (same text, one Doc)")


if __name__ == "__main__":
    main()

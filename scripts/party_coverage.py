"""Party coverage: how often both parties of a gold event are among the actor mentions
of the sentence that reports it.

A learned event model classifies ordered pairs of mentions inside one sentence, so a gold
event is reachable only when its actor and its recipient codes both appear among the
Mention.codes of mentions inside the evidence sentence. This script measures that share.

    .venv/bin/python scripts/party_coverage.py                      # training VOA + project gold
    .venv/bin/python scripts/party_coverage.py GOLD DOCS -v         # one folder, list the misses
    .venv/bin/python scripts/party_coverage.py --cache /tmp/parses  # keep parses between runs

The evidence text is found in the document by substring search after normalising
whitespace, quotes and dashes; its sentence is every spaCy sentence the evidence
overlaps. Only training data belongs here: never point it at held-out gold."""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blocwatch.extract.actors import find_mentions
from blocwatch.extract.evaluation.scoring import GoldEvent, find_document, load_dates, load_gold
from blocwatch.extract.nlp import load_pipeline
from blocwatch.extract.parsing import parse_stream
from blocwatch.ingest import read_document
from blocwatch.records import Document, Mention

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETS = (
    (ROOT / "src/blocwatch/extract/data/training/voa", ROOT / "../shared/corpus/voa"),
    (ROOT / "tests/gold/gold", ROOT / "tests/gold/docs"),
)
TRANSLATE = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                           "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u00a0": " "})


def normalised(text: str) -> tuple[str, list[int]]:
    """Text with runs of whitespace as one space, quotes and dashes plain, lower case;
    and for each character of it the offset in the original."""
    out: list[str] = []
    where: list[int] = []
    previous_space = False
    for offset, char in enumerate(text.translate(TRANSLATE)):
        if char.isspace():
            if previous_space:
                continue
            previous_space = True
            out.append(" ")
        else:
            previous_space = False
            out.append(char.lower())
        where.append(offset)
    return "".join(out), where


def locate(evidence: str, text: str, norm: tuple[str, list[int]]) -> tuple[int, int] | None:
    """Character span of the evidence in the document text, or None."""
    needle = normalised(evidence.strip())[0].strip()
    if not needle:
        return None
    haystack, where = norm
    found = haystack.find(needle)
    if found == -1:
        # gold sometimes drops a trailing full stop or adds one
        needle = needle.rstrip(". ")
        found = haystack.find(needle) if needle else -1
        if found == -1:
            return None
    return where[found], where[found + len(needle) - 1] + 1


@dataclass
class Line:
    gold: GoldEvent
    found: bool = False
    sentence: str = ""
    codes: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)   # (text, codes, kind)
    in_document: set[str] = field(default_factory=set)     # every code the document's mentions carry

    @property
    def present(self) -> set[str]:
        return {code for _, codes, _ in self.codes for code in codes}

    @property
    def actor(self) -> bool:
        return bool(self.present & set(self.gold.actors))

    @property
    def recipient(self) -> bool:
        return bool(self.present & set(self.gold.recipients))

    @property
    def both(self) -> bool:
        present = self.present
        return any(a in present and r in present and a != r
                   for a in self.gold.actors for r in self.gold.recipients)


def _parse(texts: list[str], cache: Path | None) -> list[Any]:
    nlp = load_pipeline()
    if cache is None:
        return list(parse_stream(nlp, texts, threaded=False))
    from spacy.tokens import Doc

    cache.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    missing = [k for k, key in enumerate(keys) if not (cache / key).is_file()]
    for k, sdoc in zip(missing, parse_stream(nlp, [texts[k] for k in missing], threaded=False), strict=True):
        (cache / keys[k]).write_bytes(sdoc.to_bytes())
    return [Doc(nlp.vocab).from_bytes((cache / key).read_bytes()) for key in keys]


def measure(gold_dir: Path, docs_dir: Path, cache: Path | None = None) -> tuple[list[Line], list[str]]:
    gold = load_gold(gold_dir)
    dates = load_dates(gold_dir, gold_dir.parent, docs_dir)
    documents: list[tuple[Document, list[GoldEvent]]] = []
    problems: list[str] = []
    for name, golds in sorted(gold.items()):
        if not golds:
            continue
        path = find_document(name, golds, docs_dir if docs_dir.is_dir() else None, gold_dir)
        if path is None:
            problems.append(f"{name}: document not found")
            continue
        date = dates.get(name) or dates.get(path.name) or dates.get(Path(name).stem)
        documents.append((read_document(path, date), golds))
    sdocs = _parse([document.text for document, _ in documents], cache)
    lines: list[Line] = []
    for (document, golds), sdoc in zip(documents, sdocs, strict=True):
        mentions = find_mentions(sdoc, document)
        norm = normalised(document.text)
        everywhere = {code for m in mentions for code in m.codes}
        sentences = [(s.start_char, s.end_char) for s in sdoc.sents]
        for gold_line in golds:
            line = Line(gold_line, in_document=everywhere)
            lines.append(line)
            span = locate(gold_line.evidence, document.text, norm)
            if span is None:
                problems.append(f"{gold_line.doc} {gold_line.id}: evidence not found: {gold_line.evidence[:70]!r}")
                continue
            overlapping = [(a, b) for a, b in sentences if a < span[1] and b > span[0]]
            start, end = overlapping[0][0], overlapping[-1][1]
            line.found = True
            line.sentence = " ".join(document.text[start:end].split())
            line.codes = [(m.text, m.codes, m.kind) for m in _inside(mentions, start, end)]
    return lines, problems


def _inside(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if m.start >= start and m.end <= end]


def _share(lines: list[Line], attribute: str) -> str:
    if not lines:
        return "   -  "
    hits = sum(1 for line in lines if getattr(line, attribute))
    return f"{hits:3d}/{len(lines):<3d} {hits / len(lines):6.1%}"


def report(title: str, lines: list[Line], problems: list[str], verbose: bool) -> None:
    print(f"== {title}")
    for label, subset in (("core", [x for x in lines if x.gold.core]), ("all", lines)):
        print(f"  {label:4s}  actor {_share(subset, 'actor')}   recipient {_share(subset, 'recipient')}"
              f"   both {_share(subset, 'both')}")
    missing = Counter(code for x in lines if not x.both for code in
                      ((() if x.actor else x.gold.actors[:1]) + (() if x.recipient else x.gold.recipients[:1])))
    print("  most often missing:", ", ".join(f"{c} {n}" for c, n in missing.most_common(12)))
    lacking = [(x, code) for x in lines if x.found and not x.both for code in
               ((() if x.actor else x.gold.actors) + (() if x.recipient else x.gold.recipients))]
    elsewhere = {id(x) for x, code in lacking if code in x.in_document}
    print(f"  not both covered: {sum(1 for x in lines if x.found and not x.both)}, of which a missing party"
          f" is named elsewhere in the document: {len(elsewhere)}")
    for problem in problems:
        print("  !", problem)
    if not verbose:
        return
    for line in lines:
        if line.both or not line.found:
            continue
        g = line.gold
        lacking = [side for side, ok in (("actor", line.actor), ("recipient", line.recipient)) if not ok]
        print(f"\n  {g.doc} {g.id}{' core' if g.core else ''}: {'/'.join(g.actors)} -> {'/'.join(g.recipients)}"
              f"  lacks {' and '.join(lacking)}")
        print("    found:", "; ".join(f"{text!r}={'/'.join(codes)}({kind})" for text, codes, kind in line.codes) or "-")
        print("    sentence:", line.sentence[:400])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, help="gold folder (default: training VOA and tests/gold)")
    parser.add_argument("docs", nargs="?", type=Path, help="documents folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the events not both covered")
    parser.add_argument("--cache", type=Path, help="folder to keep parsed documents in between runs")
    args = parser.parse_args(argv)
    if args.gold is not None:
        if "heldout" in str(args.gold):
            print("refusing to measure held-out gold", file=sys.stderr)
            return 2
        sets: tuple[tuple[Path, Path], ...] = ((args.gold, args.docs or args.gold.parent / "docs"),)
    else:
        sets = DEFAULT_SETS
    for gold_dir, docs_dir in sets:
        lines, problems = measure(gold_dir, docs_dir, args.cache)
        report(str(gold_dir), lines, problems, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

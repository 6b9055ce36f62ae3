"""`blocwatch evaluate GOLD_DIR`: precision, recall and F1 of event extraction against gold files."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, TextIO

from blocwatch.errors import UsageError

if TYPE_CHECKING:  # pragma: no cover
    from blocwatch.extract.evaluation.scoring import EvaluationResult

NAME = "evaluate"
HELP = "score event extraction against hand-coded gold files (shared/eval rules)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", metavar="GOLD_DIR",
                        help="directory of gold .jsonl files (or one .jsonl file)")
    parser.add_argument("--system", metavar="FILE.jsonl",
                        help="score these extracted events instead of running the extractor")
    parser.add_argument("--docs", metavar="DIR",
                        help="where the gold documents are (default: GOLD_DIR/../docs)")
    parser.add_argument("--date", help="publication date YYYY-MM-DD for every document "
                        "(default: dates.json beside the gold, else each document's dateline)")
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help="output format (default table)")
    parser.add_argument("--min-f1", type=float, metavar="X",
                        help="exit with status 1 when overall F1 is below X")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from blocwatch.extract.evaluation.scoring import evaluate, load_gold

    if args.min_f1 is not None and not 0.0 <= args.min_f1 <= 1.0:
        raise UsageError("--min-f1: must be between 0 and 1")
    if args.system is not None and not Path(args.system).is_file():
        raise UsageError(f"--system: {args.system}: no such file")
    if args.docs is not None and not Path(args.docs).is_dir():
        raise UsageError(f"--docs: {args.docs}: no such directory")
    dates = None
    if args.date:
        from blocwatch.cli.extract import check_date

        day = check_date(args.date)
        dates = {name: str(day) for name in load_gold(args.gold)}
    result = evaluate(args.gold, system=args.system, docs_dir=args.docs, dates=dates)
    for error in result.errors:
        print(f"blocwatch evaluate: {error}", file=sys.stderr)
    if args.format == "json":
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        write_table(result, sys.stdout)
    if args.min_f1 is not None and result.f1 < args.min_f1:
        print(f"blocwatch evaluate: F1 {result.f1:.3f} is below --min-f1 {args.min_f1:.3f}",
              file=sys.stderr)
        return 1
    return 1 if result.errors else 0


def write_table(result: EvaluationResult, out: TextIO) -> None:
    """Human-readable report: summary, per-type table, per-document counts, misses, errors."""
    c = result.counts
    out.write(f"events: P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f} "
              f"tp={c.tp} fp={c.fp} fn={c.fn} dup={result.duplicates} "
              f"polarity={result.polarity_errors} date_errors={result.date_errors} "
              f"modality_errors={result.modality_errors}\n\n")
    out.write(f"{'type':<10} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}\n")
    for name, counts in sorted(result.by_type.items()):
        out.write(f"{name:<10} {counts.tp:>4} {counts.fp:>4} {counts.fn:>4} "
                  f"{counts.precision:>6.3f} {counts.recall:>6.3f} {counts.f1:>6.3f}\n")
    out.write("\n")
    for doc in result.documents:
        dc = doc.counts
        out.write(f"{doc.doc}: tp={dc.tp} fp={dc.fp} fn={dc.fn} F1={dc.f1:.3f}"
                  f"{'  ERROR: ' + doc.error if doc.error else ''}\n")
        for miss in doc.misses:
            g = miss.gold
            out.write(f"  missed {g.id} {'/'.join(g.actors)}->{'/'.join(g.recipients)} "
                      f"{'/'.join(g.events)} {g.date or '-'}{' negated' if g.negated else ''}"
                      f"{' hypothetical' if g.hypothetical else ''} [{miss.reason}] \"{g.evidence}\"\n")
        for fp in doc.false_positives:
            e = fp.event
            near = f" ~{fp.gold_id}" if fp.gold_id else ""
            out.write(f"  extra  {e.actor}->{e.recipient} {e.event} {e.date or '-'}"
                      f"{' negated' if e.negated else ''} {e.modality} [{fp.kind}{near}] "
                      f"\"{e.text[:80]}\"\n")

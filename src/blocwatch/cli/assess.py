"""`blocwatch assess A B`: an evidence-backed assessment of one dyad."""

from __future__ import annotations

import argparse
import json

NAME = "assess"
HELP = "assess whether A is moving toward or away from B: vote alignment, shifts, events, evidence"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", help="country A (ISO3 or name)")
    parser.add_argument("b", help="country B (ISO3 or name)")
    parser.add_argument("--db", help="database: DuckDB file or postgresql:// URL (default: see README)")
    parser.add_argument("--from", dest="year_from", type=int, help="first year")
    parser.add_argument("--to", dest="year_to", type=int, help="last year")
    parser.add_argument("--evidence", type=int, default=5, help="how many evidence events (default 5)")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    from blocwatch.analyze.assessment import assess_dyad
    from blocwatch.cli.align import check_years
    from blocwatch.errors import UsageError

    check_years(args.year_from, args.year_to)
    if args.evidence < 0:
        raise UsageError(f"--evidence {args.evidence}: must not be negative")
    result = assess_dyad(
        args.db, args.a, args.b, year_from=args.year_from, year_to=args.year_to, n_evidence=args.evidence
    )
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, default=str, indent=2))
    else:
        print(result.to_text())
    return 0

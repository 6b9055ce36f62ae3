"""`blocwatch failures`: documents that could not be stored, with the reason."""

from __future__ import annotations

import argparse
import json
import sys

NAME = "failures"
HELP = "list documents that failed to ingest, with their reasons (retry with ingest --retry-failed)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="DuckDB file or postgresql:// URL (default: $BLOCWATCH_DB or the data folder)")
    parser.add_argument("--format", choices=("table", "jsonl"), default="table", help="output format (default table)")
    parser.add_argument("--wait", type=float, default=30.0, metavar="SECONDS", help="wait for a busy database")


def run(args: argparse.Namespace) -> int:
    from blocwatch.store import open_store

    with open_store(args.db, wait=args.wait, must_exist=True) as store:
        rows = store.failures()
    for row in rows:
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(f"{row['path']}\t{row['reason']}\t{row['at']}\tretried {row['retried']}\n")
    if args.format == "table":
        print(f"{len(rows)} failed document(s)", file=sys.stderr)
    return 0

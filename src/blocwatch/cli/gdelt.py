"""`blocwatch gdelt import FILE...`: GDELT 2.0 event files (tab-separated, plain or zipped) into the store."""

from __future__ import annotations

import argparse
import sys

NAME = "gdelt"
HELP = "import GDELT 2.0 event export files (61 tab-separated columns, .CSV or .zip), CAMEO mapped to PLOVER"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("import",), help="import: read GDELT files into the database")
    parser.add_argument("files", nargs="+", metavar="FILE", help="GDELT 2.0 event files (.CSV, .zip)")
    parser.add_argument("--db", help="DuckDB file or postgresql:// URL (default: $BLOCWATCH_DB or the data folder)")
    parser.add_argument("--wait", type=float, default=30.0, metavar="SECONDS", help="wait for a busy database")


def run(args: argparse.Namespace) -> int:
    from blocwatch.store import open_store
    from blocwatch.store.interchange import import_gdelt

    with open_store(args.db, wait=args.wait) as store:
        summary = import_gdelt(store, list(args.files))
    for name, reason in summary.failed:
        print(f"blocwatch gdelt: {name}: {reason}", file=sys.stderr)
    for name, line, reason in summary.malformed:
        print(f"blocwatch gdelt: {name}:{line}: {reason}", file=sys.stderr)
    print(f"blocwatch gdelt: {summary.line()}", file=sys.stderr)
    return 1 if summary.malformed or summary.failed else 0

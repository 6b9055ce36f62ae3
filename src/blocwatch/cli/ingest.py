"""`blocwatch ingest PATH...`: store documents, their evidence and events (CONTRACT.md 2)."""

from __future__ import annotations

import argparse
import sys

from blocwatch.errors import UsageError

NAME = "ingest"
HELP = "store documents and their events in the corpus database (idempotent, resumable)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files or folders (searched recursively); - reads a list of paths, one a line, from stdin")
    parser.add_argument("--db", help="DuckDB file or postgresql:// URL (default: $BLOCWATCH_DB or the data folder)")
    parser.add_argument("--date", help="publication date YYYY-MM-DD for every document")
    parser.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    parser.add_argument("--cluster", metavar="tcp://HOST:PORT", help="extract on this Dask distributed scheduler")
    parser.add_argument("--retry-failed", action="store_true", help="retry documents that failed before")
    parser.add_argument("--wait", type=float, default=30.0, metavar="SECONDS",
                        help="how long to wait for a database another process is writing (default 30)")


def run(args: argparse.Namespace) -> int:
    from blocwatch.cli.extract import check_date

    date = check_date(args.date)
    if args.workers < 1:
        raise UsageError("--workers: must be at least 1")
    if args.cluster and not args.cluster.startswith(("tcp://", "tls://", "inproc://")):
        raise UsageError(f"--cluster: {args.cluster!r} is not a scheduler address like tcp://HOST:PORT")
    paths = list(args.paths)
    if "-" in paths:
        from blocwatch.ingest import paths_from_lines

        at = paths.index("-")
        paths[at:at + 1] = paths_from_lines()
    from blocwatch.store import open_store
    from blocwatch.store.ingest import ingest

    def report(path: str, reason: str) -> None:
        print(f"blocwatch ingest: {path}: {reason}", file=sys.stderr)

    with open_store(args.db, wait=args.wait) as store:
        summary = ingest(store, paths, date=date, workers=args.workers, cluster=args.cluster,
                         retry_failed=args.retry_failed, on_failure=report)
    print(f"blocwatch ingest: {summary.line()}", file=sys.stderr)
    return 1 if summary.failed else 0

"""`blocwatch votes import|fetch|matrix`: UN General Assembly roll-call votes."""

from __future__ import annotations

import argparse
import sys

from blocwatch.cli.align import ISSUE_HELP, ISSUES

NAME = "votes"
HELP = "UN General Assembly votes: import files, fetch the public data, export the all-dyad matrix"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = sub.add_parser("import", help="import vote files from a folder (shared/data/unga layout or Voeten's CSVs)")
    imp.add_argument("dir", help="folder (or one file) with votes/roll_calls CSVs, gzip or plain")
    imp.add_argument("--db", help="database: DuckDB file or postgresql:// URL (default: see README)")
    imp.add_argument("--wait", type=float, default=30.0, metavar="SECONDS",
                     help="how long to wait for a database another process holds (default 30)")

    fetch = sub.add_parser("fetch", help="download the vote data (cached, checksummed) and import it")
    fetch.add_argument("--url", help="base URL of the data files (default: $BLOCWATCH_UNGA_URL, see README)")
    fetch.add_argument("--from-file", metavar="PATH", help="take the files from a local folder or file instead")
    fetch.add_argument("--dir", help="download folder (default: <data dir>/unga)")
    fetch.add_argument("--sha256", action="append", default=[], metavar="NAME=HEX",
                       help="expected checksum of a file (when the source serves no SHA256SUMS/manifest)")
    fetch.add_argument("--no-import", action="store_true", help="download only")
    fetch.add_argument("--db", help="database: DuckDB file or postgresql:// URL (default: see README)")
    fetch.add_argument("--wait", type=float, default=30.0, metavar="SECONDS",
                       help="how long to wait for a database another process holds (default 30)")

    matrix = sub.add_parser("matrix", help="write the all-dyad agreement matrix to a .csv or .parquet file")
    matrix.add_argument("--from-session", type=int, help="first session (default: all)")
    matrix.add_argument("--to-session", type=int, help="last session (default: all)")
    matrix.add_argument("--output", "-o", required=True, help="FILE.csv or FILE.parquet")
    matrix.add_argument("--layout", choices=("long", "wide"), default="long",
                        help="long: a, b, session and every measure; wide: one column per session")
    matrix.add_argument("--measure", choices=("agree", "kappa", "s_score", "identical", "n_votes"), default="agree",
                        help="the measure of the wide layout (default agree)")
    matrix.add_argument("--issue", choices=tuple(ISSUES), help=ISSUE_HELP)
    matrix.add_argument("--important", action="store_true",
                        help="only votes the US State Department marked important (sessions 39-74)")
    matrix.add_argument("--contested", action="store_true", help="drop unanimous roll calls")
    matrix.add_argument("--db", help="database: DuckDB file or postgresql:// URL (default: see README)")
    matrix.add_argument("--wait", type=float, default=30.0, metavar="SECONDS",
                        help="how long to wait for a database another process holds (default 30)")


def run(args: argparse.Namespace) -> int:
    return {"import": run_import, "fetch": run_fetch, "matrix": run_matrix}[args.action](args)


def _print_summary(summary: object) -> None:
    for result in summary.files:  # type: ignore[attr-defined]
        stored = ", ".join(f"{n} {t}" for t, n in result.stored.items() if n) or "nothing new"
        state = "ok" if result.ok else "FAILED"
        extra = f", {result.skipped} skipped" if result.skipped else ""
        print(f"{result.path.name}: {result.layout}, {result.rows} rows{extra}: {state}; stored {stored}",
              file=sys.stderr)
    print(f"import took {summary.seconds:.1f} s", file=sys.stderr)  # type: ignore[attr-defined]


def run_import(args: argparse.Namespace) -> int:
    from blocwatch.analyze.votes import import_votes
    from blocwatch.store.db import connect

    with connect(args.db, wait=args.wait) as db:
        summary = import_votes(db, args.dir, report=lambda line: print(line, file=sys.stderr))
    _print_summary(summary)
    return 0 if summary.ok else 1


def run_fetch(args: argparse.Namespace) -> int:
    from blocwatch.analyze.fetch import fetch_votes

    summary = fetch_votes(url=args.url, from_file=args.from_file, data_dir=args.dir, db=args.db,
                          checksums=args.sha256, do_import=not args.no_import,
                          report=lambda line: print(line, file=sys.stderr), wait=args.wait)
    if summary is not None:
        _print_summary(summary)
        return 0 if summary.ok else 1
    return 0


def run_matrix(args: argparse.Namespace) -> int:
    import time

    from blocwatch.analyze.agreement import agreement_matrix, wide_matrix
    from blocwatch.errors import UsageError
    from blocwatch.store.db import connect

    output = args.output
    if not output.endswith((".csv", ".parquet")):
        raise UsageError(f"{output}: --output must end in .csv or .parquet")
    started = time.perf_counter()
    with connect(args.db, must_exist=True, wait=args.wait) as db:
        frame = agreement_matrix(db, args.from_session, args.to_session, issue=args.issue, important=args.important,
                                 contested=args.contested)
    if args.layout == "wide":
        frame = wide_matrix(frame, args.measure)
    if output.endswith(".csv"):
        frame.to_csv(output, index=False, float_format="%.6f")
    else:
        frame.to_parquet(output, index=False)
    print(f"{output}: {len(frame)} rows in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0

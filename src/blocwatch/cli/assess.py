"""`blocwatch assess X Y`: is X realigning toward Y (relative to --versus)? A report."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NAME = "assess"
HELP = ("did X move toward Y, away from it, or neither, relative to a second pole (votes, ideal points, "
        "key votes, events, evidence)")
FORMATS = ("text", "json", "markdown", "html")
_SUFFIXES = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
             ".txt": "text"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("x", help="country X, the one whose move is assessed (ISO3 or name)")
    parser.add_argument("y", help="country Y, the one X may move toward (ISO3 or name)")
    parser.add_argument("--versus", help="the other pole Z (default: the United States, or Russia when Y is "
                                         "the United States)")
    parser.add_argument("--from", dest="year_from", type=int, help="first year (default: ten years before --to)")
    parser.add_argument("--to", dest="year_to", type=int, help="last year (default: the last year with votes)")
    parser.add_argument("--db", help="database: DuckDB file or postgresql:// URL (default: see README; "
                                     "without votes the built-in copy of the UN votes is used)")
    parser.add_argument("--format", choices=FORMATS, help="output format (default: text, or from the suffix "
                                                          "of -o)")
    parser.add_argument("-o", "--output", help="write the report to this file (.html, .md, .json, .txt)")
    parser.add_argument("--evidence", type=int, default=10, help="how many evidence events (default 10)")


def _progress(line: str) -> None:
    # On a terminal one line is rewritten; elsewhere (a log, a pipe) each step is its own line.
    if sys.stderr.isatty():
        print(f"\r\033[K{line}", end="", file=sys.stderr, flush=True)
    else:
        print(line, file=sys.stderr, flush=True)


def render(data: dict, text: str, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, default=str, indent=2)
    if fmt in ("markdown", "html"):
        from blocwatch.present.report import render_html, render_markdown

        return render_markdown(data) if fmt == "markdown" else render_html(data)
    return text


def run(args: argparse.Namespace) -> int:
    from blocwatch.analyze.assessment import assess
    from blocwatch.cli.align import check_years
    from blocwatch.errors import InputError, UsageError

    check_years(args.year_from, args.year_to)
    if args.db:
        from blocwatch.store.db import require_database

        require_database(args.db)   # a mistyped --db is refused, not read as an empty corpus
    if args.evidence < 0:
        raise UsageError(f"--evidence {args.evidence}: must not be negative")
    fmt = args.format
    if fmt is None:
        fmt = _SUFFIXES.get(Path(args.output).suffix.lower(), "text") if args.output else "text"
    result = assess(args.x, args.y, versus=args.versus, year_from=args.year_from, year_to=args.year_to,
                    db=args.db, n_evidence=args.evidence, progress=_progress)
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr, flush=True)
    out = render(result.to_dict(), result.to_text(), fmt)
    if args.output:
        try:
            Path(args.output).write_text(out if out.endswith("\n") else out + "\n", encoding="utf-8")
        except OSError as exc:
            raise InputError(args.output, f"cannot write the report ({exc.strerror or exc})") from None
        print(f"{args.output}: {fmt} report written", file=sys.stderr)
    else:
        print(out)
    return 0

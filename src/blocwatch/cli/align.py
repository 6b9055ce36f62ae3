"""`blocwatch align A B`: UN General Assembly vote agreement of a dyad per session (or year);
`blocwatch align A --top 10 --session 77`: A's closest and farthest partners."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

NAME = "align"
HELP = "UN vote agreement of A and B per session (agree, s_score, kappa, identical), or A's top partners"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", help="country A (ISO3 such as PAK, or a name such as Pakistan)")
    parser.add_argument("b", nargs="?", help="country B (omit with --top)")
    parser.add_argument("--db", help="database: DuckDB file or postgresql:// URL (default: see README)")
    parser.add_argument("--from", dest="year_from", type=int, metavar="YEAR",
                        help="first year (by session: sessions opening in or after YEAR)")
    parser.add_argument("--to", dest="year_to", type=int, metavar="YEAR", help="last year")
    parser.add_argument("--by", choices=("session", "year"), default="session", help="one row per session (default) or calendar year")
    parser.add_argument("--issue", choices=("me", "nu", "di", "co", "hr", "ec"),
                        help="only roll calls with this Voeten issue code (coded for sessions 1-74)")
    parser.add_argument("--important", action="store_true",
                        help="only votes the US State Department marked important (sessions 39-74)")
    parser.add_argument("--contested", action="store_true",
                        help="drop unanimous roll calls (as Voeten's published agreement scores do)")
    parser.add_argument("--format", choices=("csv", "json", "table"), default="csv")
    parser.add_argument("--chart", metavar="FILE", help="also draw the dyad's agreement to FILE (.png or .svg)")
    parser.add_argument("--top", type=int, metavar="K", help="list A's K closest and K farthest countries")
    parser.add_argument("--session", type=int, help="session for --top")
    parser.add_argument("--compare", type=int, metavar="SESSION",
                        help="earlier session to compare with (default: 10 sessions earlier)")
    parser.add_argument("--min-votes", type=int, default=10,
                        help="--top: leave out countries with fewer common votes (default 10)")


def format_value(value: Any) -> Any:
    """Numpy scalars to Python, floats to 6 decimals, NaN/NA to None (null in JSON, empty in CSV)."""
    import pandas as pd

    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    return value


def emit(frame: Any, fmt: str, out: Any = None) -> None:
    """Print a DataFrame as csv, json (one array of objects) or an aligned table."""
    import csv

    out = out or sys.stdout
    columns = list(frame.columns)
    rows = [[format_value(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    if fmt == "json":
        json.dump([dict(zip(columns, row, strict=True)) for row in rows], out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
    else:
        cells = [columns] + [["-" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v)) for v in row]
                             for row in rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
        for row in cells:
            out.write("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")


def check_years(first: int | None, last: int | None) -> None:
    """--from/--to YEAR: calendar years, in order (a session number there is a usage error)."""
    from blocwatch.errors import UsageError

    for option, value in (("--from", first), ("--to", last)):
        if value is not None and not 1000 <= value <= 9999:
            raise UsageError(f"{option} {value}: a calendar year (YYYY) is expected; session N opens in 1945 + N")
    if first is not None and last is not None and first > last:
        raise UsageError(f"--from {first} is after --to {last}")


def run(args: argparse.Namespace) -> int:
    from blocwatch.analyze.agreement import align, top_partners
    from blocwatch.errors import UsageError
    from blocwatch.store.db import connect

    if args.top is not None:
        if args.b:
            raise UsageError("--top lists partners of one country: give only A")
        if args.session is None:
            raise UsageError("--top needs --session N")
        if args.top < 1:
            raise UsageError(f"--top {args.top}: must be at least 1")
        with connect(args.db) as db:
            frame = top_partners(db, args.a, args.session, k=args.top, compare=args.compare,
                                 min_votes=args.min_votes)
        emit(frame, args.format)
        return 0
    if not args.b:
        raise UsageError("give two countries (align A B), or one with --top K --session N")
    check_years(args.year_from, args.year_to)
    with connect(args.db) as db:
        frame = align(db, args.a, args.b, from_year=args.year_from, to_year=args.year_to, by=args.by,
                      issue=args.issue, important=args.important, contested=args.contested)
    emit(frame, args.format)
    if args.chart:
        from blocwatch.present.charts import dyad_agreement_chart

        shifts = []
        if args.by == "session":
            from blocwatch.analyze.changepoints import detect

            # The source break is drawn by the chart itself; only real shifts are marked here.
            shifts = [p for p in detect(frame["agree"].tolist(), frame["session"].tolist(),
                                        counts=frame["n_votes"].tolist())
                      if p.kind == "shift"]
        path = dyad_agreement_chart(frame, args.chart, change_points=shifts)
        print(f"chart written to {path}", file=sys.stderr)
    return 0

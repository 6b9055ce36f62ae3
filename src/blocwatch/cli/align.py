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

#: Voeten's issue codes of UN General Assembly roll calls (coded for sessions 1-74).
ISSUES = {"me": "the Palestinian conflict (Middle East)", "nu": "nuclear weapons and material",
          "di": "arms control and disarmament", "co": "colonialism", "hr": "human rights",
          "ec": "economic development"}
ISSUE_HELP = ("only roll calls on one issue (Voeten's codes, coded for sessions 1-74): "
              + "; ".join(f"{code} = {words}" for code, words in ISSUES.items()))
#: --top leaves out partners with fewer common votes than this share of the session's roll calls.
TOP_FLOOR = 0.3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", help="country A (ISO3 such as PAK, or a name such as Pakistan)")
    parser.add_argument("b", nargs="?", help="country B (omit with --top)")
    parser.add_argument("--db", help="database: DuckDB file or postgresql:// URL (default: see README)")
    parser.add_argument("--from", dest="date_from", metavar="PERIOD",
                        help="first period: a year (the session opening in it), a month or day (the session "
                             "then in progress), or session:N")
    parser.add_argument("--to", dest="date_to", metavar="PERIOD", help="last period, in the forms of --from")
    parser.add_argument("--by", choices=("session", "year"), default="session", help="one row per session (default) or calendar year")
    parser.add_argument("--issue", choices=tuple(ISSUES), help=ISSUE_HELP)
    parser.add_argument("--important", action="store_true",
                        help="only votes the US State Department marked important (sessions 39-74)")
    parser.add_argument("--contested", action="store_true",
                        help="drop unanimous roll calls (as Voeten's published agreement scores do)")
    parser.add_argument("--format", choices=("csv", "json", "table"), default="csv", help="output format (default csv)")
    parser.add_argument("--chart", metavar="FILE", help="also draw the dyad's agreement to FILE (.png or .svg)")
    parser.add_argument("--top", type=int, metavar="K", help="list A's K closest and K farthest countries")
    parser.add_argument("--session", type=int, help="session for --top")
    parser.add_argument("--compare", type=int, metavar="SESSION",
                        help="earlier session to compare with (default: 10 sessions earlier)")
    parser.add_argument("--min-votes", type=int, default=None,
                        help=f"--top: leave out countries with fewer common votes (default: {TOP_FLOOR * 100:.0f}%% of "
                             "the roll calls A voted on in the session, at least 10)")


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
    """--from/--to YEAR of ``assess`` (until it takes periods like the other commands:
    blocwatch.analyze.periods)."""
    from blocwatch.errors import UsageError

    for option, value in (("--from", first), ("--to", last)):
        if value is not None and not 1000 <= value <= 9999:
            raise UsageError(f"{option} {value}: a calendar year (YYYY) is expected; session N opens in 1945 + N")
    if first is not None and last is not None and first > last:
        raise UsageError(f"--from {first} is after --to {last}")


def check_chart(path: str | None) -> None:
    """An unsupported chart format is refused before any work is done."""
    from pathlib import Path

    from blocwatch.errors import UsageError
    from blocwatch.present.charts import FORMATS

    if path and Path(path).suffix.lower() not in FORMATS:
        raise UsageError(f"--chart {path}: the chart file must end in {' or '.join(FORMATS)}")


def run(args: argparse.Namespace) -> int:
    from blocwatch.analyze.agreement import align, top_partners
    from blocwatch.analyze.periods import FIRST_YEAR, parse_range
    from blocwatch.errors import UsageError
    from blocwatch.store.db import connect

    check_chart(args.chart)
    if args.top is not None:
        if args.b:
            raise UsageError("--top lists partners of one country: give only A")
        if args.session is None:
            raise UsageError("--top needs --session N")
        if args.top < 1:
            raise UsageError(f"--top {args.top}: must be at least 1")
        with connect(args.db, must_exist=True) as db:
            frame = top_partners(db, args.a, args.session, k=args.top, compare=args.compare,
                                 min_votes=args.min_votes, floor=TOP_FLOOR)
        print(f"blocwatch align: partners with at least {frame.attrs['min_votes']} common votes "
              f"(of {frame.attrs['roll_calls']} roll calls {frame.attrs['a']} voted on in session {args.session}; "
              "--min-votes to change); n_votes is each partner's count", file=sys.stderr)
        emit(frame, args.format)
        return 0
    if not args.b:
        raise UsageError("give two countries (align A B), or one with --top K --session N")
    first, last = parse_range(args.date_from, args.date_to)
    if args.by == "session":  # align() selects sessions by their opening year
        year_from = FIRST_YEAR + first.sessions[0] if first else None
        year_to = FIRST_YEAR + last.sessions[1] if last else None
    else:
        year_from = first.years[0] if first else None
        year_to = last.years[1] if last else None
    with connect(args.db, must_exist=True) as db:
        frame = align(db, args.a, args.b, from_year=year_from, to_year=year_to, by=args.by,
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

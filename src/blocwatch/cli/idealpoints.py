"""`blocwatch idealpoints`: dynamic ordinal ideal points per country and session
(higher = closer to the United States), with a 95% interval; `--chart` draws them,
`--moved A B --from S0 --to S1` says which country moved."""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from typing import Any

NAME = "idealpoints"
HELP = "UN vote ideal points per country and session (higher = closer to the US), with uncertainty"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database: DuckDB file or postgresql:// URL (default: see README)")
    parser.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default csv)")
    parser.add_argument("--country", nargs="+", metavar="ISO3",
                        help="only these countries (ISO3 in any case, or names; several, or comma-separated)")
    parser.add_argument("--from", dest="date_from", metavar="PERIOD",
                        help="first session: session:N, a year (the session opening in it: 2022 is session 77), "
                             "or a month or day (the session then in progress)")
    parser.add_argument("--to", dest="date_to", metavar="PERIOD", help="last session, in the forms of --from")
    parser.add_argument("--refit", action="store_true", help="estimate again even if stored estimates are current")
    parser.add_argument("--chart", metavar="FILE", help="draw the first --country with --peers to FILE (.png/.svg)")
    parser.add_argument("--peers", metavar="ISO3,ISO3", help="countries drawn beside the first --country")
    parser.add_argument("--moved", nargs=2, metavar=("A", "B"),
                        help="who moved: split the change in A-B distance between --from and --to")


def _codes(values: list[str] | None) -> list[str]:
    return [c.strip().upper() for v in values or [] for c in v.split(",") if c.strip()]


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    return value


def _emit(rows: list[dict[str, Any]], columns: list[str], fmt: str) -> None:
    if fmt == "json":
        json.dump([{c: _plain(r[c]) for c in columns} for r in rows], sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow(["" if _plain(r[c]) is None else _plain(r[c]) for c in columns])


def run(args: argparse.Namespace) -> int:
    from blocwatch.analyze.agreement import resolve_country
    from blocwatch.analyze.idealpoints import filter_ideal_points, ideal_points
    from blocwatch.analyze.periods import Period, parse_period, parse_range
    from blocwatch.errors import UsageError
    from blocwatch.progress import FitProgress
    from blocwatch.store.db import connect

    countries = _codes(args.country)
    if args.moved and (args.date_from is None or args.date_to is None):
        raise UsageError("--moved A B needs --from SESSION and --to SESSION")
    if args.chart and not countries:
        raise UsageError("--chart needs --country ISO3")
    first: Period | None
    last: Period | None
    if args.moved:  # the two sessions compared may come in either order
        first, last = parse_period(args.date_from, "--from"), parse_period(args.date_to, "--to")
    else:
        first, last = parse_range(args.date_from, args.date_to)
    args.session_from = first.sessions[0] if first else None
    args.session_to = last.sessions[1] if last else None
    progress = FitProgress("blocwatch idealpoints",
                           "fitting ideal points on all sessions (about 30 s; stored for the next run)")
    with connect(args.db, must_exist=True) as db:
        countries = [resolve_country(db, c) for c in countries]
        if args.moved:
            args.moved = [resolve_country(db, c) for c in args.moved]
            return _moved(db, args, progress)
        try:
            everything = ideal_points(db, refit=args.refit, progress=progress)
        finally:
            progress.finish()
    frame = filter_ideal_points(everything, countries=countries or None, from_session=args.session_from,
                                to_session=args.session_to)
    if args.chart:
        from blocwatch.present.idealpoint_chart import idealpoint_chart

        peers = _codes([args.peers] if args.peers else []) + countries[1:]
        shown = filter_ideal_points(everything, from_session=args.session_from, to_session=args.session_to)
        path = idealpoint_chart(shown, countries[0], args.chart, peers=peers)
        print(f"blocwatch idealpoints: chart written to {path}", file=sys.stderr)
    columns = ["iso3", "session", "ideal_point", "se", "lo", "hi", "n_votes"]
    _emit(frame.to_dict("records"), columns, args.format)
    return 0


def _moved(db: Any, args: argparse.Namespace, progress: Any) -> int:
    from blocwatch.analyze.idealpoints import ideal_points
    from blocwatch.analyze.movement import agreement_moves, decompose
    from blocwatch.analyze.votes import load_votes
    from blocwatch.errors import AnalysisError

    a, b = (c.upper() for c in args.moved)
    s0, s1 = args.session_from, args.session_to
    try:
        fitted = ideal_points(db, refit=args.refit, progress=progress)
    finally:
        progress.finish()
    result = decompose(fitted, a, b, s0, s1)
    try:
        votes = load_votes(db, from_session=min(s0, s1), to_session=max(s0, s1), countries=None)
        agreement = agreement_moves(votes, a, b, s0, s1)
    except AnalysisError as exc:
        print(f"blocwatch idealpoints: agreement not split: {exc}", file=sys.stderr)
        agreement = {}
    row = {**result, **{k: v for k, v in agreement.items() if k not in result}}
    if "sentence" in agreement:
        row["agreement_sentence"] = agreement["sentence"]
    print(result["sentence"], file=sys.stderr)
    _emit([row], list(row), args.format)
    return 0

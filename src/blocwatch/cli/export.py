"""`blocwatch export --format gdelt|plover`: stored events as GDELT 2.0 TSV or PLOVER JSON lines."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from blocwatch.errors import UsageError

NAME = "export"
HELP = "export stored events as GDELT 2.0 tab-separated rows or PLOVER JSON (one object a line)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("gdelt", "plover"), required=True, help="gdelt (TSV) or plover (JSON lines)")
    parser.add_argument("--db", help="DuckDB file or postgresql:// URL (default: $BLOCWATCH_DB or the data folder)")
    parser.add_argument("--actor", help="actor code (PAK, RUS, UNO, ...; any case) or name")
    parser.add_argument("--recipient", help="recipient code or name")
    parser.add_argument("--dyad", metavar="A,B", help="events between A and B in either direction")
    parser.add_argument("--from", dest="date_from", metavar="PERIOD",
                        help="from this period: a year, a month (2022-03), a day (2022-03-08) or session:N")
    parser.add_argument("--to", dest="date_to", metavar="PERIOD", help="up to this period, in the forms of --from")
    parser.add_argument("--include-uncertain", action="store_true",
                        help="gdelt: also write negated events and those not asserted as having happened "
                             "(future, hypothetical), with a 62nd column saying which (asserted, negated, future, "
                             "hypothetical); left out by default, as GDELT rows state facts")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--wait", type=float, default=30.0, metavar="SECONDS", help="wait for a busy database")


def run(args: argparse.Namespace) -> int:
    from blocwatch.cli.events import actor_code, day_range
    from blocwatch.store import open_store
    from blocwatch.store.interchange import certainty, gdelt_rows, plover_records

    dyad = args.dyad.split(",") if args.dyad else None
    if dyad is not None and len(dyad) != 2:
        raise UsageError(f"--dyad: {args.dyad!r} is not two codes like RUS,PAK")
    dyad = [actor_code(code, "--dyad") for code in dyad] if dyad else None
    actor = actor_code(args.actor, "--actor") if args.actor else None
    recipient = actor_code(args.recipient, "--recipient") if args.recipient else None
    with open_store(args.db, wait=args.wait, must_exist=True) as store:
        date_from, date_to = day_range(args.date_from, args.date_to)
        records = store.events(actor=actor, recipient=recipient, dyad=dyad, date_from=date_from,
                               date_to=date_to, as_="records")
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout  # noqa: SIM115
    try:
        if args.format == "gdelt":
            writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                                escapechar="\\")
            marks = [certainty(record) for record in records]
            if not args.include_uncertain:
                kept = [record for record, mark in zip(records, marks, strict=True) if mark == "asserted"]
                left_out = len(records) - len(kept)
                if left_out:
                    print(f"blocwatch export: left out {left_out} of {len(records)} events that are negated or not "
                          "asserted as having happened (future, hypothetical); --include-uncertain writes them "
                          "with a marker column", file=sys.stderr)
                records, marks = kept, ["asserted"] * len(kept)
            for row, mark in zip(gdelt_rows(records), marks, strict=True):
                if args.include_uncertain:
                    row.append(mark)
                writer.writerow(cell.replace("\t", " ").replace("\n", " ") for cell in row)
        else:
            for obj in plover_records(records):
                out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    finally:
        if args.output:
            out.close()
    return 0

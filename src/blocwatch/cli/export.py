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
    parser.add_argument("--actor", help="actor code")
    parser.add_argument("--recipient", help="recipient code")
    parser.add_argument("--dyad", metavar="A,B", help="events between A and B in either direction")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="from this date (YYYY[-MM[-DD]])")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="up to this date (YYYY[-MM[-DD]])")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--wait", type=float, default=30.0, metavar="SECONDS", help="wait for a busy database")


def run(args: argparse.Namespace) -> int:
    from blocwatch.cli.events import actor_code
    from blocwatch.store import open_store
    from blocwatch.store.interchange import gdelt_rows, plover_records

    dyad = args.dyad.split(",") if args.dyad else None
    if dyad is not None and len(dyad) != 2:
        raise UsageError(f"--dyad: {args.dyad!r} is not two codes like RUS,PAK")
    dyad = [actor_code(code, "--dyad") for code in dyad] if dyad else None
    actor = actor_code(args.actor, "--actor") if args.actor else None
    recipient = actor_code(args.recipient, "--recipient") if args.recipient else None
    with open_store(args.db, wait=args.wait, must_exist=True) as store:
        records = store.events(actor=actor, recipient=recipient, dyad=dyad, date_from=args.date_from,
                               date_to=args.date_to, as_="records")
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout  # noqa: SIM115
    try:
        if args.format == "gdelt":
            writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                                escapechar="\\")
            for row in gdelt_rows(records):
                writer.writerow(cell.replace("\t", " ").replace("\n", " ") for cell in row)
        else:
            for obj in plover_records(records):
                out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    finally:
        if args.output:
            out.close()
    return 0

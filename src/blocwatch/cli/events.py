"""`blocwatch events`: stored events, one per happening (CONTRACT.md 2), or how one was linked."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from blocwatch.errors import UsageError

NAME = "events"
HELP = "print stored events (one per happening) filtered by actor, dyad, type, date, text"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="DuckDB file or postgresql:// URL (default: $BLOCWATCH_DB or the data folder)")
    parser.add_argument("--actor", help="actor code (PAK, RUS, UNO, ...)")
    parser.add_argument("--recipient", help="recipient code")
    parser.add_argument("--dyad", metavar="A,B", help="events between A and B in either direction")
    parser.add_argument("--type", dest="event", metavar="TYPE", help="PLOVER event type (CONSULT, ACCUSE, ...)")
    parser.add_argument("--quad", type=int, choices=(1, 2, 3, 4), help="quad class")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="from this date (YYYY[-MM[-DD]])")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="up to this date (YYYY[-MM[-DD]])")
    parser.add_argument("--text", help="words that must all appear in an evidence sentence")
    parser.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl",
                        help="output format (default jsonl; parquet needs --output)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--limit", type=int, help="at most N events")
    parser.add_argument("--offset", type=int, default=0, help="skip the first N events")
    parser.add_argument("--explain", metavar="ID", help="show which reports were joined into event ID and why")
    parser.add_argument("--wait", type=float, default=30.0, metavar="SECONDS", help="wait for a busy database")


def run(args: argparse.Namespace) -> int:
    from blocwatch.store import open_store

    if args.format == "parquet" and not args.output:
        raise UsageError("--format parquet: give --output FILE")
    if (args.limit is not None and args.limit < 0) or args.offset < 0:
        raise UsageError("--limit and --offset must not be negative")
    dyad = args.dyad.split(",") if args.dyad else None
    if dyad is not None and len(dyad) != 2:
        raise UsageError(f"--dyad: {args.dyad!r} is not two codes like RUS,PAK")
    with open_store(args.db, wait=args.wait) as store:
        if args.explain:
            return _explain(store.explain(args.explain))
        query = dict(actor=args.actor, recipient=args.recipient, dyad=dyad, event=args.event, quad=args.quad,
                     date_from=args.date_from, date_to=args.date_to, text=args.text, limit=args.limit,
                     offset=args.offset)
        if args.format == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(store.events(**query, as_="arrow"), args.output)
            return 0
        records = store.events(**query, as_="records")
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout  # noqa: SIM115
    try:
        write_records(records, args.format, out)
    finally:
        if args.output:
            out.close()
    return 0


def write_records(records: list[dict[str, Any]], fmt: str, out: Any) -> None:
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    from blocwatch.records import EVENT_FIELDS

    writer = csv.DictWriter(out, fieldnames=[*EVENT_FIELDS, "id", "mentions", "sources", "evidence"],
                            lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = dict(record)
        row["context"] = ";".join(row["context"])
        row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
        writer.writerow(row)


def _explain(info: dict[str, Any]) -> int:
    print(f"event {info['id']}: {info['mentions']} report(s) from {info['sources']} source(s)")
    print(f"rule: {info['rule']}")
    for report in info["reports"]:
        date = report["date"] or "undated"
        print(f"- report {report['report']} [{report['source']}] {report['doc']} ({date}, "
              f"{report['actor']}->{report['recipient']}): {report['reason']}")
        if report["text"]:
            print(f"    \"{report['text']}\" [{report['start']}:{report['end']}]")
    return 0

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
    parser.add_argument("--actor", help="actor code (PAK, RUS, UNO, ...; any case) or name (Pakistan, European Union)")
    parser.add_argument("--recipient", help="recipient code or name")
    parser.add_argument("--dyad", metavar="A,B", help="events between A and B in either direction")
    parser.add_argument("--type", dest="event", metavar="TYPE", help="PLOVER event type (CONSULT, ACCUSE, ...)")
    parser.add_argument("--quad", type=int, choices=(1, 2, 3, 4), help="quad class")
    parser.add_argument("--from", dest="date_from", metavar="PERIOD",
                        help="from this period: a year, a month (2022-03), a day (2022-03-08) or session:N "
                             "(1 September of 1945 + N to 31 August)")
    parser.add_argument("--to", dest="date_to", metavar="PERIOD", help="up to this period, in the forms of --from")
    parser.add_argument("--text", help="words that must all appear in an evidence sentence")
    parser.add_argument("--format", choices=("jsonl", "csv", "table", "parquet"), default="jsonl",
                        help="output format (default jsonl; table: aligned columns for reading; parquet needs --output)")
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
    actor = actor_code(args.actor, "--actor") if args.actor else None
    recipient = actor_code(args.recipient, "--recipient") if args.recipient else None
    dyad = [actor_code(code, "--dyad") for code in dyad] if dyad else None
    event = event_type(args.event) if args.event else None
    date_from, date_to = day_range(args.date_from, args.date_to)
    with open_store(args.db, wait=args.wait, must_exist=True) as store:
        if args.explain:
            return _explain(store.explain(args.explain))
        query = dict(actor=actor, recipient=recipient, dyad=dyad, event=event, quad=args.quad,
                     date_from=date_from, date_to=date_to, text=args.text, limit=args.limit,
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


#: The PLOVER event types of CONTRACT.md 1.
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def day_range(first: str | None, last: str | None) -> tuple[str | None, str | None]:
    """--from/--to periods (blocwatch.analyze.periods) as the first and last day, ISO."""
    from blocwatch.analyze.periods import parse_range

    start, end = parse_range(first, last)
    return (start.first_day.isoformat() if start else None, end.last_day.isoformat() if end else None)


def actor_code(text: str, option: str) -> str:
    """The stored code for what a user typed: a code in any case ("pak", "nato"), a country
    name ("Pakistan", "the US") or an organisation or group name ("European Union"); an
    unknown upper-case acronym is taken as given (the codes are open-ended)."""
    from blocwatch.extract.gazetteer import country_by_name, load_groups, load_organisations

    query = text.strip()
    folded = query.casefold()
    collectives = (*load_organisations(), *load_groups())
    for collective in collectives:
        if folded == collective.code.casefold():
            return collective.code
    found = country_by_name(query.upper() if len(query) == 3 and query.isalpha() else query)
    if found:
        return found
    for collective in collectives:
        if folded in (name.casefold() for name in (collective.name, *collective.names)):
            return collective.code
    if query.isalpha() and query.isupper() and 2 <= len(query) <= 8:
        return query
    raise UsageError(f"{option}: unknown actor {text!r}: give a code (PAK, RUS, UNO, EUU, ...) or a country "
                     "or organisation name (docs/codes.md)")


def event_type(text: str) -> str:
    code = text.strip().upper()
    if code not in EVENT_TYPES:
        raise UsageError(f"--type: unknown event type {text!r}; use one of {' '.join(EVENT_TYPES)}")
    return code


def write_records(records: list[dict[str, Any]], fmt: str, out: Any) -> None:
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    if fmt == "table":
        from blocwatch.cli.extract import EventWriter

        table = EventWriter("table", out, extra=(("mentions", 8),))
        for record in records:
            table.write(record)
        return
    from blocwatch.records import EVENT_FIELDS

    writer = csv.DictWriter(out, fieldnames=[*EVENT_FIELDS, "id", "mentions", "sources", "evidence"],
                            lineterminator="\n")
    writer.writeheader()
    from blocwatch.cli.extract import csv_cell

    for record in records:
        row = {k: csv_cell(v) for k, v in record.items() if k != "evidence"}
        row["evidence"] = json.dumps(record["evidence"], ensure_ascii=False)
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

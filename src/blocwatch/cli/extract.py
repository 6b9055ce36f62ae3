"""`blocwatch extract PATH...`: events of documents as JSON Lines, CSV or a table (CONTRACT.md 1)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from typing import Any, TextIO

from blocwatch.errors import BlocwatchError, UsageError

NAME = "extract"
HELP = "extract who-did-what-to-whom-when events from documents (txt, md, html, pdf, - for stdin)"

#: Columns of --format table and their widths; a longer value (a document's path) widens its
#: cell rather than being cut, and the evidence sentence comes last, whole.
TABLE_COLUMNS = (("date", 10), ("actor", 6), ("event", 9), ("recipient", 9), ("negated", 7),
                 ("modality", 12), ("doc", 24))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="documents or folders (searched recursively for .txt, .md, .html, .pdf); "
                             "- reads standard input")
    parser.add_argument("--date", help="publication date YYYY-MM-DD, the anchor of relative dates")
    parser.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl",
                        help="output format (default jsonl; table: one event a line with its document and "
                             "whole evidence sentence)")
    parser.add_argument("--db", help="also store documents and events in this database (DuckDB file or postgresql:// URL)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--min-confidence", type=float, default=0.0, metavar="P",
                        help="print only events with confidence >= P (0-1; the learned model's calibrated "
                             "probability, or the rules' fixed levels: 0.75 a full frame, 0.5 a hypothetical "
                             "or a party taken from context)")


def check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat() if len(value) == 10 else _bad_date(value)
    except ValueError:
        return _bad_date(value)


def _bad_date(value: str) -> str:
    raise UsageError(f"--date: {value!r} is not a date of the form YYYY-MM-DD")


def run(args: argparse.Namespace) -> int:
    date = check_date(args.date)
    if args.workers < 1:
        raise UsageError("--workers: must be at least 1")
    if not 0.0 <= args.min_confidence <= 1.0:
        raise UsageError("--min-confidence: must be between 0 and 1")
    if args.paths.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    store = _open_store(args.db) if args.db else None
    from blocwatch.extract.batch import extract_paths

    writer = EventWriter(args.format, sys.stdout)
    failed = 0
    for outcome in extract_paths(args.paths, date=date, workers=args.workers):
        if outcome.error is not None:
            failed += 1
            print(f"blocwatch extract: {outcome.error}", file=sys.stderr)
            continue
        kept = [event for event in outcome.events if event.confidence >= args.min_confidence]
        for event in kept:
            writer.write(event.to_dict())
        sys.stdout.flush()
        if store is not None and outcome.document is not None:
            store.add_document(outcome.document, kept)
            store.release()  # readers may open the file while the next document is extracted
    if store is not None and hasattr(store, "close"):
        store.close()
    return 1 if failed else 0


def _open_store(db: str) -> Any:
    try:
        from blocwatch.store import open_store
    except ImportError as exc:
        raise BlocwatchError("--db: the database store is not available in this installation") from exc
    return open_store(db)


def csv_cell(value: Any) -> Any:
    """A CSV cell as in the JSON lines: true/false (not Python's True/False), lists joined by ';'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return ";".join(value) if isinstance(value, list) else value


class EventWriter:
    def __init__(self, fmt: str, stream: TextIO, extra: tuple[tuple[str, int], ...] = ()) -> None:
        self.fmt = fmt
        self.stream = stream
        self.columns = (*TABLE_COLUMNS, *extra)
        self._csv: Any = None
        if fmt == "csv":
            from blocwatch.records import EVENT_FIELDS

            self._csv = csv.DictWriter(stream, fieldnames=list(EVENT_FIELDS), lineterminator="\n",
                                       extrasaction="ignore")
            self._csv.writeheader()
        if fmt == "table":
            stream.write("  ".join([*(name.ljust(width) for name, width in self.columns), "text"]) + "\n")

    def write(self, row: dict[str, Any]) -> None:
        if self.fmt == "jsonl":
            self.stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            self._csv.writerow({k: csv_cell(v) for k, v in row.items()})
        else:
            cells = []
            for name, width in self.columns:
                value = row.get(name)
                text = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
                cells.append(text.ljust(width))
            sentence = " ".join(str(row.get("text") or "").split())  # one line, whole
            self.stream.write("  ".join([*cells, sentence]).rstrip() + "\n")

"""`blocwatch text PATH...`: print the normalised text that event offsets refer to."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

NAME = "text"
HELP = "print a document's normalised text (the text event offsets refer to)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help=".txt, .md, .html/.htm or .pdf files, folders, or - for standard input")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="publication date (overrides a dateline)")
    parser.add_argument("--json", action="store_true",
                        help="one JSON object per document: path, title, pub_date, pub_date_source, "
                             "format, paragraphs, text")


def document_json(document: Any) -> dict[str, Any]:
    return {
        "path": document.path,
        "title": document.title,
        "pub_date": document.pub_date,
        "pub_date_source": document.pub_date_source,
        "format": document.format,
        "paragraphs": [list(span) for span in document.paragraphs],
        "text": document.text,
    }


def print_texts(paths: Sequence[str], date: str | None, as_json: bool,
                out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Print each document; errors go to ``err`` one line per file. Returns 1 if any failed."""
    from blocwatch.errors import InputError
    from blocwatch.ingest import as_source, iter_paths, read_document
    from blocwatch.ingest.document import check_date

    check_date(date)  # a bad --date is a usage error before any file is read
    failed = False
    expanded = iter_paths(paths)
    if not expanded:
        err.write("blocwatch text: no readable files found\n")
        return 1
    for index, path in enumerate(expanded):
        try:
            document = read_document(as_source(path), date=date)
        except InputError as exc:
            err.write(f"blocwatch text: {exc}\n")
            failed = True
            continue
        if as_json:
            out.write(json.dumps(document_json(document), ensure_ascii=False) + "\n")
        else:
            if index and len(expanded) > 1:
                out.write("\n")
            out.write(document.text + "\n")
        out.flush()
    return 1 if failed else 0


def run(args: argparse.Namespace) -> int:
    return print_texts(args.paths, args.date, args.json)

"""Raw text -> Document: text repair, paragraphs, title, publication date.

The publication date comes from, in this order: the ``date`` argument (``--date``,
source "option"), a dateline in the header area ("dateline"), the page's metadata
(HTML publication date, Markdown front matter: "header"), a header line ("header").
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import BinaryIO

from blocwatch import config
from blocwatch.errors import DocumentTooLargeError, EmptyDocumentError, UsageError, printable_path
from blocwatch.ingest.dateline import find_dateline, valid_iso_date
from blocwatch.ingest.markdown import HARD_BREAK
from blocwatch.ingest.readers import RawDocument, read_raw
from blocwatch.ingest.repair import looks_like_heading, normalise_characters, paragraph_spans, repair
from blocwatch.records import Document

_FORMATS = ("txt", "md", "html", "pdf")
_BYLINE = re.compile(r"^(?:by|from|written by)\s", re.IGNORECASE)


def check_date(date: str | None) -> str | None:
    """The ``--date`` value, refused unless it is a real YYYY-MM-DD date."""
    if date is None:
        return None
    if not valid_iso_date(str(date)):
        raise UsageError(f"--date: {date!r} is not a date in the form YYYY-MM-DD")
    return str(date)


def _metadata_date(value: str | None) -> str | None:
    if not value:
        return None
    value = str(value).strip()
    if valid_iso_date(value[:10]):
        return value[:10]
    found = find_dateline([value])
    return found[0] if found else None


def guess_title(paragraphs: list[str]) -> str | None:
    """The longest heading-like paragraph before the first paragraph of prose, leaving
    out bylines and bare dates: the headline over a kicker ("Invasion of Ukraine") or a
    section label ("SYNOPSIS")."""
    candidates = []
    for index, paragraph in enumerate(paragraphs[:6]):
        headline = index == 0 and len(paragraphs) > 1 and _looks_like_headline(paragraph)
        if not (headline or looks_like_heading(paragraph) or paragraph.rstrip().endswith(("?", "!"))):
            break
        if _BYLINE.match(paragraph) or find_dateline([paragraph]) or len(paragraph) > 120:
            continue
        candidates.append(paragraph)
    if not candidates:
        return None
    return max(candidates, key=lambda p: (len(p.split()), -candidates.index(p)))


def _looks_like_headline(paragraph: str) -> bool:
    """A first paragraph in sentence case without a full stop: "Russia and Turkey agree
    to expand gas hub plans"."""
    stripped = paragraph.strip()
    return (
        0 < len(stripped.split()) <= 16
        and stripped[0].isupper()
        and not stripped.endswith((".", ",", ";", ":", '"', "'"))
    )


#: A sentence end (or a line break): what a run of text must meet within max_run_chars.
_RUN_END = re.compile(r"[.!?;:]\S*\s|\n")


def check_size(text: str, path: str) -> None:
    """Refuse text past the documented limits (config: BLOCWATCH_MAX_TEXT_CHARS and
    BLOCWATCH_MAX_RUN_CHARS) before the costly steps, so that time and memory per
    document stay bounded."""
    most = config.max_text_chars()
    if len(text) > most:
        raise DocumentTooLargeError(path, f"text too long ({len(text)} characters; the limit is {most}, "
                                          "set BLOCWATCH_MAX_TEXT_CHARS to change it)")
    longest = config.max_run_chars()
    start = 0
    for match in _RUN_END.finditer(text):
        if match.start() - start > longest:
            break
        start = match.end()
    else:
        if len(text) - start <= longest:
            return
    raise DocumentTooLargeError(path, f"a stretch of more than {longest} characters without a sentence end or "
                                      f"line break at character {start} (not prose; set BLOCWATCH_MAX_RUN_CHARS "
                                      "to change the limit)")


def build_document(raw: RawDocument, date: str | None = None) -> Document:
    """Repair a reader's raw text and wrap it as a Document."""
    check_size(raw.text, raw.path)
    source_text = raw.text
    if raw.paragraphs_by_line:
        source_text = HARD_BREAK.join(source_text.split("\n"))
    # Pieces between hard breaks (Markdown headings and list items) are repaired apart.
    pieces = (repair(piece) for piece in source_text.split(HARD_BREAK))
    text = "\n\n".join(piece for piece in pieces if piece)
    if not text:
        raise EmptyDocumentError(raw.path, "no text left after removing layout, captions and page furniture")
    check_size(text, raw.path)  # repair joins wrapped lines: runs are judged again
    paragraphs = [text[start:end] for start, end in paragraph_spans(text)]
    pub_date = check_date(date)
    source: str | None = "option"
    if pub_date is None:
        found = find_dateline(paragraphs)
        metadata = _metadata_date(raw.date)
        if found and found[1] == "dateline":
            pub_date, source = found
        elif metadata:
            pub_date, source = metadata, "header"
        elif found:
            pub_date, source = found
        else:
            source = None
    title = " ".join(normalise_characters(raw.title).split()) if raw.title else guess_title(paragraphs)
    return Document(
        path=printable_path(raw.path),
        text=text,
        title=title or None,
        pub_date=pub_date,
        pub_date_source=source if pub_date else None,
        format=raw.format,
        paragraphs=paragraph_spans(text),
    )


def document_from_text(text: str, path: str = "<text>", date: str | None = None, format: str = "txt") -> Document:
    """A Document from a string, with the same repair and date finding as files.
    ``format`` "md" strips Markdown markup, "html" extracts the main text of a page."""
    if format not in _FORMATS:
        raise UsageError(f"unknown format {format!r}; one of {', '.join(_FORMATS)}")
    if not text.strip():
        raise EmptyDocumentError(path, "empty text")
    if format == "html":
        from blocwatch.ingest.readers import read_html

        raw = read_html(text.encode("utf-8"), path)
    elif format == "md":
        from blocwatch.ingest.readers import read_plain

        raw = read_plain(text.encode("utf-8"), path, "md")
    else:
        raw = RawDocument(path, format, text, pages=format == "pdf")
    return build_document(raw, date)


def read_document(
    source: str | Path | Document,
    date: str | None = None,
    *,
    max_bytes: int | None = None,
    stdin: BinaryIO | None = None,
) -> Document:
    """Read a document from a path or "-" (standard input).

    A ``Document`` passes through (with ``date`` applied); a string with a line break in
    it is taken as the text itself unless a file of that name exists (file names may hold
    line breaks; commands pass paths as ``Path`` objects, always read as files). Raises InputError
    subclasses for files that cannot be read, UsageError for a malformed ``date``."""
    if isinstance(source, Document):
        checked = check_date(date)
        if checked is None or checked == source.pub_date:
            return source
        return Document(source.path, source.text, source.title, checked, "option", source.format, source.paragraphs)
    if isinstance(source, str) and "\n" in source and not os.path.lexists(source):
        return document_from_text(source, date=date)
    check_date(date)
    return build_document(read_raw(source, max_bytes, stdin), date)

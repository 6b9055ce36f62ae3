"""Readers: bytes from a path or standard input -> raw text per format.

Every failure a user can cause becomes one ``InputError`` subclass whose message names
the file and the reason; nothing else escapes for a bad file."""

from __future__ import annotations

import io
import logging
import os
import re
import stat
import sys
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from blocwatch import config
from blocwatch.errors import (
    DocumentDecodeError,
    DocumentTooLargeError,
    EmptyDocumentError,
    InputError,
    UnsupportedFormatError,
    UsageError,
)

#: File name endings blocwatch reads, and the format each gives.
FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html",
           ".htm": "html", ".pdf": "pdf"}
SUPPORTED_SUFFIXES = tuple(FORMATS)
STDIN = "-"
#: Fewer words than this in a page's main text means it has none.
_MIN_HTML_WORDS = 5

# Single-byte encodings of Latin script that charset-normalizer often confuses on short
# English text; for these, Windows-1252 (the usual one) is preferred when it decodes.
_LATIN_FAMILY = {
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4",
    "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "mac_roman", "mac_latin2", "mac_iceland", "mac_turkish", "cp437", "cp850", "cp858", "ascii",
    # DOS code pages of Latin script, picked at times for short Latin-1 text ("Caf\xe9").
    "cp775", "cp852", "cp857", "cp860", "cp861", "cp863", "cp865",
}


@dataclass(frozen=True)
class RawDocument:
    """What a reader found before text repair."""

    path: str
    format: str
    text: str
    title: str | None = None
    date: str | None = None   # a publication date from metadata (HTML), YYYY-MM-DD
    paragraphs_by_line: bool = False  # one paragraph per line (HTML extraction)
    pages: bool = False       # text pages separated by form feeds (PDF)


def format_for(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        shown = suffix or "no extension"
        raise UnsupportedFormatError(
            path, f"unsupported file type ({shown}); blocwatch reads {', '.join(sorted(set(SUPPORTED_SUFFIXES)))}"
        )
    return FORMATS[suffix]


def _limit(max_bytes: int | None) -> int:
    if max_bytes is not None:
        return max_bytes
    try:
        return config.max_bytes()
    except ValueError:
        raise UsageError(
            f"BLOCWATCH_MAX_BYTES={os.environ.get('BLOCWATCH_MAX_BYTES')!r} is not a number of bytes"
        ) from None


def _too_large(path: str | Path, size: int | str, limit: int) -> DocumentTooLargeError:
    return DocumentTooLargeError(
        path, f"file too large ({size} bytes; the limit is {limit}, set BLOCWATCH_MAX_BYTES to change it)"
    )


def read_bytes(path: str | Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a file, refusing missing, unreadable, special and oversized files."""
    limit = _limit(max_bytes)
    try:
        info = Path(path).stat()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    if Path(path).is_dir():
        raise InputError(path, "is a directory, not a file")
    _check_regular(path, info.st_mode)
    if info.st_size > limit:
        raise _too_large(path, info.st_size, limit)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise _too_large(path, f"more than {limit}", limit)
    return data


_SPECIAL = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _check_regular(path: str | Path, mode: int) -> None:
    """Only regular files are read: opening a named pipe would wait for a writer for ever."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return
    kind = next((name for test, name in _SPECIAL if test(mode)), "not a regular file")
    raise InputError(path, f"{kind}, not a regular file: skipped without opening it")


def _check_path(path: str | Path) -> None:
    """Missing paths and folders are reported as such before the file type is judged."""
    if not str(path):
        raise InputError("''", "an empty path names no file")
    try:
        info = Path(path).stat()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError:
        return  # read_bytes reports the exact reason
    _check_regular(path, info.st_mode)
    if Path(path).is_dir():
        if not os.access(path, os.R_OK | os.X_OK):
            raise InputError(path, "permission denied (a folder that cannot be listed)")
        raise InputError(path, "is a directory, not a file")


def read_stdin_bytes(max_bytes: int | None = None, stream: BinaryIO | None = None) -> bytes:
    limit = _limit(max_bytes)
    source = stream if stream is not None else sys.stdin.buffer
    data = source.read(limit + 1)
    if len(data) > limit:
        raise _too_large(STDIN, f"more than {limit}", limit)
    return data


def sniff_format(data: bytes) -> str:
    """The format of bytes without a file name (standard input)."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    lower = head[:512].lower()
    if lower.startswith((b"<!doctype html", b"<html")) or (b"<html" in lower and b"<body" in data[:65536].lower()):
        return "html"
    if _MARKDOWN_SIGNS.search(data[:65536]):
        return "md"
    return "txt"


# Marks that plain prose does not carry: YAML front matter, an ATX heading, bold, a link.
_MARKDOWN_SIGNS = re.compile(
    rb"\A---[ \t]*\r?\n|^[ \t]{0,3}#{1,6}[ \t]+\S|(?<![\w*])\*\*\S[^*\n]*\*\*(?![\w*])|\[[^\]\n]+\]\((?:https?://|/)",
    re.MULTILINE)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    return b"\x00" in sample


def decode_text(data: bytes, path: str | Path) -> str:
    """UTF-8 (BOM stripped) or, failing that, the most likely encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise DocumentDecodeError(path, "binary data, not text")
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise DocumentDecodeError(path, "not text in any known encoding")
    encoding = best.encoding
    if encoding in _LATIN_FAMILY:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def _check_not_empty(text: str, path: str | Path, what: str = "empty file") -> None:
    if not text.strip():
        raise EmptyDocumentError(path, what)


def read_plain(data: bytes, path: str | Path, fmt: str) -> RawDocument:
    text = decode_text(data, path)
    _check_not_empty(text, path, "empty file" if data.strip() == b"" or not text.strip() else "no text")
    if fmt == "md":
        from blocwatch.ingest.markdown import strip_markdown

        markdown = strip_markdown(text)
        _check_not_empty(markdown.text, path, "no text after removing Markdown markup")
        return RawDocument(str(path), "md", markdown.text, title=markdown.title, date=markdown.date)
    return RawDocument(str(path), "txt", text)


def read_html(data: bytes, path: str | Path) -> RawDocument:
    """Main text of a web page with trafilatura: navigation, adverts, footers left out."""
    import trafilatura

    if not data.strip():
        raise EmptyDocumentError(path, "empty file")
    html_limit = config.max_html_bytes()
    if len(data) > html_limit:
        raise DocumentTooLargeError(path, f"HTML page too large to parse ({len(data)} bytes; the limit is "
                                          f"{html_limit}, set BLOCWATCH_MAX_HTML_BYTES to change it)")
    html = decode_text(data, path)
    _check_not_empty(html, path)
    _quiet_logger("trafilatura")
    _quiet_logger("htmldate")
    # Only dates the page states in its metadata or header: no guessing from the URL or body.
    options: dict[str, Any] = {
        "include_comments": False, "with_metadata": True,
        "date_extraction_params": {"extensive_search": False, "original_date": True},
    }
    try:
        result = _as_dict(trafilatura.bare_extraction(html, **options))
        if not (result.get("text") or "").strip():
            result = _as_dict(trafilatura.bare_extraction(html, favor_recall=True, **options))
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise DocumentDecodeError(path, f"cannot parse HTML ({type(exc).__name__})") from None
    text = str(result.get("text") or "")
    # On a page without an article trafilatura falls back to stray link texts ("Home").
    if len(text.split()) < _MIN_HTML_WORDS:
        raise EmptyDocumentError(path, "no main text found in the HTML page")
    title = str(result.get("title") or "") or None
    date = str(result.get("date") or "") or None
    if title and text.lstrip().split("\n", 1)[0].strip() != title.strip():
        text = f"{title}\n{text}"
    return RawDocument(str(path), "html", text, title=title, date=date, paragraphs_by_line=True)


def _as_dict(found: Any) -> dict[str, Any]:
    if found is None:
        return {}
    if isinstance(found, dict):
        return found
    return dict(found.as_dict())


def _quiet_logger(name: str) -> None:
    logger = logging.getLogger(name)
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False


def read_pdf(data: bytes, path: str | Path) -> RawDocument:
    """Text of every page, pages separated by form feeds."""
    if not data.strip():
        raise EmptyDocumentError(path, "empty file")
    if b"%PDF-" not in data[:1024]:
        raise DocumentDecodeError(path, "not a PDF file (no PDF header; binary data named .pdf?)")
    if b"%%EOF" not in data[-2048:]:
        raise DocumentDecodeError(path, "broken PDF (truncated: no end-of-file marker)")
    _quiet_logger("pypdf")
    from pypdf import PdfReader

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                _decrypt(reader, path)
            pages = [page_text(page) for page in reader.pages]
            title = _pdf_title(reader)
        except InputError:
            raise
        except Exception as exc:  # pypdf raises many kinds on damaged files
            raise DocumentDecodeError(path, f"broken PDF ({_short(exc)})") from None
    if not any(page.strip() for page in pages):
        raise EmptyDocumentError(path, "PDF has no extractable text (scanned images? run OCR first)")
    return RawDocument(str(path), "pdf", "\f".join(pages), title=title, pages=True)


#: A line starting this many times the page's usual line spacing below the line before
#: it follows a blank line: the gap between paragraphs, which pypdf's text drops.
_PARAGRAPH_GAP = 1.5


def page_text(page: Any) -> str:
    """pypdf's text of a page, with a blank line wherever the layout leaves a vertical gap
    wider than the usual line spacing (paragraphs, headings). The pieces pypdf hands to
    the visitor, joined, are exactly its text; each piece comes with its position."""
    pieces: list[tuple[str, float | None]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        try:
            y = float(cm[1]) * float(tm[4]) + float(cm[3]) * float(tm[5]) + float(cm[5])
        except (TypeError, ValueError, IndexError):
            y = None
        pieces.append((text, y))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(piece for piece, _ in pieces) != text:
        return text
    starts: list[tuple[int, float]] = []  # (piece index, y) of pieces that begin a line
    at_line_start = True
    for index, (piece, y) in enumerate(pieces):
        if at_line_start and piece.strip() and y is not None:
            starts.append((index, y))
        if piece.strip():
            at_line_start = piece.endswith("\n")
        elif "\n" in piece:
            at_line_start = True
    drops = [before - after for (_, before), (_, after) in zip(starts, starts[1:], strict=False)]
    spacing = sorted(d for d in drops if d > 0.5)
    if len(spacing) < 3:
        return text
    # A low quantile, not the median: on a short page the gaps are a good share of drops.
    usual = spacing[len(spacing) // 4]
    gaps = {index for (index, _), drop in zip(starts[1:], drops, strict=False) if drop > _PARAGRAPH_GAP * usual}
    return "".join(("\n" + piece) if index in gaps else piece for index, (piece, _) in enumerate(pieces))


def _decrypt(reader: object, path: str | Path) -> None:
    from pypdf import PdfReader

    assert isinstance(reader, PdfReader)
    try:
        result = reader.decrypt("")
    except Exception as exc:
        raise DocumentDecodeError(path, f"encrypted PDF that cannot be opened ({_short(exc)})") from None
    if not result:
        raise DocumentDecodeError(path, "encrypted PDF, password-protected: it cannot be read without its "
                                        "password (blocwatch takes none; save an unprotected copy)")


def _pdf_title(reader: object) -> str | None:
    try:
        metadata = reader.metadata  # type: ignore[attr-defined]
        title = metadata.title if metadata else None
    except Exception:
        return None
    if not title or not isinstance(title, str):
        return None
    title = " ".join(title.split())
    lowered = title.lower()
    if lowered in {"untitled", "title", "document"} or lowered.startswith("microsoft word") or \
            lowered.endswith((".doc", ".docx", ".pdf", ".indd", ".tex")):
        return None
    return title


def _short(exc: BaseException) -> str:
    message = " ".join(str(exc).split()) or type(exc).__name__
    return message[:120]


def read_raw(source: str | Path, max_bytes: int | None = None, stdin: BinaryIO | None = None) -> RawDocument:
    """Read one path (or "-" for standard input) into a RawDocument."""
    if str(source) == STDIN:
        data = read_stdin_bytes(max_bytes, stdin)
        if not data.strip():
            raise EmptyDocumentError(STDIN, "empty input")
        fmt = sniff_format(data)
        path: str | Path = STDIN
    else:
        path = source
        _check_path(path)
        fmt = format_for(path)
        data = read_bytes(path, max_bytes)
        if not data.strip():
            raise EmptyDocumentError(path, "empty file" if not data else "file holds only white space")
    if fmt == "pdf":
        return read_pdf(data, path)
    if fmt == "html":
        return read_html(data, path)
    return read_plain(data, path, fmt)


def as_source(path: str | Path) -> str | Path:
    """What a command hands to ``read_document`` for a path it was given: always a file
    (a ``Path``, even when the name holds a line break), or "-" for standard input."""
    return path if isinstance(path, Path) or path == STDIN else Path(path)


def iter_paths(paths: Iterable[str | Path]) -> list[str]:
    """Paths as given, with folders expanded (recursively, sorted) to the files blocwatch
    reads; hidden files and folders inside a folder are skipped. Files and "-" are kept
    even when unsupported, so that reading them reports the reason."""
    out: list[str] = []
    unlisted: list[str] = []  # folders that cannot be listed: kept as paths, reading them says why

    def note(error: OSError) -> None:
        unlisted.append(str(error.filename))

    for given in paths:
        text = str(given)
        if text != STDIN and os.path.isdir(text):
            found: list[str] = []
            unlisted.clear()
            for root, dirs, files in os.walk(text, onerror=note):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    os.path.join(root, name) for name in files
                    if not name.startswith(".") and Path(name).suffix.lower() in FORMATS
                )
            out.extend(sorted(found + unlisted))
        else:
            out.append(text)
    return out


def paths_from_lines(stream: io.TextIOBase | None = None) -> list[str]:
    """Paths read one per line (standard input by default); blank lines and lines
    starting with '#' are skipped."""
    source = stream if stream is not None else sys.stdin
    return [line.strip() for line in source if line.strip() and not line.lstrip().startswith("#")]

"""ingest stage: read documents (txt, md, html, pdf, standard input), repair their text,
find their publication date.

    read_document(source, date=None, *, max_bytes=None) -> Document
    document_from_text(text, path="<text>", date=None, format="txt") -> Document
    iter_paths(paths) -> list[str]        folders expanded to readable files
    as_source(path) -> Path | "-"         a given path, to be read as a file whatever its name
    paths_from_lines(stream=None)         paths one per line (``ingest -``)
"""

from __future__ import annotations

from blocwatch.ingest.document import build_document, document_from_text, read_document
from blocwatch.ingest.readers import SUPPORTED_SUFFIXES, as_source, iter_paths, paths_from_lines
from blocwatch.ingest.repair import repair

__all__ = [
    "SUPPORTED_SUFFIXES", "as_source", "build_document", "document_from_text", "iter_paths", "paths_from_lines",
    "read_document", "repair",
]

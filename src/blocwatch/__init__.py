"""blocwatch: is country X realigning toward country Y?

Public API (everything else is private):

    import blocwatch
    events = blocwatch.extract("report.txt", date="2022-03-08")   # list[Event]
    store = blocwatch.open("corpus.duckdb")                        # a corpus store
    result = blocwatch.assess("PAK", "RUS")                        # is Pakistan realigning toward Russia?
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from blocwatch.errors import (
    AnalysisError,
    BlocwatchError,
    DatabaseLockedError,
    DataError,
    DocumentDecodeError,
    DocumentTooLargeError,
    EmptyDocumentError,
    FetchError,
    InputError,
    NotADatabaseError,
    SchemaVersionError,
    StoreError,
    UnsupportedFormatError,
    UsageError,
    VoteDataError,
)
from blocwatch.records import Document, Event, Mention, RollCall, Sentence, Vote

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    pass


def extract(source: Any, date: str | None = None, **kwargs: Any) -> list[Event]:
    """Events in a document: ``source`` is a path, a ``Document`` or a string of text."""
    from blocwatch.extract import extract_events

    return extract_events(source, date=date, **kwargs)


def read(source: Any, date: str | None = None) -> Document:
    """Read and repair one document (path, ``-`` for stdin, or raw text)."""
    from blocwatch.ingest import read_document

    return read_document(source, date=date)


def open(db: str | None = None, **kwargs: Any) -> Any:  # noqa: A001 - the API's name
    """Open (creating if needed) a corpus store: a DuckDB path or postgresql:// URL."""
    from blocwatch.store import open_store

    return open_store(db, **kwargs)


def assess(x: str, y: str, versus: str | None = None, year_from: int | None = None,
           year_to: int | None = None, db: str | None = None, n_evidence: int = 10,
           progress: Any = None) -> Any:
    """Did X move toward Y, away, or neither, relative to ``versus``? An ``Assessment``
    (``to_dict()`` is what ``blocwatch assess --format json`` prints, ``to_text()`` the report)."""
    from blocwatch.analyze.assessment import assess as run

    return run(x, y, versus=versus, year_from=year_from, year_to=year_to, db=db, n_evidence=n_evidence,
               progress=progress)


class _CallableModule(types.ModuleType):
    """The ``blocwatch.extract`` subpackage, callable as the API function ``extract``."""

    def __call__(self, source: Any, date: str | None = None, **kwargs: Any) -> list[Event]:
        return _extract_function(source, date=date, **kwargs)


class _Package(types.ModuleType):
    """``blocwatch.extract`` is the API function, and also the name of a subpackage:
    importing that (the CLI, ``store.ingest`` and the function itself do) rebinds the
    package attribute to the module, after which ``blocwatch.extract(...)`` failed with
    "'module' object is not callable". The module is made callable as the function, so
    both ``blocwatch.extract(path)`` and ``import blocwatch.extract.gazetteer`` work."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "extract" and isinstance(value, types.ModuleType) and not isinstance(value, _CallableModule):
            value.__class__ = _CallableModule
        super().__setattr__(name, value)


_extract_function = extract

sys.modules[__name__].__class__ = _Package

__all__ = [
    "AnalysisError", "BlocwatchError", "DataError", "DatabaseLockedError", "Document",
    "DocumentDecodeError", "DocumentTooLargeError", "EmptyDocumentError", "Event", "FetchError",
    "InputError", "Mention", "NotADatabaseError", "RollCall", "SchemaVersionError", "Sentence",
    "StoreError", "UnsupportedFormatError", "UsageError", "Vote", "VoteDataError", "__version__",
    "assess", "extract", "open", "read",
]

"""extract stage: documents -> who-did-what-to-whom-when events.

    extract_events(source, date=None) -> list[Event]     a path, Document or text
    extract_document(document) -> list[Event]
    iter_events(documents, batch_size=8) -> iterator of (Document, list[Event])

The functions are imported lazily so that importing a sibling module (gazetteer, dates)
does not load spaCy."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from blocwatch.extract.pipeline import extract_document, extract_events, iter_events

__all__ = ["extract_document", "extract_events", "iter_events"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from blocwatch.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'blocwatch.extract' has no attribute {name!r}")

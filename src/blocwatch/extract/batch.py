"""Extract many files: read each, parse in batches (nlp.pipe) or in N worker processes,
and report a file that cannot be read or extracted without stopping the others.

    extract_paths(paths, date=None, workers=1) -> iterator of Outcome (in input order)
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from blocwatch.errors import BlocwatchError
from blocwatch.records import Document, Event


@dataclass(slots=True)
class Outcome:
    """What became of one input: its document and events, or the reason it failed."""

    path: str
    document: Document | None = None
    events: list[Event] = field(default_factory=list)
    error: str | None = None


def _read(path: str, date: str | None) -> Outcome:
    from blocwatch.ingest import read_document

    try:
        return Outcome(path, document=read_document(path, date=date))
    except BlocwatchError as exc:
        return Outcome(path, error=_reason(path, exc))


def _reason(path: str, exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if text.startswith(path) else f"{path}: {text}"


def extract_paths(paths: Iterable[str], date: str | None = None, workers: int = 1,
                  batch_size: int = 16) -> Iterator[Outcome]:
    """Outcomes in input order. ``workers`` > 1 uses that many processes (spawned, each
    loading the pipeline once)."""
    if workers > 1:
        yield from _parallel(list(paths), date, workers)
        return
    yield from _sequential(iter(paths), date, batch_size)


def _sequential(paths: Iterator[str], date: str | None, batch_size: int) -> Iterator[Outcome]:
    """One stream: files are read as the parser needs them, so only the batches being
    parsed are held in memory, and a document that fails stops only itself."""
    from blocwatch.extract.pipeline import iter_results

    pending: deque[Outcome] = deque()   # read, not yet given back

    def documents() -> Iterator[Document]:
        for path in paths:
            outcome = _read(path, date)
            pending.append(outcome)
            if outcome.document is not None:
                yield outcome.document

    try:
        for document, result in iter_results(documents(), batch_size):
            while (outcome := pending.popleft()).document is not document:
                yield outcome   # a file that could not be read, before this one
            if isinstance(result, BlocwatchError):
                outcome.error, outcome.document = _reason(outcome.path, result), None
            else:
                outcome.events = result
            yield outcome
    except BlocwatchError as exc:   # no pipeline to parse with: every document fails
        for outcome in [*pending, *(_read(path, date) for path in paths)]:
            if outcome.document is not None:
                outcome.error, outcome.document = _reason(outcome.path, exc), None
            yield outcome
        return
    yield from pending


def _work(task: tuple[str, Document | None, str | None]) -> Outcome:
    path, document, date = task
    outcome = Outcome(path, document=document) if document is not None else _read(path, date)
    if outcome.document is None:
        return outcome
    from blocwatch.extract.pipeline import extract_document

    try:
        outcome.events = extract_document(outcome.document)
    except BlocwatchError as exc:
        outcome.error, outcome.document = _reason(path, exc), None
    return outcome


def _warm() -> None:
    from blocwatch.extract.nlp import load_pipeline

    load_pipeline()


def _parallel(paths: list[str], date: str | None, workers: int) -> Iterator[Outcome]:
    tasks: list[tuple[str, Document | None, str | None]] = []
    early: dict[int, Outcome] = {}
    for i, path in enumerate(paths):
        if path == "-":   # standard input can only be read here, in the parent
            outcome = _read(path, date)
            if outcome.document is None:
                early[i] = outcome
            tasks.append((path, outcome.document, date))
        else:
            tasks.append((path, None, date))
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with context.Pool(processes=workers, initializer=_warm) as pool:
        for i, outcome in enumerate(pool.imap(_work, tasks, chunksize=1)):
            yield early.get(i, outcome)

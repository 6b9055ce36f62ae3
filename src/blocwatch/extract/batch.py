"""Extract many files: read each, parse in batches (nlp.pipe) or in N worker processes,
and report a file that cannot be read or extracted without stopping the others.

    extract_paths(paths, date=None, workers=1) -> iterator of Outcome (in input order)
"""

from __future__ import annotations

import multiprocessing
import os
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
    from blocwatch.ingest import as_source, read_document

    try:
        return Outcome(path, document=read_document(as_source(path), date=date))
    except BlocwatchError as exc:
        return Outcome(path, error=_reason(path, exc))


def _reason(path: str, exc: BaseException) -> str:
    from blocwatch.errors import printable_path

    shown = printable_path(path)
    text = str(exc) or type(exc).__name__
    return text if text.startswith(shown) else f"{shown}: {text}"


def extract_paths(paths: Iterable[str], date: str | None = None, workers: int = 1,
                  batch_size: int = 16) -> Iterator[Outcome]:
    """Outcomes in input order; folders are searched for the files blocwatch reads, as
    ``ingest`` and ``text`` do. ``workers`` > 1 uses that many processes (spawned, each
    loading the pipeline once)."""
    from blocwatch.ingest import iter_paths

    paths = iter_paths([p for p in paths])
    if workers > 1:
        yield from _parallel(list(paths), date, workers)
        return
    yield from _sequential(iter(paths), date, batch_size)


def _sequential(sources: Iterator[str | Outcome], date: str | None, batch_size: int) -> Iterator[Outcome]:
    """One stream: files are read as the parser needs them, so only the batches being
    parsed are held in memory, and a document that fails stops only itself. A source is
    a path or an Outcome already read (standard input, read by the parent process)."""
    from blocwatch.extract.pipeline import iter_results

    pending: deque[Outcome] = deque()   # read, not yet given back

    def documents() -> Iterator[Document]:
        for source in sources:
            outcome = source if isinstance(source, Outcome) else _read(source, date)
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
        rest = (source if isinstance(source, Outcome) else _read(source, date) for source in sources)
        for outcome in [*pending, *rest]:
            if outcome.document is not None:
                outcome.error, outcome.document = _reason(outcome.path, exc), None
            yield outcome
        return
    yield from pending


def _work(task: tuple[list[str | Outcome], str | None]) -> list[Outcome]:
    """A run of consecutive files in a worker process, parsed as one stream."""
    sources, date = task
    return list(_sequential(iter(sources), date, 16))


def _warm() -> None:
    from blocwatch.extract.nlp import load_pipeline

    # the processes already share the cores: no parse thread inside each
    os.environ["BLOCWATCH_PARSE_THREAD"] = "0"
    load_pipeline()


def _parallel(paths: list[str], date: str | None, workers: int) -> Iterator[Outcome]:
    # standard input can only be read here, in the parent
    sources: list[str | Outcome] = [_read(path, date) if path == "-" else path for path in paths]
    # runs of files, so that each worker parses in batches: about four per worker, at most 16 files
    size = max(1, min(16, -(-len(sources) // (4 * workers))))
    tasks = [(sources[i:i + size], date) for i in range(0, len(sources), size)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with context.Pool(processes=workers, initializer=_warm) as pool:
        for outcomes in pool.imap(_work, tasks, chunksize=1):
            yield from outcomes

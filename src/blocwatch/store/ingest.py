"""``blocwatch ingest``: read documents, extract their events, store them.

The parent process reads each file, skips what is stored already (by content hash) and
writes every result itself, one document per transaction: killing it at any moment
loses at most the documents in flight, and the next run picks them up. Extraction runs
here (workers=1), in N local processes (each loading spaCy once) or on a Dask cluster."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from blocwatch.errors import BlocwatchError, InputError
from blocwatch.records import Document, Event
from blocwatch.store.corpus import Store

#: Documents read (and checked against the store) before their extraction is handed out.
CHUNK = 32


@dataclass(slots=True)
class IngestSummary:
    read: int = 0
    stored: int = 0
    already: int = 0
    events: int = 0
    words: int = 0
    skipped_failed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        text = (f"read {self.read}, stored {self.stored} ({self.events} events), already stored "
                f"{self.already}, failed {len(self.failed)}")
        if self.skipped_failed:
            text += f", skipped {self.skipped_failed} that failed before (use --retry-failed)"
        reasons: dict[str, int] = {}
        for _, reason in self.failed:
            reasons[reason] = reasons.get(reason, 0) + 1
        if reasons:
            text += ": " + "; ".join(f"{n} x {r}" for r, n in sorted(reasons.items(), key=lambda kv: -kv[1]))
        return text + f" in {self.seconds:.1f} s"


class Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.stream.isatty()
        self.total, self.done, self.started, self.last = total, 0, time.monotonic(), 0.0

    def step(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.2 and self.done < self.total):
            return
        self.last = now
        rate = self.done / max(now - self.started, 1e-9)
        left = (self.total - self.done) / rate if rate else 0.0
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} docs"
                          f"  {rate:.1f} docs/s  {int(left) // 60}:{int(left) % 60:02d} left ")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def extract_one(document: Document) -> tuple[list[Event], str | None]:
    """Events of one document, or the reason extraction failed (runs in workers too)."""
    from blocwatch.extract import extract_document

    try:
        return extract_document(document), None
    except BlocwatchError as exc:
        return [], str(exc) or type(exc).__name__


def _warm() -> None:
    from blocwatch.extract.nlp import load_pipeline

    load_pipeline()


class Extractor:
    """Hands chunks of documents to the chosen executor; results come back in order."""

    def __init__(self, workers: int = 1, cluster: str | None = None) -> None:
        self.workers, self.cluster = workers, cluster
        self._pool: Any = None
        self._client: Any = None
        if cluster:
            try:
                from distributed import Client
            except ImportError as exc:  # pragma: no cover - the extra is installed in CI
                raise BlocwatchError("--cluster needs dask[distributed]: pip install 'blocwatch[cluster]'") from exc
            try:
                self._client = Client(cluster, timeout=10)
            except OSError as exc:
                raise BlocwatchError(f"{cluster}: cannot reach the Dask scheduler: {exc}") from None
        elif workers > 1:
            import multiprocessing

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            self._pool = context.Pool(processes=workers, initializer=_warm)

    def run(self, documents: list[Document]) -> Iterator[tuple[list[Event], str | None]]:
        """Start extracting ``documents`` now (in workers or on the cluster); the results
        come from the returned iterator, in order."""
        if self._client is not None:
            futures = self._client.map(extract_one, documents, pure=False)
            return (future.result() for future in futures)
        if self._pool is not None:
            results: Iterator[tuple[list[Event], str | None]] = self._pool.imap(extract_one, documents, chunksize=1)
            return results
        return self._batch(documents)

    @staticmethod
    def _batch(documents: list[Document]) -> Iterator[tuple[list[Event], str | None]]:
        from blocwatch.extract import iter_events

        try:
            results = [events for _, events in iter_events(documents, 8)]
        except BlocwatchError:  # one bad document: do them one by one so the others come through
            results = None
        if results is not None:
            for events in results:
                yield events, None
        else:
            for document in documents:
                yield extract_one(document)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
        if self._client is not None:
            self._client.close()


def _unchanged_since(path: str, failed_at: str) -> bool:
    """True when ``path`` still exists and was not modified after it failed: a file that
    was fixed, replaced or has gone since is tried (and reported) again."""
    import datetime as dt
    import os

    try:
        modified = os.stat(path).st_mtime
        failed = dt.datetime.fromisoformat(failed_at).timestamp()
    except (OSError, ValueError):
        return False
    return modified < failed + 1.0  # failed_at is truncated to the second


def ingest(store: Store, paths: Iterable[str], date: str | None = None, workers: int = 1,
           cluster: str | None = None, retry_failed: bool = False, progress: bool = True,
           on_failure: Any = None) -> IngestSummary:
    """Store every document under ``paths`` not stored yet; see the module's doc."""
    from blocwatch.ingest import iter_paths, read_document

    started = time.monotonic()
    summary = IngestSummary()
    files = iter_paths(list(paths))
    failed_before = store.failed_paths()
    bar = Progress(len(files), enabled=progress)
    extractor = Extractor(workers, cluster)

    def fail(path: str, reason: str) -> None:
        summary.failed.append((path, reason))
        store.record_failure(path, reason)
        if on_failure:
            on_failure(path, reason)

    seen: set[str] = set()

    def prepare(chunk: list[str]) -> list[Document]:
        """Read a chunk; keep the documents not stored yet."""
        todo: list[Document] = []
        for path in chunk:
            if path in failed_before and not retry_failed and _unchanged_since(path, failed_before[path]):
                summary.skipped_failed += 1
                bar.step()
                continue
            summary.read += 1
            try:
                document = read_document(path, date=date)
            except InputError as exc:
                fail(path, exc.reason)
                bar.step()
                continue
            digest = document.content_hash
            if digest in seen or store.has_document(digest):
                summary.already += 1
                if path in failed_before:
                    store.clear_failure(path)
                bar.step()
                continue
            seen.add(digest)
            todo.append(document)
        return todo

    def write(todo: list[Document], results: Iterator[tuple[list[Event], str | None]]) -> None:
        for document, (events, error) in zip(todo, results, strict=True):
            if error is not None:
                fail(document.path, error)
            elif store.add_document(document, events):
                summary.stored += 1
                summary.events += len(events)
                summary.words += len(document.text.split())
                if document.path in failed_before:
                    store.clear_failure(document.path)
            else:
                summary.already += 1
            bar.step()

    try:
        # One chunk ahead: the workers extract chunk k+1 while this process writes chunk k.
        pending: tuple[list[Document], Iterator[tuple[list[Event], str | None]]] | None = None
        for begin in range(0, len(files), CHUNK):
            todo = prepare(files[begin:begin + CHUNK])
            started_chunk = (todo, extractor.run(todo))
            if pending is not None:
                write(*pending)
            pending = started_chunk
        if pending is not None:
            write(*pending)
    finally:
        extractor.close()
        bar.finish()
        summary.seconds = time.monotonic() - started
    return summary

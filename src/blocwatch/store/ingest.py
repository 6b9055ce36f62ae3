"""``blocwatch ingest``: read documents, extract their events, store them.

The parent process reads each file, skips what is stored already (by content hash) and
writes every result itself, one short transaction per batch of ``CHUNK`` documents
(documents, events, relinking and failures together): killing it at any moment loses at
most the batch in flight, and the next run picks it up. Between batches a DuckDB file is
closed (``Store.release``), so a reader (the dashboard, ``blocwatch events``) can open it
while an ingest runs; the ingest waits up to ``--wait`` seconds for it to be free again.
The file is never held while documents are read or extracted. Extraction runs here
(workers=1), in N local processes (each loading spaCy once) or on a Dask cluster."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from blocwatch import config
from blocwatch.errors import BlocwatchError, InputError
from blocwatch.progress import Progress
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


def store_batch(store: Store, results: list[tuple[Document, list[Event], str | None]],
                failures: list[tuple[str, str]] | None = None, cleared: Iterable[str] = ()) -> list[bool | None]:
    """Write one batch in one transaction: each (document, events, error) is stored (True),
    found stored already (False) or recorded as failed with its error (None); ``failures``
    (path, reason) are recorded and the failures of ``cleared`` paths forgotten, too."""
    try:
        return _store_batch(store, results, failures or [], list(cleared))
    except Exception:
        if len(results) + len(failures or []) <= 1:
            raise
    # the batch as a whole failed (another writer stored one of its documents meanwhile):
    # one transaction per document, so that one cannot hold back the others
    out: list[bool | None] = []
    for index, result in enumerate(results):
        out += _store_batch(store, [result], (failures or []) if index == 0 else [], list(cleared) if index == 0 else [])
    if not results:
        _store_batch(store, [], failures or [], list(cleared))
    return out


def _store_batch(store: Store, results: list[tuple[Document, list[Event], str | None]],
                 failures: list[tuple[str, str]], cleared: list[str]) -> list[bool | None]:
    ok = [(document, events) for document, events, error in results if error is None]
    with store.db.transaction():
        for path, reason in failures:
            store.record_failure(path, reason)
        for document, _, error in results:
            if error is not None:
                store.record_failure(document.path, error)
        added = iter(store.add_documents(ok))
        outcome: list[bool | None] = [None if error is not None else next(added) for _, _, error in results]
        for path in cleared:
            store.clear_failure(path)
    return outcome


def ingest(store: Store, paths: Iterable[str], date: str | None = None, workers: int = 1,
           cluster: str | None = None, retry_failed: bool = False, progress: bool = True,
           on_failure: Any = None) -> IngestSummary:
    """Store every document under ``paths`` not stored yet; see the module's doc."""
    import os

    from blocwatch.errors import printable_path
    from blocwatch.ingest import as_source, iter_paths, read_document

    started = time.monotonic()
    summary = IngestSummary()
    given = list(paths)
    # A path given that does not exist is a typo, not a document: said, and nothing stored.
    missing = [path for path in given if path != "-" and not os.path.lexists(path)]
    files = iter_paths([path for path in given if path not in missing])
    failed_before = store.failed_paths()
    store.release()
    bar = Progress(len(files), unit="docs", label="blocwatch ingest", enabled=progress,
                   interval=config.progress_seconds())
    extractor = Extractor(workers, cluster)
    read_failures: list[tuple[str, str]] = []   # written with the next batch
    cleared: list[str] = []

    def fail(path: str, reason: str) -> None:
        summary.failed.append((printable_path(path), reason))
        if on_failure:
            on_failure(printable_path(path), reason)

    for path in missing:
        fail(path, "no such file or folder (nothing stored for it)")
    seen: set[str] = set()

    def prepare(chunk: list[str]) -> list[Document]:
        """Read a chunk; keep the documents not stored yet."""
        read: list[Document] = []
        for path in chunk:
            shown = printable_path(path)  # failures are stored under the printable name
            if shown in failed_before and not retry_failed and _unchanged_since(path, failed_before[shown]):
                summary.skipped_failed += 1
                bar.step()
                continue
            summary.read += 1
            try:
                read.append(read_document(as_source(path), date=date))
            except InputError as exc:
                fail(path, exc.reason)
                read_failures.append((shown, exc.reason))
                bar.step()
        stored = store.stored_hashes([document.content_hash for document in read]) if read else set()
        store.release()
        todo: list[Document] = []
        for document in read:
            digest = document.content_hash
            if digest in seen or digest in stored:
                summary.already += 1
                if document.path in failed_before:
                    cleared.append(document.path)
                bar.step()
                continue
            seen.add(digest)
            todo.append(document)
        return todo

    def write(todo: list[Document], results: Iterator[tuple[list[Event], str | None]]) -> None:
        # extraction finishes before the database is opened: the file is held only to write
        done = [(document, events, error) for document, (events, error) in zip(todo, results, strict=True)]
        for document, _, error in done:
            if error is not None:
                fail(document.path, error)
        cleared.extend(d.path for d, _, error in done if error is None and d.path in failed_before)
        outcome = store_batch(store, done, read_failures, cleared)
        store.release()
        read_failures.clear()
        cleared.clear()
        for (document, events, _), stored in zip(done, outcome, strict=True):
            if stored:
                summary.stored += 1
                summary.events += len(events)
                summary.words += len(document.text.split())
            elif stored is False:
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
        if read_failures or cleared:
            store_batch(store, [], read_failures, cleared)
            store.release()
    finally:
        extractor.close()
        bar.finish()
        summary.seconds = time.monotonic() - started
    return summary

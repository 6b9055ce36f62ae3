"""The corpus store: documents, their reports and the happenings that link them.

    store = open_store("corpus.duckdb")       # or a postgresql:// URL
    store.add_document(document, events)       # all or nothing
    store.events(dyad=("RUS", "PAK"), as_="pandas")
    store.dyad("RUS", "PAK")                   # monthly counts by quad class, Goldstein sums
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from blocwatch.errors import NotADatabaseError, UsageError
from blocwatch.records import EVENT_FIELDS, Document, Event
from blocwatch.store import linking, schema
from blocwatch.store.db import Database, connect, require_database

#: Columns of ``happenings`` (and of ``reports``) that carry the CONTRACT's event fields.
_EVENT_COLUMNS = ("doc", "actor", "recipient", "actor_name", "recipient_name", "actor_sector",
                  "recipient_sector", "event", "mode", "context", "cameo", "quad", "goldstein", "date",
                  "date_precision", "date_lo", "date_hi", "negated", "modality", "text", "start_char",
                  "end_char", "confidence")
_RENAME = {"start_char": "start", "end_char": "end"}


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def report_key(content_hash: str, ordinal: int, event: Event) -> str:
    raw = f"{content_hash}|{ordinal}|{event.actor}|{event.recipient}|{event.event}|{event.start}|{event.end}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def period_bounds(text: str, last: bool) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the first (or last) day it covers."""
    lo, hi = linking.date_bounds(text, None)
    if lo is None or hi is None:
        raise UsageError(f"date {text!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    return hi if last else lo


class Store:
    """A corpus in one database. Use as a context manager or call ``close()``."""

    def __init__(self, db: Database) -> None:
        self.db = db
        applied = schema.upgrade(db)
        if 2 in applied:
            self._assign_blocks()

    def release(self) -> None:
        """Close a DuckDB file between write transactions so that other processes (the
        dashboard, a reading command) can open it; the next call reopens it."""
        self.db.release()

    # -- writing ---------------------------------------------------------------------

    def has_document(self, content_hash: str) -> bool:
        return bool(self.db.query("SELECT 1 FROM documents WHERE content_hash = ?", [content_hash]))

    def stored_hashes(self, content_hashes: Sequence[str]) -> set[str]:
        """Which of ``content_hashes`` are stored already (one query)."""
        found: set[str] = set()
        hashes = list(dict.fromkeys(content_hashes))
        for begin in range(0, len(hashes), 500):
            part = hashes[begin:begin + 500]
            marks = ", ".join("?" for _ in part)
            found.update(str(row[0]) for row in self.db.query(
                f"SELECT content_hash FROM documents WHERE content_hash IN ({marks})", part))
        return found

    def add_document(self, document: Document, events: Sequence[Event], source: str = "text",
                     content_hash: str | None = None, report_keys: Sequence[str] | None = None) -> bool:
        """Store a document with all its events, or nothing. False when it was already stored."""
        return self.add_documents([(document, events)], source=source, content_hashes=[content_hash],
                                  report_keys=[report_keys])[0]

    def add_documents(self, items: Sequence[tuple[Document, Sequence[Event]]], source: str = "text",
                      content_hashes: Sequence[str | None] | None = None,
                      report_keys: Sequence[Sequence[str] | None] | None = None) -> list[bool]:
        """Store several documents with their events in one transaction (all or nothing);
        for each, False when it was stored already. One transaction and one relinking per
        batch is what keeps ingest fast: a commit costs far more than a row."""
        digests = [(content_hashes[i] if content_hashes and content_hashes[i] else None) or d.content_hash
                   for i, (d, _) in enumerate(items)]
        keys: list[Sequence[str] | None] = list(report_keys) if report_keys else [None] * len(items)
        try:
            return self._add_documents(items, source, digests, keys)
        except Exception:
            if self.db.in_transaction:
                raise  # the caller's transaction is spoilt: it decides what to do
            if len(items) > 1:  # one document the batch cannot take: store the others one by one
                return [self.add_documents([item], source, [digest], [key])[0]
                        for item, digest, key in zip(items, digests, keys, strict=True)]
            # another writer (PostgreSQL) stored the same content between our check and insert
            if self.has_document(digests[0]):
                return [False]
            raise

    def _add_documents(self, items: Sequence[tuple[Document, Sequence[Event]]], source: str,
                       digests: list[str], keys_of: list[Sequence[str] | None]) -> list[bool]:
        with self.db.transaction():
            stored = self.stored_hashes(digests)
            fresh = []
            for index, digest in enumerate(digests):
                if digest not in stored:
                    stored.add(digest)
                    fresh.append(index)
            doc_ids = self._next_many("document_ids", len(fresh))
            documents: list[list[Any]] = []
            rows = _Rows()
            report_ids = iter(self._next_many("report_ids", sum(len(items[index][1]) for index in fresh)))
            for doc_id, index in zip(doc_ids, fresh, strict=True):
                document, events = items[index]
                documents.append([doc_id, digests[index], document.path, document.title, document.pub_date,
                                  document.pub_date_source, document.format, source, document.text,
                                  len(document.text.split()), now()])
                self._report_rows(rows, doc_id, digests[index], document.pub_date, source, events,
                                  [next(report_ids) for _ in events], keys_of[index])
            self.db.executemany(
                "INSERT INTO documents (id, content_hash, path, title, pub_date, pub_date_source, format,"
                " source, text, n_words, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", documents)
            self.db.executemany(
                "INSERT INTO reports (id, doc_id, report_key, link_key, link_block, source, doc, pub_date, actor,"
                " recipient, actor_name, recipient_name, actor_sector, recipient_sector, event, mode, context,"
                " cameo, quad, goldstein, date, date_precision, date_lo, date_hi, negated, modality, text,"
                " start_char, end_char, confidence) VALUES (" + ", ".join(["?"] * 30) + ")", rows.reports)
            self.db.executemany("INSERT INTO evidence (report_id, start_char, end_char, text) VALUES (?, ?, ?, ?)",
                                rows.evidence)
            self.db.executemany("INSERT INTO sentences (doc_id, start_char, end_char, text) VALUES (?, ?, ?, ?)",
                                rows.sentences)
            self.relink(rows.blocks)
        fresh_set = set(fresh)
        return [index in fresh_set for index in range(len(items))]

    def _next(self, sequence: str) -> int:
        return self._next_many(sequence, 1)[0]

    def _next_many(self, sequence: str, count: int) -> list[int]:
        if count <= 0:
            return []
        series = "generate_series(1, ?)" if self.db.backend == "postgres" else "range(?)"
        return [int(row[0]) for row in self.db.query(f"SELECT nextval('{sequence}') FROM {series}", [count])]

    @staticmethod
    def _report_rows(rows: _Rows, doc_id: int, digest: str, pub_date: str | None, source: str,
                     events: Sequence[Event], ids: list[int], keys_of: Sequence[str] | None = None) -> None:
        sentences: dict[tuple[int, int], str] = {}
        for ordinal, event in enumerate(events):
            report_id = ids[ordinal]
            key = linking.link_key(event.actor, event.recipient, event.event, event.negated, event.modality)
            lo, hi = linking.date_bounds(event.date, event.date_precision)
            rkey = keys_of[ordinal] if keys_of else report_key(digest, ordinal, event)
            precision = event.date_precision if event.date else None
            block = linking.link_block(key, event.date, precision, pub_date, rkey)
            rows.blocks.add(block)
            rows.reports.append([report_id, doc_id, rkey, key, block, source, event.doc, pub_date, event.actor,
                                 event.recipient, event.actor_name, event.recipient_name, event.actor_sector,
                                 event.recipient_sector, event.event, event.mode,
                                 json.dumps(list(event.context or [])), event.cameo, event.quad, event.goldstein,
                                 event.date, precision, lo, hi, bool(event.negated), event.modality,
                                 event.text or None, event.start if event.text else None,
                                 event.end if event.text else None, event.confidence])
            spans = event.evidence or ([(event.start, event.end, event.text)] if event.text else [])
            for start, end, text in spans:
                rows.evidence.append([report_id, start, end, text])
                sentences[(start, end)] = text
        rows.sentences.extend([doc_id, s, e, t] for (s, e), t in sorted(sentences.items()))

    def _assign_blocks(self) -> None:
        """Reports stored before linking worked in blocks: give each its block and relink."""
        rows = self.db.query("SELECT id, link_key, date, date_precision, pub_date, report_key FROM reports")
        if not rows:
            return
        with self.db.transaction():
            blocks = {}
            for report_id, key, date, precision, pub_date, rkey in rows:
                blocks[int(report_id)] = linking.link_block(key, date, precision, pub_date, rkey)
            self.db.execute("CREATE TEMPORARY TABLE report_blocks (id BIGINT, link_block VARCHAR)")
            self.db.executemany("INSERT INTO report_blocks (id, link_block) VALUES (?, ?)", blocks.items())
            self.db.execute("UPDATE reports SET link_block = (SELECT b.link_block FROM report_blocks b"
                            " WHERE b.id = reports.id)")
            self.db.execute("DROP TABLE report_blocks")
            self.db.execute("DELETE FROM links")
            self.db.execute("DELETE FROM happenings")
            self.relink(set(blocks.values()))

    def ingest(self, paths: Iterable[str], date: str | None = None, workers: int = 1, cluster: str | None = None,
               retry_failed: bool = False, progress: bool = True) -> Any:
        """Read, extract and store the documents under ``paths`` (see blocwatch.store.ingest);
        returns an IngestSummary (read, stored, already, failed, ...)."""
        from blocwatch.store.ingest import ingest

        return ingest(self, paths, date=date, workers=workers, cluster=cluster, retry_failed=retry_failed,
                      progress=progress)

    def relink(self, blocks: Iterable[str]) -> None:
        """Recompute the happenings of each link block from all its reports."""
        blocks = sorted(set(blocks))
        if not blocks:
            return
        if self.db.backend == "postgres":  # several writers: one relinks a block at a time
            for block in blocks:
                self.db.execute("SELECT pg_advisory_xact_lock(hashtext(?))", [block])
        columns = ", ".join(f"r.{c}" for c in _EVENT_COLUMNS)
        by_block: dict[str, list[tuple[Any, ...]]] = {}
        stored: dict[str, set[tuple[int, str]]] = {}
        for begin in range(0, len(blocks), 500):
            part = blocks[begin:begin + 500]
            marks = ", ".join("?" for _ in part)
            for row in self.db.query(
                    f"SELECT r.id, r.report_key, r.doc_id, r.date, r.date_precision, r.confidence, r.pub_date,"
                    f" r.source, r.link_block, {columns}, r.link_key FROM reports r"
                    f" WHERE r.link_block IN ({marks})", part):
                by_block.setdefault(row[8], []).append(row)
            for hid, report_id, reason in self.db.query(
                    f"SELECT happening_id, report_id, reason FROM links WHERE link_block IN ({marks})", part):
                stored.setdefault(hid, set()).add((int(report_id), reason))
        happenings: list[list[Any]] = []
        links: list[list[Any]] = []
        changed: list[str] = []
        for block in blocks:
            by_id = {row[0]: row for row in by_block.get(block, [])}
            reports = [linking.Report(row[0], row[1], row[2], row[3], row[4], float(row[5] or 0), row[6])
                       for row in by_id.values()]
            for cluster in linking.cluster_reports(reports):
                hid = cluster.happening_id()
                rep = cluster.representative()
                reasons = {(r.id, ("representative; " if r.id == rep.id else "") + why) for r, why in cluster.members}
                if stored.pop(hid, None) == reasons:
                    continue  # unchanged: only what a new document changes is rewritten
                key = by_id[rep.id][-1]
                sources = {str(r.doc_id) if by_id[r.id][7] == "text" else by_id[r.id][9] for r in cluster.reports}
                happenings.append([hid, key, block, rep.id, *by_id[rep.id][9:-1], len(cluster.members),
                                   len(sources)])
                links.extend([report_id, hid, key, block, reason] for report_id, reason in sorted(reasons))
                changed.append(hid)
        changed.extend(stored)  # happenings that no longer exist
        for begin in range(0, len(changed), 500):
            ids = changed[begin:begin + 500]
            marks = ", ".join("?" for _ in ids)
            self.db.execute(f"DELETE FROM happenings WHERE id IN ({marks})", ids)
            self.db.execute(f"DELETE FROM links WHERE happening_id IN ({marks})", ids)
        cols = ", ".join(_EVENT_COLUMNS)
        self.db.executemany(
            f"INSERT INTO happenings (id, link_key, link_block, representative, {cols}, mentions, sources) VALUES ("
            + ", ".join(["?"] * (len(_EVENT_COLUMNS) + 6)) + ")", happenings)
        self.db.executemany("INSERT INTO links (report_id, happening_id, link_key, link_block, reason)"
                            " VALUES (?, ?, ?, ?, ?)", links)

    def record_failure(self, path: str, reason: str) -> None:
        with self.db.transaction():
            old = self.db.query("SELECT retried FROM failures WHERE path = ?", [path])
            self.db.execute("DELETE FROM failures WHERE path = ?", [path])
            self.db.execute("INSERT INTO failures (path, reason, failed_at, retried) VALUES (?, ?, ?, ?)",
                            [path, reason, now(), int(old[0][0]) + 1 if old else 0])

    def clear_failure(self, path: str) -> None:
        self.db.execute("DELETE FROM failures WHERE path = ?", [path])

    def failed_paths(self) -> dict[str, str]:
        """Paths that failed, each with when (ISO 8601, UTC, to the second)."""
        return {str(row[0]): str(row[1]) for row in self.db.query("SELECT path, failed_at FROM failures")}

    # -- reading ---------------------------------------------------------------------

    def failures(self) -> list[dict[str, Any]]:
        rows = self.db.query("SELECT path, reason, failed_at, retried FROM failures ORDER BY path")
        return [dict(zip(("path", "reason", "at", "retried"), row, strict=True)) for row in rows]

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "reports", "happenings", "failures"):
            out[table] = int(self.db.query(f"SELECT COUNT(*) FROM {table}")[0][0])
        return out

    def _where(self, actor: str | None, recipient: str | None, dyad: Sequence[str] | None, event: str | None,
               quad: int | None, date_from: str | None, date_to: str | None,
               text: str | None) -> tuple[str, list[Any]]:
        clauses: list[str] = ["1 = 1"]
        params: list[Any] = []
        if actor:
            clauses.append("h.actor = ?")
            params.append(actor.upper())
        if recipient:
            clauses.append("h.recipient = ?")
            params.append(recipient.upper())
        if dyad:
            if len(dyad) != 2:
                raise UsageError("dyad: expected two actor codes, e.g. RUS,PAK")
            a, b = (code.strip().upper() for code in dyad)
            clauses.append("((h.actor = ? AND h.recipient = ?) OR (h.actor = ? AND h.recipient = ?))")
            params += [a, b, b, a]
        if event:
            clauses.append("h.event = ?")
            params.append(event.upper())
        if quad is not None:
            clauses.append("h.quad = ?")
            params.append(int(quad))
        if date_from:
            clauses.append("h.date_lo >= ?")
            params.append(period_bounds(date_from, last=False))
        if date_to:
            clauses.append("h.date_hi <= ?")
            params.append(period_bounds(date_to, last=True))
        for word in (text or "").split():
            clauses.append("EXISTS (SELECT 1 FROM links l JOIN reports r ON r.id = l.report_id"
                           " WHERE l.happening_id = h.id AND LOWER(r.text) LIKE ?)")
            params.append(f"%{word.lower()}%")
        return " AND ".join(clauses), params

    def events(self, actor: str | None = None, recipient: str | None = None, dyad: Sequence[str] | None = None,
               event: str | None = None, quad: int | None = None, date_from: str | None = None,
               date_to: str | None = None, text: str | None = None, limit: int | None = None, offset: int = 0,
               as_: str = "pandas") -> Any:
        """Stored happenings as CONTRACT events plus ``id``, ``mentions``, ``sources`` and
        ``evidence`` (every report: doc, text, start, end). ``as_``: pandas, polars, arrow or records."""
        if as_ not in ("pandas", "polars", "arrow", "records"):
            raise UsageError(f"as_={as_!r}: expected pandas, polars, arrow or records")
        where, params = self._where(actor, recipient, dyad, event, quad, date_from, date_to, text)
        page = ""
        if limit is not None:
            page += f" LIMIT {int(limit)}"
        if offset:
            page += f" OFFSET {int(offset)}"
        cols = ", ".join(f"h.{c}" for c in _EVENT_COLUMNS)
        selected = (f"SELECT h.id FROM happenings h WHERE {where}"
                    f" ORDER BY h.date_lo NULLS LAST, h.id{page}")
        rows = self.db.query(
            f"SELECT h.id, h.mentions, h.sources, {cols} FROM happenings h WHERE {where}"
            f" ORDER BY h.date_lo NULLS LAST, h.id{page}", params)
        evidence: dict[str, list[dict[str, Any]]] = {}
        if rows:
            for hid, doc, etext, start, end in self.db.query(
                    "SELECT l.happening_id, r.doc, e.text, e.start_char, e.end_char FROM links l"
                    " JOIN reports r ON r.id = l.report_id LEFT JOIN evidence e ON e.report_id = r.id"
                    f" WHERE l.happening_id IN ({selected})"
                    " ORDER BY l.happening_id, r.doc, e.start_char, r.id", params):
                evidence.setdefault(hid, []).append({"doc": doc, "text": etext, "start": start, "end": end})
        records = [self._record(row, evidence.get(row[0], [])) for row in rows]
        return to_frame(records, as_)

    @staticmethod
    def _record(row: Sequence[Any], evidence: list[dict[str, Any]]) -> dict[str, Any]:
        values = dict(zip((_RENAME.get(c, c) for c in _EVENT_COLUMNS), row[3:], strict=True))
        values["context"] = json.loads(values["context"]) if values["context"] else []
        values["negated"] = bool(values["negated"])
        out = {key: values[key] for key in EVENT_FIELDS}
        out.update(id=row[0], mentions=int(row[1]), sources=int(row[2]), evidence=evidence)
        return out

    def dyad(self, a: str, b: str, freq: str = "month", date_from: str | None = None,
             date_to: str | None = None) -> Any:
        """Happenings between ``a`` and ``b`` per period and direction: counts per quad class
        and the sum of Goldstein values, as a pandas DataFrame with columns ``month`` (or
        ``year``: "YYYY-MM" / "YYYY"), direction ("A->B"), actor, recipient, events,
        quad1..quad4, goldstein; one row per period and direction (sum over direction for
        both together). Only asserted, not negated happenings dated at least to the
        period's precision count; ``date_from``/``date_to`` as in ``events``."""
        import pandas as pd

        widths = {"month": (7, ("day", "month")), "year": (4, ("day", "month", "year"))}
        if freq not in widths:
            raise UsageError(f"freq={freq!r}: expected month or year")
        width, precisions = widths[freq]
        a, b = a.upper(), b.upper()
        marks = ", ".join("?" for _ in precisions)
        params: list[Any] = [a, b, b, a, *precisions]
        bounds = ""
        if date_from:
            bounds += " AND date_lo >= ?"
            params.append(period_bounds(date_from, last=False))
        if date_to:
            bounds += " AND date_hi <= ?"
            params.append(period_bounds(date_to, last=True))
        quads = ", ".join(f"SUM(CASE WHEN quad = {q} THEN 1 ELSE 0 END) AS quad{q}" for q in (1, 2, 3, 4))
        frame = self.db.query_df(
            f"SELECT SUBSTR(date_lo, 1, {width}) AS {freq}, actor, recipient, COUNT(*) AS events, {quads},"
            " COALESCE(SUM(goldstein), 0) AS goldstein FROM happenings"
            " WHERE ((actor = ? AND recipient = ?) OR (actor = ? AND recipient = ?))"
            f" AND date_precision IN ({marks}) AND NOT negated AND modality = 'asserted'{bounds}"
            " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3", params)
        frame.insert(1, "direction", frame["actor"] + "->" + frame["recipient"])
        for column in ("events", "quad1", "quad2", "quad3", "quad4"):
            frame[column] = frame[column].astype("int64")
        frame["goldstein"] = frame["goldstein"].astype("float64")
        return pd.DataFrame(frame).reset_index(drop=True)

    def explain(self, event_id: str) -> dict[str, Any]:
        """Which reports were joined into happening ``event_id`` and why."""
        head = self.db.query("SELECT link_key, representative, mentions, sources FROM happenings WHERE id = ?",
                             [event_id])
        if not head:
            raise UsageError(f"no stored event with id {event_id!r}")
        key, representative, mentions, sources = head[0]
        actor, recipient, kind, polarity, modality = key.split("|")
        rows = self.db.query(
            "SELECT r.id, r.doc, r.source, r.date, r.date_precision, r.pub_date, r.actor, r.recipient, r.text,"
            " r.start_char, r.end_char, l.reason FROM links l JOIN reports r ON r.id = l.report_id"
            " WHERE l.happening_id = ? ORDER BY r.date_lo NULLS LAST, r.report_key", [event_id])
        names = ("report", "doc", "source", "date", "date_precision", "pub_date", "actor", "recipient", "text",
                 "start", "end", "reason")
        rule = (f"reports share actor and recipient ({actor}, {recipient}"
                + (", either direction" if kind in linking.SYMMETRIC_TYPES else "")
                + f"), type {kind}, {'negated' if polarity == 'neg' else 'not negated'}, modality {modality},"
                f" and dates compatible at their precision (days within {linking.DAY_WINDOW} days of the"
                " happening's first day; a month or year joins the only finer-dated happening in it)")
        return {"id": event_id, "rule": rule, "mentions": mentions, "sources": sources,
                "representative": representative,
                "reports": [dict(zip(names, row, strict=True)) for row in rows]}

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Rows:
    """Rows of a batch of documents, written with one INSERT per table."""

    def __init__(self) -> None:
        self.reports: list[list[Any]] = []
        self.evidence: list[list[Any]] = []
        self.sentences: list[list[Any]] = []
        self.blocks: set[str] = set()


def to_frame(records: list[dict[str, Any]], as_: str) -> Any:
    if as_ == "records":
        return records
    import pyarrow as pa

    table = pa.Table.from_pylist(records, schema=_arrow_schema())
    if as_ == "arrow":
        return table
    if as_ == "polars":
        import polars as pl

        return pl.from_arrow(table)
    return table.to_pandas()


def _arrow_schema() -> Any:
    import pyarrow as pa

    string, integer, number = pa.string(), pa.int64(), pa.float64()
    types = {"context": pa.list_(string), "quad": integer, "goldstein": number, "negated": pa.bool_(),
             "start": integer, "end": integer, "confidence": number}
    fields = [pa.field(name, types.get(name, string)) for name in EVENT_FIELDS]
    evidence = pa.list_(pa.struct([("doc", string), ("text", string), ("start", integer), ("end", integer)]))
    fields += [pa.field("id", string), pa.field("mentions", integer), pa.field("sources", integer),
               pa.field("evidence", evidence)]
    return pa.schema(fields)


def open_store(db: str | None = None, wait: float = 30.0, must_exist: bool = False) -> Store:
    """Open (creating and upgrading as needed) the corpus at ``db``: a DuckDB path or a
    postgresql:// URL; default ``blocwatch.config.default_db()``. While another process
    holds the DuckDB file, retry for up to ``wait`` seconds, then raise DatabaseLockedError.
    ``must_exist``: a DuckDB file that is not there is an error, not a new empty corpus
    (commands that only read: a mistyped --db must not look like an empty corpus)."""
    if must_exist:
        require_database(db)
    database = connect(db, wait=wait)
    try:
        return Store(database)
    except BaseException as exc:
        database.close()
        if database.backend == "duckdb" and type(exc).__module__.startswith(("duckdb", "_duckdb")):
            # a file DuckDB opens but cannot read (damaged blocks, a foreign schema)
            first = (str(exc).splitlines() or [type(exc).__name__])[0]
            raise NotADatabaseError(f"{database.target}: not a usable blocwatch database: {first}") from None
        raise

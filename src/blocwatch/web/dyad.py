"""The answer of ``GET /api/dyad/{A}/{B}`` (CONTRACT section 4), computed on a read-only store.

It holds what the page shows: vote agreement per session with its change points, events per
month, and the strongest evidence with where each report stands (document, offsets), but not
the text of every report: the event's own sentence is enough, the rest is one click away on
the document page. The per-session agreement depends only on the votes, so it is kept per
vote table state and reused while an ingest changes the events."""

from __future__ import annotations

import importlib
import threading
from collections import OrderedDict
from collections.abc import Hashable
from pathlib import PurePath
from types import ModuleType
from typing import Any

from blocwatch.errors import UsageError
from blocwatch.web.readpath import ReadOnlyStore

#: Reports listed per evidence event (a happening may have hundreds in a big corpus).
MAX_REPORTS = 5


def dyad_module() -> ModuleType:
    """The dyad assessment's building blocks (renamed module after the assessment rewrite)."""
    for name in ("blocwatch.analyze.dyad_assessment", "blocwatch.analyze.assessment"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "build_assessment"):
            return module
    raise ImportError("blocwatch.analyze: no dyad assessment module")


class VoteTable:
    """Every country's votes in memory, sorted by roll call: a dyad's per-session agreement is
    then an intersection of two arrays (milliseconds) instead of a query over all votes."""

    def __init__(self, store: ReadOnlyStore) -> None:
        import numpy as np

        frame = store.db.query_df("SELECT v.iso3, v.rcid, v.vote, r.session FROM votes v JOIN roll_calls r "
                                  "ON r.rcid = v.rcid ORDER BY v.iso3, v.rcid")
        self.by_country: dict[str, tuple[Any, Any, Any]] = {}
        if frame.empty:
            return
        codes = frame["iso3"].to_numpy()
        rcid = frame["rcid"].to_numpy(np.int64)
        vote = frame["vote"].to_numpy(np.float64)
        session = frame["session"].to_numpy(np.int64)
        cuts = np.flatnonzero(codes[1:] != codes[:-1]) + 1
        for lo, hi in zip(np.r_[0, cuts], np.r_[cuts, len(codes)], strict=True):
            self.by_country[str(codes[lo])] = (rcid[lo:hi], vote[lo:hi], session[lo:hi])

    def dyad_rows(self, a: str, b: str, year_from: int | None, year_to: int | None) -> list[dict[str, Any]]:
        """The rows of ``align(db, a, b, from_year, to_year)`` (by session, all roll calls)."""
        import math

        import numpy as np

        from blocwatch.analyze.agreement import dyad_measures, session_year

        if a not in self.by_country or b not in self.by_country:
            return []
        (ra, va, sa), (rb, vb, _) = self.by_country[a], self.by_country[b]
        _, ia, ib = np.intersect1d(ra, rb, assume_unique=True, return_indices=True)
        sessions, xa, xb = sa[ia], va[ia], vb[ib]
        rows = []
        for session in np.unique(sessions):
            year = session_year(int(session))
            if (year_from is not None and year < year_from) or (year_to is not None and year > year_to):
                continue
            keep = sessions == session
            measures = dyad_measures(xa[keep], xb[keep])
            row: dict[str, Any] = {"session": int(session), "year": year}
            for key, value in measures.items():
                row[key] = int(value) if key == "n_votes" else (None if math.isnan(value) else float(value))
            rows.append(row)
        return rows


class VoteMemo:
    """Per-session agreement and change points of a dyad, per state of the vote tables."""

    def __init__(self, max_entries: int = 256) -> None:
        self._rows: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._table: tuple[Hashable, VoteTable] | None = None
        self._table_lock = threading.Lock()
        self.max_entries = max_entries

    def table(self, store: ReadOnlyStore, state: Hashable) -> VoteTable:
        """The votes in memory, loaded once per state of the vote tables."""
        with self._table_lock:
            if self._table is None or self._table[0] != state:
                self._table = (state, VoteTable(store))
            return self._table[1]

    @staticmethod
    def votes_state(store: ReadOnlyStore) -> Hashable:
        from blocwatch.analyze.votes import ensure_vote_tables

        ensure_vote_tables(store.db)  # a corpus without votes: empty temporary tables
        return tuple(store.db.query("SELECT COUNT(*), MAX(rcid), MIN(rcid) FROM votes")[0]) + tuple(
            store.db.query("SELECT COUNT(*) FROM roll_calls")[0])

    def get(self, key: Hashable, compute: Any) -> Any:
        with self._lock:
            if key in self._rows:
                self._rows.move_to_end(key)
                return self._rows[key]
        value = compute()
        with self._lock:
            self._rows[key] = value
            while len(self._rows) > self.max_entries:
                self._rows.popitem(last=False)
        return value


def doc_label(path: Any, title: Any = None) -> str:
    """A document by its title, else its file name: never the folder it was read from."""
    if title and str(title).strip():
        return str(title).strip()
    return PurePath(str(path or "")).name or "document"


def dyad_answer(store: ReadOnlyStore, memo: VoteMemo, a: str, b: str, year_from: int | None,
                year_to: int | None, n_evidence: int) -> dict[str, Any]:
    from blocwatch.analyze.votes import country_names

    module = dyad_module()
    db = store.db
    state = memo.votes_state(store)
    # Names and codes change only with the votes (a code known only from events: per question).
    code_a, code_b = (memo.get((state, "code", text.strip().upper()), lambda t=text: module.resolve(db, t))
                      for text in (a, b))
    if code_a == code_b:
        raise UsageError(f"{code_a} against itself: give two different countries")
    names = memo.get((state, "names"), lambda: country_names(db))

    def votes_and_shifts() -> tuple[list[dict[str, Any]], list[Any]]:
        rows = memo.table(store, state).dyad_rows(code_a, code_b, year_from, year_to)
        return rows, module.detect_shifts(rows)

    votes, shifts = memo.get((state, code_a, code_b, year_from, year_to), votes_and_shifts)
    date_from = f"{year_from}-01-01" if year_from else None
    date_to = f"{year_to}-12-31" if year_to else None
    monthly = store.dyad(code_a, code_b, date_from=date_from, date_to=date_to)
    events = list(store.events(dyad=(code_a, code_b), date_from=date_from, date_to=date_to, as_="records"))
    result = module.build_assessment(
        code_a, code_b, [dict(v) for v in votes], shifts, monthly.to_dict("records"), events,
        n_evidence=n_evidence, names=(names.get(code_a, code_a), names.get(code_b, code_b)))
    data: dict[str, Any] = result.to_dict()
    data["text"] = result.to_text()
    docs = _documents(store, {r.get("doc") for ev in data["evidence"] for r in ev.get("evidence") or []})
    data["evidence"] = [_trim(ev, docs) for ev in data["evidence"]]
    return data


def _documents(store: ReadOnlyStore, paths: set[Any]) -> dict[str, tuple[int, str]]:
    paths = {str(p) for p in paths if p}
    if not paths:
        return {}
    marks = ", ".join("?" for _ in paths)
    rows = store.db.query(f"SELECT path, id, title FROM documents WHERE path IN ({marks})", sorted(paths))
    return {str(path): (int(doc_id), doc_label(path, title)) for path, doc_id, title in rows}


_EVIDENCE_FIELDS = ("id", "date", "date_precision", "actor", "recipient", "event", "cameo", "quad", "goldstein",
                    "negated", "modality", "text", "start", "end", "confidence", "mentions", "sources")


def _trim(event: dict[str, Any], docs: dict[str, tuple[int, str]]) -> dict[str, Any]:
    out = {key: event.get(key) for key in _EVIDENCE_FIELDS}
    reports = []
    for report in (event.get("evidence") or [])[:MAX_REPORTS]:
        doc_id, label = docs.get(str(report.get("doc")), (None, doc_label(report.get("doc"))))
        reports.append({"doc": label, "doc_id": doc_id, "start": report.get("start"), "end": report.get("end")})
    first = docs.get(str(event.get("doc")))
    out["doc"] = first[1] if first else doc_label(event.get("doc"))
    out["doc_id"] = first[0] if first else None
    out["evidence"] = reports
    return out

"""Event flows of the triangle: per year, X-Y and X-Z events by quad class and Goldstein
sum, with the sources behind them, and whether the events agree with the votes.

The records are stored happenings (``Store.events``: one per happening, with every report
behind it); their reports' ``source`` tells news documents ("corpus") from GDELT imports."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from blocwatch.store.corpus import Store

#: Change of X-Y tone relative to X-Z tone (mean Goldstein per event) that counts as a move.
TONE_STEP = 1.0
#: Below this many documents the events section carries a caveat.
FEW_DOCUMENTS = 10


def gather(store: Store, x: str, other: str, root: str | None = None) -> list[dict[str, Any]]:
    """Every happening between ``x`` and ``other`` (either direction, any date), each with
    ``documents`` (doc, title, start, end, doc_id, source) and ``by_source``. Document paths
    under ``root`` (the sample corpus' folder) are given relative to it."""
    records = list(store.events(dyad=(x, other), as_="records"))
    if not records:
        return records
    ids = [r["id"] for r in records]
    marks = ", ".join("?" for _ in ids)
    rows = store.db.query(
        "SELECT l.happening_id, r.source, r.doc, r.doc_id, d.title, e.start_char, e.end_char FROM links l"
        " JOIN reports r ON r.id = l.report_id JOIN documents d ON d.id = r.doc_id"
        " LEFT JOIN evidence e ON e.report_id = r.id"
        f" WHERE l.happening_id IN ({marks}) ORDER BY l.happening_id, r.doc, e.start_char", ids)
    docs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for hid, source, doc, doc_id, title, start, end in rows:
        kind = "gdelt" if str(source) == "gdelt" else "corpus"
        doc = _relative(doc, root)
        entry = {"doc": doc, "title": title, "start": start, "end": end, "doc_id": doc_id, "source": kind}
        if entry not in docs[hid]:
            docs[hid].append(entry)
    for record in records:
        record["documents"] = docs.get(record["id"], [])
        kinds = {d["source"] for d in record["documents"]} or {"corpus"}
        record["by_source"] = {k: 1 for k in sorted(kinds)}
        record["doc"] = _relative(record.get("doc"), root)
        record.pop("evidence", None)
    return records


def _relative(doc: Any, root: str | None) -> Any:
    if root and isinstance(doc, str) and doc.startswith(root.rstrip("/") + "/"):
        return doc[len(root.rstrip("/")) + 1:]
    return doc


def documents_in(pairs: dict[str, list[dict[str, Any]]], year_from: int, year_to: int) -> int:
    """Distinct documents behind the counted, dated events of the window (what the flows rest on)."""
    return len({d["doc"] for records in pairs.values() for r in records
                if counted(r) and (event_year(r) or 0) in range(year_from, year_to + 1)
                for d in r.get("documents") or []})


def event_year(record: dict[str, Any]) -> int | None:
    date = str(record.get("date") or "")
    return int(date[:4]) if len(date) >= 4 and date[:4].isdigit() else None


def counted(record: dict[str, Any]) -> bool:
    """Asserted, not negated, with a quad class: what the flows count."""
    return (not record.get("negated") and (record.get("modality") or "asserted") == "asserted"
            and record.get("quad") is not None)


def yearly_flows(pairs: dict[str, list[dict[str, Any]]], year_from: int, year_to: int) -> list[dict[str, Any]]:
    """One row per year and pair with at least one counted, dated event in the window."""
    rows = []
    for pair, records in pairs.items():
        by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for r in records:
            year = event_year(r)
            if year is not None and year_from <= year <= year_to and counted(r):
                by_year[year].append(r)
        for year in sorted(by_year):
            group = by_year[year]
            sources: dict[str, int] = {"corpus": 0, "gdelt": 0}
            for r in group:
                for kind in r.get("by_source") or {"corpus": 1}:
                    sources[kind] = sources.get(kind, 0) + 1
            row: dict[str, Any] = {"year": year, "pair": pair}
            for q in (1, 2, 3, 4):
                row[f"quad{q}"] = sum(1 for r in group if int(r["quad"]) == q)
            row["goldstein"] = round(sum(float(r.get("goldstein") or 0.0) for r in group), 2)
            row["n_events"] = len(group)
            row["n_documents"] = len({d["doc"] for r in group for d in r.get("documents") or []})
            row["by_source"] = sources
            rows.append(row)
    return sorted(rows, key=lambda r: (r["year"], r["pair"]))


def period_sum(rows: list[dict[str, Any]], pair: str, first: int, last: int) -> tuple[float, int]:
    chosen = [r for r in rows if r["pair"] == pair and first <= r["year"] <= last]
    return sum(r["goldstein"] for r in chosen), sum(r["n_events"] for r in chosen)


def events_verdict(rows: list[dict[str, Any]], verdict: str, names: dict[str, str],
                   n_docs: int) -> dict[str, Any]:
    """Do the events point the way the votes do? The tone of X-Y events relative to X-Z events
    (mean Goldstein per event, -10..10) in the earlier and the later half of the years with
    events; a change of at least ``TONE_STEP`` is a move. ``n_docs``: distinct documents behind
    the rows."""
    x, y, z = names["x"], names["y"], names["z"]
    years = sorted({r["year"] for r in rows})
    if not rows:
        return {"agrees_with_votes": None, "text": f"No dated events between {x} and {y} or {z} in the period.",
                "caveat": "no events: the votes alone decide"}
    caveat = (f"rests on only {n_docs} document{'s' if n_docs != 1 else ''}" if n_docs < FEW_DOCUMENTS else None)
    if len(years) < 2:
        return {"agrees_with_votes": None,
                "text": f"Events in {years[0]} only: no change over time can be read from them.",
                "caveat": caveat or "events in a single year"}
    half = len(years) // 2
    early, late = years[:half], years[half:]
    tones = {}
    for label, span in (("early", early), ("late", late)):
        for pair in ("xy", "xz"):
            chosen = [r for r in rows if r["pair"] == pair and r["year"] in span]
            n = sum(r["n_events"] for r in chosen)
            tones[label, pair] = sum(r["goldstein"] for r in chosen) / n if n else None
    rel = {}
    for label in ("early", "late"):
        a, b = tones[label, "xy"], tones[label, "xz"]
        rel[label] = None if a is None else a - (b or 0.0)
    if rel["early"] is None or rel["late"] is None:
        return {"agrees_with_votes": None,
                "text": f"{x}-{y} events in only one of {_span(early)} and {_span(late)}: no change can be read.",
                "caveat": caveat}
    change = rel["late"] - rel["early"]
    direction = "toward" if change >= TONE_STEP else "away" if change <= -TONE_STEP else "no clear change"
    agrees = direction == verdict if verdict != "insufficient data" else None
    text = (f"Tone of {x}-{y} events relative to {x}-{z} events (mean Goldstein per event) "
            f"{rel['early']:+.1f} in {_span(early)}, {rel['late']:+.1f} in {_span(late)}: "
            f"{_move_words(direction, y)}")
    if agrees is not None:
        text += f", which {'agrees' if agrees else 'does not agree'} with the votes ({verdict})."
    return {"agrees_with_votes": agrees, "text": text, "caveat": caveat}


def _move_words(direction: str, y: str) -> str:
    return {"toward": f"a move toward {y}", "away": f"a move away from {y}"}.get(direction, "no clear change")


def _span(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"

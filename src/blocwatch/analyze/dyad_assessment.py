"""An evidence-backed assessment of one dyad: UN vote alignment, its shifts, and
the events behind it.

Every figure in the text is computed from rows the result also returns (the vote
agreement per session, the stored events), so a reader can check each number against
its source: segment means are recomputed here from the per-session rows, event counts
from the event records."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from blocwatch.errors import AnalysisError, UsageError

#: Sessions from which the vote data change source (see the UNGA data README).
SOURCE_BREAK_SESSION = 75
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
#: Fewest sessions with votes before change points are searched for.
MIN_SESSIONS_FOR_SHIFTS = 6


class UnknownCountryError(UsageError, AnalysisError):
    """A country name or code that matches nothing (bad usage: exit status 2, HTTP 404)."""


@dataclass(slots=True)
class Shift:
    """A change point in vote agreement: ``session`` is the first session of the new level;
    ``before``/``after`` are the mean agreement over sessions ``before_from``..``before_to``
    and ``session``..``after_to`` (the neighbouring segments, cut at other change points and
    at the source break)."""

    session: int
    year: int | None
    before: float
    after: float
    before_from: int = 0
    before_to: int = 0
    after_to: int = 0

    @property
    def direction(self) -> str:
        return "closer" if self.after > self.before else "further apart"


@dataclass(slots=True)
class DyadAssessment:
    a: str
    b: str
    headline: str
    vote_summary: str
    event_summary: str
    name_a: str = ""
    name_b: str = ""
    shifts: list[Shift] = field(default_factory=list)
    votes: list[dict[str, Any]] = field(default_factory=list)
    events_per_month: list[dict[str, Any]] = field(default_factory=list)
    event_totals: dict[str, int] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    source_break_session: int = SOURCE_BREAK_SESSION

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["shifts"] = [dict(asdict(s), direction=s.direction) for s in self.shifts]
        return data

    def to_text(self) -> str:
        lines = [self.headline, "", self.vote_summary, "", self.event_summary]
        if self.evidence:
            lines += ["", "Evidence (strongest first):"]
            for ev in self.evidence:
                lines.append(
                    f"- {ev.get('date') or 'undated'} {ev.get('actor')}->{ev.get('recipient')} "
                    f"{ev.get('event')} (quad {ev.get('quad')}{_qualifier(ev)}): "
                    f"\"{_clip(ev.get('text') or '', 200)}\" [{_sources(ev)}]"
                )
        return "\n".join(lines)


def _qualifier(ev: dict[str, Any]) -> str:
    parts = []
    if ev.get("negated"):
        parts.append("negated")
    if ev.get("modality") and ev.get("modality") != "asserted":
        parts.append(str(ev["modality"]))
    return "".join(f", {p}" for p in parts)


def _sources(ev: dict[str, Any]) -> str:
    docs = sorted({str(r.get("doc")) for r in ev.get("evidence") or [] if r.get("doc")}) or [str(ev.get("doc"))]
    return "; ".join(docs)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _num(value: Any) -> float | None:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def _int(value: Any) -> int | None:
    number = _num(value)
    return None if number is None else int(number)


def _sessions(first: int, last: int) -> str:
    return f"session {first}" if first == last else f"sessions {first}-{last}"


def evidence_strength(event: dict[str, Any]) -> float:
    """Rank evidence: strong Goldstein values reported by many sources first."""
    goldstein = abs(_num(event.get("goldstein")) or 0.0)
    mentions = max(int(event.get("mentions") or 1), 1)
    confidence = _num(event.get("confidence"))
    return goldstein * (1 + math.log(mentions)) * (0.5 if confidence is None else confidence)


def _evidence_key(event: dict[str, Any]) -> tuple[bool, float, str]:
    # Asserted, not negated happenings first: they are what the counts rest on.
    firm = not event.get("negated") and (event.get("modality") or "asserted") == "asserted"
    return (firm, evidence_strength(event), str(event.get("date") or ""))


# --- vote shifts ------------------------------------------------------------------------------


def segment_shifts(votes: Sequence[dict[str, Any]], sessions: Iterable[int],
                   breaks: Sequence[int] = (SOURCE_BREAK_SESSION,)) -> list[Shift]:
    """Shifts at ``sessions`` with segment means recomputed from the per-session ``votes``
    rows; segments are also cut at ``breaks`` (never reported as shifts). Sessions with
    fewer common votes than the change-point search uses are left out of the means."""
    usable = sorted((r for r in votes if _usable_session(r)), key=lambda r: int(r["session"]))
    if not usable:
        return []
    points = sorted({int(s) for s in sessions} - set(breaks))
    cuts = sorted(set(points) | {b for b in breaks if usable[0]["session"] < b <= usable[-1]["session"]})

    def segment(lo: int | None, hi: int | None) -> list[dict[str, Any]]:
        return [r for r in usable if (lo is None or r["session"] >= lo) and (hi is None or r["session"] < hi)]

    out = []
    for point in points:
        k = cuts.index(point)
        before = segment(cuts[k - 1] if k else None, point)
        after = segment(point, cuts[k + 1] if k + 1 < len(cuts) else None)
        if not before or not after:
            continue
        out.append(Shift(
            session=point, year=_int(after[0].get("year")),
            before=sum(float(r["agree"]) for r in before) / len(before),
            after=sum(float(r["agree"]) for r in after) / len(after),
            before_from=int(before[0]["session"]), before_to=int(before[-1]["session"]),
            after_to=int(after[-1]["session"]),
        ))
    return out


def _usable_session(row: dict[str, Any]) -> bool:
    """A session whose agreement can enter a shift: it has a value and, where the count is
    known, enough common votes (a handful of votes is chance-driven)."""
    from blocwatch.analyze.changepoints import MIN_COUNT

    n = row.get("n_votes")
    return _num(row.get("agree")) is not None and (n is None or int(n) >= MIN_COUNT)


def detect_shifts(votes: Sequence[dict[str, Any]]) -> list[Shift]:
    """Change points of vote agreement (PELT, see analyze.changepoints), the source break excluded."""
    from blocwatch.analyze.changepoints import detect

    usable = [r for r in votes if _usable_session(r)]
    if len(usable) < MIN_SESSIONS_FOR_SHIFTS:
        return []
    points = detect([float(r["agree"]) for r in usable], [int(r["session"]) for r in usable],
                    breaks=(SOURCE_BREAK_SESSION,))
    return segment_shifts(usable, [p.session for p in points if p.kind != "source-break"])


# --- composing the text -----------------------------------------------------------------------


def _headline(head: str, votes: list[dict[str, Any]], shifts: list[Shift]) -> str:
    if not votes:
        return f"{head}: no UN General Assembly votes shared by both in the database"
    latest = votes[-1]
    agree = _num(latest.get("agree"))
    year = f" ({latest['year']})" if latest.get("year") else ""
    tail = f"vote agreement {agree:.2f} in session {latest['session']}{year}" if agree is not None else ""
    if shifts:
        last = shifts[-1]
        when = f"session {last.session}" + (f" ({last.year})" if last.year else "")
        return f"{head}: {last.direction} since {when}; {tail}"
    span = _sessions(int(votes[0]["session"]), int(latest["session"]))
    return f"{head}: no significant change in UN vote agreement ({span}); {tail}"


def _vote_summary(votes: list[dict[str, Any]], shifts: list[Shift]) -> str:
    if not votes:
        return ("UN votes: none shared by both countries in the selected period "
                "(import the vote data with `blocwatch votes import DIR`).")
    first, latest = votes[0], votes[-1]
    lines = [f"UN votes: {len(votes)} sessions with votes by both, "
             f"{_sessions(int(first['session']), int(latest['session']))} "
             f"({first.get('year')}-{latest.get('year')}); agreement = Voeten's half-credit index."]
    agree, kappa = _num(latest.get("agree")), _num(latest.get("kappa"))
    if agree is not None:
        extra = f", kappa {kappa:.2f}" if kappa is not None else ""
        lines.append(f"Latest: session {latest['session']} ({latest.get('year')}), agreement {agree:.2f} "
                     f"on {latest['n_votes']} common votes{extra}.")
    if shifts:
        lines.append("Change points (mean agreement of the segments on either side):")
        for s in shifts:
            year = f" ({s.year})" if s.year else ""
            lines.append(f"- session {s.session}{year}: {s.direction}, {s.before:.2f} in "
                         f"{_sessions(s.before_from, s.before_to)} -> {s.after:.2f} in "
                         f"{_sessions(s.session, s.after_to)}")
    else:
        lines.append("No significant change point in vote agreement.")
    sessions = [int(r["session"]) for r in votes]
    if sessions[0] < SOURCE_BREAK_SESSION <= sessions[-1]:
        lines.append(f"Session {SOURCE_BREAK_SESSION}: the vote data change source (adopted resolutions "
                     "only from then on); marked as a source break, not counted as a shift.")
    return "\n".join(lines)


def _event_summary(a: str, b: str, events: list[dict[str, Any]], months: list[dict[str, Any]],
                   totals: dict[str, int]) -> str:
    if not events:
        return f"Events: none stored between {a} and {b} (add news with `blocwatch ingest`)."
    by_quad = ", ".join(f"{totals[f'quad{q}']} {QUAD_NAMES[q]}" for q in (1, 2, 3, 4))
    directions = ", ".join(f"{d} {n}" for d, n in sorted(_directions(events).items()))
    lines = [f"Events: {totals['total']} stored between {a} and {b} ({directions}); by quad class: {by_quad}."]
    if months:
        charted = sum(int(r.get("events") or 0) for r in months)
        net = sum(_num(r.get("goldstein")) or 0.0 for r in months)
        lines.append(f"{charted} of them are asserted, not negated and dated at least to the month "
                     f"({months[0]['month']} to {months[-1]['month']}); sum of their Goldstein values "
                     f"{net:+.1f}.")
    else:
        lines.append("None of them is asserted, not negated and dated to the month, so none is charted.")
    negated = sum(1 for e in events if e.get("negated"))
    unasserted = sum(1 for e in events if (e.get("modality") or "asserted") != "asserted")
    if negated or unasserted:
        lines.append(f"{negated} negated, {unasserted} future or hypothetical.")
    return "\n".join(lines)


def _directions(events: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in events:
        key = f"{e.get('actor')}->{e.get('recipient')}"
        out[key] = out.get(key, 0) + 1
    return out


def monthly_totals(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sum the store's per-month-and-direction rows over direction: one row per month."""
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        month = str(row.get("month") or "")[:7]
        if not month:
            continue
        acc = out.setdefault(month, {"month": month, "events": 0, "quad1": 0, "quad2": 0, "quad3": 0,
                                     "quad4": 0, "goldstein": 0.0})
        for q in (1, 2, 3, 4):
            acc[f"quad{q}"] += int(row.get(f"quad{q}") or 0)
        acc["events"] += int(_num(row.get("events")) or sum(int(row.get(f"quad{q}") or 0) for q in (1, 2, 3, 4)))
        acc["goldstein"] += _num(row.get("goldstein")) or 0.0
    return [out[m] for m in sorted(out)]


def build_assessment(
    a: str,
    b: str,
    votes: list[dict[str, Any]],
    shifts: list[Shift],
    events_per_month: list[dict[str, Any]],
    events: list[dict[str, Any]],
    *,
    n_evidence: int = 5,
    names: tuple[str, str] | None = None,
) -> DyadAssessment:
    """Compose the assessment from already computed series (no database access).

    ``votes``: one row per session (session, year, n_votes, agree, ...); ``shifts``: change
    points (their means are recomputed from ``votes``); ``events_per_month``: rows with month,
    quad1..quad4, goldstein (several rows of one month, e.g. one per direction, are summed);
    ``events``: event records of the dyad in either direction."""
    votes = sorted(votes, key=lambda r: int(r["session"]))
    real = [s for s in shifts if s.session != SOURCE_BREAK_SESSION]
    shifts = segment_shifts(votes, [s.session for s in real]) if votes else []
    months = monthly_totals(events_per_month)
    totals = {f"quad{q}": sum(1 for e in events if _int(e.get("quad")) == q) for q in (1, 2, 3, 4)}
    totals["total"] = len(events)
    totals["charted"] = sum(int(r["events"]) for r in months)
    name_a, name_b = names or (a, b)
    label = (f"{name_a}-{name_b} ({a}-{b})" if (name_a, name_b) != (a, b) else f"{a}-{b}")
    ranked = sorted(events, key=_evidence_key, reverse=True)[:max(n_evidence, 0)]
    return DyadAssessment(
        a=a, b=b, name_a=name_a, name_b=name_b,
        headline=_headline(label, votes, shifts),
        vote_summary=_vote_summary(votes, shifts),
        event_summary=_event_summary(a, b, events, months, totals),
        shifts=shifts, votes=votes, events_per_month=months, event_totals=totals, evidence=ranked,
    )


# --- database access --------------------------------------------------------------------------


def resolve(db: Any, text: str) -> str:
    """ISO3 (or organisation code) for ``text``: a country with UN votes, a gazetteer name,
    or a code that occurs in the stored events. Raises UnknownCountryError."""
    from blocwatch.analyze.agreement import resolve_country

    query = text.strip()
    if not query:
        raise UnknownCountryError("empty country name")
    try:
        return resolve_country(db, query)
    except AnalysisError:
        pass
    try:
        from blocwatch.extract.gazetteer import country_by_name

        code = country_by_name(query)
    except ImportError:  # pragma: no cover - the gazetteer ships with the package
        code = None
    if code:
        return code.upper()
    if query.isalpha() and query.isupper() and 2 <= len(query) <= 6 and db.query(
            "SELECT 1 FROM happenings WHERE actor = ? OR recipient = ? LIMIT 1", [query, query]):
        return query
    raise UnknownCountryError(f"unknown country {text!r}: not an ISO3 code or country name known to blocwatch")


def _vote_rows(db: Any, a: str, b: str, year_from: int | None, year_to: int | None) -> list[dict[str, Any]]:
    from blocwatch.analyze.agreement import align

    try:
        frame = align(db, a, b, from_year=year_from, to_year=year_to)
    except AnalysisError:  # no shared votes (or none imported)
        return []
    rows = []
    for rec in frame.to_dict("records"):
        row: dict[str, Any] = {str(k): (None if _num(v) is None else v) for k, v in rec.items()}
        row["session"] = int(rec["session"])
        row["n_votes"] = int(rec["n_votes"])
        row["year"] = _int(rec.get("year"))
        for measure in ("agree", "s_score", "kappa", "identical"):
            row[measure] = _num(rec.get(measure))
        rows.append(row)
    return rows


def assess_dyad(
    db: str | None, a: str, b: str, *, year_from: int | None = None, year_to: int | None = None,
    n_evidence: int = 5,
) -> DyadAssessment:
    """Gather votes, shifts, monthly event counts and evidence for A-B from the database.

    Raises UnknownCountryError for a name that matches nothing and UsageError for A = B."""
    from blocwatch.analyze.votes import country_names
    from blocwatch.store import open_store

    with open_store(db) as store:
        code_a, code_b = resolve(store.db, a), resolve(store.db, b)
        if code_a == code_b:
            raise UsageError(f"{code_a} against itself: give two different countries")
        names = country_names(store.db)
        votes = _vote_rows(store.db, code_a, code_b, year_from, year_to)
        date_from = f"{year_from}-01-01" if year_from else None
        date_to = f"{year_to}-12-31" if year_to else None
        monthly = store.dyad(code_a, code_b, date_from=date_from, date_to=date_to)
        events = list(store.events(dyad=(code_a, code_b), date_from=date_from, date_to=date_to, as_="records"))
    return build_assessment(
        code_a, code_b, votes, detect_shifts(votes), monthly.to_dict("records"), events,
        n_evidence=n_evidence, names=(names.get(code_a, code_a), names.get(code_b, code_b)),
    )


def list_countries(db: str | None) -> list[dict[str, Any]]:
    """ISO3 code and name of every country with UN votes or stored events in the database."""
    from blocwatch.analyze.votes import country_names, ensure_vote_tables
    from blocwatch.store import open_store

    with open_store(db) as store:
        ensure_vote_tables(store.db)
        names = country_names(store.db)
        codes = {str(r[0]) for r in store.db.query("SELECT iso3 FROM vote_countries")}
        codes |= {str(r[0]) for r in store.db.query(
            "SELECT actor FROM happenings WHERE actor IS NOT NULL UNION SELECT recipient FROM happenings"
            " WHERE recipient IS NOT NULL")}
    return [{"iso3": code, "name": names.get(code, code)} for code in sorted(codes)]

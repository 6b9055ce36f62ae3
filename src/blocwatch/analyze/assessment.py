"""An evidence-backed assessment of one dyad: UN vote alignment, its shifts, and
the events behind it. Every figure in the text comes from a row the result also
returns, so a reader can check it against its source."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

#: Sessions from which the vote data change source (see the UNGA data README).
SOURCE_BREAK_SESSION = 75


@dataclass(slots=True)
class Shift:
    session: int
    year: int | None
    before: float
    after: float

    @property
    def direction(self) -> str:
        return "closer" if self.after > self.before else "further apart"


@dataclass(slots=True)
class Assessment:
    a: str
    b: str
    headline: str
    vote_summary: str
    event_summary: str
    shifts: list[Shift] = field(default_factory=list)
    votes: list[dict[str, Any]] = field(default_factory=list)
    events_per_month: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["shifts"] = [dict(asdict(s), direction=s.direction) for s in self.shifts]
        return data

    def to_text(self) -> str:
        lines = [self.headline, "", self.vote_summary, self.event_summary]
        if self.evidence:
            lines += ["", "Evidence (strongest first):"]
            for ev in self.evidence:
                neg = " [negated]" if ev.get("negated") else ""
                lines.append(
                    f"- {ev.get('date') or 'undated'} {ev.get('actor')}->{ev.get('recipient')} "
                    f"{ev.get('event')}{neg}: \"{_clip(ev.get('text') or '', 160)}\" ({ev.get('doc')})"
                )
        return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _num(value: Any) -> float | None:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def evidence_strength(event: dict[str, Any]) -> float:
    """Rank evidence: strong Goldstein values reported by many sources first."""
    goldstein = abs(_num(event.get("goldstein")) or 0.0)
    mentions = int(event.get("mentions") or 1)
    confidence = _num(event.get("confidence")) or 0.5
    return goldstein * (1 + math.log(mentions)) * confidence


def build_assessment(
    a: str,
    b: str,
    votes: list[dict[str, Any]],
    shifts: list[Shift],
    events_per_month: list[dict[str, Any]],
    events: list[dict[str, Any]],
    *,
    n_evidence: int = 5,
) -> Assessment:
    """Compose the assessment from already computed series (no database access)."""
    votes = sorted(votes, key=lambda r: r["session"])
    real_shifts = [s for s in shifts if s.session != SOURCE_BREAK_SESSION]
    if real_shifts:
        last = real_shifts[-1]
        when = f"{last.year}" if last.year else f"session {last.session}"
        headline = (
            f"{a}-{b}: {last.direction} since {when} (session {last.session}); "
            f"mean vote agreement {last.before:.2f} before, {last.after:.2f} after"
        )
    elif votes:
        headline = f"{a}-{b}: no significant shift in UN vote alignment found"
    else:
        headline = f"{a}-{b}: no UN vote data in the database"

    if votes:
        latest = votes[-1]
        recent = [r["agree"] for r in votes[-5:] if _num(r.get("agree")) is not None]
        vote_summary = (
            f"UNGA vote agreement {latest['agree']:.2f} in session {latest['session']} "
            f"({latest.get('year')}, {latest['n_votes']} votes); mean of the last {len(recent)} "
            f"sessions {sum(recent) / len(recent):.2f}. Sessions {votes[0]['session']}-{latest['session']} "
            f"counted; the vote source changes at session {SOURCE_BREAK_SESSION} "
            "(adopted resolutions only from then on)."
        )
    else:
        vote_summary = "No UNGA votes shared by both countries (import them with `blocwatch votes import`)."

    totals = {q: 0 for q in (1, 2, 3, 4)}
    goldstein_sum = 0.0
    for row in events_per_month:
        for q in totals:
            totals[q] += int(row.get(f"quad{q}") or 0)
        goldstein_sum += _num(row.get("goldstein")) or 0.0
    n_events = sum(totals.values())
    if n_events:
        months = [r["month"] for r in events_per_month if r.get("month")]
        span = f"{min(months)} to {max(months)}" if months else "undated"
        event_summary = (
            f"{n_events} events between them ({span}): {totals[1]} verbal and {totals[2]} material "
            f"cooperation, {totals[3]} verbal and {totals[4]} material conflict; "
            f"net Goldstein {goldstein_sum:+.1f}."
        )
    else:
        event_summary = "No stored events between them."

    ranked = sorted(events, key=evidence_strength, reverse=True)[:n_evidence]
    return Assessment(
        a=a, b=b, headline=headline, vote_summary=vote_summary, event_summary=event_summary,
        shifts=shifts, votes=votes, events_per_month=events_per_month, evidence=ranked,
    )


def _vote_rows(db: Any, a: str, b: str, year_from: int | None, year_to: int | None) -> tuple[str, str, list[dict[str, Any]]]:
    from blocwatch.analyze.agreement import align, resolve_country
    from blocwatch.errors import AnalysisError

    code_a, code_b = resolve_country(db, a), resolve_country(db, b)
    try:
        frame = align(db, code_a, code_b, from_year=year_from, to_year=year_to)
    except AnalysisError:
        return code_a, code_b, []
    rows = []
    for rec in frame.to_dict("records"):
        rows.append({k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in rec.items()})
        rows[-1]["session"] = int(rows[-1]["session"])
        rows[-1]["n_votes"] = int(rows[-1]["n_votes"])
        rows[-1]["year"] = int(rows[-1]["year"]) if rows[-1].get("year") is not None else None
    return code_a, code_b, rows


def _shifts(votes: list[dict[str, Any]]) -> list[Shift]:
    from blocwatch.analyze.changepoints import detect

    usable = [r for r in votes if r.get("agree") is not None]
    if len(usable) < 6:
        return []
    points = detect([r["agree"] for r in usable], [r["session"] for r in usable], breaks=(SOURCE_BREAK_SESSION,))
    year_of = {r["session"]: r.get("year") for r in usable}
    return [
        Shift(session=int(p.session), year=year_of.get(int(p.session)), before=float(p.before_mean),
              after=float(p.after_mean))
        for p in points
        if getattr(p, "kind", "shift") != "source-break"
    ]


def assess_dyad(
    db: str | None, a: str, b: str, *, year_from: int | None = None, year_to: int | None = None,
    n_evidence: int = 5,
) -> Assessment:
    """Gather votes, shifts, monthly event counts and evidence for A-B from the database."""
    from blocwatch.store import open_store

    with open_store(db) as store:
        code_a, code_b, votes = _vote_rows(store.db, a, b, year_from, year_to)
        date_from = f"{year_from}-01-01" if year_from else None
        date_to = f"{year_to}-12-31" if year_to else None
        monthly = store.dyad(code_a, code_b, date_from=date_from, date_to=date_to)
        events = store.events(dyad=(code_a, code_b), date_from=date_from, date_to=date_to, as_="records")
    months = [
        {"month": str(r["month"])[:7], **{f"quad{q}": int(r.get(f"quad{q}") or 0) for q in (1, 2, 3, 4)},
         "goldstein": float(r.get("goldstein") or 0.0)}
        for r in monthly.to_dict("records")
    ]
    return build_assessment(code_a, code_b, votes, _shifts(votes), months, list(events), n_evidence=n_evidence)


def list_countries(db: str | None) -> list[dict[str, Any]]:
    """ISO3 code and name of every country with votes in the database."""
    from blocwatch.analyze.votes import country_names
    from blocwatch.store import open_store

    with open_store(db) as store:
        names = country_names(store.db)
    return [{"iso3": code, "name": name} for code, name in sorted(names.items())]

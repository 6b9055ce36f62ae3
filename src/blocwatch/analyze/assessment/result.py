"""The assessment object: ``to_dict()`` (the JSON of ``blocwatch assess --format json``, the
shape agreed in the assess schema) and ``to_text()`` (the terminal report)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

QUAD_NAMES = {1: "verbal coop.", 2: "material coop.", 3: "verbal conflict", 4: "material conflict"}
_MEASURE_ORDER = (
    "relative_pull", "x_own_move", "agreement_xy", "agreement_xz", "relative_agreement_xy",
    "relative_agreement_xz", "standing_xy", "standing_xz", "assembly_agreement_y", "assembly_agreement_z", "idealpoint_distance_xy",
    "idealpoint_distance_xz", "idealpoint_x", "idealpoint_y", "idealpoint_z", "events_xy", "events_xz",
)


@dataclass
class Assessment:
    x: str
    y: str
    versus: str
    names: dict[str, str]
    year_from: int
    year_to: int
    verdict: str
    confidence: float
    change_year: int | None
    mover: str | None
    summary: str
    method: str
    notes: list[str]
    data_source: dict[str, str]
    measures: dict[str, dict[str, Any]]
    series: dict[str, list[dict[str, Any]]]
    key_votes: list[dict[str, Any]]
    events_verdict: dict[str, Any]
    evidence: list[dict[str, Any]]
    undated_evidence: list[dict[str, Any]]
    periods: dict[str, Any] = field(default_factory=dict)
    evidence_counts: dict[str, int] = field(default_factory=dict)
    split_votes: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A fresh copy each call: changing it never changes the assessment (which may be shared)."""
        return copy.deepcopy({
            "x": self.x, "y": self.y, "versus": self.versus, "names": dict(self.names),
            "from": self.year_from, "to": self.year_to,
            "verdict": self.verdict, "confidence": self.confidence, "change_year": self.change_year,
            "mover": self.mover, "summary": self.summary, "method": self.method, "notes": list(self.notes),
            "data_source": dict(self.data_source), "measures": self.measures, "series": self.series,
            "key_votes": self.key_votes, "events_verdict": self.events_verdict, "evidence": self.evidence,
            "undated_evidence": self.undated_evidence, "periods": self.periods,
            "evidence_counts": self.evidence_counts, "split_votes": self.split_votes,
        })

    # --- text --------------------------------------------------------------------------------

    def to_text(self) -> str:
        n = self.names
        from blocwatch.analyze.assessment.run import with_article

        lines = [f"{n['x']} ({self.x}) and {with_article(n['y'])} ({self.y}), against {with_article(n['versus'])} "
                 f"({self.versus}), "
                 f"{self.year_from}-{self.year_to}",
                 f"Verdict: {self.verdict} (confidence {self.confidence:.2f}); change year: "
                 f"{self.change_year or '-'}; mover: {_mover_text(self.mover, self.x, self.y)}",
                 "", _wrap(self.summary)]
        if self.measures:
            lines += ["", "Measures (start period -> end period, change [95% interval]):"]
            for key in _MEASURE_ORDER:
                m = self.measures.get(key)
                if m:
                    lines.append("  " + _measure_line(key, m))
        agreement = self.series.get("agreement") or []
        if agreement:
            points = {r["session"]: r for r in self.series.get("idealpoints") or []}
            lines += ["", f"Per session: agreement with {self.y} / {self.versus} (the Assembly's mean in "
                          f"brackets), ideal points {self.x} / {self.y} / {self.versus}:"]
            for r in agreement:
                p = points.get(r["session"], {})
                lines.append(f"  {r['year']} (s{r['session']}, {r['n_xy']} votes): {_f(r['xy'])} "
                             f"[{_f(r['assembly_y'])}] / {_f(r['xz'])} [{_f(r['assembly_z'])}]; "
                             f"{_f(p.get('x'))} / {_f(p.get('y'))} / {_f(p.get('z'))}")
        if self.key_votes:
            lines += ["", "Key votes (the three votes: " + f"{self.x} / {self.y} / {self.versus}):"]
            for kv in self.key_votes:
                lines.append(f"  {kv['date'] or '?'} {kv['unres'] or ''} {_clip(kv['title'] or '', 70)}: "
                             f"{kv['x_vote']} / {kv['y_vote']} / {kv['versus_vote']} ({kv['why']})")
        events = self.series.get("events") or []
        lines += ["", "Events per year (pair: verbal coop. / material coop. / verbal conflict / material "
                      "conflict, Goldstein sum, documents):"]
        if events:
            for r in events:
                other = self.y if r["pair"] == "xy" else self.versus
                docs = f"{r['n_documents']} document{'s' if r['n_documents'] != 1 else ''}"
                lines.append(f"  {r['year']} {self.x}-{other}: {r['quad1']}/{r['quad2']}/{r['quad3']}/"
                             f"{r['quad4']}, {r['goldstein']:+.1f}, {docs}; events by source: "
                             f"{_sources(r['by_source'])}")
        else:
            lines.append("  none in the period")
        ev = self.events_verdict
        lines.append("  " + ev.get("text", "") + (f" Caveat: {ev['caveat']}." if ev.get("caveat") else ""))
        counts = self.evidence_counts
        lines += ["", f"Evidence, most relevant first ({counts.get('shown', 0)} shown of "
                      f"{counts.get('dated_in_window', 0)} dated in the period; {counts.get('outside_window', 0)} "
                      f"outside it):"]
        lines += [_evidence_line(e) for e in self.evidence] or ["  none"]
        if self.undated_evidence or counts.get("undated"):
            lines += ["", f"Undated evidence ({counts.get('undated_shown', 0)} shown of "
                          f"{counts.get('undated', 0)} without a date):"]
            lines += [_evidence_line(e) for e in self.undated_evidence]
        lines += ["", "Method: " + _wrap(self.method, indent="  ").lstrip()]
        if self.notes:
            lines += ["", "Notes:"] + [_wrap("- " + note, indent="  ") for note in self.notes]
        lines += ["", f"Data: votes: {self.data_source.get('votes')}; events: {self.data_source.get('events')}"]
        return "\n".join(lines)


def _mover_text(mover: str | None, x: str, y: str) -> str:
    return {"x": x, "y": y, "both": f"both {x} and {y}"}.get(mover or "", "-")


def _f(value: Any) -> str:
    return "-" if value is None else f"{value:.2f}"


def _measure_line(key: str, m: dict[str, Any]) -> str:
    band = f" [{m['lo']:+.2f}, {m['hi']:+.2f}]" if m.get("lo") is not None and m.get("hi") is not None else ""
    change = f"{m['change']:+.2f}" if m.get("change") is not None else "-"
    counts = f" (n {m['n_start']} / {m['n_end']})" if m.get("n_start") is not None else ""
    start = _f(m.get("start")) if key != "x_own_move" else ""
    end = _f(m.get("end")) if key != "x_own_move" else ""
    values = f"{start} -> {end}, " if start or end else ""
    return f"{key:<24} {values}{change}{band}{counts}"


def _sources(by_source: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(by_source.items()) if v) or "no source"


def _evidence_line(e: dict[str, Any]) -> str:
    qualifier = "".join(f", {q}" for q in (("negated" if e.get("negated") else ""),
                                            (e.get("modality") if (e.get("modality") or "asserted") != "asserted"
                                             else "")) if q)
    docs = "; ".join(sorted({str(d.get("doc")) for d in e.get("documents") or [] if d.get("doc")})) or str(
        e.get("doc") or "")
    g = e.get("goldstein")
    goldstein = f", {g:+.1f}" if isinstance(g, int | float) else ""
    return (f"  - {e.get('date') or 'undated'} {e.get('actor')}->{e.get('recipient')} {e.get('event')} "
            f"(quad {e.get('quad')}{goldstein}{qualifier}; relevance {e.get('relevance', 0):.2f}): "
            f"\"{_clip(str(e.get('text') or ''), 180)}\" [{docs}]")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _wrap(text: str, width: int = 100, indent: str = "") -> str:
    import textwrap

    return textwrap.fill(text, width=width, subsequent_indent=indent) if text else ""

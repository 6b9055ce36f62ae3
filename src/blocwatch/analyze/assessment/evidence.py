"""Evidence that bears on the verdict: stored happenings ranked by relevance.

relevance = recency x weight x bearing x firmness, where

* recency: 0.5 at the window's first year rising to 1.0 at its last (later events say more
  about where X stands now);
* weight: |Goldstein| / 10 (at least 0.1), times 1 + ln(reports) (a happening many
  reports carry);
* bearing: 1.0 when the event points the way of the verdict (X-Y cooperation or X-Z
  conflict for "toward"; the reverse for "away"), 0.8 when it points against it (still
  shown: evidence against the trend matters), 0.9 when the verdict has no direction;
* firmness: 1.0 asserted and not negated, 0.6 otherwise (a plan, a denial).

One entry per happening (the store has merged reports of the same happening), and never
the same sentence twice: a happening whose evidence sentence was already shown is skipped.
Events without a date are ranked on their own and listed as ``undated``."""

from __future__ import annotations

import math
import re
from typing import Any

from blocwatch.analyze.assessment.eventflows import counted, event_year

BEARING = {"with": 1.0, "against": 0.8, "neutral": 0.9}


def _direction(record: dict[str, Any], pair: str) -> int:
    """+1 when the event pulls X toward Y (relative to Z), -1 away, 0 neither."""
    g = float(record.get("goldstein") or 0.0)
    if g == 0.0:
        return 0
    sign = 1 if g > 0 else -1
    return sign if pair == "xy" else -sign


def _bearing(record: dict[str, Any], pair: str, verdict: str) -> str:
    want = {"toward": 1, "away": -1}.get(verdict)
    d = _direction(record, pair)
    if want is None or d == 0:
        return "neutral"
    return "with" if d == want else "against"


def _sentence_key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _entry(record: dict[str, Any], pair: str, relevance: float, why: str) -> dict[str, Any]:
    out = {k: v for k, v in record.items() if k not in ("evidence", "by_source")}
    out["documents"] = [{k: d.get(k) for k in ("doc", "title", "start", "end", "doc_id")}
                        for d in record.get("documents") or []]
    out["source_kinds"] = sorted({d.get("source", "corpus") for d in record.get("documents") or []})
    out["pair"] = pair
    out["relevance"] = round(relevance, 4)
    out["why"] = why
    return out


def rank(pairs: dict[str, list[dict[str, Any]]], names: dict[str, str], verdict: str, year_from: int,
         year_to: int, limit: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, int]]:
    """(evidence, undated evidence, counts)."""
    dated: list[tuple[float, dict[str, Any], str, str]] = []
    undated: list[tuple[float, dict[str, Any], str, str]] = []
    outside = 0
    span = max(year_to - year_from, 1)
    for pair, records in pairs.items():
        other = names["y"] if pair == "xy" else names["z"]
        for record in records:
            year = event_year(record)
            if year is not None and not year_from <= year <= year_to:
                outside += 1
                continue
            g = abs(float(record.get("goldstein") or 0.0))
            reports = max(int(record.get("mentions") or 1), 1)
            weight = max(g / 10.0, 0.1) * (1.0 + math.log(reports))
            firm = counted(record)
            bearing = _bearing(record, pair, verdict)
            recency = 0.5 + 0.5 * (year - year_from) / span if year is not None else 0.5
            relevance = recency * weight * BEARING[bearing] * (1.0 if firm else 0.6)
            why = (f"{names['x']}-{other}, Goldstein {float(record.get('goldstein') or 0.0):+.1f}, "
                   f"{reports} report{'s' if reports != 1 else ''}"
                   + ("" if firm else ", not asserted or negated")
                   + {"with": f"; points the way of the verdict ({verdict})",
                      "against": f"; points against the verdict ({verdict})", "neutral": ""}[bearing])
            (dated if year is not None else undated).append((relevance, record, pair, why))
    counts = {"dated_in_window": len(dated), "undated": len(undated), "outside_window": outside}
    shown, seen = _pick(dated, limit, set())
    shown_undated, _ = _pick(undated, limit, seen)
    counts.update(shown=len(shown), undated_shown=len(shown_undated))
    return shown, shown_undated, counts


def _pick(candidates: list[tuple[float, dict[str, Any], str, str]], limit: int,
          seen: set[str]) -> tuple[list[dict[str, Any]], set[str]]:
    out: list[dict[str, Any]] = []
    ordered = sorted(candidates, key=lambda c: (-c[0], str(c[1].get("date") or ""), str(c[1].get("id"))))
    for relevance, record, pair, why in ordered:
        if len(out) >= limit:
            break
        key = _sentence_key(str(record.get("text") or ""))
        if key and key in seen:
            continue
        seen.add(key)
        out.append(_entry(record, pair, relevance, why))
    return out, seen

"""A realistic assessment dict (the assess interface's shape) computed from real data, for the
report and dashboard tests before `blocwatch.assess` exists on this branch.

Nothing here is typed in by hand: agreement per session and its bootstrap band come from the
real UN votes in ../shared/data/unga (read by the independent reader in votes_testdata), ideal
points from the published Bailey-Strezhnev-Voeten file there, key votes from the roll calls
where the three countries split, events and evidence from documents ingested into a real
DuckDB store. The verdict is derived from those figures by a plain rule, so it follows the data."""

from __future__ import annotations

import atexit
import csv
import gzip
import random
import shutil
import statistics
import tempfile
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from votes_testdata import UNGA, plain_roll_calls, plain_votes, real_duckdb

ROOT = Path(__file__).resolve().parents[1]
DOCS = (ROOT / "samples" / "ankara-moscow-2024.txt", ROOT.parent / "shared" / "corpus" / "khan-moscow-2022.txt",
        ROOT / "tests" / "gold" / "docs" / "commentary-islamabad-two-patrons.txt")
WORD = {1: "yes", 2: "abstain", 3: "no"}


@cache
def corpus_db() -> str:
    """The real votes plus three real documents ingested (PAK-RUS, PAK-USA, TUR-RUS events)."""
    from blocwatch.cli.main import main

    folder = Path(tempfile.mkdtemp(prefix="blocwatch-corpus-"))
    atexit.register(shutil.rmtree, folder, True)
    db = folder / "corpus.duckdb"
    shutil.copy(real_duckdb(), db)
    assert main(["ingest", *map(str, DOCS), "--db", str(db)]) == 0
    return str(db)


def _agree(pairs: list[tuple[int, int]]) -> float:
    return sum(1 - abs(a - b) / 2 for a, b in pairs) / len(pairs)


def _band(pairs: list[tuple[int, int]], rng: random.Random, draws: int = 200) -> tuple[float, float]:
    stats = sorted(_agree([pairs[rng.randrange(len(pairs))] for _ in pairs]) for _ in range(draws))
    return stats[int(0.025 * draws)], stats[int(0.975 * draws) - 1]


@cache
def _published_ideal_points() -> dict[tuple[str, int], tuple[float, float, float]]:
    out = {}
    with gzip.open(UNGA / "idealpoints.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["iso3c"] and row["IdealPointAll"]:
                out[(row["iso3c"], int(row["session"]))] = (
                    float(row["IdealPointAll"]), float(row["Q5%All"]), float(row["Q95%All"]))
    return out


def _measure(values: list[tuple[float, float, float]], description: str, unit: str = "") -> dict[str, Any]:
    """start/end: means of the first and last three points; the band of the change from theirs."""
    if len(values) < 2:
        return {"start": None, "end": None, "change": None, "se": None, "lo": None, "hi": None,
                "n_start": len(values), "n_end": 0, "unit": unit, "description": description}
    head, tail = values[:3], values[-3:]
    start, end = statistics.fmean(v[0] for v in head), statistics.fmean(v[0] for v in tail)
    half = (statistics.fmean(v[2] - v[1] for v in head) + statistics.fmean(v[2] - v[1] for v in tail)) / 2
    se = half / 1.96 / 3 ** 0.5
    change = end - start
    return {"start": start, "end": end, "change": change, "se": se, "lo": change - 1.96 * se,
            "hi": change + 1.96 * se, "n_start": len(head), "n_end": len(tail), "unit": unit,
            "description": description}


def realistic_assessment(x: str = "PAK", y: str = "RUS", z: str = "USA", year_from: int = 2016,
                         year_to: int = 2025, db: str | None = None) -> dict[str, Any]:
    from blocwatch.store import open_store

    calls, votes = plain_roll_calls(), plain_votes()
    rng = random.Random(11)
    by_session: dict[int, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: {"xy": [], "xz": []})
    for rcid, vx in votes[x].items():
        year = int(calls[rcid]["year"])
        if not year_from <= year <= year_to:
            continue
        session = int(calls[rcid]["session"])
        for pair, other in (("xy", y), ("xz", z)):
            vo = votes[other].get(rcid)
            if vo is not None:
                by_session[session][pair].append((vx, vo))
    agreement = []
    for session in sorted(by_session):
        row: dict[str, Any] = {"year": 1945 + session, "session": session}
        for pair in ("xy", "xz"):
            pairs = by_session[session][pair]
            row[pair] = _agree(pairs) if pairs else None
            row[f"{pair}_lo"], row[f"{pair}_hi"] = _band(pairs, rng) if pairs else (None, None)
            row[f"n_{pair}"] = len(pairs)
        row["assembly_y"] = row["assembly_z"] = None
        agreement.append(row)
    published = _published_ideal_points()
    ideal = []
    for session in sorted(by_session):
        row = {"year": 1945 + session, "session": session}
        for key, code in (("x", x), ("y", y), ("z", z)):
            point = published.get((code, session))
            row[key], row[f"{key}_lo"], row[f"{key}_hi"] = point if point else (None, None, None)
        ideal.append(row)

    splits = []
    for rcid, vx in votes[x].items():
        call = calls[rcid]
        if not year_from <= int(call["year"]) <= year_to:
            continue
        vy, vz = votes[y].get(rcid), votes[z].get(rcid)
        if vy is None or vz is None or vy == vz:
            continue
        splits.append((abs(vy - vz), call["date"], rcid, vx, vy, vz))
    key_votes = [{"rcid": rcid, "date": date, "session": int(calls[rcid]["session"]), "unres": calls[rcid]["unres"],
                  "title": calls[rcid]["short"] or calls[rcid]["descr"], "x_vote": WORD[vx], "y_vote": WORD[vy],
                  "versus_vote": WORD[vz], "why": f"{y} and {z} voted {WORD[vy]} and {WORD[vz]}"}
                 for _, date, rcid, vx, vy, vz in sorted(splits, reverse=True)[:8]]

    store_path = db or corpus_db()
    with open_store(store_path) as store:
        titles = {str(p): (int(i), t) for i, p, t in store.db.query("SELECT id, path, title FROM documents")}
        events_by_pair = {pair: list(store.events(dyad=(x, other), as_="records"))
                          for pair, other in (("xy", y), ("xz", z))}
    flows: dict[tuple[int, str], dict[str, Any]] = {}
    evidence, undated = [], []
    for pair, events in events_by_pair.items():
        for ev in events:
            docs = [{"doc": r["doc"], "title": titles.get(str(r["doc"]), (None, None))[1], "start": r["start"],
                     "end": r["end"], "doc_id": titles.get(str(r["doc"]), (None, None))[0]} for r in ev["evidence"]]
            entry = {**{k: v for k, v in ev.items() if k != "evidence"}, "documents": docs,
                     "relevance": abs(ev.get("goldstein") or 0) / 10, "why": f"{pair} event"}
            (evidence if ev.get("date") else undated).append(entry)
            if not ev.get("date") or ev.get("negated") or ev.get("modality") != "asserted":
                continue
            year = int(str(ev["date"])[:4])
            if not year_from <= year <= year_to:
                continue
            flow = flows.setdefault((year, pair), {"year": year, "pair": pair, "quad1": 0, "quad2": 0, "quad3": 0,
                                                   "quad4": 0, "goldstein": 0.0, "n_events": 0, "docs": set()})
            flow[f"quad{ev['quad']}"] += 1
            flow["goldstein"] += ev.get("goldstein") or 0.0
            flow["n_events"] += 1
            flow["docs"] |= {d["doc"] for d in docs}
    series_events = [{**{k: v for k, v in f.items() if k != "docs"}, "n_documents": len(f["docs"]),
                      "by_source": {"corpus": f["n_events"], "gdelt": 0}} for _, f in sorted(flows.items())]
    evidence.sort(key=lambda e: e["relevance"], reverse=True)

    xy = [(r["xy"], r["xy_lo"], r["xy_hi"]) for r in agreement if r["xy"] is not None]
    xz = [(r["xz"], r["xz_lo"], r["xz_hi"]) for r in agreement if r["xz"] is not None]
    measures = {"agreement_xy": _measure(xy, f"vote agreement {x}-{y}"),
                "agreement_xz": _measure(xz, f"vote agreement {x}-{z}")}
    for key in ("x", "y", "z"):
        points = [(r[key], r[f"{key}_lo"], r[f"{key}_hi"]) for r in ideal if r[key] is not None]
        measures[f"idealpoint_{key}"] = _measure(points, f"ideal point of {key}")
    lead = measures["agreement_xy"]
    if lead["change"] is None:
        verdict, confidence = "insufficient data", 0.0
    elif lead["lo"] > 0 and measures["agreement_xz"]["change"] < lead["change"]:
        verdict, confidence = "toward", 0.9
    elif lead["hi"] < 0:
        verdict, confidence = "away", 0.9
    else:
        verdict, confidence = "no clear change", 0.6
    names = {"x": "Pakistan", "y": "Russia", "versus": "United States"} if (x, y, z) == ("PAK", "RUS", "USA") \
        else {"x": x, "y": y, "versus": z}
    return {
        "x": x, "y": y, "versus": z, "names": names, "from": year_from, "to": year_to,
        "verdict": verdict, "confidence": confidence, "change_year": None, "mover": None,
        "summary": (f"Vote agreement {x}-{y} went from {_two(lead['start'])} to {_two(lead['end'])}; "
                    f"{x}-{z} from {_two(measures['agreement_xz']['start'])} to "
                    f"{_two(measures['agreement_xz']['end'])}."),
        "method": "test fixture: bootstrap over roll calls (200 resamples) per session; published ideal points.",
        "notes": ["the vote data change source at session 75 (2020)"],
        "data_source": {"votes": "../shared/data/unga", "events": store_path},
        "measures": measures,
        "series": {"agreement": agreement, "idealpoints": ideal, "events": series_events},
        "key_votes": key_votes,
        "events_verdict": {"agrees_with_votes": None, "text": f"{sum(f['n_events'] for f in series_events)} dated "
                           "events in the period.", "caveat": "few documents" if len(titles) < 10 else None},
        "evidence": evidence[:10],
        "undated_evidence": undated,
    }


def _two(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"

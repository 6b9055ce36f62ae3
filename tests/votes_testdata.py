"""Shared helpers of the vote tests: the real UNGA data in ../shared and an independent reader.

The independent reader is deliberately plain Python (csv + gzip + loops), sharing no code
with blocwatch, so that agreement figures are checked against a second computation."""

from __future__ import annotations

import atexit
import csv
import gzip
import shutil
import tempfile
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pytest

from skips import NO_SHARED

ROOT = Path(__file__).resolve().parents[1]
UNGA = ROOT.parent / "shared" / "data" / "unga"
WORD = {"yes": 1, "abstain": 2, "no": 3}

needs_unga = pytest.mark.skipif(not (UNGA / "votes.csv.gz").exists(), reason=NO_SHARED)


@cache
def real_duckdb() -> str:
    """A DuckDB file with the real data imported once per test process."""
    from blocwatch.analyze.votes import import_votes
    from blocwatch.store.db import connect

    folder = Path(tempfile.mkdtemp(prefix="blocwatch-votes-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "unga.duckdb"
    with connect(str(path)) as db:
        summary = import_votes(db, UNGA)
    assert summary.ok, [f.errors for f in summary.files]
    return str(path)


@cache
def plain_roll_calls() -> dict[int, dict[str, str]]:
    with gzip.open(UNGA / "roll_calls.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        return {int(r["rcid"]): r for r in csv.DictReader(handle)}


@cache
def plain_votes() -> dict[str, dict[int, int]]:
    """iso3 -> {rcid: vote} straight from the gz file."""
    out: dict[str, dict[int, int]] = defaultdict(dict)
    with gzip.open(UNGA / "votes.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["country_iso3"]:
                out[row["country_iso3"]][int(row["rcid"])] = WORD[row["vote"]]
    return dict(out)


@cache
def plain_issues() -> dict[int, set[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    with gzip.open(UNGA / "issues.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out[int(row["rcid"])].add(row["short_name"])
    return dict(out)


def plain_measures(pairs: list[tuple[int, int]]) -> dict[str, float | None]:
    """n_votes, agree, s_score, kappa, identical by the textbook formulas, one pair at a time."""
    n = len(pairs)
    agree = sum(1 - abs(a - b) / 2 for a, b in pairs) / n
    identical = sum(1 for a, b in pairs if a == b) / n
    count_a = Counter(a for a, _ in pairs)
    count_b = Counter(b for _, b in pairs)
    chance = sum(count_a[k] / n * count_b[k] / n for k in (1, 2, 3))
    kappa = None if abs(chance - 1) < 1e-12 else (identical - chance) / (1 - chance)
    s_score = 1 - 2 * sum(abs(a - b) for a, b in pairs) / (2 * n)
    return {"n_votes": n, "agree": agree, "s_score": s_score, "kappa": kappa, "identical": identical}


def plain_dyad_by_session(a: str, b: str, keep=lambda rcid: True) -> dict[int, dict[str, float | None]]:
    calls, votes = plain_roll_calls(), plain_votes()
    grouped: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for rcid, va in votes[a].items():
        vb = votes[b].get(rcid)
        if vb is not None and keep(rcid):
            grouped[int(calls[rcid]["session"])].append((va, vb))
    return {s: plain_measures(p) for s, p in grouped.items()}

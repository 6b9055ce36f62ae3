"""The verdict on well-known realignments and on calm periods (tests/data/assess_cases.csv).

Each row was checked against the vote data before it went in; cases the votes do not show
(Libya after 1969, Egypt's turn under Sadat over 1970-1980) were left out. The table is
data, the test only runs it: built-in votes, no events."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from blocwatch.analyze.assessment.run import compose
from blocwatch.analyze.assessment.votedata import VoteData, builtin_votes

CASES = Path(__file__).resolve().parent / "data" / "assess_cases.csv"
VERDICTS = {"toward", "away", "no clear change"}


def cases() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def data() -> VoteData:
    return builtin_votes()


def verdict_of(x: str, y: str, z: str, start: int, end: int) -> tuple[str, float]:
    result = compose(data(), x, y, z, start, end, {"xy": [], "xz": []}, 0, {"votes": "", "events": ""}, [])
    return result.verdict, result.confidence


def test_assessment_cases_table_shape() -> None:
    rows = cases()
    assert len(rows) >= 20
    assert {r["expected"] for r in rows} == VERDICTS
    assert sum(r["expected"] == "no clear change" for r in rows) >= 6
    for r in rows:
        assert data().has(r["x"]) and data().has(r["y"]) and data().has(r["versus"]), r
        assert 1946 <= int(r["from"]) < int(r["to"]) <= 2025 and r["history"].strip()


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"{c['x']}-{c['y']}-{c['versus']}-{c['from']}")
def test_assessment_cases_verdict(case: dict[str, str]) -> None:
    verdict, confidence = verdict_of(case["x"], case["y"], case["versus"], int(case["from"]), int(case["to"]))
    assert verdict == case["expected"], (case["history"], verdict, confidence)
    assert 0.5 <= confidence <= 1.0


@pytest.mark.parametrize("case", [c for c in cases() if c["expected"] == "no clear change"],
                         ids=lambda c: f"{c['x']}-{c['y']}-{c['from']}")
def test_assessment_cases_stable_verdict_survives_window_shifts(case: dict[str, str]) -> None:
    """A stable relation does not flip when the window moves by a year or two."""
    start, end = int(case["from"]), int(case["to"])
    for d0, d1 in ((1, 0), (-1, 0), (2, 0), (0, -1), (-2, 0)):
        if end + d1 > 2025:
            continue
        verdict, _ = verdict_of(case["x"], case["y"], case["versus"], start + d0, end + d1)
        assert verdict == "no clear change", (case, d0, d1, verdict)


def test_assessment_cases_reversed_pole_mirrors_verdict() -> None:
    """X toward Y against Z is X away from Z against Y: the same evidence read from the other pole."""
    for x, y, z, start, end in (("POL", "USA", "RUS", 1985, 1994), ("IRN", "USA", "RUS", 1974, 1984)):
        one, _ = verdict_of(x, y, z, start, end)
        other, _ = verdict_of(x, z, y, start, end)
        assert {one, other} == {"toward", "away"}

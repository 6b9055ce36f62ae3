"""The verdict on well-known realignments and on calm periods (tests/data/assess_cases.csv).

Each row was checked against the vote data before it went in; cases the votes do not show
(Libya after 1969, Egypt's turn under Sadat over 1970-1980) were left out. ``turn_year`` is
the historical turning point, where history names one; the change year found must lie
within a year before it (session N opens in September of 1945 + N, so an event early in a
year falls in the session opened the year before) and three after it (votes follow
policy). Venezuela and Bolivia have none: the votes place both turns in 2003, between the
headline events (Chavez 1999, Morales 2006). The table is data, the test only runs it:
built-in votes, no events."""

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


def assessed(x: str, y: str, z: str, start: int, end: int):  # noqa: ANN201 - an Assessment
    return compose(data(), x, y, z, start, end, {"xy": [], "xz": []}, 0, {"votes": "", "events": ""}, [])


def verdict_of(x: str, y: str, z: str, start: int, end: int) -> tuple[str, float]:
    result = assessed(x, y, z, start, end)
    return result.verdict, result.confidence


def test_assessment_cases_table_shape() -> None:
    rows = cases()
    assert len(rows) >= 20
    assert {r["expected"] for r in rows} == VERDICTS
    assert sum(r["expected"] == "no clear change" for r in rows) >= 6
    for r in rows:
        assert data().has(r["x"]) and data().has(r["y"]) and data().has(r["versus"]), r
        assert 1946 <= int(r["from"]) < int(r["to"]) <= 2025 and r["history"].strip()
        assert not r["turn_year"] or (r["expected"] != "no clear change"
                                      and int(r["from"]) <= int(r["turn_year"]) <= int(r["to"]))


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"{c['x']}-{c['y']}-{c['versus']}-{c['from']}")
def test_assessment_cases_verdict(case: dict[str, str]) -> None:
    result = assessed(case["x"], case["y"], case["versus"], int(case["from"]), int(case["to"]))
    assert result.verdict == case["expected"], (case["history"], result.verdict, result.confidence)
    assert 0.5 <= result.confidence <= 1.0
    if case["expected"] == "no clear change":
        assert result.change_year is None
    else:
        assert result.change_year is not None and int(case["from"]) < result.change_year <= int(case["to"])
    if case["turn_year"]:
        turn = int(case["turn_year"])
        assert turn - 1 <= result.change_year <= turn + 3, (case["history"], result.change_year)


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

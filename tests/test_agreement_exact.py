"""align() and the all-dyad matrix against an independent pure-Python computation on the
real UNGA data in ../shared/data/unga."""

from __future__ import annotations

import math
from collections import defaultdict

import pytest

from blocwatch.analyze.agreement import agreement_matrix, align, top_partners
from blocwatch.errors import AnalysisError
from blocwatch.store.db import connect
from votes_testdata import (
    needs_unga,
    plain_dyad_by_session,
    plain_issues,
    plain_measures,
    plain_roll_calls,
    plain_votes,
    real_duckdb,
)

pytestmark = needs_unga
MEASURES = ("n_votes", "agree", "s_score", "kappa", "identical")


@pytest.fixture(scope="module")
def db():
    database = connect(real_duckdb())
    yield database
    database.close()


def _same(got: float | None, want: float | None) -> bool:
    if want is None:
        return got is None or (isinstance(got, float) and math.isnan(got))
    return got is not None and abs(float(got) - want) < 1e-12


def _check(frame, expected: dict[int, dict[str, float | None]]) -> None:
    rows = {int(r.session): r for r in frame.itertuples(index=False)}
    assert set(rows) == set(expected)
    for session, want in expected.items():
        for measure in MEASURES:
            assert _same(getattr(rows[session], measure), want[measure]), (session, measure)


@pytest.mark.parametrize(("a", "b"), [("PAK", "RUS"), ("IND", "USA"), ("PAK", "USA"), ("CHN", "IND")])
def test_agreement_align_matches_plain_loop_every_session(db, a: str, b: str) -> None:
    _check(align(db, a, b), plain_dyad_by_session(a, b))


def test_agreement_session_76_includes_es11_vote(db) -> None:
    votes = plain_votes()
    assert (votes["USA"][100177], votes["RUS"][100177], votes["PAK"][100177]) == (1, 3, 2)
    assert plain_roll_calls()[100177]["session"] == "76"
    row = align(db, "PAK", "RUS").set_index("session").loc[76]
    pairs = [(votes["PAK"][r], votes["RUS"][r]) for r in votes["PAK"]
             if r in votes["RUS"] and plain_roll_calls()[r]["session"] == "76"]
    assert (2, 3) in pairs  # ES-11/1: Pakistan abstained, Russia voted no
    assert row["n_votes"] == len(pairs)
    assert abs(row["agree"] - plain_measures(pairs)["agree"]) < 1e-12


def test_agreement_names_resolve_like_codes(db) -> None:
    by_name = align(db, "Pakistan", "United States", from_year=2015)
    by_code = align(db, "pak", "USA", from_year=2015)
    assert by_name.equals(by_code)
    assert by_name["year"].min() >= 2015 and by_name["session"].min() == 70


def test_agreement_issue_and_important_filters(db) -> None:
    issues, calls = plain_issues(), plain_roll_calls()
    _check(align(db, "PAK", "USA", issue="hr"),
           plain_dyad_by_session("PAK", "USA", lambda r: "hr" in issues.get(r, set())))
    _check(align(db, "IND", "RUS", important=True),
           plain_dyad_by_session("IND", "RUS", lambda r: calls[r]["importantvote"] == "1"))


def test_agreement_by_year_groups_calendar_years(db) -> None:
    calls, votes = plain_roll_calls(), plain_votes()
    grouped = defaultdict(list)
    for rcid, va in votes["PAK"].items():
        if rcid in votes["RUS"] and int(calls[rcid]["year"]) >= 2018:
            grouped[int(calls[rcid]["year"])].append((va, votes["RUS"][rcid]))
    frame = align(db, "PAK", "RUS", by="year", from_year=2018)
    assert list(frame["year"]) == sorted(grouped)
    for row in frame.itertuples(index=False):
        want = plain_measures(grouped[row.year])
        assert row.n_votes == want["n_votes"] and abs(row.agree - want["agree"]) < 1e-12
    assert frame.set_index("year").loc[2022, "session"] == "76/77"


def test_agreement_matrix_equals_plain_loop(db) -> None:
    matrix = agreement_matrix(db, 74, 80)
    assert set(matrix["session"]) == set(range(74, 81))
    assert (matrix["a"] < matrix["b"]).all()
    for a, b in (("PAK", "RUS"), ("IND", "USA"), ("CHN", "USA")):
        want = {s: m for s, m in plain_dyad_by_session(a, b).items() if 74 <= s <= 80}
        got = matrix[(matrix["a"] == a) & (matrix["b"] == b)].set_index("session")
        for session, measures in want.items():
            for measure in MEASURES:
                assert _same(got.loc[session, measure], measures[measure]), (a, b, session, measure)


def test_agreement_top_partners_order_and_change(db) -> None:
    top = top_partners(db, "PAK", 77, k=5, compare=70)
    closest, farthest = top[top["side"] == "closest"], top[top["side"] == "farthest"]
    assert len(closest) == 5 and len(farthest) == 5
    assert list(closest["agree"]) == sorted(closest["agree"], reverse=True)
    assert list(farthest["agree"]) == sorted(farthest["agree"])
    assert "USA" in set(farthest["iso3"])
    for row in top.itertuples(index=False):
        now = plain_dyad_by_session("PAK", row.iso3)
        assert abs(row.agree - now[77]["agree"]) < 1e-12 and row.n_votes == now[77]["n_votes"]
        if 70 in now and now[70]["n_votes"] >= 10:
            assert abs(row.change - (now[77]["agree"] - now[70]["agree"])) < 1e-12
    # Nobody left out is closer than the 5th closest.
    fifth = closest["agree"].iloc[-1]
    others = [s[77]["agree"] for iso in plain_votes() if iso not in set(closest["iso3"]) | {"PAK"}
              for s in [plain_dyad_by_session("PAK", iso)] if 77 in s and s[77]["n_votes"] >= 10]
    assert max(others) <= fifth


def test_agreement_unknown_country_and_no_common_votes(db) -> None:
    with pytest.raises(AnalysisError, match="unknown country 'Atlantis'"):
        align(db, "Atlantis", "USA")
    with pytest.raises(AnalysisError, match="never both voted"):
        align(db, "DDR", "SSD")  # East Germany left before South Sudan joined


def test_agreement_identical_matches_published_us_agreement(db) -> None:
    """The Bailey-Strezhnev-Voeten file's USAgree/IndiaAgree columns are the share of identical
    votes on non-unanimous roll calls; `identical` with contested=True reproduces them to 1e-6
    in most sessions. (Sessions 52-67, 71 and 72 differ in the published file for every
    country, so it evidently used another roll-call selection there; a formula error would
    show in every session.)"""
    import csv
    import gzip

    from votes_testdata import UNGA

    with gzip.open(UNGA / "idealpoints.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        published = {(r["iso3c"], int(r["session"])): r for r in csv.DictReader(handle)}
    for a, b, column in (("PAK", "USA", "USAgree"), ("RUS", "USA", "USAgree"), ("PAK", "IND", "IndiaAgree")):
        ours = align(db, a, b, contested=True).set_index("session")["identical"]
        diffs = [abs(ours[s] - float(published[(a, s)][column])) for s in ours.index
                 if s <= 74 and (a, s) in published and published[(a, s)][column]]
        assert len(diffs) > 50
        close = sum(d < 1e-6 for d in diffs) / len(diffs)
        assert close >= 0.7, (a, b, close)

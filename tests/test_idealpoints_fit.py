"""The dynamic ordinal ideal-point model on a slice of the real UNGA data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from blocwatch.analyze.idealpoints import (
    _truncated_moments,
    estimate_ideal_points,
    item_families,
    prepare_votes,
    votes_fingerprint,
)
from skips import NO_SHARED

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "unga"
pytestmark = pytest.mark.skipif(not DATA.exists(), reason=NO_SHARED)


@pytest.fixture(scope="module")
def unga() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    roll_calls = pd.read_csv(DATA / "roll_calls.csv.gz", low_memory=False)
    votes = pd.read_csv(DATA / "votes.csv.gz", usecols=["rcid", "country_iso3", "vote"])
    votes = votes.merge(roll_calls[["rcid", "session"]], on="rcid")
    published = pd.read_csv(DATA / "idealpoints.csv.gz")
    return votes, roll_calls, published


@pytest.fixture(scope="module")
def fit_60_66(unga: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> pd.DataFrame:
    votes, roll_calls, _ = unga
    part = votes[votes["session"].between(60, 66)]
    return estimate_ideal_points(part, roll_calls, max_iter=80)


def test_idealpoints_fit_correlates_with_published_estimates(fit_60_66: pd.DataFrame, unga) -> None:
    published = unga[2].rename(columns={"iso3c": "iso3"})
    both = fit_60_66.merge(published, on=["iso3", "session"])
    r = both.groupby("session")[["ideal_point", "IdealPointAll"]].apply(
        lambda g: np.corrcoef(g["ideal_point"], g["IdealPointAll"])[0, 1])
    assert len(r) == 7
    assert r.median() >= 0.95, r.to_dict()
    assert r.min() >= 0.9, r.to_dict()


def test_idealpoints_fit_sign_puts_united_states_high(fit_60_66: pd.DataFrame) -> None:
    for session, group in fit_60_66.groupby("session"):
        us = group.loc[group["iso3"] == "USA", "ideal_point"].iloc[0]
        assert us > group["ideal_point"].quantile(0.9), session
        # Israel votes with the US; Cuba and Iran against.
        assert group.set_index("iso3").loc["ISR", "ideal_point"] > group.set_index("iso3").loc["CUB", "ideal_point"]


def test_idealpoints_fit_has_intervals_and_counts(fit_60_66: pd.DataFrame, unga) -> None:
    f = fit_60_66
    assert list(f.columns) == ["iso3", "session", "ideal_point", "se", "lo", "hi", "n_votes"]
    assert (f["se"] > 0).all() and (f["lo"] < f["ideal_point"]).all() and (f["ideal_point"] < f["hi"]).all()
    assert not f.duplicated(["iso3", "session"]).any()
    votes = unga[0]
    spread = votes[votes["session"].between(60, 66)].groupby("rcid")["vote"].nunique()
    contested = votes[votes["rcid"].isin(spread.index[spread > 1])]
    expected = contested.groupby(["country_iso3", "session"]).size()
    got = f.set_index(["iso3", "session"])["n_votes"]
    assert (got == expected.reindex(got.index)).all()
    # A country with fewer votes is less certain.
    few, many = f.nsmallest(5, "n_votes")["se"].mean(), f.nlargest(5, "n_votes")["se"].mean()
    assert few > many


def test_idealpoints_fit_accepts_numeric_codes_and_is_deterministic(unga) -> None:
    votes = unga[0]
    part = votes[votes["session"].between(70, 71)]
    numeric = part.rename(columns={"country_iso3": "iso3"}).assign(
        vote=part["vote"].map({"yes": 1, "abstain": 2, "no": 3}))
    a = estimate_ideal_points(part, max_iter=30)
    b = estimate_ideal_points(numeric, max_iter=30)
    pd.testing.assert_frame_equal(a, b)
    assert votes_fingerprint(part) == votes_fingerprint(numeric)
    assert votes_fingerprint(part) != votes_fingerprint(part.iloc[1:])


def test_idealpoints_prepare_votes_drops_unknown_codes() -> None:
    frame = pd.DataFrame({"rcid": [1, 1, 1], "session": [5, 5, 5], "iso3": ["USA", "FRA", "PAK"],
                          "vote": ["yes", "absent", "no"]})
    assert prepare_votes(frame)["iso3"].tolist() == ["USA", "PAK"]


def test_idealpoints_item_families_once_per_session(unga) -> None:
    roll_calls = unga[1]
    families = item_families(roll_calls)
    assert len(families) > 1000
    fam = roll_calls[roll_calls["rcid"].isin(families)].assign(key=lambda d: d["rcid"].map(families))
    assert not fam.duplicated(["key", "session"]).any()
    assert (fam.groupby("key")["session"].nunique() >= 2).all()
    flagged = fam[(pd.to_numeric(fam["amend"], errors="coerce") == 1) | (pd.to_numeric(fam["para"], errors="coerce") == 1)]
    assert flagged.empty


@settings(max_examples=60, deadline=None)
@given(mu=st.floats(-8, 8), sd=st.floats(0.05, 5), vote=st.sampled_from([1, 2, 3]))
def test_idealpoints_truncated_moments_match_scipy(mu: float, sd: float, vote: int) -> None:
    lo, hi = {1: (-np.inf, 0.0), 2: (0.0, 1.0), 3: (1.0, np.inf)}[vote]
    mean, var = _truncated_moments(np.array([mu]), np.array([sd]), np.array([float(vote)]))
    ref = stats.truncnorm((lo - mu) / sd, (hi - mu) / sd, loc=mu, scale=sd)
    assert lo - 1e-9 <= mean[0] <= hi + 1e-9
    assert mean[0] == pytest.approx(ref.mean(), abs=1e-6 * max(1.0, sd))
    assert var[0] == pytest.approx(ref.var(), rel=1e-3, abs=1e-5 * sd * sd)


@pytest.mark.slow
def test_idealpoints_fit_all_sessions_meets_validity_target(unga) -> None:
    votes, roll_calls, published = unga
    info: list = []
    fit = estimate_ideal_points(votes, roll_calls, info=info)
    both = fit.merge(published.rename(columns={"iso3c": "iso3"}), on=["iso3", "session"])
    r = both.groupby("session")[["ideal_point", "IdealPointAll"]].apply(
        lambda g: np.corrcoef(g["ideal_point"], g["IdealPointAll"])[0, 1])
    assert r.loc[30:78].median() >= 0.95
    assert set(fit["session"]) == set(votes["session"])
    assert info[0].n_bridged > info[0].n_families > 100

"""The built-in copy of the UN votes: its shape, and that it holds exactly what
`blocwatch votes import` stores from ../shared/data/unga (agreement identical to `align`)."""

from __future__ import annotations

import gzip
import math
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from blocwatch.analyze.agreement import align
from blocwatch.analyze.assessment.votedata import BUILTIN_NAME, VoteData, builtin_votes, database_votes
from blocwatch.analyze.votes import load_votes
from blocwatch.store.db import connect
from votes_testdata import UNGA, needs_unga, plain_dyad_by_session, real_duckdb


def test_assessment_builtin_shape() -> None:
    data = builtin_votes()
    size = resources.files("blocwatch.analyze").joinpath(f"data/{BUILTIN_NAME}").stat().st_size \
        if hasattr(resources.files("blocwatch.analyze").joinpath(f"data/{BUILTIN_NAME}"), "stat") else None
    assert size is None or size < 5_000_000
    n_c, n_rc = data.votes.shape
    assert data.votes.dtype == np.int8 and set(np.unique(data.votes)) <= {0, 1, 2, 3}
    assert list(data.codes) == sorted(data.codes) and len(set(data.codes)) == n_c > 190
    assert all(len(c) == 3 and c.isupper() for c in data.codes)
    assert len(data.rcid) == n_rc > 6000 and np.all(np.diff(data.rcid) > 0)
    for column in (data.session, data.date, data.unres, data.title, data.label, data.source,
                   data.amend, data.para, data.important):
        assert len(column) == n_rc
    assert data.first_session == 1 and data.last_session >= 80
    assert all(d == "" or (len(d) == 10 and d[4] == "-") for d in data.date)
    assert set(np.unique(data.amend)) <= {-1, 0, 1}
    # Every roll call has at least one vote; every country votes at least once.
    assert (data.votes > 0).any(axis=0).all() and (data.votes > 0).any(axis=1).all()
    assert data.ideal.shape == data.ideal_se.shape == data.ip_n.shape == (n_c, len(data.ip_sessions))
    has = np.isfinite(data.ideal)
    assert has.sum() > 9000 and np.all(data.ideal_se[has] > 0) and np.all(data.ip_n[has] > 0)
    # The scale's orientation: the United States above Russia in every session both have.
    us, ru = data.index("USA"), data.index("RUS")
    both = has[us] & has[ru]
    assert both.sum() > 70 and np.all(data.ideal[us, both] > data.ideal[ru, both])
    assert "built-in copy of the UNGA votes" in data.meta["description"]


@needs_unga
def test_assessment_builtin_equals_import() -> None:
    """The matrix and roll calls are what `votes import` stores, vote for vote."""
    data = builtin_votes()
    with connect(real_duckdb()) as db:
        votes = load_votes(db)
        calls = db.query_df("SELECT rcid, session, unres FROM roll_calls ORDER BY rcid")
    assert list(calls["rcid"]) == list(data.rcid)
    assert list(calls["session"]) == list(data.session)
    assert list(calls["unres"].fillna("")) == list(data.unres)
    rows = np.searchsorted(data.codes, votes["iso3"].to_numpy(dtype=str))
    cols = np.searchsorted(data.rcid, votes["rcid"].to_numpy())
    assert np.array_equal(data.votes[rows, cols], votes["vote"].to_numpy(dtype=np.int8))
    assert int((data.votes > 0).sum()) == len(votes)


def _agreement(data: VoteData, a: str, b: str) -> dict[int, tuple[int, float]]:
    va, vb = data.votes[data.index(a)].astype(int), data.votes[data.index(b)].astype(int)
    both = (va > 0) & (vb > 0)
    out = {}
    for session in np.unique(data.session[both]):
        sel = both & (data.session == session)
        out[int(session)] = (int(sel.sum()), float(np.mean(1 - np.abs(va[sel] - vb[sel]) / 2)))
    return out


@needs_unga
@pytest.mark.parametrize("a,b", [("PAK", "RUS"), ("USA", "ISR"), ("IND", "CHN"), ("POL", "USA")])
def test_assessment_builtin_agreement_matches_align(a: str, b: str) -> None:
    mine = _agreement(builtin_votes(), a, b)
    with connect(real_duckdb()) as db:
        frame = align(db, a, b)
    theirs = {int(r.session): (int(r.n_votes), float(r.agree)) for r in frame.itertuples()}
    assert mine.keys() == theirs.keys()
    for session, (n, agree) in theirs.items():
        assert mine[session][0] == n and math.isclose(mine[session][1], agree, abs_tol=1e-12)
    plain = plain_dyad_by_session(a, b)  # and a third, independent reading of the CSV
    assert all(math.isclose(mine[s][1], plain[s]["agree"], abs_tol=1e-12) for s in plain)


@needs_unga
def test_assessment_builtin_ideal_points_track_published_estimates() -> None:
    """The precomputed ideal points correlate with Bailey-Strezhnev-Voeten's (sessions 30-78)."""
    data = builtin_votes()
    with gzip.open(UNGA / "idealpoints.csv.gz", "rt") as handle:
        published = pd.read_csv(handle, usecols=["iso3c", "session", "IdealPointAll"])
    rs = []
    for session in range(30, 79):
        col = session - int(data.ip_sessions[0])
        rows = published[(published["session"] == session) & published["iso3c"].isin(set(data.codes))]
        mine = data.ideal[np.searchsorted(data.codes, rows["iso3c"].to_numpy(dtype=str)), col]
        ok = np.isfinite(mine)
        rs.append(np.corrcoef(mine[ok], rows["IdealPointAll"].to_numpy()[ok])[0, 1])
    assert np.median(rs) > 0.95 and min(rs) > 0.85


@needs_unga
def test_assessment_database_votes_cached_in_data_folder(tmp_path, monkeypatch) -> None:
    """A database's votes are read once, then come from the data-folder cache (the same layout
    as the built-in copy), and a changed vote makes a new cache entry."""
    import shutil

    from blocwatch.analyze.assessment import votedata

    monkeypatch.setenv("BLOCWATCH_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(votedata, "_LOADED", {})   # votes an earlier test read in this process
    db_path = tmp_path / "v.duckdb"
    shutil.copy(real_duckdb(), db_path)
    builtin = builtin_votes()
    with connect(str(db_path)) as db:
        # the stored fit the built-in copy was made with, so no refit happens here
        from blocwatch.analyze.idealpoints import store_ideal_points, votes_fingerprint

        frame = _ideal_frame(builtin)
        store_ideal_points(db, frame, votes_fingerprint(load_votes(db)))
        first = database_votes(db)
        assert first is not None and np.array_equal(first.votes, builtin.votes)
        cached = list((tmp_path / "home" / "cache").glob("votes-*.npz"))
        assert len(cached) == 1
        again = database_votes(db)
        assert again is not None and np.array_equal(again.ideal, first.ideal, equal_nan=True)
        db.execute("UPDATE votes SET vote = 4 - vote WHERE rcid = (SELECT MIN(rcid) FROM votes) AND iso3 = 'USA'")
        from blocwatch.analyze.assessment.votedata import database_fingerprint

        assert database_fingerprint(db) not in {p.stem.split("-", 1)[1] for p in cached}


def _ideal_frame(data: VoteData) -> pd.DataFrame:
    rows = []
    for i, code in enumerate(data.codes):
        for j, session in enumerate(data.ip_sessions):
            if np.isfinite(data.ideal[i, j]):
                x, se = float(data.ideal[i, j]), float(data.ideal_se[i, j])
                rows.append((str(code), int(session), x, se, x - 1.96 * se, x + 1.96 * se, int(data.ip_n[i, j])))
    return pd.DataFrame(rows, columns=["iso3", "session", "ideal_point", "se", "lo", "hi", "n_votes"])


@needs_unga
def test_assessment_builtin_script_builds_the_same_votes(tmp_path) -> None:
    """scripts/build_builtin_votes.py's function, run on two sessions of the shared files, gives
    the built-in copy's votes for those roll calls (and a fit of its own for them)."""
    from blocwatch.analyze.assessment.votedata import build_builtin

    folder = tmp_path / "unga"
    folder.mkdir()
    calls = pd.read_csv(UNGA / "roll_calls.csv.gz", low_memory=False)
    calls = calls[calls["session"].isin([71, 72])]
    votes = pd.read_csv(UNGA / "votes.csv.gz", low_memory=False)
    votes = votes[votes["rcid"].isin(set(calls["rcid"]))]
    calls.to_csv(folder / "roll_calls.csv.gz", index=False)
    votes.to_csv(folder / "votes.csv.gz", index=False)
    out = tmp_path / "built.npz"
    built = build_builtin(folder, out)
    again = VoteData.load(out)
    assert np.array_equal(again.votes, built.votes) and list(again.codes) == list(built.codes)
    assert built.first_session == 71 and built.last_session == 72
    full = builtin_votes()
    cols = np.searchsorted(full.rcid, built.rcid)
    rows = np.searchsorted(full.codes, built.codes)
    assert np.array_equal(full.rcid[cols], built.rcid)
    assert np.array_equal(full.votes[np.ix_(rows, cols)], built.votes)
    assert np.isfinite(built.ideal).sum() > 300 and "sessions 71-72" in built.meta["description"]

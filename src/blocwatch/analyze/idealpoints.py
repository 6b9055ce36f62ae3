"""Dynamic ordinal ideal points from UN General Assembly roll calls.

Model (one dimension, all countries and sessions at once)::

    z_ij = alpha_k + beta_k * x_{c,s} + e,   e ~ N(0, sigma_k^2)
    yes if z < 0, abstain if 0 <= z < 1, no if z >= 1
    x_{c,s} = x_{c,s-1} + N(0, omega^2)          (random walk per country)

``k`` is the roll call's item: a roll call on its own, or a family of roll calls
on the same resolution repeated across sessions (same normalised title, once per
session), whose parameters are shared. Shared items and the random walk bridge
the sessions so that values compare over time, as Bailey, Strezhnev and Voeten do.
The two cutpoints of the ordered probit are 0 and 1 after dividing the latent
scale by the abstain-interval width (the Imai-Lo-Olmsted parametrisation), which
makes every step of the EM closed form:

* E step: truncated-normal moments of z given each vote;
* M step, items: a weighted least-squares line and a variance per item;
* M step, countries: per country a penalised least-squares problem whose matrix
  is tridiagonal over sessions (the random walk), solved for all countries in one
  batched call.

The scale is fixed at mean 0 / sd 1 over all country-sessions with votes and the
sign so that the United States is above the mean (higher = closer to the US).
Uncertainty is a Laplace approximation: the expected Fisher information of the
ordered probit plus the random-walk precision, inverted per country.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

from blocwatch.errors import AnalysisError
from blocwatch.store.db import Database

__all__ = [
    "FitInfo", "estimate_ideal_points", "filter_ideal_points", "ideal_points", "item_families", "prepare_votes",
    "store_ideal_points", "stored_ideal_points", "votes_fingerprint",
]

#: Random-walk sd per session, in units of the overall sd of ideal points.
DEFAULT_OMEGA = 0.25
#: Weak ridge on every ideal point so that the batched systems are never singular.
_RIDGE = 1e-3
_VOTE_CODES = {"yes": 1, "abstain": 2, "no": 3, "y": 1, "a": 2, "n": 3}
_SUFFIX = re.compile(r"\s*:\s*resolution\s*/\s*adopted by the general assembly.*$", re.I)


@dataclass(slots=True)
class FitInfo:
    iterations: int
    converged: bool
    n_votes: int
    n_items: int  # roll calls used (contested)
    n_families: int  # repeated-resolution families (each shares one set of item parameters)
    n_bridged: int  # roll calls that belong to a family
    last_change: float  # largest change of an ideal point in the last iteration


def prepare_votes(votes_df: pd.DataFrame) -> pd.DataFrame:
    """rcid, session, iso3, vote (1 yes / 2 abstain / 3 no) from either the database
    layout (iso3, vote 1/2/3) or the shared CSV layout (country_iso3, vote text)."""
    frame = votes_df.rename(columns={"country_iso3": "iso3"})
    missing = {"rcid", "session", "iso3", "vote"} - set(frame.columns)
    if missing:
        raise AnalysisError(f"votes: missing column(s) {', '.join(sorted(missing))}")
    vote = frame["vote"]
    if not pd.api.types.is_numeric_dtype(vote):
        vote = vote.astype(str).str.strip().str.lower().map(_VOTE_CODES)
    out = pd.DataFrame({
        "rcid": frame["rcid"].astype("int64"),
        "session": pd.to_numeric(frame["session"], errors="coerce"),
        "iso3": frame["iso3"],
        "vote": pd.to_numeric(vote, errors="coerce"),
    })
    out = out.dropna()
    out = out[out["vote"].isin([1, 2, 3]) & (out["iso3"].astype(str).str.len() > 0)]
    out["session"] = out["session"].astype("int64")
    out["vote"] = out["vote"].astype("int8")
    out["iso3"] = out["iso3"].astype(str)
    return out.drop_duplicates(["rcid", "iso3"]).reset_index(drop=True)


def votes_fingerprint(votes: pd.DataFrame) -> str:
    """A hash of the votes used, to tell whether stored estimates are up to date."""
    frame = prepare_votes(votes).sort_values(["rcid", "iso3"])
    digest = hashlib.sha256()
    digest.update(np.ascontiguousarray(frame["rcid"].to_numpy()).tobytes())
    digest.update("|".join(frame["iso3"]).encode())
    digest.update(np.ascontiguousarray(frame["vote"].to_numpy()).tobytes())
    return f"{len(frame)}:{digest.hexdigest()[:32]}"


def _title_key(text: object) -> str:
    if not isinstance(text, str):
        return ""
    text = _SUFFIX.sub("", text)
    # Voeten's `short` is cut at 60 characters; compare on a shorter prefix.
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()[:50]


def item_families(roll_calls: pd.DataFrame | None) -> dict[int, str]:
    """rcid -> family key for roll calls on a resolution repeated across sessions.

    A key is the normalised title (`short`); amendment and paragraph votes are
    never grouped, and a title that occurs more than once in a session is too
    generic (a topic label, not one resolution) and is left out for that session.
    Only keys present in at least two sessions form a family."""
    if roll_calls is None or roll_calls.empty or "short" not in roll_calls.columns:
        return {}
    rc = roll_calls.copy()
    rc["key"] = rc["short"].map(_title_key)
    for flag in ("amend", "para"):
        if flag in rc.columns:
            flagged = pd.to_numeric(rc[flag].astype("object"), errors="coerce").astype("float64")
            rc = rc[~(flagged.fillna(0.0) > 0)]
    rc = rc[rc["key"].str.len() >= 12]
    per_session = rc.groupby(["key", "session"])["rcid"].transform("size")
    rc = rc[per_session == 1]
    sessions = rc.groupby("key")["session"].transform("nunique")
    rc = rc[sessions >= 2]
    return dict(zip(rc["rcid"].astype(int), rc["key"], strict=True))


_SQRT_2_OVER_PI = np.sqrt(2.0 / np.pi)


def _mills(t: np.ndarray) -> np.ndarray:
    """phi(t) / (1 - Phi(t)), stable in both tails (via the scaled erfc)."""
    return _SQRT_2_OVER_PI / special.erfcx(t / np.sqrt(2.0))


def _truncated_moments(mu: np.ndarray, sd: np.ndarray, vote: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance of N(mu, sd^2) truncated to the interval of each vote
    (yes: below 0, abstain: 0 to 1, no: above 1)."""
    mean = np.empty_like(mu)
    var = np.empty_like(mu)
    # Votes sorted by code (as the estimator keeps them) allow cheap slices.
    is_sorted = bool(np.all(vote[1:] >= vote[:-1]))
    edges = np.searchsorted(vote, [1, 2, 3, 4]) if is_sorted else None
    for code in (1, 2, 3):
        sel: slice | np.ndarray = (slice(edges[code - 1], edges[code]) if edges is not None
                                   else vote == code)
        m, s = mu[sel], sd[sel]
        if code == 1:
            b = -m / s
            lam = _mills(-b)  # phi(b) / Phi(b)
            mean[sel] = m - s * lam
            var[sel] = s * s * np.clip(1.0 - b * lam - lam * lam, 1e-6, 1.0)
        elif code == 3:
            a = (1.0 - m) / s
            lam = _mills(a)
            mean[sel] = m + s * lam
            var[sel] = s * s * np.clip(1.0 + a * lam - lam * lam, 1e-6, 1.0)
        else:
            mean[sel], var[sel] = _interval_moments(m, s)
    return mean, var


def _interval_moments(mu: np.ndarray, sd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Moments of N(mu, sd^2) truncated to [0, 1]."""
    a = -mu / sd
    b = (1.0 - mu) / sd
    # Reflect so that the interval lies mostly below zero, where log_ndtr is accurate.
    flip = a > 0
    a2 = np.where(flip, -b, a)
    b2 = np.where(flip, -a, b)
    log_pa = special.log_ndtr(a2)
    log_pb = special.log_ndtr(b2)
    log_z = log_pb + np.log1p(-np.exp(np.minimum(log_pa - log_pb, -1e-12)))
    half_log_2pi = 0.5 * np.log(2 * np.pi)
    pdf_a = np.exp(-0.5 * a2 * a2 - half_log_2pi - log_z)
    pdf_b = np.exp(-0.5 * b2 * b2 - half_log_2pi - log_z)
    ratio = np.where(flip, pdf_b - pdf_a, pdf_a - pdf_b)
    mean = mu + sd * ratio
    var = sd * sd * np.clip(1.0 + (a2 * pdf_a - b2 * pdf_b) - (pdf_a - pdf_b) ** 2, 1e-6, 1.0)
    return mean, var


def _ordinal_information(mu: np.ndarray, sd: np.ndarray) -> np.ndarray:
    """Expected Fisher information of one vote about the latent mean (per unit slope^2)."""
    u = mu / sd
    t = 1.0 / sd
    p1 = special.ndtr(-u)
    p3 = special.ndtr(u - t)
    p2 = np.clip(1.0 - p1 - p3, 1e-12, None)
    f0 = np.exp(-0.5 * u * u) / np.sqrt(2 * np.pi)
    f1 = np.exp(-0.5 * (t - u) ** 2) / np.sqrt(2 * np.pi)
    info = f0**2 / np.clip(p1, 1e-12, None) + (f0 - f1) ** 2 / p2 + f1**2 / np.clip(p3, 1e-12, None)
    return info / (sd * sd)


def _random_walk_precision(n_sessions: int, omega: float) -> np.ndarray:
    lap = np.zeros((n_sessions, n_sessions))
    idx = np.arange(n_sessions - 1)
    lap[idx, idx] += 1
    lap[idx + 1, idx + 1] += 1
    lap[idx, idx + 1] -= 1
    lap[idx + 1, idx] -= 1
    return lap / omega**2 + _RIDGE * np.eye(n_sessions)


def _start_values(country: np.ndarray, session_idx: np.ndarray, rcid_idx: np.ndarray, vote: np.ndarray,
                  n_countries: int, n_sessions: int, n_rc: int, us: int | None) -> np.ndarray:
    """Agreement with the United States (or with the majority) per country-session, centred."""
    if us is not None:
        ref = np.full(n_rc, np.nan)
        is_us = country == us
        ref[rcid_idx[is_us]] = vote[is_us]
    else:
        ref = np.full(n_rc, np.nan)
    mean_vote = np.bincount(rcid_idx, vote, n_rc) / np.maximum(np.bincount(rcid_idx, None, n_rc), 1)
    ref = np.where(np.isnan(ref), np.round(mean_vote), ref)
    agree = 1.0 - np.abs(vote - ref[rcid_idx]) / 2.0
    cell = country * n_sessions + session_idx
    total = np.bincount(cell, agree, n_countries * n_sessions)
    count = np.bincount(cell, None, n_countries * n_sessions)
    x = np.where(count > 0, total / np.maximum(count, 1), np.nan).reshape(n_countries, n_sessions)
    x = (x - np.nanmean(x)) / (np.nanstd(x) or 1.0)
    # Sessions without votes start from the country's own mean.
    row_mean = np.nanmean(np.where(np.isnan(x), np.nan, x), axis=1, keepdims=True)
    return np.where(np.isnan(x), np.nan_to_num(row_mean), x)


def estimate_ideal_points(votes_df: pd.DataFrame, roll_calls_df: pd.DataFrame | None = None, *,
                          max_iter: int = 150, tol: float = 1e-3, omega: float = DEFAULT_OMEGA,
                          bridge: bool = True, info: list[FitInfo] | None = None,
                          progress: Callable[[int, int, float], None] | None = None) -> pd.DataFrame:
    """Ideal points per country and session: iso3, session, ideal_point, se, lo, hi, n_votes.

    ``votes_df``: rcid, session, iso3 (or country_iso3), vote (1/2/3 or yes/abstain/no).
    ``roll_calls_df`` (rcid, session, short, amend, para) enables the bridge through
    resolutions repeated across sessions. Unanimous roll calls carry no information
    and are dropped. ``lo``/``hi`` bound a 95% interval. ``info``, if given, receives
    a FitInfo with the number of iterations. ``progress(iteration, max_iter, change)`` is
    called after each EM iteration (the fit of all sessions takes about 30 s)."""
    votes = prepare_votes(votes_df)
    spread = votes.groupby("rcid")["vote"].agg(["min", "max"])
    contested = spread.index[spread["min"] != spread["max"]]
    votes = votes[votes["rcid"].isin(contested)].sort_values("vote", kind="stable")
    if votes.empty:
        raise AnalysisError("no contested roll calls to estimate ideal points from")

    countries, country = np.unique(votes["iso3"].to_numpy(), return_inverse=True)
    sessions = np.arange(int(votes["session"].min()), int(votes["session"].max()) + 1)
    session_idx = votes["session"].to_numpy() - sessions[0]
    rcids, rcid_idx = np.unique(votes["rcid"].to_numpy(), return_inverse=True)
    vote = votes["vote"].to_numpy().astype(float)
    n_c, n_s, n_rc = len(countries), len(sessions), len(rcids)

    families = item_families(roll_calls_df) if bridge else {}
    keys = np.array([families.get(int(r), f"#{int(r)}") for r in rcids], dtype=object)
    _, item_of_rc = np.unique(keys, return_inverse=True)
    n_items = int(item_of_rc.max()) + 1
    item = item_of_rc[rcid_idx]

    us = int(np.searchsorted(countries, "USA")) if "USA" in set(countries) else None
    x = _start_values(country, session_idx, rcid_idx, vote, n_c, n_s, n_rc, us)
    cell = country * n_s + session_idx
    n_cells = n_c * n_s
    prior = _random_walk_precision(n_s, omega)

    # First item fit from pseudo-latents placed in the middle of each interval.
    z_mean = np.select([vote == 1, vote == 2], [-0.5, 0.5], 1.5)
    z_var = np.full_like(z_mean, 0.25)
    alpha = beta = sigma = np.zeros(n_items)
    converged = False
    it = 0
    change = float("inf")
    for it in range(1, max_iter + 1):
        xo = x.ravel()[cell]
        if it > 1:
            mu = alpha[item] + beta[item] * xo
            z_mean, z_var = _truncated_moments(mu, sigma[item], vote)
        alpha, beta, sigma = _fit_items(item, xo, z_mean, z_var, n_items)
        # Countries: penalised least squares with the random walk, all at once.
        w = beta[item] ** 2 / sigma[item] ** 2
        target = beta[item] * (z_mean - alpha[item]) / sigma[item] ** 2
        d = np.bincount(cell, w, n_cells).reshape(n_c, n_s)
        h = np.bincount(cell, target, n_cells).reshape(n_c, n_s)
        system = prior[None, :, :] + d[:, :, None] * np.eye(n_s)[None, :, :]
        new_x = np.linalg.solve(system, h[:, :, None])[:, :, 0]
        # Fix location and scale over cells with votes; move the items with them.
        has_votes = np.bincount(cell, None, n_cells).reshape(n_c, n_s) > 0
        m, s = new_x[has_votes].mean(), new_x[has_votes].std() or 1.0
        new_x = (new_x - m) / s
        alpha = alpha + beta * m
        beta = beta * s
        change = float(np.max(np.abs(new_x - x)[has_votes]))
        x = new_x
        if progress is not None:
            progress(it, max_iter, change)
        if change < tol:
            converged = True
            break

    xo = x.ravel()[cell]
    mu = alpha[item] + beta[item] * xo
    fisher = beta[item] ** 2 * _ordinal_information(mu, sigma[item])
    d = np.bincount(cell, fisher, n_cells).reshape(n_c, n_s)
    cov = np.linalg.inv(prior[None, :, :] + d[:, :, None] * np.eye(n_s)[None, :, :])
    se = np.sqrt(np.diagonal(cov, axis1=1, axis2=2))
    counts = np.bincount(cell, None, n_cells).reshape(n_c, n_s)

    if us is not None and x[us][counts[us] > 0].mean() < 0:
        x = -x
    rows, cols = np.nonzero(counts)
    out = pd.DataFrame({
        "iso3": countries[rows],
        "session": sessions[cols].astype("int64"),
        "ideal_point": x[rows, cols],
        "se": se[rows, cols],
    })
    out["lo"] = out["ideal_point"] - 1.959964 * out["se"]
    out["hi"] = out["ideal_point"] + 1.959964 * out["se"]
    out["n_votes"] = counts[rows, cols].astype("int64")
    if info is not None:
        in_family = np.array([int(r) in families for r in rcids], dtype=bool)
        n_families = len({families[int(r)] for r in rcids[in_family]})
        info.append(FitInfo(it, converged, len(votes), n_rc, n_families, int(in_family.sum()), change))
    return out.sort_values(["iso3", "session"]).reset_index(drop=True)


def _fit_items(item: np.ndarray, xo: np.ndarray, z_mean: np.ndarray, z_var: np.ndarray,
               n_items: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Least-squares line of the expected latents on x per item, and its variance.

    A weak normal prior on (alpha, beta) and an inverse-gamma prior on sigma^2 keep
    near-unanimous items finite."""
    n = np.bincount(item, None, n_items)
    sx = np.bincount(item, xo, n_items)
    sxx = np.bincount(item, xo * xo, n_items)
    sz = np.bincount(item, z_mean, n_items)
    sxz = np.bincount(item, xo * z_mean, n_items)
    szz = np.bincount(item, z_mean * z_mean + z_var, n_items)
    ridge = 0.04  # prior precision: N(0, 25)
    a11, a12, a22 = n + ridge, sx, sxx + ridge
    det = a11 * a22 - a12 * a12
    alpha = (a22 * sz - a12 * sxz) / det
    beta = (a11 * sxz - a12 * sz) / det
    rss = szz - 2 * alpha * sz - 2 * beta * sxz + alpha**2 * n + 2 * alpha * beta * sx + beta**2 * sxx
    prior_df, prior_scale = 2.0, 0.5
    sigma = np.sqrt(np.clip((rss + prior_df * prior_scale) / (n + prior_df), 1e-4, None))
    return alpha, beta, sigma


_TABLE = """CREATE TABLE IF NOT EXISTS ideal_points (
    iso3 TEXT NOT NULL,
    session INTEGER NOT NULL,
    ideal_point DOUBLE PRECISION NOT NULL,
    se DOUBLE PRECISION,
    lo DOUBLE PRECISION,
    hi DOUBLE PRECISION,
    n_votes INTEGER NOT NULL,
    votes_hash TEXT NOT NULL,
    PRIMARY KEY (iso3, session)
)"""
_COLUMNS = ["iso3", "session", "ideal_point", "se", "lo", "hi", "n_votes"]


def store_ideal_points(db: Database, estimates: pd.DataFrame, fingerprint: str) -> None:
    """Replace the stored estimates with ``estimates`` (all or nothing)."""
    db.execute(_TABLE)
    rows = [
        (str(r.iso3), int(r.session), float(r.ideal_point), float(r.se), float(r.lo), float(r.hi),
         int(r.n_votes), fingerprint)
        for r in estimates.itertuples(index=False)
    ]
    with db.transaction():
        db.execute("DELETE FROM ideal_points")
        db.executemany(
            "INSERT INTO ideal_points (iso3, session, ideal_point, se, lo, hi, n_votes, votes_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def stored_ideal_points(db: Database, fingerprint: str | None = None) -> pd.DataFrame | None:
    """The stored estimates, or None when there are none (or they were fitted on other votes)."""
    db.execute(_TABLE)
    hashes = db.query("SELECT DISTINCT votes_hash FROM ideal_points")
    if not hashes or (fingerprint is not None and [h[0] for h in hashes] != [fingerprint]):
        return None
    frame = db.query_df(f"SELECT {', '.join(_COLUMNS)} FROM ideal_points ORDER BY iso3, session")
    frame["session"] = frame["session"].astype("int64")
    frame["n_votes"] = frame["n_votes"].astype("int64")
    return frame[_COLUMNS]


def _stored_roll_calls(db: Database) -> pd.DataFrame | None:
    try:
        return db.query_df("SELECT rcid, session, short, amend, para FROM roll_calls")
    except Exception:  # noqa: BLE001 - an older database without roll-call titles: no bridge items
        return None


def ideal_points(db: Database, *, refit: bool = False, countries: list[str] | None = None,
                 from_session: int | None = None, to_session: int | None = None,
                 progress: Callable[[int, int, float], None] | None = None) -> pd.DataFrame:
    """Stored estimates if they were fitted on the votes now in the database, else a
    fresh fit of all sessions (stored for next time; ``progress`` as in
    ``estimate_ideal_points``); then filtered."""
    from blocwatch.analyze.votes import load_votes

    votes = load_votes(db)
    if votes.empty:
        raise AnalysisError(f"{db.target}: no UN votes stored; run `blocwatch votes import DIR` first")
    fingerprint = votes_fingerprint(votes)
    frame = None if refit else stored_ideal_points(db, fingerprint)
    if frame is None:
        frame = estimate_ideal_points(votes, _stored_roll_calls(db), progress=progress)
        store_ideal_points(db, frame, fingerprint)
    return filter_ideal_points(frame, countries=countries, from_session=from_session, to_session=to_session)


def filter_ideal_points(frame: pd.DataFrame, *, countries: list[str] | None = None,
                        from_session: int | None = None, to_session: int | None = None) -> pd.DataFrame:
    """Rows of the given countries (ISO3; an unknown code is an error) and session range."""
    if countries:
        wanted = [c.strip().upper() for c in countries]
        unknown = sorted(set(wanted) - set(frame["iso3"]))
        if unknown:
            raise AnalysisError(f"no ideal points for {', '.join(unknown)} (not an ISO3 code with votes)")
        frame = frame[frame["iso3"].isin(wanted)]
    if from_session is not None:
        frame = frame[frame["session"] >= from_session]
    if to_session is not None:
        frame = frame[frame["session"] <= to_session]
    return frame.reset_index(drop=True)

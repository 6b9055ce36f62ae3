"""The vote measures of the X-Y-Z triangle over two periods, with their uncertainty.

The window's sessions are split into a start and an end period of several sessions each
(the first and last three, fewer in a short window), each period pooled, so a single
session with few votes never decides. For each period:

* agreement of X with Y and with Z (Voeten's half-credit index over common roll calls);
* the Assembly's mean agreement with Y (and Z): the mean, over every other member, of its
  agreement with Y; ``relative_agreement_xy`` is X-Y agreement minus that mean, so a change
  of the whole Assembly toward or away from Y (or Y voting differently from everyone) is
  taken out; the ``pull`` toward Y is ``relative_xy - relative_xz``;
* ideal points (analyze.idealpoints) of X, Y and Z, averaged over the period's sessions, and
  the distances |x-y|, |x-z|; X's *own* move toward Y relative to Z is split off with the
  who-moved decomposition (analyze.movement), so a move of Y alone is not X's.

Uncertainty: a bootstrap over roll calls, resampled within each session (``n_boot``
resamples, fixed seed), for the agreement measures; for ideal points, draws from the
model's own normal errors (the period's standard error is the root-mean-square of its
sessions' errors, not divided by the number of sessions, because neighbouring sessions
are tied together by the random walk and their errors are not independent)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from blocwatch.analyze.assessment.votedata import VoteData

#: The vote data change source at this session (Voeten's data before, UN DGACM from it).
SOURCE_BREAK_SESSION = 75
#: Sessions pooled at each end of the window.
PERIOD_SESSIONS = 3
#: Fewest common roll calls of X with Y (and with Z) in a period for a verdict.
MIN_PERIOD_VOTES = 20
#: Members with fewer common votes with Y are left out of the Assembly's mean.
MIN_MEMBER_VOTES = 10
N_BOOT = 500
SEED = 20261202


def session_year(session: int) -> int:
    """Calendar year in which regular session ``session`` opened (session 1: 1946)."""
    return 1945 + int(session)


def year_session(year: int) -> int:
    return int(year) - 1945


@dataclass
class Period:
    sessions: list[int]
    columns: np.ndarray  # roll-call columns of VoteData used


@dataclass
class PeriodFigures:
    """Point values and bootstrap draws of one period's measures."""

    n_xy: int
    n_xz: int
    agree_xy: float
    agree_xz: float
    assembly_y: float
    assembly_z: float
    rank_y: float  # X's standing among Y's partners, 0 (least agreement) to 1 (most)
    rank_z: float
    draws: dict[str, np.ndarray] = field(default_factory=dict)  # same names, one value per resample
    ideal: dict[str, tuple[float, float]] = field(default_factory=dict)  # code key -> (mean, se)

    @property
    def rel_xy(self) -> float:
        return self.agree_xy - self.assembly_y

    @property
    def rel_xz(self) -> float:
        return self.agree_xz - self.assembly_z


def like_with_like(data: VoteData, columns: np.ndarray, spans_break: bool) -> np.ndarray:
    """Across the source break, compare like with like: the UN DGACM extract (session 75 on)
    lists only votes on whole resolutions, so Voeten's amendment and separate-paragraph votes
    before it are left out."""
    if not spans_break:
        return columns
    before = data.session[columns] < SOURCE_BREAK_SESSION
    partial = (data.amend[columns] == 1) | (data.para[columns] == 1)
    return columns[~(before & partial)]


def window_columns(data: VoteData, first: int, last: int) -> np.ndarray:
    return np.flatnonzero((data.session >= first) & (data.session <= last))


def voting_sessions(data: VoteData, columns: np.ndarray, rows: list[int]) -> list[int]:
    """Sessions in which all of ``rows`` cast at least one vote on the given roll calls."""
    block = data.votes[np.ix_(np.asarray(rows, dtype=np.intp), columns)] > 0
    both = block.all(axis=0)
    return sorted({int(s) for s in data.session[columns][both]})


def split_periods(data: VoteData, columns: np.ndarray, sessions: list[int]) -> tuple[Period, Period] | None:
    """The first and last ``PERIOD_SESSIONS`` sessions (half the window when it is shorter);
    None with fewer than two sessions."""
    if len(sessions) < 2:
        return None
    k = min(PERIOD_SESSIONS, len(sessions) // 2)
    start, end = sessions[:k], sessions[-k:]
    in_start = np.isin(data.session[columns], start)
    in_end = np.isin(data.session[columns], end)
    return Period(start, columns[in_start]), Period(end, columns[in_end])


def _agreement_parts(votes: np.ndarray, target: int) -> tuple[np.ndarray, np.ndarray]:
    """Per member and roll call: half-credit agreement with ``target`` and whether both voted."""
    t = votes[target].astype(np.int16)
    v = votes.astype(np.int16)
    valid = (v > 0) & (t > 0)[None, :]
    agree = np.where(valid, 1.0 - np.abs(v - t[None, :]) / 2.0, 0.0)
    return agree, valid.astype(np.float64)


def _bootstrap_weights(sessions: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Resampling counts (n_boot x roll calls): each session's roll calls resampled with
    replacement within the session, so every resample keeps the sessions' sizes."""
    weights = np.zeros((n_boot, len(sessions)))
    for session in np.unique(sessions):
        idx = np.flatnonzero(sessions == session)
        weights[:, idx] = rng.multinomial(len(idx), np.full(len(idx), 1.0 / len(idx)), size=n_boot)
    return weights


def _means(weights: np.ndarray, agree: np.ndarray, valid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weighted mean agreement and weighted count per member (rows of ``weights`` x members)."""
    total = weights @ agree.T
    count = weights @ valid.T
    with np.errstate(invalid="ignore", divide="ignore"):
        return total / count, count


def _assembly(mean: np.ndarray, count: np.ndarray, exclude: list[int]) -> np.ndarray:
    """Mean over members (columns) with enough common votes, the excluded ones left out."""
    keep = count >= MIN_MEMBER_VOTES
    keep[..., exclude] = False
    with np.errstate(invalid="ignore"):
        return np.nansum(np.where(keep, mean, 0.0), axis=-1) / np.maximum(keep.sum(axis=-1), 1)


def _rank(mean: np.ndarray, count: np.ndarray, x: int, exclude: list[int]) -> np.ndarray:
    """X's standing among the target's partners: the share of the other members (enough common
    votes) whose agreement with the target is below X's, ties counting half. Unlike a mean, a
    standing does not move when the target alone moves outward on the main dimension (every
    member's agreement with it falls, their order stays), nor when the whole Assembly shifts."""
    keep = count >= MIN_MEMBER_VOTES
    keep[..., exclude] = False
    mine = mean[..., x:x + 1]
    with np.errstate(invalid="ignore"):
        below = np.where(keep, (mean < mine) + 0.5 * (mean == mine), 0.0).sum(axis=-1)
    return below / np.maximum(keep.sum(axis=-1), 1)


def period_figures(data: VoteData, period: Period, x: int, y: int, z: int, *, n_boot: int = N_BOOT,
                   rng: np.random.Generator | None = None) -> PeriodFigures:
    rng = rng or np.random.default_rng(SEED)
    votes = data.votes[:, period.columns]
    sessions = data.session[period.columns]
    ones = np.ones((1, votes.shape[1]))
    boot = _bootstrap_weights(sessions, n_boot, rng)
    point: dict[str, float] = {}
    draws: dict[str, np.ndarray] = {}
    counts: dict[str, int] = {}
    for key, target in (("y", y), ("z", z)):
        agree, valid = _agreement_parts(votes, target)
        mean, count = _means(ones, agree, valid)
        point[f"agree_x{key}"] = float(mean[0, x])
        point[f"assembly_{key}"] = float(_assembly(mean, count, [x, target])[0])
        point[f"rank_{key}"] = float(_rank(mean, count, x, [x, target])[0])
        counts[key] = int(count[0, x])
        bmean, bcount = _means(boot, agree, valid)
        draws[f"rank_{key}"] = _rank(bmean, bcount, x, [x, target])
        draws[f"agree_x{key}"] = bmean[:, x]
        draws[f"assembly_{key}"] = _assembly(bmean, bcount, [x, target])
    out = PeriodFigures(counts["y"], counts["z"], point["agree_xy"], point["agree_xz"],
                        point["assembly_y"], point["assembly_z"], point["rank_y"], point["rank_z"], draws)
    for key, row in (("x", x), ("y", y), ("z", z)):
        out.ideal[key] = period_ideal_point(data, row, period.sessions)
    return out


def period_ideal_point(data: VoteData, row: int, sessions: list[int]) -> tuple[float, float]:
    """Mean ideal point over the sessions and its standard error (root-mean-square of the
    sessions' errors); NaN when the country has no estimate in any of them."""
    cols = [s - int(data.ip_sessions[0]) for s in sessions
            if 0 <= s - int(data.ip_sessions[0]) < len(data.ip_sessions)]
    values = data.ideal[row, cols].astype(float)
    errors = data.ideal_se[row, cols].astype(float)
    ok = np.isfinite(values) & np.isfinite(errors)
    if not ok.any():
        return math.nan, math.nan
    return float(values[ok].mean()), float(math.sqrt(float(np.mean(errors[ok] ** 2))))


def own_moves(a0: np.ndarray, a1: np.ndarray, b0: np.ndarray, b1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The who-moved split of the change in |a-b| (analyze.movement.decompose, vectorised):
    A's and B's parts, positive = away from the other."""
    a_move = (np.abs(a1 - b0) - np.abs(a0 - b0) + np.abs(a1 - b1) - np.abs(a0 - b1)) / 2.0
    b_move = (np.abs(a0 - b1) - np.abs(a0 - b0) + np.abs(a1 - b1) - np.abs(a1 - b0)) / 2.0
    return a_move, b_move


def ideal_draws(points: dict[str, tuple[float, float]], n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Normal draws of the three period ideal points (key -> (mean, se)) from the model's errors."""
    out = {}
    for key, (mean, se) in points.items():
        out[key] = mean + (se if math.isfinite(se) else 0.0) * rng.standard_normal(n)
    return out


def session_series(data: VoteData, columns: np.ndarray, x: int, y: int, z: int) -> list[dict[str, object]]:
    """Per session in the window: agreement X-Y and X-Z with a 95% band (normal approximation
    over roll calls), common votes, and the Assembly's mean agreement with Y and with Z."""
    rows: list[dict[str, object]] = []
    for session in sorted({int(s) for s in data.session[columns]}):
        cols = columns[data.session[columns] == session]
        votes = data.votes[:, cols]
        row: dict[str, object] = {"year": session_year(session), "session": session}
        for key, target in (("y", y), ("z", z)):
            agree, valid = _agreement_parts(votes, target)
            n = valid.sum(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                mean = agree.sum(axis=1) / n
            nx = int(n[x])
            value = float(mean[x]) if nx else None
            band: tuple[float | None, float | None] = (None, None)
            if value is not None:
                per_vote = agree[x][valid[x] > 0]
                half = 1.96 * float(per_vote.std(ddof=1)) / math.sqrt(nx) if nx > 1 else 0.0
                band = (max(0.0, value - half), min(1.0, value + half))
            row[f"x{key}"], row[f"x{key}_lo"], row[f"x{key}_hi"] = value, band[0], band[1]
            row[f"n_x{key}"] = nx
            assembly = _assembly(mean[None, :], n[None, :], [x, target])[0]
            row[f"assembly_{key}"] = float(assembly) if np.isfinite(assembly) and n.any() else None
        rows.append(row)
    return rows


def ideal_series(data: VoteData, sessions: list[int], x: int, y: int, z: int) -> list[dict[str, object]]:
    """Per session: the three ideal points with 95% intervals (estimate +- 1.96 se)."""
    rows: list[dict[str, object]] = []
    base = int(data.ip_sessions[0])
    for session in sessions:
        col = session - base
        if not 0 <= col < len(data.ip_sessions):
            continue
        row: dict[str, object] = {"year": session_year(session), "session": session}
        for key, r in (("x", x), ("y", y), ("z", z)):
            value, se = float(data.ideal[r, col]), float(data.ideal_se[r, col])
            ok = math.isfinite(value)
            row[key] = round(value, 4) if ok else None
            row[f"{key}_lo"] = round(value - 1.96 * se, 4) if ok and math.isfinite(se) else None
            row[f"{key}_hi"] = round(value + 1.96 * se, 4) if ok and math.isfinite(se) else None
        rows.append(row)
    return rows

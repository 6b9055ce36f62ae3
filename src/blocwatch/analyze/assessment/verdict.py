"""From the two periods' measures to a verdict: toward, away, no clear change.

Two measures of X's move toward Y relative to the other pole Z, both built so that a move
of the whole Assembly or of Y alone is not read as X realigning:

* ``pull`` (votes): the change of (X-Y agreement - the Assembly's mean agreement with Y)
  - (X-Z agreement - the Assembly's mean agreement with Z);
* ``x_own_move`` (ideal points): X's own part of the change in its distances to Z and to Y
  (the who-moved split of analyze.movement), distance to Z gained minus distance to Y
  gained; a move of Y or Z alone contributes nothing.

Each is put on a common scale by a material threshold (``PULL_STEP`` agreement, ``MOVE_STEP``
ideal-point units: a change smaller than this is not a realignment however certain), and a
resample counts as "toward" when the mean of the two scaled values is at least 1 and neither
is below 0 (so a change that shows in one line of evidence only is not a realignment). On one
dimension X's own move says nothing about the triangle when X lies outside the Y-Z segment
in both periods (moving toward Y is then also moving toward Z, and the measure is 0 by
construction); then the votes' pull decides alone. The verdict is "toward" (or "away") when at least
``DECISIVE`` of the resamples (bootstrap over roll calls x ideal-point draws) say so;
``confidence`` is that share, and for "no clear change" the share that does not say the
stronger of the two."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from blocwatch.analyze.assessment.measures import N_BOOT, SEED, PeriodFigures, ideal_draws, own_moves

#: One step of relative agreement: six points of agreement, relative to the Assembly.
PULL_STEP = 0.06
#: One step of X's own move on the ideal-point scale (sd 1 over all country-sessions):
#: about a third of the gap between Pakistan and the United States in 2020.
MOVE_STEP = 0.4
#: Share of resamples needed for a direction.
DECISIVE = 0.9
#: A country's own part of a distance change below this is not a move (for ``mover``).
MOVER_STEP = 0.2


@dataclass
class Classification:
    verdict: str
    confidence: float
    share_toward: float
    share_away: float
    point_score: float


def _entry(start: float, end: float, change_draws: np.ndarray | None, n_start: int | None, n_end: int | None,
           unit: str, description: str, change_se: float | None = None) -> dict[str, Any]:
    change = end - start
    se = lo = hi = None
    if change_draws is not None:
        good = change_draws[np.isfinite(change_draws)]
        if len(good) > 1:
            se = float(good.std(ddof=1))
            lo, hi = (float(v) for v in np.percentile(good, [2.5, 97.5]))
    elif change_se is not None and math.isfinite(change_se):
        se = change_se
        lo, hi = change - 1.96 * change_se, change + 1.96 * change_se
    return {"start": _round(start), "end": _round(end), "change": _round(change), "se": _round(se),
            "lo": _round(lo), "hi": _round(hi), "n_start": n_start, "n_end": n_end, "unit": unit,
            "description": description}


def _round(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), 4)


def classify(pull: np.ndarray, move: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per resample: toward, away (booleans) and the combined scaled score."""
    sa = pull / PULL_STEP
    if move is None or not np.isfinite(move).any():
        return sa >= 1.0, sa <= -1.0, sa
    si = np.where(np.isfinite(move), move / MOVE_STEP, sa)
    score = (sa + si) / 2.0
    # Both lines of evidence must point the same way: the votes' pull guards against a move of
    # the whole Assembly, X's own ideal-point move against a move of Y (or Z) alone.
    return (score >= 1.0) & (np.minimum(sa, si) > 0), (score <= -1.0) & (np.maximum(sa, si) < 0), score


def decide(pull_point: float, move_point: float | None, pull_draws: np.ndarray,
           move_draws: np.ndarray | None) -> Classification:
    toward, away, _ = classify(pull_draws, move_draws)
    p_t, p_a = float(toward.mean()), float(away.mean())
    _, _, point = classify(np.array([pull_point]),
                           None if move_point is None else np.array([move_point]))
    if p_t >= DECISIVE:
        return Classification("toward", p_t, p_t, p_a, float(point[0]))
    if p_a >= DECISIVE:
        return Classification("away", p_a, p_t, p_a, float(point[0]))
    return Classification("no clear change", 1.0 - max(p_t, p_a), p_t, p_a, float(point[0]))


@dataclass
class TriangleResult:
    measures: dict[str, dict[str, Any]]
    classification: Classification
    mover: str | None
    moves: dict[str, float | None]


def triangle(start: PeriodFigures, end: PeriodFigures, names: dict[str, str]) -> TriangleResult:
    """Measures (start, end, change and its uncertainty) and the classification."""
    x, y, z = names["x"], names["y"], names["z"]
    d0, d1 = start.draws, end.draws
    rel = {}
    for key in ("y", "z"):
        rel[key] = (start.__getattribute__(f"rel_x{key}"), end.__getattribute__(f"rel_x{key}"),
                    (d1[f"agree_x{key}"] - d1[f"assembly_{key}"]) - (d0[f"agree_x{key}"] - d0[f"assembly_{key}"]))
    pull0 = start.rel_xy - start.rel_xz
    pull1 = end.rel_xy - end.rel_xz
    pull_draws = rel["y"][2] - rel["z"][2]
    measures: dict[str, dict[str, Any]] = {}
    for key, other in (("y", y), ("z", z)):
        measures[f"agreement_x{key}"] = _entry(
            getattr(start, f"agree_x{key}"), getattr(end, f"agree_x{key}"),
            d1[f"agree_x{key}"] - d0[f"agree_x{key}"], getattr(start, f"n_x{key}"), getattr(end, f"n_x{key}"),
            "agreement 0-1", f"{x}-{other} vote agreement (half-credit index), each period pooled")
        measures[f"assembly_agreement_{key}"] = _entry(
            getattr(start, f"assembly_{key}"), getattr(end, f"assembly_{key}"),
            d1[f"assembly_{key}"] - d0[f"assembly_{key}"], None, None, "agreement 0-1",
            f"the Assembly's mean agreement with {other} (every other member with at least 10 common votes)")
    for key, other in (("y", y), ("z", z)):
        measures[f"relative_agreement_x{key}"] = _entry(
            rel[key][0], rel[key][1], rel[key][2], getattr(start, f"n_x{key}"), getattr(end, f"n_x{key}"),
            "agreement difference", f"{x}-{other} agreement minus the Assembly's mean agreement with {other}")
    for key, other in (("y", y), ("z", z)):
        measures[f"standing_x{key}"] = _entry(
            getattr(start, f"rank_{key}"), getattr(end, f"rank_{key}"), d1[f"rank_{key}"] - d0[f"rank_{key}"],
            None, None, "share of members",
            f"{x}'s standing among {other}'s partners: the share of other members that agree with {other} "
            f"less than {x} does (reported, not used in the verdict: it moves when {other} crosses members)")
    measures["relative_pull"] = _entry(
        pull0, pull1, pull_draws, None, None, "agreement difference",
        f"relative agreement with {y} minus relative agreement with {z}: above 0, {x} votes with {y} "
        f"more than the Assembly does, compared with {z}")

    rng = np.random.default_rng(SEED + 1)
    n = len(pull_draws) or N_BOOT
    # Moves are read on the model's own scale, which bridging resolutions keep comparable over
    # time; centring each session on the Assembly's median was tried and rejected: the median
    # is the largest bloc's position, so that bloc's drift then reads as everyone else moving.
    i0, i1 = ideal_draws(start.ideal, n, rng), ideal_draws(end.ideal, n, rng)
    have_ideal = all(math.isfinite(start.ideal[k][0]) and math.isfinite(end.ideal[k][0]) for k in "xyz")
    move_point: float | None = None
    move_draws: np.ndarray | None = None
    moves: dict[str, float | None] = {"x": None, "y": None}
    mover: str | None = None
    if have_ideal:
        p0 = {k: np.array([start.ideal[k][0]]) for k in "xyz"}
        p1 = {k: np.array([end.ideal[k][0]]) for k in "xyz"}
        for key, other in (("x", x), ("y", y), ("z", z)):
            (m0, s0), (m1, s1) = start.ideal[key], end.ideal[key]
            measures[f"idealpoint_{key}"] = _entry(
                m0, m1, None, None, None, "ideal point (sd units)",
                f"{other}'s ideal point, mean over the period's sessions (higher = closer to the US-led "
                "Western position)", change_se=math.sqrt(s0**2 + s1**2))
        for key, other in (("y", y), ("z", z)):
            measures[f"idealpoint_distance_x{key}"] = _entry(
                abs(start.ideal["x"][0] - start.ideal[key][0]), abs(end.ideal["x"][0] - end.ideal[key][0]),
                np.abs(i1["x"] - i1[key]) - np.abs(i0["x"] - i0[key]), None, None, "ideal-point distance",
                f"|{x} - {other}| on the ideal-point scale, period means")
        xm_y, ym = own_moves(i0["x"], i1["x"], i0["y"], i1["y"])
        xm_z, _ = own_moves(i0["x"], i1["x"], i0["z"], i1["z"])
        move_draws = xm_z - xm_y
        px_y, py = own_moves(p0["x"], p1["x"], p0["y"], p1["y"])
        px_z, _ = own_moves(p0["x"], p1["x"], p0["z"], p1["z"])
        move_point = float((px_z - px_y)[0])
        if not (_between(start.ideal) or _between(end.ideal)):
            move_point, move_draws = None, None  # uninformative for the triangle (see the module doc)
        measures["x_own_move"] = _entry(
            0.0, math.nan if move_point is None else move_point, move_draws, None, None, "ideal-point units",
            f"{x}'s own move toward {y} and away from {z} (its part of the change in its distance to {z} "
            f"minus its part of the change in its distance to {y}); moves of {y} or {z} alone count 0")
        moves = {"x": float(px_y[0]), "y": float(py[0])}
        mover = _mover(float(px_y[0]), xm_y, float(py[0]), ym)
    classification = decide(pull1 - pull0, move_point, pull_draws, move_draws)
    return TriangleResult(measures, classification, mover, moves)


def _between(ideal: dict[str, tuple[float, float]]) -> bool:
    x, y, z = ideal["x"][0], ideal["y"][0], ideal["z"][0]
    return min(y, z) <= x <= max(y, z)


def _mover(x_part: float, x_draws: np.ndarray, y_part: float, y_draws: np.ndarray) -> str | None:
    """Whose own move changed the X-Y distance: a part of at least ``MOVER_STEP`` whose sign
    holds in ``DECISIVE`` of the draws."""
    def moved(point: float, draws: np.ndarray) -> bool:
        if abs(point) < MOVER_STEP:
            return False
        return float(np.mean(np.sign(draws) == np.sign(point))) >= DECISIVE
    mx, my = moved(x_part, x_draws), moved(y_part, y_draws)
    return "both" if mx and my else "x" if mx else "y" if my else None


def change_session(rows: list[dict[str, Any]], ideal_rows: list[dict[str, Any]], direction: int,
                   min_votes: int = 10) -> int | None:
    """The first session of the new level: the single split of the per-session combined
    score (relative pull / PULL_STEP + ideal-point pull / MOVE_STEP) that best separates a
    lower from a higher level in the verdict's direction (largest t-like statistic)."""
    ideal = {int(r["session"]): r for r in ideal_rows}
    sessions, values = [], []
    for row in rows:
        if (row.get("n_xy") or 0) < min_votes or (row.get("n_xz") or 0) < min_votes:
            continue
        if None in (row.get("xy"), row.get("xz"), row.get("assembly_y"), row.get("assembly_z")):
            continue
        pull = (row["xy"] - row["assembly_y"]) - (row["xz"] - row["assembly_z"])
        score = pull / PULL_STEP
        point = ideal.get(int(row["session"]))
        if point and None not in (point.get("x"), point.get("y"), point.get("z")):
            score = (score + (abs(point["x"] - point["z"]) - abs(point["x"] - point["y"])) / MOVE_STEP) / 2.0
        sessions.append(int(row["session"]))
        values.append(score * direction)
    if len(values) < 2:
        return None
    v = np.asarray(values)
    best, where = -math.inf, None
    for k in range(1, len(v)):
        before, after = v[:k], v[k:]
        stat = (after.mean() - before.mean()) * math.sqrt(len(before) * len(after) / len(v))
        if stat > best:
            best, where = stat, sessions[k]
    return where if best > 0 else None

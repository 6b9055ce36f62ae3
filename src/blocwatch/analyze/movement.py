"""Who moved: split the change in a dyad's distance into each country's own move.

With ideal points x, the distance is |xA - xB|. Between sessions s0 and s1, A's
move counts toward the change by how far it went away from (positive) or toward
(negative) B's starting side, and likewise for B; the two moves add up exactly to
the change in distance whenever the pair does not swap sides, and the split is
taken symmetrically (the average of the two orders of moving) so that it always
adds up:

    a_move = (|xA1 - xB0| - |xA0 - xB0| + |xA1 - xB1| - |xA0 - xB1|) / 2
    b_move = (|xA0 - xB1| - |xA0 - xB0| + |xA1 - xB1| - |xA1 - xB0|) / 2

For agreement the same question is asked of each country's agreement with the rest
of the membership: if A-B agreement fell while A's agreement with the median member
stayed and B's fell, B moved (``agreement_moves``).

Every move comes with its standard error, by the delta method from the standard errors of
the four ideal points, taken as independent (the dynamic model correlates a country's
successive points, which makes its own shift, if anything, more precise than stated): a
move smaller than about twice its standard error is not told apart from no move.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from blocwatch.errors import AnalysisError

__all__ = ["agreement_moves", "decompose"]


def _point(ideal_points: pd.DataFrame, iso3: str, session: int) -> tuple[float, float]:
    """An ideal point and its standard error (NaN when the frame carries none)."""
    row = ideal_points[(ideal_points["iso3"] == iso3) & (ideal_points["session"] == session)]
    if row.empty:
        raise AnalysisError(f"no ideal point for {iso3} in session {session}")
    se = float(row["se"].iloc[0]) if "se" in row.columns else math.nan
    return float(row["ideal_point"].iloc[0]), se


def _sign(value: float) -> float:
    return 1.0 if value > 0 else -1.0 if value < 0 else 0.0


def _delta_se(gradient: tuple[float, float, float, float], ses: tuple[float, float, float, float]) -> float:
    return math.sqrt(sum((g * se) ** 2 for g, se in zip(gradient, ses, strict=True)))


def decompose(ideal_points_df: pd.DataFrame, a: str, b: str, s0: int, s1: int) -> dict[str, Any]:
    """Change in the A-B distance from session s0 to s1, split into A's and B's moves.

    Returns a, b, s0, s1, distance0, distance1, total, a_move, b_move, share_a,
    share_b (shares of |a_move| + |b_move|), a_shift/b_shift (raw signed change of
    each ideal point), each with its standard error (``*_se``, see the module's doc), and a
    one-line sentence."""
    a, b = a.strip().upper(), b.strip().upper()
    (xa0, sa0), (xa1, sa1) = _point(ideal_points_df, a, s0), _point(ideal_points_df, a, s1)
    (xb0, sb0), (xb1, sb1) = _point(ideal_points_df, b, s0), _point(ideal_points_df, b, s1)
    ses = (sa0, sa1, sb0, sb1)
    d0, d1 = abs(xa0 - xb0), abs(xa1 - xb1)
    # gradients with respect to (xa0, xa1, xb0, xb1)
    g00, g01, g10, g11 = _sign(xa0 - xb0), _sign(xa0 - xb1), _sign(xa1 - xb0), _sign(xa1 - xb1)
    a_move_se = _delta_se((-(g00 + g01) / 2, (g10 + g11) / 2, (g00 - g10) / 2, (g01 - g11) / 2), ses)
    b_move_se = _delta_se(((g01 - g00) / 2, (g11 - g10) / 2, (g00 + g10) / 2, -(g01 + g11) / 2), ses)
    total_se = _delta_se((-g00, g11, g00, -g11), ses)
    a_move = (abs(xa1 - xb0) - abs(xa0 - xb0) + abs(xa1 - xb1) - abs(xa0 - xb1)) / 2.0
    b_move = (abs(xa0 - xb1) - abs(xa0 - xb0) + abs(xa1 - xb1) - abs(xa1 - xb0)) / 2.0
    total = d1 - d0
    scale = abs(a_move) + abs(b_move)
    share_a = abs(a_move) / scale if scale else 0.0
    share_b = abs(b_move) / scale if scale else 0.0
    verb = "grew" if total > 0 else "shrank" if total < 0 else "did not change"
    mover, other = ((b, a), (b_move, a_move)) if abs(b_move) >= abs(a_move) else ((a, b), (a_move, b_move))
    se_of = {a: a_move_se, b: b_move_se}
    plus = "" if math.isnan(total_se) else f" ± {total_se:.2f} (standard error)"
    sentence = (
        f"{a}-{b} distance {verb} by {abs(total):.2f}{plus} between sessions {s0} "
        f"and {s1} ({d0:.2f} to {d1:.2f}); {mover[0]} moved {_signed(other[0], se_of[mover[0]])} of it, "
        f"{mover[1]} {_signed(other[1], se_of[mover[1]])}."
    )
    return {
        "a": a, "b": b, "s0": s0, "s1": s1, "distance0": d0, "distance1": d1, "total": total,
        "total_se": total_se, "a_move": a_move, "a_move_se": a_move_se, "b_move": b_move,
        "b_move_se": b_move_se, "share_a": share_a, "share_b": share_b,
        "a_shift": xa1 - xa0, "a_shift_se": math.hypot(sa0, sa1), "b_shift": xb1 - xb0,
        "b_shift_se": math.hypot(sb0, sb1), "sentence": sentence,
    }


def _signed(value: float, se: float) -> str:
    # "away" adds to the distance, "toward" takes from it.
    direction = "away" if value > 0 else "toward" if value < 0 else "none"
    if math.isnan(se):
        return f"{abs(value):.2f} ({direction})"
    noise = "; within noise" if abs(value) < 1.96 * se else ""
    return f"{abs(value):.2f} ± {se:.2f} ({direction}{noise})"


def agreement_moves(votes: pd.DataFrame, a: str, b: str, s0: int, s1: int) -> dict[str, Any]:
    """A-B agreement and each country's agreement with the median member, at s0 and s1.

    ``votes``: rcid, session, iso3, vote (1/2/3). Agreement is Voeten's half-credit
    index. The "median member" vote of a roll call is the median of all votes cast."""
    a, b = a.strip().upper(), b.strip().upper()
    out: dict[str, Any] = {"a": a, "b": b, "s0": s0, "s1": s1}
    for label, session in (("0", s0), ("1", s1)):
        v = votes[votes["session"] == session]
        if v.empty:
            raise AnalysisError(f"no votes in session {session}")
        median = v.groupby("rcid")["vote"].median()
        wide = v.pivot_table(index="rcid", columns="iso3", values="vote", aggfunc="first")
        for code in (a, b):
            if code not in wide.columns:
                raise AnalysisError(f"{code} cast no vote in session {session}")
        pair = wide[[a, b]].dropna()
        out[f"agree{label}"] = float((1 - (pair[a] - pair[b]).abs() / 2).mean()) if len(pair) else None
        for code, key in ((a, "a"), (b, "b")):
            own = wide[code].dropna()
            out[f"{key}_median{label}"] = float((1 - (own - median.loc[own.index]).abs() / 2).mean())
    out["a_median_change"] = out["a_median1"] - out["a_median0"]
    out["b_median_change"] = out["b_median1"] - out["b_median0"]
    if out["agree0"] is not None and out["agree1"] is not None:
        change = out["agree1"] - out["agree0"]
        mover = a if abs(out["a_median_change"]) > abs(out["b_median_change"]) else b
        verb = "rose" if change > 0 else "fell" if change < 0 else "held"
        out["sentence"] = (
            f"{a}-{b} agreement {verb} from {out['agree0']:.2f} to {out['agree1']:.2f} between sessions "
            f"{s0} and {s1}; agreement with the median member moved {out['a_median_change']:+.2f} for {a} "
            f"and {out['b_median_change']:+.2f} for {b}, so mostly {mover} moved."
        )
    return out

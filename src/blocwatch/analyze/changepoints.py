"""Change points in a per-session series (a dyad's agreement, an ideal-point distance).

PELT (ruptures) with the l2 cost finds shifts in the mean. The penalty follows a
BIC-style rule, ``penalty = 4 * log(n) * sigma^2``, where sigma is the noise sd
estimated robustly from first differences (MAD / sqrt 2), so it does not grow with
the shifts themselves. The factor 4 (rather than BIC's 2) keeps the false-alarm
rate on pure noise at a few percent per series, measured by the tests.

A source break (the UN vote data change source at session 75) is not a change in
alignment: the series is cut there, each side is searched on its own, and the
break is returned as a separate marker with ``kind="source-break"``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["ChangePoint", "detect", "noise_sd"]


@dataclass(frozen=True, slots=True)
class ChangePoint:
    """``session`` is the first session of the new level."""

    session: int
    before_mean: float
    after_mean: float
    size: float
    kind: str = "shift"  # "shift" or "source-break"


def noise_sd(values: np.ndarray) -> float:
    """Robust sd of the noise around a piecewise-constant mean."""
    if len(values) < 3:
        return float(np.std(values)) if len(values) else 0.0
    diffs = np.diff(values)
    mad = float(np.median(np.abs(diffs - np.median(diffs))))
    return 1.4826 * mad / math.sqrt(2.0)


def _segment_shifts(values: np.ndarray, sessions: np.ndarray, penalty: float | None,
                    min_size: int, sd: float) -> list[ChangePoint]:
    import ruptures as rpt

    n = len(values)
    if n < 2 * min_size:
        return []
    pen = penalty if penalty is not None else 4.0 * math.log(n) * max(sd, 1e-9) ** 2
    ends = rpt.Pelt(model="l2", min_size=min_size, jump=1).fit(values.reshape(-1, 1)).predict(pen=pen)
    points = []
    bounds = [0, *ends]
    for k in range(1, len(bounds) - 1):
        before = values[bounds[k - 1]:bounds[k]]
        after = values[bounds[k]:bounds[k + 1]]
        b, a = float(before.mean()), float(after.mean())
        points.append(ChangePoint(int(sessions[bounds[k]]), b, a, a - b))
    return points


#: Sessions with fewer roll calls than this are left out of the search by default: an
#: agreement share over one or two votes is mostly chance (session 19 had a single roll call).
MIN_COUNT = 10


def detect(values: Sequence[float], sessions: Sequence[int], *, breaks: Sequence[int] = (75,),
           penalty: float | None = None, min_size: int = 3,
           counts: Sequence[int] | None = None, min_count: int = MIN_COUNT) -> list[ChangePoint]:
    """Shifts in the mean of ``values`` (one per session, sessions ascending) and a
    ``source-break`` marker for each break inside the series' range.

    Each segment between source breaks is searched separately, so a step at a
    break is never reported as a shift. ``penalty`` overrides the default rule.
    ``counts`` (votes behind each value) drops sessions with fewer than ``min_count``."""
    y = np.asarray(values, dtype=float)
    s = np.asarray(sessions, dtype=int)
    if y.shape != s.shape:
        raise ValueError("values and sessions differ in length")
    keep = np.isfinite(y)
    if counts is not None:
        c = np.asarray(counts, dtype=float)
        if c.shape != y.shape:
            raise ValueError("counts and values differ in length")
        keep &= c >= min_count
    y, s = y[keep], s[keep]
    order = np.argsort(s, kind="stable")
    y, s = y[order], s[order]
    if len(y) == 0:
        return []
    inside = sorted(b for b in breaks if s[0] < b <= s[-1])
    cuts = [0, *(int(np.searchsorted(s, b)) for b in inside), len(y)]
    segments = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]
    # One noise estimate from within-segment differences only (never across a break).
    diffs = np.concatenate([np.diff(y[a:b]) for a, b in segments if b - a > 1] or [np.zeros(0)])
    sd = (1.4826 * float(np.median(np.abs(diffs - np.median(diffs)))) / math.sqrt(2.0)
          if len(diffs) >= 2 else float(np.std(y)))
    result: list[ChangePoint] = []
    for i, (a, b) in enumerate(segments):
        result.extend(_segment_shifts(y[a:b], s[a:b], penalty, min_size, sd))
        if i < len(inside):
            before = y[max(a, b - min_size):b]
            after = y[b:b + min_size]
            if len(before) and len(after):
                bm, am = float(before.mean()), float(after.mean())
                result.append(ChangePoint(inside[i], bm, am, am - bm, kind="source-break"))
    return sorted(result, key=lambda p: (p.session, p.kind))

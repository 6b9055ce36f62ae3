"""The verdict's core claims on constructed votes: X's own move reads as toward or away; a move
of the whole Assembly, or of Y alone, does not; a thin period is insufficient data."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from blocwatch.analyze.assessment import verdict
from blocwatch.analyze.assessment.run import compose
from blocwatch.analyze.assessment.votedata import VoteData

SESSIONS = list(range(70, 76))  # 2015-2020: no source break inside
OTHERS = [f"O{i:02d}" for i in range(30)]
CODES = sorted(["XXX", "YYY", "ZZZ", *OTHERS])


def make(x_side: dict[int, float], others_side: dict[int, float], per_session: int = 40, seed: int = 1,
         ideal: dict[str, dict[int, float]] | None = None) -> VoteData:
    """Y always votes yes, Z always no. X votes yes with probability ``x_side[session]``, the
    others with ``others_side[session]`` (no otherwise)."""
    rng = np.random.default_rng(seed)
    n_rc = per_session * len(SESSIONS)
    session = np.repeat(SESSIONS, per_session).astype(np.int16)
    votes = np.zeros((len(CODES), n_rc), dtype=np.int8)
    for i, code in enumerate(CODES):
        if code == "YYY":
            votes[i] = 1
        elif code == "ZZZ":
            votes[i] = 3
        else:
            p = np.array([(x_side if code == "XXX" else others_side)[int(s)] for s in session])
            votes[i] = np.where(rng.random(n_rc) < p, 1, 3)
    ip = np.full((len(CODES), len(SESSIONS)), np.nan, dtype=np.float32)
    se = np.full_like(ip, 0.05)
    for code, series in (ideal or {}).items():
        ip[CODES.index(code)] = [series[s] for s in SESSIONS]
    text = np.array([""] * n_rc)
    return VoteData(
        codes=np.array(CODES), names=np.array(CODES), rcid=np.arange(1, n_rc + 1), session=session,
        date=np.array([f"{1945 + int(s)}-12-01" for s in session]), unres=text, title=text, label=text,
        source=text, amend=np.zeros(n_rc, np.int8), para=np.zeros(n_rc, np.int8),
        important=np.zeros(n_rc, np.int8), votes=votes, ip_sessions=np.array(SESSIONS, np.int16), ideal=ip,
        ideal_se=se, ip_n=np.full(ip.shape, 40, np.int16))


def run(data: VoteData) -> dict:
    return compose(data, "XXX", "YYY", "ZZZ", 2015, 2020, {"xy": [], "xz": []}, 0,
                   {"votes": "synthetic", "events": "none"}, []).to_dict()


def steps(before: float, after: float, at: int = 73) -> dict[int, float]:
    return {s: (before if s < at else after) for s in SESSIONS}


def test_assessment_verdict_x_moving_toward_y() -> None:
    result = run(make(steps(0.2, 0.8), steps(0.5, 0.5)))
    assert result["verdict"] == "toward" and result["confidence"] >= 0.9
    assert result["change_year"] == 1945 + 73
    assert run(make(steps(0.8, 0.2), steps(0.5, 0.5)))["verdict"] == "away"


def test_assessment_verdict_whole_assembly_moving_is_not_x_realigning() -> None:
    """Everyone, X included, moves to Y's side: X's agreement with Y rises, but not relative to
    the Assembly's."""
    result = run(make(steps(0.3, 0.7), steps(0.3, 0.7), per_session=150))
    assert result["measures"]["agreement_xy"]["change"] > 0.2
    pull = result["measures"]["relative_pull"]
    assert abs(pull["change"]) < 2.5 * pull["se"] and pull["lo"] < 0 < pull["hi"]
    assert result["verdict"] == "no clear change"


def test_assessment_verdict_y_moving_alone_is_not_x_moving() -> None:
    """On the ideal-point scale Y moves to X while X stays: X's own move is 0, the mover is Y."""
    ideal = {"XXX": steps(0.0, 0.0), "YYY": steps(2.0, 0.5), "ZZZ": steps(-2.0, -2.0)}
    result = run(make(steps(0.5, 0.5), steps(0.5, 0.5), ideal=ideal))
    assert result["measures"]["idealpoint_distance_xy"]["change"] < -1.0
    assert abs(result["measures"]["x_own_move"]["end"]) < 1e-9
    assert result["mover"] == "y" and result["verdict"] == "no clear change"


def test_assessment_verdict_thin_periods_are_insufficient() -> None:
    result = run(make(steps(0.2, 0.8), steps(0.5, 0.5), per_session=5))
    assert result["verdict"] == "insufficient data" and result["confidence"] == 0.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-0.5, 0.5), min_size=30, max_size=30), st.lists(st.floats(-3, 3), min_size=30, max_size=30))
def test_assessment_verdict_classification_is_antisymmetric(pull: list[float], move: list[float]) -> None:
    """Reading the triangle from the other pole (all changes negated) swaps toward and away."""
    p, m = np.array(pull), np.array(move)
    toward, away, score = verdict.classify(p, m)
    toward2, away2, score2 = verdict.classify(-p, -m)
    assert np.array_equal(toward, away2) and np.array_equal(away, toward2)
    assert np.allclose(score, -score2)
    assert not np.any(toward & away)

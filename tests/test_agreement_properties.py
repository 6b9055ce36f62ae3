"""Properties of the vectorised dyad measures on random vote matrices."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from blocwatch.analyze.agreement import dyad_measures, pair_matrices
from votes_testdata import plain_measures

# A country x roll-call grid: 0 = did not vote, 1 yes, 2 abstain, 3 no.
grids = st.integers(2, 6).flatmap(lambda n: st.integers(1, 12).flatmap(
    lambda m: st.lists(st.lists(st.integers(0, 3), min_size=m, max_size=m), min_size=n, max_size=n)))


def _frame(grid: list[list[int]]) -> pd.DataFrame:
    rows = [(r, f"C{i:02d}", v) for i, line in enumerate(grid) for r, v in enumerate(line) if v]
    return pd.DataFrame(rows, columns=["rcid", "iso3", "vote"]).astype({"rcid": "int64", "vote": "int8"})


@settings(max_examples=150, deadline=None)
@given(grids)
def test_agreement_matrix_equals_pairwise_formulas(grid: list[list[int]]) -> None:
    frame = _frame(grid)
    if frame.empty:
        return
    mats = pair_matrices(frame)
    for i, a in enumerate(mats.codes):
        for j, b in enumerate(mats.codes):
            line_a, line_b = grid[int(a[1:])], grid[int(b[1:])]
            pairs = [(x, y) for x, y in zip(line_a, line_b, strict=True) if x and y]
            assert mats.n_votes[i, j] == len(pairs)
            if not pairs:
                assert math.isnan(mats.agree[i, j])
                continue
            want = plain_measures(pairs)
            assert abs(mats.agree[i, j] - want["agree"]) < 1e-9
            assert abs(mats.s_score[i, j] - (2 * want["agree"] - 1)) < 1e-9
            assert abs(mats.identical[i, j] - want["identical"]) < 1e-9
            if want["kappa"] is None:
                assert math.isnan(mats.kappa[i, j])
            else:
                assert abs(mats.kappa[i, j] - want["kappa"]) < 1e-9
                assert -1 - 1e-9 <= mats.kappa[i, j] <= 1 + 1e-9
            assert 0 <= mats.agree[i, j] <= 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), st.integers(1, 3)), min_size=1, max_size=30))
def test_agreement_dyad_measures_symmetric_and_bounded(pairs: list[tuple[int, int]]) -> None:
    a = np.array([p[0] for p in pairs], dtype=float)
    b = np.array([p[1] for p in pairs], dtype=float)
    ab, ba = dyad_measures(a, b), dyad_measures(b, a)
    for key in ("agree", "s_score", "identical"):
        assert ab[key] == ba[key]
    assert ab["identical"] <= ab["agree"] <= 1
    assert math.isclose(ab["s_score"], 2 * ab["agree"] - 1)
    assert (math.isnan(ab["kappa"]) and math.isnan(ba["kappa"])) or math.isclose(ab["kappa"], ba["kappa"])

"""Who moved: the change in a dyad's distance split into each country's own move."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from blocwatch.analyze.movement import agreement_moves, decompose
from blocwatch.errors import AnalysisError
from skips import NO_SHARED

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "unga"
points = st.floats(-4, 4, allow_nan=False)


def _frame(xa0: float, xa1: float, xb0: float, xb1: float) -> pd.DataFrame:
    return pd.DataFrame({"iso3": ["AAA", "AAA", "BBB", "BBB"], "session": [10, 20, 10, 20],
                         "ideal_point": [xa0, xa1, xb0, xb1]})


@given(points, points, points, points)
def test_movement_decompose_moves_add_up(xa0: float, xa1: float, xb0: float, xb1: float) -> None:
    result = decompose(_frame(xa0, xa1, xb0, xb1), "AAA", "BBB", 10, 20)
    assert result["a_move"] + result["b_move"] == pytest.approx(result["total"], abs=1e-9)
    assert result["total"] == pytest.approx(abs(xa1 - xb1) - abs(xa0 - xb0), abs=1e-9)
    if xb0 == xb1:  # B stood still: all of the change is A's
        assert result["b_move"] == pytest.approx(0.0, abs=1e-9)
    assert result["share_a"] + result["share_b"] == pytest.approx(1.0) or result["a_move"] == result["b_move"] == 0


def test_movement_decompose_sentence_names_the_mover() -> None:
    result = decompose(_frame(-1.0, -0.96, 2.0, 2.38), "aaa", "bbb", 10, 20)
    assert result["b_move"] == pytest.approx(0.38) and result["a_move"] == pytest.approx(-0.04)
    assert result["sentence"] == ("AAA-BBB distance grew by 0.34 between sessions 10 and 20 (3.00 to 3.34); "
                                  "BBB moved 0.38 (away) of it, AAA 0.04 (toward).")
    with pytest.raises(AnalysisError, match="CCC"):
        decompose(_frame(0, 0, 0, 0), "AAA", "CCC", 10, 20)


def test_movement_decompose_moves_carry_standard_errors() -> None:
    frame = _frame(-1.0, -0.96, 2.0, 2.38).assign(se=0.1)
    result = decompose(frame, "AAA", "BBB", 10, 20)
    # on fixed sides each move is a difference of two points; the total of all four
    assert result["a_move_se"] == pytest.approx(0.1 * 2 ** 0.5)
    assert result["b_move_se"] == pytest.approx(0.1 * 2 ** 0.5)
    assert result["total_se"] == pytest.approx(0.2)
    assert result["a_shift_se"] == pytest.approx(0.1 * 2 ** 0.5)
    assert result["sentence"] == ("AAA-BBB distance grew by 0.34 ± 0.20 (standard error) between sessions 10 and 20 "
                                  "(3.00 to 3.34); BBB moved 0.38 ± 0.14 (away) of it, AAA 0.04 ± 0.14 "
                                  "(toward; within noise).")


@pytest.mark.skipif(not DATA.exists(), reason=NO_SHARED)
def test_movement_agreement_moves_on_real_votes() -> None:
    roll_calls = pd.read_csv(DATA / "roll_calls.csv.gz", usecols=["rcid", "session"])
    votes = pd.read_csv(DATA / "votes.csv.gz", usecols=["rcid", "country_iso3", "vote"])
    votes = votes.merge(roll_calls, on="rcid")
    votes = votes[votes["session"].isin([45, 47])].rename(columns={"country_iso3": "iso3"})
    votes["vote"] = votes["vote"].map({"yes": 1, "abstain": 2, "no": 3})
    result = agreement_moves(votes, "RUS", "USA", 45, 47)
    # After 1991 Russia left the non-aligned majority for the US side; the US hardly moved.
    assert result["agree1"] > result["agree0"]
    assert abs(result["a_median_change"]) > abs(result["b_median_change"])
    assert "mostly RUS moved" in result["sentence"]

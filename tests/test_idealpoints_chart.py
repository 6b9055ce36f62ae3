"""The ideal-point chart: PNG and SVG by extension, band and source break drawn."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from blocwatch.errors import UsageError
from blocwatch.present.idealpoint_chart import idealpoint_chart


def _frame() -> pd.DataFrame:
    rows = []
    for iso3, level in (("PAK", -0.5), ("USA", 2.0), ("IND", -0.7)):
        for s in range(60, 81):
            x = level + 0.02 * (s - 60)
            rows.append({"iso3": iso3, "session": s, "ideal_point": x, "se": 0.1, "lo": x - 0.2, "hi": x + 0.2})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_idealpoints_chart_writes_format_by_extension(tmp_path: Path, suffix: str) -> None:
    out = idealpoint_chart(_frame(), "pak", tmp_path / f"c.{suffix}", peers=["USA", "IND", "ZZZ"])
    data = out.read_bytes()
    if suffix == "png":
        assert data.startswith(b"\x89PNG") and len(data) > 10_000
    else:
        text = data.decode()
        assert "<svg" in text and "data source changes" in text and "USA" in text


def test_idealpoints_chart_rejects_unknown_country_and_format(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="XXX"):
        idealpoint_chart(_frame(), "XXX", tmp_path / "c.png")
    with pytest.raises(UsageError, match=r"\.png or \.svg"):
        idealpoint_chart(_frame(), "PAK", tmp_path / "c.gif")
    assert not np.any([p.suffix == ".gif" for p in tmp_path.iterdir()])

"""The dyad agreement chart: real PNG/SVG files with the source break and change points marked."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib.image as mpimg
import pandas as pd
import pytest

from blocwatch.cli.main import main
from blocwatch.errors import UsageError
from blocwatch.present.charts import ChangeMark, dyad_agreement_chart
from votes_testdata import needs_unga, real_duckdb


def _series(first: int = 60, last: int = 80) -> pd.DataFrame:
    sessions = list(range(first, last + 1))
    frame = pd.DataFrame({"session": sessions, "year": [1945 + s for s in sessions], "n_votes": 80,
                          "agree": [0.4 + 0.01 * (s % 5) for s in sessions]})
    frame["s_score"] = 2 * frame["agree"] - 1
    frame["kappa"], frame["identical"] = 0.1, 0.3
    frame.attrs.update({"a": "PAK", "b": "USA", "by": "session"})
    return frame


def _svg_text(path: Path) -> str:
    root = ET.parse(path).getroot()  # also proves the file is well-formed XML
    assert root.tag.endswith("svg")
    return path.read_text(encoding="utf-8")


def test_charts_dyad_png_is_real_image(tmp_path: Path) -> None:
    out = dyad_agreement_chart(_series(), tmp_path / "dyad.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    height, width = mpimg.imread(out).shape[:2]
    assert (width, height) == (900, 450)


def test_charts_dyad_svg_marks_source_break_and_change_points(tmp_path: Path) -> None:
    out = dyad_agreement_chart(_series(), tmp_path / "dyad.svg", change_points=[ChangeMark(68, -0.12), {"session": 78}])
    text = _svg_text(out)
    # matplotlib writes text as glyph paths but keeps each string in a comment / id.
    assert "source change" in text
    assert "change -0.12" in text and text.count("change") >= 3


def test_charts_dyad_no_break_marker_before_session_75(tmp_path: Path) -> None:
    text = _svg_text(dyad_agreement_chart(_series(40, 60), tmp_path / "old.svg"))
    assert "source change" not in text


def test_charts_dyad_rejects_other_formats(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"\.png or \.svg"):
        dyad_agreement_chart(_series(), tmp_path / "dyad.jpg")


@needs_unga
def test_charts_align_cli_writes_chart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pak_usa.svg"
    assert main(["align", "PAK", "USA", "--db", real_duckdb(), "--from", "2000", "--chart", str(out)]) == 0
    assert capsys.readouterr().out.startswith("session,year,n_votes,agree,s_score,kappa,identical\n")
    text = _svg_text(out)
    assert "source change" in text
    assert "change +" in text or "change -" in text  # shifts from analyze.changepoints.detect

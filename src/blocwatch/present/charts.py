"""Charts of UN vote agreement (matplotlib, Agg backend; PNG or SVG chosen by extension)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blocwatch.errors import UsageError

#: First session taken from the UN DGACM extract (adopted resolutions only): a break in the
#: series, not a shift in alignment.
SOURCE_BREAK_SESSION = 75
SOURCE_BREAK_LABEL = "source change"
FORMATS = (".png", ".svg")


@dataclass(frozen=True)
class ChangeMark:
    """A change point to draw: the first session of the new level and the size of the shift."""

    session: float
    size: float | None = None


def _marks(change_points: Iterable[Any] | None) -> list[ChangeMark]:
    """Accept ChangeMark, numbers, or any object with ``session`` (and maybe ``size``/``shift``)."""
    marks = []
    for point in change_points or ():
        if isinstance(point, ChangeMark):
            marks.append(point)
        elif isinstance(point, int | float):
            marks.append(ChangeMark(float(point)))
        elif isinstance(point, dict):
            marks.append(ChangeMark(float(point["session"]), point.get("size", point.get("shift"))))
        else:
            size = getattr(point, "size", getattr(point, "shift", None))
            marks.append(ChangeMark(float(point.session), None if size is None else float(size)))
    return marks


def dyad_agreement_chart(frame: Any, path: str | Path, change_points: Iterable[Any] | None = None,
                         measure: str = "agree", title: str | None = None) -> Path:
    """Draw ``measure`` per session from an ``align()`` frame to ``path`` (.png or .svg).

    The source break (session 75) is a dashed vertical line labelled "source change";
    change points are dotted red lines with the size of the shift where known. Frames by
    calendar year are drawn against the year, with the break at 2020 (the first DGACM vote)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    target = Path(path)
    if target.suffix.lower() not in FORMATS:
        raise UsageError(f"{target}: chart file must end in .png or .svg")
    if frame is None or len(frame) == 0:
        raise UsageError("nothing to draw: the agreement series is empty")
    by_year = frame.attrs.get("by") == "year"
    x = frame["year"] if by_year else frame["session"]
    a, b = frame.attrs.get("a", "A"), frame.attrs.get("b", "B")
    fig, ax = plt.subplots(figsize=(9, 4.5), dpi=100)
    try:
        ax.plot(x, frame[measure], marker="o", markersize=3, linewidth=1.4, color="#1f4e79",
                label=f"{a}-{b} {measure}")
        ax.set_xlabel("calendar year" if by_year else "UNGA session (session N opens in 1945+N)")
        ax.set_ylabel({"agree": "agreement (half-credit)", "s_score": "S score", "kappa": "Cohen's kappa",
                       "identical": "share of identical votes"}.get(measure, measure))
        if measure in ("agree", "identical"):
            ax.set_ylim(0, 1.02)
        elif measure in ("s_score", "kappa"):
            ax.set_ylim(-1.02, 1.02)
        brk = 2020 if by_year else SOURCE_BREAK_SESSION
        if float(x.min()) <= brk <= float(x.max()) + 1:
            ax.axvline(brk - 0.5, color="0.35", linestyle="--", linewidth=1.2, label=SOURCE_BREAK_LABEL)
            ax.annotate(SOURCE_BREAK_LABEL, xy=(brk - 0.5, 0.03), xycoords=("data", "axes fraction"),
                        rotation=90, ha="right", va="bottom", fontsize=8, color="0.25")
        for mark in _marks(change_points):
            ax.axvline(mark.session - 0.5, color="#b22222", linestyle=":", linewidth=1.4)
            text = "change" if mark.size is None else f"change {mark.size:+.2f}"
            ax.annotate(text, xy=(mark.session - 0.5, 0.97), xycoords=("data", "axes fraction"),
                        rotation=90, ha="right", va="top", fontsize=8, color="#b22222")
        ax.set_title(title or f"UN General Assembly vote agreement, {a} and {b}")
        ax.grid(alpha=0.3)
        ax.legend(loc="lower left", fontsize=8)
        fig.tight_layout()
        target.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(target, format=target.suffix.lower().lstrip("."))
    finally:
        plt.close(fig)
    return target

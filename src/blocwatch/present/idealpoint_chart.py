"""A country's ideal point over sessions with its 95% band, beside chosen peers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from blocwatch.errors import UsageError

__all__ = ["idealpoint_chart"]

SOURCE_BREAK_SESSION = 75


def idealpoint_chart(ideal_points: pd.DataFrame, country: str, out: str | Path, *,
                     peers: Sequence[str] = (), source_break: int | None = SOURCE_BREAK_SESSION) -> Path:
    """Write the chart to ``out``; the format follows the extension (.png or .svg)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(out)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise UsageError(f"{path}: chart must end in .png or .svg")
    country = country.upper()
    main = ideal_points[ideal_points["iso3"] == country].sort_values("session")
    if main.empty:
        raise UsageError(f"no ideal points for {country}")
    fig, ax = plt.subplots(figsize=(9, 4.5))
    try:
        ax.fill_between(main["session"], main["lo"], main["hi"], color="tab:blue", alpha=0.25,
                        label=f"{country} 95% interval")
        ax.plot(main["session"], main["ideal_point"], color="tab:blue", lw=2, label=country)
        for peer in peers:
            rows = ideal_points[ideal_points["iso3"] == peer.upper()].sort_values("session")
            if not rows.empty:
                line = ax.plot(rows["session"], rows["ideal_point"], lw=1.2, label=peer.upper())[0]
                ax.fill_between(rows["session"], rows["lo"], rows["hi"], color=line.get_color(), alpha=0.08)
        sessions = ideal_points["session"]
        if source_break is not None and sessions.min() < source_break <= sessions.max():
            ax.axvline(source_break - 0.5, color="grey", ls="--", lw=1)
            ax.annotate("data source changes", (source_break - 0.5, 1.0), xycoords=("data", "axes fraction"),
                        ha="right", va="top", fontsize=8, color="grey", rotation=90)
        ax.set_xlabel("UNGA session (session s opens in September of 1945 + s)")
        ax.set_ylabel("ideal point (higher = closer to the US)")
        ax.set_title(f"{country}: UN General Assembly ideal point")
        ax.legend(loc="best", fontsize=8)
        ax.grid(alpha=0.3)
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, format=fmt, dpi=120, bbox_inches="tight")
    finally:
        plt.close(fig)
    return path

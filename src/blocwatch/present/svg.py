"""Inline SVG charts for the assessment report: lines with uncertainty bands, stacked bars.

Pure functions from plain rows to an ``<svg>`` string; every text is escaped, every value a
reader may want is in a ``<title>`` (shown on hover by any browser, no script needed). Missing
values (None, NaN) break a line instead of drawing a false zero."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 28, 44
#: The UN vote data change source from session 75 (2020): drawn as a break, not a shift.
SOURCE_BREAK_YEAR = 2020


def number(value: Any) -> float | None:
    """A finite float, or None for anything else (None, NaN, text)."""
    if isinstance(value, bool):
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if math.isfinite(out) else None


@dataclass(frozen=True, slots=True)
class Line:
    """One series of ``rows``: the value under ``key``, its band under ``lo``/``hi``."""

    key: str
    label: str
    colour: str
    lo: str | None = None
    hi: str | None = None
    count: str | None = None  # a column with the number of votes behind each point


def _fmt(value: float, digits: int = 3) -> str:
    return f"{value:.{digits}f}"


def _empty(title: str, message: str) -> str:
    return (f'<svg class="chart" viewBox="0 0 {WIDTH} 80" role="img" aria-label="{escape(title)}">'
            f'<title>{escape(title)}</title>'
            f'<text x="{LEFT}" y="44" class="empty">{escape(message)}</text></svg>')


def _ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    out = []
    value = first
    while value <= hi + 1e-9:
        out.append(round(value, 10))
        value += step
    return out


def line_chart(rows: Sequence[dict[str, Any]], lines: Sequence[Line], *, title: str, y_label: str,
               x_key: str = "year", y_range: tuple[float, float] | None = None, css_class: str = "") -> str:
    """Lines over ``x_key`` with shaded bands; ``y_range`` fixes the axis (else fitted to the data)."""
    points = [(x, r) for r in rows for x in [number(r.get(x_key))] if x is not None]
    values = [v for _, r in points for line in lines for k in (line.key, line.lo, line.hi) if k
              for v in [number(r.get(k))] if v is not None]
    if not points or not values:
        return _empty(title, "no data for this chart")
    x0, x1 = min(x for x, _ in points), max(x for x, _ in points)
    if y_range:
        y0, y1 = y_range
    else:
        y0, y1 = min(values), max(values)
        pad = (y1 - y0) * 0.08 or 0.5
        y0, y1 = y0 - pad, y1 + pad
    span_x = (x1 - x0) or 1.0

    def sx(x: float) -> float:
        return LEFT + (0.5 if x1 == x0 else (x - x0) / span_x) * (WIDTH - LEFT - RIGHT)

    def sy(y: float) -> float:
        return HEIGHT - BOTTOM - (y - y0) / ((y1 - y0) or 1.0) * (HEIGHT - TOP - BOTTOM)

    out = [f'<svg class="chart {escape(css_class)}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for t in _ticks(y0, y1):
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{sy(t):.1f}" y2="{sy(t):.1f}"/>'
                   f'<text class="tick" x="{LEFT - 6}" y="{sy(t) + 4:.1f}" text-anchor="end">{t:g}</text>')
    step = max(1, math.ceil((x1 - x0 + 1) / 12))
    for x in range(int(math.ceil(x0)), int(x1) + 1, step):
        out.append(f'<text class="tick" x="{sx(x):.1f}" y="{HEIGHT - BOTTOM + 16}" '
                   f'text-anchor="middle">{x}</text>')
    out.append(f'<text class="axis" x="{LEFT}" y="{TOP - 10}">{escape(y_label)}</text>')
    if x_key == "year" and x0 < SOURCE_BREAK_YEAR <= x1:
        bx = sx(SOURCE_BREAK_YEAR - 0.5)
        out.append(f'<g class="source-break"><title>{SOURCE_BREAK_YEAR}: the vote data change source '
                   f'(adopted resolutions only from session 75); a break in the series, not a shift</title>'
                   f'<line x1="{bx:.1f}" x2="{bx:.1f}" y1="{TOP}" y2="{HEIGHT - BOTTOM}"/>'
                   f'<text x="{bx + 3:.1f}" y="{TOP + 10}">source change</text></g>')
    for line in lines:
        out.extend(_band(points, line, sx, sy))
    for line in lines:
        out.extend(_series(points, line, sx, sy, x_key))
    out.append(_legend(lines, HEIGHT - 10))
    out.append("</svg>")
    return "".join(out)


def _runs(points: list[tuple[float, dict[str, Any]]], *keys: str | None) -> list[list[tuple[float, dict[str, Any]]]]:
    """Consecutive points where every key has a value (a gap splits the run)."""
    runs: list[list[tuple[float, dict[str, Any]]]] = [[]]
    for x, row in sorted(points, key=lambda p: p[0]):
        if all(k is None or number(row.get(k)) is not None for k in keys):
            runs[-1].append((x, row))
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _band(points: list[tuple[float, dict[str, Any]]], line: Line, sx: Any, sy: Any) -> list[str]:
    if not (line.lo and line.hi):
        return []
    out = []
    for run in _runs(points, line.lo, line.hi):
        upper = [f"{sx(x):.1f},{sy(number(r[line.hi]) or 0):.1f}" for x, r in run]
        lower = [f"{sx(x):.1f},{sy(number(r[line.lo]) or 0):.1f}" for x, r in reversed(run)]
        if len(run) == 1:  # a lone point: a vertical whisker instead of an invisible polygon
            x = sx(run[0][0])
            out.append(f'<line class="band" x1="{x:.1f}" x2="{x:.1f}" y1="{upper[0].split(",")[1]}" '
                       f'y2="{lower[0].split(",")[1]}" stroke="{line.colour}" stroke-width="6" opacity="0.25"/>')
            continue
        out.append(f'<polygon class="band" data-series="{escape(line.key)}" points="{" ".join(upper + lower)}" '
                   f'fill="{line.colour}" opacity="0.18"/>')
    return out


def _series(points: list[tuple[float, dict[str, Any]]], line: Line, sx: Any, sy: Any, x_key: str) -> list[str]:
    out = []
    for run in _runs(points, line.key):
        if len(run) > 1:
            path = " ".join(f"{sx(x):.1f},{sy(number(r[line.key]) or 0):.1f}" for x, r in run)
            out.append(f'<polyline class="line" data-series="{escape(line.key)}" points="{path}" fill="none" '
                       f'stroke="{line.colour}" stroke-width="2"/>')
        for x, row in run:
            value = number(row[line.key]) or 0.0
            tip = f"{line.label}, {x_key} {x:g}: {_fmt(value)}"
            lo, hi = (number(row.get(line.lo)) if line.lo else None), (number(row.get(line.hi)) if line.hi else None)
            if lo is not None and hi is not None:
                tip += f" (interval {_fmt(lo)} to {_fmt(hi)})"
            n = number(row.get(line.count)) if line.count else None
            if n is not None:
                tip += f", {int(n)} votes"
            if row.get("session") is not None:
                tip += f", session {row['session']}"
            out.append(f'<circle class="point" data-series="{escape(line.key)}" cx="{sx(x):.1f}" '
                       f'cy="{sy(value):.1f}" r="3.5" fill="{line.colour}"><title>{escape(tip)}</title></circle>')
    return out


def _legend(lines: Sequence[Line], y: float) -> str:
    parts, x = [], LEFT
    for line in lines:
        parts.append(f'<rect x="{x}" y="{y - 9}" width="14" height="4" fill="{line.colour}"/>'
                     f'<text class="legend" x="{x + 18}" y="{y - 4}">{escape(line.label)}</text>')
        x += 30 + 7 * len(line.label)
    return f'<g class="legend">{"".join(parts)}</g>'


QUAD_COLOURS = {1: "#6baed6", 2: "#2171b5", 3: "#fc9272", 4: "#cb181d"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def event_bars(rows: Sequence[dict[str, Any]], pairs: Sequence[tuple[str, str]], *, title: str) -> str:
    """Events per year, one stacked bar per pair and year (quad 1..4), cooperation above the
    axis and conflict below it; ``pairs``: (pair key, label), e.g. ("xy", "Pakistan-Russia")."""
    years = sorted({int(y) for r in rows for y in [number(r.get("year"))] if y is not None})
    by = {(int(number(r.get("year")) or 0), str(r.get("pair"))): r for r in rows if number(r.get("year")) is not None}
    if not years or not pairs:
        return _empty(title, "no dated events between these countries")

    def count(row: dict[str, Any] | None, q: int) -> int:
        return int(number((row or {}).get(f"quad{q}")) or 0)

    up = max([count(by.get((y, p)), 1) + count(by.get((y, p)), 2) for y in years for p, _ in pairs] + [1])
    down = max([count(by.get((y, p)), 3) + count(by.get((y, p)), 4) for y in years for p, _ in pairs] + [0])
    height = HEIGHT - TOP - BOTTOM
    unit = height / (up + down)
    axis = TOP + up * unit
    slot = (WIDTH - LEFT - RIGHT) / len(years)
    bar = max(min(slot / (len(pairs) + 1), 40.0), 3.0)
    colours = ("#555555", "#999999")
    out = [f'<svg class="chart events" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">'
           f'<title>{escape(title)}</title>',
           f'<line class="axis-line" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{axis:.1f}" y2="{axis:.1f}"/>',
           f'<text class="tick" x="{LEFT - 6}" y="{TOP + 8}" text-anchor="end">{up}</text>',
           f'<text class="tick" x="{LEFT - 6}" y="{axis + 4:.1f}" text-anchor="end">0</text>']
    if down:
        out.append(f'<text class="tick" x="{LEFT - 6}" y="{HEIGHT - BOTTOM:.1f}" text-anchor="end">{down}</text>')
    out.append(f'<text class="axis" x="{LEFT}" y="{TOP - 10}">events per year: cooperation above, '
               f'conflict below</text>')
    for i, year in enumerate(years):
        base = LEFT + i * slot + (slot - bar * len(pairs)) / 2
        out.append(f'<text class="tick" x="{LEFT + (i + 0.5) * slot:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                   f'text-anchor="middle">{year}</text>')
        for j, (pair, label) in enumerate(pairs):
            row = by.get((year, pair))
            if not row:
                continue
            x = base + j * bar
            above, below = axis, axis
            for q in (2, 1, 3, 4):
                k = count(row, q)
                if not k:
                    continue
                h = k * unit
                if q <= 2:
                    above -= h
                    y = above
                else:
                    y = below
                    below += h
                tip = f"{label}, {year}: {k} {QUAD_NAMES[q]}"
                out.append(f'<rect class="event-bar" data-pair="{escape(pair)}" data-year="{year}" data-quad="{q}" '
                           f'x="{x + 1:.1f}" y="{y:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" '
                           f'fill="{QUAD_COLOURS[q]}"><title>{escape(tip)}</title></rect>')
            goldstein = number(row.get("goldstein"))
            total = int(number(row.get("n_events")) or sum(count(row, q) for q in (1, 2, 3, 4)))
            docs = number(row.get("n_documents"))
            summary = f"{label}, {year}: {total} events"
            if goldstein is not None:
                summary += f", Goldstein sum {goldstein:+.1f}"
            if docs is not None:
                summary += f", from {int(docs)} documents"
            out.append(f'<rect class="pair-mark" x="{x + 1:.1f}" y="{HEIGHT - BOTTOM + 22}" width="{bar - 2:.1f}" '
                       f'height="4" fill="{colours[j % 2]}"><title>{escape(summary)}</title></rect>')
    legend_x = LEFT
    for j, (_, label) in enumerate(pairs):
        out.append(f'<rect x="{legend_x}" y="{HEIGHT - 9}" width="14" height="4" fill="{colours[j % 2]}"/>'
                   f'<text class="legend" x="{legend_x + 18}" y="{HEIGHT - 4}">{escape(label)}</text>')
        legend_x += 30 + 7 * len(label)
    out.append("</svg>")
    return "".join(out)

"""A time-series line chart as inline SVG, drawn in Python: the explorer's first view.

The chapters' charts go through Altair and vl-convert (about 30 ms a chart and layout); the
explorer has a chart on each of thousands of series pages, rebuilt every month, so its first
view is drawn here in well under a millisecond, in the same theme (colours are the theme's CSS
custom properties, so dark mode recolours it) and the same two layouts (wide, narrow; CSS shows
the one that fits). ``assets/explorer/tradesite-explorer.js`` draws the same layout in the
browser once a reader changes the view.

The line is what the data hold: a missing period breaks it (never a line across a gap), and a
value with no neighbour is a dot. Text is escaped; the root carries ``role="img"`` and a label.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from markupsafe import Markup

from . import templating, theme
from .svg_lean import simplify

#: Plot sizes of the two layouts (the chapters': site/render/theme.LAYOUTS).
SIZES = {"wide": (720, 300), "narrow": (340, 240)}
FONT_SIZE = 12
CHAR = 6.6  # mean width of a digit or letter at FONT_SIZE, for the axis margin
MINUS = "\u2212"
#: A line with at most this many values marks each one with a dot.
DOTS_BELOW = 40


@dataclass
class Line:
    """One line: its name, the theme concept that colours it, and (period, value or None) points
    in order; ``muted`` draws it thin and grey (an older vintage under the newest)."""

    name: str
    concept: str
    points: list[tuple[str, float | None]] = field(default_factory=list)
    muted: bool = False


def month_index(period: str) -> float:
    """A period on a time axis counted in months: a month its start, a quarter or a year its
    middle ('2025-03' -> 24302, '2025-Q1' -> 24301, '2025' -> 24305.5)."""
    year = int(period[:4])
    if len(period) == 4:
        return year * 12 + 5.5
    if period[5] == "Q":
        return year * 12 + (int(period[6]) - 1) * 3 + 1
    return year * 12 + int(period[5:7]) - 1


def nice_step(span: float, count: int) -> float:
    """A tick step of 1, 2 or 5 × 10^k giving about ``count`` ticks over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / max(count, 1)
    step = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if step * m >= raw:
            return step * m
    return step * 10


def ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round values from at or below ``lo`` to at or above ``hi``."""
    if lo == hi:
        lo, hi = (lo - 1, hi + 1) if lo == 0 else (lo - abs(lo) * 0.1, hi + abs(hi) * 0.1)
    step = nice_step(hi - lo, count)
    start, stop = math.floor(lo / step), math.ceil(hi / step)
    return [round(i * step, 10) for i in range(start, stop + 1)]


def label(value: float, step: float) -> str:
    """An axis label: thousands separators, as many decimals as the step needs, a true minus."""
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    text = f"{abs(value):,.{decimals}f}"
    return (MINUS if value < 0 and float(text.replace(",", "")) != 0 else "") + text


def _f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _segments(points: list[tuple[float, float | None]]) -> list[list[tuple[float, float]]]:
    out: list[list[tuple[float, float]]] = []
    run: list[tuple[float, float]] = []
    for x, y in points:
        if y is None or (isinstance(y, float) and math.isnan(y)):
            if run:
                out.append(run)
            run = []
        else:
            run.append((x, y))
    if run:
        out.append(run)
    return out


def _with_gaps(line: Line, step: int) -> list[tuple[float, float | None]]:
    """The line's points with a None wherever a period between two of them is missing."""
    out: list[tuple[float, float | None]] = []
    last = None
    for period, value in line.points:
        x = month_index(period)
        if last is not None and x - last > step + 1e-9:
            out.append((last + step, None))
        out.append((x, value))
        last = x
    return out


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def x_ticks(x0: float, x1: float, width: float, layout: str) -> list[tuple[float, str]]:
    """Ticks of the time axis (months counted from year 0) and their labels: years, or for a span
    under two years months ('Mar 2025'), as many as fit."""
    if x1 - x0 >= 24:
        room = max(1, int(width // (38 if layout == "wide" else 34)))
        years = range(int(x0 // 12), int(x1 // 12) + 2)
        step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100) if len(years) / s <= room)
        return [(y * 12, str(y)) for y in years if not y % step and x0 <= y * 12 <= x1]
    room = max(1, int(width // (70 if layout == "wide" else 64)))
    months = range(int(math.ceil(x0)), int(x1) + 1)
    step = next(s for s in (1, 2, 3, 6, 12) if len(months) / s <= room)
    return [(m, f"{MONTHS[m % 12]} {m // 12}") for m in months if not m % step]


def svg(lines: list[Line], frequency: str, layout: str, aria_label: str, id_prefix: str = "") -> Markup:
    """One layout of the chart, as an inline ``<svg>`` (escaped text, theme classes)."""
    width, height = SIZES[layout]
    step = {"monthly": 1, "quarterly": 3, "annual": 12}[frequency]
    series = [(line, _with_gaps(line, step)) for line in lines]
    values = [y for _, pts in series for _, y in pts if y is not None]
    xs = [x for _, pts in series for x, _ in pts]
    if not values:
        raise ValueError(f"chart {aria_label!r}: no value to draw")
    lo, hi = min(values), max(values)
    y_ticks = ticks(lo, hi, 5 if layout == "wide" else 4)
    y_step = y_ticks[1] - y_ticks[0] if len(y_ticks) > 1 else 1.0
    y_labels = [label(t, y_step) for t in y_ticks]
    left = 8 + CHAR * max(len(t) for t in y_labels)
    top, right, bottom = 8, 12, 22
    pw, ph = width - left - right, height - top - bottom
    x0, x1 = min(xs), max(xs)
    if x1 == x0:
        x0, x1 = x0 - step, x1 + step
    y0, y1 = y_ticks[0], y_ticks[-1]

    def sx(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * pw

    def sy(y: float) -> float:
        return top + (y1 - y) / (y1 - y0) * ph

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ts-lc" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{templating.escape(aria_label)}" '
        f'font-size="{FONT_SIZE}">'
    ]
    grid, text = [], []
    for t, name in zip(y_ticks, y_labels):
        y = _f(sy(t))
        grid.append(f"M{_f(left)},{y}H{_f(left + pw)}")
        text.append(f'<text x="{_f(left - 6)}" y="{y}" dy="0.32em" text-anchor="end">{templating.escape(name)}</text>')
    for x, name in x_ticks(x0, x1, pw, layout):
        half = len(name) * CHAR / 2  # a label at either end stays inside the chart
        tx = min(max(sx(x), left + half), left + pw + right - half - 1)
        text.append(f'<text x="{_f(tx)}" y="{_f(top + ph + 16)}" text-anchor="middle">{templating.escape(name)}</text>')
        grid.append(f"M{_f(sx(x))},{_f(top + ph)}v4")
    parts.append(f'<path class="ts-lc-grid" d="{"".join(grid)}"/>')
    if y0 < 0 < y1:
        parts.append(f'<path class="ts-lc-zero" d="M{_f(left)},{_f(sy(0))}H{_f(left + pw)}"/>')
    parts.append(f'<g class="ts-lc-axis">{"".join(text)}</g>')
    for line, pts in series:
        cls = "ts-lc-line ts-lc-muted" if line.muted else "ts-lc-line"
        colour = "muted" if line.muted else line.concept
        style = f' style="--c:var(--ts-chart-{colour})"'
        d, dots = [], []
        sparse = sum(1 for _, y in pts if y is not None) <= DOTS_BELOW
        for run in _segments([(sx(x), None if y is None else sy(y)) for x, y in pts]):
            if sparse:  # a few values: each one marked, so a reader sees what the line joins
                dots += [f'<circle cx="{_f(x)}" cy="{_f(y)}" r="2.5"/>' for x, y in run]
            if len(run) == 1:
                if not sparse:
                    dots.append(f'<circle cx="{_f(run[0][0])}" cy="{_f(run[0][1])}" r="2.5"/>')
                continue
            run = simplify(run)
            d.append("M" + "L".join(f"{_f(x)},{_f(y)}" for x, y in run))
        parts.append(
            f'<g class="{cls}"{style} data-name="{templating.escape(line.name)}">'
            + (f'<path d="{"".join(d)}"/>' if d else "")
            + "".join(dots)
            + "</g>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def concept(flow: str) -> str:
    """The theme concept of a series' flow (its colour on every chart of the site)."""
    return flow if flow in theme.COLOURS else "balance"

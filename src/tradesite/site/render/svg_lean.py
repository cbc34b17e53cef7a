"""A static chart SVG made lean enough to sit inline in a page (:mod:`.charts`).

vl-convert writes what Vega's SVG renderer writes: ARIA roles for every mark (the figure's
text says what the chart shows instead), classes, event hints, default opacities, nested bare
groups, points as two-arc paths, a vertex per month for series longer than their plot is
wide, and coordinates to fifteen digits. :func:`lean` keeps the drawing and drops the rest (a
chart's HTML is about half as large, its elements about half as many);
:func:`inline` gives it its label and page-unique ids.
"""

from __future__ import annotations

import math
import re

from markupsafe import Markup

from . import templating, theme

#: Bump when :func:`lean` changes: the SVG cache keeps lean SVGs.
VERSION = "1"
FONT_ATTR = f' font-family="{templating.escape(theme.FONT)}"'

_TAG = re.compile(r"<[^>]+>")
#: What a static SVG does without: Vega's ARIA (the figure has text), its classes and event
#: hints, default opacity, empty translations, and digits past a tenth of a pixel.
_DROP = re.compile(r'\s(?:role|aria-[a-z]+|class|pointer-events)="[^"]*"|\sopacity="1"|\stransform="translate\(0,0\)"')
_DECIMALS = re.compile(r"(-?\d+\.\d)\d+")
_EMPTY = re.compile(r'<path d="(?:M0,0h0v0h0Z|)"(?: display="none")?/>')
#: Vega draws a point as a path of two arcs; a circle says the same in a fifth of the bytes.
_POINT = re.compile(
    r'<path transform="translate\(([-\d.]+),([-\d.]+)\)" '
    r'd="M([\d.]+),0A\3,\3,0,1,1,-\3,0A\3,\3,0,1,1,\3,0"([^>]*)/>'
)
_UNSTROKED = re.compile(r'\s(?:stroke-width|stroke-dasharray)="[^"]*"')


def _circle(m: re.Match) -> str:
    rest = m.group(4) if " stroke=" in m.group(4) else _UNSTROKED.sub("", m.group(4))
    return f'<circle cx="{m.group(1)}" cy="{m.group(2)}" r="{m.group(3)}"{rest}/>'


_IDS = re.compile(r'(\sid="|url\(#|href="#)([^")]+)')
_ROOT = re.compile(r"^<svg\b([^>]*)>")
_SIZE = re.compile(r'\swidth="([\d.]+)" height="([\d.]+)"')


#: A line's path (moves and lines only) and the tolerance, in pixels, of its simplified twin.
_POLYLINE = re.compile(r'\sd="(M[-\d.,L]+)"')
TOLERANCE = 0.25


def simplify(points: list[tuple[float, float]], tolerance: float = TOLERANCE) -> list[tuple[float, float]]:
    """Ramer-Douglas-Peucker: the points a line needs to stay within :data:`TOLERANCE` of itself
    (a monthly series since 1992 has more points than its plot has pixels)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1.0
        far, at = 0.0, None
        for i in range(a + 1, b):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm
            if d > far:
                far, at = d, i
        if at is not None and far > tolerance:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [pt for pt, k in zip(points, keep) if k]


def _polyline(m: re.Match) -> str:
    parts = m.group(1)[1:].split("L")
    if len(parts) < 8 or "M" in m.group(1)[1:]:
        return m.group(0)
    points = [(float(x), float(y)) for x, y in (p.split(",") for p in parts)]
    fmt = lambda v: f"{v:.1f}".rstrip("0").rstrip(".")
    return ' d="M' + "L".join(f"{fmt(x)},{fmt(y)}" for x, y in simplify(points)) + '"'


_GROUP = re.compile(r"<g\b([^>]*?)(/?)>|</g>")


def _unwrap(text: str) -> str:
    """Drop the groups that only group (no attribute): Vega nests many; their children stay."""
    out: list[str] = []
    stack: list[bool] = []
    last = 0
    for m in _GROUP.finditer(text):
        if m.group(0) == "</g>":
            bare = stack.pop()
        else:
            bare = not m.group(1).strip()
            if m.group(2):  # <g/>: an empty group, dropped when bare
                if bare:
                    out.append(text[last : m.start()])
                    last = m.end()
                continue
            stack.append(bare)
        if bare:
            out.append(text[last : m.start()])
            last = m.end()
    out.append(text[last:])
    return "".join(out)


def _lean_tag(tag: str) -> str:
    tag = _DROP.sub("", tag).replace(FONT_ATTR, "")
    return _DECIMALS.sub(lambda m: m.group(1).rstrip("0").rstrip("."), tag)


def lean(text: str) -> str:
    """The SVG vl-convert rendered, lean (see the module's docstring); the font is set once, on the root."""
    text = _EMPTY.sub("", _TAG.sub(lambda m: _lean_tag(m.group(0)), text.strip()))
    text = _POLYLINE.sub(_polyline, _unwrap(_POINT.sub(_circle, text)))
    m = _ROOT.match(text)
    if not m:
        raise ValueError(f"vl-convert returned no <svg> element: {text[:80]!r}")
    return f"<svg{m.group(1)}{FONT_ATTR}>" + text[m.end() :]


def inline(text: str, prefix: str, label: str) -> tuple[Markup, tuple[float, float]]:
    """A lean SVG as one image in the page: ``role="img"`` with the chart's description, ids made
    unique with ``prefix``; returns it and its size."""
    text = _IDS.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", text)
    m = _ROOT.match(text)
    if m is None:
        raise ValueError(f"a chart's SVG starts with <svg ...>, not {text[:40]!r}")
    size = _SIZE.search(m.group(1))
    width, height = (float(size.group(1)), float(size.group(2))) if size else (0.0, 0.0)
    root = (
        f'<svg{m.group(1)} class="ts-chart-static" role="img" aria-label="{templating.escape(label)}" '
        f'focusable="false">'
    )
    return Markup(root + text[m.end() :]), (width, height)

"""Chart renderer: one :class:`~tradesite.site.render.model.Chart` -> HTML figure + data file.

The page gets the chart as it reads without JavaScript: its title, unit and a sentence of what
it shows as text, and a static SVG inline (rendered at build time by vl-convert, in a wide and
a narrow layout; CSS shows the one that fits the column, and paints the dark scheme over the
light colours: :func:`.theme.css`). Its size is in the HTML, so nothing moves as the page loads.

Beside the page, ``<id>.json`` holds the data the chart encodes (no other field). The
Vega-Lite spec of each layout sits in the figure (data by URL, no theme); only when a reader
reaches for a chart (hover, focus, tap) does ``tradesite-charts.js`` fetch Vega and the theme
and draw it live over the static SVG, for tooltips. The ``<figure>`` is ``templates/chart.html.j2``.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import vl_convert as vlc

from ... import paths
from . import svg_lean, templating, theme
from .model import Chart
from .urls import series_href

SOURCE_LINE = "Source: U.S. Census Bureau and U.S. Bureau of Economic Analysis"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LAYOUTS = tuple(theme.LAYOUTS)  # ('wide', 'narrow')


@dataclass
class Rendered:
    html: str
    files: dict[str, bytes] = field(default_factory=dict)


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


# ---------------------------------------------------------------- specs


def _fields(node, found: set[str]) -> bool:
    """Collect every ``field`` the spec names; False when a transform could read others."""
    ok = True
    if isinstance(node, dict):
        if "transform" in node or "joinaggregate" in node:
            ok = False
        if isinstance(node.get("field"), str):
            found.add(node["field"])
        for v in node.values():
            ok = _fields(v, found) and ok
    elif isinstance(node, list):
        for v in node:
            ok = _fields(v, found) and ok
    return ok


def _value(v):
    """A number without float noise (12.345000000000001 -> 12.345): 12 significant digits
    keep every digit the official files print."""
    if isinstance(v, float) and math.isfinite(v):
        return float(f"{v:.12g}")
    return v


def trim(full: dict) -> dict:
    """The spec with each dataset cut to the fields the chart encodes (encodings, tooltips,
    sorts, facets); a spec with transforms keeps its data whole."""
    datasets = full.get("datasets")
    if not datasets:
        return full
    found: set[str] = set()
    used = found if _fields({k: v for k, v in full.items() if k != "datasets"}, found) else None
    out = dict(full)
    out["datasets"] = {
        name: [{k: _value(v) for k, v in row.items() if used is None or k in used} for row in rows]
        for name, rows in datasets.items()
    }
    return out


def spec(chart: Chart) -> dict:
    """The chart's Vega-Lite spec (wide layout): data inline and trimmed, no title (the page
    has it as text, which wraps on a phone), no theme. Altair validates in the tests."""
    d = chart.chart.properties(description=chart.description).to_dict(validate=False)
    d.pop("config", None)
    d.pop("$schema", None)
    return trim(d)


#: The narrow layout: plots this much narrower, facets in two columns, long labels shorter.
NARROW_SCALE = theme.LAYOUTS["narrow"]["width"] / theme.LAYOUTS["wide"]["width"]
NARROW_LABEL_LIMIT = 140
NARROW_COLUMNS = 2
NARROW_PANEL = 150


def narrow(node, in_facet: bool = False):
    """The spec for a phone held upright, from the wide one: explicit plot widths scaled
    (a facet's panels to fit two columns), long axis labels cut shorter, legends and facets
    in at most two columns."""
    if isinstance(node, list):
        return [narrow(v, in_facet) for v in node]
    if not isinstance(node, dict):
        return node
    facet = "facet" in node and "spec" in node
    out = {}
    for k, v in node.items():
        if k == "width" and isinstance(v, (int, float)):
            out[k] = NARROW_PANEL if in_facet else max(160, round(v * NARROW_SCALE))
        elif k == "labelLimit" and isinstance(v, (int, float)) and v > NARROW_LABEL_LIMIT:
            out[k] = NARROW_LABEL_LIMIT
        elif k == "columns" and isinstance(v, int):
            out[k] = min(v, NARROW_COLUMNS)
        elif k == "datasets":
            out[k] = v
        else:
            out[k] = narrow(v, in_facet or (facet and k == "spec"))
    return out


# ---------------------------------------------------------------- static SVG

#: Rendered SVGs by content hash (spec, theme, vl-convert version): rebuilding a release,
#: building it for mike after a plain build, or a release whose chart did not change does
#: not render it again. Child builds of ``tradesite site build`` share it (same checkout).
#: Its folder is a setting (``Settings.svg_cache``, env ``TRADESITE_SVG_CACHE``: scripts/bench_site.py
#: measures a cold build), given to :func:`svg`, :func:`prerender` and :func:`render` (default: a
#: checkout's, this one; None: in memory only).
SVG_CACHE = paths.ROOT / "build" / "svg-cache"
#: Threads rendering SVGs at once (vl-convert renders outside Python's lock).
WORKERS = max(1, min(4, os.cpu_count() or 1))


_MEMO: dict[str, str] = {}


def svg(full_spec: dict, layout: str = "wide", cache: Path | None = SVG_CACHE) -> str:
    """Static SVG of a spec with inline data, in one layout, lean (:func:`.svg_lean.lean`; no
    embedded fonts), kept in the folder ``cache`` (None: in memory only)."""
    s = dict(full_spec, config=theme.config(layout))
    # vl_convert has __version__ at run time; its type stubs leave it out
    key = hashlib.sha256((_dumps(s) + vlc.__version__ + svg_lean.VERSION).encode()).hexdigest()  # type: ignore[attr-defined]
    if key in _MEMO:
        return _MEMO[key]
    if cache is None:
        _MEMO[key] = text = svg_lean.lean(vlc.vegalite_to_svg(s))
        return text
    cached = cache / f"{key}.svg"
    if cached.is_file():
        _MEMO[key] = text = cached.read_text(encoding="utf-8")
        return text
    _MEMO[key] = text = svg_lean.lean(vlc.vegalite_to_svg(s))
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.{id(s)}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(cached)
    except OSError:
        pass  # a read-only checkout still builds, just without the cache
    return text


def prerender(charts: list[Chart], cache: Path | None = SVG_CACHE) -> None:
    """Render every layout of ``charts`` on a few threads (vl-convert works outside Python's
    lock), so that :func:`render` finds them rendered (kept in ``cache`` too, as :func:`svg`)."""
    jobs = [(full, layout) for full in map(spec, charts) for layout, full in (("wide", full), ("narrow", narrow(full)))]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(lambda job: svg(job[0], job[1], cache), jobs))


# ---------------------------------------------------------------- the figure


def _with_urls(node, urls: dict[str, str], small: dict[str, list]):
    """Replace ``{"name": dataset}`` references by ``{"url": file}`` (or tiny inline values)."""
    if isinstance(node, dict):
        if set(node) == {"name"} and node["name"] in urls:
            return {"url": urls[node["name"]], "format": {"type": "json"}}
        if set(node) == {"name"} and node["name"] in small:
            return {"values": small[node["name"]]}
        return {k: _with_urls(v, urls, small) for k, v in node.items()}
    if isinstance(node, list):
        return [_with_urls(v, urls, small) for v in node]
    return node


#: Datasets this small (a zero line, a label) stay inline: a file each would cost more.
INLINE_MAX_ROWS = 3


def render(chart: Chart, folder: str = "", cache: Path | None = SVG_CACHE) -> Rendered:
    """Render one chart whose page lives in ``folder`` (``overview`` or '' for the home); its SVGs
    kept in ``cache`` (see :func:`svg`)."""
    if not ID_RE.match(chart.id):
        raise ValueError(f"chart id {chart.id!r}: expected lowercase letters, digits and '-'")
    if not chart.summary.strip():
        raise ValueError(f"chart {chart.id!r} ({chart.title}): no summary; say in one sentence what it shows")
    prefix = f"{folder}/" if folder else ""
    full = spec(chart)
    datasets = full.get("datasets", {})
    small = {n: d for n, d in datasets.items() if len(d) <= INLINE_MAX_ROWS}
    names = sorted(n for n in datasets if n not in small)
    urls = {
        name: (f"{chart.id}.json" if len(names) == 1 else f"{chart.id}-{i + 1}.json") for i, name in enumerate(names)
    }
    files: dict[str, bytes] = (
        {prefix + urls[n]: (_dumps(datasets[n]) + "\n").encode() for n in names} if chart.interactive else {}
    )
    views = []
    for layout, live in (("wide", full), ("narrow", narrow(full))):
        by_url = _with_urls({k: v for k, v in live.items() if k != "datasets"}, urls, small)
        static, (width, height) = svg_lean.inline(
            svg(live, layout, cache), f"chart-{chart.id}-{layout}", chart.description
        )
        views.append(
            {
                "layout": layout,
                "svg": static,
                "spec": _dumps(by_url) if chart.interactive else None,
                "width": width,
                "height": height,
            }
        )
    out = templating.render(
        "chart.html.j2",
        id=chart.id,
        title=chart.title,
        unit=chart.unit,
        summary=chart.summary,
        views=views,
        source_line=SOURCE_LINE,
        source=chart.source,
        data_urls=[urls[n] for n in names] if chart.interactive else [],
        series=[(series_href(sid, folder), words) for sid, words in chart.series],  # the explorer's pages
    )
    return Rendered(out, files)

"""Chart renderer: one :class:`~tradesite.site.model.Chart` -> HTML figure + files.

For each chart the page gets

* ``<id>.json``: the chart's data, written once, referenced by URL from the spec;
* ``<id>-light.svg`` and ``<id>-dark.svg``: static renderings (vl-convert, at build time)
  shown by CSS according to ``[data-md-color-scheme]``, so the chart reads without
  JavaScript, in print and right after instant navigation;
* the Vega-Lite spec (data by URL, no theme) inline in the page, which
  ``tradesite-charts.js`` hands to vega-embed for tooltips, themed for the current scheme.

The ``<figure>`` is ``templates/chart.html.j2``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field

import vl_convert as vlc

from .. import paths
from . import templating, theme
from .model import Chart

SOURCE_LINE = "Source: U.S. Census Bureau and U.S. Bureau of Economic Analysis"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class Rendered:
    html: str
    files: dict[str, bytes] = field(default_factory=dict)


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


#: Datasets this small (a zero line, a label) stay inline: a file each would cost more.
INLINE_MAX_ROWS = 3


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


def spec(chart: Chart) -> dict:
    """The chart's full Vega-Lite spec, data inline, title/unit/description set, no theme."""
    ch = chart.chart.properties(
        title={"text": chart.title, "subtitle": chart.unit.capitalize()} if chart.unit else chart.title,
        description=chart.description,
    )
    with_theme_off = ch.to_dict(validate=True)
    with_theme_off.pop("config", None)
    return with_theme_off


#: Rendered SVGs by content hash (spec, theme, vl-convert version): rebuilding a release,
#: or building it for mike after a plain build, does not render the same chart twice.
SVG_CACHE = paths.ROOT / "build" / "svg-cache"


def svg(full_spec: dict, palette: str) -> str:
    """Static SVG of a spec with inline data, in one palette; lean (no embedded fonts)."""
    s = dict(full_spec, config=theme.config(palette))
    key = hashlib.sha256((_dumps(s) + vlc.__version__).encode()).hexdigest()
    cached = SVG_CACHE / f"{key}.svg"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    text = vlc.vegalite_to_svg(s)
    try:
        SVG_CACHE.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(cached)
    except OSError:
        pass  # a read-only checkout still builds, just without the cache
    return text


#: light palette colour -> dark palette colour (the two palettes differ only in colours)
DARK_OF = {
    **{theme.PALETTES["light"][k]: theme.PALETTES["dark"][k] for k in ("text", "muted", "grid")},
    **dict(zip(theme.PALETTES["light"]["category"], theme.PALETTES["dark"]["category"])),
}
_LIGHT_RE = re.compile("|".join(re.escape(c) for c in DARK_OF))


def recolor(light_svg: str) -> str:
    """The dark SVG from the light one: the palettes differ only in colours, so swapping them
    gives what rendering with the dark config gives (tests/site/test_charts.py checks), at half the cost."""
    return _LIGHT_RE.sub(lambda m: DARK_OF[m.group(0)], light_svg)


def render(chart: Chart, folder: str = "") -> Rendered:
    """Render one chart whose page lives in ``folder`` (``overview`` or '' for the home)."""
    if not ID_RE.match(chart.id):
        raise ValueError(f"chart id {chart.id!r}: expected lowercase letters, digits and '-'")
    prefix = f"{folder}/" if folder else ""
    full = spec(chart)
    datasets = full.pop("datasets", {})
    small = {n: d for n, d in datasets.items() if len(d) <= INLINE_MAX_ROWS}
    names = sorted(n for n in datasets if n not in small)
    urls = {name: (f"{chart.id}.json" if len(names) == 1 else f"{chart.id}-{i + 1}.json")
            for i, name in enumerate(names)}
    files: dict[str, bytes] = {prefix + urls[n]: (_dumps(datasets[n]) + "\n").encode() for n in names}
    by_url = _with_urls(full, urls, small)
    inline = dict(full, datasets=datasets) if datasets else full
    light = svg(inline, "light")
    files[f"{prefix}{chart.id}-light.svg"] = light.encode()
    files[f"{prefix}{chart.id}-dark.svg"] = recolor(light).encode()

    out = templating.render(
        "chart.html.j2", id=chart.id, description=chart.description, width=theme.WIDTH, spec=_dumps(by_url),
        title=chart.title, unit=chart.unit, source_line=SOURCE_LINE, source=chart.source,
        data_urls=[urls[n] for n in names],
    )
    return Rendered(out, files)

"""The one chart theme: a colour per concept, a layout for wide and for narrow screens.

A concept keeps its colour on every chart of the site (exports, imports, balance, goods,
services; an increase or a surplus, a decrease or a deficit): :func:`color` is the only way a
chart colours its series, and it refuses a series without a colour here. Charts are rendered
in the light colours; the dark scheme swaps each light colour for its dark twin in CSS
(:func:`css`: custom properties on Material's ``[data-md-color-scheme]``), so one SVG serves
both schemes, static or live. Light colours are unique, so the swap is a function.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import altair as alt

#: System fonts only: no web fonts are loaded (``theme.font: false``).
FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

#: concept -> (light, dark). Each meets 3:1 against its background (white; Material's slate).
COLOURS = {
    "exports": ("#1c5fb8", "#6aa7f8"),
    "imports": ("#c2410c", "#fb923c"),
    "balance": ("#4b5563", "#cbd5e1"),
    "goods": ("#0f766e", "#2dd4bf"),
    "services": ("#7c3aed", "#c4b5fd"),
    "positive": ("#4d7c0f", "#a3e635"),  # an increase, a surplus
    "negative": ("#be185d", "#f472b6"),  # a decrease, a deficit
}
#: Text, axes and grid lines, light and dark.
INK = {"text": ("#1f2329", "#e2e4e9"), "muted": ("#5f6673", "#a3a9b5"), "grid": ("#e3e5ea", "#3a3f4b")}

#: The words a chart's data uses for a series -> its concept ('muted': no concept), in the
#: order legends list them.
SERIES = {
    "Exports": "exports",
    "Imports": "imports",
    "Balance": "balance",
    "Goods": "goods",
    "Services": "services",
    "increase": "positive",
    "decrease": "negative",
    "no change": "muted",
    "surplus": "positive",
    "deficit": "negative",
}
#: Line patterns, one meaning each (solid: the total, or the balance of payments basis).
DASHES = {
    "Balance of payments basis": [1, 0],
    "Census basis": [6, 3],
    "Total": [1, 0],
    "Goods": [2, 2],
    "Services": [7, 3, 2, 3],
}

#: Plot size of a single view, wide (desktop) and narrow (a phone held upright).
LAYOUTS = {"wide": {"width": 640, "height": 300}, "narrow": {"width": 300, "height": 240}}
WIDTH = LAYOUTS["wide"]["width"]
HEIGHT = LAYOUTS["wide"]["height"]
#: Below this width a figure shows its narrow layout (a CSS container query).
NARROW_BELOW = 560


def _light(name: str) -> str:
    return (COLOURS.get(name) or INK[name])[0]


def colour(series: str) -> str:
    """The light colour of a series or concept ('Exports' or 'exports')."""
    name = SERIES.get(series, series)
    if name not in COLOURS and name not in INK:
        raise ValueError(
            f"no colour for {series!r}: give it a concept in tradesite.site.render.theme.SERIES "
            f"(concepts: {', '.join(COLOURS)})"
        )
    return _light(name)


def ordered(values, known: dict) -> list[str]:
    """``values`` in the order of ``known`` (legends list the report's order); refuses unknown ones."""
    values = set(values)
    unknown = sorted(values - set(known))
    if unknown:
        raise ValueError(f"no theme entry for {', '.join(map(repr, unknown))}: add it to tradesite.site.render.theme")
    return [v for v in known if v in values]


def color(field: str, values, title: str | None = None, legend: bool = True) -> alt.Color:
    """The colour channel for ``field`` (nominal) whose data holds ``values``: each value in its
    concept's colour, whatever else the chart shows."""
    domain = ordered(values, SERIES)
    no_legend: dict[str, Any] = {} if legend else {"legend": None}
    return alt.Color(
        f"{field}:N",
        title=title,
        sort=domain,
        scale=alt.Scale(domain=domain, range=[colour(v) for v in domain]),
        **no_legend,
    )


def stroke_dash(field: str, values, title: str | None = None) -> alt.StrokeDash:
    """The line pattern for ``field`` (nominal): each value its pattern of :data:`DASHES`."""
    domain = ordered(values, DASHES)
    return alt.StrokeDash(
        f"{field}:N", title=title, sort=domain, scale=alt.Scale(domain=domain, range=[DASHES[v] for v in domain])
    )


def config(layout: str = "wide") -> dict:
    """The Vega-Lite ``config`` of one layout ('wide' or 'narrow'), in the light colours."""
    size = LAYOUTS[layout]
    text, muted, grid = (_light(k) for k in ("text", "muted", "grid"))
    axis = {
        "labelColor": muted,
        "titleColor": text,
        "gridColor": grid,
        "domainColor": muted,
        "tickColor": muted,
        "labelFont": FONT,
        "titleFont": FONT,
        "labelFontSize": 12,
        "titleFontSize": 12,
        "titleFontWeight": "normal",
    }
    return {
        "background": None,
        "font": FONT,
        "aria": False,  # the figure's text says what the chart shows (charts.py)
        "view": {"stroke": None, "continuousWidth": size["width"], "continuousHeight": size["height"]},
        "axis": axis,
        "axisQuantitative": {"format": ",~f"},  # 400 not 400.0; 2.5 stays 2.5
        "axisTemporal": {"grid": False},  # a time axis: ticks, no vertical rules
        "legend": {
            "labelColor": text,
            "titleColor": text,
            "labelFont": FONT,
            "titleFont": FONT,
            "labelFontSize": 12,
            "orient": "top",
            "title": None,
            "labelLimit": 0,
            "symbolStrokeColor": text,
        },  # a line pattern's symbol (Vega: #888)
        "header": {
            "labelColor": text,
            "titleColor": text,
            "labelFont": FONT,
            "titleFont": FONT,
            "labelFontSize": 12,
        },  # small-multiple panel titles (facets)
        "title": {
            "color": text,
            "subtitleColor": muted,
            "font": FONT,
            "subtitleFont": FONT,
            "fontSize": 15,
            "anchor": "start",
            "offset": 10,
        },
        "text": {"color": text, "font": FONT},
        "range": {"category": [c[0] for c in COLOURS.values()]},
        "mark": {"color": muted},  # a chart that forgets its colour shows it in grey, not in a concept's
        "line": {"strokeWidth": 2},
        "point": {"filled": True, "size": 40},
        "rule": {"color": muted},
        "numberFormat": ",.1f",
    }


def _register() -> None:
    for layout in LAYOUTS:
        # altair types a theme as its ThemeConfig TypedDict; ours is a plain dict of the same keys
        alt.theme.register(f"tradesite-{layout}", enable=False)(lambda layout=layout: {"config": config(layout)})  # type: ignore[typeddict-item]


_register()


def dark_of() -> dict[str, str]:
    """Light colour -> dark colour, for every colour a chart is drawn in."""
    return dict([*COLOURS.values(), *INK.values()])


def css() -> str:
    """``tradesite-charts.css``: the figure's layout (``assets/charts.css``), the colours as
    custom properties, light on the page and dark under Material's slate scheme, and the rules
    that paint each light colour of an SVG with its property."""
    layout = resources.files("tradesite.assets").joinpath("charts.css").read_text(encoding="utf-8")
    names = {**COLOURS, **INK}
    light = "; ".join(f"--ts-chart-{n}: {c[0]}" for n, c in names.items())
    dark = "; ".join(f"--ts-chart-{n}: {c[1]}" for n, c in names.items())
    rules = [f":root {{ {light}; }}", f'[data-md-color-scheme="slate"] {{ {dark}; }}']
    for n, (c, _) in names.items():
        rules.append(
            f'.ts-chart svg [fill="{c}"] {{ fill: var(--ts-chart-{n}); }} '
            f'.ts-chart svg [stroke="{c}"] {{ stroke: var(--ts-chart-{n}); }}'
        )
    return layout + "\n".join(rules) + "\n"


def javascript() -> str:
    """``tradesite-theme.js``, fetched with Vega: the config of each layout."""
    themes = {layout: config(layout) for layout in LAYOUTS}
    return "window.tradesiteTheme = " + json.dumps(themes, sort_keys=True, separators=(",", ":")) + ";\n"

"""The one chart theme, in a light and a dark palette.

The palettes follow mkdocs-material's two schemes (``default`` and ``slate``) so a chart
reads like the page around it. The same configs are used for the static SVGs rendered
at build time and, through ``tradesite-theme.js``, by vega-embed in the browser.
"""

from __future__ import annotations

import json

import altair as alt

#: Material scheme name -> our palette name.
SCHEMES = {"default": "light", "slate": "dark"}

#: System fonts only: no web fonts are loaded (``theme.font: false``).
FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

#: Series colours in the report's order: exports, imports, balance, then others.
#: Chosen for contrast on both backgrounds (WCAG AA against white and Material's slate).
PALETTES = {
    "light": {
        "text": "#1f2329",
        "muted": "#5f6673",
        "grid": "#e3e5ea",
        "category": ["#1c5fb8", "#c2410c", "#4b5563", "#0f766e", "#7c3aed", "#4d7c0f", "#be185d"],
    },
    "dark": {
        "text": "#e2e4e9",
        "muted": "#a3a9b5",
        "grid": "#3a3f4b",
        "category": ["#6aa7f8", "#fb923c", "#cbd5e1", "#2dd4bf", "#c4b5fd", "#a3e635", "#f472b6"],
    },
}

WIDTH = 640
HEIGHT = 300


def config(palette: str) -> dict:
    """The Vega-Lite ``config`` for one palette ('light' or 'dark')."""
    p = PALETTES[palette]
    axis = {
        "labelColor": p["muted"],
        "titleColor": p["text"],
        "gridColor": p["grid"],
        "domainColor": p["muted"],
        "tickColor": p["muted"],
        "labelFont": FONT,
        "titleFont": FONT,
        "labelFontSize": 12,
        "titleFontSize": 12,
        "titleFontWeight": "normal",
    }
    return {
        "background": None,
        "font": FONT,
        "view": {"stroke": None, "continuousWidth": WIDTH, "continuousHeight": HEIGHT},
        "axis": axis,
        "axisQuantitative": {"format": ",~f"},  # 400 not 400.0; 2.5 stays 2.5
        "legend": {
            "labelColor": p["text"],
            "titleColor": p["text"],
            "labelFont": FONT,
            "titleFont": FONT,
            "labelFontSize": 12,
            "orient": "top",
            "title": None,
        },
        "header": {"labelColor": p["text"], "titleColor": p["text"], "labelFont": FONT, "titleFont": FONT,
                   "labelFontSize": 12},  # small-multiple panel titles (facets)
        "title": {"color": p["text"], "subtitleColor": p["muted"], "font": FONT, "subtitleFont": FONT,
                  "fontSize": 15, "anchor": "start", "offset": 10},
        "text": {"color": p["text"], "font": FONT},
        "range": {"category": p["category"]},
        "line": {"strokeWidth": 2},
        "point": {"filled": True, "size": 40},
        "bar": {"color": p["category"][0]},
        "rule": {"color": p["muted"]},
        "numberFormat": ",.1f",
    }


def _register() -> None:
    for palette in PALETTES:
        alt.theme.register(f"tradesite-{palette}", enable=False)(lambda palette=palette: {"config": config(palette)})


_register()


def javascript() -> str:
    """``tradesite-theme.js``: both configs for the browser, keyed by Material scheme."""
    themes = {scheme: config(palette) for scheme, palette in SCHEMES.items()}
    return "window.tradesiteThemes = " + json.dumps(themes, sort_keys=True, separators=(",", ":")) + ";\n"

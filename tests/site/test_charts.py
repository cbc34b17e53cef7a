"""Charts: valid specs, data written once and referenced by URL, light and dark SVGs, text for screen readers."""

from __future__ import annotations

import html
import json

import altair as alt
import pandas as pd
import pytest

from tradesite.releases import bundled
from tradesite.site import charts, theme
from tradesite.site.model import Chart

from .built import chapters


def all_charts():
    for release_id in bundled():
        for chapter in chapters(release_id)[0]:
            for chart in chapter.charts():
                yield pytest.param(chapter.slug, chart, id=f"{release_id}-{chapter.slug}-{chart.id}")


@pytest.mark.parametrize("slug,chart", list(all_charts()))
def test_chart_renders(slug, chart):
    spec = chart.chart.to_dict()  # validates against the Vega-Lite schema
    assert spec
    assert chart.title and chart.description and chart.source and chart.unit

    r = charts.render(chart, slug)
    data_files = {p: c for p, c in r.files.items() if p.endswith(".json")}
    assert data_files, "the chart's data is written to a file"
    embedded = html.unescape(r.html.split('data-spec="')[1].split('"')[0])
    live = json.loads(embedded)
    assert "datasets" not in live
    for path, content in data_files.items():
        records = json.loads(content)
        assert records, path
        name = path.rsplit("/", 1)[-1]
        assert f'"url":"{name}"' in embedded  # referenced by URL ...
        assert json.dumps(records[0], ensure_ascii=False, separators=(",", ":"), sort_keys=True) not in r.html  # ... not inlined
    for palette in theme.PALETTES:
        svg = r.files[f"{slug}/{chart.id}-{palette}.svg"].decode()
        assert svg.startswith("<svg") and chart.title in svg
    # the dark SVG (recoloured light one) is what rendering with the dark theme gives
    full = charts.spec(chart)
    assert r.files[f"{slug}/{chart.id}-dark.svg"].decode() == charts.svg(full, "dark")
    assert f'alt="{chart.description}"' in r.html.replace("&#x27;", "'")
    assert charts.SOURCE_LINE in r.html


def test_light_and_dark_differ_by_palette_only():
    # exh1.xlsx of 2025-12, row 48/47: December and November 2025 balance
    df = pd.DataFrame({"month": ["2025-11", "2025-12"], "balance": [-53.0, -70.3]})
    c = Chart("t", "Balance", alt.Chart(df).mark_line().encode(x="month:O", y="balance:Q"), "d", "exh1.xlsx", "billions")
    r = charts.render(c)
    light, dark = r.files["t-light.svg"].decode(), r.files["t-dark.svg"].decode()
    assert theme.PALETTES["light"]["text"] in light and theme.PALETTES["dark"]["text"] in dark
    assert theme.PALETTES["dark"]["text"] not in light


def test_theme_javascript_has_both_material_schemes():
    js = theme.javascript()
    themes = json.loads(js.split("=", 1)[1].rstrip(";\n"))
    assert set(themes) == {"default", "slate"}
    assert themes["slate"]["range"]["category"] == theme.PALETTES["dark"]["category"]


def test_bad_chart_id_is_refused():
    c = Chart("Bad id", "t", alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x="a:Q"), "d", "s")
    with pytest.raises(ValueError, match="chart id 'Bad id'"):
        charts.render(c)

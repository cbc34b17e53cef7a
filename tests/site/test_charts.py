"""Charts: valid specs, data trimmed and written once, referenced by URL; one inline SVG per layout
that CSS recolours for dark mode; a colour per concept on every chart; text for every reader."""

from __future__ import annotations

import html
import io
import json
import re

import altair as alt
import pandas as pd
import pytest
import vl_convert as vlc

from tradesite.releases import bundled
from tradesite.site.render import charts, svg_lean, theme
from tradesite.site.render.model import Chart

from .built import chapters, site


def charts_of(release_id: str):
    """(chapter slug, chart) of every chart of a release. Built when a test runs, never at collection
    (parametrized by release: collecting the tests builds nothing)."""
    for chapter in chapters(release_id)[0]:
        for chart in chapter.charts():
            yield chapter.slug, chart


def each_chart(release_id: str, check) -> None:
    """Run ``check(slug, chart)`` on every chart of the release; a failure names the chart."""
    for slug, chart in charts_of(release_id):
        try:
            check(slug, chart)
        except AssertionError as e:
            e.add_note(f"chart {chart.id!r} of {release_id}/{slug}")
            raise


def views(rendered_html: str) -> list[dict]:
    """Each layout of a rendered figure: its name, data-spec (parsed) and inline SVG."""
    out = []
    for m in re.finditer(r'<div class="ts-chart-view ts-(\w+)" data-layout="\1"(?: data-search-exclude)?(?: data-spec="([^"]*)")?[^>]*>(<svg.*?</svg>)</div>',
                         rendered_html, re.S):
        spec = json.loads(html.unescape(m.group(2))) if m.group(2) is not None else None
        out.append({"layout": m.group(1), "spec": spec, "svg": m.group(3)})
    return out


def colours_of(svg: str) -> set[str]:
    return set(re.findall(r'(?:fill|stroke)="(#[0-9a-fA-F]{3,8}|rgb[^"]*|[a-z]+)"', svg)) - {"none", "transparent"}


@pytest.mark.parametrize("release_id", bundled())
def test_chart_renders(release_id):
    each_chart(release_id, check_chart_renders)


def check_chart_renders(slug, chart):
    chart.chart.to_dict(validate=True)  # valid against the Vega-Lite schema
    assert chart.title and chart.description and chart.source and chart.unit and chart.summary

    r = charts.render(chart, slug)
    data_files = {p: c for p, c in r.files.items() if p.endswith(".json")}
    shown = views(r.html)
    assert [v["layout"] for v in shown] == ["wide", "narrow"]
    if not chart.interactive:  # a long history: the static SVG only, no spec and no data file to fetch
        assert not r.files and all(v["spec"] is None for v in shown) and "data-spec" not in r.html
    else:
        assert data_files and set(data_files) == set(r.files), "the chart's data is written to a file, and only that"
    full = charts.spec(chart)
    encoded: set[str] = set()
    charts._fields({k: v for k, v in full.items() if k != "datasets"}, encoded)
    for path, content in data_files.items():
        records = json.loads(content)
        assert records, path
        assert set().union(*records) <= encoded, f"{path}: fields the chart does not encode"
        name = path.rsplit("/", 1)[-1]
        for v in shown:
            assert f'"url": "{name}"' in json.dumps(v["spec"])  # referenced by URL ...
        assert json.dumps(records[0], ensure_ascii=False, separators=(",", ":"), sort_keys=True) not in r.html  # ... not inlined
    for v in shown:
        if v["spec"] is not None:
            assert "datasets" not in v["spec"] and "config" not in v["spec"] and "title" not in v["spec"]
        svg = v["svg"]
        assert re.match(r'<svg [^>]*class="ts-chart-static" role="img" aria-label="[^"]+"', svg)
        assert re.search(r'width="[\d.]+" height="[\d.]+" viewBox=', svg), "its size is in the page: nothing moves"
        assert " aria-roledescription=" not in svg and "<title" not in svg
        # every colour it is drawn in has a dark twin (theme.css paints it), so dark mode is complete
        assert colours_of(svg) <= set(theme.dark_of()), colours_of(svg) - set(theme.dark_of())
    assert html.escape(chart.summary, quote=False).replace("'", "'") in r.html
    assert charts.SOURCE_LINE in r.html and 'data-search-exclude' in r.html
    assert ('tabindex="0"' in r.html) == chart.interactive, "only a live chart takes the keyboard focus"


@pytest.mark.parametrize("release_id", bundled())
def test_a_colour_means_one_concept(release_id):
    each_chart(release_id, check_a_colour_means_one_concept)


def check_a_colour_means_one_concept(slug, chart):
    """A coloured channel maps each value to its concept's colour (theme.SERIES); a single-colour
    mark is a concept's colour or the theme's ink."""
    allowed = set(theme.dark_of())

    def walk(node):
        if isinstance(node, dict):
            enc = node.get("encoding", {})
            color = enc.get("color")
            if isinstance(color, dict) and "field" in color:
                scale = color.get("scale", {})
                assert scale.get("range") == [theme.colour(v) for v in scale.get("domain", [None])], (chart.id, color)
            elif isinstance(color, dict) and "value" in color:
                assert color["value"] in allowed, (chart.id, color)
            mark = node.get("mark")
            if isinstance(mark, dict) and "color" in mark:
                assert mark["color"] in allowed, (chart.id, mark)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(charts.spec(chart))


def test_every_concept_has_one_colour_and_a_dark_twin():
    light = [c[0] for c in [*theme.COLOURS.values(), *theme.INK.values()]]
    assert len(light) == len(set(light)), "a light colour stands for two things"
    css = theme.css()
    for name, (lt, dk) in {**theme.COLOURS, **theme.INK}.items():
        assert f"--ts-chart-{name}: {lt}" in css and f"--ts-chart-{name}: {dk}" in css
        assert f'.ts-chart svg [fill="{lt}"] {{ fill: var(--ts-chart-{name}); }}' in css
    assert theme.colour("Exports") == theme.colour("exports") == theme.COLOURS["exports"][0]
    assert theme.colour("deficit") == theme.colour("decrease") == theme.COLOURS["negative"][0]
    with pytest.raises(ValueError, match="no colour for 'Canada'"):
        theme.colour("Canada")


def scales(node):
    """Every (domain value, colour) of the colour scales in a spec."""
    if isinstance(node, dict):
        color = node.get("encoding", {}).get("color", {})
        if isinstance(color, dict) and "scale" in color:
            yield from zip(color["scale"]["domain"], color["scale"]["range"])
        for v in node.values():
            yield from scales(v)
    elif isinstance(node, list):
        for v in node:
            yield from scales(v)


def test_flows_are_one_colour_on_every_page():
    """Issue 15: the flow colours do not change meaning from chart to chart (2025-03, every chart
    that colours a field)."""
    found = {pair for chapter in site("2025-03").chapters for chart in chapter.charts()
             for pair in scales(charts.spec(chart))}
    by_value: dict[str, set[str]] = {}
    for value, colour in found:
        by_value.setdefault(value, set()).add(colour)
    assert by_value["Exports"] == {theme.COLOURS["exports"][0]} and by_value["Imports"] == {theme.COLOURS["imports"][0]}
    assert all(len(c) == 1 for c in by_value.values()), by_value
    by_colour: dict[str, set[str]] = {}
    for value, colour in found:
        by_colour.setdefault(colour, set()).add(theme.SERIES[value])
    assert all(len(c) == 1 for c in by_colour.values()), by_colour  # and a colour one concept


def test_theme_javascript_has_both_layouts():
    js = theme.javascript()
    themes = json.loads(js.split("=", 1)[1].rstrip(";\n"))
    assert set(themes) == {"wide", "narrow"}
    assert themes["narrow"]["view"]["continuousWidth"] < themes["wide"]["view"]["continuousWidth"]
    assert themes["wide"]["axis"]["labelColor"] == theme.INK["muted"][0]  # light: CSS paints the dark


def test_narrow_layout_fits_a_phone():
    """The narrow spec: explicit widths scaled down, facets in two columns, long labels shorter."""
    wide = {"facet": {"field": "x"}, "columns": 3, "spec": {"width": 190, "mark": "line"},
            "vconcat": [{"width": 400, "encoding": {"y": {"axis": {"labelLimit": 220}}}}]}
    narrow = charts.narrow(wide)
    assert narrow["columns"] == 2 and narrow["spec"]["width"] == charts.NARROW_PANEL
    assert narrow["vconcat"][0]["width"] < 400 and narrow["vconcat"][0]["encoding"]["y"]["axis"]["labelLimit"] == 140


def test_data_is_trimmed_to_the_encoded_fields():
    # exh1.xlsx of 2025-12, sheet '1', rows 45-48, column B: September to December 2025 balance (millions)
    millions = pd.Series([-47681, -28749, -53044, -70311])
    df = pd.DataFrame({"month": ["2025-09", "2025-10", "2025-11", "2025-12"], "balance": millions * 1e-3,
                       "unused": ["a", "b", "c", "d"], "also_unused": [1, 2, 3, 4]})
    assert df["balance"].iloc[1] != -28.749  # float noise: -28.749000000000002
    c = Chart("t", "Balance", alt.Chart(df).mark_line().encode(x="month:O", y="balance:Q"), "d", "exh1.xlsx",
              "billions", summary="The deficit widened.")
    records = json.loads(charts.render(c).files["t.json"])
    assert records == [{"balance": b, "month": m} for m, b in
                       [("2025-09", -47.681), ("2025-10", -28.749), ("2025-11", -53.044), ("2025-12", -70.311)]]


def test_summaries_say_what_the_overview_chart_shows():
    """2025-03: March 2025 exports $278.5 billion, imports $419.0 billion, deficit $140.5 billion
    (trad0325.pdf page 1; exh1.xlsx); the chart starts in January 2023."""
    overview = next(c for c in site("2025-03").chapters if c.slug == "overview")
    monthly = next(c for c in overview.charts() if c.id == "monthly")
    assert monthly.summary.startswith("From January 2023 to March 2025, exports rose from ")
    assert "to $278.5 billion" in monthly.summary and "to $419.0 billion" in monthly.summary
    assert monthly.summary.endswith("and the deficit widened from $70.0 billion to $140.5 billion.")


@pytest.mark.parametrize("slug", ["overview", "services-exports"])
def test_the_lean_svg_draws_what_vega_drew(slug):
    """svg_lean.lean drops half the bytes and keeps the picture: rasterised, the lean SVG and
    vl-convert's differ visibly in at most 0.05% of the pixels (antialiasing of lines simplified
    within a quarter pixel), for each layout (2025-03: points, long monthly lines, facets)."""
    from PIL import Image, ImageChops

    chapter = next(c for c in site("2025-03").chapters if c.slug == slug)
    for chart in chapter.charts():
        for layout, spec in (("wide", charts.spec(chart)), ("narrow", charts.narrow(charts.spec(chart)))):
            raw = vlc.vegalite_to_svg(dict(spec, config=theme.config(layout)))
            lean = svg_lean.lean(raw)
            assert len(lean) < 0.7 * len(raw)
            a, b = (Image.open(io.BytesIO(vlc.svg_to_png(s))).convert("L") for s in (raw, lean))
            assert a.size == b.size
            differ = sum(ImageChops.difference(a, b).histogram()[64:]) / (a.size[0] * a.size[1])
            assert differ < 0.0005, (chart.id, layout, differ)


def test_bad_chart_id_and_a_chart_without_summary_are_refused():
    c = Chart("Bad id", "t", alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x="a:Q"), "d", "s", summary="x.")
    with pytest.raises(ValueError, match="chart id 'Bad id'"):
        charts.render(c)
    c = Chart("ok", "Title", alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x="a:Q"), "d", "s")
    with pytest.raises(ValueError, match=r"chart 'ok' \(Title\): no summary"):
        charts.render(c)

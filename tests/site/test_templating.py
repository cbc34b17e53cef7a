"""HTML fragments come from autoescaping templates: data text stays text, wherever it lands."""

from __future__ import annotations

import glob
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from tradesite import paths
from tradesite.releases import Release
from tradesite.site.render import charts, tables, templating
from tradesite.site.render.model import Chart, Table

from .hostile import MARKER, PAYLOADS, live

TEMPLATES = Path(templating.__file__).parent / "templates"


class Text(HTMLParser):
    """All text of a fragment (entities decoded) and the attribute values, to check round trips."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.attrs = [], []

    def handle_data(self, data):
        self.text.append(data)

    def handle_starttag(self, tag, attrs):
        self.attrs += [v for _, v in attrs if v]


def parsed(html: str) -> Text:
    t = Text()
    t.feed(html)
    t.close()
    return t


def test_escape_is_html_escape_for_text_and_double_quoted_attributes():
    assert templating.escape('<a href="x">&\'</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;'&lt;/a&gt;"
    assert templating.escape(templating.escape("<b>")) == "&lt;b&gt;"  # Markup is not escaped twice


def test_every_attribute_in_the_templates_is_double_quoted():
    """Our escape leaves "'" alone: an unquoted or single-quoted attribute would let data out."""
    names = sorted(p.name for p in TEMPLATES.glob("*.j2"))
    assert names, f"no templates in {TEMPLATES}"
    for path in TEMPLATES.glob("*.j2"):
        src = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        bad = re.findall(r"""\s[\w:-]+=(?!")\S{0,40}""", re.sub(r"\{[{%].*?[%}]\}", "", src))
        assert not bad, f"{path.name}: attribute values must be double-quoted: {bad}"


def test_pyproject_packages_the_templates_and_assets_it_names():
    """pyproject.toml matches the tree: each package-data glob finds files, every template is packaged."""
    config = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["tradesite"]
    package = paths.ROOT / "src" / "tradesite"
    packaged = set()
    for pattern in globs:
        found = {Path(p) for p in glob.glob(str(package / pattern), recursive=True) if Path(p).is_file()}
        assert found, f"pyproject.toml package-data {pattern!r} matches nothing under {package}"
        packaged |= found
    assert set(TEMPLATES.glob("*.j2")) <= packaged


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_hostile_text_in_a_table_stays_text(kind):
    payload = PAYLOADS[kind]
    frame = pd.DataFrame({f"Line {payload}": [f"Crude oil {payload}", "Total"], f"Group {payload}: part": [1.5, payload]})
    t = Table(id="t", title=f"Title {payload}", frame=frame, unit=f"unit {payload}", source=f"exh1.xlsx {payload}",
              levels=[1, 0], notes=f"Note {payload}")
    html = tables.render(t, "x", Release.load("2025-12")).html
    assert live(html) == []
    text = "".join(parsed(html).text)
    for shown in (f"Crude oil {payload}", f"Title {payload}", f"Note {payload}", f"(unit {payload})", f"Group {payload}"):
        assert shown in text, shown  # printed as the data says, not swallowed
    caption = html.split('<caption id="table-t-caption">')[1].split("</caption>")[0]
    assert "<" not in caption.replace("<span", "").replace("</span>", "")


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_hostile_text_in_a_chart_stays_text(kind):
    payload = PAYLOADS[kind]
    # exh1.xlsx of 2025-12, rows 47-48: November and December 2025 balance (billions, rounded)
    df = pd.DataFrame({"month": ["2025-11", "2025-12"], "balance": [-53.0, -70.3], "label": [f"Nov {payload}"] * 2})
    c = Chart("t", f"Balance {payload}", alt.Chart(df).mark_line().encode(x="month:O", y="balance:Q", tooltip="label:N"),
              f"Line chart {payload}", f"exh1.xlsx {payload}", f"billions {payload}", summary=f"It fell {payload}.")
    html = charts.render(c).html
    assert live(html) == []
    p = parsed(html)
    text = "".join(p.text)
    for shown in (f"Balance {payload}", f"Billions {payload}", f"It fell {payload}.", f"exh1.xlsx {payload}"):
        assert shown in text, shown  # printed as written
    assert f"Line chart {payload}" in p.attrs  # the SVG's label, as written
    assert any(MARKER in a and a.startswith("{") for a in p.attrs)  # data-spec: the spec's JSON, intact


def test_source_links_only_official_http_urls():
    release = Release.load("2025-12")
    release.meta = dict(release.meta, sources=[dict(s, url="javascript:alert(1)") if s["file"] == "exh1.xlsx" else s
                                               for s in release.meta["sources"]])
    with pytest.raises(ValueError, match=r"release.json: source 'exh1.xlsx' has url 'javascript:alert\(1\)'; expected the official https://"):
        tables.source_html("Exhibit 1, exh1.xlsx, sheet '1'", release)

"""Site search finds a table's caption and row labels, never its figures: on a real
single-release build (Material's search plugin writes search/search_index.json)."""

from __future__ import annotations

import html
import json
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tradesite.releases import bundled

RELEASE = "2025-03"


class TablePage(HTMLParser):
    """One built page: each table's caption title and row labels, its figure cells, and the
    text of the page outside tables (which search indexes as prose)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.captions, self.labels, self.figures, self.prose = [], [], [], []
        self._depth = 0  # inside div.ts-table: div nesting depth
        self._cell = None  # "caption" | "label" | "figure"
        self._text = ""
        self._in_terms = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div" and (self._depth or "ts-table" in (a.get("class") or "").split()):
            self._depth += 1
        if tag == "p" and a.get("class") == "ts-search-terms":
            self._in_terms = True
        if self._depth and tag in ("caption", "th", "td"):
            self._cell = {"caption": "caption", "th": "label" if a.get("scope") == "row" else None,
                          "td": None if {"ts-txt", "ts-prov"} & set((a.get("class") or "").split()) else "figure"}[tag]
            self._text = ""
        if self._cell == "caption" and tag == "span":  # the unit
            self.captions.append(self._text.strip())
            self._cell = None

    def handle_endtag(self, tag):
        if tag == "div" and self._depth:
            self._depth -= 1
        if tag == "p":
            self._in_terms = False
        if self._depth and tag in ("caption", "th", "td") and self._cell:
            {"caption": self.captions, "label": self.labels, "figure": self.figures}[self._cell].append(self._text.strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell:
            self._text += data
        elif not self._depth and not self._in_terms:
            self.prose.append(data)


@pytest.fixture(scope="module")
def built(site_root) -> Path:
    """The release's version in the session's versioned site, as published."""
    assert RELEASE in bundled(), f"release {RELEASE} not ingested"
    return site_root / RELEASE


@pytest.fixture(scope="module")
def index(built) -> dict[str, str]:
    """page path ('petroleum/') -> all text search stored for it (every section)."""
    docs = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages: dict[str, str] = defaultdict(str)
    for d in docs:
        pages[d["location"].split("#")[0]] += f" {d['title']} {d['text']}"
    return pages


@pytest.fixture(scope="module")
def table_pages(built, index) -> dict[str, TablePage]:
    out = {}
    for page in index:
        p = TablePage()
        p.feed((built / page / "index.html").read_text(encoding="utf-8"))
        if p.figures:
            out[page] = p
    return out


@pytest.mark.slow
@pytest.mark.parametrize("words,page", [
    ("Pharmaceutical", "goods-exports/"),  # exhibit 6 (pdf-exh6) end-use line, e.g. "Pharmaceutical preparations"
    ("Crude oil", "petroleum/"),           # exhibit 17a: "U.S. Imports of Crude Oil by Selected Countries and Areas"
    ("Ireland", "countries/"),             # exhibits 14/14a, 19 country lines
    ("China", "countries/"),
])
def test_row_labels_and_captions_are_found(index, words, page):
    assert page in index, f"no page {page} in the search index of {RELEASE}"
    assert words.lower() in index[page].lower(), f"{words!r} is not in the search index of {RELEASE}/{page}"


@pytest.mark.slow
def test_every_caption_and_row_label_is_indexed_escaped(index, table_pages):
    assert len(table_pages) >= 8, sorted(table_pages)
    for page, p in table_pages.items():
        for text in p.captions + p.labels:
            if text:
                assert html.escape(text, quote=False) in index[page], f"{page}: {text!r} not in the search index"


@pytest.mark.slow
def test_no_table_figure_is_indexed(index, table_pages):
    """A figure of a table is in a page's index only where the page's prose prints it too."""
    checked = 0
    for page, p in table_pages.items():
        prose = " ".join(p.prose)
        for figure in set(p.figures):
            if len(figure.strip("-\u2212")) < 4 or figure in prose:  # '0', '1.5' are in any text; prose may say '175,511'
                continue
            checked += 1
            assert figure not in index[page], f"{page}: table figure {figure} is in the search index"
        assert "Download every figure" not in index[page] and "sha256" not in index[page], page
        assert "All " not in index[page] or " rows" not in index[page].split("All ", 1)[1][:12], page  # "All 341 rows"
    # chapter pages (long tables show 20 rows there; their own pages are out of the search)
    assert checked > 3_000, f"only {checked} figures checked"


class ChartLabels(HTMLParser):
    """The text labels of each static chart SVG of a page, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.charts: list[list[str]] = []
        self._svg = 0
        self._text = None

    def handle_starttag(self, tag, attrs):
        if tag == "svg" and "ts-chart-static" in (dict(attrs).get("class") or ""):
            self._svg, self.charts = 1, self.charts + [[]]
        elif self._svg and tag == "svg":
            self._svg += 1
        if self._svg and tag == "text":
            self._text = ""

    def handle_endtag(self, tag):
        if self._svg and tag == "svg":
            self._svg -= 1
        if self._svg and tag == "text" and self._text is not None:
            self.charts[-1].append(self._text.strip())
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text += data


@pytest.mark.slow
def test_no_chart_axis_label_is_indexed(built, index):
    """Charts' SVG labels stay out of search: Material's parser ends an exclusion at the first
    inner element of the same tag, which once let the narrow layout's labels in as words such
    as '2030Feb' ('Jan 2030Feb 2030…')."""
    checked = 0
    for page, text in index.items():
        p = ChartLabels()
        p.feed((built / page / "index.html").read_text(encoding="utf-8"))
        for labels in p.charts:
            for a, b in zip(labels, labels[1:]):
                if len(a) >= 3 and len(b) >= 3:
                    checked += 1
                    assert html.escape(a + b, quote=False) not in text, f"{page}: chart labels {a!r}{b!r} are in the search index"
    assert checked > 500, f"only {checked} label pairs checked"

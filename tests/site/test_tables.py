"""Tables: the HTML shows the frame, the CSV download is exactly that frame, sources are linked."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pandas as pd
import pytest

from tradesite.releases import Release, bundled
from tradesite.site import tables

from .built import chapters as built


class Cells(HTMLParser):
    """Header and body rows of a rendered table: (text, colspan, rowspan) in the header, texts in the body."""

    def __init__(self):
        super().__init__()
        self.head, self.body, self._cell, self._in_caption, self._part = [], [], None, False, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("thead", "tbody"):
            self._part = self.head if tag == "thead" else self.body
        elif tag == "tr":
            self._part.append([])
        elif tag in ("td", "th"):
            self._cell, self._span = "", (int(a.get("colspan", 1)), int(a.get("rowspan", 1)))
        elif tag == "caption":
            self._in_caption = True

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._part[-1].append((self._cell, *self._span) if self._part is self.head else self._cell)
            self._cell = None
        elif tag == "caption":
            self._in_caption = False

    def columns(self) -> list[str]:
        """Column names as the CSV has them: a group over its parts reads 'Group: part'."""
        if len(self.head) == 1:
            return [text for text, _, _ in self.head[0]]
        parts = iter(text for text, _, _ in self.head[1])
        names = []
        for text, colspan, rowspan in self.head[0]:
            names += [text] if rowspan == 2 else [f"{text}: {next(parts)}" for _ in range(colspan)]
        return names

    def handle_data(self, data):
        if self._cell is not None and not self._in_caption:
            self._cell += data


def all_tables():
    for release_id in bundled():
        release = Release.load(release_id)
        chapters, _ = built(release_id)
        for chapter in chapters:
            for table in chapter.tables():
                yield pytest.param(release, chapter.slug, table, id=f"{release_id}-{chapter.slug}-{table.id}")


@pytest.mark.parametrize("release,slug,table", list(all_tables()))
def test_csv_parses_and_equals_table_shown(release, slug, table):
    r = tables.render(table, slug, release)
    (path, content), = r.files.items()
    assert path == f"{slug}/{slug}-{table.id}.csv"
    rows = list(csv.reader(io.StringIO(content.decode("utf-8"))))
    assert rows[0] == [str(c) for c in table.frame.columns]
    assert len(rows) - 1 == len(table.frame)

    parsed = pd.read_csv(io.BytesIO(content), keep_default_na=False, na_values={c: [""] for c in table.frame.columns})
    for col in table.frame.columns:
        shown = table.frame[col]
        if pd.api.types.is_numeric_dtype(shown):
            assert (parsed[str(col)].fillna(-1e18) == shown.fillna(-1e18)).all(), col

    cells = Cells()
    cells.feed(r.html)
    body = cells.body
    assert cells.columns() == [str(c) for c in table.frame.columns]
    for got, row in zip(body, table.frame.itertuples(index=False)):
        assert got == [tables.cell_text(v) for v in row]
    # the HTML figures are the CSV's, with thousands separators
    for got, csv_row in zip(body, rows[1:]):
        for shown, raw in zip(got[1:], csv_row[1:]):
            if raw and raw.lstrip("-").replace(".", "").isdigit():
                assert shown.replace(",", "") == raw


def test_source_links_file_url_and_sha256():
    release = Release.load("2025-12")
    html = tables.source_html("Exhibit 1, exh1.xlsx, sheet '1'", release)
    src = release.source("exh1.xlsx")
    assert f'href="{src["url"]}"' in html
    assert src["sha256"] in html
    assert "sheet '1'" in html


def test_levels_indent_and_numbers_formatted():
    # exh1.xlsx of 2025-12, row 48 (December 2025): balance -70,311, goods -99,329
    frame = pd.DataFrame({"Line": ["Total", "Goods"], "December 2025": [-70311, -99329]})
    t = tables.Table(id="t", title="t", frame=frame, unit="millions of dollars", source="exh1.xlsx", levels=[0, 1])
    html = tables.render(t, "x").html
    assert '<th scope="row" class="ts-l1">Goods</th>' in html
    assert '<td class="ts-num">-99,329</td>' in html
    assert "(millions of dollars)" in html


def test_bad_table_id_is_refused():
    t = tables.Table(id="Bad Id", title="t", frame=pd.DataFrame({"a": [1]}), unit="", source="")
    with pytest.raises(ValueError, match="table id 'Bad Id'"):
        tables.render(t, "x")

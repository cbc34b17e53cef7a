"""Tables: the HTML shows the frame, the CSV download is exactly that frame, sources are linked."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pandas as pd
import pytest

from tradesite import schema
from tradesite.releases import Release, bundled
from tradesite.site.render import tables

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


def each_table(release_id: str, check) -> None:
    """Run ``check(release, slug, table)`` on every chapter table of a release, built when the test
    runs (never at collection); a failure names the table."""
    release = Release.load(release_id)
    chapters, _ = built(release_id)
    for chapter in chapters:
        for table in chapter.tables():
            try:
                check(release, chapter.slug, table)
            except AssertionError as e:
                e.add_note(f"table {table.id!r} of {release_id}/{chapter.slug}")
                raise


def figures(frame: pd.DataFrame, columns=None) -> list[float]:
    """Every number a frame shows (value columns), sorted."""
    cols = list(frame.columns[1:]) if columns is None else columns
    return sorted(float(v) for c in cols for v in frame[c] if tables._is_number(v))


def read_csv(content: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", keep_default_na=False, na_values={"value": [""]},
                       dtype={"period": str, "release": str, "status": str})


@pytest.mark.parametrize("release_id", bundled())
def test_csv_is_the_long_form_of_the_figures_shown(release_id):
    each_table(release_id, check_csv_is_the_long_form_of_the_figures_shown)


def check_csv_is_the_long_form_of_the_figures_shown(release, slug, table):
    r = tables.render(table, slug, release)
    (path, content), = r.files.items()
    assert path == f"{slug}/{slug}-{table.id}.csv"
    assert content.startswith("\ufeff".encode("utf-8"))  # Excel reads UTF-8 ("›", "–") only with a BOM
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len({len(r) for r in rows}) == 1
    long = read_csv(content)
    for col in ("release", "period", "period_type", "unit", "status", "value"):
        assert col in long.columns, col
    assert any(c == "source_file" for c in long.columns)
    assert long["period"].str.fullmatch(r"\d{4}(-\d{2}|-Q[1-4])?").all()  # ISO, never "January 2025 (R)"
    assert not long["period"].str.contains("(R)", regex=False).any()
    assert long["release"].str.fullmatch(r"\d{4}-\d{2}").all()
    assert (long["unit"] != "").all()
    shown = table.frame
    if set(schema.COLUMNS) <= set(long.columns):  # an exhibit's tidy rows: one CSV row per figure shown
        assert list(long.columns) == schema.COLUMNS
        assert figures(shown) == sorted(long["value"].dropna().astype(float))


@pytest.mark.parametrize("release_id", bundled())
def test_html_shows_the_frame_one_precision_per_column(release_id):
    each_table(release_id, check_html_shows_the_frame_one_precision_per_column)


def check_html_shows_the_frame_one_precision_per_column(release, slug, table):
    r = tables.render(table, slug, release)
    parsed = []
    for html in [p.markdown for p in r.pages] or [r.html]:  # a long table: every row on its own pages
        parsed.append(Cells())
        parsed[-1].feed(html)
    cells = parsed[0]
    body = [row for p in parsed for row in p.body]
    assert cells.columns()[: table.frame.shape[1]] == [str(c) for c in table.frame.columns]
    decimals = tables.column_decimals(table)
    own = table.row_decimals or [None] * len(table.frame)  # a table whose rows each have their own unit
    assert len(body) == len(table.frame)
    for got, row, places in zip(body, table.frame.itertuples(index=False), own):
        expected = [tables.cell_text(v, d if places is None else places) for v, d in zip(row[1:], decimals)]
        assert got[: len(row)] == [tables.cell_text(row[0])] + expected
        for text in got[1:len(row)]:
            assert "-" not in text or not text.lstrip("-").replace(",", "").replace(".", "").isdigit()  # U+2212
    if table.row_decimals is None:
        for col, d in zip(table.frame.columns[1:], decimals):
            shown = [c for c in (tables.cell_text(v, d) for v in table.frame[col]) if c and c[-1].isdigit()]
            assert len({len(t.partition(".")[2]) for t in shown}) <= 1, col  # one precision per column


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
    assert "<td>−99,329</td>" in html
    assert "(millions of dollars)" in html


def test_bad_table_id_is_refused():
    t = tables.Table(id="Bad Id", title="t", frame=pd.DataFrame({"a": [1]}), unit="", source="")
    with pytest.raises(ValueError, match="table id 'Bad Id'"):
        tables.render(t, "x")


def test_figures_read_as_the_release_rounds_them_with_a_true_minus():
    # exh1.xlsx of 2025-12, row 48: December balance -70,311; trad0325.pdf page 1: deficit $140.5 billion
    assert tables.figure(-70311) == "\u221270,311"
    assert tables.figure(-140.482, 1) == "\u2212140.5"
    assert tables.figure(140.45, 1) == "140.5"  # half away from zero, as the release rounds
    assert tables.figure(-0.04, 1) == "0.0"  # no "−0.0"
    assert tables.cell_text("-123.0") == "\u2212123.0" and tables.cell_text("(D)") == "(D)"


def test_a_column_keeps_the_precision_of_its_most_precise_figure_unless_told():
    frame = pd.DataFrame({"Line": ["a", "b"], "Index": [120.0, 123.4], "Mixed": [-47.3, -48.032]})
    t = tables.Table(id="t", title="t", frame=frame, unit="", source="")
    assert tables.column_decimals(t) == [1, 3]
    t.decimals = {"Mixed": 1}  # a transcribed $0.1 billion beside a file's $0.001 billion: never invent precision
    html = tables.render(t, "x").html
    assert '<td>120.0</td>' in html and '<td>\u221248.0</td>' in html


def test_a_table_whose_rows_have_their_own_units_shows_each_row_as_printed():
    """What changed mixes units row by row: a column's most precise figure (a share printed to six
    places) gave every row its places, "26,922.000000" (seen in the simulated archive, issue 20)."""
    # exh10.xlsx (chained 2012 dollars, whole millions) beside exh4a.xlsx (a share, B54 0.281032): made for this test
    frame = pd.DataFrame({"Line": ["Consumer goods", "Share"], "As published": [26922.0, 0.281032],
                          "Revised": [27057.0, 0.280001]})
    t = tables.Table(id="t", title="t", frame=frame, unit="in each row's unit", source="")
    assert "<td>26,922.000000</td>" in tables.render(t, "x").html  # the column's places, without row_decimals
    t.row_decimals = [0, 6]
    html = tables.render(t, "x").html
    assert "<td>26,922</td>" in html and "<td>27,057</td>" in html and "<td>0.281032</td>" in html
    t.row_decimals = [0]
    with pytest.raises(ValueError, match="table 't': 1 row_decimals for 2 rows"):
        tables.render(t, "x")


def test_the_services_chapter_shows_every_year_and_the_recent_months_of_bea_s_history():
    """BEA's Table 2 repeats every month since 1999 in every release; the chapter shows every year
    (1999 to 2024) and the months of the last three calendar years (January 2023 to March 2025)."""
    chapters, _ = built("2025-03")
    table = next(t for c in chapters if c.slug == "services-exports" for t in c.tables() if t.id == "bea-table-2")
    labels = list(table.frame.iloc[:, 0])
    assert labels[0] == "1999" and "2024" in labels and "December 2022" not in labels
    assert labels[-27] == "January 2023" and labels[-1] == "March 2025" and len(labels) == 26 + 27
    assert "every month since 1999" in table.notes


def test_a_long_table_shows_its_newest_rows_and_every_row_on_pages_under_the_budget():
    """BEA's Table 2 whole (every month since 1999, as the release's zip has it) as a table."""
    from tradesite.site.builders.services import exhibit_table

    release = Release.load("2025-03")
    table = exhibit_table(release.exhibit("bea-ts-2"), "bea-table-2", release.table_meta("bea-ts-2")["title"])
    r = tables.render(table, "services-exports", release, chapter_title="Services exports by category")
    cells = Cells()
    cells.feed(r.html)
    # trad-time-series-0325.xlsx, sheet 'Table 2': monthly to March 2025; the page shows the last 20 periods
    assert [row[0] for row in cells.body] == list(table.frame.iloc[-tables.PREVIEW_ROWS:, 0])
    assert cells.body[-1][0] == "March 2025"
    assert '<a href="bea-table-2/">All 341 rows (2 pages)</a>' in r.html
    # every label stays findable by search on the chapter page, 1999 included
    terms = r.html.split('<p class="ts-search-terms" hidden>')[1]
    assert " 1999," in terms and "March 2025" in terms
    assert [p.path for p in r.pages] == ["services-exports/bea-table-2/index.md", "services-exports/bea-table-2/2/index.md"]
    labels = []
    for page in r.pages:
        c = Cells()
        c.feed(page.markdown)
        labels += [row[0] for row in c.body]
        elements = page.markdown.count("<") - page.markdown.count("</")
        assert elements < tables.TABLE_ELEMENTS + 50, page.path
    assert labels == list(table.frame.iloc[:, 0])
    second = r.pages[1].markdown
    assert 'href="../../services-exports-bea-table-2.csv"' in second and 'href="../../">Back to Services exports' in second
    assert '<a href="../">1–171</a> <strong aria-current="page">172–341</strong>' in second


def test_a_long_form_without_a_unit_or_with_a_worded_period_is_refused():
    frame = pd.DataFrame({"Period": ["January 2025 (R)"], "Total": [1.0]})
    long = pd.DataFrame({"release": ["2025-03"], "source_file": ["exh1.xlsx"], "period": ["January 2025 (R)"],
                         "period_type": ["month"], "unit": ["millions of dollars"], "status": ["R"], "value": [1.0]})
    t = tables.Table(id="t", title="Totals", frame=frame, unit="", source="", long=long)
    with pytest.raises(ValueError, match=r"table 't' \(Totals\): long-form row 0 has period 'January 2025 \(R\)'; "
                                         r"expected an ISO period"):
        tables.render(t, "x")
    t.long = long.drop(columns="unit")
    with pytest.raises(ValueError, match=r"table 't' \(Totals\): its long form lacks unit"):
        tables.render(t, "x")


def test_a_csv_is_rewritten_only_where_a_cell_starts_like_a_formula():
    """The release zip's tidy tables are the committed bytes unless a label would run as a formula
    (a lone '-' is a status, and numbers stay numbers). Made for the test: the labels below."""
    from tradesite.site.render.table_csv import spreadsheet_safe, spreadsheet_safe_csv

    plain = "line_item,status,value\nGoods,-,-1.5\n".encode()
    assert spreadsheet_safe_csv(plain) is plain
    hostile = 'line_item,status,value\n"=1+2, Brazil",R,3\n@cmd,-,+4\n'.encode()
    assert spreadsheet_safe_csv(hostile).decode() == "line_item,status,value\n\"'=1+2, Brazil\",R,3\n'@cmd,-,+4\n"
    assert [spreadsheet_safe(t) for t in ("-", "-12.5", "-Other", "+1e3", "\tx")] == ["-", "-12.5", "'-Other", "+1e3", "'\tx"]


class FiledLater:
    """Stand-in for a release after the 13 bundled ones: the real 2025-03 release under another id."""

    def __init__(self, release, release_id):
        self._release, self.id = release, release_id

    def __getattr__(self, name):
        return getattr(self._release, name)


def test_a_release_after_the_bundled_ones_publishes_its_table_csvs_gzip_compressed():
    """Issue 20: every release but the 13 bundled ones (whose plain .csv URLs may be published)
    gets `.csv.gz` downloads holding the same CSV bytes, named so in the link."""
    import gzip

    from tradesite.site.builders.services import exhibit_table
    from tradesite.site.render.table_csv import PLAIN_CSV_RELEASES

    assert PLAIN_CSV_RELEASES == set(bundled())
    release = Release.load("2025-03")
    later = FiledLater(release, "2026-03")
    table = exhibit_table(release.exhibit("bea-ts-2"), "bea-table-2", release.table_meta("bea-ts-2")["title"])
    plain = tables.render(table, "services-exports", release)
    packed = tables.render(table, "services-exports", later)
    (plain_path, plain_bytes), = plain.files.items()
    (path, content), = packed.files.items()
    assert plain_path == "services-exports/services-exports-bea-table-2.csv"
    assert path == "services-exports/services-exports-bea-table-2.csv.gz"
    assert gzip.decompress(content) == plain_bytes
    assert content[4:8] == b"\0\0\0\0"  # no time inside: a rebuild gives the same bytes
    assert tables.render(table, "services-exports", later).files[path] == content
    assert '<a href="services-exports-bea-table-2.csv.gz" download>Download every figure (CSV, gzip-compressed,' in packed.html
    assert 'href="../../services-exports-bea-table-2.csv.gz"' in packed.pages[1].markdown
    assert "gzip" not in plain.html


def test_the_zip_readme_names_the_gzip_compressed_table_downloads_only_where_they_are():
    from tradesite.site.release.downloads import readme

    release = Release.load("2025-03")
    assert ".csv.gz" not in readme(release)
    assert "that table shows (gzip-compressed there: .csv.gz)." in readme(FiledLater(release, "2026-03"))

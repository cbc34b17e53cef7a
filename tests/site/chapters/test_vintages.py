"""The vintages chapter: one month's estimate through every bundled release up to the one
being built, each row naming its release and file."""

from __future__ import annotations

import io
import re

import pandas as pd

from tradesite.releases import Release
from tradesite.site.render import charts, tables
from tradesite.site.chapters import vintages
from tradesite.site.render.model import Chart, Table
from tests import require

from .helpers import build


def committed(release: str) -> Release:
    require.committed(release)
    return Release.load(release)


def test_2022_02_chapter():
    release = committed("2022-02")
    chapter = build(vintages, release)
    assert (chapter.slug, chapter.title) == ("vintages", "Vintages: how estimates changed")
    assert isinstance(chapter.blocks[1], Chart) and isinstance(chapter.blocks[2], Table)
    by_id = {t.id: t for t in chapter.tables()}
    assert set(by_id) == {"month", "balance-by-release", "exports-by-release", "imports-by-release"}

    balance = by_id["balance-by-release"].frame.set_index("Month")
    # no release after the one being built
    assert max(c for c in balance.columns) <= "2022-02"
    # March 2021, exh1.xlsx column B: 2021-03 row 41, 2021-05 row 41, 2021-09 row 41, 2021-12 row 39, 2022-02 row 27
    march = balance.loc["March 2021"]
    expected = {"2021-03": -74.448, "2021-05": -75.025, "2021-09": -72.222, "2021-12": -71.601, "2022-02": -71.395,
                "2021-08": -72.222}  # exh1.xlsx of 2021-08, row 41
    assert march.dropna().to_dict() == expected

    csv = tables.render(by_id["balance-by-release"], chapter.slug, release).files["vintages/vintages-balance-by-release.csv"]
    long = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig", dtype=str).set_index(["period", "release"])
    first = long.loc[("2021-03", "2021-03")]  # each figure as its file prints it: exh1.xlsx of 2021-03, row 41
    assert (first["value"], first["unit"], first["source_file"]) == ("-74448", "millions of dollars", "exh1.xlsx")
    assert first["location"] == "sheet '1', row 41, column B"
    rendered = charts.render(chapter.blocks[1], chapter.slug)
    assert "vintages/vintages.json" in rendered.files and rendered.html.count('<svg ') == 2  # wide and narrow


def test_month_table_names_release_and_file():
    release = committed("2022-02")
    chapter = build(vintages, release)
    month = chapter.tables()[0]
    assert list(month.frame.columns[:2]) == ["Release", "Balance: total"]
    # each row's file and cells one click away (a disclosure), not spelled out in columns
    assert len(month.provenance) == len(month.frame)
    assert all(re.search(r"\.(?:xlsx|pdf|csv)", short) and "row" in full for short, full in month.provenance)
    # the chosen month, February 2021, has the most vintages of the two years before the release
    v = vintages.rv.vintages("2022-02")
    counts = v[v["period"] > "2020-02"].groupby("period")["release"].nunique()
    assert month.title == "February 2021 as published in each release"
    assert len(month.frame) == counts.max() == counts["2021-02"]


def test_december_2024_from_its_first_print():
    """The 2026-01 page follows December 2024, the month of the last two years with the most
    vintages, from its first print (the December 2024 release page: "$98.4 billion") on."""
    release = committed("2026-01")
    month = build(vintages, release).tables()[0]
    assert month.title == "December 2024 as published in each release"
    rows = month.frame.set_index("Release")
    assert rows.loc["December 2024 release", "Balance: total"] == -98.4  # headlines.csv row 2
    assert rows.loc["January 2026 release", "Balance: total"] == -96.948  # exh1.xlsx of 2026-01, row 21
    where = dict(zip(month.frame["Release"], month.provenance))
    assert where["December 2024 release"][0] == "the release page, transcribed"
    assert "Balance: total: sheet '1', row 21, column B;" in where["January 2026 release"][1]
    # one precision per column: the transcribed $0.1 billion sets it, the file's -96.948 is not shown to 0.001
    html = tables.render(month, "vintages", release).html
    assert "<td>\u221298.4</td>" in html and "<td>\u221296.9</td>" in html
    assert "96.948" not in html and "98.400" not in html
    assert list(rows.index) == sorted(rows.index, key=lambda r: pd.Timestamp(r.split(" release")[0]))


def test_first_release_has_no_vintages_to_compare():
    # 2021-03 is the first bundled release; its only second vintage is February 2021, restated
    # "as published last month" (exh1.xlsx of 2021-03, row 52) against its row 40
    chapter = build(vintages, committed("2021-03"))
    month = chapter.tables()[0].frame
    assert list(month["Balance: total"]) == [-71.078, -70.518]
    assert month["Release"].iloc[0] == "February 2021 release (as published last month, restated in the March 2021 release)"
    triangle = chapter.tables()[1]
    assert list(triangle.frame.columns) == ["Month", "2021-02", "2021-03"]
    assert triangle.notes.endswith("Column 2021-02: a release whose exhibit 1 is not on this site; the figure shown is "
                                   "the one the next release restates as published last month.")


def test_tables_show_the_last_releases_only_and_link_the_rest():
    """A version's size must not grow with the releases before it (issue 20): the month-by-release
    tables show the newest ``WINDOW`` releases and send the reader to the explorer for the others.
    Failed before the window: 2026-01's balance table had a column for every release since 2021-02."""
    release = committed("2026-01")
    v = vintages.rv.vintages("2026-01")
    every = sorted(set(v["release"]))
    assert len(every) > vintages.WINDOW  # else this test shows nothing
    by_id = {t.id: t for t in build(vintages, release).tables()}
    balance = by_id["balance-by-release"]
    assert list(balance.frame.columns[1:]) == every[-vintages.WINDOW:]
    assert set(balance.long["release"]) <= set(every[-vintages.WINDOW:])
    assert balance.series == ["goods-and-services-balance-bop-sa-monthly"] * len(balance.frame)
    narrow = vintages.triangle(v, "balance", window=3)
    assert list(narrow.frame.columns[1:]) == every[-3:]
    lead = vintages.revised_heading(v, window=3)
    assert f"as each of the last 3 releases published them, from {vintages.month_year(every[-3])}" in lead
    assert "[balance](../../series/goods-and-services-balance-bop-sa-monthly/)" in lead

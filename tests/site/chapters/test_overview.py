"""Overview chapter (exhibit 1; BEA time series Table 1 for long history or where exhibit 1 is absent)."""

from __future__ import annotations


from tradesite.releases import Release
from tradesite.site.chapters import overview

from .helpers import build


def test_2021_08_sentences():
    df = Release.load("2021-08").exhibit("1")
    got = overview.sentences(df, "2021-08")
    # exh1.xlsx of 2021-08, row 46 (August) -73,252 and row 45 (July (R)) -70,303
    assert got[0] == ("The goods and services deficit was $73.3 billion in August, up $2.9 billion from "
                      "$70.3 billion in July, revised.")
    # rows 46/45: exports 213,740 vs 212,702; imports 286,991 vs 283,005
    assert got[1] == ("August exports were $213.7 billion, $1.0 billion more than July exports. "
                      "August imports were $287.0 billion, $4.0 billion more than July imports.")
    # rows 46/45: goods -89,414 vs -87,819; services 16,162 vs 17,517
    assert got[2] == ("The August increase in the goods and services deficit reflected an increase in the goods "
                      "deficit of $1.6 billion to $89.4 billion and a decrease in the services surplus of "
                      "$1.4 billion to $16.2 billion.")
    # row 38 (Jan. - Aug. 2021) -558,079 vs row 24 (Jan. - Aug. 2020) -417,272
    assert got[3].startswith("Year-to-date, the goods and services deficit increased $140.8 billion, or 33.7 percent, "
                             "from the same period in 2020.")


def test_table_shows_revision_as_published_last_month():
    chapter = build(overview, Release.load("2021-08"))
    table = chapter.tables()[0]
    last = table.frame.iloc[-1]
    # exh1.xlsx of 2021-08, row 52: July data as published last month, balance -70,051
    assert last["Period"] == "July 2021 as published last month"
    assert last["Balance: total"] == -70051
    july = table.frame[table.frame["Period"] == "July 2021 (R)"].iloc[0]  # row 45: 'July (R)'
    assert july["Balance: total"] == -70303


def test_december_release_compares_full_years():
    df = Release.load("2025-12").exhibit("1")
    assert overview.cumulative(df, "2025-12")[0] == "year"
    assert overview.sentences(df, "2025-12")[3].startswith("For 2025, the goods and services deficit")


def test_long_history_from_bea_time_series():
    chapter = build(overview, Release.load("2025-02"))
    ids = [c.id for c in chapter.charts()]
    assert "since-1992" in ids
    data = chapter.charts()[ids.index("since-1992")].chart.data
    assert data["month"].min().strftime("%Y-%m") == "1992-01"
    assert "bea-ts-1" in chapter.exhibits

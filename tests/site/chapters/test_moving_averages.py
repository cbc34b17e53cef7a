"""Three-month moving averages: official exhibit 2 figures only."""

from __future__ import annotations

import pytest

from tradesite.releases import Release, bundled
from tradesite.site.chapters import moving_averages

from tradesite.report.frames import three_month_averages

from .helpers import build, view


@pytest.mark.parametrize("release_id", bundled())
def test_official_averages_else_computed_from_the_months(release_id):
    release = view(release_id)
    chapter = build(moving_averages, release)
    if release.has("2"):
        assert chapter.exhibits == ["2"] and not chapter.held
        assert chapter.tables()[0].id == "exhibit-2"
    elif release.has("1") or release.has("bea-ts-1"):
        assert chapter.exhibits in (["1"], ["bea-ts-1"])
        assert "from which the averages below are computed" in chapter.held
        table = chapter.tables()[0]
        assert table.id == "computed-averages" and table.source.startswith("Computed from exhibit 1") or \
            table.source.startswith("Computed from BEA time series Table 1")
    else:
        assert chapter is None
        return
    assert chapter.charts() and chapter.tables()


@pytest.mark.parametrize("release_id", ["2021-08", "2025-03"])
def test_computed_averages_equal_exhibit_2_within_rounding(release_id):
    """Averages computed from exhibit 1's months agree with the official exhibit 2 to within a
    million dollars (both files print whole millions; exhibit 2 averages unrounded months)."""
    release = Release.load(release_id)
    computed = three_month_averages(release.exhibit("1"))
    official = release.exhibit("2")
    official = official[(official["vintage"] == "current") & (official["period_type"] == "three_month_average")]
    both = computed.merge(official, on=["flow", "line_item", "period"], suffixes=("_computed", "_official"))
    assert len(both) == len(computed) >= 200  # every computed average has its official twin
    assert (both["value_computed"] - both["value_official"]).abs().max() <= 1


def test_computed_table_2026_01():
    # exh1.xlsx of 2026-01, rows 36, 37?, 39: November, December 2025 and January 2026 balances
    chapter = build(moving_averages, "2026-01")
    table = chapter.tables()[0]
    last = table.frame.iloc[-1]
    assert last["Three months ending"] == "January 2026"
    ex1 = Release.load("2026-01").exhibit("1")
    months = ex1[(ex1["vintage"] == "current") & (ex1["period_type"] == "month") & (ex1["flow"] == "balance")
                 & (ex1["line_item"] == "Total") & ex1["period"].isin(["2025-11", "2025-12", "2026-01"])]
    assert len(months) == 3
    assert last["Balance: total"] == round(months["value"].sum() / 3)


def test_2021_08_sentences():
    got = moving_averages.sentences(Release.load("2021-08").exhibit("2"), "2021-08")
    # exh2.xlsx of 2021-08, row 42 (August) vs row 41 (July (R)): balance -72,261 vs -70,690,
    # exports 212,173 vs 210,507, imports 284,435 vs 281,198
    assert got[0] == (
        "The average goods and services deficit increased $1.6 billion to $72.3 billion for the three months "
        "ending in August. Average exports increased $1.7 billion to $212.2 billion in August. "
        "Average imports increased $3.2 billion to $284.4 billion in August."
    )
    # row 29 (August 2020): balance -58,383, exports 168,000, imports 226,384
    assert got[1] == (
        "Year-over-year, the average goods and services deficit increased $13.9 billion from the three months "
        "ending in August 2020. Average exports increased $44.2 billion from August 2020. "
        "Average imports increased $58.1 billion from August 2020."
    )


def test_table_is_exhibit_2():
    table = build(moving_averages, Release.load("2021-08")).tables()[0]
    last = table.frame.iloc[-1]
    assert last["Three months ending"] == "August 2021"
    assert last["Balance: total"] == -72261  # exh2.xlsx of 2021-08, row 42

"""The series catalogue against the official figures: one id whichever file printed a value, and
every vintage of a month as each release published it."""

from __future__ import annotations

import pandas as pd
import pytest

from tradesite.report import series as S
from tradesite.report.catalog import Catalog
from tradesite.report.lines import Line, line_of

TOTAL_BALANCE = "goods-and-services-balance-bop-sa-monthly"


@pytest.fixture(scope="module")
def cat() -> S.SeriesCatalog:
    return S.build(Catalog())


def vintage(cat, sid: str, period: str) -> dict[str, float]:
    v = cat.values(sid)
    return dict(zip(v[v["period"] == period]["release"], v[v["period"] == period]["value"]))


def test_march_2021_balance_as_each_release_published_it(cat):
    got = vintage(cat, TOTAL_BALANCE, "2021-03")
    assert got["2021-03"] == -74448  # exh1.xlsx of 2021-03, sheet '1', row 41, column B: the first estimate
    assert got["2021-05"] == -75025  # exh1.xlsx of 2021-05, the same row: revised
    assert got["2021-08"] == -72222  # exh1.xlsx of 2021-08 (the annual revision of June 2021)
    assert got["2021-12"] == -71601  # exh1.xlsx of 2021-12, row 39
    assert got["2022-02"] == -71395  # exh1.xlsx of 2022-02, row 27
    assert got["2025-03"] == -66105  # trad-time-series-0325.xlsx, sheet 'Table 1', row 426, column B
    # the 2021-04 release is not on the site: its April figure comes from 2021-05's "as published last month" row
    v = cat.values(TOTAL_BALANCE)
    april = v[(v["period"] == "2021-04") & (v["release"] == "2021-04")].iloc[0]
    assert april["via"] == "as published last month in the 2021-05 release" and april["source_file"] == "exh1.xlsx"


def test_february_2025_balance_has_both_vintages_and_the_later_is_revised(cat):
    v = cat.values(TOTAL_BALANCE)
    feb = v[v["period"] == "2025-02"].set_index("release")
    assert feb.loc["2025-02", "value"] == -122662  # trad-time-series-0225.xlsx, Table 1, row 473
    assert feb.loc["2025-03", "value"] == -123195  # trad-time-series-0325.xlsx, Table 1, row 473
    assert feb.loc["2025-02", "status"] == S.UNREVISED and feb.loc["2025-03", "status"] == S.REVISED


def test_one_id_whichever_file_printed_the_value(cat):
    s = cat.get(TOTAL_BALANCE)
    # the Census workbook, the release PDF, BEA's Table 1 and the release page's transcribed headlines
    assert s.exhibits == ["1", "bea-ts-1", "headlines"]
    files = set(cat.values(TOTAL_BALANCE)["source_file"])
    assert {"exh1.xlsx", "trad-time-series-0325.xlsx"} <= files
    assert s.title == "Goods and services balance, balance of payments basis, seasonally adjusted, monthly"
    # exhibit 14 (Census workbook 2021-08, release PDF 2025-03) and the supplement's exhibit 4
    china = cat.get("goods-imports-china-census-nsa-monthly")
    assert china.title == "Goods imports from China, Census basis, not seasonally adjusted, monthly"
    assert china.partner == "China" and {"14", "14a"} <= set(china.exhibits)
    assert vintage(cat, china.id, "2025-03") == {"2025-03": 29384}  # trad0325.pdf page 29, row 'China'
    assert vintage(cat, china.id, "2021-08") == {"2021-08": 42997}  # exh14.xlsx, sheet '14', row 38, column J


def test_lines_of_different_exhibits_meet():
    assert line_of("1", "Total") == line_of("bea-ts-1", "Total") == Line("Goods and services")
    assert line_of("3", "Total Services › Travel") == line_of("bea-ts-2", "Total › Travel") == Line("Services", ("Travel",))
    assert line_of("14", "Total Census Basis › Pacific Rim Countries › China") == line_of("4s", "TOTAL › China")
    assert line_of("14", "Total Census Basis › Europe › European Union › Other").partner == "European Union, other"
    assert line_of("18", "Passenger Cars › TOTAL › Canada") == Line("Motor vehicles and parts", ("Passenger Cars",), "Canada")
    # the release page's transcribed headlines: exhibit 1's lines, in billions (their series keeps the precision)
    assert line_of("headlines", "Total") == line_of("1", "Total") and line_of("headlines", "Total › Goods") == Line("Goods")


def test_two_files_that_disagree_stop_the_build():
    rows = pd.DataFrame({"series": ["x", "x"], "period": ["2025-01"] * 2, "value": [1.0, 3.0],
                         "source_file": ["exh5.xlsx", "trad0125.pdf"], "exhibit": ["5", "5"],
                         "location": ["sheet '5', row 9", "page 17"]})
    with pytest.raises(S.ConflictError, match=r"release 2025-01: series x .* exh5.xlsx exhibit 5, sheet '5', row 9: 1; "
                                              r"trad0125.pdf exhibit 5, page 17: 3"):
        S._check_agree(rows, "2025-01")


def test_ids_are_stable_and_unique(cat):
    again = S.build(Catalog())
    assert list(again.series) == list(cat.series)
    assert all(len(i) <= 140 and i == S.slug(i) for i in cat.series)
    # an id is the report's words, not the file's: the same whatever the casing printed
    assert S.slug("Foods, Feeds, & Beverages") == S.slug("Foods, feeds, and beverages")


def test_every_level_row_of_every_release_is_in_its_series(cat):
    """Every monthly, quarterly and annual level of the tidy tables is a value of its series as
    the release (or, for an 'as published last month' row, the release before) published it."""
    obs = cat.observations.set_index(["series", "period", "release"])["value"]
    scale = {"billions of dollars": 1000.0}  # the release page's billions are vintages of the series in millions
    catalog = Catalog()
    checked = 0
    for rid in catalog.ids:
        rel = catalog.load(rid)
        for t in rel.table_ids:
            df = rel.table(t)
            df = df[(df["measure"] == "level") & df["value"].notna() & df["period_type"].isin(list(S.FREQUENCIES))]
            for row in df.to_dict("records"):
                key = S.key_of(row)
                if key is None:
                    continue
                release = rid if row["vintage"] == "current" else S.periods.previous(rid)
                got = obs[(key.id, row["period"], release)]
                value = row["value"] * scale.get(row["unit"], 1.0)
                if row["vintage"] == "current" or got == value:
                    assert abs(got - value) <= (0.5 if got % 1 == 0 else 0), (rid, t, row["location"])
                checked += 1
    assert checked > 70_000

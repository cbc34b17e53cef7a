"""Change points and values as of a release, precision-aware: against the tidy tables read here."""

from __future__ import annotations

import pandas as pd
import pytest

from tradesite.report import vintages as V

BALANCE = "goods-and-services-balance-bop-sa-monthly"


def printed(release: str, period: str, table: str = "headlines") -> pd.Series:
    """The goods and services balance (seasonally adjusted, BOP) for ``period`` as a release's table prints it."""
    df = pd.read_csv(f"data/releases/{release}/{table}.csv", dtype=str)
    row = df[(df["hierarchy"] == "Total") & (df["flow"] == "balance") & (df["period"] == period)
             & (df["period_type"] == "month") & (df["measure"] == "level") & (df["vintage"] == "current")
             & (df["seasonal_adjustment"] == "seasonally_adjusted")]
    assert len(row) == 1, (release, period, table)
    return row.iloc[0]


def test_differs_at_the_coarser_precision():
    assert not V.differs(-98_400, 100, -98_432, 1)  # $98.4 billion and -98,432 million: one figure
    assert V.differs(-98_400, 100, -98_460, 1)  # -98,460 million rounds to $98.5 billion
    assert V.differs(-70_303, 1, -70_302, 1) and not V.differs(-70_303, 1, -70_303, 1)
    assert not V.differs(12.3456, 0.001, 12.3, 0.1)


def test_a_transcribed_headline_is_a_vintage_at_its_precision(cat):
    """December 2024 as the release page stated it (-98.4 billions of dollars, headlines.csv) is the
    first vintage of the monthly balance in millions: kept in billions, its step 0.1 billion."""
    row = printed("2024-12", "2024-12")
    v = cat.values(BALANCE)
    got = v[(v["period"] == "2024-12") & (v["release"] == "2024-12")].iloc[0]
    assert got["published_value"] == float(row["value"]) == -98.4
    assert got["published_unit"] == row["unit"] == "billions of dollars"
    assert got["value"] == pytest.approx(float(row["value"]) * 1000) and got["precision"] == pytest.approx(100)
    assert got["location"] == row["location"]


def test_change_points_follow_the_files(cat, points):
    """Each change point of December 2024 is a value a file printed, ended the month before the next."""
    p = points[(points["series"] == BALANCE) & (points["period"] == "2024-12")].reset_index(drop=True)
    feb = pd.read_csv("data/releases/2025-02/bea-ts-1.csv", dtype=str)
    feb = feb[(feb["hierarchy"] == "Total") & (feb["flow"] == "balance") & (feb["period"] == "2024-12")]
    assert list(p["first_release"]) == ["2024-12", "2025-02", "2025-12"]
    assert p.loc[0, "published_value"] == -98.4 and p.loc[0, "status"] == "unrevised"
    assert p.loc[1, "value"] == float(feb["value"].iloc[0])  # -98,062: a revision of more than 50 million
    assert p.loc[1, "status"] == "revised"
    assert list(p["last_release"]) == ["2025-01", "2025-11", ""]
    dec = pd.read_csv("data/releases/2025-12/exh1.csv", dtype=str)
    dec = dec[(dec["hierarchy"] == "Total") & (dec["flow"] == "balance") & (dec["period"] == "2024-12")
              & (dec["vintage"] == "current") & (dec["period_type"] == "month")]
    assert p.loc[2, "value"] == float(dec["value"].iloc[0])


def test_a_more_precise_figure_saying_the_same_is_no_revision():
    obs = pd.DataFrame({
        "series": ["x"] * 3, "period": ["2024-12"] * 3, "release": ["2024-12", "2025-01", "2025-02"],
        "value": [-98_400.0, -98_432.0, -98_433.0], "precision": [100.0, 1.0, 1.0], "status": ["unrevised"] * 3,
    })
    p = V.change_points(obs)
    assert list(p["value"]) == [-98_400.0, -98_432.0, -98_433.0]
    assert list(p["status"]) == ["unrevised", "unrevised", "revised"]
    assert list(p["last_release"]) == ["2024-12", "2025-01", ""]
    # a coarser figure after a precise one that says the same leaves the precise one standing
    obs2 = obs.assign(value=[-98_432.0, -98_400.0, -98_432.0], precision=[1.0, 100.0, 1.0])
    assert list(V.change_points(obs2)["value"]) == [-98_432.0]


def test_as_of_gives_what_each_release_knew(points):
    """As of 2025-03 the December 2024 balance was BEA's figure of 2025-02 (2025-03's file printed the same);
    as of 2024-12 the release page's; as of 2026-01 exhibit 1 of 2025-12."""
    mine = points[(points["series"] == BALANCE) & (points["period"] == "2024-12")]
    assert V.as_of(mine, "2024-12")["published_value"].tolist() == [-98.4]
    ts = pd.read_csv("data/releases/2025-03/bea-ts-1.csv", dtype=str)
    ts = ts[(ts["hierarchy"] == "Total") & (ts["flow"] == "balance") & (ts["period"] == "2024-12")]
    assert V.as_of(mine, "2025-03")["value"].tolist() == [float(ts["value"].iloc[0])]
    assert len(V.as_of(mine, "2026-01")) == 1 and V.as_of(mine, "2026-01")["last_release"].tolist() == [""]
    assert V.as_of(mine, "2024-11").empty

"""Quarterly and annual totals and year to date of a monthly series: sums computed here from the tidy
tables, and every annual and year-to-date total the releases print checked against its months."""

from __future__ import annotations

import pandas as pd
import pytest

from tradesite.report import frequency as F
from tradesite.report.catalog import Catalog


def exhibit_1(release: str) -> pd.DataFrame:
    df = pd.read_csv(f"data/releases/{release}/exh1.csv", dtype=str)
    return df[(df["hierarchy"] == "Total") & (df["flow"] == "exports") & (df["vintage"] == "current")]


def test_annual_total_of_2024_against_the_printed_one():
    """exh1.xlsx of 2025-12: the twelve months of 2024 add up to the year's total it prints (sheet '1', row 22)."""
    df = exhibit_1("2025-12")
    months = df[df["period_type"] == "month"][["period", "value"]].astype({"value": float})
    mine = months[months["period"].str.startswith("2024-")]
    assert len(mine) == 12
    printed = float(df[(df["period_type"] == "year") & (df["period"] == "2024")]["value"].iloc[0])
    got = F.aggregate(months, "annual").set_index("period")
    assert got.loc["2024", "value"] == sum(mine["value"]) and got.loc["2024", "months"] == 12
    assert abs(got.loc["2024", "value"] - printed) <= 6.5  # twelve months each rounded to the million
    assert "2025" in got.index  # the release's twelve months of 2025


def test_quarters_and_year_to_date_are_sums_of_whole_periods():
    v = pd.DataFrame({"period": ["2024-01", "2024-02", "2024-04", "2025-01", "2025-02", "2025-03", "2025-04"],
                      "value": [1.0, 2.0, 4.0, 10.0, 20.0, 30.0, 40.0]})
    q = F.aggregate(v, "quarterly")
    assert q.to_dict("records") == [{"period": "2025-Q1", "value": 60.0, "months": 3}]  # 2024-Q1 lacks March
    ytd = F.aggregate(v, "year_to_date").set_index("period")["value"].to_dict()
    assert ytd == {"2024-01": 1.0, "2024-02": 3.0, "2025-01": 10.0, "2025-02": 30.0, "2025-03": 60.0, "2025-04": 100.0}
    assert F.aggregate(v, "annual").empty
    with pytest.raises(ValueError, match="dollars per barrel.*has no total"):
        F.aggregate(v, "annual", "dollars per barrel")


def test_year_to_date_against_the_printed_one():
    """exh1.xlsx of 2026-01 prints January 2026 year to date: the month itself."""
    df = exhibit_1("2026-01")
    months = df[df["period_type"] == "month"][["period", "value"]].astype({"value": float})
    printed = df[df["period_type"] == "year_to_date"].set_index("period")["value"].astype(float)
    got = F.aggregate(months, "year_to_date").set_index("period")["value"]
    for period, value in printed.items():
        assert abs(got[period] - value) <= F.tolerance(int(period[5:]))


def test_every_printed_annual_and_year_to_date_total_agrees_with_its_months():
    catalog = Catalog()
    checks = pd.concat([c for c in (F.printed_checks(catalog.load(r)) for r in catalog.ids) if not c.empty],
                       ignore_index=True)
    assert len(checks) > 1000 and set(checks["period_type"]) == {"year", "year_to_date"}
    bad = checks[~checks["agrees"]]
    assert bad.empty, bad.head().to_dict("records")


def test_a_printed_total_its_months_do_not_make_is_found():
    """The check can fail: exhibit 1 of 2025-12 with its 2024 exports total 7 million off (beyond 6.5)."""
    catalog = Catalog()
    real = catalog.load("2025-12")
    df = real.table("exh1").copy()
    row = (df["hierarchy"] == "Total") & (df["flow"] == "exports") & (df["period_type"] == "year") & (df["period"] == "2024")
    printed = df.loc[row, "value"].iloc[0]
    months = df[(df["hierarchy"] == "Total") & (df["flow"] == "exports") & (df["period_type"] == "month")
                & (df["vintage"] == "current") & df["period"].str.startswith("2024-")]["value"].sum()
    df.loc[row, "value"] = months + 7

    class Doctored:
        id, table_ids = "2025-12", ["exh1"]

        def table(self, _):
            return df

    checks = F.printed_checks(Doctored())
    bad = checks[~checks["agrees"].astype(bool)]
    assert len(bad) == 1 and bad.iloc[0]["location"] == df.loc[row, "location"].iloc[0]
    assert bad.iloc[0]["difference"] == -7 and abs(months - printed) <= 6.5

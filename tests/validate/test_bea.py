"""BEA identities on the real files: they hold within the stated tolerance, and break when a figure is altered."""

from __future__ import annotations

import pytest

from tradesite import paths
from tradesite.readers import transcribed
from tradesite.validate import bea

TS = "trad-time-series-0225.xlsx"
GEO = "trad-geo-time-series-0125.xlsx"


@pytest.fixture(scope="module")
def ts(raw, read_official):
    return read_official("2025-02", raw / "2025-02" / TS).tables  # bea_timeseries, read once a session


@pytest.fixture(scope="module")
def geo(raw, read_official):
    return read_official("2025-01", raw / "2025-01" / GEO).tables  # bea_geo, read once a session


@pytest.fixture(scope="module")
def headlines():
    return transcribed.read(paths.TRANSCRIBED / "2024-12" / "headlines.csv", "2024-12").tables


def problems(tables, release="2025-02"):
    return [p for check in bea.CHECKS for p in check(tables, release)]


def altered(tables, table_id, add, **eq):
    """A copy of the tables with one figure changed (made for the test)."""
    out = dict(tables)
    df = tables[table_id].copy()
    mask = True
    for col, v in eq.items():
        mask = mask & (df[col] == v)
    assert mask.sum() == 1
    df.loc[mask, "value"] += add
    out[table_id] = df
    return out


def test_tolerances():
    # half a unit per figure, rounded up to whole units
    assert (bea.tolerance(3), bea.tolerance(12), bea.tolerance(13), bea.tolerance(5)) == (2, 6, 7, 3)
    assert bea.tolerance(3, bea.TENTH) == pytest.approx(0.2)


@pytest.mark.shared_only
def test_real_files_hold(raw, ts, geo, headlines, read_official):
    assert problems(ts) == []
    assert problems(geo, "2025-01") == []
    assert problems(headlines, "2024-12") == []
    mar = read_official("2025-03", raw / "2025-03" / "trad-time-series-0325.xlsx").tables
    assert problems(mar, "2025-03") == []


def test_rounding_gaps_are_real(ts, monkeypatch):
    """Without the tolerance the printed figures do not add up exactly: the check is not vacuous."""
    monkeypatch.setattr(bea, "tolerance", lambda n, unit=1.0: 0.0)
    found = list(bea.check_table1(ts, "2025-02"))
    # trad-time-series-0225.xlsx, sheet 'Table 1', row 10 (1960): 25939 − 22433 = 3506, printed 3508
    assert found[0] == (
        f"{TS}, bea-ts-1, sheet 'Table 1', row 10, column B (1960, balance Total): balance = exports − imports: "
        "expected 3,506 (within 0, the release's rounding), found 3,508 (off by +2)"
    )


def test_altered_month_is_named(ts):
    # sheet 'Table 1', row 471 (2024 Dec): exports of goods 170077 (column F), altered by +10,
    # no longer match the goods balance −123281 (column C) with imports 293358
    found = problems(altered(ts, "bea-ts-1", 10, period="2024-12", flow="exports", line_item="Goods"))
    assert (
        f"{TS}, bea-ts-1, sheet 'Table 1', row 471, column C (2024-12, balance Goods): "
        "balance = exports − imports: expected -123,271 (within 2, the release's rounding), found -123,281 (off by -10)"
    ) in found
    assert any("row 471, column E (2024-12, exports Total): Total = Goods + Services" in p for p in found)
    assert any("row 74, column F (2024, exports Goods): the year = sum of its 12 months" in p for p in found)


def test_altered_category_is_named(ts):
    # sheet 'Table 2', row 347 (2024 Dec): the 11 categories sum to 96,443, Total 96442; Travel 18875 altered by -100
    found = problems(altered(ts, "bea-ts-2", -100, period="2024-12", line_item="Travel"))
    assert (
        f"{TS}, bea-ts-2, sheet 'Table 2', row 347, column B (2024-12, exports Total): "
        "Total = sum of the 11 categories: expected 96,343 (within 6, the release's rounding), "
        "found 96,442 (off by +99)"
    ) in found


def test_services_total_matches_table1(ts):
    found = problems(altered(ts, "bea-ts-3", 1, period="2025-02", line_item="Total"))
    assert any("bea-ts-3, sheet 'Table 3', row 349, column B (2025-02, imports Total): Total = Table 1 services" in p for p in found)


def test_geo_identities(geo):
    # sheet 'Table 4', row 138 (2024 4), column E: Canada exports of goods, altered by +50
    found = problems(altered(geo, "bea-geo-4", 50, period="2024-Q4", line_item="Canada"), "2025-01")
    assert any(p.startswith(f"{GEO}, bea-geo-6, sheet 'Table 6', row 138, column E (2024-Q4, balance Canada): "
                            "balance = exports − imports (goods)") for p in found)
    assert any(p.startswith(f"{GEO}, bea-geo-1, sheet 'Table 1', row 138, column E (2024-Q4, exports Canada): "
                            "goods and services = goods + services (exports)") for p in found)
    assert any("row 33, column E (2024, exports Canada): the year = sum of its 4 quarters" in p for p in found)


def test_geo_all_other_countries_exempt_until_2012(geo):
    """The workbook's note: 'All other countries' is not additive for 1999–2012 (checked, not assumed)."""
    def one(n, period):
        df = geo[f"bea-geo-{n}"]
        return df[(df["line_item"] == "All other countries") & (df["period"] == period)]["value"].iloc[0]
    # sheet 'Table 1'/'Table 4'/'Table 7', row 8 (1999): goods and services vs goods + services
    assert abs(one(1, "1999") - one(4, "1999") - one(7, "1999")) > 1000
    assert abs(one(1, "2013") - one(4, "2013") - one(7, "2013")) <= bea.tolerance(3)
    assert problems(geo, "2025-01") == []


@pytest.mark.shared_only
def test_headline_identities(headlines):
    # headlines.csv rows 4 and 2: exports 266.5 − imports 364.9 = −98.4
    found = problems(altered(headlines, "headlines", 1.0, period="2024-12", flow="exports", line_item="Total",
                             period_type="month", measure="level"), "2024-12")
    assert found == [
        "headlines.csv, headlines, row 2, column 'value_billions_usd' (2024-12, balance Total): balance = exports − imports: "
        "expected -97.4 (within 0.2, the release's rounding), found -98.4 (off by -1)"
    ]

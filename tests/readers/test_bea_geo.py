"""BEA countries workbook: known values (file, sheet, row), quarters, markers, error lines."""

from __future__ import annotations

import math

import openpyxl
import pytest

from tradesite.errors import IngestError
from tradesite.readers import bea_geo

FILE = "trad-geo-time-series-0125.xlsx"


@pytest.fixture(scope="module")
def geo(raw, read_official):
    """bea_geo.read of the file (readers.read calls it for this name), read once a session."""
    return read_official("2025-01", raw / "2025-01" / FILE)


def value(result, table, **eq):
    df = result.tables[table]
    for col, v in eq.items():
        df = df[df[col] == v]
    assert len(df) == 1, f"{eq}: {len(df)} rows"
    return df.iloc[0]


def test_tables_and_layout(geo):
    assert sorted(geo.tables, key=lambda t: int(t.split("-")[-1])) == [f"bea-geo-{n}" for n in range(1, 10)]
    assert geo.meta == {"published": "2025-03-06"}  # Readme, A1: 'Last updated March 6, 2025'
    assert geo.titles["bea-geo-5"] == "Table 5. U.S. International Trade by Selected Countries and Areas: Imports of Goods"
    for n, (flow, _) in bea_geo.LAYOUT.items():
        assert set(geo.tables[f"bea-geo-{n}"]["flow"]) == {flow}
    countries = list(dict.fromkeys(geo.tables["bea-geo-1"]["line_item"]))
    assert len(countries) == 27 and countries[0] == "Australia" and countries[-1] == "South/Central America"


def test_known_values(geo):
    # sheet 'Table 1', row 33 (annual 2024), column E: Canada
    row = value(geo, "bea-geo-1", line_item="Canada", period="2024")
    assert (row["value"], row["location"], row["seasonal_adjustment"]) == (
        440208, "sheet 'Table 1', row 33, column E", "not_seasonally_adjusted")
    assert value(geo, "bea-geo-1", line_item="China", period="2024")["value"] == 199183
    # sheet 'Table 1', row 138 ('2024 4'), column E: Canada, quarter, seasonally adjusted
    row = value(geo, "bea-geo-1", line_item="Canada", period="2024-Q4")
    assert (row["value"], row["period_type"], row["seasonal_adjustment"], row["status"]) == (
        110897, "quarter", "seasonally_adjusted", "")
    # sheet 'Table 1', row 135 ('2024 1 (R)'): revised
    assert value(geo, "bea-geo-1", line_item="Canada", period="2024-Q1")["status"] == "R"
    # sheet 'Table 2' and 'Table 3', row 134 ('2023 4'), column E: Canada imports and balance
    assert value(geo, "bea-geo-2", line_item="Canada", period="2023-Q4")["value"] == 123990
    assert value(geo, "bea-geo-3", line_item="Canada", period="2023-Q4")["value"] == -13365


def test_markers(geo):
    # sheet 'Table 1', row 8 (1999), column K: Ireland 'n.a.'
    row = value(geo, "bea-geo-1", line_item="Ireland", period="1999")
    assert row["status"] == "n.a." and math.isnan(row["value"])
    # sheet 'Table 9', row 95 ('2014 1'), column L: Israel '(*)', under $500,000
    row = value(geo, "bea-geo-9", line_item="Israel", period="2014-Q1")
    assert (row["status"], row["location"]) == ("-", "sheet 'Table 9', row 95, column L") and math.isnan(row["value"])


def test_wrong_subtitle_is_named(raw, tmp_path):
    wb = openpyxl.load_workbook(raw / "2025-01" / FILE, keep_links=False)
    wb["Table 4"].cell(3, 1, "Imports of Goods")
    path = tmp_path / FILE  # an altered copy, made for this test
    wb.save(path)
    with pytest.raises(IngestError) as exc:
        bea_geo.read(path, "2025-01")
    assert str(exc.value) == f"{FILE}, sheet 'Table 4', row 3, column A: expected the subtitle 'Exports Of Goods', found 'Imports of Goods'"

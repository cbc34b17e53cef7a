"""BEA time-series workbook: known values (file, sheet, row), markers, dates, error lines."""

from __future__ import annotations

import math

import openpyxl
import pytest

from tradesite.errors import IngestError
from tradesite.readers import bea_timeseries


@pytest.fixture(scope="module")
def feb(raw, read_official):
    """bea_timeseries.read of the file (readers.read calls it for this name), read once a session."""
    return read_official("2025-02", raw / "2025-02" / "trad-time-series-0225.xlsx")


@pytest.fixture(scope="module")
def mar(raw, read_official):
    return read_official("2025-03", raw / "2025-03" / "trad-time-series-0325.xlsx")


def value(result, table, **eq):
    df = result.tables[table]
    for col, v in eq.items():
        df = df[df[col] == v]
    assert len(df) == 1, f"{eq}: {len(df)} rows"
    return df.iloc[0]


def test_tables_titles_and_published(feb, mar):
    assert sorted(feb.tables) == [f"bea-ts-{n}" for n in range(1, 6)]
    assert feb.titles["bea-ts-2"] == "Table 2. U.S. International Trade in Services by Major Category: Exports"
    # Readme, A1: 'Last updated April 3, 2025' / 'Last updated May 6, 2025'
    assert feb.meta == {"published": "2025-04-03"}
    assert mar.meta == {"published": "2025-05-06"}
    for table_id, df in feb.tables.items():
        assert set(df["exhibit"]) == {table_id}
        assert set(df["unit"]) == {"millions of dollars"}
        assert set(df["basis"]) == {"balance_of_payments"}


def test_table1_known_values(feb):
    # trad-time-series-0225.xlsx, sheet 'Table 1', row 471 ('2024 Dec')
    row = value(feb, "bea-ts-1", period="2024-12", flow="balance", line_item="Total")
    assert (row["value"], row["location"]) == (-98062, "sheet 'Table 1', row 471, column B")
    assert row["seasonal_adjustment"] == "seasonally_adjusted" and row["period_type"] == "month"
    assert value(feb, "bea-ts-1", period="2024-12", flow="exports", line_item="Total")["value"] == 266520
    assert value(feb, "bea-ts-1", period="2024-12", flow="imports", line_item="Goods")["value"] == 293358
    # sheet 'Table 1', row 74 (annual 2024): not seasonally adjusted ("months seasonally adjusted")
    row = value(feb, "bea-ts-1", period="2024", flow="balance", line_item="Total")
    assert (row["value"], row["seasonal_adjustment"], row["period_type"]) == (-917835, "not_seasonally_adjusted", "year")
    # sheet 'Table 1', row 10 (1960): the first year
    assert value(feb, "bea-ts-1", period="1960", flow="exports", line_item="Services")["value"] == 6289
    # sheet 'Table 1', row 472 ('2025 Jan (R)'): the whole row is revised
    jan = feb.tables["bea-ts-1"].query("period == '2025-01'")
    assert set(jan["status"]) == {"R"} and len(jan) == 9
    assert value(feb, "bea-ts-1", period="2025-01", flow="balance", line_item="Total")["value"] == -130652


def test_table1_hierarchy(feb):
    df = feb.tables["bea-ts-1"]
    assert sorted(set(zip(df["line_item"], df["hierarchy"], df["level"]))) == [
        ("Goods", "Total › Goods", 1), ("Services", "Total › Services", 1), ("Total", "Total", 0)]
    # annual 1960-2024 and monthly Jan 1992 - Feb 2025, nine columns each
    assert len(df) == 9 * ((2024 - 1960 + 1) + (2025 - 1992) * 12 + 2)


def test_march_release_revises_february(mar):
    # trad-time-series-0325.xlsx, sheet 'Table 1', row 473 ('2025 Feb (R)') and row 474 ('2025 Mar');
    # trad0325.pdf page 1: deficit $140.5 billion, up from $123.2 billion in February (revised)
    feb = value(mar, "bea-ts-1", period="2025-02", flow="balance", line_item="Total")
    assert (feb["value"], feb["status"]) == (-123195, "R")
    assert value(mar, "bea-ts-1", period="2025-03", flow="balance", line_item="Total")["value"] == -140498
    assert value(mar, "bea-ts-1", period="2025-03", flow="exports", line_item="Total")["value"] == 278456
    assert value(mar, "bea-ts-1", period="2025-03", flow="imports", line_item="Total")["value"] == 418955


def test_services_categories(feb):
    # sheet 'Table 2', row 347 ('2024 Dec') and row 9 (1999); sheet 'Table 3', row 9 (1999)
    assert value(feb, "bea-ts-2", period="2024-12", line_item="Total")["value"] == 96442
    travel = value(feb, "bea-ts-2", period="2024-12", line_item="Travel")  # printed 'Travel 1'
    assert (travel["value"], travel["hierarchy"], travel["level"], travel["flow"]) == (18875, "Total › Travel", 1, "exports")
    assert value(feb, "bea-ts-2", period="1999", line_item="Maintenance and Repair Services n.i.e.")["value"] == 3656
    assert value(feb, "bea-ts-3", period="1999", line_item="Transport")["value"] == 49892
    # printed 'Telecom-munications, ...' across two lines
    assert "Telecommunications, Computer, and Information Services" in set(feb.tables["bea-ts-2"]["line_item"])
    assert feb.tables["bea-ts-2"]["line_item"].nunique() == 12


def test_previous_presentation_markers(feb):
    # sheet 'Table 4', row 16 (1999): Total '(1)', footnote 1 "These data have been revised but are not
    # being maintained in this presentation" (row 444); Travel 72363
    total = value(feb, "bea-ts-4", period="1999", line_item="Total")
    assert total["status"] == "not_maintained" and math.isnan(total["value"])
    assert value(feb, "bea-ts-4", period="1999", line_item="Travel")["value"] == 72363
    # sheet 'Table 5', row 7 header: 'Direct Defense Expenditures'
    assert "Direct Defense Expenditures" in set(feb.tables["bea-ts-5"]["line_item"])


def altered(raw, tmp_path, edit):
    """An altered copy of trad-time-series-0225.xlsx, made for a bad-input test."""
    wb = openpyxl.load_workbook(raw / "2025-02" / "trad-time-series-0225.xlsx", keep_links=False)
    edit(wb)
    path = tmp_path / "trad-time-series-0225.xlsx"
    wb.save(path)
    return path


def test_error_names_the_cell(raw, tmp_path):
    path = altered(raw, tmp_path, lambda wb: wb["Table 1"].cell(471, 2, "n/a"))
    with pytest.raises(IngestError) as exc:
        bea_timeseries.read(path, "2025-02")
    assert str(exc.value) == (
        "trad-time-series-0225.xlsx, sheet 'Table 1', row 471, column B: "
        "expected a number or one of ['n.a.', '(1)', '(*)'], found 'n/a'"
    )


def test_error_bad_period_and_date(raw, tmp_path):
    def edit(wb):
        wb["Table 2"].cell(347, 1, "2024 December")
        wb["Readme"].cell(1, 1, "Updated 3 April 2025")

    path = altered(raw, tmp_path, edit)
    with pytest.raises(IngestError, match=r"sheet 'Readme', row 1, column A: expected 'Last updated <Month D, YYYY>', found 'Updated 3 April 2025'"):
        bea_timeseries.read(path, "2025-02")
    wb = openpyxl.load_workbook(path, keep_links=False)
    wb["Readme"].cell(1, 1, "Last updated April 3, 2025")
    wb.save(path)
    with pytest.raises(IngestError) as exc:
        bea_timeseries.read(path, "2025-02")
    assert str(exc.value) == (
        "trad-time-series-0225.xlsx, sheet 'Table 2', row 347, column A: "
        "expected a month period like '2025 Jan' or '2025 Jan (R)', found '2024 December'"
    )

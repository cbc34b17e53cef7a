"""Transcribed headlines (transcribed/2024-12/headlines.csv): values, notes, mapping, error lines."""

from __future__ import annotations

import pytest

from tradesite import paths
from tradesite.errors import IngestError
from tradesite.readers import transcribed

pytestmark = pytest.mark.shared_only

URL = "https://www.bea.gov/news/2025/us-international-trade-goods-and-services-december-and-annual-2024"


@pytest.fixture(scope="module")
def csv_path():
    return paths.TRANSCRIBED / "2024-12" / "headlines.csv"


@pytest.fixture(scope="module")
def result(csv_path):
    return transcribed.read(csv_path, "2024-12")


def value(result, **eq):
    df = result.tables["headlines"]
    for col, v in eq.items():
        df = df[df[col] == v]
    assert len(df) == 1, f"{eq}: {len(df)} rows"
    return df.iloc[0]


def test_headline_figures(result):
    # headlines.csv row 2: "the goods and services deficit was $98.4 billion in December, up $19.5 billion ..."
    row = value(result, flow="balance", line_item="Total", period="2024-12", period_type="month", measure="level")
    assert (row["value"], row["unit"], row["location"]) == (-98.4, "billions of dollars", "row 2, column 'value_billions_usd'")
    assert value(result, flow="balance", line_item="Total", period="2024-12", period_type="month", measure="change")["value"] == -19.5
    pct = value(result, flow="balance", line_item="Total", period="2024-12", period_type="month", measure="percent_change")
    assert (pct["value"], pct["unit"]) == (24.7, "percent")
    # row 3: November revised to $78.9 billion
    nov = value(result, flow="balance", period="2024-11", measure="level")
    assert (nov["value"], nov["status"]) == (-78.9, "R")
    # rows 4, 5: exports $266.5 billion, imports $364.9 billion
    assert value(result, flow="exports", line_item="Total", period="2024-12", period_type="month", measure="level")["value"] == 266.5
    assert value(result, flow="imports", line_item="Total", period="2024-12", period_type="month", measure="level")["value"] == 364.9
    # rows 6, 7, 17: goods deficit $123.0, services surplus $24.5, goods exports $170.2 billion
    goods = value(result, flow="balance", line_item="Goods", measure="level")
    assert (goods["value"], goods["hierarchy"], goods["level"]) == (-123.0, "Total › Goods", 1)
    assert value(result, flow="balance", line_item="Services", measure="level")["value"] == 24.5
    assert value(result, flow="exports", line_item="Goods", measure="level")["value"] == 170.2


def test_annual_and_three_month_average(result):
    # row 8: "For 2024, the goods and services deficit increased $133.5 billion, or 17.0 percent, from 2023."
    row = value(result, flow="balance", period="2024", period_type="year", measure="change")
    assert (row["value"], row["seasonal_adjustment"]) == (-133.5, "not_seasonally_adjusted")
    # row 11: three months ending in December: average deficit $83.8 billion
    row = value(result, flow="balance", period_type="three_month_average", measure="level")
    assert (row["value"], row["period"]) == (-83.8, "2024-12")


def test_changes_from_a_year_earlier_are_notes_only(result):
    # rows 14-16 ("change from a year earlier") fit no schema measure: notes, no values
    assert not result.tables["headlines"]["location"].str.startswith(("row 14,", "row 15,", "row 16,")).any()
    assert len(result.tables["headlines"]) == 28
    assert [n["heading"] for n in result.notes][13] == "three-month average exports, change from a year earlier"


def test_notes_and_meta(result):
    assert result.meta == {"published": "2025-02-05", "url": URL}
    assert len(result.notes) == 16
    assert result.notes[0] == {
        "section": "headlines",
        "heading": "goods and services balance (deficit)",
        "anchor": "goods-and-services-balance-deficit",
        "paragraphs": ["the goods and services deficit was $98.4 billion in December, up $19.5 billion from "
                       "$78.9 billion in November, revised."],
        "url": URL,
    }


def altered(csv_path, tmp_path, old, new):
    """An altered copy of headlines.csv, made for a bad-input test."""
    text = csv_path.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "headlines.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_unknown_measure_is_named(csv_path, tmp_path):
    path = altered(csv_path, tmp_path, "exports of goods,2024-12", "exports of widgets,2024-12")
    with pytest.raises(IngestError, match=r"^headlines\.csv, row 17, column 'measure': expected .* found 'exports of widgets'$"):
        transcribed.read(path, "2024-12")


def test_bad_number_and_period_are_named(csv_path, tmp_path):
    path = altered(csv_path, tmp_path, "266.5,-7.1", "266.5,about 7")
    with pytest.raises(IngestError) as exc:
        transcribed.read(path, "2024-12")
    assert str(exc.value) == "headlines.csv, row 4, column 'change_billions_usd': expected a number or nothing, found 'about 7'"
    path = altered(csv_path, tmp_path, "average exports,2024-10/2024-12", "average exports,2024-09/2024-12")
    with pytest.raises(IngestError) as exc:
        transcribed.read(path, "2024-12")
    assert str(exc.value) == "headlines.csv, row 12, column 'period': expected three months 'YYYY-MM/YYYY-MM', found '2024-09/2024-12'"

"""Periods as the files print them (labels copied from the official files named)."""

from __future__ import annotations

import pytest

from tradesite.readers.engine import periods


def error(expected, found):
    return ValueError(f"expected {expected}, found {found!r}")


@pytest.mark.parametrize("label, year, want", [
    ("August", 2021, {"period": "2021-08", "period_type": "month"}),          # exh1.xlsx of 2021-08, row 46
    ("Jan. - Dec.", 2020, {"period": "2020", "period_type": "year"}),         # exh1.xlsx, row 8
    ("Jan. - Aug.", 2021, {"period": "2021-08", "period_type": "year_to_date"}),
    ("Jan.- Aug.", 2021, {"period": "2021-08", "period_type": "year_to_date"}),  # exh3s.xlsx, row 11
    ("Jan. -", 2026, {"period": "2026-01", "period_type": "year_to_date"}),   # exh12.xlsx of 2026-01, row 38
    ("Sept.", 2021, {"period": "2021-09", "period_type": "month"}),
    ("August", None, None),                                                   # no year line above
    ("Total", 2021, None),
])
def test_row_period(label, year, want):
    assert periods.row_period(label, year) == want


def test_rows_of_a_period_table():
    """exh1.xlsx of 2021-08, column A: a year line, months, a revised month, the 'as published last
    month' line and the unlabelled row under it (July's earlier vintage)."""
    rows = periods.PeriodRows()
    read = [rows.read(label, values, error) for label, values in [
        ("2021", False), ("Jan. - Aug.", True), ("July (R)", True), ("August", True),
        ("September", False),  # a month still to come: no values
        ("July data as published last month:", False), ("", True)]]
    assert read[0] is None and read[4] is None and read[5] is None
    assert (read[1].period, read[1].period_type) == ("2021-08", "year_to_date")
    assert (read[2].period, read[2].status, read[2].vintage) == ("2021-07", "R", "current")
    assert (read[6].period, read[6].vintage, read[6].last_month) == ("2021-07", "as_published_last_month", 7)
    with pytest.raises(ValueError, match="expected a period label"):
        rows.read("Total", True, error)


def test_as_published_last_month_is_the_latest_such_month_printed():
    """exh12.xlsx of 2026-01: 'December data as published last month:' is December 2025, the
    latest December printed above it, whatever release the file is filed under."""
    rows = periods.PeriodRows()
    for label, values in [("2025", False), ("December", True), ("2026", False), ("January", True),
                          ("December data as published last month:", False)]:
        rows.read(label, values, error)
    assert rows.read("", True, error).period == "2025-12"


def test_three_month_averages():
    rows = periods.PeriodRows("three_month_average")  # exh2: Month of Moving Average
    rows.read("2021", False, error)
    assert rows.read("August", True, error).period_type == "three_month_average"


@pytest.mark.parametrize("text, period, kind", [
    ("August\n2021", "2021-08", "month"),            # exh14.xlsx B7
    ("Second Quarter\n2020", "2020-Q2", "quarter"),  # exh19.xlsx E5
    ("Annual\n2018", "2018", "year"),                # exh20.xlsx H5
    ("Year-to-Date\n2021", "2021", "year_to_date"),  # its month comes from the table's month column
    ("Year-to-Date", None, "year_to_date"),          # exh7.xlsx E6, its year in the row below
])
def test_heading(text, period, kind):
    h = periods.heading(text)
    assert (h.period(), h.period_type) == (period, kind)


def test_heading_letter_spaced_in_the_pdf():
    """trad0325.pdf page 38 prints exhibit 19's headings letter-spaced: spaces are dropped."""
    assert periods.find_heading("FirstQuarter2024").period() == "2024-Q1"
    assert periods.find_heading("March2025").period() == "2025-03"
    assert periods.find_heading("Balance") is None


@pytest.mark.parametrize("label, section, want", [
    (1960, "year", ("1960", "")),                    # trad-time-series-0325.xlsx Table 1, row 10
    ("2025 Feb (R)", "month", ("2025-02", "R")),     # Table 4, row 440
    ("2024 4", "quarter", ("2024-Q4", "")),          # trad-geo-time-series-0125.xlsx
])
def test_bea_row(label, section, want):
    assert periods.bea_row(label, section, error) == want


def test_bea_row_refused():
    with pytest.raises(ValueError, match=r"expected a month period like '2025 Jan' or '2025 Jan \(R\)', found '2025 Foo'"):
        periods.bea_row("2025 Foo", "month", error)

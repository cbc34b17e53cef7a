"""The report's layouts (site/builders/layouts.py) on the real tidy tables."""

from __future__ import annotations

import pytest

from tradesite.releases import Release
from tradesite.site.builders.layouts import pivot


def _bea_table_4():
    return Release.load("2025-03").exhibit("bea-ts-4")


def test_a_figure_bea_no_longer_maintains_reads_as_its_footnote_says():
    # trad-time-series-0325.xlsx, Table 4, row 16: 1999 prints "(1)" (revised but not maintained)
    df = _bea_table_4()
    rows = df[(df["period"] == "1999") & (df["period_type"] == "year") & (df["line_item"] == "Total")]
    assert list(rows["status"]) == ["not_maintained"]
    frame, _, _ = pivot(rows, ["line_item"], ["period"], lambda d: d["line_item"], lambda d: d["period"], "Line")
    assert frame.iloc[0]["1999"] == "not maintained"


def test_an_unknown_status_names_the_file_cell_and_the_fix():
    df = _bea_table_4()
    rows = df[(df["period"] == "1992") & (df["line_item"] == "Total")].head(1).assign(status="Q", value=float("nan"))
    with pytest.raises(ValueError, match=r"trad-time-series-0325.xlsx, sheet 'Table 4', row 9, column B: "
                                         r"status 'Q'; expected one of R, .*layouts.STATUS_SHOWN"):
        pivot(rows, ["line_item"], ["period"], lambda d: d["line_item"], lambda d: d["period"], "Line")

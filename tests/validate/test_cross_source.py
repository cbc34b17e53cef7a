"""The release PDF and BEA's time-series workbook of March 2025 print the same figures.

Runs on the committed tables of 2025-03 (``tradesite ingest 2025-03`` from trad0325.pdf and
trad-time-series-0325.xlsx).
"""

from __future__ import annotations

import pandas as pd
import pytest

from tradesite.releases import Release
from tradesite.validate import cross_source

RELEASE = "2025-03"


@pytest.fixture(scope="module")
def tables(data) -> dict[str, pd.DataFrame]:
    release = Release.load(RELEASE, data)
    return {t: release.table(t) for t in release.table_ids}


def test_pdf_and_bea_workbook_agree(tables):
    # exhibit 1 (pages 14) vs Table 1, exhibits 3/4 (pages 16-17) vs Tables 2/3: 2023-01 .. 2025-03
    # and the years 2023, 2024: (27 months + 2 years) x (9 + 12 + 12 columns)
    assert cross_source.compared(tables) == 29 * (9 + 12 + 12)
    assert list(cross_source.check_same_figures(tables, RELEASE)) == []


def test_a_figure_that_differs_is_named(tables):
    # trad0325.pdf page 16, March 2025 exports of travel 16,982; Table 2 prints the same
    df = tables["pdf-exh3"].copy()
    hit = df["location"] == "page 16, row 'March (2025)', value column 4"
    df.loc[hit, "value"] += 1
    found = list(cross_source.check_same_figures({**tables, "pdf-exh3": df}, RELEASE))
    assert len(found) == 1
    assert found[0].startswith(
        "trad0325.pdf, exhibit 3, page 16, row 'March (2025)', value column 4: 'Travel' exports 2025-03 = "
        "trad-time-series-0325.xlsx (sheet 'Table 2', row ")
    assert found[0].endswith("expected 16,982 (within 0, the release's rounding), found 16,983 (off by +1)")


def test_skipped_without_the_other_file(tables):
    only_pdf = {t: df for t, df in tables.items() if t.startswith("pdf-")}
    assert cross_source.compared(only_pdf) == 0
    assert list(cross_source.check_same_figures(only_pdf, RELEASE)) == []


def test_same_exhibit_from_two_files(tables):
    """Exhibit 1 of trad0325.pdf beside a copy of it standing in for a Census workbook (made
    here for the test: no bundled release carries both files): the same figures pass, a moved
    one is named with both locations."""
    pdf = tables["pdf-exh1"]
    fixture_workbook_copy = pdf.assign(source_file="exh1.xlsx", location="sheet '1', row 99, column B")
    both = {"pdf-exh1": pdf, "exh1": fixture_workbook_copy}
    assert list(cross_source.check_same_exhibit(both, RELEASE)) == []
    moved = fixture_workbook_copy.copy()
    hit = (moved["period"] == "2025-03") & (moved["period_type"] == "month") & (moved["hierarchy"] == "Total") \
        & (moved["flow"] == "balance")
    moved.loc[hit, "value"] -= 1
    found = list(cross_source.check_same_exhibit({"pdf-exh1": pdf, "exh1": moved}, RELEASE))
    assert found == ["trad0325.pdf, exhibit 1, page 14, row 'March (2025)', value column 1: 'Total' balance 2025-03 = "
                     "exh1.xlsx (sheet '1', row 99, column B): expected -140,499 (within 0, the release's rounding), "
                     "found -140,498 (off by +1)"]

"""Census exhibits in the old Excel format (.xls), as Census's archive serves older years:
an .xls copy of an official 2021-08 workbook (made for the test: values, indent and bold)
reads into exactly the tidy table of the official .xlsx, hierarchy included."""

from __future__ import annotations

import pandas as pd
import pytest

from tradesite import paths, workbooks
from tradesite.errors import IngestError
from tradesite.readers import census_exhibit

#: a period table (exh1), bold-marked categories (exh7), indented items (exh13),
#: a table with C.I.F. columns (exh4s), one in two blocks (exh16a)
STEMS = ["exh1", "exh7", "exh13", "exh4s", "exh16a"]


@pytest.mark.parametrize("stem", STEMS)
def test_an_xls_copy_reads_like_the_official_xlsx(stem, tmp_path, xls_made_for_test):
    official = paths.RAW / "2021-08" / f"{stem}.xlsx"
    xls = xls_made_for_test(official, tmp_path / f"{stem}.xls")
    want = census_exhibit.read(official, "2021-08").tables[stem]
    got = census_exhibit.read(xls, "2021-08").tables[stem]
    assert (got["source_file"] == f"{stem}.xls").all()
    pd.testing.assert_frame_equal(got.drop(columns="source_file"), want.drop(columns="source_file"))


def test_the_xls_sheet_keeps_what_marks_the_hierarchy(tmp_path, xls_made_for_test):
    """exh7.xlsx sheet '7': bold end-use categories over plain commodity rows."""
    official = paths.RAW / "2021-08" / "exh7.xlsx"
    sheet = workbooks.first_sheet(xls_made_for_test(official, tmp_path / "exh7.xls"))
    bold = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).font.b and sheet.cell(r, 1).value]
    assert sheet.title == "7" and len(bold) > 3
    assert sheet.cell(sheet.max_row + 5, 1).value is None  # beyond the sheet: empty, as openpyxl gives


def test_a_damaged_xls_is_one_line(tmp_path, xls_made_for_test):
    xls = xls_made_for_test(paths.RAW / "2021-08" / "exh1.xlsx", tmp_path / "exh1.xls")
    xls.write_bytes(xls.read_bytes()[:1000])
    with pytest.raises(IngestError) as err:
        census_exhibit.read(xls, "2021-08")
    assert str(err.value).startswith("exh1.xls: expected a readable .xls workbook (the file is damaged or truncated: "
                                     "download it again), found <")

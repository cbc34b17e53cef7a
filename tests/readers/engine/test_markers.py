"""Markers: one vocabulary for every format; an unknown marker is refused, never a number."""

from __future__ import annotations

import pytest

from tradesite.readers.engine import markers


def error(expected, found):
    return ValueError(f"expected {expected}, found {found!r}")


@pytest.mark.parametrize("cell, want", [
    (-73252, (-73252.0, "")),            # exh1.xlsx of 2021-08, B46
    (148099.485748, (148099.485748, "")),
    ("(X)", (None, "X")), ("(-)", (None, "-")), ("n.a.", (None, "n.a.")), ("(D)", (None, "(D)")),
    (None, None), ("", None), (" ", None),  # the months still to come
])
def test_workbook_cells(cell, want):
    assert markers.cell(cell, error) == want


@pytest.mark.parametrize("cell, message", [
    ("(Z)", "expected a number or a known marker ((X), (-), n.a., (D), (R)), found '(Z)'"),
    ("*", "expected a number or a known marker"),
    ("n/a", "expected a number, found 'n/a'"),
])
def test_unknown_markers_are_refused(cell, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        markers.cell(cell, error)


def test_bea_markers():
    """Tables 4/5's footnote '(1)': revised but not maintained; geo Table 9's '(*)': under $500,000."""
    assert markers.cell("(1)", error, markers.BEA_STATUS) == (None, "not_maintained")
    assert markers.cell("(*)", error, markers.BEA_STATUS) == (None, "-")


def test_printed_values():
    """trad0325.pdf page 38: 'Canada -4,889(R) -7,375': the (R) marks the next column."""
    assert markers.printed("-4,889(R)", error) == (-4889.0, "", True)
    assert markers.printed("-7,375", error) == (-7375.0, "", False)
    assert markers.printed("66.64", error) == (66.64, "", False)
    assert markers.printed("(-)", error) == (None, "-", False)
    assert not markers.is_printed_value("2025")  # a year: numbers of 1,000 and more carry commas
    with pytest.raises(ValueError, match="expected a number or a status mark"):
        markers.printed("12a", error)


def test_join_status():
    assert markers.join_status("R", "", "R;-", None) == "R;-"

"""The hierarchy of item tables, on line sequences copied from the official files named."""

from __future__ import annotations

from tradesite.readers.engine.hierarchy import Hierarchy
from tradesite.schema import HIERARCHY_SEP


def paths_of(tree: Hierarchy, lines) -> dict[str, str]:
    out = {}
    for label, depth, *group in lines:
        spot = tree.place(label, depth, heads_group=bool(group))
        out[label] = HIERARCHY_SEP.join([*spot.parents, label])
    return out


def test_top_lines_root_and_depth():
    """exh14.xlsx of 2021-08: the BOP total and net adjustments are level 0 beside the root."""
    got = paths_of(Hierarchy(), [("Total Balance of Payments Basis", 0), ("Net Adjustments", 0),
                                 ("Total Census Basis", 0), ("North America", 1), ("Canada", 2), ("Mexico", 2),
                                 ("Europe", 1)])
    assert got["Net Adjustments"] == "Net Adjustments"
    assert got["Canada"] == "Total Census Basis › North America › Canada"
    assert got["Europe"] == "Total Census Basis › Europe"


def test_other_closes_its_group():
    """exh14a.xlsx of 2021-08 rows 26-30 indent Norway as if it were in the European Union, after
    the EU's 'Other' line; it is a country of Europe (exhibit 14 prints it so)."""
    got = paths_of(Hierarchy(), [("Total Census Basis", 0), ("Europe", 1), ("European Union", 2), ("France", 3),
                                 ("Other", 3), ("Norway", 3)])
    assert got["Other"] == "Total Census Basis › Europe › European Union › Other"
    assert got["Norway"] == "Total Census Basis › Europe › Norway"


def test_groups_marked_by_the_line_after():
    """exh1s.xlsx of 2021-08 rows 12-53: a NAICS group followed by '(Domestic)' holds the rows below it,
    up to the next group or 'Re-exports' and 'Timing Adjustments', parts of the GRAND TOTAL again."""
    got = paths_of(Hierarchy(), [("GRAND TOTAL", 0), ("Agricultural, Forestry & Fishery Products", 1, "group"),
                                 ("Agricultural Products, Total", 1), ("Mining, Total", 1, "group"),
                                 ("Oil And Gas", 1), ("Re-exports", 1), ("Timing Adjustments", 1)])
    assert got["Agricultural Products, Total"] == "GRAND TOTAL › Agricultural, Forestry & Fishery Products › Agricultural Products, Total"
    assert got["Mining, Total"] == "GRAND TOTAL › Mining, Total"
    assert got["Oil And Gas"] == "GRAND TOTAL › Mining, Total › Oil And Gas"
    assert (got["Re-exports"], got["Timing Adjustments"]) == ("GRAND TOTAL › Re-exports", "GRAND TOTAL › Timing Adjustments")


def test_re_exports_keep_their_parts_outside_groups():
    """exh15.xlsx of 2021-08 rows 92-94: 'Re-Exports' heads its own lines where no group is marked."""
    got = paths_of(Hierarchy(), [("Total Census Basis", 0), ("Re-Exports", 1), ("Manufactured Goods", 2)])
    assert got["Manufactured Goods"] == "Total Census Basis › Re-Exports › Manufactured Goods"


def test_memo_line_and_blank_row():
    """exh2s.xlsx of 2021-08 rows 14-17: 'Foreign Trade Zone' is for reference only; the states
    below it are parts of the U.S. total (the PDF says memo, the workbook a blank row)."""
    memo = Hierarchy(memo=("Foreign Trade Zone",))
    assert paths_of(memo, [("U.S. Total", 0), ("Foreign Trade Zone", 0), ("Alabama", 1)])["Alabama"] == "U.S. Total › Alabama"
    blank = Hierarchy()
    paths_of(blank, [("U.S. Total", 0), ("Foreign Trade Zone", 0)])
    blank.close_groups()
    assert paths_of(blank, [("Alabama", 1)])["Alabama"] == "U.S. Total › Alabama"

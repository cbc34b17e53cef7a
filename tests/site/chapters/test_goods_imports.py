"""Goods imports chapter (exhibits 6, 8) on the committed releases."""

from __future__ import annotations

from .helpers import build, bullets_match_table, cell, committed, table_of, text

from tradesite.site.chapters import goods_imports


def test_table_equals_exhibit_8_2021_08():
    chapter = build(goods_imports, committed("2021-08"))
    table = table_of(chapter, "by-commodity")
    assert table.source == "Exhibit 8, exh8.xlsx (sheet '8')"
    # exh8.xlsx row 8: Total, Balance of Payments Basis 239105 (August 2021), 236405 (July 2021, revised)
    assert cell(table, "Total, Balance of Payments Basis", "August 2021") == 239105
    assert cell(table, "Total, Balance of Payments Basis", "July 2021 (R)") == 236405
    # exh8.xlsx row 152: Cell phones and other household goods, n.e.c. -1472 (monthly change)
    assert cell(table, "Cell phones and other household goods, n.e.c.", "Monthly change") == -1472
    # exhibit 6 imports block: exh6.xlsx row 62, August 2021, Consumer Goods 63236
    by_period = table_of(chapter, "by-category-period")
    assert cell(by_period, "August 2021", "Consumer Goods") == 63236
    assert cell(by_period, "July 2021 (R)", "Consumer Goods") == 60257


def test_narrative_numbers_are_the_table_rounded_2021_08():
    chapter = build(goods_imports, committed("2021-08"))
    table = table_of(chapter, "by-commodity")
    assert bullets_match_table(text(chapter), table) >= 3
    # exh8.xlsx row 8 (239105, change 2700) and row 9 (Net Adjustments, change 281)
    assert "Imports of goods increased $2.7 billion to $239.1 billion in August." in text(chapter)
    assert "Net balance of payments adjustments increased $0.3 billion." in text(chapter)


def test_narrative_says_what_the_release_says_2025_03():
    chapter = build(goods_imports, committed("2025-03"))
    # trad0325.pdf page 3, "Imports (exhibits 4, 6, and 8)"
    assert (
        "Imports of goods increased $17.8 billion to $346.8 billion in March.\n\n"
        "Imports of goods on a Census basis increased $17.8 billion.\n\n"
        "- Consumer goods increased $22.5 billion.\n"
        "    - Pharmaceutical preparations increased $20.9 billion.\n"
        "- Capital goods increased $3.7 billion.\n"
        "    - Computer accessories increased $2.0 billion.\n"
        "- Automotive vehicles, parts, and engines increased $2.6 billion.\n"
        "    - Passenger cars increased $2.1 billion.\n"
        "- Industrial supplies and materials decreased $10.7 billion.\n"
        "    - Finished metal shapes decreased $10.3 billion.\n"
        "    - Nonmonetary gold decreased $1.8 billion.\n"
        "    - Crude oil decreased $1.2 billion.\n\n"
        "Net balance of payments adjustments decreased less than $0.1 billion."
    ) in text(chapter)
    table = table_of(chapter, "by-commodity")
    # trad0325.pdf page 23: Pharmaceutical preparations 50,422 (March 2025), change 20,924
    assert cell(table, "Pharmaceutical preparations", "March 2025") == 50422
    assert cell(table, "Pharmaceutical preparations", "Monthly change") == 20924
    assert bullets_match_table(text(chapter), table) == 10

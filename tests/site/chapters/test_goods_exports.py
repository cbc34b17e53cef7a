"""Goods exports chapter (exhibits 6, 7) on the committed releases."""

from __future__ import annotations

from .helpers import build, bullets_match_table, cell, committed, table_of, text

from tradesite.site.chapters import goods_exports


def test_table_equals_exhibit_7_2021_08():
    chapter = build(goods_exports, committed("2021-08"))
    table = table_of(chapter, "by-commodity")
    assert table.source == "Exhibit 7, exh7.xlsx (sheet '7')"
    assert table.unit == "millions of dollars"
    # exh7.xlsx row 12: Corn 1180 (August 2021), 1795 (July 2021, revised), -616 (monthly change)
    assert cell(table, "Corn", "August 2021") == 1180
    assert cell(table, "Corn", "July 2021 (R)") == 1795
    assert cell(table, "Corn", "Monthly change") == -616
    # exh7.xlsx row 55: Electric energy's monthly change is printed '(-)'
    assert cell(table, "Electric energy", "Monthly change") == "(-)"
    # exh7.xlsx row 30: Industrial supplies and materials, a category (level 1) above its commodities
    row = table.frame.index[table.frame.iloc[:, 0] == "Industrial supplies and materials"][0]
    assert (table.levels[row], table.levels[row + 1]) == (1, 2)
    assert cell(table, "Industrial supplies and materials", "Jan.–Aug. 2021") == 411221


def test_narrative_numbers_are_the_table_rounded_2021_08():
    chapter = build(goods_exports, committed("2021-08"))
    table = table_of(chapter, "by-commodity")
    assert bullets_match_table(text(chapter), table) >= 3
    # exh7.xlsx row 8: Total, Balance of Payments Basis 149691, change 1105
    assert "Exports of goods increased $1.1 billion to $149.7 billion in August." in text(chapter)


def test_narrative_says_what_the_release_says_2025_03():
    chapter = build(goods_exports, committed("2025-03"))
    # trad0325.pdf page 2, "Exports (exhibits 3, 6, and 7)"
    assert (
        "Exports of goods increased $1.3 billion to $183.2 billion in March.\n\n"
        "Exports of goods on a Census basis increased $2.5 billion.\n\n"
        "- Industrial supplies and materials increased $2.2 billion.\n"
        "    - Natural gas increased $0.8 billion.\n"
        "    - Nonmonetary gold increased $0.7 billion.\n"
        "- Automotive vehicles, parts, and engines increased $1.2 billion.\n"
        "    - Passenger cars increased $0.9 billion.\n"
        "- Capital goods decreased $1.5 billion.\n"
        "    - Civilian aircraft decreased $1.8 billion.\n"
        "    - Computer accessories increased $0.7 billion.\n\n"
        "Net balance of payments adjustments decreased $1.2 billion."
    ) in text(chapter)
    table = table_of(chapter, "by-commodity")
    assert table.source == "Exhibit 7, trad0325.pdf pages 20–21"
    # trad0325.pdf page 20: Natural gas 5,121 (March 2025), change 781
    assert cell(table, "Natural gas", "March 2025") == 5121
    assert cell(table, "Natural gas", "Monthly change") == 781
    assert bullets_match_table(text(chapter), table) == 8


def test_partial_from_exhibits_1_and_12_january_2026():
    """2026-01 holds exhibits 1 and 12: goods exports seasonally adjusted and not, each in its own column."""
    chapter = build(goods_exports, committed("2026-01"))
    frame = table_of(chapter, "monthly-totals").frame.set_index("Month")
    # exh1.xlsx of 2026-01, row 39, column F: goods exports 195,492 (seasonally adjusted, BOP basis);
    # exh12.xlsx of 2026-01, row 39, columns D-F: 187,044 BOP basis, 658 net adjustments, 186,386 Census basis
    january = frame.loc["January 2026"]
    assert january["Seasonally adjusted: balance of payments basis"] == 195492
    assert january["Not seasonally adjusted: balance of payments basis"] == 187044
    assert january["Not seasonally adjusted: net adjustments"] == 658
    assert january["Not seasonally adjusted: Census basis"] == 186386
    assert chapter.held == ("the monthly total of exports of goods, seasonally adjusted (exhibit 1) and the monthly "
                            "exports of goods not seasonally adjusted, on a balance of payments basis and on a Census "
                            "basis (exhibit 12)")
    assert "Seasonally adjusted, exports of goods were $195.5 billion in January 2026" in text(chapter)

"""Petroleum chapter (exhibits 9, 17, 17a) on the committed releases."""

from __future__ import annotations

from .helpers import build, cell, committed, table_of, text

from tradesite.site.chapters import petroleum
from tradesite.report.numbers import billions


def test_units_come_from_the_data_2021_08():
    chapter = build(petroleum, committed("2021-08"))
    imports = table_of(chapter, "exhibit-17-imports")
    assert imports.unit == ("thousands of barrels, thousands of dollars, thousands of barrels per day, "
                            "dollars per barrel")
    # exh17.xlsx row 63 (August 2021, imports): crude oil 194749 thousand barrels, 6282 a day, $65.06 a barrel
    assert cell(imports, "August 2021", "Crude Oil (thousands of barrels)") == 194749
    assert cell(imports, "August 2021", "Crude Oil (thousands of barrels per day)") == 6282
    assert cell(imports, "August 2021", "Crude Oil (dollars per barrel)") == 65.06
    price = next(c for c in chapter.charts() if c.id == "crude-oil-price")
    assert price.unit == "dollars per barrel"
    # exh17a.xlsx row 13: Canada, August 2021, 116003 thousand barrels
    ex17a = table_of(chapter, "exhibit-17a")
    assert cell(ex17a, "Canada", "Thousands of barrels, August 2021") == 116003


def test_narrative_numbers_are_the_table_rounded_2021_08():
    chapter = build(petroleum, committed("2021-08"))
    ex9 = table_of(chapter, "exhibit-9")
    # exh9.xlsx rows 30-31: petroleum exports 17102 -> 18061, imports 17924 -> 18181, balance -120
    now, before = cell(ex9, "August 2021", "Exports: Petroleum"), cell(ex9, "July 2021 (R)", "Exports: Petroleum")
    assert (now, before) == (18061, 17102)
    assert f"exports of petroleum products increased ${billions(now - before)} billion to ${billions(now)} billion" \
        in text(chapter)
    assert "The petroleum balance was a deficit of $0.1 billion." in text(chapter)
    assert ("imported 194,749 thousand barrels of crude oil (6,282 thousand barrels per day) at an average of "
            "$65.06 per barrel") in text(chapter)


def test_2025_03_from_the_pdf():
    chapter = build(petroleum, committed("2025-03"))
    imports = table_of(chapter, "exhibit-17-imports")
    assert imports.source == "Exhibit 17, trad0325.pdf page 35"
    price = cell(imports, "March 2025", "Crude Oil (dollars per barrel)")
    assert f"at an average of ${price:,.2f} per barrel" in text(chapter)

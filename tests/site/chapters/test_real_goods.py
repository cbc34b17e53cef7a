"""Real goods chapter (exhibits 10, 11, chained dollars) on the committed releases."""

from __future__ import annotations

from .helpers import build, cell, committed, table_of, text

from tradesite.site.chapters import real_goods
from tradesite.report.numbers import billions


def test_unit_and_reference_year_come_from_the_data():
    # exh10.xlsx row 4 prints 'Chained (2012) Dollars'; trad0325.pdf page 25 'Chained (2017) Dollars'
    for release, year in (("2021-08", "2012"), ("2025-03", "2017")):
        chapter = build(real_goods, committed(release))
        unit = f"millions of chained {year} dollars"
        assert all(t.unit == unit for t in chapter.tables())
        assert f"chained {year} dollars" in chapter.summary
        assert all(c.unit == f"billions of chained {year} dollars" for c in chapter.charts())


def test_tables_equal_exhibits_10_and_11_2021_08():
    chapter = build(real_goods, committed("2021-08"))
    exports = table_of(chapter, "exhibit-10-exports")
    # exh10.xlsx row 34 (August 2021, exports): Total Census Basis 146324, Residual -1966
    assert cell(exports, "August 2021", "Total Census Basis") == 146324
    assert cell(exports, "August 2021", "Residual") == -1966
    # exh10.xlsx row 33: July 2021 (R), Industrial Supplies 54534
    assert cell(exports, "July 2021 (R)", "Industrial Supplies") == 54534
    ex11 = table_of(chapter, "exhibit-11")
    # exh11.xlsx row 48: August 2021 balance, Total Census Basis -101762
    assert cell(ex11, "August 2021", "Balance: Total Census Basis") == -101762
    assert ex11.source == "Exhibit 11, exh11.xlsx (sheet '11')"


def test_narrative_numbers_are_the_table_rounded_2021_08():
    chapter = build(real_goods, committed("2021-08"))
    ex11 = table_of(chapter, "exhibit-11")
    now = cell(ex11, "August 2021", "Balance: Total Census Basis")
    before = cell(ex11, "July 2021 (R)", "Balance: Total Census Basis")
    # exh11.xlsx rows 47-48: -99813 -> -101762, a deficit $1.9 billion (2.0 percent) larger
    assert billions(abs(now) - abs(before)) == billions(1949)
    assert (f"The real goods deficit increased ${billions(abs(now) - abs(before))} billion, or 2.0 percent, "
            f"to ${billions(abs(now))} billion in August") in text(chapter)


def test_narrative_says_what_the_release_says_2025_03():
    chapter = build(real_goods, committed("2025-03"))
    # trad0325.pdf page 3, "Real Goods in 2017 Dollars – Census Basis (exhibit 11)"
    assert ("The real goods deficit increased $14.0 billion, or 10.2 percent, to $150.9 billion in March, "
            "compared to a 10.3 percent increase in the nominal deficit.") in text(chapter)
    assert ("Real exports of goods increased $2.4 billion, or 1.6 percent, to $149.7 billion, compared to a "
            "1.4 percent increase in nominal exports.") in text(chapter)
    assert ("Real imports of goods increased $16.4 billion, or 5.8 percent, to $300.6 billion, compared to a "
            "5.5 percent increase in nominal imports.") in text(chapter)
    assert table_of(chapter, "exhibit-11").source == "Exhibit 11, trad0325.pdf page 26"

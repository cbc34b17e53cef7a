"""Advanced technology products chapter (exhibits 16, 16a) on the committed releases."""

from __future__ import annotations

from .helpers import build, cell, committed, table_of, text

from tradesite.site.chapters import advanced_technology
from tradesite.report.numbers import money


def test_tables_equal_exhibits_16_and_16a_2021_08():
    chapter = build(advanced_technology, committed("2021-08"))
    monthly = table_of(chapter, "monthly")
    # exh16.xlsx row 45: August 2021 balance -16074, exports 29489, imports 45563
    assert [cell(monthly, "August 2021", c) for c in ("Balance", "Exports", "Imports")] == [-16074, 29489, 45563]
    groups = table_of(chapter, "by-technology-group")
    # exh16a.xlsx row 10: Aerospace, August 2021 balance 4647; row 8: Total exports 29489
    assert cell(groups, "Aerospace", "Balance, August 2021") == 4647
    assert cell(groups, "Total", "Exports, August 2021") == 29489
    partners = table_of(chapter, "by-country")
    # exh16a.xlsx row 35: China, August 2021 balance -7412; the second table starts with its own Total (row 23)
    assert cell(partners, "China", "Balance, August 2021") == -7412
    assert partners.frame.iloc[0, 0] == "Total"
    assert "China" not in set(groups.frame.iloc[:, 0])


def test_narrative_numbers_are_the_table_rounded():
    for release, month in (("2021-08", "August 2021"), ("2025-03", "March 2025")):
        chapter = build(advanced_technology, committed(release))
        monthly = table_of(chapter, "monthly")
        exports, imports, balance = (cell(monthly, month, c) for c in ("Exports", "Imports", "Balance"))
        assert (f"In {month}, exports of advanced technology products were {money(exports)} and imports "
                f"{money(imports)}, a deficit of {money(balance)}") in text(chapter)
    # exh16.xlsx row 45: 29489, 45563, -16074
    assert "were $29.5 billion and imports $45.6 billion, a deficit of $16.1 billion" in text(
        build(advanced_technology, committed("2021-08")))


def test_technology_group_sentence():
    # exh16a.xlsx row 14: Information and Communications -15035; row 10: Aerospace 4647 (August 2021 balance)
    assert ("By technology group in August, the largest deficit was in information and communications "
            "($15.0 billion) and the largest surplus in aerospace ($4.6 billion).") in text(
        build(advanced_technology, committed("2021-08")))
    # the PDF nests the groups differently from the workbook (no 'Technology Group' root): same sentence shape
    chapter = build(advanced_technology, committed("2025-03"))
    groups = table_of(chapter, "by-technology-group")
    balances = {row.iloc[0]: row["Balance, March 2025"] for _, row in groups.frame.iloc[1:].iterrows()}
    low, high = min(balances, key=balances.get), max(balances, key=balances.get)
    assert (f"the largest deficit was in {low.lower()} ({money(balances[low])}) and the largest surplus in "
            f"{high.lower()} ({money(balances[high])})") in text(chapter)

"""Countries chapter (exhibits 14, 14a, 19, 20, 20a, 20b; BEA countries workbook) on the committed releases."""

from __future__ import annotations

import re

from .helpers import build, cell, committed, table_of, text

from tradesite.site.chapters import countries
from tradesite.report.numbers import billions


def test_tables_equal_the_exhibits_2021_08():
    chapter = build(countries, committed("2021-08"))
    ex14 = table_of(chapter, "exhibit-14")
    # exh14.xlsx row 38: China, August 2021: balance -31739, exports 11259, imports 42997
    assert [cell(ex14, "China", f"{f}, August 2021") for f in ("Balance", "Exports", "Imports")] == \
        [-31739, 11259, 42997]
    # exh14.xlsx row 8: Total Balance of Payments Basis, July 2021 balance -94628, marked (R)
    assert cell(ex14, "Total Balance of Payments Basis", "Balance, July 2021") == -94628
    assert "Balance, July 2021: revised (R) for Total Balance of Payments Basis" in ex14.notes
    # exh14.xlsx row 66: Unidentified Countries, printed '(-)'
    assert cell(ex14, "Unidentified Countries", "Exports, August 2021") == "(-)"
    # exh19.xlsx rows 9, 29, 49: China, August 2021 (balance, exports, imports sections)
    ex19 = table_of(chapter, "exhibit-19")
    assert [cell(ex19, "China", "August 2021", nth=i) for i in range(3)] == [-28128, 11216, 39344]
    assert list(ex19.frame.iloc[[0, 20, 40], 0]) == ["Balance", "Exports", "Imports"]
    # exh20a.xlsx row 9: China goods balance (BOP basis), Q1 2020 -62976; exh20.xlsx row 23 CAFTA-DR 'n.a.'
    assert cell(table_of(chapter, "exhibit-20a"), "China", "Q1 2020") == -62976
    assert cell(table_of(chapter, "exhibit-20"), "CAFTA-DR", "Q1 2020") == "n.a."


def test_bea_workbook_2025_01():
    chapter = build(countries, committed("2025-01"))
    goods = table_of(chapter, "bea-goods")
    # trad-geo-time-series-0125.xlsx sheet 'Table 6' row 33: China, 2024 goods balance -295178 (third section)
    assert cell(goods, "China", "2024", nth=2) == -295178
    assert goods.source.startswith("BEA countries Tables 4, 5, 6, trad-geo-time-series-0125.xlsx")
    chart = next(c for c in chapter.charts() if c.id == "balance-by-partner")
    assert "BOP basis" in chart.title


def test_basis_explanation_names_the_exhibit_lines_2021_08():
    words = text(build(countries, committed("2021-08")))
    # exh14.xlsx row 9: Net Adjustments, August 2021 balance -1264
    assert "'Net Adjustments' line (-1,264 million dollars for the balance in August 2021)" in words


def test_partner_sentences_say_what_the_release_says_2025_03():
    words = text(build(countries, committed("2025-03")))
    # trad0325.pdf page 4, "Goods by Selected Countries and Areas: Monthly – Census Basis (exhibit 19)"
    assert ("The March figures show surpluses, in billions of dollars, with Netherlands ($4.5), South and Central "
            "America ($3.2), Hong Kong ($1.9), United Kingdom ($1.2), Singapore ($0.5), Brazil ($0.5), and Saudi "
            "Arabia ($0.2).") in words
    assert ("Deficits were recorded, in billions of dollars, with European Union ($48.3), Ireland ($29.3), China "
            "($24.8), Mexico ($16.8), Switzerland ($14.7), Vietnam ($14.1), Taiwan ($8.7), India ($7.7), Germany "
            "($7.5), South Korea ($6.8), Japan ($5.8), Canada ($4.9), Italy ($4.4), France ($3.9), Malaysia ($3.2), "
            "Australia ($1.0), Israel ($1.0), and Belgium ($0.1).") in words
    assert ("The deficit with Ireland increased $15.3 billion to $29.3 billion in March. Exports increased $0.1 "
            "billion to $1.4 billion and imports increased $15.5 billion to $30.7 billion.") in words
    assert ("The deficit with Switzerland decreased $4.1 billion to $14.7 billion in March. Exports increased $1.1 "
            "billion to $3.5 billion and imports decreased $3.0 billion to $18.3 billion.") in words


def test_basis_explanation_quotes_the_release_notes_2025_03():
    words = text(build(countries, committed("2025-03")))
    # trad0325.pdf page 9, explanatory notes "Goods (BOP basis)"
    assert "> **Goods (BOP basis).** Goods on a Census basis are adjusted by BEA to a BOP basis" in words
    assert "— explanatory notes, trad0325.pdf page 9" in words


def test_partner_amounts_are_the_exhibit_19_balances_rounded_2021_08():
    chapter = build(countries, committed("2021-08"))
    ex19 = table_of(chapter, "exhibit-19")
    printed = {v: k for k, v in countries.SENTENCE_NAMES.items()}
    pairs = re.findall(r"(?:with |, (?:and )?)([A-Z][\w .]+?) \(\$(\d+\.\d)\)", text(chapter))
    # exh19.xlsx rows 7-25 (balance, August 2021, column B): every line except the two the release leaves out
    assert len(pairs) == 17
    for name, amount in pairs:
        balance = cell(ex19, printed.get(name, name), "August 2021")  # first section: Balance
        assert str(abs(billions(balance))) == amount, (name, balance, amount)
    # exh19.xlsx row 9: China -28128
    assert "China ($28.1)" in text(chapter)

"""Automotive chapter (exhibit 18 and the automotive lines of exhibits 6-8) on the committed releases."""

from __future__ import annotations

from .helpers import build, bullets_match_table, cell, committed, table_of, text

from tradesite.site.chapters import automotive
from tradesite.report.numbers import money


def test_tables_equal_the_exhibits_2021_08():
    chapter = build(automotive, committed("2021-08"))
    exports = table_of(chapter, "exports-by-commodity")
    # exh7.xlsx rows 111-117: the automotive category and its six commodities only
    assert len(exports.frame) == 7
    assert cell(exports, "Automotive vehicles, parts, and engines", "August 2021") == 11201
    assert cell(exports, "Passenger cars, new and used", "Monthly change") == -297
    partners = table_of(chapter, "by-country")
    # exh18.xlsx row 40: Japan imports, August 2021: total 4390, passenger cars 3033 (the imports block)
    assert cell(partners, "Japan", "Total, August 2021", nth=1) == 4390
    assert cell(partners, "Japan", "Passenger Cars, August 2021", nth=1) == 3033
    # exh18.xlsx row 18: Hong Kong exports of passenger cars, August 2021, printed '(-)'
    assert cell(partners, "Hong Kong", "Passenger Cars, August 2021") == "(-)"
    # exh6.xlsx row 32: August 2021 exports of Automotive Vehicles, etc. 11201 (= exhibit 7's line)
    assert cell(table_of(chapter, "by-month"), "August 2021", "Exports") == 11201


def test_narrative_numbers_are_the_table_rounded():
    for release in ("2021-08", "2025-03"):
        chapter = build(automotive, committed(release))
        exports_text, imports_text = (b.markdown for b in chapter.blocks[:2])
        assert bullets_match_table(exports_text, table_of(chapter, "exports-by-commodity")) == 6
        assert bullets_match_table(imports_text, table_of(chapter, "imports-by-commodity")) >= 6
    # exh18.xlsx row 33 (imports TOTAL 29096) and row 42 (Mexico 10394)
    words = text(build(automotive, committed("2021-08")))
    assert f"Imports of motor vehicles and parts were {money(29096)} in August 2021" in words
    assert f"Mexico ({money(10394)})" in words


def test_release_sentences_2025_03():
    words = text(build(automotive, committed("2025-03")))
    # trad0325.pdf pages 2-3: automotive exports up $1.2 billion (passenger cars $0.9 billion),
    # imports up $2.6 billion (passenger cars $2.1 billion)
    assert "Exports of automotive vehicles, parts, and engines increased $1.2 billion" in words
    assert "- Passenger cars increased $0.9 billion." in words
    assert "Imports of automotive vehicles, parts, and engines increased $2.6 billion" in words
    assert "- Passenger cars increased $2.1 billion." in words

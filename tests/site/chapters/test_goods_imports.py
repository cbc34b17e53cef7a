"""Goods imports chapter (exhibits 6, 8) on the committed releases."""

from __future__ import annotations

import re

import pytest

from tradesite.releases import Release, bundled
from tradesite.site import charts
from tradesite.site.chapters import goods_imports
from tradesite.site.model import Text
from tradesite.site.narrative import billions


def committed(release: str) -> Release:
    if release not in bundled():
        pytest.skip(f"release {release} is not committed under data/releases")
    return Release.load(release)


def text(chapter) -> str:
    return "\n".join(b.markdown for b in chapter.blocks if isinstance(b, Text))


def cell(table, label: str, column: str):
    frame = table.frame.set_index(table.frame.columns[0])
    return frame.loc[label, column]


def bullets_match_table(chapter, table) -> int:
    """Every '- X increased $Y billion.' line states the table's monthly change for X, rounded."""
    checked = 0
    for label, verb, amount in re.findall(r"^\s*- (.+) (increased|decreased) \$(\d+\.\d) billion\.$",
                                          text(chapter), re.M):
        rows = table.frame[table.frame.iloc[:, 0].isin([label, label + ", except automotive"])]
        change = rows["Monthly change"].iloc[0]
        assert str(abs(billions(change))) == amount, (label, change, amount)
        assert (change > 0) == (verb == "increased"), (label, change, verb)
        checked += 1
    return checked


@pytest.mark.parametrize("release_id", bundled())
def test_builds_for_every_committed_release(release_id):
    release = Release.load(release_id)
    chapter = goods_imports.build(release)
    if not release.has("8"):
        assert chapter is None
        return
    assert (chapter.slug, chapter.title) == ("goods-imports", "Goods imports by category")
    assert "8" in chapter.exhibits
    for chart in chapter.charts():
        spec = charts.spec(chart)  # validates against the Vega-Lite schema
        assert spec["title"]["text"] == chart.title
    for table in chapter.tables():
        assert table.levels is None or len(table.levels) == len(table.frame)
        assert table.frame.columns.is_unique


def test_table_equals_exhibit_8_2021_08():
    chapter = goods_imports.build(committed("2021-08"))
    table = next(t for t in chapter.tables() if t.id == "by-commodity")
    assert table.source == "Exhibit 8, exh8.xlsx (sheet '8')"
    # exh8.xlsx row 8: Total, Balance of Payments Basis 239105 (August 2021), 236405 (July 2021, revised)
    assert cell(table, "Total, Balance of Payments Basis", "August 2021") == 239105
    assert cell(table, "Total, Balance of Payments Basis", "July 2021 (R)") == 236405
    # exh8.xlsx row 152: Cell phones and other household goods, n.e.c. -1472 (monthly change)
    assert cell(table, "Cell phones and other household goods, n.e.c.", "Monthly change") == -1472
    # exhibit 6 imports block: exh6.xlsx row 62, August 2021, Consumer Goods 63236
    by_period = next(t for t in chapter.tables() if t.id == "by-category-period")
    assert cell(by_period, "August 2021", "Consumer Goods") == 63236
    assert cell(by_period, "July 2021 (R)", "Consumer Goods") == 60257


def test_narrative_numbers_are_the_table_rounded_2021_08():
    chapter = goods_imports.build(committed("2021-08"))
    table = next(t for t in chapter.tables() if t.id == "by-commodity")
    assert bullets_match_table(chapter, table) >= 3
    # exh8.xlsx row 8 (239105, change 2700) and row 9 (Net Adjustments, change 281)
    assert "Imports of goods increased $2.7 billion to $239.1 billion in August." in text(chapter)
    assert "Net balance of payments adjustments increased $0.3 billion." in text(chapter)


def test_narrative_says_what_the_release_says_2025_03():
    chapter = goods_imports.build(committed("2025-03"))
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
    table = next(t for t in chapter.tables() if t.id == "by-commodity")
    # trad0325.pdf page 23: Pharmaceutical preparations 50,422 (March 2025), change 20,924
    assert cell(table, "Pharmaceutical preparations", "March 2025") == 50422
    assert cell(table, "Pharmaceutical preparations", "Monthly change") == 20924
    assert bullets_match_table(chapter, table) == 10

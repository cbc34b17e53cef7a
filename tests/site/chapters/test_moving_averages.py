"""Three-month moving averages: official exhibit 2 figures only."""

from __future__ import annotations

import pytest

from tradesite.releases import Release, bundled
from tradesite.site.chapters import moving_averages


@pytest.mark.parametrize("release_id", bundled())
def test_builds_only_from_exhibit_2(release_id):
    release = Release.load(release_id)
    chapter = moving_averages.build(release)
    if not release.has("2"):
        assert chapter is None  # never computed from exhibit 1's months
        return
    assert chapter.exhibits == ["2"]
    assert chapter.charts() and chapter.tables()


def test_2021_08_sentences():
    got = moving_averages.sentences(Release.load("2021-08").exhibit("2"), "2021-08")
    # exh2.xlsx of 2021-08, row 42 (August) vs row 41 (July (R)): balance -72,261 vs -70,690,
    # exports 212,173 vs 210,507, imports 284,435 vs 281,198
    assert got[0] == (
        "The average goods and services deficit increased $1.6 billion to $72.3 billion for the three months "
        "ending in August. Average exports increased $1.7 billion to $212.2 billion in August. "
        "Average imports increased $3.2 billion to $284.4 billion in August."
    )
    # row 29 (August 2020): balance -58,383, exports 168,000, imports 226,384
    assert got[1] == (
        "Year-over-year, the average goods and services deficit increased $13.9 billion from the three months "
        "ending in August 2020. Average exports increased $44.2 billion from August 2020. "
        "Average imports increased $58.1 billion from August 2020."
    )


def test_table_is_exhibit_2():
    table = moving_averages.build(Release.load("2021-08")).tables()[0]
    last = table.frame.iloc[-1]
    assert last["Three months ending"] == "August 2021"
    assert last["Balance: total"] == -72261  # exh2.xlsx of 2021-08, row 42

"""Goods on two bases (exhibit 12, not seasonally adjusted), on every release that has it."""

from __future__ import annotations

import pytest

from tradesite.releases import Release, bundled
from tradesite.site.chapters import goods_basis

from .helpers import build, check_shape, committed, table_of, text

WITH_12 = [r for r in bundled() if Release.load(r).has("12")]


def test_every_release_with_exhibit_12_has_the_chapter():
    assert set(WITH_12) >= {"2021-08", "2025-03", "2025-11", "2025-12", "2026-01"}
    for r in bundled():
        chapter = build(goods_basis, r)
        assert (chapter is None) == (r not in WITH_12), r


@pytest.mark.parametrize("release_id", WITH_12)
def test_bop_basis_is_census_basis_plus_net_adjustments(release_id):
    """The exhibit's identity on every row of the table shown: exports and imports each."""
    chapter = build(goods_basis, committed(release_id))
    check_shape(chapter, "goods-basis", "Goods on two bases (not seasonally adjusted)")
    frame = table_of(chapter, "exhibit-12").frame
    checked = 0
    for flow in ("Exports", "Imports"):
        bop, net, census = (f"{flow}: Total Balance of Payments Basis", f"{flow}: Net Adjustments",
                            f"{flow}: Total Census Basis")
        rows = frame[[bop, net, census]].dropna()
        rows = rows[rows.map(lambda v: isinstance(v, (int, float))).all(axis=1)]
        # the files print whole millions: a sum may be off by one from rounding
        assert ((rows[census] + rows[net] - rows[bop]).abs() <= 1).all(), release_id
        checked += len(rows)
    assert checked >= 40


def test_january_2026_in_words():
    chapter = build(goods_basis, committed("2026-01"))
    words = text(chapter)
    # exh12.xlsx of 2026-01, row 39 (January): exports BOP 187,044 = Census 186,386 + net 658;
    # imports BOP 262,221 = Census 260,537 + net 1,683 (rounding); balance BOP -75,176, Census -74,151
    assert ("- Exports of goods were $187.0 billion on a balance of payments basis: $186.4 billion on a Census "
            "basis and net adjustments of $0.7 billion") in words
    assert ("- The goods deficit was $75.2 billion on a balance of payments basis and $74.2 billion on a Census "
            "basis") in words
    assert chapter.summary.endswith("a goods deficit of $75.2 billion.")
    ids = [c.id for c in chapter.charts()]
    assert ids == ["balance-by-basis", "net-adjustments"]

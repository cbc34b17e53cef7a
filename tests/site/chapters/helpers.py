"""Helpers of the chapters' tests: committed releases as chapters see them, and checks of a built chapter."""

from __future__ import annotations

import re

from tradesite.releases import Release
from tradesite.report.catalog import Catalog, ReleaseView
from tradesite.report.numbers import billions
from tradesite.site.render import charts
from tradesite.site import chapters
from tradesite.site.render.model import Text
from tests import require


def committed(release: str) -> ReleaseView:
    """A committed release as a chapter sees it; the test fails (and says why) when it is not committed."""
    require.committed(release)
    return view(release)


def view(release) -> ReleaseView:
    """A release id, a loaded Release or a ReleaseView, as a chapter sees it (with every
    committed release of its data folder as the site)."""
    if isinstance(release, ReleaseView):
        return release
    if isinstance(release, str):
        release = Release.load(release)
    return ReleaseView(release, Catalog(data_dir=release.folder.parent))


def build(module, release):
    """The chapter ``module`` builds from ``release`` (None where its files hold none of it)."""
    return chapters.build(module, view(release))


def text(chapter) -> str:
    return "\n".join(b.markdown for b in chapter.blocks if isinstance(b, Text))


def table_of(chapter, table_id: str):
    return next(t for t in chapter.tables() if t.id == table_id)


def cell(table, label: str, column: str, nth: int = 0):
    """The value in row ``label`` (first column) and ``column``; ``nth`` for a repeated label."""
    rows = table.frame[table.frame.iloc[:, 0] == label]
    return rows[column].iloc[nth]


def check_shape(chapter, slug: str, title: str) -> None:
    """Slug and title as the brief fixes them, every chart spec valid, tables well formed."""
    assert (chapter.slug, chapter.title) == (slug, title)
    assert chapter.summary and chapter.blocks
    for chart in chapter.charts():
        chart.chart.to_dict(validate=True)  # valid against the Vega-Lite schema
        assert "title" not in charts.spec(chart)  # the figure's text: it wraps on a phone
        assert chart.title and chart.source and chart.description
        assert chart.summary.endswith(".") and not re.search(r"[.!?]\s+[A-Z]", chart.summary), chart.summary  # one sentence
    for t in chapter.tables():
        assert t.levels is None or len(t.levels) == len(t.frame)
        assert t.frame.columns.is_unique
        assert t.source and t.unit
    ids = [b.id for b in chapter.charts() + chapter.tables()]
    assert len(ids) == len(set(ids))


def bullets_match_table(words: str, table, column: str = "Monthly change") -> int:
    """Every '- X increased $Y billion.' line of ``words`` states the table's change for X,
    rounded the release's way; returns how many lines were checked."""
    checked = 0
    for label, verb, less, amount in re.findall(
            r"^\s*- (.+) (increased|decreased) (less than )?\$(\d+\.\d) billion\.$", words, re.M):
        rows = table.frame[table.frame.iloc[:, 0].isin([label, label + ", except automotive"])]
        change = rows[column].iloc[0]
        if less:
            assert (billions(change), amount) == (0, "0.1"), (label, change)
        else:
            assert str(abs(billions(change))) == amount, (label, change, amount)
        assert (change > 0) == (verb == "increased"), (label, change, verb)
        checked += 1
    return checked

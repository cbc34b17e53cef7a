"""Revisions and methodology notes chapter, on the March 2025 release (text of trad0325.pdf)."""

from __future__ import annotations

import markdown
import pytest

from tradesite.periods import month_year
from tradesite.releases import Release, bundled
from tradesite.report.coverage import CARRIED, COMPLETE
from tradesite.site import chapters
from tradesite.site.chapters import notes
from tradesite.site.render.model import Chapter, Text

from .helpers import build, view


@pytest.fixture(scope="module")
def chapter() -> Chapter:
    built = build(notes, Release.load("2025-03"))
    assert built is not None
    return built


def markdown_of(chapter: Chapter) -> str:
    return "\n\n".join(b.markdown for b in chapter.blocks if isinstance(b, Text))


@pytest.mark.parametrize("release_id", bundled())
def test_every_release_shows_notes_its_own_or_carried(release_id):
    """Only the release PDF (2025-03) carries the explanatory notes; every other release shows
    them, saying whose they are and linking to its own official page, never another release's
    revisions or notices."""
    release = Release.load(release_id)
    status = chapters.status_of(notes, view(release))
    chapter = build(notes, release)
    headings = [b.markdown.split("\n", 1)[0] for b in chapter.blocks if b.markdown.startswith("## ")]
    assert "## Nonsampling errors {#nonsampling-errors}" in headings
    assert chapter.search_boost and chapter.search_boost > 1
    if release_id == "2025-03":
        assert status.state == COMPLETE
        return
    assert (status.state, status.carried_from) == (CARRIED, "2025-03")
    first = chapter.blocks[0].markdown
    month = month_year(release_id)
    assert first.startswith('!!! note "The explanatory notes of the March 2025 release"')
    assert (f"These are the explanatory notes of the March 2025 release, the nearest release whose notes are on this "
            f"site; the {month} release's own notes may differ in detail") in first
    year, mon = release_id.split("-")
    assert f"(https://www.census.gov/foreign-trade/Press-Release/{year}pr/{mon}/)" in first
    assert not any(h.startswith("## Revisions to") for h in headings)  # 2025-03's revisions stay its own
    assert "*trad0325.pdf (March 2025 release), page 7.*" in markdown_of(chapter)


def test_revisions_first_then_notices_then_explanatory_notes(chapter):
    assert (chapter.slug, chapter.title) == ("notes", "Revisions and methodology notes")
    headings = [b.markdown.split("\n", 1)[0] for b in chapter.blocks if b.markdown.startswith("## ")]
    # trad0325.pdf page 3: "Revisions to February exports", "Revisions to February imports"
    assert headings[:2] == ["## Revisions to February exports {#revisions-to-february-exports}",
                            "## Revisions to February imports {#revisions-to-february-imports}"]
    # page 4: the notice on country names; pages 6-12: the explanatory notes
    assert headings[2] == "## Country Name Changes {#country-name-changes}"
    assert headings.index("## Goods (Census basis) {#goods-census-basis}") > headings.index(
        "## Upcoming Updates to Goods and Services {#upcoming-updates-to-goods-and-services}")
    for h in ["## Nonsampling errors {#nonsampling-errors}",
              "## Adjustments for seasonal and trading-day variations {#adjustments-for-seasonal-and-trading-day-variations}",
              "## Goods (BOP basis) {#goods-bop-basis}",
              "## Revision procedure (Census basis) {#revision-procedure-census-basis}"]:
        assert h in headings
    # the narrative (exhibits' summaries) is not repeated here
    assert not any("(exhibit" in h for h in headings)


def test_text_as_printed_with_its_page(chapter):
    md = markdown_of(chapter)
    # trad0325.pdf page 3, two bullets
    assert ("## Revisions to February exports {#revisions-to-february-exports}\n\n"
            "- Exports of goods were revised down less than $0.1 billion.\n"
            "- Exports of services were revised down $0.4 billion.\n\n"
            "*trad0325.pdf, page 3.*") in md
    # page 7: the nonsampling errors note opens with this sentence
    assert "The goods data are a complete enumeration of documents collected by CBP and are not subject to sampling errors." in md
    assert "*trad0325.pdf, page 7.*" in md
    # page 6: "1. Coverage - ..." stays a paragraph, not a markdown list
    assert "\n\n1\\. Coverage - Canadian imports are based on country of origin." in md


def test_renders_with_stable_anchors(chapter):
    html = markdown.markdown(markdown_of(chapter), extensions=["attr_list"])
    assert '<h2 id="nonsampling-errors">Nonsampling errors</h2>' in html
    assert '<h2 id="goods-bop-basis">Goods (BOP basis)</h2>' in html
    assert "{#" not in html
    # page 5: the notice's bullets are one list
    assert "<li>End-use reclassifications of several commodities.</li>" in html
    assert "<p>1. Coverage - Canadian imports" in html

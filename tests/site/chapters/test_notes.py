"""Revisions and methodology notes chapter, on the March 2025 release (text of trad0325.pdf)."""

from __future__ import annotations

import markdown
import pytest

from tradesite.releases import Release, bundled
from tradesite.site.chapters import notes
from tradesite.site.model import Chapter, Text


@pytest.fixture(scope="module")
def chapter() -> Chapter:
    built = notes.build(Release.load("2025-03"))
    assert built is not None
    return built


def markdown_of(chapter: Chapter) -> str:
    return "\n\n".join(b.markdown for b in chapter.blocks if isinstance(b, Text))


def test_none_without_notes():
    # only the release PDF carries text: workbook-only releases have no notes
    for release_id in bundled():
        release = Release.load(release_id)
        assert (notes.build(release) is None) == (not release.notes), release_id
    assert notes.build(Release.load("2021-08")) is None


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

"""The glossary quotes the release's own notes (never a definition from memory), and each
page links the first use of a term to it."""

from __future__ import annotations

import re

import pytest

from tradesite.report.catalog import Catalog, ReleaseView
from tradesite.site.release import glossary
from tests.require import committed

from .built import site

RELEASE = "2025-03"  # trad0325.pdf: the release whose explanatory notes are on this site


@pytest.fixture(scope="module")
def view():
    committed(RELEASE)
    catalog = Catalog()
    return ReleaseView(catalog.load(RELEASE), catalog)


def test_every_term_is_quoted_word_for_word_from_the_note_it_names(view):
    found, source = glossary.entries(view)
    assert source.id == RELEASE
    assert [e.term.anchor for e in found] == [t.anchor for t in glossary.TERMS]  # the notes hold every term
    by_heading = {n["heading"]: n for n in source.notes}
    for e in found:
        for q in e.quotes:
            note = by_heading[q.heading]
            assert any(q.text in p for p in note["paragraphs"]), (e.term.name, q.text)
            assert q.page == str(note["pages"][next(i for i, p in enumerate(note["paragraphs"]) if q.text in p)])
    census = next(e for e in found if e.term.anchor == "census-basis")
    # trad0325.pdf page 6, "Goods (Census basis)"
    assert census.quotes[0].text.startswith("Data for goods on a Census basis are compiled from the documents collected "
                                            "by U.S. Customs and Border Protection (CBP)")
    assert census.quotes[0].page == "6"


def test_a_term_the_notes_do_not_hold_is_left_out(view, monkeypatch):
    notes = [dict(n, paragraphs=[p.replace("Fisher chain-weighted methodology", "Fisher method") for p in n.get("paragraphs", [])])
             for n in view.release.notes]
    monkeypatch.setattr(type(view.release), "notes", property(lambda self: notes))
    found, _ = glossary.entries(view)
    assert "chained-dollars" not in {e.term.anchor for e in found}
    assert "census-basis" in {e.term.anchor for e in found}


def test_the_page_names_file_and_page_for_every_quote(view):
    page = site(RELEASE).files["glossary/index.md"]
    for term in glossary.TERMS:
        assert f"## {term.name} {{#{term.anchor}}}" in page
    assert page.count("> — “") == len(glossary.TERMS)
    assert "“Goods (Census basis)”, trad0325.pdf page 6 ([the whole note](../notes/#goods-census-basis))" in page
    assert ("Glossary", "glossary/index.md") in site(RELEASE).nav


def test_a_release_without_notes_quotes_the_nearest_and_says_so():
    page = site("2021-08").files["glossary/index.md"]
    assert "the March 2025 release, the nearest release whose text is on this site" in page


def test_the_first_use_of_a_term_on_a_page_links_to_it(view):
    link = glossary.linker(view, "goods-basis")
    text = link("Not seasonally adjusted, goods on a Census basis and on a Census basis were [Census basis](x);"
                " seasonally adjusted.\n\n## Seasonally adjusted\n\n<p>net adjustments</p>\n\n`net adjustments`")
    links = re.findall(r'<a class="ts-term" href="([^"]+)" title="([^"]+)">([^<]+)</a>', text)
    assert [(h, t) for h, _, t in links] == [("../glossary/#not-seasonally-adjusted", "Not seasonally adjusted"),
                                             ("../glossary/#census-basis", "Census basis"),
                                             ("../glossary/#seasonally-adjusted", "seasonally adjusted")]
    assert links[1][1] == next(t.gloss for t in glossary.TERMS if t.anchor == "census-basis")  # the tooltip
    assert "## Seasonally adjusted" in text and "<p>net adjustments</p>" in text and "`net adjustments`" in text
    assert glossary.linker(view, "")("Census basis").startswith('<a class="ts-term" href="glossary/#census-basis"')


def test_built_pages_link_terms_to_anchors_the_glossary_has():
    s = site(RELEASE)
    anchors = set(re.findall(r"\{#([a-z0-9-]+)\}", s.files["glossary/index.md"]))
    linked = 0
    for path, content in s.files.items():
        if path.endswith("index.md") and isinstance(content, str):
            hrefs = re.findall(r'class="ts-term" href="(?:\.\./)?glossary/#([a-z0-9-]+)"', content)
            assert len(hrefs) == len(set(hrefs)), path  # the first use only
            assert set(hrefs) <= anchors, path
            linked += len(hrefs)
    assert 'href="../glossary/#census-basis"' in s.files["goods-basis/index.md"]
    assert linked >= 20

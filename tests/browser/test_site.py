"""The versioned site in a real browser (Debian's chromium): every page of every version
loads, draws its charts and tables without console errors; the version selector, search,
dark mode and instant navigation work as a reader uses them."""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

import pytest

from tradesite import paths, releases
from tradesite.site import versions
from tradesite.site.chapters import modules

from ..site.test_coverage import EXPECTED

pytestmark = pytest.mark.browser

FOLDERS = [*releases.bundled(), versions.LATEST]
SCREENSHOTS = paths.ROOT / "docs" / "assets" / "screenshots"

#: Every live chart has been drawn by vega-embed (the static SVG is the fallback).
CHARTS_DRAWN = """() => [...document.querySelectorAll('figure.ts-chart')].every(
    f => f.classList.contains('ts-interactive') && f.querySelector('.ts-chart-live svg'))"""
CHART_SIZES = """fs => fs.map(f => { const s = f.querySelector('.ts-chart-live svg');
    const r = s ? s.getBoundingClientRect() : {width: 0, height: 0}; return [f.id, r.width, r.height]; })"""


def charts_problems(page, timeout=20_000) -> list[str]:
    """Wait for every chart of the page to be drawn; the ones that are not, or are empty."""
    try:
        page.wait_for_function(CHARTS_DRAWN, timeout=timeout)
    except Exception:
        pass  # reported below, chart by chart
    return [f"chart {cid} drawn {w:.0f}x{h:.0f}" for cid, w, h in page.eval_on_selector_all("figure.ts-chart", CHART_SIZES)
            if not (w > 0 and h > 0)]


def tables_problems(page) -> list[str]:
    counts = page.eval_on_selector_all(".ts-table table", "ts => ts.map(t => [t.closest('.ts-table').id, t.querySelectorAll('tbody tr td, tbody tr th').length])")
    return [f"table {tid} has no cells" for tid, n in counts if n == 0]


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_page_of_every_version_loads_with_charts_and_tables(page, base_url, site_pages, folder):
    problems, tables = [], 0
    assert folder in site_pages, f"release {folder} was not built"
    for path in site_pages[folder]:
        url = f"{base_url}{folder}/{path}"
        page.console.errors.clear()
        response = page.goto(url, wait_until="load")
        where = f"/{folder}/{path}"
        if response is None or response.status != 200:
            problems.append(f"{where}: HTTP {response and response.status}")
            continue
        problems += [f"{where}: {p}" for p in charts_problems(page) + tables_problems(page)]
        tables += page.locator(".ts-table table").count()
        problems += [f"{where}: {e}" for e in page.console.errors]
    assert site_pages[folder], f"{folder}/sitemap.xml lists no page"
    assert tables > 0, f"no table in any page of {folder}"
    assert not problems, "\n".join(problems)


def test_every_committed_release_is_a_version(site_pages):
    assert sorted(site_pages) == sorted(FOLDERS)


def test_root_redirects_to_latest_which_is_the_newest_release(page, base_url):
    page.goto(base_url)
    page.wait_for_url(re.compile(r"/latest/$"))
    newest = releases.Release.load(releases.newest())
    assert newest.meta["title"] in page.locator("h1").first.inner_text()


def test_an_older_release_says_so_and_links_to_the_latest(page, base_url, site_pages):
    older = min(f for f in site_pages if f != versions.LATEST)
    page.goto(f"{base_url}{older}/")
    banner = page.locator("[data-md-component=outdated]")
    banner.get_by_text("This is an earlier release").wait_for()
    banner.get_by_role("link").click()
    page.wait_for_url(f"{base_url}{versions.LATEST}/")
    assert page.locator("[data-md-component=outdated]").is_hidden()


def test_version_selector_lists_months_in_words_newest_first(page, base_url):
    page.goto(f"{base_url}latest/")
    page.wait_for_selector(".md-version__list", state="attached")
    titles = page.locator(".md-version__link").all_inner_texts()
    ids = sorted(releases.bundled(), reverse=True)
    assert [t.strip() for t in titles] == [releases.month_name(r) for r in ids]


def test_version_selector_keeps_the_chapter(page, base_url, site_pages):
    if not {"2025-03", "2021-08"} <= set(releases.bundled()):
        pytest.skip("needs the 2025-03 and 2021-08 releases ingested")
    common = [p for p in site_pages["2025-03"] if p and p in site_pages["2021-08"]]
    assert common, "2025-03 and 2021-08 share no chapter"
    chapter = "overview/" if "overview/" in common else common[0]
    page.goto(f"{base_url}2025-03/{chapter}")
    page.locator(".md-version").hover()  # the list opens over the current version
    page.locator(".md-version__link", has_text="August 2021").click()
    page.wait_for_url(f"{base_url}2021-08/{chapter}")
    assert charts_problems(page) == []


def search(page, query: str) -> list:
    """Type ``query`` into Material's search and wait for the results of the whole query (Material
    searches on every keystroke; a section's result link carries the query to highlight,
    ?h=..., lowercased). Returns the result links, first first."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    page.wait_for_function(
        "q => [...document.querySelectorAll('.md-search-result__item a')]"
        ".some(a => new URL(a.href).searchParams.get('h') === q)",
        arg=query.lower(), timeout=15_000,
    )
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")
    return [urlsplit(h) for h in hrefs]


@pytest.mark.parametrize("folder", [versions.LATEST, "2025-03"])
@pytest.mark.parametrize("query", ["nonsampling", "seasonal adjustment", "balance of payments basis", "revisions"])
def test_search_finds_the_methodology_notes_first(page, base_url, folder, query):
    """Every version's search reaches the methodology notes: the release's own (2025-03) or,
    on /latest/, the notes it carries from the nearest release that has them. A term of the
    glossary ("balance of payments basis") may find the glossary first: it quotes the notes and
    links to the whole note."""
    page.goto(f"{base_url}{folder}/")
    results = search(page, query)
    if folder == versions.LATEST:  # the page most readers land on: the notes (or their glossary) come first
        assert results[0].path.endswith((f"/{folder}/notes/", f"/{folder}/glossary/")), \
            f"first result for {query!r}: {results[0].geturl()}"
        assert f"/{folder}/notes/" in {h.path for h in results}, [h.geturl() for h in results]
    else:  # a complete release: its own chapters match too (countries: "...and balance of payments basis")
        assert f"/{folder}/notes/" in {h.path for h in results}, [h.geturl() for h in results]


def test_search_for_the_headline_deficit_finds_the_release_home(page, base_url):
    if "2025-03" not in releases.bundled():
        pytest.skip("needs the 2025-03 release ingested")
    page.goto(f"{base_url}2025-03/")
    href = search(page, "140.5")[0]
    assert page.locator("input.md-search__input").input_value() == "140.5"
    assert href.path.endswith("/2025-03/") and not href.fragment, href  # trad0325.pdf page 1: deficit $140.5 billion


def _chapter_with_charts(site_pages):
    for path in site_pages[versions.LATEST]:
        if path.startswith("overview/"):
            return path
    return next(p for p in site_pages[versions.LATEST] if p)


def test_dark_mode_toggle_redraws_charts_in_the_dark_palette(page, base_url, site_pages):
    page.goto(f"{base_url}latest/{_chapter_with_charts(site_pages)}")
    assert charts_problems(page) == []
    colours = page.evaluate("() => [tradesiteThemes.default.title.color, tradesiteThemes.slate.title.color]")
    title_fill = "() => [...document.querySelectorAll('.ts-chart-live svg .role-title-text text')].map(t => t.getAttribute('fill'))"
    assert set(page.evaluate(title_fill)) == {colours[0]}
    page.locator("label[title='Switch to dark mode']:visible").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_function(f"() => ({title_fill})().length > 0 && ({title_fill})().every(c => c === {colours[1]!r})")
    assert charts_problems(page) == []
    assert page.console.errors == []


def test_charts_are_drawn_after_instant_navigation(page, base_url, site_pages):
    text_only = ("coverage/", "notes/", "glossary/")  # the matrix of releases, the notes, the glossary: no chart or table
    chapters = [p for p in site_pages[versions.LATEST] if p and not p.startswith(text_only)]
    page.goto(f"{base_url}latest/", wait_until="networkidle")  # Material reads the sitemap first
    page.evaluate("() => { window.tsSamePage = true; }")  # gone if a click reloads the page
    nav = page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href]", "els => els.map(e => e.href)")
    chapters = [c for c in chapters if any(h.endswith(f"/{c}") for h in nav)]  # not the not-covered pages
    assert chapters, "no chapter in the latest release's navigation"
    for chapter in chapters[:3]:
        link = page.locator(f"nav.md-nav--primary a.md-nav__link[href$='{chapter}']").first
        link.click()
        page.wait_for_url(f"{base_url}latest/{chapter}")
        assert page.evaluate("() => window.tsSamePage === true"), "the click reloaded the page: no instant navigation"
        assert page.locator("figure.ts-chart").count() > 0 or page.locator(".ts-table").count() > 0
        assert charts_problems(page) == [], chapter
    assert page.console.errors == []


@pytest.mark.skipif(not os.environ.get("TRADESITE_SCREENSHOTS"), reason="set TRADESITE_SCREENSHOTS=1 to regenerate the README screenshots")
def test_screenshots_of_the_release_home(browser, base_url):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.goto(f"{base_url}latest/")
        charts_problems(pg)
        pg.screenshot(path=str(SCREENSHOTS / f"release-home-{scheme}.png"))
        context.close()
    assert all((SCREENSHOTS / f"release-home-{s}.png").stat().st_size > 10_000 for s in ("light", "dark"))


def test_latest_chapter_table_as_the_files_say(page, base_url):
    """The release home's chapter table on /latest/ (exhibits 1 and 12 only), as a reader sees it:
    every chapter, its state, and a link to each chapter with content."""
    newest = releases.bundled()[-1]
    expected = EXPECTED.get(newest)
    if expected is None:
        pytest.skip(f"{newest}: not in the bundled inventory")
    page.goto(f"{base_url}latest/")
    rows = page.eval_on_selector_all(
        ".ts-coverage tbody tr",
        "rows => rows.map(r => [r.className, r.querySelector('th').innerText, (r.querySelector('th a') || {}).href || null])")
    by_title = {m.TITLE: m.SLUG for m in modules()}
    assert [title for _, title, _ in rows] == list(by_title)  # every chapter, in the report's order
    got = {by_title[title]: cls.removeprefix("ts-") for cls, title, _ in rows if cls != "ts-none"}
    assert got == expected
    for cls, title, href in rows:
        assert (href is not None) == (cls != "ts-none"), title
        if href:
            page.goto(href)
            assert page.locator("article h1").first.inner_text().rstrip("¶").strip() == title


@pytest.mark.parametrize("label,chapter", [("pharmaceutical", "goods-imports"), ("crude oil", "petroleum"),
                                           ("Ireland", "countries"), ("China", "countries")])
def test_search_finds_table_row_labels(page, base_url, label, chapter):
    """A country, a product or an end-use category a table shows is found by the version's search:
    the chapter whose table has the row is among the results."""
    page.goto(f"{base_url}2025-03/")
    pages = {h.path for h in search(page, label)}
    assert f"/2025-03/{chapter}/" in pages, sorted(pages)

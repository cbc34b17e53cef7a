"""The versioned site in a real browser (Debian's chromium): every page of every version
loads, draws its charts and tables without console errors; the version selector, search,
dark mode and instant navigation work as a reader uses them."""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.require import committed, listed
from tradesite import paths, releases
from tradesite.periods import month_year
from tradesite.site.chapters import modules
from tradesite.site.render import theme
from tradesite.site.versioned import versions

from ..site.test_coverage import EXPECTED
from .conftest import PAGE

pytestmark = pytest.mark.browser

FOLDERS = [*releases.bundled(), versions.LATEST]
SCREENSHOTS = paths.ROOT / "docs" / "assets" / "screenshots"

#: Each chart's static SVG (the layout CSS shows) and its size on screen.
STATIC_SIZES = """fs => fs.map(f => { const v = [...f.querySelectorAll('.ts-chart-view')].find(v => v.getClientRects().length);
    const s = v && v.querySelector('svg.ts-chart-static'); const r = s ? s.getBoundingClientRect() : {width: 0, height: 0};
    return [f.id, r.width, r.height]; })"""
#: A chart drawn live by Vega over its static SVG: [static w, h, live w, h, live dx, dy].
LIVE_BOX = """f => { const v = f.querySelector('.ts-chart-view.ts-live'); if (!v) return null;
    const s = v.querySelector('svg.ts-chart-static').getBoundingClientRect();
    const l = v.querySelector('.ts-chart-live svg'); if (!l) return null; const r = l.getBoundingClientRect();
    return [s.width, s.height, r.width, r.height, r.x - s.x, r.y - s.y]; }"""
VEGA = ("vega-embed.bundle.js", "tradesite-theme.js")


def vega_requests(page) -> list[str]:
    return [u for u in page.requests if u.endswith(VEGA)]


def charts_problems(page, live: bool = False, timeout=20_000) -> list[str]:
    """Every chart of the page shows its static SVG at a size; with ``live``, each one is also
    drawn live by Vega once the reader's pointer rests on it, at the static one's place and size."""
    problems = [f"chart {cid} shown {w:.0f}x{h:.0f}" for cid, w, h in page.eval_on_selector_all("figure.ts-chart", STATIC_SIZES)
                if not (w > 0 and h > 0)]
    if not live:
        return problems
    for figure in page.locator("figure.ts-chart").all():
        cid = figure.get_attribute("id")
        if not figure.locator(".ts-chart-view[data-spec]").count():
            continue  # a long history every release repeats: static by design, live in the explorer
        figure.locator(".ts-chart-plot").hover()
        try:
            figure.locator(".ts-chart-view.ts-live .ts-chart-live svg").wait_for(timeout=timeout)
        except Exception:
            problems.append(f"chart {cid} not drawn live after a hover")
            continue
        box = figure.evaluate(LIVE_BOX)
        if not box or not (box[2] > 0 and box[3] > 0) or max(abs(box[0] - box[2]), abs(box[1] - box[3])) > 2 \
                or max(abs(box[4]), abs(box[5])) > 1:
            problems.append(f"chart {cid} live {box} (static w, h, live w, h, dx, dy): not over its static SVG")
    return problems


def tables_problems(page) -> list[str]:
    counts = page.eval_on_selector_all(".ts-table table", "ts => ts.map(t => [t.closest('.ts-table').id, t.querySelectorAll('tbody tr td, tbody tr th').length])")
    return [f"table {tid} has no cells" for tid, n in counts if n == 0]


#: Versions whose every chart is also drawn live: the oldest, a complete release and the newest.
#: The others' charts come from the same code, their static SVGs were drawn by the same Vega
#: (vl-convert) from the same specifications at build time, and the data file each one loads
#: live is checked to exist by the link crawl (test_links.py): drawing all of them live again
#: was a third of this test's time, which CI pays on every run (issue 22).
LIVE = {releases.bundled()[0], "2025-03", releases.bundled()[-1]}

#: Marks the content a reader leaves, so that the next page's is known to be in once it is gone.
LEAVE = "() => { document.querySelector('.md-content').dataset.tsLeft = '1'; window.tsSamePage = true; }"
#: Follows a link to ``u`` as a reader's click does (Material's instant navigation takes it).
FOLLOW = "u => { const a = document.createElement('a'); a.href = u; document.querySelector('.md-content').append(a); a.click(); }"


def visit(page, url: str, fresh: bool, then_instant: bool = False) -> tuple[int | None, bool]:
    """Open ``url``: afresh (``page.goto``), or as a reader following a link from the page shown
    (instant navigation: the page's HTML fetched, its content swapped in, the scripts started
    again from Material's ``document$``). Returns (HTTP status, whether it stayed in the document)."""
    if fresh:
        # before an instant navigation, networkidle: Material takes a click by instant navigation
        # once it has read the sitemap (under CI's load, a click before that was a reload)
        response = page.goto(url, wait_until="networkidle" if then_instant else "load")
        return (response and response.status), False
    page.evaluate(LEAVE)
    with page.expect_response(lambda r: r.url == url) as got:
        page.evaluate(FOLLOW, url)
    page.wait_for_url(url)
    page.wait_for_function("() => !document.querySelector('.md-content[data-ts-left]')")
    page.wait_for_load_state("load")
    return got.value.status, page.evaluate("() => window.tsSamePage === true")


@pytest.mark.parametrize("folder", releases.bundled())
def test_every_page_of_every_version_loads_with_charts_and_tables(page, base_url, site_pages, folder):
    """Each page loads without Vega and shows each chart's static SVG and each table's cells,
    with no console error; in the versions of ``LIVE`` each chart is also drawn live once hovered.
    The version's home is loaded afresh and each other page
    is reached as a reader's click reaches it, by instant navigation (a third of the browser's work
    a page, and Vega started once a version rather than once a page: CI's time, issue 22), which the
    test holds it took; pages are loaded afresh by the accessibility, search and table tests. (/latest/ is the newest version byte for
    byte, which the next test holds: its pages are these.)"""
    problems, tables, instant = [], 0, 0
    assert folder in site_pages, f"release {folder} was not built"
    for i, path in enumerate(site_pages[folder]):
        url = f"{base_url}{folder}/{path}"
        page.console.errors.clear()
        page.requests.clear()
        status, stayed = visit(page, url, fresh=i == 0, then_instant=True)
        instant += stayed
        where = f"/{folder}/{path}"
        if status != 200:
            problems.append(f"{where}: HTTP {status}")
            continue
        problems += [f"{where}: Vega fetched before any interaction: {u}" for u in vega_requests(page)]
        problems += [f"{where}: {p}" for p in charts_problems(page, live=folder in LIVE) + tables_problems(page)]
        tables += page.locator(".ts-table table").count()
        problems += [f"{where}: {e}" for e in page.console.errors]
    assert site_pages[folder], f"{folder}/sitemap.xml lists no page"
    assert tables > 0, f"no table in any page of {folder}"
    assert not problems, "\n".join(problems)
    # the pages were reached by instant navigation, not reloaded
    assert instant == len(site_pages[folder]) - 1, f"{folder}: {instant} of {len(site_pages[folder]) - 1} pages by instant navigation"


def test_every_committed_release_is_a_version(site_pages):
    assert sorted(site_pages) == sorted(FOLDERS)


def test_latest_is_the_newest_version_byte_for_byte(site_root, site_base):
    """/latest/ is mike's copy of the newest version (built for /latest/): the same files, the same
    bytes, so a reader at /latest/ sees exactly the pages the browser test above loads; but for
    the sitemap, which lists the same pages at each folder's own URLs (Material's instant
    navigation follows only links its folder's sitemap lists: with /latest/'s, every click at
    /NEWEST/ was a full reload; the every-page test above failed so at /2026-01/)."""
    newest = site_root / releases.bundled()[-1]
    latest = site_root / versions.LATEST
    files = sorted(p.relative_to(newest) for p in newest.rglob("*") if p.is_file())
    assert files and files == sorted(p.relative_to(latest) for p in latest.rglob("*") if p.is_file())
    different = [str(f) for f in files if (newest / f).read_bytes() != (latest / f).read_bytes()]
    assert different == ["sitemap.xml", "sitemap.xml.gz"], f"/latest/ differs from /{newest.name}/ in {different[:5]}"

    def locs(folder: Path) -> list[str]:
        xml = gzip.decompress((folder / "sitemap.xml.gz").read_bytes())
        assert xml == (folder / "sitemap.xml").read_bytes()
        return re.findall(r"<loc>([^<]*)</loc>", xml.decode())

    own, canonical = f"{site_base}{newest.name}/", f"{site_base}{versions.LATEST}/"
    assert len(locs(latest)) > 10 and all(u.startswith(canonical) for u in locs(latest))
    assert [own + u[len(canonical):] for u in locs(latest)] == locs(newest)


def test_the_root_leads_to_latest_which_is_the_newest_release(page, base_url):
    """The root is the site's home: its first link is the newest release, at /latest/."""
    page.goto(base_url)
    newest = releases.Release.load(releases.newest())
    page.get_by_role("link", name=f"The newest release: {newest.month_name}").click()
    page.wait_for_url(re.compile(r"/latest/$"))
    assert newest.meta["title"] in page.locator("h1").first.inner_text()
    page.goto(base_url)
    for name in ("Series explorer", "Compare series", "Static API"):
        assert page.locator("article").get_by_role("link", name=name).count() >= 1, name


def test_an_older_release_says_so_and_links_to_the_latest(page, base_url, site_pages):
    older = min(f for f in site_pages if f != versions.LATEST)
    page.goto(f"{base_url}{older}/")
    banner = page.locator("[data-md-component=outdated]")
    banner.get_by_text("This is an earlier release").wait_for()
    banner.get_by_role("link", name="See the latest release.").click()  # beside it: the same page in the newest
    page.wait_for_url(f"{base_url}{versions.LATEST}/")
    assert page.locator("[data-md-component=outdated]").is_hidden()


def test_version_selector_lists_months_in_words_newest_first(page, base_url):
    page.goto(f"{base_url}latest/")
    page.wait_for_selector(".md-version__list", state="attached")
    titles = page.locator(".md-version__link").all_inner_texts()
    ids = sorted(releases.bundled(), reverse=True)
    assert [t.strip() for t in titles] == [month_year(r) for r in ids]


def test_version_selector_keeps_the_chapter(page, base_url, site_pages):
    committed("2025-03", "2021-08")
    common = [p for p in site_pages["2025-03"] if p and p in site_pages["2021-08"]]
    assert common, "2025-03 and 2021-08 share no chapter"
    chapter = "overview/" if "overview/" in common else common[0]
    page.goto(f"{base_url}2025-03/{chapter}")
    page.locator(".md-version").hover()  # the list opens over the current version
    page.locator(".md-version__link", has_text="August 2021").click()
    page.wait_for_url(f"{base_url}2021-08/{chapter}")
    assert charts_problems(page, live=True) == []


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
    committed("2025-03")
    page.goto(f"{base_url}2025-03/")
    href = search(page, "140.5")[0]
    assert page.locator("input.md-search__input").input_value() == "140.5"
    assert href.path.endswith("/2025-03/") and not href.fragment, href  # trad0325.pdf page 1: deficit $140.5 billion


def _chapter_with_charts(site_pages):
    for path in site_pages[versions.LATEST]:
        if path.startswith("overview/"):
            return path
    return next(p for p in site_pages[versions.LATEST] if p)


#: The computed colours of the first mark drawn in the exports colour, static and live.
EXPORTS_FILL = """([light, live]) => { const f = document.querySelector('figure.ts-chart');
    const v = [...f.querySelectorAll('.ts-chart-view')].find(v => v.getClientRects().length);
    const svg = v.querySelector(live ? '.ts-chart-live svg' : 'svg.ts-chart-static');
    const el = svg && svg.querySelector(`[fill="${light}"], [stroke="${light}"]`);
    if (!el) return null; const cs = getComputedStyle(el);
    return el.getAttribute('fill') === light ? cs.fill : cs.stroke; }"""


def rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i:i + 2], 16) for i in (0, 2, 4)))


def test_dark_mode_toggle_recolours_the_charts(page, base_url, site_pages):
    """One SVG per chart: the palette toggle repaints it (CSS custom properties), static and live,
    the exports colour as its dark twin; nothing is fetched for it."""
    light, dark = theme.COLOURS["exports"]
    page.goto(f"{base_url}latest/{_chapter_with_charts(site_pages)}")
    assert charts_problems(page) == []
    assert page.evaluate(EXPORTS_FILL, [light, False]) == rgb(light)
    page.requests.clear()
    page.locator("label[title='Switch to dark mode']:visible").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert page.evaluate(EXPORTS_FILL, [light, False]) == rgb(dark)
    assert vega_requests(page) == [] and not [u for u in page.requests if u.endswith(".svg")]
    assert charts_problems(page, live=True) == []
    assert page.evaluate(EXPORTS_FILL, [light, True]) == rgb(dark)
    assert page.console.errors == []


def test_a_test_s_page_starts_with_nothing_another_stored(contexts, base_url):
    """The worker's tests share browser contexts (conftest.Contexts); a reader's choice stored by one
    test's page (the dark palette, Material's in local storage) is gone for the next one's. Failed
    (the second page dark) with the clearing in Contexts.page taken out."""
    with contexts.page(**PAGE) as first:
        first.goto(f"{base_url}latest/")
        first.locator("label[title='Switch to dark mode']:visible").click()
        first.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
        first.reload()  # kept in local storage, as a reader's browser keeps it
        assert first.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    with contexts.page(**PAGE) as second:
        second.goto(f"{base_url}latest/")
        assert second.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "default"


def test_a_page_without_charts_fetches_no_vega_and_a_hover_fetches_it_once(page, base_url, site_pages):
    """Issue 12: Vega costs nothing until a reader reaches for a chart."""
    plain = next(p for p in site_pages[versions.LATEST] if p.startswith(("notes/", "coverage/")))
    page.goto(f"{base_url}latest/{plain}", wait_until="networkidle")
    assert page.locator("figure.ts-chart").count() == 0
    assert vega_requests(page) == []
    page.goto(f"{base_url}latest/{_chapter_with_charts(site_pages)}", wait_until="networkidle")
    assert page.locator("figure.ts-chart").count() > 0 and vega_requests(page) == []
    assert page.evaluate("() => typeof window.vegaEmbed") == "undefined"
    first = page.locator("figure.ts-chart").first
    first.locator(".ts-chart-plot").hover()
    first.locator(".ts-live .ts-chart-live svg").wait_for(timeout=20_000)
    assert sorted(u.rsplit("/", 1)[-1] for u in vega_requests(page)) == sorted(VEGA)
    # a tooltip: the pointer moved onto a mark of the live chart shows its values
    mark = first.locator(".ts-live .ts-chart-live svg :is(.mark-symbol, .mark-rect).role-mark path").last
    box = mark.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2 - 4, box["y"] + box["height"] / 2, steps=4)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)
    page.wait_for_selector("#vg-tooltip-element.visible", timeout=5_000)
    assert "Billions of dollars" in page.locator("#vg-tooltip-element").inner_text()
    assert page.console.errors == []


def test_a_chart_becomes_live_from_the_keyboard(page, base_url, site_pages):
    page.goto(f"{base_url}latest/{_chapter_with_charts(site_pages)}")
    plot = page.locator("figure.ts-chart .ts-chart-plot").first
    for _ in range(200):  # Tab through the page to the first chart
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('ts-chart-plot')"):
            break
    assert page.evaluate("() => document.activeElement.classList.contains('ts-chart-plot')"), "no chart takes the focus"
    plot.locator(".ts-live .ts-chart-live svg").wait_for(timeout=20_000)


def test_charts_are_drawn_after_instant_navigation(page, base_url, site_pages):
    text_only = ("coverage/", "notes/", "glossary/", "calendar/")  # the matrix, notes, glossary, calendar: no chart or table
    chapters = [p for p in site_pages[versions.LATEST] if p and not p.startswith(text_only)]
    page.goto(f"{base_url}latest/", wait_until="networkidle")  # Material reads the sitemap first
    nav = page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href]", "els => els.map(e => e.href)")
    chapters = [c for c in chapters if any(h.endswith(f"/{c}") for h in nav)]  # not the not-covered pages
    assert chapters, "no chapter in the latest release's navigation"
    for chapter in chapters[:3]:
        link = page.locator(f"nav.md-nav--primary a.md-nav__link[href$='{chapter}']").first
        page.evaluate(LEAVE)  # window.tsSamePage is gone if the click reloads the page
        link.click()
        page.wait_for_url(f"{base_url}latest/{chapter}")
        # the address can change before the new content is in: wait for the page that was left to go
        # (under load its charts were still listed, then gone: a 30 s timeout on a figure)
        page.wait_for_function("() => !document.querySelector('.md-content[data-ts-left]')")
        assert page.evaluate("() => window.tsSamePage === true"), "the click reloaded the page: no instant navigation"
        assert page.locator("figure.ts-chart").count() > 0 or page.locator(".ts-table").count() > 0
        assert charts_problems(page, live=True) == [], chapter
    assert len(vega_requests(page)) <= len(VEGA), "Vega fetched again after an instant navigation"
    assert page.console.errors == []


@pytest.mark.skipif(not os.environ.get("TRADESITE_SCREENSHOTS"), reason="set TRADESITE_SCREENSHOTS=1 to regenerate the README screenshots")
def test_screenshots_of_the_release_home(browser, base_url):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.goto(f"{base_url}latest/")
        pg.screenshot(path=str(SCREENSHOTS / f"release-home-{scheme}.png"))
        context.close()
    assert all((SCREENSHOTS / f"release-home-{s}.png").stat().st_size > 10_000 for s in ("light", "dark"))


def test_latest_chapter_table_as_the_files_say(page, base_url):
    """The release home's chapter table on /latest/ (exhibits 1 and 12 only), as a reader sees it:
    every chapter, its state, and a link to each chapter with content."""
    newest = releases.bundled()[-1]
    listed(newest, EXPECTED, "tests/site/test_coverage.py's EXPECTED")
    expected = EXPECTED[newest]
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

"""Search every release, in a real browser (Pagefind, /pagefind/): from /latest/ a reader widens a
search to every release and lands on the March 2025 version; "China imports" finds the series;
the index is fetched only when asked, and a query downloads a few of its files; results are text
(never markup), the keyboard and screen readers reach them, and a site without the index says
where the search of every release is."""

from __future__ import annotations

import collections
import gzip
import html
import json
import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tradesite.site.versioned import search_all, versions

pytestmark = pytest.mark.browser

RELEASE = "2025-03"
SUMMARY = ".ts-search-all__summary"
META = ".ts-search-all__meta"
FIRST = ".ts-search-all__link >> nth=0"


def words(text: str) -> collections.Counter:
    return collections.Counter(re.findall(r"[a-z]+", search_all.plain(text).lower()))


@pytest.fixture(scope="module")
def only_in_march_2025(site_root) -> str:
    """A word of the March 2025 version that no other version has (read from the built
    indexes, so it holds whatever the releases carry): no other version has a word with its
    first four letters either, so lunr's stemming cannot find it elsewhere."""
    ids = [v["version"] for v in json.loads((site_root / "versions.json").read_text())]
    if RELEASE not in ids:
        pytest.skip(f"needs the {RELEASE} release ingested")
    counts = {}
    for r in ids:
        index = json.loads((site_root / r / search_all.INDEX).read_text(encoding="utf-8"))
        counts[r] = words(" ".join(d["title"] + " " + d["text"] for d in index["docs"]))
    elsewhere = {w[:4] for r in ids if r != RELEASE for w in counts[r]}
    unique = sorted((w for w in counts[RELEASE] if len(w) >= 7 and w[:4] not in elsewhere), key=lambda w: (-counts[RELEASE][w], w))
    assert unique, f"every word of the {RELEASE} version is in another version too: pick the test's word another way"
    return unique[0]


def search(page, query: str) -> None:
    """Type the query as a reader does, and wait until Material has searched all of it."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    page.wait_for_function("q => document.querySelector('input.md-search__input').value === q", arg=query)


def widened(page, query: str) -> str:
    """Wait until the results of every release are for the whole query; their summary line."""
    page.wait_for_function(f"q => document.querySelector('{META}').textContent.includes('“' + q + '”')", arg=query, timeout=20_000)
    return page.locator(META).inner_text()


def test_a_widened_search_on_latest_lands_on_the_march_2025_version(page, base_url, only_in_march_2025):
    word = only_in_march_2025
    page.goto(f"{base_url}{versions.LATEST}/")
    search(page, word)
    page.locator(SUMMARY).click()
    summary = widened(page, word)
    assert re.search(r"^\d+ results? for “.+” in every release and the series explorer\.$", summary), summary
    first = page.locator(FIRST)
    assert first.locator(".ts-search-all__release").inner_text().lower() == "march 2025"
    href = first.get_attribute("href")
    assert urlsplit(href).path.startswith(f"/{RELEASE}/"), href
    first.click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}{RELEASE}/"))
    assert word in page.locator("article.md-content__inner").text_content().lower()
    assert page.console.errors == []


def test_the_index_of_every_release_is_fetched_only_when_asked(page, base_url, site_root, only_in_march_2025):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{base_url}{versions.LATEST}/", wait_until="networkidle")  # Material reads the sitemap first
    page.evaluate("() => { window.tsSamePage = true; }")
    # a chapter of the nav, not the page itself (a click on it would navigate while the test types)
    link = page.locator("nav.md-nav--primary a.md-nav__link[href$='/']:not(.md-nav__link--active)").first
    chapter = link.evaluate("a => a.href")
    link.click()
    page.wait_for_url(chapter)  # instant navigation: the address changes before the page does ...
    page.wait_for_function(  # ... so wait for the new page, whose nav marks the chapter (Material
        # closes the search when its navigation ends: typing before that raced it)
        "href => [...document.querySelectorAll('nav.md-nav--primary a.md-nav__link--active')].some(a => a.href === href)",
        arg=chapter)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => window.tsSamePage === true"), "the click reloaded the page: no instant navigation"
    search(page, only_in_march_2025)
    page.locator(".md-search-result__meta").wait_for()
    assert page.locator(".ts-search-all").count() == 1
    assert not [u for u in requested if "/pagefind/" in u], "the index of every release fetched before the reader asked"
    # the reader opens "Search every release"; a click event rather than a pointer click: after an
    # instant navigation Material may still be moving the dialog, and a pointer click then lands on
    # the overlay (CI). The pointer and the keyboard are tested on a settled page above and below.
    page.locator(SUMMARY).dispatch_event("click")
    widened(page, only_in_march_2025)
    page.locator("input.md-search__input").click()  # back in the box, one letter less
    page.keyboard.press("End")
    page.keyboard.press("Backspace")
    widened(page, only_in_march_2025[:-1])
    fetched = [u for u in requested if "/pagefind/" in u]
    assert fetched.count(f"{base_url}pagefind/pagefind.js") == 1  # loaded once
    assert all(u.startswith(base_url) for u in requested), [u for u in requested if not u.startswith(base_url)]
    # a query reads a few of the index's files, never all of them
    files = sum(1 for p in (site_root / "pagefind").rglob("*") if p.is_file())
    assert len(set(fetched)) < files / 10, (len(set(fetched)), files)


def test_china_imports_finds_the_series_first(page, base_url):
    page.goto(f"{base_url}{versions.LATEST}/")
    search(page, "China imports")
    page.locator(SUMMARY).click()
    widened(page, "China imports")
    first = page.locator(FIRST)
    assert first.locator(".ts-search-all__release").inner_text().lower() == "series explorer"
    assert first.locator(".ts-search-all__title").inner_text().startswith("Goods imports from China")
    assert urlsplit(first.get_attribute("href")).path.startswith("/series/goods-imports-china-")


def search_in(page, base_url, query: str, month: str) -> None:
    """From /latest/, search every release for ``query`` and keep the release ``month`` ('March 2025')."""
    page.goto(f"{base_url}{versions.LATEST}/")
    search(page, query)
    page.locator(SUMMARY).click()
    widened(page, query)
    page.locator(".ts-search-all__filter select").select_option(month)
    page.wait_for_function(f"m => document.querySelector('{META}').textContent.includes('in ' + m)", arg=month,
                           timeout=20_000)


def test_a_filter_keeps_one_release(page, base_url, only_in_march_2025):
    search_in(page, base_url, "exports", "March 2025")
    page.locator(".ts-search-all__release").first.wait_for(timeout=20_000)
    releases = set(page.locator(".ts-search-all__release").all_inner_texts())
    assert {r.lower() for r in releases} == {"march 2025"}, releases


def test_the_keyboard_reaches_opens_and_follows_every_release(page, base_url, only_in_march_2025):
    page.goto(f"{base_url}{versions.LATEST}/")
    search(page, only_in_march_2025)
    page.keyboard.press("ArrowDown")  # Material's own keys move through the dialog
    assert page.evaluate("() => document.activeElement.matches('.ts-search-all__summary')")
    page.keyboard.press(" ")
    widened(page, only_in_march_2025)
    page.locator(FIRST).wait_for(timeout=20_000)  # the count is said first, the results' fragments follow
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.matches('.ts-search-all__link')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}{RELEASE}/"))


def test_results_are_text_never_markup(page, base_url):
    """A page whose title and text carry markup (Pagefind's fragment of a page made for this test,
    answered in place of every real fragment) is shown as text: title, excerpt and release."""
    fixture = {"url": f"/{RELEASE}/fixture/", "content": 'Exports <img src=x onerror="window.tsPwned=1"> and '
               '<script>window.tsPwned=2</script> exports.', "word_count": 8, "filters": {},
               "meta": {"title": "<b>Fixture</b> title", "release": "<i>March 2025</i>"}, "anchors": []}
    body = gzip.compress(b"pagefind_dcd" + json.dumps(fixture).encode())
    page.route(f"{base_url}pagefind/fragment/**", lambda route: route.fulfill(body=body))
    page.goto(f"{base_url}{versions.LATEST}/")
    search(page, "exports")
    page.locator(SUMMARY).click()
    widened(page, "exports")
    first = page.locator(FIRST)
    first.wait_for(timeout=20_000)
    assert first.locator(".ts-search-all__title").inner_text() == "<b>Fixture</b> title"
    assert first.locator(".ts-search-all__release").inner_text().lower() == "<i>march 2025</i>"
    assert "<img src=x" in first.locator(".ts-search-all__text").inner_text()
    assert page.locator(".ts-search-all img, .ts-search-all script, .ts-search-all b, .ts-search-all i").count() == 0
    assert page.evaluate("() => window.tsPwned") is None


def test_a_site_without_the_index_says_where_every_release_is_searched(page, base_url):
    page.route(f"{base_url}pagefind/**", lambda route: route.fulfill(status=404, body="Not found"))
    page.goto(f"{base_url}{versions.LATEST}/")
    search(page, "exports")
    page.locator(SUMMARY).click()
    page.locator(META).get_by_text("published site").wait_for(timeout=20_000)
    assert "could not be loaded" in page.locator(META).inner_text()
    assert "Search within this release still works." in page.locator(META).inner_text()
    assert page.locator(".ts-search-all__link").count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_search_of_every_release_has_no_serious_accessibility_violation(contexts, base_url, scheme, only_in_march_2025):
    with contexts.page(color_scheme=scheme, viewport={"width": 1280, "height": 900}) as page:
        page.goto(f"{base_url}{versions.LATEST}/")
        search(page, only_in_march_2025)
        page.locator(SUMMARY).click()
        widened(page, only_in_march_2025)
        results = Axe().run(page, context={"include": [[".md-search"]]})
        blocking = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
        assert not blocking, "\n".join(f"{v['id']}: {v['help']} — {[(n['target'], n['failureSummary']) for n in v['nodes'][:5]]}" for v in blocking)


#: An element's id: the pages are written by our templates and Material, attributes double-quoted
#: (the same ids as html.parser finds on every page of the session's site, six times faster).
ELEMENT_ID = re.compile(r"<[a-zA-Z][\w:-]*(?:\s+(?!id=)[\w:.@-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s\"'>=`]+))?)*\s+id=\"([^\"]+)\"")


def ids_of(page_html: str) -> set[str]:
    return {html.unescape(v) for v in ELEMENT_ID.findall(page_html)}


def test_ids_of_reads_ids_as_a_parser_does():
    from html.parser import HTMLParser

    snippet = ('<h2 id="a&amp;b" class="x">A</h2><div data-id="not-one" title=\' id="in-a-value"\'>'
               '<span\n  id="c">x</span><p>id="text"</p>')

    class Ids(HTMLParser):
        found: set[str] = set()

        def handle_starttag(self, tag, attrs):
            self.found |= {v for k, v in attrs if k == "id" and v}

    parser = Ids()
    parser.feed(snippet)
    assert ids_of(snippet) == parser.found == {"a&b", "c"}


def test_every_entry_links_to_a_page_and_heading_of_its_version(site_root):
    """Every page Pagefind holds (its fragment: URL and anchors) is a page of the built site, and
    every section it names is an element of that page; every version and the explorer are in it."""
    problems, pages, seen = [], {}, set()
    for f in sorted((site_root / "pagefind" / "fragment").glob("*.pf_fragment")):
        text = gzip.decompress(f.read_bytes()).decode("utf-8")
        frag = json.loads(text[text.index("{"):])
        # a section of a long page is an entry of its own: its meta href (from the root) is where it leads
        href, _, anchor = frag["meta"].get("href", "").partition("#")
        path = (href or frag["url"]).strip("/")
        seen.add(path.split("/", 1)[0])
        page = site_root / path / "index.html"
        if page not in pages:
            pages[page] = None
            if page.is_file():
                pages[page] = ids_of(page.read_text(encoding="utf-8"))
        if pages[page] is None:
            problems.append(f"{page}: no such page")
            continue
        anchors = [a["id"] for a in frag.get("anchors", [])] + ([anchor] if anchor else [])
        problems += [f"{page}: no element #{a}" for a in anchors if a not in pages[page]]
    ids = {v["version"] for v in json.loads((site_root / "versions.json").read_text())}
    assert ids | {"series"} <= seen, sorted(ids | {"series"} - seen)
    assert not problems, "\n".join(problems[:20])


def test_a_section_of_the_notes_leads_to_its_heading(page, base_url):
    """The notes are indexed section by section (search_all.split_long): such a result is titled
    'Revisions and methodology notes › <section>' and opens that release's notes at the section."""
    search_in(page, base_url, "Nonsampling errors", "March 2025")
    hit = page.locator(".ts-search-all__link", has_text="Revisions and methodology notes › Nonsampling errors").first
    hit.wait_for(timeout=20_000)
    assert urlsplit(hit.get_attribute("href")).path == f"/{RELEASE}/notes/"
    assert urlsplit(hit.get_attribute("href")).fragment == "nonsampling-errors"

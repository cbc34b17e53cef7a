"""The series explorer in a real browser (issue 19): a series page draws its chart from the API
when a reader reaches for it or the URL asks for a view, a missing period stays a gap after a
transform, the view lives in the URL (series, compare, map) and a reload restores it, Enter in
compare's box adds a series, the vintages legend names releases, a tap on a touch screen and the
keyboard show a value, the map switches month and flow, the downloads are what is drawn, no page
of the explorer loads more than the script budget before any interaction, and none logs an error.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re

import pytest

pytestmark = pytest.mark.browser

TOTAL_BALANCE = "goods-and-services-balance-bop-sa-monthly"
CHINA_IMPORTS = "goods-imports-china-census-nsa-monthly"
CHINA_EXPORTS = "goods-exports-china-census-nsa-monthly"
#: A chart drawn in the browser (tradesite-explorer-chart.js), in the box ``sel``.
DRAWN = "sel => document.querySelector(sel + ' .ts-explorer-chart.ts-drawn .ts-chart-view svg')"
#: The lines drawn: [[name, release, [[period, value], ...]], ...].
LINES = ("sel => document.querySelector(sel + ' .ts-explorer-chart').tsLines.map("
         "l => [l.name, l.release, l.points.map(p => [p.period, p.value])])")
#: The path data of the layout shown (wide at 1280 px).
PATHS = ("sel => [...document.querySelectorAll(sel + ' .ts-chart-view')].filter(v => v.getClientRects().length)[0]"
         ".querySelectorAll('.ts-lc-line')[0].querySelector('path')?.getAttribute('d') || ''")
MAP_DRAWN = "() => document.querySelector('.ts-map.ts-drawn')"
#: Script before any interaction, gzip, every script the page requests (Material's included).
BUDGET = 60 * 1024


def vintages(site_root, sid: str) -> list[dict]:
    text = (site_root / "api" / "series" / f"{sid}.vintages.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def newest(site_root, sid: str) -> dict[str, float]:
    return {r["period"]: float(r["value"]) for r in vintages(site_root, sid) if not r["last_release"]}


def open_series(page, base_url, sid: str, query: str = "?t=level"):
    page.goto(f"{base_url}series/{sid}/{query}")
    page.wait_for_function(DRAWN, arg=".ts-explorer", timeout=30_000)


def shift(period: str, months: int) -> str:
    y, m = int(period[:4]), int(period[5:7]) - 1 + months
    return f"{y + m // 12}-{m % 12 + 1:02d}"


def test_a_series_page_draws_the_newest_values_when_the_url_asks(page, base_url, site_root):
    open_series(page, base_url, TOTAL_BALANCE)
    [(name, release, points)] = page.evaluate(LINES, ".ts-explorer")
    assert name.startswith("Goods and services balance, balance of payments basis")
    assert dict(points) == newest(site_root, TOTAL_BALANCE)
    assert ["2025-02", -119780] in points  # the January 2026 release's revision of February 2025
    assert not page.console.errors


def test_the_chart_wakes_on_the_first_hover_and_shows_a_value(page, base_url):
    page.goto(f"{base_url}series/{TOTAL_BALANCE}/")
    page.wait_for_load_state("networkidle")
    assert not any("tradesite-explorer-chart" in u for u in page.requests)  # nothing before interaction
    box = page.locator(".ts-explorer-chart").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + box["height"] / 2)
    page.wait_for_function(DRAWN, arg=".ts-explorer", timeout=30_000)
    page.mouse.move(box["x"] + box["width"] * 0.81, box["y"] + box["height"] / 2)
    tip = page.locator(".ts-explorer .ts-tip")
    tip.wait_for(state="visible")
    assert re.search(r"\d{4}", tip.inner_text()) and "release" in tip.inner_text()
    assert not page.console.errors


def test_a_gap_stays_a_gap_after_a_transform(page, base_url, site_root):
    values = newest(site_root, CHINA_IMPORTS)
    periods = sorted(values)
    assert any(shift(a, 1) != b for a, b in zip(periods, periods[1:])), "the fixture series has gaps"
    open_series(page, base_url, CHINA_IMPORTS, "?t=change")
    [(_, _, points)] = page.evaluate(LINES, ".ts-explorer")
    expected = {p: values[p] - values[shift(p, -1)] for p in periods if shift(p, -1) in values}
    assert dict(points) == pytest.approx(expected)
    runs = 1 + sum(1 for (a, _), (b, _) in zip(points, points[1:]) if shift(a, 1) != b)
    lone = sum(1 for k, (p, _) in enumerate(points)
               if (k == 0 or shift(points[k - 1][0], 1) != p) and (k == len(points) - 1 or shift(p, 1) != points[k + 1][0]))
    assert page.evaluate(PATHS, ".ts-explorer").count("M") == runs - lone  # one subpath a run; never across a gap
    page.select_option(".ts-explorer select[name=t]", "ma3")
    page.wait_for_function("() => location.search.includes('t=ma3')")
    [(_, _, points)] = page.evaluate(LINES, ".ts-explorer")
    assert all(shift(p, -1) in values and shift(p, -2) in values for p, _ in points)


def test_a_transform_and_range_live_in_the_url_and_a_reload_restores_them(page, base_url, site_root):
    open_series(page, base_url, TOTAL_BALANCE)
    page.select_option(".ts-explorer select[name=t]", "yoy")
    page.select_option(".ts-explorer select[name=from]", "2024-01")
    page.wait_for_function("() => location.search.includes('t=yoy') && location.search.includes('from=2024-01')")
    [(_, _, yoy)] = page.evaluate(LINES, ".ts-explorer")
    level = newest(site_root, TOTAL_BALANCE)
    for period, value in yoy:
        assert value == pytest.approx(100 * (level[period] / level[shift(period, -12)] - 1), abs=1e-5)
    assert min(p for p, _ in yoy) == "2024-01"
    url = page.url
    page.reload()
    page.wait_for_function(DRAWN, arg=".ts-explorer", timeout=30_000)
    assert page.url == url
    assert page.locator(".ts-explorer select[name=t]").input_value() == "yoy"
    assert page.locator(".ts-explorer select[name=from]").input_value() == "2024-01"
    assert page.evaluate(LINES, ".ts-explorer")[0][2] == yoy


def test_annual_totals_and_year_to_date_of_a_monthly_flow(page, base_url, site_root):
    open_series(page, base_url, TOTAL_BALANCE, "?t=year")
    [(_, _, years)] = page.evaluate(LINES, ".ts-explorer")
    values = newest(site_root, TOTAL_BALANCE)
    for year, total in years:
        assert total == pytest.approx(sum(values[f"{year}-{m:02d}"] for m in range(1, 13)))
    assert {y for y, _ in years} == {p[:4] for p in values if all(f"{p[:4]}-{m:02d}" in values for m in range(1, 13))}
    page.select_option(".ts-explorer select[name=t]", "ytd")
    page.wait_for_function("() => location.search.includes('t=ytd')")
    ytd = dict(page.evaluate(LINES, ".ts-explorer")[0][2])
    assert ytd["2025-03"] == pytest.approx(sum(values[f"2025-{m:02d}"] for m in (1, 2, 3)))


def test_the_csv_download_is_exactly_what_is_drawn(page, base_url):
    open_series(page, base_url, TOTAL_BALANCE, "?t=change&v=1&from=2025-01")
    with page.expect_download() as info:
        page.click(".ts-explorer [data-download=csv]")
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    lines = page.evaluate(LINES, ".ts-explorer")
    drawn = sorted((release, p, v) for _, release, points in lines for p, v in points)
    assert sorted((r["release"], r["period"], float(r["value"])) for r in rows) == drawn
    assert list(rows[0]) == ["period", "period_type", "value", "unit", "release", "status"]
    assert {r["unit"] for r in rows} == {"millions of dollars, change"}
    assert len({r["release"] for r in rows}) > 1  # every vintage
    with page.expect_download() as info:
        page.click(".ts-explorer [data-download=svg]")
    svg = open(info.value.path(), encoding="utf-8").read()
    assert svg.lstrip().startswith("<svg") and "var(--" not in svg.split(">", 1)[1].split("style=")[0]
    with page.expect_download() as info:
        page.click(".ts-explorer [data-download=png]")
    assert open(info.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"


def test_the_vintages_overlay_names_each_release_and_mutes_the_middle_ones(page, base_url, site_root):
    open_series(page, base_url, TOTAL_BALANCE, "?v=1")
    lines = page.evaluate(LINES, ".ts-explorer")
    releases = sorted({r["first_release"] for r in vintages(site_root, TOTAL_BALANCE)})
    assert [release for _, release, _ in lines][-2:] == [releases[0], releases[-1]]  # drawn last, on top
    assert len(lines) == len(releases) >= 12
    legend = page.locator(".ts-explorer .ts-legend").inner_text()
    assert "January 2026 release (latest)" in legend and "February 2021 release (earliest)" in legend
    assert f"{len(releases) - 2} releases between, in grey" in legend and "March 2025" in legend
    muted = page.locator(".ts-explorer .ts-wide .ts-lc-muted").count()
    assert muted == len(releases) - 2
    # as known at the March 2025 release: the first February 2025 figure had been revised by then
    march = next(points for _, release, points in lines if release == "2025-03")
    assert dict(march)["2025-02"] == -123195


def test_a_tap_on_a_touch_screen_shows_a_value(contexts, base_url):
    with contexts.page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, device_scale_factor=2) as page:
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base_url}series/{TOTAL_BALANCE}/?v=1")
        page.wait_for_function(DRAWN, arg=".ts-explorer", timeout=30_000)
        chart = page.locator(".ts-explorer-chart")
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        page.touchscreen.tap(box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.5)
        tip = page.locator(".ts-explorer .ts-tip")
        tip.wait_for(state="visible", timeout=5_000)
        assert "release" in tip.inner_text() and re.search(r"\d", tip.inner_text())
        assert chart.locator(".ts-narrow svg").is_visible() and not chart.locator(".ts-wide svg").is_visible()
        assert "¶" not in chart.locator(".ts-narrow svg").get_attribute("aria-label")  # the h1's words only
        assert not errors


def test_the_keyboard_reads_the_chart(page, base_url):
    open_series(page, base_url, TOTAL_BALANCE)
    page.locator(".ts-explorer-chart").focus()
    tip = page.locator(".ts-explorer .ts-tip")
    tip.wait_for(state="visible")
    assert tip.inner_text().startswith("January 2026")
    page.keyboard.press("ArrowLeft")
    assert tip.inner_text().startswith("December 2025")
    page.keyboard.press("Home")
    assert tip.inner_text().startswith("January 1992")
    page.keyboard.press("Escape")
    assert not tip.is_visible()


def test_enter_in_compare_adds_the_series_and_the_url_keeps_the_choice(page, base_url):
    page.goto(f"{base_url}series/compare/?s={CHINA_EXPORTS}")
    page.wait_for_function(DRAWN, arg=".ts-compare", timeout=30_000)
    box = page.locator(".ts-compare input[name=q]")
    box.click()
    box.fill("goods imports china census not seasonally adjusted monthly")
    box.press("Enter")
    page.wait_for_function(f"() => location.search.includes('{CHINA_IMPORTS}')", timeout=30_000)
    assert "q=" not in page.url and box.input_value() == ""
    page.wait_for_function("() => document.querySelectorAll('.ts-compare-list li a').length === 2")
    box.fill(CHINA_IMPORTS.upper())  # an id, any case; already chosen: said, not added twice
    box.press("Enter")
    page.wait_for_function("() => document.querySelector('.ts-compare-status').textContent.includes('already')")
    page.select_option(".ts-compare select[name=t]", "yoy")
    page.fill(".ts-compare input[name=from]", "2024-01")
    page.locator(".ts-compare input[name=from]").dispatch_event("change")
    page.wait_for_function("() => location.search.includes('t=yoy') && location.search.includes('from=2024-01')")
    names = [name for name, _, _ in page.evaluate(LINES, ".ts-compare")]
    url = page.url
    page.reload()
    page.wait_for_function(DRAWN, arg=".ts-compare", timeout=30_000)
    assert page.url == url
    assert [name for name, _, _ in page.evaluate(LINES, ".ts-compare")] == names and len(names) == 2
    assert page.locator(".ts-compare select[name=t]").input_value() == "yoy"
    assert page.locator(".ts-compare input[name=from]").input_value() == "2024-01"
    assert all(p >= "2024-01" for _, _, points in page.evaluate(LINES, ".ts-compare") for p, _ in points)
    page.locator(".ts-compare-list .ts-remove").first.click()
    page.wait_for_function(f"() => !location.search.includes('{CHINA_EXPORTS}')")
    assert not page.console.errors


def test_the_map_switches_month_and_flow_with_the_url(page, base_url, site_root):
    page.goto(f"{base_url}series/map/")
    page.wait_for_load_state("networkidle")
    months = page.locator(".ts-map select[name=m] option").evaluate_all("os => os.map(o => o.value)")
    month = months[2]
    page.select_option(".ts-map select[name=m]", month)
    page.select_option(".ts-map select[name=f]", "exports")
    page.wait_for_function(f"() => location.search.includes('m={month}') && location.search.includes('f=exports')")
    page.wait_for_function(f"() => document.querySelector('.ts-map').dataset.period === '{month}'")
    data = json.loads((site_root / "series" / "map" / f"{month}.json").read_text(encoding="utf-8"))
    countries = sorted((r for r in data["flows"]["exports"] if not r[2]), key=lambda r: (-r[4], r[0]))
    first = page.locator(".ts-map-countries tr").first
    assert first.locator("th").inner_text().startswith(countries[0][0])
    assert first.locator("td").inner_text() == f"{countries[0][4]:,.0f}"
    areas = {r[0] for r in data["flows"]["exports"] if r[2]}
    shown = set(page.locator(".ts-map-countries th a").all_inner_texts())
    assert shown and not shown & areas and "European Union" not in shown
    assert page.locator(".ts-map-title").inner_text() == f"Exports, {data['month']}"
    china = next(r for r in countries if r[0] == "China")
    path = page.locator(f".ts-map-svg path[data-shape='{china[1]}']")
    assert re.fullmatch(r"f[1-5]", path.get_attribute("class"))
    assert path.locator("title").text_content() == f"China: {china[4]:,.0f} ({data['unit']})"
    url = page.url
    page.reload()
    page.wait_for_function(MAP_DRAWN, timeout=30_000)
    assert page.url == url and page.locator(".ts-map select[name=m]").input_value() == month
    assert page.locator(".ts-map-title").inner_text() == f"Exports, {data['month']}"
    assert not page.console.errors


def test_numbers_are_in_one_format_on_the_map(page, base_url):
    page.goto(f"{base_url}series/map/?f=balance")
    page.wait_for_function(MAP_DRAWN, timeout=30_000)
    cells = page.locator(".ts-map-countries td, .ts-map-areas td").all_inner_texts()
    assert cells and all(re.fullmatch(r"\u2212?\d{1,3}(,\d{3})*", c) for c in cells), cells[:5]


def test_a_tap_on_the_map_shows_a_country_value(contexts, base_url):
    with contexts.page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True) as page:
        page.goto(f"{base_url}series/map/?m=2025-03")
        page.wait_for_function(MAP_DRAWN, timeout=30_000)
        assert page.locator(".ts-map-table").bounding_box()["y"] < page.locator(".ts-map-svg").bounding_box()["y"]
        china = page.locator(".ts-map-svg path[data-shape='156']")
        china.scroll_into_view_if_needed()
        box = china.bounding_box()
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        tip = page.locator(".ts-map-tip")
        tip.wait_for(state="visible", timeout=5_000)
        assert tip.inner_text().startswith("China: ")


def test_dark_mode_recolours_the_drawn_chart_and_its_tooltip(contexts, base_url):
    from tradesite.site.render import theme

    with contexts.page(color_scheme="dark", viewport={"width": 1280, "height": 900}) as page:
        page.goto(f"{base_url}series/{TOTAL_BALANCE}/?t=ma3")
        page.wait_for_function(DRAWN, arg=".ts-explorer", timeout=30_000)
        page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
        stroke = page.evaluate("() => getComputedStyle(document.querySelector('.ts-wide .ts-lc-line path')).stroke")
        r, g, b = (int(theme.COLOURS["balance"][1][k:k + 2], 16) for k in (1, 3, 5))
        assert stroke == f"rgb({r}, {g}, {b})"
        page.locator(".ts-explorer-chart").focus()
        tip = page.locator(".ts-explorer .ts-tip")
        assert tip.evaluate("t => getComputedStyle(t).backgroundColor") == page.evaluate(
            "() => getComputedStyle(document.body).backgroundColor")


EXPLORER_PAGES = {
    "series": f"series/{TOTAL_BALANCE}/", "partner": "series/partners/china/", "catalogue": "series/",
    "topic": "series/topics/goods/", "compare": "series/compare/", "map": "series/map/", "api": "api/", "home": "",
}


@pytest.mark.parametrize("name", list(EXPLORER_PAGES))
def test_no_explorer_page_loads_more_script_than_the_budget_before_any_interaction(browser, base_url, name):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    scripts, errors = {}, []

    def seen(response):
        if response.request.resource_type == "script":
            scripts[response.url] = len(gzip.compress(response.body(), 9))

    page.on("response", seen)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and "sitemap.xml" not in (m.location.get("url") or "")
            and errors.append(m.text))
    try:
        page.goto(f"{base_url}{EXPLORER_PAGES[name]}")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        total = sum(scripts.values())
        assert total <= BUDGET, f"{name}: {total} bytes gzip of script before interaction: {scripts}"
        assert not any(re.search(r"vega|explorer-(chart|map)", u) for u in scripts), scripts
        assert not errors, errors
    finally:
        context.close()


def test_find_a_series_on_the_explorer_home_leads_to_its_page(page, base_url):
    """The explorer home's "Find a series" (form.ts-find, docs/javascripts/tradesite-search.js: the
    index of every release, kept to the series explorer) finds China's imports and leads to the
    series' page. It replaces a test of Material's search there, skipped since the series pages
    left Material's index: the form had no browser test. Fails (no result within 30 s) when
    tradesite-search.js does not start the form."""
    page.goto(f"{base_url}series/")
    box = page.locator("form.ts-find input[name=q]")
    box.click()
    box.press_sequentially("China imports", delay=30)
    link = page.locator(f"form.ts-find .ts-find-results a[href*='/series/{CHINA_IMPORTS}/']")
    link.first.wait_for(timeout=30_000)
    assert "in Series explorer" in page.locator("form.ts-find .ts-search-all__meta").inner_text()
    link.first.click()
    page.wait_for_url(f"**/series/{CHINA_IMPORTS}/**")
    assert "Goods imports from China" in page.locator("h1").inner_text()


def test_chapter_table_rows_link_to_their_series(page, base_url):
    page.goto(f"{base_url}2025-03/countries/")
    page.wait_for_selector("a.ts-series-link")
    china = page.locator("a.ts-series-link", has_text="China").first
    href = china.get_attribute("href")
    assert "/series/goods-" in href and "china" in href
    china.click()
    page.wait_for_selector(".ts-explorer .ts-lc")
    assert "China" in page.locator("h1").inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path,box", [(f"series/{TOTAL_BALANCE}/?v=1", ".ts-explorer"), ("series/map/?f=exports", ".ts-map"),
                                      (f"series/compare/?s={CHINA_IMPORTS},{CHINA_EXPORTS}", ".ts-compare")])
def test_explorer_pages_have_no_serious_accessibility_violation(contexts, base_url, scheme, path, box):
    from axe_playwright_python.sync_playwright import Axe

    with contexts.page(color_scheme=scheme, viewport={"width": 1280, "height": 900}) as page:
        page.goto(f"{base_url}{path}")
        page.wait_for_function(MAP_DRAWN if box == ".ts-map" else DRAWN, arg=None if box == ".ts-map" else box,
                               timeout=30_000)
        if box != ".ts-map":
            page.locator(f"{box} .ts-explorer-chart").focus()  # the tooltip shown too
        violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        assert not violations, "\n".join(f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes'][:5]]}" for v in violations)


def test_every_series_page_of_the_site_stays_small(site_root):
    """Every series page as built (series/ID/index.html, Material's shell included) under 64 KB:
    their content stays under 40 KB on the committed releases (fixed tables, fixed chart windows;
    tests/site/test_explorer.py) and the shell adds about 9 KB. Read from the session's site rather
    than rendered a second time."""
    listing = json.loads((site_root / "api" / "series.json").read_text(encoding="utf-8"))
    sizes = sorted(((site_root / "series" / s["id"] / "index.html").stat().st_size, s["id"]) for s in listing["series"])
    assert len(sizes) == listing["count"] > 3000
    assert sizes[-1][0] < 64_000, sizes[-5:]

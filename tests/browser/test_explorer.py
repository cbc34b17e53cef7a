"""The series explorer in a real browser: a series page draws its chart, a transform changes the
chart and the URL and a reload reproduces it, the CSV download is the data drawn, the compare
view, the map, search finds a series, and chapter tables link their rows to the explorer."""

from __future__ import annotations

import csv
import io
import json

import pytest

pytestmark = pytest.mark.browser

TOTAL_BALANCE = "goods-and-services-balance-bop-sa-monthly"
CHINA_IMPORTS = "goods-imports-china-census-nsa-monthly"
DRAWN = "sel => { const b = document.querySelector(sel); return b && b.classList.contains('ts-drawn') && b.querySelector('.ts-explorer-chart svg'); }"
#: The rows the chart was given (vega's own copy of its data).
SHOWN = "sel => document.querySelector(sel)._view.data('table').map(r => [r.period, r.value, r.release])"


def api_rows(site_root, sid: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((site_root / "api" / "series" / f"{sid}.csv").read_text(encoding="utf-8"))))


def open_series(page, base_url, sid: str, query: str = ""):
    page.goto(f"{base_url}series/{sid}/{query}")
    page.wait_for_function(DRAWN, arg=".ts-explorer", timeout=30_000)


def test_a_series_page_draws_its_chart_from_the_newest_values(page, base_url, site_root):
    open_series(page, base_url, TOTAL_BALANCE)
    assert page.locator("h1").inner_text().startswith("Goods and services balance, balance of payments basis")
    shown = page.evaluate(SHOWN, ".ts-explorer")
    newest = {}
    for r in api_rows(site_root, TOTAL_BALANCE):  # rows sorted by period, then release
        newest[r["period"]] = (r["period"], float(r["value"]), r["release"])
    assert [tuple(x) for x in shown] == list(newest.values())
    assert ("2025-02", -119780.0, "2026-01") in newest.values()  # exh1.xlsx of 2026-01: February as revised
    assert not page.console.errors


def test_a_transform_changes_the_chart_and_the_url_and_a_reload_reproduces_it(page, base_url):
    open_series(page, base_url, TOTAL_BALANCE)
    level = page.evaluate(SHOWN, ".ts-explorer")
    page.select_option(".ts-explorer select[name=t]", "yoy")
    page.select_option(".ts-explorer select[name=from]", "2024-01")
    page.wait_for_function("() => location.search.includes('t=yoy') && location.search.includes('from=2024-01')")
    page.wait_for_function(f"sel => document.querySelector(sel)._view.data('table').length !== {len(level)}", arg=".ts-explorer")
    yoy = page.evaluate(SHOWN, ".ts-explorer")
    by_period = {p: v for p, v, _ in level}
    for period, value, _ in yoy:
        y, m = period.split("-")
        ago = by_period[f"{int(y) - 1}-{m}"]
        assert value == pytest.approx(100 * (by_period[period] / ago - 1), abs=1e-5)
    assert min(p for p, _, _ in yoy) == "2024-01"
    url = page.url
    page.reload()
    page.wait_for_function(DRAWN, arg=".ts-explorer", timeout=30_000)
    assert page.url == url and page.locator(".ts-explorer select[name=t]").input_value() == "yoy"
    assert page.evaluate(SHOWN, ".ts-explorer") == yoy


def test_the_csv_download_is_exactly_the_data_drawn(page, base_url):
    open_series(page, base_url, TOTAL_BALANCE, "?t=change&v=1&from=2025-01")
    with page.expect_download() as info:
        page.click(".ts-explorer [data-download=csv]")
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    shown = page.evaluate(SHOWN, ".ts-explorer")
    assert [[r["period"], float(r["value"]), r["release"]] for r in rows] == [[p, v, r] for p, v, r in shown]
    assert list(rows[0]) == ["period", "value", "unit", "release", "status"]
    assert {r["unit"] for r in rows} == {"millions of dollars, change"}
    assert len({r["release"] for r in rows}) > 1  # every vintage
    with page.expect_download() as info:
        page.click(".ts-explorer [data-download=svg]")
    assert open(info.value.path(), encoding="utf-8").read().lstrip().startswith("<svg")


def test_the_embed_code_reproduces_the_view_without_the_page_around_it(page, base_url):
    open_series(page, base_url, CHINA_IMPORTS, "?t=level")
    page.click(".ts-series details.ts-embed summary")
    code = page.locator(".ts-series details.ts-embed textarea").input_value()
    src = code.split('src="')[1].split('"')[0]
    assert "embed=1" in src and f"/series/{CHINA_IMPORTS}/" in src
    page.goto(src)
    page.wait_for_function(DRAWN, arg=".ts-explorer", timeout=30_000)
    assert not page.locator(".md-header").is_visible() and not page.locator(".ts-downloads").is_visible()


def test_the_compare_view_draws_several_series(page, base_url):
    ids = ["goods-exports-china-census-nsa-monthly", CHINA_IMPORTS]
    page.goto(f"{base_url}series/compare/?s={','.join(ids)}&t=level")
    page.wait_for_function(DRAWN, arg=".ts-compare", timeout=30_000)
    series = page.evaluate("() => [...new Set(document.querySelector('.ts-compare')._view.data('table').map(r => r.series))]")
    assert series == ids
    assert page.locator(".ts-compare-list li").count() == 2
    page.select_option(".ts-compare select[name=t]", "change")
    page.wait_for_function("() => location.search.includes('t=change')")
    assert not page.console.errors


def test_the_map_draws_the_latest_month_by_partner(page, base_url, site_root):
    page.goto(f"{base_url}series/map/")
    page.wait_for_function(DRAWN, arg=".ts-map", timeout=30_000)
    data = json.loads((site_root / "series" / "map" / "map.json").read_text(encoding="utf-8"))
    assert data["period"] == "2025-03"
    drawn = page.locator(".ts-map .ts-explorer-chart svg path").count()
    assert drawn > 100  # country shapes
    assert page.locator("table a", has_text="China").first.get_attribute("href") == "../goods-balance-china-census-nsa-monthly/"
    assert not page.console.errors


def test_search_finds_a_series_china_imports(page, base_url):
    page.goto(f"{base_url}series/")
    page.wait_for_load_state("networkidle")  # the search worker has its index
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("China imports", delay=30)
    link = page.locator(f".md-search-result__link[href*='/series/{CHINA_IMPORTS}/']")
    link.first.wait_for(timeout=30_000)
    link.first.click()
    page.wait_for_url(f"**/series/{CHINA_IMPORTS}/**")
    assert "Goods imports from China" in page.locator("h1").inner_text()


def test_chapter_table_rows_link_to_their_series(page, base_url):
    page.goto(f"{base_url}2025-03/countries/")
    page.wait_for_selector("a.ts-series-link")
    china = page.locator("a.ts-series-link", has_text="China").first
    href = china.get_attribute("href")
    assert href.startswith("../../series/goods-") and "china" in href
    china.click()
    page.wait_for_function(DRAWN, arg=".ts-explorer", timeout=30_000)
    assert "China" in page.locator("h1").inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path,box", [(f"series/{TOTAL_BALANCE}/", ".ts-explorer"), ("series/map/", ".ts-map"),
                                      ("series/compare/?s=" + CHINA_IMPORTS, ".ts-compare")])
def test_explorer_pages_have_no_serious_accessibility_violation(browser, base_url, scheme, path, box):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{base_url}{path}")
        page.wait_for_function(DRAWN, arg=box, timeout=30_000)
        violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        assert not violations, "\n".join(f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes'][:5]]}" for v in violations)
    finally:
        context.close()

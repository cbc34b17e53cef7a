"""What came after a release, in a real browser: an earlier release's banner says what later releases
revised of the page (read from api/revised-since/ at run time), the version selector keeps the page
and the section or says why not, and a citation's access date is the reader's."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tradesite import releases

pytestmark = pytest.mark.browser


def need(*ids):
    if not set(ids) <= set(releases.bundled()):
        pytest.skip(f"needs releases {ids} ingested")


def test_an_earlier_page_says_what_later_releases_revised(page, base_url, site_root):
    need("2021-08")
    newest = releases.bundled()[-1]
    expected = json.loads((site_root / "api" / "revised-since" / "2021-08.json").read_text())["pages"]["overview/"]
    page.goto(f"{base_url}2021-08/overview/")
    slot = page.locator("[data-md-component=outdated] .ts-revised")
    page.wait_for_function("() => document.querySelector('.ts-revised a') !== null")
    assert slot.inner_text().startswith(expected["text"])
    assert slot.locator("a").get_attribute("href") == f"{base_url}{newest}/overview/"
    assert page.console.errors == []


def test_the_newest_release_says_nothing_of_revisions(page, base_url):
    page.goto(f"{base_url}latest/overview/")
    page.wait_for_load_state("networkidle")
    assert not any("revised-since" in u for u in page.requests)


def test_version_selector_keeps_the_section(page, base_url):
    need("2025-03", "2021-08")
    page.goto(f"{base_url}2025-03/overview/#chapters")
    page.locator(".md-version").hover()
    page.locator(".md-version__link", has_text="August 2021").click()
    page.wait_for_url(f"{base_url}2021-08/overview/#chapters")
    page.wait_for_selector(".ts-switch-note")  # this page has no #chapters section: said so
    assert "is not on this page in this release" in page.locator(".ts-switch-note").inner_text()


def test_version_selector_says_where_a_page_is_missing(page, base_url, site_pages):
    need("2021-08", "2021-03")
    only = [p for p in site_pages["2021-08"] if p and p not in site_pages["2021-03"] and p.count("/") > 1]
    if not only:
        pytest.skip("every page of 2021-08 is in 2021-03")
    page.goto(f"{base_url}2021-08/{only[0]}")
    title = page.locator(".md-content h1").first.inner_text()
    page.locator(".md-version").hover()
    page.locator(".md-version__link", has_text="March 2021").click()
    page.wait_for_url(f"{base_url}2021-03/")
    note = page.locator(".ts-switch-note")
    note.wait_for()
    assert f"The page \u201c{title}\u201d of the August 2021 release is not in this release" in note.inner_text()


def test_the_access_date_is_today(page, base_url):
    need("2025-03")
    page.goto(f"{base_url}2025-03/overview/")
    page.wait_for_function("() => [...document.querySelectorAll('.ts-accessed')].every(e => e.textContent !== 'YYYY-MM-DD')")
    dates = set(page.locator(".ts-accessed").all_text_contents())
    assert dates == {dt.date.today().isoformat()}

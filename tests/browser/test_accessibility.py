"""Accessibility: axe-core (bundled by the axe-playwright-python package, so no network)
finds no serious or critical violation on the release home and a chapter, light and dark."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.require import committed
from tradesite.site.versioned import versions

from .test_site import charts_problems

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


def _chapter(site_pages) -> str:
    pages = site_pages[versions.LATEST]
    return "overview/" if "overview/" in pages else next(p for p in pages if p)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("which", ["home", "chapter"])
def test_no_serious_or_critical_violation(contexts, base_url, site_pages, scheme, which):
    path = "" if which == "home" else _chapter(site_pages)
    with contexts.page(color_scheme=scheme, viewport={"width": 1280, "height": 900}) as page:
        page.goto(f"{base_url}{versions.LATEST}/{path}")
        expected = "slate" if scheme == "dark" else "default"
        page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{expected}'")
        for live in (False, True):  # as a reader first sees it, then with every chart drawn live
            assert charts_problems(page, live=live) == []
            results = Axe().run(page)
            blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
            report = "\n".join(
                f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(str(n['target']) for n in v['nodes'][:5])}" for v in blocking
            )
            assert not blocking, f"/{versions.LATEST}/{path} ({scheme}, charts {'live' if live else 'static'}):\n{report}"


#: Pages of the release with every chapter: tables (long ones and their own pages), row sources,
#: glossary links, the glossary itself.
PAGES_2025_03 = ["", "overview/", "countries/", "countries/exhibit-19/", "services-exports/bea-table-2/2/",
                 "what-changed/", "vintages/", "goods-basis/", "glossary/"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.mark.parametrize("viewport,scheme,path",
                         [(DESKTOP, s, p) for s in ("light", "dark") for p in PAGES_2025_03]
                         + [(PHONE, "light", p) for p in ("", "countries/", "what-changed/", "glossary/")]
                         + [(PHONE, "dark", "vintages/")],
                         ids=lambda v: (f"{v['width']}px" if isinstance(v, dict) else (v or "home")))
def test_tables_and_glossary_have_no_serious_violation(contexts, base_url, viewport, scheme, path):
    committed("2025-03")
    with contexts.page(color_scheme=scheme, viewport=viewport) as page:
        page.goto(f"{base_url}2025-03/{path}")
        charts_problems(page)
        results = Axe().run(page)
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
        report = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(str(n['target']) for n in v['nodes'][:5])}" for v in blocking
        )
        assert not blocking, f"/2025-03/{path} ({scheme}, {viewport['width']}px):\n{report}"

"""The versioned site, built once per session and served on 127.0.0.1 by a process of its own
(site_server.py, read by every pytest-xdist worker), and Debian's chromium driven by playwright
(never ``playwright install``: no browser download).

``TRADESITE_TEST_SITE=build/site`` reuses a site built by ``tradesite site build`` instead
of building one (quicker while working on the tests; CI always builds).
"""

from __future__ import annotations

import json
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tradesite.site.versioned import serve, versions

from . import site_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="session")
def served(request) -> dict:
    """The session's site, {"root", "base"}: built and served once for every worker by
    tests/browser/site_server.py (started at collection; started here if it was not)."""
    folder = site_server.folder_of(request.config)
    site_server.start(folder, site_server.controller_of(request.config))
    return site_server.wait(folder)


@pytest.fixture(scope="session")
def site_base(request) -> str:
    """The root URL the site is built for and served at, e.g. http://127.0.0.1:41234/."""
    reuse = site_server.reused()
    if reuse:
        loc = ET.parse(reuse / "sitemap.xml").find(".//s:loc", SITEMAP_NS).text
        return loc[: loc.index("/", len("http://")) + 1]
    return request.getfixturevalue("served")["base"]


@pytest.fixture(scope="session")
def site_root(request) -> Path:
    reuse = site_server.reused()
    if reuse:
        assert (reuse / "versions.json").is_file(), f"TRADESITE_TEST_SITE={reuse}: no versioned site there"
        return reuse
    return Path(request.getfixturevalue("served")["root"])


@pytest.fixture(scope="session")
def base_url(site_root, site_base) -> str:
    """The served site's root URL: the session's server's, or one served here for a reused site."""
    if not site_server.reused():
        yield site_base
        return
    httpd = serve.server(site_root, int(site_base.rstrip("/").rsplit(":", 1)[1]))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield site_base
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def site_pages(site_root, site_base):
    """version folder -> page paths relative to it ('', 'overview/', ...), from its sitemap."""
    out = {}
    ids = sorted(v["version"] for v in json.loads((site_root / "versions.json").read_text()))
    for folder in [*ids, versions.LATEST]:
        release = ids[-1] if folder == versions.LATEST else folder
        prefix = versions.version_site_url(release, release == ids[-1], site_base)
        tree = ET.parse(site_root / folder / "sitemap.xml")
        locs = [e.text for e in tree.findall(".//s:loc", SITEMAP_NS)]
        assert all(loc.startswith(prefix) for loc in locs), f"{folder}/sitemap.xml: expected URLs under {prefix}"
        out[folder] = [loc[len(prefix):] for loc in locs]
    return out


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install -y chromium`; .ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Console:
    """Console errors and uncaught page errors seen by one page."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text} ({m.location.get('url')})"))
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))


@pytest.fixture
def page(browser):
    """A fresh light-scheme page (no stored palette) that records console errors and the URLs it
    requests (``page.requests``)."""
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.console = Console(pg)
    pg.requests = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    context.close()



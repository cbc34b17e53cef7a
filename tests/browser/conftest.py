"""The versioned site, built once per session and served on 127.0.0.1, and Debian's
chromium driven by playwright (never ``playwright install``: no browser download).

``TRADESITE_TEST_SITE=build/site`` reuses a site built by ``tradesite site build`` instead
of building one (quicker while working on the tests; CI always builds).
"""

from __future__ import annotations

import json
import os
import socket
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tradesite.site.versioned import serve, versions

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def site_base() -> str:
    """The root URL the site is built for and served at. Built for the very port it is
    served on: Material's instant navigation follows only links of its sitemap's port."""
    reuse = os.environ.get("TRADESITE_TEST_SITE")
    if reuse and not os.environ.get("CI"):
        loc = ET.parse(Path(reuse) / "sitemap.xml").find(".//s:loc", SITEMAP_NS).text
        return loc[: loc.index("/", len("http://")) + 1]
    return f"http://127.0.0.1:{free_port()}/"


@pytest.fixture(scope="session")
def site_root(tmp_path_factory, site_base) -> Path:
    reuse = os.environ.get("TRADESITE_TEST_SITE")
    if reuse and not os.environ.get("CI"):
        root = Path(reuse)
        assert (root / "versions.json").is_file(), f"TRADESITE_TEST_SITE={reuse}: no versioned site there"
        return root
    return versions.build_all(tmp_path_factory.mktemp("build") / "site", base=site_base)


@pytest.fixture(scope="session")
def base_url(site_root, site_base) -> str:
    """The served site's root URL, e.g. http://127.0.0.1:41234/."""
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



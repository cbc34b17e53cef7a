"""Debian's chromium driven by playwright (never ``playwright install``: no browser download),
over the session's versioned site (tests/conftest.py: built once per session and served on
127.0.0.1 by a process of its own, site_server.py, read by every pytest-xdist worker).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

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


class Contexts:
    """The worker's browser contexts, one per set of options (colour scheme, viewport, touch),
    made when first asked for. A test opens a page of its own in one (:meth:`page`): its own
    listeners, routes, console and session storage; the site's local storage (Material's stored
    palette, a reader's choices) and cookies are cleared once it is done, so no test starts from
    another's state. The HTTP cache is shared, as a reader's browser shares it between pages. A new
    context per test cost chromium about 1 CPU-s more a test (a renderer and its caches started
    cold), a third of the browser tests' time on CI (issue 22); a test that measures a first visit
    (script bytes before any interaction) still makes a context of its own."""

    def __init__(self, browser, origin: str):
        self.browser, self.origin, self.made = browser, origin, {}

    def get(self, **options):
        key = json.dumps(options, sort_keys=True)
        if key not in self.made:
            self.made[key] = self.browser.new_context(**options)
        return self.made[key]

    @contextlib.contextmanager
    def page(self, **options):
        context = self.get(**options)
        pg = context.new_page()
        try:
            yield pg
        finally:
            cdp = context.new_cdp_session(pg)
            try:
                cdp.send("Storage.clearDataForOrigin", {"origin": self.origin, "storageTypes": "all"})
            finally:
                cdp.detach()
            context.clear_cookies()
            pg.close()

    def close(self) -> None:
        for context in self.made.values():
            context.close()


@pytest.fixture(scope="session")
def contexts(browser, site_base):
    """The worker's :class:`Contexts` (``with contexts.page(color_scheme="dark", viewport=...) as page``)."""
    parts = urlsplit(site_base)
    made = Contexts(browser, f"{parts.scheme}://{parts.netloc}")
    yield made
    made.close()


#: The options of the ``page`` fixture's context.
PAGE = {"color_scheme": "light", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def page(contexts):
    """A light-scheme page with no stored palette or choice (:class:`Contexts`) that records
    console errors and the URLs it requests (``page.requests``)."""
    with contexts.page(**PAGE) as pg:
        pg.console = Console(pg)
        pg.requests = []
        pg.on("request", lambda r: pg.requests.append(r.url))
        yield pg

"""Shared fixtures: the official files in ../shared/data and the committed tables."""

from __future__ import annotations

import json
import os
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.browser import site_server
from tradesite import paths
from tradesite.settings import Settings
from tradesite.site.versioned import serve, versions

# The tests read the checkout's defaults as the CLI would read them: with the environment's
# overrides (TRADESITE_SHARED on a clean clone, TRADESITE_DATA), read once here like at any edge.
_settings = Settings.from_env()
paths.DATA, paths.SHARED, paths.CACHE = _settings.data, _settings.shared, _settings.cache
paths.RAW, paths.TRANSCRIBED = _settings.raw, _settings.transcribed


@pytest.fixture(scope="session")
def raw() -> Path:
    """../shared/data/raw: the official files, read-only."""
    assert paths.RAW.is_dir(), f"{paths.RAW} is missing: the tests read the official files from ../shared/data"
    return paths.RAW


@pytest.fixture(scope="session")
def data() -> Path:
    return paths.DATA


@pytest.fixture(scope="session")
def read_official():
    """``read_official(release, path)``: an official file read once per test session, whichever
    worker asks (tests/official.py), shared by the reader tests."""
    from tests import official

    return official.read


#: What only the team's copy of ../shared/data has: the transcribed headlines (not a downloadable
#: file) and its own SHA256SUMS. GitHub's CI fetches the raw official files instead (`tradesite
#: fetch-committed`, also run by .ci/run where ../shared/data is absent); the committed
#: data/SHA256SUMS is checked there as everywhere (tests/test_provenance.py).
SHARED_ONLY = [paths.TRANSCRIBED / "2024-12" / "headlines.csv", paths.SHARED / "SHA256SUMS"]


#: The session fixtures of the whole versioned site (tests/browser/conftest.py): built once per
#: session by a process of its own (tests/browser/site_server.py) and read by every worker.
VERSIONED_SITE = {"site_root", "base_url", "site_pages", "site_base"}


def pytest_configure(config):
    """The controller (or the only process, without pytest-xdist) makes the session's folder, for
    the versioned site and the official files' reads; each xdist worker is given it
    (pytest_configure_node)."""
    if not hasattr(config, "workerinput"):
        import tempfile

        config._tradesite_site_folder = tempfile.mkdtemp(prefix="tradesite-test-site-")
    from tests import session

    session.FOLDER = site_server.folder_of(config)  # what the workers make once and share (tests/session.py)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    node.workerinput[site_server.FOLDER_KEY] = node.config._tradesite_site_folder
    node.workerinput[site_server.CONTROLLER_KEY] = os.getpid()


def pytest_unconfigure(config):
    """The controller stops the site's server and removes its folder, once every worker is done."""
    if hasattr(config, "workerinput") or not hasattr(config, "_tradesite_site_folder"):
        return
    import shutil

    folder = Path(config._tradesite_site_folder)
    site_server.stop(folder)
    shutil.rmtree(folder, ignore_errors=True)


def _needs_site(item) -> bool:
    return bool(VERSIONED_SITE & set(item.fixturenames))


def _shares_a_module_fixture(item) -> bool:
    """Whether the test uses a fixture made once per module or class: such tests stay in one worker
    so it is made once; every other test goes to whichever worker is free (no long tail)."""
    defs = getattr(item, "_fixtureinfo", None)
    return bool(defs) and any(
        d.scope in ("module", "class", "package") for group in defs.name2fixturedefs.values() for d in group
    )


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(config, items):
    """Three things at collection. (1) The files with a test of the versioned site go last (in
    that order: pyproject's --no-loadscope-reorder), and
    the first process to collect one starts building that site in a process of its own
    (tests/browser/site_server.py), so that the build runs beside the tests that need no site.
    (2) Under pytest-xdist (`-n auto --dist loadgroup`, pyproject's addopts) the tests of a file
    that share a module fixture stay in one worker, so it is made once; the others go to any worker. (3) Tests marked ``shared_only``
    skip, saying why, where those files are absent; with ../shared/data in place (a developer's
    machine, .ci/run) they run like every other test."""
    site_files = {item.nodeid.split("::")[0] for item in items if _needs_site(item)}
    grouped = {item.nodeid.split("::")[0] for item in items if _shares_a_module_fixture(item)}
    size: dict[str, int] = {}
    for item in items:
        size[item.nodeid.split("::")[0]] = size.get(item.nodeid.split("::")[0], 0) + 1

    def order(item) -> tuple[bool, int]:
        """The site's files after the others (xdist keeps this order: --no-loadscope-reorder, so
        that no worker waits for the site while others could run); within each part, the files
        run whole by one worker largest first, so that none of them is a long tail at the end."""
        file = item.nodeid.split("::")[0]
        return file in site_files, -size[file] if file in grouped else 0

    items.sort(key=order)  # stable: files stay whole
    for item in items:
        if item.nodeid.split("::")[0] in grouped:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
    if site_files and not site_server.reused():
        site_server.start(site_server.folder_of(config), site_server.controller_of(config))
    missing = [str(p) for p in SHARED_ONLY if not p.is_file()]
    if not missing:
        return
    skip = pytest.mark.skip(reason=f"needs {', '.join(missing)}, which only ../shared/data has")
    for item in items:
        if "shared_only" in item.keywords:
            item.add_marker(skip)


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the reviewed golden pages in tests/site/golden/ (review the diff before committing)",
    )


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    """True when golden files may be rewritten: `pytest --update-golden` or TRADESITE_UPDATE_GOLDEN=1."""
    import os

    return bool(request.config.getoption("--update-golden")) or os.environ.get("TRADESITE_UPDATE_GOLDEN") == "1"


def write_xls(xlsx: Path, out: Path) -> Path:
    """An .xls (Excel 97-2003) copy of an official .xlsx workbook's first sheet: values, cell
    indent and bold, which is what the Census reader reads. Census's archive serves older
    years as .xls and ../shared/data holds none, so the tests make their own (named
    ``*made_for_test*``) from the official files, in a temporary folder."""
    import openpyxl
    import xlwt

    ws = openpyxl.load_workbook(xlsx, data_only=True, keep_links=False).worksheets[0]
    book = xlwt.Workbook()
    sheet = book.add_sheet(ws.title)
    styles: dict = {}
    for row in ws.iter_rows():
        for c in row:
            indent, bold = int(c.alignment.indent or 0), bool(c.font.b)
            if c.value is None and not indent and not bold:
                continue
            key = (indent, bold, hasattr(c.value, "year"))
            if key not in styles:
                style = xlwt.XFStyle()
                style.alignment.inde = indent
                style.font.bold = bold
                if key[2]:
                    style.num_format_str = "yyyy-mm-dd"
                styles[key] = style
            sheet.write(c.row - 1, c.column - 1, c.value, styles[key])
    book.save(str(out))
    return out


@pytest.fixture(scope="session")
def xls_made_for_test():
    """:func:`write_xls`, for tests that need an .xls workbook."""
    return write_xls


@pytest.fixture(scope="session")
def cat():
    """Every series of the committed releases (report.series.build over the catalogue): built once
    per session, shared by the report and explorer tests (read only)."""
    from tests import session
    from tradesite.report import series
    from tradesite.report.catalog import Catalog

    return session.kept("series.build(Catalog())", lambda: series.build(Catalog()))  # 4 s, once for both workers


@pytest.fixture(scope="session")
def points(cat):
    """Every series' values in change-point form (report.vintages.change_points)."""
    from tradesite.report import vintages

    return vintages.change_points(cat.observations)


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


# The whole versioned site of the session (built and served by tests/browser/site_server.py): for
# the browser tests and for the tests of tests/site that read what it publishes.

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
        prefix = versions.version_site_url(release, folder == versions.LATEST, site_base)  # the newest's folder: its own
        tree = ET.parse(site_root / folder / "sitemap.xml")
        locs = [e.text for e in tree.findall(".//s:loc", SITEMAP_NS)]
        assert all(loc.startswith(prefix) for loc in locs), f"{folder}/sitemap.xml: expected URLs under {prefix}"
        out[folder] = [loc[len(prefix):] for loc in locs]
    return out

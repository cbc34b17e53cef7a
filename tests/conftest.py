"""Shared fixtures: the official files in ../shared/data and the committed tables."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tradesite import paths
from tradesite.settings import Settings

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
    from tests.browser import site_server

    session.FOLDER = site_server.folder_of(config)  # what the workers make once and share (tests/session.py)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    from tests.browser import site_server

    node.workerinput[site_server.FOLDER_KEY] = node.config._tradesite_site_folder
    node.workerinput[site_server.CONTROLLER_KEY] = os.getpid()


def pytest_unconfigure(config):
    """The controller stops the site's server and removes its folder, once every worker is done."""
    if hasattr(config, "workerinput") or not hasattr(config, "_tradesite_site_folder"):
        return
    import shutil

    from tests.browser import site_server

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
    """Three things at collection. (1) The files with a test of the versioned site go last, and
    the first process to collect one starts building that site in a process of its own
    (tests/browser/site_server.py), so that the build runs beside the tests that need no site.
    (2) Under pytest-xdist (`-n auto --dist loadgroup`, pyproject's addopts) the tests of a file
    that share a module fixture stay in one worker, so it is made once; the others go to any worker. (3) Tests marked ``shared_only``
    skip, saying why, where those files are absent; with ../shared/data in place (a developer's
    machine, .ci/run) they run like every other test."""
    site_files = {item.nodeid.split("::")[0] for item in items if _needs_site(item)}
    items.sort(key=lambda item: item.nodeid.split("::")[0] in site_files)  # stable: files stay whole
    for item in items:
        if _shares_a_module_fixture(item):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
    from tests.browser import site_server

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

    ws = openpyxl.load_workbook(xlsx, data_only=True).worksheets[0]
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
    from tradesite.report import series
    from tradesite.report.catalog import Catalog

    return series.build(Catalog())


@pytest.fixture(scope="session")
def points(cat):
    """Every series' values in change-point form (report.vintages.change_points)."""
    from tradesite.report import vintages

    return vintages.change_points(cat.observations)

"""Shared fixtures: the official files in ../shared/data and the committed tables."""

from __future__ import annotations

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
    """``read_official(release, path)``: an official file read once per test session (readers are
    pure: the same file gives the same result), shared by the reader tests."""
    from functools import lru_cache

    from tradesite import readers

    @lru_cache(maxsize=None)
    def read(release: str, path: Path) -> readers.ReadResult:
        return readers.read(Path(path), release)

    return read


#: What only the team's copy of ../shared/data has: the transcribed headlines (not a downloadable
#: file) and its own SHA256SUMS. GitHub's CI fetches the raw official files instead (`tradesite
#: fetch-committed`, also run by .ci/run where ../shared/data is absent); the committed
#: data/SHA256SUMS is checked there as everywhere (tests/test_provenance.py).
SHARED_ONLY = [paths.TRANSCRIBED / "2024-12" / "headlines.csv", paths.SHARED / "SHA256SUMS"]


#: The session fixtures of the whole versioned site (tests/browser/conftest.py): the tests that use
#: them run in one pytest-xdist worker, so the site is built once per session.
VERSIONED_SITE = {"site_root", "base_url", "site_pages"}


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(config, items):
    """Two things at collection. (1) Under pytest-xdist (`-n auto --dist loadgroup`, pyproject's
    addopts) the tests of one file stay in one worker, so its module fixtures are made once, and
    every test of the versioned site goes to the same worker, so that site is built once.
    (2) Tests marked ``shared_only`` skip, saying why, where those files are absent; with
    ../shared/data in place (a developer's machine, .ci/run) they run like every other test."""
    for item in items:
        group = "versioned-site" if VERSIONED_SITE & set(item.fixturenames) else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))
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

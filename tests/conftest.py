"""Shared fixtures: the official files in ../shared/data and the committed tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradesite import paths


@pytest.fixture(scope="session")
def raw() -> Path:
    """../shared/data/raw: the official files, read-only."""
    assert paths.RAW.is_dir(), f"{paths.RAW} is missing: the tests read the official files from ../shared/data"
    return paths.RAW


@pytest.fixture(scope="session")
def data() -> Path:
    return paths.DATA


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

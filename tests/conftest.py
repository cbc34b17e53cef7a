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

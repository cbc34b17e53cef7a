"""Fixtures of the fetcher's tests: the official files on a local server (fetch_server.py)."""

from __future__ import annotations

import pytest
from fetch_server import BEA_PATH, BEA_PUBLISHED, CENSUS_PATH, start, stop


@pytest.fixture(scope="module")
def server(raw):
    s = start(raw)
    yield s
    stop(s)


@pytest.fixture
def official(server, monkeypatch):
    """The local server as census.gov and bea.gov, with no fault set."""
    server.faults.clear()
    server.replaced.clear()
    server.hits.clear()
    server.requests.clear()
    server.bea_published = dict(BEA_PUBLISHED)
    server.slow_seconds, server.drip_seconds = 1.0, 1.5
    monkeypatch.setenv("TRADESITE_CENSUS_BASE", server.base + CENSUS_PATH)
    monkeypatch.setenv("TRADESITE_BEA_BASE", server.base + BEA_PATH)
    for env in ("TRADESITE_FETCH_FILE_DEADLINE", "TRADESITE_FETCH_DEADLINE"):
        monkeypatch.delenv(env, raising=False)
    return server

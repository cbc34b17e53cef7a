"""Fixtures of the fetcher's tests: the official files on a local server (fetch_server.py)."""

from __future__ import annotations

import pytest
from fetch_server import BEA_PATH, BEA_PUBLISHED, CENSUS_PATH, FAST, start, stop

from tradesite.settings import Settings
from tradesite.sources import Hosts


@pytest.fixture(scope="module")
def server(raw):
    s = start(raw)
    yield s
    stop(s)


@pytest.fixture
def official(server, monkeypatch):
    """The local server as census.gov and bea.gov, with no fault set: ``official.settings`` (also
    in ``FAST``) for the library, the environment for the command line (which reads it once)."""
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
    server.settings = Settings(hosts=Hosts(server.base + CENSUS_PATH, server.base + BEA_PATH))
    monkeypatch.setitem(FAST, "settings", server.settings)  # every fetch of the test asks the local server
    return server

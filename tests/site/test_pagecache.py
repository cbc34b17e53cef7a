"""The page cache keys a release's generated files by every input: change one, and the build
generates the pages again."""

from __future__ import annotations

import shutil

import pytest

from tradesite import paths
from tradesite.site.release import pagecache


@pytest.fixture
def data(tmp_path, monkeypatch):
    """Two committed releases copied (a test's own data folder), the cache in a temporary place."""
    root = tmp_path / "releases"
    for rid in ("2025-11", "2025-12"):
        shutil.copytree(paths.DATA / rid, root / rid)
    monkeypatch.setattr(paths, "DATA", root)
    monkeypatch.setattr(pagecache, "CACHE", tmp_path / "cache")
    monkeypatch.delenv("TRADESITE_SITE_RELEASES", raising=False)
    return root


def test_a_changed_input_is_a_new_key(data, monkeypatch):
    first = pagecache.key("2025-12")
    assert pagecache.key("2025-12") == first and pagecache.key("2025-11") != first
    csv = next((data / "2025-11").glob("*.csv"))  # another release's table: the matrix of every release reads it
    csv.write_bytes(csv.read_bytes() + b"\n")
    second = pagecache.key("2025-12")
    assert second != first
    monkeypatch.setenv("TRADESITE_SITE_RELEASES", "2025-12")
    assert pagecache.key("2025-12") not in (first, second)


def test_stored_pages_come_back_for_the_same_inputs_only(data):
    made, digest = pagecache.load("2025-12")
    assert made is None
    pagecache.store("2025-12", digest, {"files": {"index.md": "# Home\n"}, "nav": [], "outdated": False})
    assert pagecache.load("2025-12") == ({"files": {"index.md": "# Home\n"}, "nav": [], "outdated": False}, digest)
    (data / "2025-12" / "release.json").write_text("{}", encoding="utf-8")
    made, newer = pagecache.load("2025-12")
    assert made is None and newer != digest
    pagecache.store("2025-12", newer, {"files": {}, "nav": [], "outdated": False})
    assert len(list(pagecache.CACHE.glob("2025-12-*.pickle"))) == 1  # the older entry is dropped


def test_default_release_is_the_newest_of_the_site(data, monkeypatch):
    assert pagecache.default_release() == "2025-12"
    monkeypatch.setenv("TRADESITE_SITE_RELEASES", "2025-11")
    assert pagecache.default_release() == "2025-11"

"""The page cache keys a release's generated files by every input: change one, and the build
generates the pages again."""

from __future__ import annotations

import shutil

import pytest

from tradesite import paths
from tradesite.settings import Settings
from tradesite.site.release import pagecache


@pytest.fixture
def settings(tmp_path):
    """Two committed releases copied (a test's own data folder), the cache in a temporary place."""
    root = tmp_path / "releases"
    for rid in ("2025-11", "2025-12"):
        shutil.copytree(paths.DATA / rid, root / rid)
    return Settings(data=root, pages_cache=tmp_path / "cache")


def test_a_changed_input_is_a_new_key(settings):
    first = pagecache.key("2025-12", settings)
    assert pagecache.key("2025-12", settings) == first and pagecache.key("2025-11", settings) != first
    csv = next((settings.data / "2025-11").glob("*.csv"))  # another release's table: the matrix of every release reads it
    csv.write_bytes(csv.read_bytes() + b"\n")
    second = pagecache.key("2025-12", settings)
    assert second != first
    assert pagecache.key("2025-12", settings.but(releases=("2025-12",))) not in (first, second)
    assert pagecache.key("2025-12", settings.but(site_url="https://example.org/trade/2025-12/")) not in (first, second)


def test_stored_pages_come_back_for_the_same_inputs_only(settings):
    made, digest = pagecache.load("2025-12", settings)
    assert made is None
    pagecache.store("2025-12", digest, {"files": {"index.md": "# Home\n"}, "nav": [], "outdated": False}, settings)
    assert pagecache.load("2025-12", settings) == ({"files": {"index.md": "# Home\n"}, "nav": [], "outdated": False}, digest)
    (settings.data / "2025-12" / "release.json").write_text("{}", encoding="utf-8")
    made, newer = pagecache.load("2025-12", settings)
    assert made is None and newer != digest
    pagecache.store("2025-12", newer, {"files": {}, "nav": [], "outdated": False}, settings)
    assert len(list(settings.pages_cache.glob("2025-12-*.pickle"))) == 1  # the older entry is dropped


def test_default_release_is_the_newest_of_the_site(settings):
    assert pagecache.default_release(settings) == "2025-12"
    assert pagecache.default_release(settings.but(releases=("2025-11",))) == "2025-11"

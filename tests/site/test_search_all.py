"""search-all.json, the index of every release, from real search indexes: two releases built
with mkdocs (March 2025, the most complete, and March 2021, one exhibit) stand in for the
versioned site; build_all and publish write it (mike, on a stand-in builder that copies them)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from tradesite import releases
from tradesite.site import search_all, versions

pytestmark = pytest.mark.slow

IDS = ["2025-03", "2021-03"]  # newest first, as the index lists them


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """release id -> its single-release site, built with mkdocs (Material's own search index)."""
    missing = [r for r in IDS if r not in releases.bundled()]
    if missing:
        pytest.skip(f"needs the releases {', '.join(missing)} ingested")
    tmp = tmp_path_factory.mktemp("releases")
    with ThreadPoolExecutor(max_workers=2) as pool:
        dirs = pool.map(lambda r: versions.build_release_dir(r, tmp / r, newest=r == IDS[0]), IDS)
    return dict(zip(IDS, dirs))


def source(built, release) -> dict:
    return json.loads((built[release] / search_all.INDEX).read_text(encoding="utf-8"))


@pytest.fixture
def site(tmp_path, built):
    """A versioned site's root as mike leaves it: versions.json, a folder per version and
    ``latest``, here with a broken index that must not be read (it is an alias, not a version)."""
    root = tmp_path / "site"
    for r, folder in built.items():
        shutil.copytree(folder / "search", root / r / "search")
    (root / "latest" / "search").mkdir(parents=True)
    (root / "latest" / search_all.INDEX).write_text("not read: latest is an alias", encoding="utf-8")
    listing = [{"version": r, "title": releases.month_name(r), "aliases": ["latest"] if r == IDS[0] else []} for r in IDS]
    (root / search_all.VERSIONS).write_text(json.dumps(listing), encoding="utf-8")
    return root


def test_every_version_s_index_goes_in_once_labelled_by_release(site, built):
    index = json.loads(search_all.write(site).read_text(encoding="utf-8"))
    assert index["releases"] == [{"id": "2025-03", "month": "March 2025"}, {"id": "2021-03", "month": "March 2021"}]
    assert index["config"] == source(built, "2025-03")["config"]  # Material's separator and fields: the same search
    for n, r in enumerate(IDS):
        locations = [d[1] for d in index["docs"] if d[0] == n]
        assert locations == [d["location"] for d in source(built, r)["docs"]], r  # every entry, in the version's order
    assert len({(d[0], d[1]) for d in index["docs"]}) == len(index["docs"])


def test_entries_are_plain_text_in_the_release_s_own_words(site, built):
    index = json.loads(search_all.write(site).read_text(encoding="utf-8"))
    for release, location, title, text, *boost in index["docs"]:
        where = f"{IDS[release]}/{location}"
        assert not re.search(r"</?[a-z][a-z0-9]*[ />]", title + text), f"{where}: markup left in {text[:80]!r}"
        assert not re.search(r"&(?:[a-z]+|#\d+);", title + text), f"{where}: an HTML entity left in {text[:80]!r}"
    home = next(d for d in index["docs"] if d[:2] == [0, ""])
    # trad0325.pdf page 1: "The goods and services deficit was $140.5 billion in March, up $17.3 billion ..."
    assert "The goods and services deficit was $140.5 billion in March, up $17.3 billion from $123.2 billion in February" in home[3]
    boosted = {d["location"]: d["boost"] for d in source(built, "2025-03")["docs"] if d.get("boost")}
    assert {d[1]: d[4] for d in index["docs"] if d[0] == 0 and len(d) == 5} == boosted  # search boosts kept


def test_it_is_smaller_than_the_indexes_it_is_made_of(site, built):
    written = search_all.write(site).stat().st_size
    sources = sum((built[r] / search_all.INDEX).stat().st_size for r in IDS)
    assert written < sources, f"search-all.json {written:,} bytes, the versions' own indexes {sources:,}"


def test_plain_strips_tags_and_decodes_entities_into_text_never_markup():
    fixture = "<p>Exports of <code>goods</code> &amp; services</p><ul><li>Canada</li><li>Mexico</li></ul>"
    assert search_all.plain(fixture) == "Exports of goods & services Canada Mexico"
    # escaped text in Material's index stays text: the client writes it with textContent
    assert search_all.plain("<p>a &lt;img src=x onerror=alert(1)&gt; b</p>") == "a <img src=x onerror=alert(1)> b"
    assert search_all.plain("<td>1.5</td><td>2.0</td>") == "1.5 2.0"


def test_a_missing_version_index_is_named(site):
    (site / "2021-03" / search_all.INDEX).unlink()
    with pytest.raises(versions.TradesiteError, match=r"2021-03/search/search_index\.json: missing; every version's search index"):
        search_all.write(site)
    assert not (site / search_all.NAME).exists()  # nothing half-written


def test_a_version_that_is_not_a_release_is_refused(site):
    listing = json.loads((site / search_all.VERSIONS).read_text())
    (site / search_all.VERSIONS).write_text(json.dumps(listing + [{"version": "dev", "aliases": []}]))
    with pytest.raises(versions.TradesiteError, match=r"versions\.json: version 'dev' is not a release; expected the month as YYYY-MM"):
        search_all.write(site)


# -- written by build_all and by publish (mike), the mkdocs builds replaced by copies ------


@pytest.fixture
def copying_builder(monkeypatch, built):
    def build(release, out, newest, base=None, env=None):
        return shutil.copytree(built[release], out)

    monkeypatch.setattr(versions, "build_release_dir", build)


def git(repo, *args) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def releases_in(index_text: str) -> list[str]:
    index = json.loads(index_text)
    return sorted({index["releases"][d[0]]["id"] for d in index["docs"]}, reverse=True)


def test_build_all_writes_it_at_the_root(tmp_path, copying_builder):
    out = versions.build_all(tmp_path / "site", releases=IDS)
    assert releases_in((out / search_all.NAME).read_text(encoding="utf-8")) == IDS


def test_publish_refreshes_it_on_gh_pages(tmp_path, copying_builder):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    repo = versions.scratch_repo(tmp_path / "checkout")
    git(repo, "remote", "add", "origin", str(remote))
    versions.publish("2021-03", repo=repo)
    assert releases_in(git(remote, "show", f"gh-pages:{search_all.NAME}")) == ["2021-03"]
    versions.publish("2025-03", repo=repo)
    assert releases_in(git(remote, "show", f"gh-pages:{search_all.NAME}")) == IDS

"""The index of every release (Pagefind, /pagefind/), from real search indexes: two versions of the
session's versioned site (March 2025, the most complete, and March 2021, one exhibit) stand in for
the whole; build_all and publish write it (mike, on a stand-in builder that copies them).
Queries in a browser: tests/browser/test_search_all.py."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess

import pytest

from tradesite import releases
from tradesite.periods import month_year
from tradesite.site.versioned import search_all, versions

pytestmark = pytest.mark.slow

IDS = ["2025-03", "2021-03"]  # newest first, as the index lists them


@pytest.fixture(scope="module")
def built(site_root):
    """release id -> its version in the session's versioned site (Material's own search index), read only here."""
    missing = [r for r in IDS if r not in releases.bundled()]
    assert not missing, f"needs the releases {', '.join(missing)} ingested"
    return {r: site_root / r for r in IDS}


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
    listing = [{"version": r, "title": month_year(r), "aliases": ["latest"] if r == IDS[0] else []} for r in IDS]
    (root / search_all.VERSIONS).write_text(json.dumps(listing), encoding="utf-8")
    return root


def fragments(root) -> list[dict]:
    """Pagefind's fragments (one a page): its URL, meta data, filters and text."""
    out = []
    for f in sorted((root / search_all.PAGEFIND / "fragment").glob("*.pf_fragment")):
        text = gzip.decompress(f.read_bytes()).decode("utf-8")  # a signature, then JSON
        out.append(json.loads(text[text.index("{"):]))
    return out


def test_every_version_s_pages_go_in_once_labelled_by_release(site, built):
    search_all.write(site)
    got = fragments(site)
    for r in IDS:
        pages = {d["location"].split("#")[0] for d in source(built, r)["docs"]}
        mine = [f for f in got if f["url"].startswith(f"/{r}/")]
        indexed = {f["url"][len(f"/{r}/"):] for f in mine if "href" not in f["meta"]}
        assert indexed == pages, r  # every page of the version, once (latest, an alias, is not read)
        # a long page's sections are pages of the index of their own, each leading to its anchor there
        for f in mine:
            if "href" in f["meta"]:
                page = f["meta"]["href"].split("#")[0]
                assert f["url"].startswith(f"/{page}section-") and page[len(f"{r}/"):] in pages, f["url"]
    assert not any(f["url"].startswith("/latest/") for f in got)
    march = [f for f in got if f["url"].startswith("/2025-03/")]
    assert {f["meta"]["release"] for f in march} == {"March 2025"}
    assert all(f["filters"]["release"] == ["March 2025"] and f["filters"]["kind"] == ["chapter"] for f in march)


def test_sections_are_sub_results_and_texts_the_release_s_own_words(site, built):
    search_all.write(site)
    home = next(f for f in fragments(site) if f["url"] == "/2025-03/")
    # trad0325.pdf page 1: "The goods and services deficit was $140.5 billion in March, up $17.3 billion ..."
    assert "The goods and services deficit was $140.5 billion in March, up $17.3 billion from $123.2 billion" in home["content"]
    docs = source(built, "2025-03")["docs"]
    expected = {d["location"].split("#")[1] for d in docs if d["location"].startswith("notes/#")}
    # the notes (about 42,000 characters): one index page a section, leading to its anchor, so that
    # a result fetches its section's text only
    assert sum(len(d["text"]) for d in docs if d["location"].startswith("notes/")) > search_all.SPLIT_OVER
    parts = [f for f in fragments(site) if f["url"].startswith("/2025-03/notes/section-")]
    assert {f["meta"]["href"].split("#")[1] for f in parts} == expected
    assert all(f["meta"]["title"].startswith("Revisions and methodology notes › ") and " › " in f["meta"]["title"] for f in parts), parts[0]["meta"]
    assert not any(f["content"].startswith("Revisions and methodology notes") for f in parts)  # its text, not the title again
    longest = max(len(d["text"]) for d in docs if d["location"].startswith("notes/#"))
    assert max(len(f["content"]) for f in parts) <= longest + 200
    # a short page keeps its sections as sub-results (Pagefind's anchors)
    whole = [f for f in fragments(site) if f["url"].startswith("/2025-03/") and "section-" not in f["url"]]
    assert any(len(f["anchors"]) > 1 for f in whole)


def test_a_page_is_text_for_pagefind_never_markup():
    hostile = "<img src=x onerror=alert(1)>\"'</script><script>alert(2)</script>"
    page = search_all.Page("2025-03/x/", "March 2025", "chapter",
                           [search_all.Record("2025-03/x/", hostile, hostile),
                            search_all.Record(f"2025-03/x/#a{hostile}", hostile, hostile)])
    html = page.html()
    assert "<img" not in html and "<script>alert" not in html and "&lt;img src=x" in html


def test_series_are_in_it_the_main_lines_weighing_more():
    listing = {"series": [
        {"id": "goods-imports-china-census-nsa-monthly", "title": "Goods imports from China, Census basis, not seasonally "
         "adjusted, monthly", "line": ["Goods"], "partner": "China", "flow": "imports", "unit": "millions of dollars",
         "frequency": "monthly", "page": "series/goods-imports-china-census-nsa-monthly/"},
        {"id": "x", "title": "Chinaware imports", "line": ["Goods", "Consumer goods", "Chinaware"], "partner": None,
         "flow": "imports", "unit": "millions of dollars", "frequency": "monthly", "page": "series/x/"}]}
    main, other = search_all.series_pages(listing)
    assert (main.weight, other.weight) == (3.0, 1.0)
    assert main.release == "Series explorer" and main.kind == "series" and "China" in main.sections[0].content


def test_plain_strips_tags_and_decodes_entities_into_text_never_markup():
    fixture = "<p>Exports of <code>goods</code> &amp; services</p><ul><li>Canada</li><li>Mexico</li></ul>"
    assert search_all.plain(fixture) == "Exports of goods & services Canada Mexico"
    # escaped text in Material's index stays text: the page for Pagefind escapes it again
    assert search_all.plain("<p>a &lt;img src=x onerror=alert(1)&gt; b</p>") == "a <img src=x onerror=alert(1)> b"
    assert search_all.plain("<td>1.5</td><td>2.0</td>") == "1.5 2.0"


def test_a_missing_version_index_is_named(site):
    (site / "2021-03" / search_all.INDEX).unlink()
    with pytest.raises(versions.TradesiteError, match=r"2021-03/search/search_index\.json: missing; every version's search index"):
        search_all.write(site)
    assert not (site / search_all.PAGEFIND).exists()  # nothing half-written


def test_a_version_that_is_not_a_release_is_refused(site):
    listing = json.loads((site / search_all.VERSIONS).read_text())
    (site / search_all.VERSIONS).write_text(json.dumps(listing + [{"version": "dev", "aliases": []}]))
    with pytest.raises(versions.TradesiteError, match=r"versions\.json: version 'dev' is not a release; expected the month as YYYY-MM"):
        search_all.write(site)


# -- written by build_all and by publish (mike), the mkdocs builds replaced by copies ------


@pytest.fixture
def copying_builder(monkeypatch, built):
    def build(release, out, newest, base=None, env=None, static=None, settings=None):
        shutil.copytree(built[release], out)
        if newest:  # as a build for /latest/ writes it (the session's site built this one for its own folder)
            sitemap = out / "sitemap.xml"
            latest = versions.version_site_url(release, True, base)
            sitemap.write_text(re.sub(rf"<loc>[^<]*/{release}/", f"<loc>{latest}", sitemap.read_text(encoding="utf-8")), encoding="utf-8")
        return out

    monkeypatch.setattr(versions, "build_release_dir", build)
    monkeypatch.setattr(versions, "root_data", lambda *a, **k: None)
    monkeypatch.setattr(versions, "build_explorer", lambda *a, **k: None)  # tests/site/test_explorer.py builds it
    monkeypatch.setattr(versions, "commit_explorer", lambda *a, **k: None)


def git(repo, *args) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def releases_in(root) -> list[str]:
    return sorted({f["url"].split("/")[1] for f in fragments(root) if f["filters"]["kind"] == ["chapter"]}, reverse=True)


def test_build_all_writes_it_at_the_root(tmp_path, copying_builder):
    out = versions.build_all(tmp_path / "site", releases=IDS)
    assert releases_in(out) == IDS


def test_publish_refreshes_it_on_gh_pages(tmp_path, copying_builder):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    repo = versions.scratch_repo(tmp_path / "checkout")
    git(repo, "remote", "add", "origin", str(remote))
    versions.publish("2021-03", repo=repo)
    exported = versions.export(remote, tmp_path / "one")
    assert releases_in(exported) == ["2021-03"]
    versions.publish("2025-03", repo=repo)
    assert releases_in(versions.export(remote, tmp_path / "two")) == IDS

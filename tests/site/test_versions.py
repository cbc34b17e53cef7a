"""The versioned site: the mike orchestration (scratch repository, versions, ``latest``,
root redirect, publishing) on a stand-in builder so that it runs in seconds; the real
mkdocs builds are exercised by tests/browser."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tradesite import paths, releases
from tradesite.report.catalog import SITE_RELEASES_ENV
from tradesite.site import versions


def test_site_urls_send_the_newest_to_latest(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/trade")
    assert versions.site_url() == "https://example.org/trade/"
    assert versions.version_site_url("2021-08", newest=False) == "https://example.org/trade/2021-08/"
    assert versions.version_site_url("2026-01", newest=True) == "https://example.org/trade/latest/"


# -- mike orchestration, on a stand-in builder ------------------------------------------


@pytest.fixture
def fake_builder_for_test(monkeypatch):
    """Replaces the mkdocs build by a three-file site naming the release and its site_url;
    returns the environment each release was built with."""
    built_with: dict[str, dict] = {}

    def build(release, out, newest, base=None, env=None, static=None):
        built_with[release] = dict(env or {})
        out.mkdir(parents=True)
        url = versions.version_site_url(release, newest, base)
        (out / "index.html").write_text(f"<h1>{release}</h1><link rel=canonical href='{url}'>", encoding="utf-8")
        (out / "sitemap.xml").write_text(f"<urlset><url><loc>{url}</loc></url></urlset>", encoding="utf-8")
        (out / "search").mkdir()  # a stand-in of Material's search index, for the index of every release
        stand_in = {"config": {"lang": ["en"]}, "docs": [{"location": "", "title": f"Stand-in {release}", "text": ""}]}
        (out / "search" / "search_index.json").write_text(json.dumps(stand_in), encoding="utf-8")
        return out

    monkeypatch.setattr(versions, "build_release_dir", build)
    # the site's root (a real MkDocs build, tests/site/test_explorer.py) recorded only
    monkeypatch.setattr(versions, "build_explorer", lambda out, ids, base=None, **kw: built_with.setdefault("explorer", {"ids": ids}))
    monkeypatch.setattr(versions, "commit_explorer", lambda repo, branch, ids, base=None: built_with.setdefault("explorer", {"ids": ids}))
    # what later releases revised (every chapter of every release built, tests/site/test_revised_since.py) recorded only
    monkeypatch.setattr(versions.revised_since, "write", lambda out, ids: built_with.setdefault("revised", {"ids": ids}))
    monkeypatch.setattr(versions.revised_since, "commit", lambda repo, branch, ids: built_with.setdefault("revised", {"ids": ids}))
    return built_with


def git(repo, *args) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def test_build_all_makes_one_mike_version_per_release(tmp_path, fake_builder_for_test, monkeypatch):
    head_before = git(paths.ROOT, "rev-parse", "HEAD")
    branches_before = git(paths.ROOT, "branch", "--list")
    out = versions.build_all(tmp_path / "site", releases=["2021-08", "2021-03", "2025-03"])
    got = json.loads((out / "versions.json").read_text())
    assert [(v["version"], v["title"], v["aliases"]) for v in got] == [
        ("2025-03", "March 2025", ["latest"]),
        ("2021-08", "August 2021", []),
        ("2021-03", "March 2021", []),
    ]
    assert "<h1>2025-03</h1>" in (out / "latest" / "index.html").read_text()  # latest: a copy, not a symlink
    assert not (out / "latest").is_symlink()
    assert "latest/" in (out / "index.html").read_text()  # the root redirects to latest
    assert "/latest/" in (out / "2025-03" / "index.html").read_text()  # the newest's canonical home
    assert "/2021-08/" in (out / "2021-08" / "index.html").read_text()
    # the user's checkout is untouched: same HEAD, no gh-pages branch made there
    assert git(paths.ROOT, "rev-parse", "HEAD") == head_before
    assert git(paths.ROOT, "branch", "--list") == branches_before
    # each release's build is told which releases the site has (its links to the nearest releases)
    explorer = fake_builder_for_test.pop("explorer")
    assert fake_builder_for_test.pop("revised") == {"ids": ["2021-03", "2021-08", "2025-03"]}
    assert {r: env[SITE_RELEASES_ENV] for r, env in fake_builder_for_test.items()} == {
        r: "2021-03,2021-08,2025-03" for r in ("2021-03", "2021-08", "2025-03")}
    assert explorer == {"ids": ["2021-03", "2021-08", "2025-03"]}  # once, for every release


def test_publish_commits_one_version_and_pushes_gh_pages(tmp_path, fake_builder_for_test, monkeypatch):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    repo = versions.scratch_repo(tmp_path / "checkout")
    git(repo, "remote", "add", "origin", str(remote))
    older, newest = releases.bundled()[0], releases.newest()
    versions.publish(older, repo=repo)
    versions.publish(newest, repo=repo)
    got = json.loads(git(remote, "show", "gh-pages:versions.json"))
    assert [(v["version"], v["aliases"]) for v in got] == [(newest, ["latest"]), (older, [])]
    assert newest in git(remote, "show", "gh-pages:latest/index.html")
    assert "latest/sitemap.xml" in git(remote, "show", "gh-pages:sitemap.xml")
    assert f"{versions.site_url()}{older}/" in git(remote, "show", "gh-pages:feed.xml")
    # the newest release was built knowing the release published before it
    assert fake_builder_for_test[newest][SITE_RELEASES_ENV] == f"{older},{newest}"


def test_publish_refuses_a_release_that_is_not_committed(tmp_path):
    with pytest.raises(versions.TradesiteError, match=r"no ingested release 1999-01; committed: "):
        versions.publish("1999-01", repo=tmp_path, push=False)

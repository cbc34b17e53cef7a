"""The versioned site: headline numbers of the release list against the official files,
the list itself, and the mike orchestration (scratch repository, versions, ``latest``,
root redirect, publishing) on a stand-in builder so that it runs in seconds; the real
mkdocs builds are exercised by tests/browser."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tradesite import paths, releases
from tradesite.site import versions


def headline(release_id):
    if release_id not in releases.bundled():
        pytest.skip(f"release {release_id} not ingested")
    return versions.headline(releases.Release.load(release_id))


def test_headline_march_2025_as_the_release_states_it():
    h = headline("2025-03")
    # trad0325.pdf page 1: deficit $140.5 billion; exports $278.5 billion, imports $419.0 billion
    assert versions.headline_sentence(h) == (
        "Goods and services balance: deficit of $140.5 billion; exports $278.5 billion, imports $419.0 billion."
    )
    assert h["source"].startswith("trad0325.pdf")


def test_headline_august_2021_from_exhibit_1():
    h = headline("2021-08")
    assert h["balance"] == -73252  # exh1.xlsx (2021-08), sheet '1', August 2021, Balance Total
    assert h["source"].startswith("exh1.xlsx")


def test_headline_goods_only_release_uses_the_balance_of_payments_basis():
    h = headline("2025-11")
    assert h["label"] == "Goods balance, not seasonally adjusted"
    assert h["balance"] == -81207  # exh12.xlsx (2025-11), row 49, column B: Total Balance of Payments Basis
    assert h["source"] == "exh12.xlsx, sheet '12', row 49, column B"


def test_headline_transcribed_release_in_billions():
    h = headline("2024-12")
    # transcribed/2024-12/headlines.csv (BEA release page): deficit $98.4 billion
    assert (h["unit"], h["balance"]) == ("billions of dollars", -98.4)
    assert versions.headline_sentence(h).startswith("Goods and services balance: deficit of $98.4 billion")


def test_a_release_without_monthly_figures_has_no_headline():
    assert headline("2025-01") is None  # trad-geo-time-series-0125.xlsx: annual and quarterly only


def index_for_test(ids):
    """Entries shaped like release_entry's, made for this test (no chapters built)."""
    return [{"id": r, "month": releases.month_name(r), "published": None, "headline": None,
             "chapters": [{"slug": "overview", "title": "Overview"}]} for r in sorted(ids, reverse=True)]


def test_releases_section_lists_only_releases_up_to_the_version(tmp_path, monkeypatch):
    cache = tmp_path / "index.json"
    cache.write_text(json.dumps(index_for_test(["2021-03", "2021-08", "2025-03"])), encoding="utf-8")
    monkeypatch.setenv(versions.INDEX_ENV, str(cache))
    text = versions.releases_section("2021-08")
    rows = [line for line in text.splitlines() if line.startswith("| [")]
    assert [r.split("]")[0] for r in rows] == ["| [August 2021", "| [March 2021"]  # newest first, none later
    assert "[Overview](../2021-08/overview/)" in rows[0]


def test_the_releases_list_is_added_to_versioned_builds_only(tmp_path, monkeypatch):
    files = {"index.md": "# Home\n"}
    monkeypatch.delenv(versions.INDEX_ENV, raising=False)
    versions.add_releases_list(files, "2021-08")
    assert files == {"index.md": "# Home\n"}
    cache = tmp_path / "index.json"
    cache.write_text(json.dumps(index_for_test(["2021-08"])), encoding="utf-8")
    monkeypatch.setenv(versions.INDEX_ENV, str(cache))
    versions.add_releases_list(files, "2021-08")
    assert files["index.md"].startswith("# Home\n\n## All releases { #all-releases }")


def test_release_entry_lists_the_chapters_the_release_has():
    if "2021-03" not in releases.bundled():
        pytest.skip("release 2021-03 not ingested")
    entry = versions.release_entry("2021-03")  # exh1.xlsx only
    slugs = [c["slug"] for c in entry["chapters"]]
    assert "overview" in slugs and "goods-exports" not in slugs  # no exhibit 7 in that release
    assert entry["month"] == "March 2021"


def test_site_urls_send_the_newest_to_latest(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/trade")
    assert versions.site_url() == "https://example.org/trade/"
    assert versions.version_site_url("2021-08", newest=False) == "https://example.org/trade/2021-08/"
    assert versions.version_site_url("2026-01", newest=True) == "https://example.org/trade/latest/"


# -- mike orchestration, on a stand-in builder ------------------------------------------


@pytest.fixture
def fake_builder_for_test(monkeypatch):
    """Replaces the mkdocs build by a two-file site naming the release and its site_url."""

    def build(release, out, newest, base=None, env=None):
        out.mkdir(parents=True)
        url = versions.version_site_url(release, newest, base)
        (out / "index.html").write_text(f"<h1>{release}</h1><link rel=canonical href='{url}'>", encoding="utf-8")
        (out / "sitemap.xml").write_text(f"<urlset><url><loc>{url}</loc></url></urlset>", encoding="utf-8")
        return out

    monkeypatch.setattr(versions, "build_release_dir", build)


def git(repo, *args) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def test_build_all_makes_one_mike_version_per_release(tmp_path, fake_builder_for_test, monkeypatch):
    monkeypatch.setattr(versions, "write_index", lambda path, ids, jobs=1: {})
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


def test_publish_commits_one_version_and_pushes_gh_pages(tmp_path, fake_builder_for_test, monkeypatch):
    monkeypatch.setattr(versions, "write_index", lambda path, ids, jobs=1: {})
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


def test_publish_refuses_a_release_that_is_not_committed(tmp_path):
    with pytest.raises(versions.TradesiteError, match=r"no ingested release 1999-01; committed: "):
        versions.publish("1999-01", repo=tmp_path, push=False)

"""The versioned site: the mike orchestration (scratch repository, versions, ``latest``,
root redirect, publishing) on a stand-in builder so that it runs in seconds; the real
mkdocs builds are exercised by tests/browser."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tradesite import paths, releases
from tradesite.errors import UsageError
from tradesite.site.versioned import feeds, versions
from tradesite.site.versioned.versions import SITE_RELEASES_ENV


def test_site_urls_send_the_newest_to_latest():
    base = versions.site_url("https://example.org/trade")
    assert base == "https://example.org/trade/" and versions.site_url() == versions.DEFAULT_SITE_URL
    assert versions.version_site_url("2021-08", newest=False, base=base) == "https://example.org/trade/2021-08/"
    assert versions.version_site_url("2026-01", newest=True, base=base) == "https://example.org/trade/latest/"


def test_a_release_s_build_runs_mkdocs_with_the_version_s_url_and_says_which_failed(tmp_path, monkeypatch):
    """build_release_dir starts mkdocs itself (build_release), with the version's site_url, the site's
    releases and the banners silenced; a failure names the release and the command that shows all."""
    from tradesite.site.release import build

    seen = {}

    def mkdocs_failed(release, out, settings, extra_env):  # stands in for the mkdocs process
        seen.update(release=release, url=settings.site_url, env=extra_env)
        raise RuntimeError(f"mkdocs build of release {release} failed:\n" + "\n".join(f"line {i}" for i in range(15)))

    monkeypatch.setattr(versions, "build_release", mkdocs_failed)
    with pytest.raises(versions.TradesiteError) as e:
        versions.build_release_dir("2021-08", tmp_path / "out", False, "https://example.org/trade/",
                                   env=versions.site_releases_env(["2021-08", "2021-03"]))
    assert seen == {"release": "2021-08", "url": "https://example.org/trade/2021-08/",
                    "env": {**versions.QUIET, SITE_RELEASES_ENV: "2021-03,2021-08"}}
    assert str(e.value) == ("building release 2021-08 failed (`tradesite build 2021-08` shows all):\n"
                            + "\n".join(f"line {i}" for i in range(7, 15)))
    assert build.build_release is not mkdocs_failed  # the CLI's own is untouched


# -- mike orchestration, on a stand-in builder ------------------------------------------


@pytest.fixture
def fake_builder_for_test(monkeypatch):
    """Replaces the mkdocs build by a three-file site naming the release and its site_url;
    returns the environment each release was built with."""
    built_with: dict[str, dict] = {}

    def build(release, out, newest, base=None, env=None, static=None, settings=None):
        built_with[release] = dict(env or {})
        out.mkdir(parents=True)
        url = versions.version_site_url(release, newest, base)
        (out / "index.html").write_text(f"<h1>{release}</h1><link rel=canonical href='{url}'>", encoding="utf-8")
        (out / "sitemap.xml").write_text(f'<urlset xmlns="{feeds.SITEMAPS}"><url><loc>{url}</loc></url></urlset>', encoding="utf-8")
        (out / "search").mkdir()  # a stand-in of Material's search index, for the index of every release
        stand_in = {"config": {"lang": ["en"]}, "docs": [{"location": "", "title": f"Stand-in {release}", "text": ""}]}
        (out / "search" / "search_index.json").write_text(json.dumps(stand_in), encoding="utf-8")
        return out

    monkeypatch.setattr(versions, "build_release_dir", build)
    # the site's root (a real MkDocs build, tests/site/test_explorer.py) recorded only
    monkeypatch.setattr(versions, "root_data", lambda ids, settings: None)  # every release's series: not needed here
    monkeypatch.setattr(versions, "build_explorer", lambda out, ids, base=None, **kw: built_with.setdefault("explorer", {"ids": ids}))
    monkeypatch.setattr(versions, "commit_explorer", lambda repo, branch, ids, base=None, **kw: built_with.setdefault("explorer", {"ids": ids}) and None)
    # what later releases revised (every chapter of every release built, tests/site/test_revised_since.py) recorded only
    monkeypatch.setattr(versions.revised_since, "write", lambda out, ids, observations=None, data_dir=None: built_with.setdefault("revised", {"ids": ids}))
    monkeypatch.setattr(versions.revised_since, "commit", lambda repo, branch, ids, data_dir=None, observations=None: built_with.setdefault("revised", {"ids": ids}))
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


def test_publish_commits_one_version_and_pushes_gh_pages_as_one_commit(tmp_path, fake_builder_for_test, monkeypatch):
    """The publish repository holds one copy of the site, not every month's (issue 20); a publish
    that did not start from what is published fails rather than replace it."""
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
    assert git(remote, "rev-list", "--count", "gh-pages").strip() == "1"
    assert git(remote, "log", "-1", "--format=%s", "gh-pages").strip() == f"The site as of release {newest} (January 2026)"
    # a publish run again (a workflow re-run after a failed push) changes nothing and does not fail
    # (mike refused a commit of nothing: the unchanged feed raised GitEmptyCommit)
    # (Pagefind's filter files are not the same bytes from one run to the next: pagefind/ aside)
    def tree() -> list[str]:
        return [line for line in git(remote, "ls-tree", "-r", "gh-pages").splitlines() if "\tpagefind/" not in line]

    before = tree()
    versions.publish(newest, repo=repo)
    assert tree() == before
    assert git(remote, "rev-list", "--count", "gh-pages").strip() == "1"
    published = git(remote, "rev-parse", "gh-pages")
    other = versions.scratch_repo(tmp_path / "other")  # a checkout that never fetched the published branch
    git(other, "remote", "add", "origin", str(remote))
    with pytest.raises(versions.TradesiteError, match=r"pushing gh-pages to origin failed \(.*\[rejected\].*\); if another publish pushed since this one began, fetch origin and publish again"):
        versions.publish(older, repo=other)
    assert git(remote, "rev-parse", "gh-pages") == published


def test_publish_refuses_a_release_that_is_not_committed(tmp_path):
    with pytest.raises(versions.TradesiteError, match=r"no ingested release 1999-01; committed: "):
        versions.publish("1999-01", repo=tmp_path, push=False)


# -- issue 22: --out never deletes what it did not make ----------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def users_folder_made_for_test(folder: Path, n: int = 120) -> Path:
    """A folder of someone's own files (120, as in the issue's report)."""
    for i in range(n):
        path = folder / f"part-{i % 4}" / f"note-{i}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"the user's own note {i}", encoding="utf-8")
    return folder


def work_left(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if "work" in p.name)


def test_out_holding_other_files_is_refused_and_untouched(tmp_path, fake_builder_for_test):
    """Failed on 1f8c8c0: the 120 files were deleted and replaced by the site, and 'site-work' was left."""
    out = users_folder_made_for_test(tmp_path / "site")
    before = snapshot(out)
    with pytest.raises(UsageError) as err:
        versions.build_all(out, releases=["2021-03", "2025-03"])
    assert str(err.value) == (f"--out {out}: expected an empty folder or an earlier `tradesite site build` (which it "
                              "replaces), found 4 other things (part-0, part-1, part-2 and 1 more); nothing was touched: "
                              "pass an empty or new folder as --out")
    assert snapshot(out) == before and len(before) == 120
    assert fake_builder_for_test == {}  # refused before building anything
    assert work_left(tmp_path) == []


def test_out_that_is_a_file_is_refused(tmp_path, fake_builder_for_test):
    (tmp_path / "site").write_text("a file", encoding="utf-8")
    with pytest.raises(UsageError, match=r"--out .*/site: expected a folder for the site, found a file"):
        versions.build_all(tmp_path / "site", releases=["2021-03"])
    assert (tmp_path / "site").read_text(encoding="utf-8") == "a file"


def test_a_folder_named_like_the_old_work_folder_is_untouched(tmp_path, fake_builder_for_test):
    """Failed on 1f8c8c0: a folder of the user's named OUT-work was removed (the build's work folder)."""
    theirs = users_folder_made_for_test(tmp_path / "site-work", 8)
    before = snapshot(theirs)
    versions.build_all(tmp_path / "site", releases=["2021-03", "2025-03"])
    assert snapshot(theirs) == before
    assert work_left(tmp_path) == ["site-work"]  # theirs only: the build's own work folder is gone


def test_an_earlier_build_is_replaced_whole_and_no_work_folder_stays(tmp_path, fake_builder_for_test):
    """Failed on 1f8c8c0: 'site-work' stayed beside the site after a build."""
    out = versions.build_all(tmp_path / "site", releases=["2021-03", "2025-03"])
    assert (out / versions.MARKER).is_file()
    (out / "2021-03" / "stale.html").write_text("from an earlier build", encoding="utf-8")
    versions.build_all(out, releases=["2021-08", "2025-03"])
    assert sorted(v["version"] for v in json.loads((out / "versions.json").read_text())) == ["2021-08", "2025-03"]
    assert not (out / "2021-03").exists()  # the earlier build was replaced whole
    assert work_left(tmp_path) == []


def test_a_build_from_before_the_marker_is_recognised_by_its_contents(tmp_path, fake_builder_for_test):
    out = versions.build_all(tmp_path / "site", releases=["2021-03", "2025-03"])
    (out / versions.MARKER).unlink()  # as a build of an older tradesite left it
    assert versions.earlier_build(out)
    (out / "my-notes.txt").write_text("mine", encoding="utf-8")  # ... unless something else is there too
    assert not versions.earlier_build(out)
    with pytest.raises(UsageError, match=r"found \d+ other things \(.nojekyll, 2021-03, 2025-03 and"):
        versions.build_all(out, releases=["2025-03"])
    assert (out / "my-notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_failed_build_keeps_the_earlier_site_and_leaves_no_work_folder(tmp_path, fake_builder_for_test, monkeypatch):
    """Failed on 1f8c8c0: 'site-work' (the releases built so far, 84 MB in the issue's report) stayed behind."""
    out = versions.build_all(tmp_path / "site", releases=["2021-03", "2025-03"])
    before = snapshot(out)
    built = versions.build_release_dir

    def fails_on_one(release, out_dir, newest, base=None, env=None, static=None, settings=None):
        if release == "2025-03":
            raise versions.TradesiteError("building release 2025-03 failed (made for the test)")
        return built(release, out_dir, newest, base, env, static)

    monkeypatch.setattr(versions, "build_release_dir", fails_on_one)
    with pytest.raises(versions.TradesiteError, match="made for the test"):
        versions.build_all(out, releases=["2021-03", "2025-03"])
    assert snapshot(out) == before
    assert work_left(tmp_path) == []


def test_the_root_is_built_beside_the_releases_and_placed_once_they_are_in(tmp_path, fake_builder_for_test, monkeypatch):
    """The root (home, /series/, /api/) is built into a folder of its own while the releases build,
    then placed over mike's export (its home replaces the redirect); a failed root keeps the earlier
    site and leaves no work folder."""

    def root(out, ids, base=None, **kw):  # a stand-in of the explorer's build: one page made for the test
        (out / "series").mkdir()
        (out / "series" / "index.html").write_text(f"explorer of {len(ids)} releases", encoding="utf-8")
        (out / "index.html").write_text("the root's home", encoding="utf-8")

    monkeypatch.setattr(versions, "build_explorer", root)
    out = versions.build_all(tmp_path / "site", releases=["2021-03", "2025-03"])
    assert (out / "series" / "index.html").read_text(encoding="utf-8") == "explorer of 2 releases"
    assert (out / "index.html").read_text(encoding="utf-8") == "the root's home"
    assert (out / "2025-03" / "index.html").is_file() and (out / "latest" / "index.html").is_file()
    before = snapshot(out)

    def fails(out, ids, base=None, **kw):
        raise versions.TradesiteError("building the site's root pages failed (made for the test)")

    monkeypatch.setattr(versions, "build_explorer", fails)
    with pytest.raises(versions.TradesiteError, match="root pages failed"):
        versions.build_all(out, releases=["2021-03", "2025-03"])
    assert snapshot(out) == before
    assert work_left(tmp_path) == []


def test_a_work_folder_of_a_killed_build_is_removed_by_the_next(tmp_path, fake_builder_for_test):
    gone = subprocess.run(["python3", "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    (tmp_path / f".site.work-{gone}-abc123" / "versions").mkdir(parents=True)
    (tmp_path / f".site.work-{os.getpid()}-busy").mkdir()  # a build running now (this process): kept
    versions.build_all(tmp_path / "site", releases=["2025-03"])
    assert work_left(tmp_path) == [f".site.work-{os.getpid()}-busy"]


def test_shared_assets_are_committed_once_and_a_month_without_new_ones_commits_nothing(tmp_path):
    """Failed before the fix: the second publish of a month whose assets were all on gh-pages ended
    in mike's GitEmptyCommit (found by scripts/simulate_archive.py). Files made for the test."""
    repo = versions.scratch_repo(tmp_path / "checkout")
    static = tmp_path / "static"
    (static / "0123456789ab").mkdir(parents=True)
    (static / "0123456789ab" / "a.js").write_text("// a, made for this test\n", encoding="utf-8")
    versions.commit_static(repo, static)
    first = git(repo, "rev-parse", "gh-pages")
    versions.commit_static(repo, static)  # nothing new: no commit, no error
    assert git(repo, "rev-parse", "gh-pages") == first
    (static / "ba9876543210").mkdir()
    (static / "ba9876543210" / "b.css").write_text("/* b, made for this test */\n", encoding="utf-8")
    versions.commit_static(repo, static)
    assert git(repo, "rev-list", "--count", "gh-pages").strip() == "2"
    assert git(repo, "diff", "--name-only", "gh-pages~1", "gh-pages").split() == ["_static/ba9876543210/b.css"]

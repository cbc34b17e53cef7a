"""The versioned site: one mike version per release, ``latest`` on the newest.

Each release is built on its own (``tradesite build RELEASE``, in a child process so
several can run at once; ``TRADESITE_SITE_RELEASES`` names the site's releases), then committed with mike to the ``gh-pages`` branch of a
scratch git repository under ``build/`` (the user's checkout and branches are never
touched), and that branch's tree is exported to ``build/site/`` to be served as static
files. The same mike step publishes a single release from CI (:func:`publish`).

URLs are stable: ``/RELEASE/CHAPTER/`` and ``/latest/CHAPTER/``; the root redirects to
``latest``. Each version's ``site_url`` (env ``SITE_URL``, read by mkdocs.yml) is its own
folder, except the newest's, which is ``/latest/`` so that search engines index ``latest``.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import paths
from .. import releases as rel
from ..errors import TradesiteError
from ..report.catalog import SITE_RELEASES_ENV
from . import feeds, revised_since, search_all
from .explorer import build as build_explorer, commit as commit_explorer  # stand-ins in tests/site/test_versions.py
from .urls import DEFAULT_SITE_URL, LATEST, site_url, version_site_url  # noqa: F401 (re-exported)

BRANCH = "gh-pages"
#: Silences the multi-line banners mkdocs plugins print on every build.
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def site_releases_env(ids: list[str]) -> dict[str, str]:
    """The environment that tells a release's build which releases the site has (for the
    chapters' links to the nearest release and the matrix of every release)."""
    return {SITE_RELEASES_ENV: ",".join(sorted(ids))}


# -- building ---------------------------------------------------------------------------


def build_release_dir(release: str, out: Path, newest: bool, base: str | None = None, env: dict | None = None) -> Path:
    """Build one release's site into ``out`` with mkdocs (a child process: several can run)."""
    env = {**os.environ, **QUIET, **(env or {}), "SITE_URL": version_site_url(release, newest, base), "TRADESITE_RELEASE": release}
    cmd = [sys.executable, "-m", "tradesite", "build", release, "--out", str(out)]
    done = subprocess.run(cmd, env=env, cwd=paths.ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-8:] or ["no output"]
        raise TradesiteError(f"building release {release} failed (`tradesite build {release}` shows all):\n" + "\n".join(tail))
    return out


def deploy(repo: Path, release: str, site_dir: Path, newest: bool) -> None:
    """Commit one built release to the repo's gh-pages branch as a mike version titled
    with its month in words; the newest also takes the ``latest`` alias and the root."""
    from mike import commands

    with contextlib.chdir(repo):  # mike's git calls work on the current directory
        with commands.deploy(
            {"site_dir": str(site_dir), "use_directory_urls": True},
            release,
            title=rel.month_name(release),
            aliases=[LATEST] if newest else [],
            update_aliases=True,
            alias_type=commands.AliasType.copy,  # plain files: any static host serves them
            branch=BRANCH,
            message=f"Deployed release {release} ({rel.month_name(release)})",
        ):
            pass  # already built
        if newest:
            commands.set_default(LATEST, branch=BRANCH, message=f"Root redirects to {LATEST}")


def scratch_repo(path: Path) -> Path:
    """A fresh git repository that only holds the gh-pages branch of a local build."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    for cmd in (["init", "-q"], ["config", "user.name", "tradesite"], ["config", "user.email", "tradesite@localhost"]):
        subprocess.run(["git", *cmd], cwd=path, check=True)
    return path


def export(repo: Path, out: Path) -> Path:
    """Write the gh-pages tree of ``repo`` to ``out`` (replacing it), as a static host would see it."""
    tar = subprocess.run(["git", "archive", "--format=tar", BRANCH], cwd=repo, check=True, capture_output=True).stdout
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(tar)) as t:
        t.extractall(out, filter="data")
    return out


def build_all(out: Path | None = None, releases: list[str] | None = None, jobs: int | None = None,
              base: str | None = None) -> Path:
    """Build every committed release (or ``releases``) as a mike version into ``out``
    (default build/site) for the root URL ``base`` (default :func:`site_url`) and write the
    root feed and sitemap index. Returns ``out``."""
    out = Path(out or paths.ROOT / "build" / "site").resolve()  # mike runs inside the scratch repo
    ids = sorted(releases or rel.bundled())
    if not ids:
        raise TradesiteError(f"{paths.DATA}: no ingested release; run `tradesite ingest --all` first")
    for r in ids:
        rel.check_id(r)
    work = out.parent / f"{out.name}-work"
    shutil.rmtree(work, ignore_errors=True)
    newest = ids[-1]
    started = time.perf_counter()
    jobs = jobs or min(len(ids), os.cpu_count() or 1)
    extra = site_releases_env(ids)
    with ThreadPoolExecutor(max_workers=jobs) as pool:  # threads only wait on child processes
        built = dict(zip(ids, pool.map(lambda r: build_release_dir(r, work / "versions" / r, r == newest, base, extra), ids)))
    t_build = time.perf_counter()
    repo = scratch_repo(work / "repo")
    for r in ids:
        deploy(repo, r, built[r], newest=r == newest)
    export(repo, out)
    feeds.write(out, ids, base)
    t_export = time.perf_counter()
    build_explorer(out, ids, base)  # /series/ and /api/: built once for every release
    revised_since.write(out, ids)  # api/revised-since/: after the explorer, which replaces api/ whole
    search_all.write(out)
    done = time.perf_counter()
    print(f"built {len(ids)} versions in {done - started:.0f} s ({jobs} at a time; mkdocs "
          f"{t_build - started:.0f} s, mike and export {t_export - t_build:.0f} s, series explorer and API "
          f"{done - t_export:.0f} s): {out}", file=sys.stderr)
    return out


def publish(release: str, repo: Path | None = None, push: bool = True, remote: str = "origin") -> None:
    """CI: build one release and commit it with mike to the gh-pages branch of ``repo``
    (default: this checkout), with ``latest`` and the root when it is the newest committed
    release; refresh the root feed and sitemap; push. Other versions stay as published,
    so the release that held ``latest`` before keeps its canonical links to /latest/ (a full
    ``build_all`` gives it its own)."""
    from mike import commands, git_utils

    repo = Path(repo or paths.ROOT)
    ids = rel.bundled()
    if release not in ids:
        raise TradesiteError(f"{paths.DATA / release}: no ingested release {release}; committed: {', '.join(ids)}")
    newest = release == ids[-1]
    with contextlib.chdir(repo):
        git_utils.update_from_upstream(remote, BRANCH)  # raises if gh-pages diverged
        deployed = {str(v.version) for v in commands.list_versions(BRANCH)}
    work = repo / "build" / "publish"
    shutil.rmtree(work, ignore_errors=True)
    listed = [r for r in ids if r == release or r in deployed]
    extra = site_releases_env(listed)
    deploy(repo, release, build_release_dir(release, work / release, newest, env=extra), newest)
    feeds.commit(repo, BRANCH)
    commit_explorer(repo, BRANCH, listed)
    revised_since.commit(repo, BRANCH, listed)  # after the explorer's commit, which replaces api/ whole
    search_all.commit(repo, BRANCH)
    if push:
        with contextlib.chdir(repo):
            git_utils.push_branch(remote, BRANCH)



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
import glob
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import paths
from .. import releases as rel
from ..errors import TradesiteError, UsageError
from ..report.catalog import SITE_RELEASES_ENV
from . import feeds, search_all
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


#: written at the root of every site :func:`build_all` makes: what tells an earlier build (which
#: --out may replace) from a folder of the user's (which it refuses to touch)
MARKER = ".tradesite-site"
#: what the root of a versioned site holds besides its version folders (a build older than
#: :data:`MARKER` is recognised by holding nothing else)
ROOT_NAMES = {"index.html", "versions.json", "feed.xml", "sitemap.xml", "search-all.json", "series", "api",
              ".series.old", ".api.old", "404.html", ".nojekyll", MARKER}
#: the work folder of a build beside its --out: '.site.work-4242-x1y2z3' (removed when the build
#: ends, however; one left by a build killed outright goes at the next build once its process is gone)
WORK = re.compile(r"^\.(?P<name>.+)\.work-(?P<pid>\d+)-\w+$")


def earlier_build(out: Path) -> bool:
    """Whether ``out`` holds a site :func:`build_all` made (and may replace)."""
    if (out / MARKER).is_file():
        return True
    try:
        listed = json.loads((out / "versions.json").read_text(encoding="utf-8"))
        names = {str(v["version"]) for v in listed} | {str(a) for v in listed for a in v.get("aliases", [])}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return False
    return all(p.name in names | ROOT_NAMES for p in out.iterdir())


def check_out(out: Path) -> None:
    """``out`` may be written: nothing there yet, an empty folder, or an earlier site build (which
    the new one replaces whole, once it is complete). Anything else is refused, untouched."""
    if not out.exists():
        return
    if not out.is_dir():
        raise UsageError(f"--out {out}: expected a folder for the site, found a file; pass another --out")
    inside = sorted(p.name for p in out.iterdir())
    if inside and not earlier_build(out):
        shown = ", ".join(inside[:3]) + (f" and {len(inside) - 3} more" if len(inside) > 3 else "")
        raise UsageError(f"--out {out}: expected an empty folder or an earlier `tradesite site build` (which it "
                         f"replaces), found {len(inside)} other thing{'s' * (len(inside) != 1)} ({shown}); nothing "
                         "was touched: pass an empty or new folder as --out")


def clean_stale_work(parent: Path, name: str) -> None:
    """Remove the work folders of earlier builds of ``name`` whose process is gone (killed outright)."""
    for p in parent.glob(f".{glob.escape(name)}.work-*"):
        m = WORK.match(p.name)
        if m and m["name"] == name and p.is_dir() and not _alive(int(m["pid"])):
            shutil.rmtree(p, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def build_all(out: Path | None = None, releases: list[str] | None = None, jobs: int | None = None,
              base: str | None = None) -> Path:
    """Build every committed release (or ``releases``) as a mike version into ``out``
    (default build/site) for the root URL ``base`` (default :func:`site_url`) and write the
    root feed and sitemap index. Returns ``out``.

    ``out`` must be new, empty or an earlier build (:func:`check_out`); the site is made in a
    work folder beside it and takes its place only once complete. The work folder is removed
    whether the build succeeds or fails."""
    out = Path(out or paths.ROOT / "build" / "site").resolve()  # mike runs inside the scratch repo
    ids = sorted(releases or rel.bundled())
    if not ids:
        raise TradesiteError(f"{paths.DATA}: no ingested release; run `tradesite ingest --all` first")
    for r in ids:
        rel.check_id(r)
    check_out(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_work(out.parent, out.name)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.work-{os.getpid()}-", dir=out.parent))
    try:
        site = _build_into(work, ids, jobs, base)
        check_out(out)  # still new, empty or a build: nobody put anything there meanwhile
        if out.exists():
            os.replace(out, work / "replaced")  # removed with the work folder
        os.replace(site, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def _build_into(work: Path, ids: list[str], jobs: int | None, base: str | None) -> Path:
    """The whole versioned site, made under ``work``; returns its folder."""
    site = work / "site"
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
    export(repo, site)
    feeds.write(site, ids, base)
    t_export = time.perf_counter()
    build_explorer(site, ids, base)  # /series/ and /api/: built once for every release
    search_all.write(site)
    (site / MARKER).write_text(json.dumps({"built_by": "tradesite site build", "releases": ids}) + "\n",
                               encoding="utf-8")
    done = time.perf_counter()
    print(f"built {len(ids)} versions in {done - started:.0f} s ({jobs} at a time; mkdocs "
          f"{t_build - started:.0f} s, mike and export {t_export - t_build:.0f} s, series explorer and API "
          f"{done - t_export:.0f} s)", file=sys.stderr)
    return site


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
    search_all.commit(repo, BRANCH)
    if push:
        with contextlib.chdir(repo):
            git_utils.push_branch(remote, BRANCH)



"""The versioned site: one mike version per release, ``latest`` on the newest.

Each release is built on its own (``tradesite build RELEASE``, in a child process so
several can run at once; ``TRADESITE_SITE_RELEASES`` names the site's releases), then committed with mike to the ``gh-pages`` branch of a
scratch git repository under ``build/`` (the user's checkout and branches are never
touched), and that branch's tree is exported to ``build/site/`` to be served as static
files. The same mike step publishes a single release from CI (:func:`publish`), which pushes
gh-pages as one commit (:func:`push_squashed`: the branch is generated, its history only costs).

URLs are stable: ``/RELEASE/CHAPTER/`` and ``/latest/CHAPTER/``; the root redirects to
``latest``. Each version's ``site_url`` (env ``SITE_URL``, read by mkdocs.yml) is its own
folder, except the newest's, which is ``/latest/`` so that search engines index ``latest``; the
newest's own folder gets a sitemap of its own URLs (Material's instant navigation reads it).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from urllib.parse import urlparse

from ... import paths
from ... import releases as rel
from ...errors import TradesiteError
from ...periods import month_year
from ...settings import ENV, Settings
from ..release.build import build_release
from ..render.urls import DEFAULT_SITE_URL, LATEST, site_url, version_site_url  # noqa: F401 (re-exported)
from . import branch as branch_files
from . import feeds, revised_since, search_all, shared_assets
from .explorer import ExplorerData
from .explorer import build as build_explorer  # stand-ins in tests/site/test_versions.py
from .explorer import commit as commit_explorer
from .explorer import data_of as explorer_data
from .explorer import place as place_root
from .out_folder import MARKER, ROOT_NAMES, WORK, check_out, clean_stale_work, earlier_build  # noqa: F401 (re-exported)
from .progress import Progress

BRANCH = "gh-pages"
#: Silences the multi-line banners mkdocs plugins print on every build.
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
#: The environment variable that names the site's releases to a release's build (its edge reads it).
SITE_RELEASES_ENV = ENV["releases"]


def site_releases_env(ids: list[str]) -> dict[str, str]:
    """The environment that tells a release's build which releases the site has (for the
    chapters' links to the nearest release and the matrix of every release)."""
    return {SITE_RELEASES_ENV: ",".join(sorted(ids))}


# -- building ---------------------------------------------------------------------------


def build_release_dir(
    release: str,
    out: Path,
    newest: bool,
    base: str | None = None,
    env: dict | None = None,
    static: Path | None = None,
    settings: Settings | None = None,
) -> Path:
    """Build one release's site into ``out`` with mkdocs (:func:`..release.build.build_release`: a
    child process, so several can run); with ``static``, its theme assets and scripts move there
    (the site's ``_static``, shared by every version: :mod:`.shared_assets`). The child gets
    ``settings`` (default: a checkout's) in its environment, with the version's site_url and ``env``
    (the site's releases). Not through ``tradesite build``: that is one more Python process a
    release (about 1.1 CPU-s) that only starts mkdocs."""
    url = version_site_url(release, newest, base)
    try:
        build_release(release, out, (settings or Settings()).but(site_url=url), {**QUIET, **(env or {})})
    except RuntimeError as exc:
        tail = str(exc).strip().splitlines()[-8:]
        raise TradesiteError(
            f"building release {release} failed (`tradesite build {release}` shows all):\n" + "\n".join(tail)
        ) from None
    if static is not None:
        shared_assets.share(out, static, urlparse(url).path)
    return out


def deploy(repo: Path, release: str, site_dir: Path, newest: bool, base: str | None = None) -> None:
    """Commit one built release to the repo's gh-pages branch as a mike version titled
    with its month in words; the newest also takes the ``latest`` alias and the root, and its
    own folder a sitemap of its own URLs (:func:`.feeds.own_sitemap`; /latest/ keeps mkdocs')."""
    from mike import commands, git_utils

    with contextlib.chdir(repo):  # mike's git calls work on the current directory
        with commands.deploy(
            {"site_dir": str(site_dir), "use_directory_urls": True},
            release,
            title=month_year(release),
            aliases=[LATEST] if newest else [],
            update_aliases=True,
            alias_type=commands.AliasType.copy,  # plain files: any static host serves them
            branch=BRANCH,
            message=f"Deployed release {release} ({month_year(release)})",
        ):
            pass  # already built
        if newest:
            with contextlib.suppress(git_utils.GitEmptyCommit):  # published again: the root already redirects
                commands.set_default(LATEST, branch=BRANCH, message=f"Root redirects to {LATEST}")
            latest, own = version_site_url(release, True, base), version_site_url(release, False, base)
            xml = feeds.own_sitemap((site_dir / feeds.SITEMAP).read_bytes(), latest, own, f"{release}/{feeds.SITEMAP}")
            branch_files.replace(
                Path("."),
                BRANCH,
                f"{release}/{feeds.SITEMAP} lists {own} (instant navigation there)",
                [],
                [
                    (f"{release}/{feeds.SITEMAP}", xml),
                    (f"{release}/{feeds.SITEMAP}.gz", gzip.compress(xml.encode(), mtime=0)),
                ],
            )


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


def build_all(
    out: Path | None = None,
    releases: list[str] | None = None,
    jobs: int | None = None,
    base: str | None = None,
    settings: Settings | None = None,
) -> Path:
    """Build every committed release (or ``releases``) as a mike version into ``out``
    (default build/site) for the root URL ``base`` (default: ``settings.site_url``, else
    :func:`site_url`) and write the root feed and sitemap index. Returns ``out``. ``settings``
    (default: a checkout's) are those of every release's build.

    ``out`` must be new, empty or an earlier build (:func:`check_out`); the site is made in a
    work folder beside it and takes its place only once complete. The work folder is removed
    whether the build succeeds or fails."""
    settings = settings or Settings()
    base = base or settings.site_url
    out = Path(out or paths.ROOT / "build" / "site").resolve()  # mike runs inside the scratch repo
    ids = sorted(releases or rel.bundled(settings.data))
    if not ids:
        raise TradesiteError(f"{settings.data}: no ingested release; run `tradesite ingest --all` first")
    for r in ids:
        rel.check_id(r)
    check_out(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_work(out.parent, out.name)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.work-{os.getpid()}-", dir=out.parent))
    try:
        site = _build_into(work, ids, jobs, base, settings)
        check_out(out)  # still new, empty or a build: nobody put anything there meanwhile
        if out.exists():
            os.replace(out, work / "replaced")  # removed with the work folder
        os.replace(site, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def root_data(ids: list[str], settings: Settings) -> ExplorerData:
    """What the site's root is built from (:func:`.explorer.data_of`; stood in for by tests)."""
    return explorer_data(ids, settings)


def _build_root(root: Path, ids: list[str], base: str | None, settings: Settings) -> ExplorerData | None:
    """The site's root (:func:`build_explorer`) into ``root``; returns the data it was built from,
    whose observations what later releases revised reads too (not every release's tables again)."""
    data = root_data(ids, settings)
    build_explorer(root, ids, base, data=data, settings=settings)
    return data


def _observations(data: ExplorerData | None):
    return None if data is None else data.cat.observations


def _build_into(work: Path, ids: list[str], jobs: int | None, base: str | None, settings: Settings) -> Path:
    """The whole versioned site, made under ``work``; returns its folder."""
    site = work / "site"
    newest = ids[-1]
    started = time.perf_counter()
    jobs = jobs or min(len(ids), os.cpu_count() or 1)
    extra = site_releases_env(ids)
    static = work / shared_assets.STATIC
    progress = Progress(len(ids))
    progress.phase(f"building releases ({jobs} at a time) and the site's root (home, series explorer, API)")
    built: dict[str, Path] = {}
    # The root is built into a folder of its own while the releases build: this process only
    # waits on their mkdocs children meanwhile, and the root was 29 CPU-s on one core after them.
    root = work / "root"
    root.mkdir()
    with ThreadPoolExecutor(max_workers=1) as root_pool, ThreadPoolExecutor(max_workers=jobs) as pool:
        root_built = root_pool.submit(_build_root, root, ids, base, settings)  # /series/, /api/
        futures = {
            pool.submit(  # threads that only wait on child processes
                build_release_dir, r, work / "versions" / r, r == newest, base, extra, static, settings=settings
            ): r
            for r in ids
        }
        for future in as_completed(futures):
            built[futures[future]] = future.result()
            progress.done(futures[future])
        built_root = root_built.result()
    t_build = time.perf_counter()
    progress.phase("committing the versions with mike")
    repo = scratch_repo(work / "repo")
    for r in ids:
        deploy(repo, r, built[r], newest=r == newest, base=base)
    export(repo, site)
    shared_assets.copy_into(static, site)
    feeds.write(site, ids, base, data_dir=settings.data)
    t_export = time.perf_counter()
    place_root(root, site)  # /series/ and /api/: built once for every release
    progress.phase("what later releases revised")
    # api/revised-since/: after the explorer, which replaces api/ whole
    revised_since.write(site, ids, _observations(built_root), data_dir=settings.data)
    progress.phase("the index of every release (Pagefind)")
    search_all.write(site)
    (site / MARKER).write_text(
        json.dumps({"built_by": "tradesite site build", "releases": ids}) + "\n", encoding="utf-8"
    )
    done = time.perf_counter()
    progress.finish(
        f"built {len(ids)} versions ({jobs} at a time; releases and root {t_build - started:.0f} s, mike and "
        f"export {t_export - t_build:.0f} s, revisions and search {done - t_export:.0f} s)"
    )
    return site


def publish(
    release: str,
    repo: Path | None = None,
    push: bool = True,
    remote: str = "origin",
    base: str | None = None,
    settings: Settings | None = None,
) -> dict[str, float]:
    """CI: add one release to the published site, incrementally: build that release alone and
    commit it with mike to the gh-pages branch of ``repo`` (default: this checkout), with
    ``latest`` and the root when it is the newest committed release; add the shared assets it
    needs; refresh what it changes at the root (home, explorer, API, feed, sitemap, the index of
    every release); push gh-pages as one commit (:func:`push_squashed`). Other versions stay as published (a version is never rebuilt), so the
    release that held ``latest`` before keeps its canonical links to /latest/ (a full
    ``build_all`` gives it its own). ``settings`` (default: a checkout's) configure the build (the
    root URL: ``base``, else ``settings.site_url``). Returns the seconds of each step."""
    from mike import commands, git_utils

    settings = settings or Settings()
    base = base or settings.site_url
    repo = Path(repo or paths.ROOT)
    ids = rel.bundled(settings.data)
    if release not in ids:
        raise TradesiteError(f"{settings.data / release}: no ingested release {release}; committed: {', '.join(ids)}")
    newest = release == ids[-1]
    clock, timings = time.perf_counter(), {}

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[step] = round(now - clock, 2)
        clock = now
        print(f"publish {release}: {step} done ({timings[step]:.0f} s)", file=sys.stderr, flush=True)

    with contextlib.chdir(repo):
        try:
            git_utils.update_from_upstream(remote, BRANCH)
        except git_utils.GitBranchDiverged as e:
            raise TradesiteError(
                f"{repo}: the {BRANCH} branch here and {remote}/{BRANCH} have diverged (each publish pushes "
                f"{BRANCH} as one commit); if nothing here is unpublished, take the published one: "
                f"git branch -f {BRANCH} {remote}/{BRANCH}"
            ) from e
        deployed = {str(v.version) for v in commands.list_versions(BRANCH)}
    work = repo / "build" / "publish"
    shutil.rmtree(work, ignore_errors=True)
    try:
        listed = [r for r in ids if r == release or r in deployed]
        static = work / shared_assets.STATIC
        built = build_release_dir(
            release, work / release, newest, base, site_releases_env(listed), static, settings=settings
        )
        lap("build the release")
        deploy(repo, release, built, newest, base)
        commit_static(repo, static)
        lap("commit the version")
        feeds.commit(repo, BRANCH, base, data_dir=settings.data)
        built_root = commit_explorer(repo, BRANCH, listed, base, settings=settings)
        revised_since.commit(repo, BRANCH, listed, data_dir=settings.data, observations=_observations(built_root))
        lap("home, explorer, API and what later releases revised")
        search_all.commit(repo, BRANCH, work)
        lap("index of every release")
        if push:
            push_squashed(repo, remote, f"The site as of release {release} ({month_year(release)})")
            lap("push")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return timings


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], capture_output=True, text=True)


def push_squashed(repo: Path, remote: str, message: str) -> None:
    """Push gh-pages as a single commit of its tree, replacing the published one (issue 20).

    The branch is generated: each version is rebuilt from the committed tables, so its history
    only costs. Kept, it grew the publish repository by 15.3 MB a release in the N = 13
    simulation (every series page and API file rewritten each month); as one commit it holds
    one copy of the site, which grows by what the site grows, compressed (3.5 MB there). The
    push is forced only over the commit this publish started from (``--force-with-lease``), so a
    publish that ran meanwhile is never overwritten: this one fails and says so."""
    with contextlib.chdir(repo):
        found = _git("rev-parse", "--verify", "-q", f"refs/remotes/{remote}/{BRANCH}")
        published = found.stdout.strip() if found.returncode == 0 else ""
        tree = _git("rev-parse", f"{BRANCH}^{{tree}}").stdout.strip()
        made = _git("commit-tree", tree, "-m", message)
        if made.returncode != 0:
            raise TradesiteError(f"{repo}: could not commit the tree of {BRANCH}: {made.stderr.strip()}")
        _git("update-ref", f"refs/heads/{BRANCH}", made.stdout.strip())
        pushed = _git("push", "-q", f"--force-with-lease={BRANCH}:{published}", "--", remote, BRANCH)
        if pushed.returncode != 0:
            raise TradesiteError(
                f"{repo}: pushing {BRANCH} to {remote} failed ({' '.join(pushed.stderr.split())}); if another publish pushed "
                f"since this one began, fetch {remote} and publish again"
            )


def commit_static(repo: Path, static: Path) -> None:
    """Add the shared assets a new version needs to ``_static/`` on gh-pages (a file there never
    changes: its folder is its content's hash, so one already there is left as it is, and the
    usual month, every asset already published, commits nothing)."""
    files = [
        (f"{shared_assets.STATIC}/{p.relative_to(static).as_posix()}", p)
        for p in sorted(Path(static).rglob("*"))
        if p.is_file()
    ]
    branch_files.replace(Path(repo), BRANCH, "Shared assets of a new version", [], files)

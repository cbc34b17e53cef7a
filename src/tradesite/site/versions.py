"""The versioned site: one mike version per release, ``latest`` on the newest.

Each release is built on its own (``tradesite build RELEASE``, in a child process so
several can run at once), then committed with mike to the ``gh-pages`` branch of a
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
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from .. import paths
from .. import releases as rel
from ..errors import TradesiteError

BRANCH = "gh-pages"
LATEST = "latest"
#: Where the site is published; a local build points at the local server.
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
#: Silences the multi-line banners mkdocs plugins print on every build.
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def site_url() -> str:
    """The published root (env ``SITE_URL``), always ending in '/'."""
    url = os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


def version_site_url(release: str, newest: bool, base: str | None = None) -> str:
    """A version's own site_url; the newest release's is /latest/ (its canonical home)."""
    return f"{base or site_url()}{LATEST if newest else release}/"


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
    from . import feeds

    out = Path(out or paths.ROOT / "build" / "site")
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
    extra = write_index(work / "releases-index.json", ids, jobs=jobs)
    t_index = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:  # threads only wait on child processes
        built = dict(zip(ids, pool.map(lambda r: build_release_dir(r, work / "versions" / r, r == newest, base, extra), ids)))
    t_build = time.perf_counter()
    repo = scratch_repo(work / "repo")
    for r in ids:
        deploy(repo, r, built[r], newest=r == newest)
    export(repo, out)
    feeds.write(out, ids, base)
    done = time.perf_counter()
    print(f"built {len(ids)} versions in {done - started:.0f} s ({jobs} at a time; list of releases "
          f"{t_index - started:.0f} s, mkdocs {t_build - t_index:.0f} s, mike and export {done - t_build:.0f} s): {out}",
          file=sys.stderr)
    return out


def publish(release: str, repo: Path | None = None, push: bool = True, remote: str = "origin") -> None:
    """CI: build one release and commit it with mike to the gh-pages branch of ``repo``
    (default: this checkout), with ``latest`` and the root when it is the newest committed
    release; refresh the root feed and sitemap; push. Other versions stay as published,
    so the release that held ``latest`` before keeps its canonical links to /latest/ (a full
    ``build_all`` gives it its own)."""
    from mike import commands, git_utils

    from . import feeds

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
    listed = [r for r in ids if r == release or (r in deployed and r < release)]
    extra = write_index(work / "releases-index.json", listed)
    deploy(repo, release, build_release_dir(release, work / release, newest, env=extra), newest)
    feeds.commit(repo, BRANCH)
    if push:
        with contextlib.chdir(repo):
            git_utils.push_branch(remote, BRANCH)


# -- the list of releases (home page, feed) ---------------------------------------------

#: Where a release's headline balance can come from, best first, and what it is called.
HEADLINE_SOURCES = [
    ("1", "Goods and services balance"),
    ("headlines", "Goods and services balance"),
    ("bea-ts-1", "Goods and services balance"),
    ("12", "Goods balance, not seasonally adjusted"),
]


def headline(release: rel.Release) -> dict | None:
    """The release month's top lines as published (balance, exports, imports, in the
    file's unit), with the file they come from; None when the release's files carry no
    monthly balance. A balance is negative for a deficit."""
    for exhibit, label in HEADLINE_SOURCES:
        if not release.has(exhibit):
            continue
        df = release.exhibit(exhibit)
        rows = df[
            (df["level"] == 0)
            & (df["period"] == release.id)
            & (df["period_type"] == "month")
            & (df["measure"] == "level")
            & (df["vintage"] == "current")
            & df["value"].notna()
        ].sort_values("basis", key=lambda b: b != "balance_of_payments", kind="stable")
        tops = {flow: rows[rows["flow"] == flow].iloc[0] for flow in ("balance", "exports", "imports") if (rows["flow"] == flow).any()}
        if "balance" not in tops:
            continue
        top = tops["balance"]
        return {
            "label": label,
            "unit": top["unit"],
            "source": f"{top['source_file']}, {top['location']}",
            **{flow: float(row["value"]) for flow, row in tops.items()},
        }
    return None


def headline_sentence(h: dict) -> str:
    """'Goods and services balance: deficit of $140.5 billion; exports $278.5 billion,
    imports $419.0 billion.' (rounded the release's way, :mod:`.narrative`)."""
    from .narrative import balance_kind, money

    scale = 1000 if h["unit"] == "billions of dollars" else 1  # narrative takes millions
    text = f"{h['label']}: {balance_kind(h['balance'])} of {money(h['balance'] * scale)}"
    flows = [f"{f} {money(h[f] * scale)}" for f in ("exports", "imports") if f in h]
    return text + ("; " + ", ".join(flows) if flows else "") + "."


def _chapters(release: rel.Release) -> list[tuple[str, str]]:
    """(slug, title) of the chapters this release's files cover."""
    from .pages import chapters_of

    return [(c.slug, c.title) for c in chapters_of(release)[0]]


#: A JSON file of :func:`releases_index` made once by :func:`build_all` for its child builds
#: (building every release's chapters in each of 13 builds would cost a minute).
INDEX_ENV = "TRADESITE_RELEASES_INDEX"


def release_entry(release_id: str, data_dir: Path | None = None) -> dict:
    """One release for the list: id, month in words, publication date when known,
    headline numbers, the chapters it has (building them: about a second each)."""
    release = rel.Release.load(release_id, data_dir)
    return {
        "id": release_id,
        "month": release.month_name,
        "published": release.meta.get("published"),
        "headline": headline(release),
        "chapters": [{"slug": s, "title": t} for s, t in _chapters(release)],
    }


def releases_index(upto: str | None = None, data_dir: Path | None = None) -> list[dict]:
    """Every committed release up to ``upto`` (default: all), newest first (in a versioned
    build: the releases of the site being built, computed once by :func:`write_index`)."""
    cached = os.environ.get(INDEX_ENV)
    if cached and data_dir is None:
        return [r for r in json.loads(Path(cached).read_text(encoding="utf-8")) if not upto or r["id"] <= upto]
    return [release_entry(r, data_dir) for r in sorted(rel.bundled(data_dir), reverse=True) if not upto or r <= upto]


def write_index(path: Path, ids: list[str], jobs: int = 1) -> dict[str, str]:
    """Compute the entries of ``ids`` once into ``path`` (``jobs`` processes); returns the
    environment that makes the child builds use it and show it on each release home."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ids = sorted(ids, reverse=True)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        entries = list(pool.map(release_entry, ids))
    path.write_text(json.dumps(entries), encoding="utf-8")
    return {INDEX_ENV: str(path)}


def add_releases_list(files: dict, release: str) -> None:
    """In a versioned build only (:func:`build_all`, :func:`publish` set INDEX_ENV): the
    release home ends with the list of releases up to this one. Called by gen/gen_pages.py;
    a plain ``tradesite build`` and ``build_pages`` leave the home as it is."""
    if os.environ.get(INDEX_ENV):
        files["index.md"] = files["index.md"].rstrip("\n") + "\n\n" + releases_section(release)


def releases_section(upto: str, prefix: str = "../", heading: str = "## All releases") -> str:
    """Markdown listing every release up to ``upto`` (only those, so a published version
    never changes), newest first: month in words, headline, its chapters, each one click
    away. ``prefix`` leads from the page to the site root's version folders ('../' from
    a release home, '../../' from a page one folder down)."""
    lines = [
        f"{heading} {{ #all-releases }}",
        "",
        "Every monthly report on this site, newest first; each link opens that release's own"
        " version of the site (the version selector in the header does the same).",
        "",
        "| Release | Headline | Chapters |",
        "|---|---|---|",
    ]
    for item in releases_index(upto):
        h = item["headline"]
        head = headline_sentence(h) if h else "No monthly balance in this release's files."
        chapters = ", ".join(f"[{c['title']}]({prefix}{item['id']}/{c['slug']}/)" for c in item["chapters"])
        lines.append(f"| [{item['month']}]({prefix}{item['id']}/) | {head} | {chapters or '—'} |")
    return "\n".join(lines) + "\n"

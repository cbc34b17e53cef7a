"""The site's root: its home, the series explorer (``/series/``) and the static API (``/api/``),
built once per site build (never per version) from every release of the site.

A MkDocs build with the site's theme renders the root's own pages (:mod:`.pages`: the home, the
explorer's listings, compare, the map, the API's documentation) and one *shell* page
(:mod:`.shell`), into which every series page is filled (:mod:`.series_page`); the API's files
(:mod:`.api`) are written beside. Theme assets go to the shared ``_static`` (:mod:`..shared_assets`).

:func:`build` writes the root into a built versioned site (``build_all``); :func:`commit` puts it
on the gh-pages branch (``publish``). Everything is built in a scratch folder and swapped in whole.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

import yaml

from .... import paths
from ....errors import TradesiteError
from ....report.catalog import Catalog
from ....settings import Settings
from ...release.build import engine
from ...render import templating, theme
from ...render.urls import site_url
from .. import branch as branch_files
from .. import revised_since, shared_assets
from . import api, shell
from .data import ExplorerData
from .pages import SERIES, Pages

#: What the root build owns at the site root (everything else there is mike's or the versions').
ROOT_FOLDERS = (SERIES, api.API, "search")
ROOT_FILES = ("index.html", "404.html")
SITEMAP = f"{SERIES}/sitemap.xml"
NAV = [
    ("Home", "index.md"),
    ("Series explorer", f"{SERIES}/index.md"),
    ("Compare series", f"{SERIES}/compare/index.md"),
    ("Map", f"{SERIES}/map/index.md"),
    ("Trading partners", f"{SERIES}/partners/index.md"),
    ("How much first estimates move", f"{SERIES}/revisions/index.md"),
    ("Static API", "api/index.md"),
]
SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: Each release's observations, kept between builds by the hash of its tables (report.series).
SERIES_CACHE = paths.ROOT / "build" / "series-cache"
#: The explorer's scripts (assets/explorer/): the page's own, then the two it loads on demand.
EXPLORER_SCRIPTS = ("tradesite-explorer.js", "tradesite-explorer-chart.js", "tradesite-explorer-map.js")


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's ``!ENV`` tags read as their default (the root sets its own site_url)."""


_Loader.add_constructor("!ENV", lambda loader, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None)


def config(docs: Path, base: str) -> dict:
    """The root's mkdocs config: the site's theme, palette, Markdown and search, its own pages."""
    main = yaml.load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    theme_cfg = dict(main["theme"], custom_dir=str(paths.ROOT / "docs" / "overrides"))
    theme_cfg["features"] = [f for f in theme_cfg.get("features", []) if f != "navigation.instant"]
    search: dict = next((p for p in main["plugins"] if isinstance(p, dict) and "search" in p), {"search": {}})
    return {
        "site_name": main["site_name"],
        "site_description": main.get("site_description", ""),
        "site_url": base,
        "docs_dir": str(docs),
        "strict": True,
        "use_directory_urls": True,
        "theme": theme_cfg,
        "plugins": [search],
        "markdown_extensions": main.get("markdown_extensions", []),
        "extra": {"tradesite_root": True},  # docs/overrides: the feed is beside these pages, not one level up
        "nav": [{title: path} for title, path in NAV] + [{"The newest release": f"{base}latest/"}],
        "not_in_nav": f"/{SERIES}/{shell.SLUG}/\n/{SERIES}/topics/\n/{SERIES}/partners/*/\n",
        "validation": {"links": {"not_found": "ignore", "unrecognized_links": "ignore", "absolute_links": "ignore"}},
        "extra_css": [
            "stylesheets/tradesite.css",
            "stylesheets/tradesite-charts.css",
            "stylesheets/tradesite-explorer.css",
        ],
        "extra_javascript": ["javascripts/tradesite-explorer.js", "javascripts/tradesite-search.js"],
    }


def _asset(name: str) -> bytes:
    return resources.files("tradesite.assets").joinpath(name).read_bytes()


def docs_files(pages: Pages) -> dict[str, str | bytes]:
    """Every file of the root's docs folder: pages, scripts, styles."""
    out: dict[str, str | bytes] = dict(pages.files())
    for name in EXPLORER_SCRIPTS:  # the first loads the others when a reader reaches for a chart or the map
        out[f"javascripts/{name}"] = _asset(f"explorer/{name}")
    out["stylesheets/tradesite-explorer.css"] = _asset("explorer/tradesite-explorer.css")
    out["javascripts/tradesite-search.js"] = (paths.ROOT / "docs" / "javascripts" / "tradesite-search.js").read_bytes()
    out["stylesheets/tradesite.css"] = (paths.ROOT / "docs" / "stylesheets" / "tradesite.css").read_bytes()
    out["stylesheets/tradesite-charts.css"] = theme.css()
    return out


def _write(root: Path, files: Mapping[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _redirect(target: str, canonical: str) -> str:
    """A page that moved: a link and a refresh to its new place (an old URL keeps answering)."""
    return templating.render("redirect.html.j2", target=target, canonical=canonical)


def sitemap(site: Path, base: str) -> str:
    """The root's sitemap: its pages and every series page (not the shell, nor the 404 page)."""
    urlset = ET.Element(f"{{{SITEMAPS}}}urlset")
    for page in sorted(site.rglob("index.html")):
        rel = page.parent.relative_to(site).as_posix()
        if rel.startswith(("_static", f"{SERIES}/api")) or rel.endswith(shell.SLUG):
            continue
        ET.SubElement(ET.SubElement(urlset, f"{{{SITEMAPS}}}url"), f"{{{SITEMAPS}}}loc").text = base + (
            "" if rel == "." else rel + "/"
        )
    ET.indent(urlset, space="  ")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ET.tostring(urlset, encoding="unicode", default_namespace=SITEMAPS)
        + "\n"
    )


def data_of(releases: list[str], settings: Settings) -> ExplorerData:
    """What the root is built from: every release's series (each release's kept in :data:`SERIES_CACHE`)."""
    return ExplorerData(Catalog(sorted(releases), settings.data), cache_dir=SERIES_CACHE)


def build_into(
    work: Path, catalog: Catalog, base: str, data: ExplorerData | None = None, settings: Settings | None = None
) -> Path:
    """Build the root (home, explorer, API) under ``work`` (MkDocs, a child process with ``settings``,
    default a checkout's, in its environment); returns the built folder."""
    data = data or ExplorerData(catalog, cache_dir=SERIES_CACHE)
    pages = Pages(data, base)
    shutil.rmtree(work, ignore_errors=True)
    docs, site = work / "docs", work / "site"
    _write(docs, docs_files(pages))
    cfg = work / "mkdocs.yml"
    cfg.write_text(yaml.safe_dump(config(docs, base), sort_keys=False, allow_unicode=True), encoding="utf-8")
    env = (settings or Settings()).child_env(NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    done = subprocess.run(
        [sys.executable, "-m", engine(), "build", "--clean", "-q", "-f", str(cfg), "-d", str(site)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-12:])
        raise TradesiteError(f"building the site's root pages ({cfg}) failed:\n{tail}")
    shell_dir = site / SERIES / shell.SLUG
    page_shell = shell.Shell((shell_dir / "index.html").read_text(encoding="utf-8"), f"{base}{SERIES}/{shell.SLUG}/")
    for sid in data.series:
        title, description, content = pages.series_page(sid)
        _write(site / SERIES, {f"{sid}/index.html": page_shell.fill(sid, title, description, content)})
    shutil.rmtree(shell_dir)
    _write(site, {f"{SERIES}/api/index.html": _redirect("../../api/", f"{base}api/")})  # where the API's page was
    _write(site, api.files(data))
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site / name).unlink(missing_ok=True)
    _write(site, {SITEMAP: sitemap(site, base)})
    shared_assets.share(site, site / shared_assets.STATIC, urlparse(base).path or "/", version_rel="")
    return site


def place(built: Path, out: Path) -> list[Path]:
    """Swap the root's folders and files (made by :func:`build_into`, or placed in a folder of their
    own by :func:`build`) into the built versioned site ``out``."""
    placed = []
    for name in ROOT_FOLDERS:
        target, old = out / name, out / f".{name}.old"
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            os.replace(target, old)
        if (built / name).exists():
            os.replace(built / name, target)
            placed.append(target)
        shutil.rmtree(old, ignore_errors=True)
    for name in ROOT_FILES:
        if (built / name).is_file():
            os.replace(built / name, out / name)
            placed.append(out / name)
    shared_assets.copy_into(built / shared_assets.STATIC, out)
    return placed


def build(
    out: Path,
    releases: list[str] | None = None,
    base: str | None = None,
    data: ExplorerData | None = None,
    settings: Settings | None = None,
) -> list[Path]:
    """Write the site's root (home, ``series/``, ``api/``) into the built versioned site ``out``
    (each replaced whole, only once built completely)."""
    out = Path(out)
    settings = settings or Settings()
    catalog = Catalog(sorted(releases) if releases else None, data_dir=settings.data)
    work = out.parent / f"{out.name}-root-work"
    try:
        placed = place(build_into(work, catalog, base or site_url(), data, settings), out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return placed


def commit(
    repo: Path, branch: str, releases: list[str], base: str | None = None, settings: Settings | None = None
) -> ExplorerData:
    """Refresh the root (home, ``series/``, ``api/``, new shared assets) on ``branch`` (gh-pages),
    writing only the files that changed (:func:`..branch.replace`); returns the data it was built
    from, for the steps after it."""
    work = Path(repo) / "build" / "root-publish"
    try:
        settings = settings or Settings()
        data = data_of(releases, settings)
        built = build_into(work, data.catalog, base or site_url(), data=data, settings=settings)
        owned = [
            (rel, path)
            for path in sorted(p for p in built.rglob("*") if p.is_file())
            if (rel := path.relative_to(built).as_posix()).split("/", 1)[0] in ROOT_FOLDERS
            or rel in ROOT_FILES
            or rel.startswith(shared_assets.STATIC + "/")
        ]
        branch_files.replace(
            Path(repo),
            branch,
            "Refresh the site's root: home, series explorer, API",
            ROOT_FOLDERS,
            owned,
            spare=(revised_since.FOLDER, revised_since.SCHEMA),  # inside api/, the next step's
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return data

"""The series explorer and the static API, at the root of the versioned site, built once per site
build (never per version): ``/series/`` (a second MkDocs build with the site's theme: one page
per series, topics, trading partners, compare, map, the API's documentation) and ``/api/``.

:func:`build` writes both beside the mike versions (``build_all``); :func:`commit` puts them on
the gh-pages branch (``publish``). Everything is built in a scratch folder and swapped in whole.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import yaml

from ... import paths
from ...errors import TradesiteError
from ...periods import month_year
from ...report import series as series_catalogue
from ...report.catalog import Catalog
from .. import theme
from ..build import engine
from ..pages import VEGA_BUNDLE
from ..urls import site_url
from . import api, geo
from .pages import Pages

SERIES = "series"
ROOT_FOLDERS = (SERIES, api.API)
NAV = [("Series explorer", "index.md"), ("Trading partners", "partners/index.md"), ("Map", "map/index.md"),
       ("Compare", "compare/index.md"), ("Static API", "api/index.md")]


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's ``!ENV`` tags read as their default (the explorer sets its own site_url)."""


_Loader.add_constructor("!ENV", lambda loader, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None)


def config(docs: Path, base: str) -> dict:
    """The explorer's mkdocs config: the site's theme, palette, Markdown and search, its own pages."""
    main = yaml.load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    theme_cfg = dict(main["theme"], custom_dir=str(paths.ROOT / "docs" / "overrides"))
    theme_cfg["features"] = [f for f in theme_cfg.get("features", []) if f != "navigation.instant"]
    search = next((p for p in main["plugins"] if isinstance(p, dict) and "search" in p), {"search": {}})
    return {
        "site_name": main["site_name"], "site_description": main.get("site_description", ""),
        "site_url": f"{base}{SERIES}/", "docs_dir": str(docs), "strict": True, "use_directory_urls": True,
        "theme": theme_cfg, "plugins": [search], "markdown_extensions": main.get("markdown_extensions", []),
        "nav": [{title: path} for title, path in NAV] + [{"The report (latest release)": f"{base}latest/"}],
        "not_in_nav": "/*/index.md\n/topics/\n/partners/*/\n",
        "validation": {"links": {"not_found": "ignore", "unrecognized_links": "ignore", "absolute_links": "ignore"}},
        "extra_css": ["stylesheets/tradesite.css", "stylesheets/tradesite-explorer.css"],
        "extra_javascript": ["javascripts/tradesite-theme.js", "javascripts/tradesite-explorer.js",
                             "javascripts/tradesite-search.js"],
    }


def _asset(name: str) -> bytes:
    return resources.files("tradesite.assets").joinpath(name).read_bytes()


def docs_files(pages: Pages, map_data: dict | None) -> dict[str, str | bytes]:
    """Every file of the explorer's docs folder: pages, scripts, styles, map data and geometry."""
    import json

    out: dict[str, str | bytes] = dict(pages.files(map_data))
    out["javascripts/tradesite-explorer.js"] = _asset("explorer/tradesite-explorer.js")
    out["stylesheets/tradesite-explorer.css"] = _asset("explorer/tradesite-explorer.css")
    out[VEGA_BUNDLE] = _asset("vega-embed.bundle.js")  # loaded by tradesite-explorer.js where a chart is drawn
    out["javascripts/tradesite-theme.js"] = theme.javascript()
    out["javascripts/tradesite-search.js"] = (paths.ROOT / "docs" / "javascripts" / "tradesite-search.js").read_bytes()
    out["stylesheets/tradesite.css"] = (paths.ROOT / "docs" / "stylesheets" / "tradesite.css").read_bytes()
    out[f"assets/{geo.GEOMETRY}"] = geo.geometry()
    if map_data is not None:
        out["map/map.json"] = json.dumps(map_data, ensure_ascii=False, separators=(",", ":"))
    return out


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def build_into(work: Path, catalog: Catalog, base: str) -> dict[str, Path]:
    """Build the explorer and the API under ``work``; returns root folder name -> built folder."""
    cat = series_catalogue.build(catalog)
    months = {r: month_year(r) for r in catalog.ids}
    shutil.rmtree(work, ignore_errors=True)
    docs, site, api_dir = work / "docs", work / SERIES, work / api.API
    _write(docs, docs_files(Pages(cat, months), geo.data(cat)))
    cfg = work / "mkdocs.yml"
    cfg.write_text(yaml.safe_dump(config(docs, base), sort_keys=False, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    done = subprocess.run([sys.executable, "-m", engine(), "build", "--clean", "-q", "-f", str(cfg), "-d", str(site)],
                          cwd=work, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-12:])
        raise TradesiteError(f"building the series explorer ({cfg}) failed:\n{tail}")
    _write(work, {rel: data for rel, data in api.files(cat, catalog).items()})
    return {SERIES: site, api.API: api_dir}


def build(out: Path, releases: list[str] | None = None, base: str | None = None) -> list[Path]:
    """Write ``series/`` and ``api/`` at the root of the built versioned site ``out`` (each
    replaced whole, only once built completely)."""
    out = Path(out)
    catalog = Catalog(sorted(releases)) if releases else Catalog()
    work = out.parent / f"{out.name}-explorer-work"
    built = build_into(work, catalog, base or site_url())
    placed = []
    for name, folder in built.items():
        target = out / name
        old = out / f".{name}.old"
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            os.replace(target, old)
        os.replace(folder, target)
        shutil.rmtree(old, ignore_errors=True)
        placed.append(target)
    shutil.rmtree(work, ignore_errors=True)
    return placed


def commit(repo: Path, branch: str, releases: list[str], base: str | None = None) -> None:
    """Refresh ``series/`` and ``api/`` on ``branch`` (gh-pages) for the deployed releases."""
    from mike import git_utils

    work = Path(repo) / "build" / "explorer-publish"
    built = build_into(work, Catalog(sorted(releases)), base or site_url())
    import contextlib

    with contextlib.chdir(repo), git_utils.Commit(branch, "Refresh the series explorer and the static API") as c:
        for name, folder in built.items():
            c.delete_files([name])
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                c.add_file(git_utils.FileInfo(f"{name}/{path.relative_to(folder).as_posix()}", path.read_bytes()))
    shutil.rmtree(work, ignore_errors=True)

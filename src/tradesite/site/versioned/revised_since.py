"""'Revised since': for every release of the site, what later releases revised of the figures
on each of its pages, as one small JSON file per release at the root
(``api/revised-since/RELEASE.json``), written by every site build and refreshed by every publish.

A published version is never rebuilt, so its pages cannot say what came after them: the page's
script (``docs/javascripts/tradesite-revisions.js``) reads this file at run time and writes its
``text`` into the banner of an earlier release, with a link to the same page in the newest
release. The figures of a page are those its tables show and, on the release home, the headline's:
each version carries them (``figures.json.gz``, written by its own build, ``site.pages``), so a
publish reads them instead of building old releases again; the chapters about revisions
themselves (what changed, vintages) show earlier figures on purpose and say nothing.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pandas as pd

from ...periods import month_year
from ...report import revised_since as R
from ...report import series as S
from ...report.catalog import Catalog

FOLDER = "api/revised-since"
#: Its schema, beside the API's (the root's step spares both).
SCHEMA = "api/schemas/revised-since.schema.json"


def url(release: str) -> str:
    return f"{FOLDER}/{release}.json"


def release_file(release: str, pages: dict[str, pd.DataFrame], observations: pd.DataFrame, newest: str) -> dict:
    """The JSON of one release: for each of its pages with figures (:data:`FIGURES` of its
    version), what later releases revised."""
    pages = {path: f for path, f in pages.items() if not f.empty}
    out = {}
    if pages:
        every = pd.concat(pages.values(), ignore_index=True).drop_duplicates(["series", "period"])
        rev = R.revised(every, release, observations)  # once for the whole release
        for path, figs in sorted(pages.items()):
            s = R.summary(rev.merge(figs[["series", "period"]], on=["series", "period"]))
            out[path] = {
                "text": R.sentence(s, newest),
                "chapter_text": R.sentence(s, newest, chapter=True),
                "figures": s["figures"],
                "revised": s["revised"],
                "by": [list(b) for b in s["by"]],
                "largest": s["largest"],
                "newest_url": f"{newest}/{path}",
            }
    return {
        "$schema": "../schemas/revised-since.schema.json",
        "release": release,
        "month": month_year(release),
        "newest": newest,
        "newest_month": month_year(newest),
        "pages": out,
    }


def files(figures: dict[str, dict[str, pd.DataFrame]], observations: pd.DataFrame) -> dict[str, bytes]:
    """Every release's file (release -> its pages' figures, read from each version's
    :data:`FIGURES`), path relative to the site root -> bytes."""
    ids = sorted(figures)
    newest = ids[-1]
    out = {}
    for rid in ids:
        doc = release_file(rid, figures[rid] if rid != newest else {}, observations, newest)
        out[url(rid)] = (json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n").encode()
    schema = Path(__file__).parent / "explorer" / "schemas" / "revised-since.schema.json"
    out[SCHEMA] = schema.read_bytes()
    return out


def write(
    out: Path, releases: list[str], observations: pd.DataFrame | None = None, data_dir: Path | None = None
) -> list[Path]:
    """Write the files at the root of a built versioned site (after the root, which replaces api/),
    from each version's figures."""
    figures = {
        r: R.read_figures((Path(out) / r / R.FIGURES).read_bytes(), str(Path(out) / r / R.FIGURES)) for r in releases
    }
    observations = S.build(Catalog(sorted(releases), data_dir)).observations if observations is None else observations
    written = []
    for rel, data in files(figures, observations).items():
        path = Path(out) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def commit(
    repo: Path, branch: str, releases: list[str], data_dir: Path | None = None, observations: pd.DataFrame | None = None
) -> None:
    """Refresh the files on ``branch`` (gh-pages) for the deployed releases, from the figures each
    deployed version carries; ``observations``: the series catalogue's, when the root's build has
    them (reading every release's tables again cost a publish a minute at 60 releases)."""
    from mike import git_utils

    from .branch import replace

    with contextlib.chdir(repo):
        figures = {}
        for r in releases:
            where = f"{branch}:{r}/{R.FIGURES}"
            try:
                data = git_utils.read_file(branch, f"{r}/{R.FIGURES}")
            except git_utils.GitError:
                continue  # a version published before versions carried their figures: nothing said of it
            figures[r] = R.read_figures(data, where)
    if observations is None:
        observations = S.build(Catalog(sorted(releases), data_dir)).observations
    made = files(figures, observations)
    replace(Path(repo), branch, "Refresh what later releases revised", [FOLDER], sorted(made.items()))

"""'Revised since': for every release of the site, what later releases revised of the figures
on each of its pages, as one small JSON file per release at the root
(``api/revised-since/RELEASE.json``), written by every site build and refreshed by every publish.

A published version is never rebuilt, so its pages cannot say what came after them: the page's
script (``docs/javascripts/tradesite-revisions.js``) reads this file at run time and writes its
``text`` into the banner of an earlier release, with a link to the same page in the newest
release. The figures of a page are those its tables show (each chapter built as the release's own
build builds it, without rendering) and, on the release home, the headline's; the chapters about
revisions themselves (what changed, vintages) show earlier figures on purpose and say nothing.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pandas as pd

from ..releases import month_name
from ..report import revised_since as R
from ..report import series as S
from ..report.catalog import Catalog, ReleaseView
from ..report.frames import current
from ..report.headline import SOURCES, headline
from .chapters import build as build_chapter
from .chapters import modules, status_of

FOLDER = "api/revised-since"
#: Chapters whose tables show earlier releases' figures by design.
SKIP = {"what-changed", "vintages"}
NEEDED = {"measure", "value", "period_type", "vintage", "exhibit", "hierarchy", "flow", "basis",
          "seasonal_adjustment", "unit", "source_file", "period"}


def url(release: str) -> str:
    return f"{FOLDER}/{release}.json"


def _home_rows(view: ReleaseView) -> pd.DataFrame:
    """The rows behind the release home's headline (its month and the month it is compared with)."""
    h = headline(view)
    if h is None:
        return pd.DataFrame()
    df = current(view.exhibit(h.exhibit))
    line = SOURCES[h.exhibit][1]
    return df[(df["line_item"] == line) & (df["period_type"] == "month") & df["period"].isin([h.period, h.compared_with])]


def page_rows(view: ReleaseView) -> dict[str, pd.DataFrame]:
    """Path inside the version ('' the home, 'overview/') -> the tidy rows its tables show."""
    out = {"": _home_rows(view)}
    for module in modules():
        if module.SLUG in SKIP:
            continue
        status = status_of(module, view)
        chapter = build_chapter(module, view, status)
        if chapter is None:
            continue
        frames = [t.long for t in chapter.tables() if t.long is not None and NEEDED <= set(t.long.columns)]
        if frames:
            out[f"{chapter.slug}/"] = pd.concat(frames, ignore_index=True)
    return out


def release_file(view: ReleaseView, observations: pd.DataFrame, newest: str) -> dict:
    """The JSON of one release: for each of its pages with figures, what later releases revised."""
    pages = {}
    for path, rows in page_rows(view).items():
        figures = R.page_figures(rows) if not rows.empty else pd.DataFrame()
        if figures.empty:
            continue
        s = R.summary(R.revised(figures, view.id, observations))
        pages[path] = {"text": R.sentence(s, newest), "chapter_text": R.sentence(s, newest, chapter=True),
                       "figures": s["figures"], "revised": s["revised"], "by": [list(b) for b in s["by"]],
                       "largest": s["largest"], "newest_url": f"{newest}/{path}"}
    return {"$schema": "../schemas/revised-since.schema.json", "release": view.id, "month": month_name(view.id),
            "newest": newest, "newest_month": month_name(newest), "pages": pages}


def files(catalog: Catalog | None = None) -> dict[str, bytes]:
    """Every release's file, path relative to the site root -> bytes."""
    catalog = catalog or Catalog()
    observations = S.build(catalog).observations
    newest = catalog.ids[-1]
    out = {}
    for rid in catalog.ids:
        doc = release_file(ReleaseView(catalog.load(rid), catalog), observations, newest) if rid != newest else {
            "$schema": "../schemas/revised-since.schema.json", "release": rid, "month": month_name(rid),
            "newest": newest, "newest_month": month_name(newest), "pages": {}}
        out[url(rid)] = (json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n").encode()
    schema = Path(__file__).parent / "explorer" / "schemas" / "revised-since.schema.json"
    out["api/schemas/revised-since.schema.json"] = schema.read_bytes()
    return out


def write(out: Path, releases: list[str]) -> list[Path]:
    """Write the files at the root of a built versioned site (after the explorer, which replaces api/)."""
    written = []
    for rel, data in files(Catalog(sorted(releases))).items():
        path = Path(out) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def commit(repo: Path, branch: str, releases: list[str]) -> None:
    """Refresh the files on ``branch`` (gh-pages) for the deployed releases (after the explorer's commit)."""
    from mike import git_utils

    made = files(Catalog(sorted(releases)))
    with contextlib.chdir(repo), git_utils.Commit(branch, "Refresh what later releases revised") as c:
        c.delete_files([FOLDER])
        for rel, data in sorted(made.items()):
            c.add_file(git_utils.FileInfo(rel, data))

"""The static API at the site root: plain files any static host serves.

    /api/series.json              every series: id, title, unit, flow, basis, seasonal
                                  adjustment, frequency, page URL, CSV and JSON URLs
    /api/series/<id>.csv          period, value, unit, release (the vintage), status
    /api/series/<id>.json         the same values and what the page needs (one small file)
    /api/releases.json            every release: dates and coverage (chapter statuses)
    /api/schemas/*.schema.json    a JSON Schema for each (tests validate the files against them)

Periods are ISO: ``YYYY``, ``YYYY-MM``, ``YYYY-Qn`` (the tidy tables' own text). Values are as
published, in the series' unit; ``status`` is ``revised`` where the release marks the value
revised (R) or an earlier release printed another value for the period, else ``unrevised``.
URLs in the listings are relative to the site root (a host may serve it under a path).
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources

from ...periods import month_year
from ...report.catalog import Catalog
from ...report.series import Series, SeriesCatalog
from ...schema import format_value
from ..chapters import modules
from ..coverage import Matrix

API = "api"
CSV_COLUMNS = ["period", "value", "unit", "release", "status"]
SCHEMAS = ("series-list", "series", "releases")


def page_url(series_id: str) -> str:
    return f"series/{series_id}/"


def csv_url(series_id: str) -> str:
    return f"{API}/series/{series_id}.csv"


def json_url(series_id: str) -> str:
    return f"{API}/series/{series_id}.json"


def schema_url(name: str) -> str:
    return f"{API}/schemas/{name}.schema.json"


def _dumps(obj, pretty: bool = False) -> bytes:
    if pretty:
        return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode()
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def number(v: float) -> int | float:
    """A value as published: whole numbers as integers (as the files print them)."""
    f = float(v)
    return int(f) if f.is_integer() else float(format_value(f))


def record(s: Series) -> dict:
    """One entry of ``series.json``."""
    return {
        "id": s.id, "title": s.title, "unit": s.unit, "flow": s.flow, "basis": s.key.basis,
        "seasonal_adjustment": s.key.seasonal_adjustment, "frequency": s.key.frequency,
        "line": list(s.labels), "partner": s.partner or None,
        "first": s.first, "last": s.last, "releases": s.releases,
        "page": page_url(s.id), "csv": csv_url(s.id), "json": json_url(s.id),
    }


def series_list(cat: SeriesCatalog) -> dict:
    return {"$schema": "schemas/series-list.schema.json", "count": len(cat.series),
            "series": [record(s) for s in cat.series.values()]}


def series_csv(cat: SeriesCatalog, series_id: str) -> bytes:
    """Every vintage of every period: one row per period and release that published it."""
    s = cat.get(series_id)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for period, value, release, status, *_ in cat.rows(series_id):
        w.writerow([period, format_value(value), s.unit, release, status])
    return buf.getvalue().encode("utf-8")


def series_json(cat: SeriesCatalog, series_id: str, release_meta: dict[str, dict]) -> dict:
    """The series page's one file: metadata, the releases (vintages) with their files, and the
    observations ``[period, value, release index, revised 0/1]`` (compact: a page loads it)."""
    s = cat.get(series_id)
    rows = cat.rows(series_id)
    vintages = sorted({r[2] for r in rows})
    index = {r: i for i, r in enumerate(vintages)}
    files: dict[str, list] = {}
    for rel, exhibit, source_file, via in sorted({(r[2], r[5], r[6], r[4]) for r in rows}):
        files.setdefault(rel, []).append({"exhibit": exhibit, "file": source_file, "via": via or None})
    return {
        **record(s),
        "$schema": "../schemas/series.schema.json",
        "exhibits": s.exhibits,
        "vintages": [{"release": r, "month": month_year(r), "published": release_meta.get(r, {}).get("published"),
                      "on_site": r in release_meta, "files": files[r]} for r in vintages],
        "observations": [[period, number(value), index[release], int(status == "revised")]
                         for period, value, release, status, *_ in rows],
    }


def releases_json(catalog: Catalog) -> dict:
    """Every release of the site: its dates, files' exhibits and each chapter's coverage."""
    matrix = Matrix(catalog)
    out = []
    for rid in catalog.ids:
        meta = catalog.load(rid).meta
        release = catalog.load(rid)
        out.append({
            "id": rid, "month": month_year(rid), "title": meta.get("title"),
            "published": meta.get("published"), "next_release": meta.get("next_release"),
            "url": f"{rid}/", "exhibits": release.exhibits(),
            "sources": [{"file": s["file"], "url": s.get("url"), "sha256": s.get("sha256")} for s in meta["sources"]],
            "coverage": {m.SLUG: matrix.status(rid, m).state for m in modules()},
        })
    return {"$schema": "schemas/releases.schema.json", "count": len(out), "releases": out}


def schema(name: str) -> dict:
    return json.loads(resources.files("tradesite.site.explorer").joinpath(f"schemas/{name}.schema.json").read_text())


def files(cat: SeriesCatalog, catalog: Catalog) -> dict[str, bytes]:
    """Every file of the API, path relative to the site root -> bytes."""
    out: dict[str, bytes] = {f"{API}/series.json": _dumps(series_list(cat)),
                             f"{API}/releases.json": _dumps(releases_json(catalog), pretty=True)}
    meta = {r: catalog.load(r).meta for r in catalog.ids}
    for sid in cat.series:
        out[csv_url(sid)] = series_csv(cat, sid)
        out[json_url(sid)] = _dumps(series_json(cat, sid, meta))
    for name in SCHEMAS:
        out[schema_url(name)] = _dumps(schema(name), pretty=True)
    return out

"""The static API at the site root: plain files any static host serves.

    /api/                                  the API's documentation (a page)
    /api/series.json                       every series: id, title, unit, flow, basis, seasonal
                                           adjustment, frequency, page, CSV and JSON URLs
    /api/series/<id>.csv                   the newest value of every period: period, value, unit,
                                           release, status
    /api/series/<id>.vintages.csv          every value each release published, stored once: period,
                                           value, unit, first_release, last_release, status, precision
                                           (the step of its last printed digit: 100 for a figure a
                                           release page printed to a tenth of a billion)
    /api/series/<id>.json                  the series' metadata: its releases (vintages) with their
                                           dates and the files its values come from, and how much
                                           its first estimates moved (revision statistics)
    /api/series/<id>/revisions.csv         per period: first, next release's and newest value, the
                                           number of revisions, the total revision
    /api/series/<id>/triangle.csv          the revision triangle of its recent periods: period ×
                                           release (the newest 36 of each), each release's value
    /api/vintages.parquet                  every vintage of every series in one Parquet file
    /api/revisions.json                    the headline series ranked by how much their first
                                           estimates move
    /api/releases.json                     every release: dates and coverage (chapter statuses)
    /api/schemas/*.schema.json             a JSON Schema for each (tests validate the files)

Vintages are stored as change points (ALFRED's realtime_start / realtime_end): a value is written
once, with the first release that published it and the last release it was still the newest word
in (empty while it still is), so the files grow with the revisions, not with releases × periods.
The value of a period *as known at release R* is the row with ``first_release <= R`` and
``last_release`` empty or ``>= R``.

Periods are ISO: ``YYYY``, ``YYYY-MM``, ``YYYY-Qn`` (the tidy tables' own text). Values are as
published, in the series' unit; ``status`` is ``revised`` for a value that replaced an earlier one
(or one its file marks revised, R), else ``unrevised``. URLs in the listings are relative to the
site root (a host may serve it under a path). Text a spreadsheet could read as a formula is
written safe (:func:`...render.table_csv.spreadsheet_safe`).
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources

from ....periods import month_year
from ....report import revision_stats
from ....report.catalog import Catalog
from ....report.series import Series
from ....schema import format_value
from ...chapters import modules
from ...release.coverage import Matrix
from ...render.table_csv import spreadsheet_safe
from . import vintage_files
from .data import ExplorerData, SeriesData

API = "api"
CSV_COLUMNS = ["period", "value", "unit", "release", "status"]
VINTAGE_COLUMNS = ["period", "value", "unit", "first_release", "last_release", "status", "precision"]
SCHEMAS = ("series-list", "series", "releases", "revisions", "ranking")
#: A series' revision triangle file: its newest periods, as its newest releases printed them,
#: so that the file stays the same size however many releases there are (issue 20: a year is
#: printed by every release, so an annual series' triangle of its newest 36 periods had a column
#: for every release, 60 at 60 releases); every value of every release is in the vintages CSV.
TRIANGLE_PERIODS = 36
TRIANGLE_RELEASES = 36


def page_url(series_id: str) -> str:
    return f"series/{series_id}/"


def csv_url(series_id: str) -> str:
    return f"{API}/series/{series_id}.csv"


def vintages_url(series_id: str) -> str:
    return f"{API}/series/{series_id}.vintages.csv"


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


def record(s: Series, releases: list[str]) -> dict:
    """One entry of ``series.json``."""
    return {
        "id": s.id,
        "title": s.title,
        "unit": s.unit,
        "flow": s.flow,
        "basis": s.key.basis,
        "seasonal_adjustment": s.key.seasonal_adjustment,
        "frequency": s.key.frequency,
        "line": list(s.labels),
        "partner": s.partner or None,
        "first": s.first,
        "last": s.last,
        "releases": releases,
        "page": page_url(s.id),
        "csv": csv_url(s.id),
        "vintages_csv": vintages_url(s.id),
        "json": json_url(s.id),
    }


def series_list(data: ExplorerData) -> dict:
    return {
        "$schema": "schemas/series-list.schema.json",
        "count": len(data.series),
        "series": [record(sd.series, sd.series.releases) for sd in data.series.values()],
    }


def _csv(header: list[str], rows) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([spreadsheet_safe(x) if isinstance(x, str) else x for x in row])
    return buf.getvalue().encode("utf-8")


def series_csv(sd: SeriesData) -> bytes:
    """The newest value of every period."""
    unit = sd.series.unit
    return _csv(CSV_COLUMNS, ((p[0], format_value(p[1]), unit, p[2], p[4]) for p in sd.latest))


def vintages_csv(sd: SeriesData) -> bytes:
    """Every published value once, with the first and last release it stood in."""
    unit = sd.series.unit
    return _csv(
        VINTAGE_COLUMNS,
        (
            (p, format_value(v), unit, first, last, status, format_value(precision))
            for p, v, first, last, status, precision in sd.points
        ),
    )


def series_json(
    sd: SeriesData,
    release_meta: dict[str, dict],
    files: dict[tuple[str, str], list[dict]],
    statistics: dict | None = None,
) -> dict:
    """The series' metadata: its lines, the releases its values come from (with their dates and
    the files each value was read from) and the paths of its values (the CSVs)."""
    s = sd.series
    used = sorted({p[2] for p in sd.points})
    return {
        **record(s, s.releases),
        "$schema": "../schemas/series.schema.json",
        "exhibits": s.exhibits,
        "periods": len(sd.latest),
        "values": len(sd.points),
        "revised_periods": len(sd.revised_periods),
        "revisions": statistics or {"series": s.id, "periods": 0, "periods_next": 0},
        "revisions_csv": vintage_files.revisions_url(s.id),
        "triangle_csv": vintage_files.triangle_url(s.id),
        "vintages": vintage_runs(used, list(release_meta), release_meta, files.get, s.id),
    }


def vintage_runs(used: list[str], order: list[str], meta: dict[str, dict], files_of, series_id: str) -> list[dict]:
    """The releases whose values the series holds (``used``), as runs of consecutive releases of
    the site (``order``) that read it from the same files: one entry a run, not a release, so the
    file grows with changes of source, not with releases (issue 20: one entry a release was 1 MB
    of the API a release). A file named after its release (trad0325.pdf, trad-time-series-0325.xlsx)
    is the same file when it is its release's one file of that ``kind``; its ``file`` is then null
    for a run of several releases, and each release's name is in ``api/releases.json``."""
    position = {r: i for i, r in enumerate(order)}
    runs: list[dict] = []
    before: list[tuple] = []  # the last release's files: (exhibit, kind, file, via, alone in its release)
    for r in used:
        sources = meta.get(r, {}).get("sources", [])
        kinds = [src.get("kind") for src in sources]
        kind_by_file = {src["file"]: src.get("kind") for src in sources}
        files = [
            (
                f["exhibit"],
                kind_by_file.get(f["file"]),
                f["file"],
                f["via"],
                kinds.count(kind_by_file.get(f["file"])) == 1,
            )
            for f in files_of((series_id, r), [])
        ]
        same = len(files) == len(before) and all(
            a[0] == b[0] and a[1] == b[1] and a[3] == b[3] and (a[2] == b[2] or (a[1] and a[4] and b[4]))
            for a, b in zip(before, files)
        )
        last = runs[-1] if runs else None
        if last is not None and same and r in position and position.get(last["last_release"], -2) + 1 == position[r]:
            last["last_release"] = r
            last["releases"] += 1
            for kept, f in zip(last["files"], files):
                if kept["file"] != f[2]:
                    kept["file"] = None
        else:
            runs.append(
                {
                    "first_release": r,
                    "last_release": r,
                    "releases": 1,
                    "on_site": r in position,
                    "files": [{"exhibit": e, "kind": k, "file": name, "via": via} for e, k, name, via, _ in files],
                }
            )
        before = files
    return runs


def releases_json(catalog: Catalog) -> dict:
    """Every release of the site: its dates, files' exhibits and each chapter's coverage."""
    matrix = Matrix(catalog)
    out = []
    for rid in catalog.ids:
        release = catalog.load(rid)
        meta = release.meta
        out.append(
            {
                "id": rid,
                "month": month_year(rid),
                "title": meta.get("title"),
                "published": meta.get("published"),
                "next_release": meta.get("next_release"),
                "url": f"{rid}/",
                "exhibits": release.exhibits(),
                "sources": [
                    {"file": s["file"], "kind": s.get("kind"), "url": s.get("url"), "sha256": s.get("sha256")}
                    for s in meta["sources"]
                ],
                "coverage": {m.SLUG: matrix.status(rid, m).state for m in modules()},
            }
        )
    return {"$schema": "schemas/releases.schema.json", "count": len(out), "releases": out}


def schema(name: str) -> dict:
    return json.loads(
        resources.files("tradesite.site.versioned.explorer").joinpath(f"schemas/{name}.schema.json").read_text()
    )


def triangle_csv(data: ExplorerData, sid: str) -> bytes:
    """The revision triangle of the series' newest :data:`TRIANGLE_PERIODS` periods, as the newest
    :data:`TRIANGLE_RELEASES` releases that printed them printed them."""
    rows = data.cat.rows(sid)  # (period, value, release, ...) by period, then release
    recent = set(sorted({r[0] for r in rows})[-TRIANGLE_PERIODS:])
    releases = set(sorted({r[2] for r in rows if r[0] in recent})[-TRIANGLE_RELEASES:])
    return vintage_files.triangle_csv_of((r[0], r[2], r[1]) for r in rows if r[0] in recent and r[2] in releases)


def files(data: ExplorerData) -> dict[str, bytes]:
    """Every data file of the API, path relative to the site root -> bytes."""

    catalog = data.catalog
    out: dict[str, bytes] = {
        f"{API}/series.json": _dumps(series_list(data)),
        f"{API}/releases.json": _dumps(releases_json(catalog), pretty=True),
    }
    meta = {r: catalog.load(r).meta for r in catalog.ids}
    stats = {r["series"]: r for r in data.revision_statistics.to_dict("records")}
    for sid, sd in data.series.items():
        out[csv_url(sid)] = series_csv(sd)
        out[vintages_url(sid)] = vintages_csv(sd)
        numbers = {k: revision_stats._plain(v) for k, v in stats[sid].items()} if sid in stats else None
        out[json_url(sid)] = _dumps(series_json(sd, meta, data.files, numbers))
        out[vintage_files.revisions_url(sid)] = vintage_files.revisions_csv_of(data.revision_rows.get(sid, []))
        out[vintage_files.triangle_url(sid)] = triangle_csv(data, sid)
    units = {sid: sd.series.unit for sid, sd in data.series.items()}
    out[vintage_files.PARQUET] = vintage_files.vintages_parquet(data.points, units)
    out[vintage_files.RANKING] = vintage_files.dumps(
        vintage_files.ranking_json(
            data.revision_statistics, {sid: sd.series.title for sid, sd in data.series.items()}, units
        )
    )
    for name in SCHEMAS:
        out[schema_url(name)] = _dumps(schema(name), pretty=True)
    return out

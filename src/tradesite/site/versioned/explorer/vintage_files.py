"""The API's files of vintages and revisions, as bytes (the explorer's ``api.files`` writes them).

    /api/vintages.parquet                     every value of every series with the first and the last
                                              release it was the latest word in (:func:`vintages_parquet`)
    /api/series/<id>/as-of.csv                the series as known at each release: one column per
                                              release, a period's value carried while no release
                                              revised it (:func:`as_of_matrix_csv`)
    /api/series/<id>/as-of/<release>.csv      the series as known at one release (:func:`as_of_csv`)
    /api/series/<id>/triangle.csv             the revision triangle: what each release printed
    /api/series/<id>/revisions.csv            per period: first, next, latest, revisions
    /api/series/<id>/revisions.json           the same with the series' statistics
    /api/revisions.json                       the headline series ranked by their typical revision

Values are in the series' unit (``value``); the figure as printed is kept beside it
(``published_value``, ``published_unit``: the release page's "$98.4 billion" stays 98.4 billions)
with ``precision``, the step of its last printed digit in the series' unit. CSVs are UTF-8
without a byte order mark (the API's own; the site's table downloads carry one for Excel).
JSON Schemas: ``schemas/revisions.schema.json``, ``schemas/ranking.schema.json``.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable

import pandas as pd

from ....report import revision_stats as R
from ....report.vintages import as_of
from ....schema import format_value

API = "api"
PARQUET = f"{API}/vintages.parquet"
RANKING = f"{API}/revisions.json"
#: Columns of the Parquet file, in order.
PARQUET_COLUMNS = [
    "series",
    "period",
    "value",
    "unit",
    "first_release",
    "last_release",
    "status",
    "precision",
    "published_value",
    "published_unit",
]
#: Columns of a series' as-of CSV: the Parquet file's but the series id.
AS_OF_COLUMNS = PARQUET_COLUMNS[1:]
PERIOD_CSV_COLUMNS = [
    "period",
    "first_release",
    "first",
    "first_estimate",
    "next_release",
    "next",
    "latest_release",
    "latest",
    "releases",
    "revisions",
    "total_revision",
    "revised",
    "next_revision",
    "precision",
]

#: How to read the Parquet file (shown on the API page; tests/site/test_vintage_files.py runs both).
DUCKDB_EXAMPLE = """\
import duckdb

# the goods and services balance as known at the 2025-03 release
duckdb.sql('''
    SELECT period, value, unit, first_release
    FROM 'vintages.parquet'
    WHERE series = 'goods-and-services-balance-bop-sa-monthly'
      AND first_release <= '2025-03'
      AND (last_release = '' OR last_release >= '2025-03')
    ORDER BY period
''').show()
"""
PANDAS_EXAMPLE = """\
import pandas as pd

v = pd.read_parquet("vintages.parquet")
balance = v[v["series"] == "goods-and-services-balance-bop-sa-monthly"]
# every value December 2024 had, and the releases it stood in
print(balance[balance["period"] == "2024-12"][["value", "unit", "first_release", "last_release", "status"]])
# the series as known at the 2025-03 release
known = balance[(balance["first_release"] <= "2025-03")
                & ((balance["last_release"] == "") | (balance["last_release"] >= "2025-03"))]
"""


def series_dir(series_id: str) -> str:
    return f"{API}/series/{series_id}"


def as_of_url(series_id: str, release: str | None = None) -> str:
    """The as-of file of a series: every release's columns, or one release's."""
    return f"{series_dir(series_id)}/as-of.csv" if release is None else f"{series_dir(series_id)}/as-of/{release}.csv"


def triangle_url(series_id: str) -> str:
    return f"{series_dir(series_id)}/triangle.csv"


def revisions_url(series_id: str, ext: str = "csv") -> str:
    return f"{series_dir(series_id)}/revisions.{ext}"


def _csv(header: list[str], rows) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _num(v) -> str:
    return "" if v is None or (isinstance(v, float) and math.isnan(v)) else format_value(v)


def _unit_of(points: pd.DataFrame, units: dict[str, str]) -> pd.Series:
    missing = sorted(set(points["series"]) - set(units))
    if missing:
        raise KeyError(
            f"no unit for series {missing[0]!r} (and {len(missing) - 1} more); expected every series of the "
            "change points in `units` (series id -> unit: SeriesCatalog.series[id].unit)"
        )
    return points["series"].map(units)


def vintages_parquet(points: pd.DataFrame, units: dict[str, str]) -> bytes:
    """Every change point of every series (:func:`tradesite.report.vintages.change_points`) as one
    Parquet file (:data:`PARQUET_COLUMNS`; ``unit`` the series' from ``units``), sorted by series,
    period and first release; release ids and periods as text ('2025-03', '2025-Q1', '2025'),
    ``last_release`` "" while a value is current."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    df = points.assign(unit=_unit_of(points, units))
    for col, default in (("precision", math.nan), ("published_value", math.nan), ("published_unit", "")):
        if col not in df:
            df = df.assign(**{col: default})
    df = df[PARQUET_COLUMNS].sort_values(["series", "period", "first_release"], kind="stable").reset_index(drop=True)
    schema = pa.schema(
        [
            ("series", pa.string()),
            ("period", pa.string()),
            ("value", pa.float64()),
            ("unit", pa.string()),
            ("first_release", pa.string()),
            ("last_release", pa.string()),
            ("status", pa.string()),
            ("precision", pa.float64()),
            ("published_value", pa.float64()),
            ("published_unit", pa.string()),
        ]
    )
    table = pa.Table.from_pandas(df, schema=schema, preserve_index=False).replace_schema_metadata(
        {
            "description": "U.S. International Trade in Goods and Services (FT-900): every value of every series with "
            "the first and the last release it was the latest word in (last_release empty: current)"
        }
    )
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def as_of_csv(points: pd.DataFrame, series_id: str, release: str, unit: str) -> bytes:
    """The series as known at ``release`` (:data:`AS_OF_COLUMNS`): each period's value then."""
    mine = as_of(points[points["series"] == series_id], release).sort_values("period")
    return _csv(
        AS_OF_COLUMNS,
        [
            [
                r["period"],
                _num(r["value"]),
                unit,
                r["first_release"],
                r["last_release"],
                r["status"],
                _num(r.get("precision")),
                _num(r.get("published_value")),
                r.get("published_unit", ""),
            ]
            for r in mine.to_dict("records")
        ],
    )


def as_of_matrix(points: pd.DataFrame, series_id: str, releases: list[str]) -> pd.DataFrame:
    """Period × release: the value of each period as known at each release (empty before its first)."""
    mine = points[points["series"] == series_id]
    out = pd.DataFrame({"period": sorted(mine["period"].unique())})
    for rel in releases:
        known = as_of(mine, rel).set_index("period")["value"]
        out[rel] = out["period"].map(known)
    return out


def as_of_matrix_csv(points: pd.DataFrame, series_id: str, releases: list[str]) -> bytes:
    """The series as known at every release of ``releases``: ``period``, then one column per release
    (the column headed 2025-03 is the series as the 2025-03 release left it), in the series' unit."""
    m = as_of_matrix(points, series_id, releases)
    return _csv(["period", *releases], [[r[0], *(_num(v) for v in r[1:])] for r in m.itertuples(index=False)])


def triangle_csv(observations: pd.DataFrame, series_id: str) -> bytes:
    """The revision triangle (:func:`tradesite.report.revision_stats.triangle`) as CSV: ``period``,
    then one column per release, the value that release printed (empty where it printed none).
    Built in plain Python, not with ``triangle``'s pivot table: the API writes one per series (a
    pivot each cost 8 ms, 30 s a build); tests/site/test_vintage_files.py holds the two equal."""
    v = observations[observations["series"] == series_id]
    return triangle_csv_of(zip(v["period"].tolist(), v["release"].tolist(), v["value"].tolist()))


def triangle_csv_of(printed: Iterable[tuple[str, str, float]]) -> bytes:
    """:func:`triangle_csv` of one series' (period, release, value) in release order per period
    (the API reads them from the catalogue's plain rows: a frame filtered per series cost 3 ms)."""
    cells: dict[str, dict[str, float]] = {}
    for period, release, value in printed:
        if value == value:  # a NaN prints nothing: the pivot's "first" skips it too
            cells.setdefault(period, {}).setdefault(str(release), value)
    releases = sorted({r for printed in cells.values() for r in printed})
    return _csv(["period", *releases], [[p, *(_num(cells[p].get(r)) for r in releases)] for p in sorted(cells)])


def _period_rows(table: pd.DataFrame, series_id: str) -> pd.DataFrame:
    return table[table["series"] == series_id].sort_values("period")


def revisions_csv(table: pd.DataFrame, series_id: str) -> bytes:
    """Per period (:data:`PERIOD_CSV_COLUMNS`): first value and release, whether it is the first
    estimate, next release's value, latest, how many releases printed it, revisions, total
    revision, revised (1/0), first-to-next revision, and the coarser precision of first and latest."""
    return revisions_csv_of(_period_rows(table, series_id).to_dict("records"))


def revisions_csv_of(rows: list[dict]) -> bytes:
    """:func:`revisions_csv` of one series' revision rows as records, in period order (the API
    holds them so: a frame per series cost more than the CSV)."""
    return _csv(
        PERIOD_CSV_COLUMNS,
        [
            [
                r["period"],
                r["first_release"],
                _num(r["first"]),
                int(bool(r["first_estimate"])),
                r["next_release"],
                _num(r["next"]),
                r["latest_release"],
                _num(r["latest"]),
                r["releases"],
                r["revisions"],
                _num(r["total_revision"]),
                int(bool(r["revised"])),
                _num(r["next_revision"]),
                _num(max(r["first_precision"], r["latest_precision"])),
            ]
            for r in rows
        ],
    )


def revisions_json(table: pd.DataFrame, series_id: str, unit: str) -> dict:
    """The series' revision statistics and its periods' first and latest values (a small chart of
    first vs latest): ``periods`` rows are [period, first release, first, latest release, latest,
    revisions, first estimate 0/1]."""
    rows = _period_rows(table, series_id)
    return {
        "$schema": "../../schemas/revisions.schema.json",
        "series": series_id,
        "unit": unit,
        "statistics": R.series_statistics(table, series_id),
        "columns": ["period", "first_release", "first", "latest_release", "latest", "revisions", "first_estimate"],
        "periods": [
            [
                r["period"],
                r["first_release"],
                _json_num(r["first"]),
                r["latest_release"],
                _json_num(r["latest"]),
                int(r["revisions"]),
                int(bool(r["first_estimate"])),
            ]
            for r in rows.to_dict("records")
        ],
        "csv": revisions_url(series_id),
        "triangle": triangle_url(series_id),
        "as_of": as_of_url(series_id),
    }


def ranking_json(stats: pd.DataFrame, titles: dict[str, str], units: dict[str, str]) -> dict:
    """/api/revisions.json: the headline series ranked by mean absolute revision (first estimate to
    latest), each with its statistics, title and unit."""
    ranked = R.ranking(stats)
    return {
        "$schema": "schemas/ranking.schema.json",
        "count": len(ranked),
        "series": [
            {
                **r,
                "title": titles.get(r["series"], r["series"]),
                "unit": units.get(r["series"], ""),
                "revisions": revisions_url(r["series"], "json"),
            }
            for r in ranked
        ],
    }


def _json_num(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    f = float(v)
    return int(f) if f.is_integer() else f


def dumps(obj) -> bytes:
    """Compact JSON, as the API's other files."""
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n").encode()


def totals_url(series_id: str, how: str) -> str:
    """/api/series/<id>/quarterly.csv, annual.csv, year-to-date.csv."""
    return f"{series_dir(series_id)}/{how.replace('_', '-')}.csv"


def totals_csv(monthly: pd.DataFrame, unit: str, how: str) -> bytes:
    """A monthly flow series (``period``, ``value``: its latest values, or as of a release) as
    quarterly or annual totals or year to date (:func:`tradesite.report.frequency.aggregate`):
    ``period``, ``value``, ``unit``, ``months`` summed. Raises ValueError for a price or a rate."""
    from ....report.frequency import aggregate

    t = aggregate(monthly, how, unit)
    return _csv(["period", "value", "unit", "months"], [[p, _num(v), unit, n] for p, v, n in t.itertuples(index=False)])

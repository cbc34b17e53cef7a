"""The API's vintage and revision files: the Parquet of every vintage (read back with pandas and with
the API page's DuckDB example), the as-of files, the triangle, valid against their JSON Schemas."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from tradesite.report import revision_stats as R
from tradesite.report import vintages as V
from tradesite.site.versioned.explorer import vintage_files as F

SCHEMAS = Path(F.__file__).parent / "schemas"
BALANCE = "goods-and-services-balance-bop-sa-monthly"


@pytest.fixture(scope="module")
def table(cat) -> pd.DataFrame:
    return R.period_table(cat.observations)


@pytest.fixture(scope="module")
def parquet(cat, points, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("api") / "vintages.parquet"
    path.write_bytes(F.vintages_parquet(points, {s: cat.series[s].unit for s in cat.series}))
    return path


def validator(name: str) -> Draft202012Validator:
    registry = Registry().with_resources(
        [(p.name, Resource.from_contents(json.loads(p.read_text()))) for p in SCHEMAS.glob("*.schema.json")])
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_parquet_holds_every_value_each_release_printed(parquet, cat):
    """Every value of the observations is in the Parquet file, in the series' unit, with the first release
    it stood in; the release page's billions keep their printed figure."""
    v = pd.read_parquet(parquet)
    assert list(v.columns) == F.PARQUET_COLUMNS
    obs = cat.observations
    keyed = v.set_index(["series", "period", "first_release"])
    sample = obs[obs["series"] == BALANCE]
    of_series = v[v["series"] == BALANCE]  # once, not for each of its thousands of values
    assert len(sample) > 1000 and len(of_series) > 400
    for r in sample.itertuples():
        mine = of_series[(of_series["period"] == r.period) & (of_series["first_release"] <= r.release)
                         & ((of_series["last_release"] == "") | (of_series["last_release"] >= r.release))]
        assert len(mine) == 1, (r.period, r.release)
        assert abs(mine["value"].iloc[0] - r.value) < (mine["precision"].iloc[0] + r.precision) / 2
    dec = keyed.loc[(BALANCE, "2024-12", "2024-12")]
    assert (dec["published_value"], dec["published_unit"], dec["unit"]) == (-98.4, "billions of dollars",
                                                                          "millions of dollars")
    assert set(v["status"]) == {"revised", "unrevised"} and len(v) == len(V.change_points(obs))


def test_the_api_page_examples_run(parquet):
    duckdb = pytest.importorskip("duckdb")
    with contextlib.chdir(parquet.parent):
        query = F.DUCKDB_EXAMPLE.split("duckdb.sql(", 1)[1].rsplit(").show()", 1)[0]
        got = duckdb.sql(eval(query)).df()  # the example's own query text
        scope: dict = {}
        exec(F.PANDAS_EXAMPLE, scope)
    ts = pd.read_csv("data/releases/2025-03/bea-ts-1.csv", dtype=str)
    ts = ts[(ts["hierarchy"] == "Total") & (ts["flow"] == "balance") & (ts["period_type"] == "month")
            & (ts["vintage"] == "current")].set_index("period")["value"].astype(float)
    mine = got.set_index("period")["value"]
    assert mine["2024-12"] == ts["2024-12"] and mine["2025-03"] == ts["2025-03"]  # BEA's Table 1 of 2025-03
    pandas_known = scope["known"].set_index("period")["value"].sort_index()
    assert list(pandas_known.index) == list(mine.index) and (pandas_known == mine).all()


def test_as_of_files_agree_with_the_releases(points):
    """As of 2021-08, the March 2021 balance is exh1.xlsx of 2021-08's; the matrix column is the same file."""
    exh1 = pd.read_csv("data/releases/2021-08/exh1.csv", dtype=str)
    march = exh1[(exh1["hierarchy"] == "Total") & (exh1["flow"] == "balance") & (exh1["period"] == "2021-03")
                 & (exh1["period_type"] == "month") & (exh1["vintage"] == "current")]["value"].iloc[0]
    one = {r["period"]: r for r in rows(F.as_of_csv(points, BALANCE, "2021-08", "millions of dollars"))}
    assert one["2021-03"]["value"] == march and one["2021-03"]["unit"] == "millions of dollars"
    assert "2021-09" not in one  # not yet published then
    releases = ["2021-08", "2024-12", "2026-01"]
    matrix = {r["period"]: r for r in rows(F.as_of_matrix_csv(points, BALANCE, releases))}
    assert matrix["2021-03"]["2021-08"] == march and matrix["2021-09"]["2021-08"] == ""
    assert matrix["2024-12"]["2024-12"] == "-98400"  # the release page's $98.4 billion, in millions
    assert all(matrix[p]["2026-01"] == r["value"] for p, r in
               {r["period"]: r for r in rows(F.as_of_csv(points, BALANCE, "2026-01", "millions of dollars"))}.items())


def test_triangle_and_revisions_files(cat, table):
    tri = rows(F.triangle_csv(cat.observations, BALANCE))
    aug = next(r for r in tri if r["period"] == "2021-08")
    assert aug["2021-08"] == "-73252"  # the shared data's README: exh1.xlsx of 2021-08
    per = {r["period"]: r for r in rows(F.revisions_csv(table, BALANCE))}
    assert per["2021-08"]["first"] == "-73252" and per["2021-08"]["first_estimate"] == "1"
    assert per["2021-07"]["first"] == "-70051"  # as published the month before (README)
    assert per["2021-07"]["next"] == "-70303"  # July revised in 2021-08 (README)


def test_the_triangle_file_is_the_revision_triangle_of_every_series(cat, table):
    """The API's triangle CSV is built in plain Python, apart from report.revision_stats.triangle
    (a pandas pivot): both must print the same cells, here for one series in 12 (the pivot costs 8 ms
    a series; all 3,573 were compared byte for byte when it was written). Shown failing by making
    triangle_csv print 0 where a release printed nothing."""
    checked = 0
    for sid in sorted(cat.series)[::12]:
        mine = cat.values(sid)
        t = R.triangle(mine, sid)
        expected = [[str(r[0]), *("" if pd.isna(v) else F._num(v) for v in r[1:])] for r in t.itertuples(index=False)]
        got = list(csv.reader(io.StringIO(F.triangle_csv(mine, sid).decode())))
        assert got[0] == list(t.columns), sid
        assert got[1:] == expected, sid
        checked += len(expected)
    assert checked > 4_000
    per = rows(F.revisions_csv_of(table[table["series"] == BALANCE].sort_values("period").to_dict("records")))
    assert per == rows(F.revisions_csv(table, BALANCE)) and len(per) > 400


def test_json_files_are_valid_against_their_schemas(cat, table):
    doc = F.revisions_json(table, BALANCE, "millions of dollars")
    validator("revisions").validate(json.loads(F.dumps(doc)))
    stats = R.statistics(table)
    ranking = F.ranking_json(stats, {s: cat.series[s].title for s in cat.series}, {s: cat.series[s].unit for s in cat.series})
    validator("ranking").validate(json.loads(F.dumps(ranking)))
    assert ranking["count"] == 9
    bad = json.loads(F.dumps(doc))
    bad["statistics"]["periods"] = -1
    assert list(validator("revisions").iter_errors(bad))
    bad = json.loads(F.dumps(ranking))
    bad["series"][0]["surprise"] = 1
    assert list(validator("ranking").iter_errors(bad))


def test_the_api_triangle_keeps_the_newest_releases_only(cat, monkeypatch):
    """Issue 20: a triangle file does not widen with every release (an annual series' newest 36
    periods are printed by every release): its columns are the newest TRIANGLE_RELEASES releases,
    each as the full triangle has it. Checked with 5 of the 13 bundled releases."""
    from tradesite.report.catalog import Catalog
    from tradesite.site.versioned.explorer import api
    from tradesite.site.versioned.explorer.data import ExplorerData

    data = ExplorerData(Catalog(), cat=cat)
    full = rows(api.triangle_csv(data, BALANCE))
    monkeypatch.setattr(api, "TRIANGLE_RELEASES", 5)
    cut = list(csv.reader(io.StringIO(api.triangle_csv(data, BALANCE).decode())))
    columns = list(full[0])[1:]
    assert len(columns) > 5 and cut[0] == ["period", *columns[-5:]]
    by_period = {r["period"]: r for r in full}
    for period, *values in cut[1:]:
        assert values == [by_period[period][c] for c in columns[-5:]], period
    printed = [r["period"] for r in full if any(r[c] for c in columns[-5:])]
    assert [r[0] for r in cut[1:]] == printed and len(printed) >= 10

"""The series explorer's files and the static API, without a browser: every file against its JSON
Schema, every series CSV against the tidy tables, the map's data, the vendored geometry."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from tradesite.report import series as S
from tradesite.report.catalog import Catalog
from tradesite.site.explorer import api, geo
from tradesite.site.explorer.pages import Pages, boost
from tradesite.periods import month_year

TOTAL_BALANCE = "goods-and-services-balance-bop-sa-monthly"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


@pytest.fixture(scope="module")
def cat(catalog) -> S.SeriesCatalog:
    return S.build(catalog)


@pytest.fixture(scope="module")
def files(cat, catalog) -> dict[str, bytes]:
    return api.files(cat, catalog)


def validator(name: str) -> Draft202012Validator:
    registry = Registry().with_resources(
        [(f"{n}.schema.json", Resource.from_contents(api.schema(n))) for n in api.SCHEMAS])
    return Draft202012Validator(api.schema(name), registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_every_api_file_is_valid_against_its_schema(files):
    for name in api.SCHEMAS:
        Draft202012Validator.check_schema(api.schema(name))
    validator("series-list").validate(json.loads(files["api/series.json"]))
    validator("releases").validate(json.loads(files["api/releases.json"]))
    one = validator("series")
    for path, data in files.items():
        if path.startswith("api/series/") and path.endswith(".json"):
            one.validate(json.loads(data))


def test_a_schema_refuses_what_it_should(files):
    listing = json.loads(files["api/series.json"])
    listing["series"][0]["frequency"] = "weekly"
    assert any("weekly" in e.message for e in validator("series-list").iter_errors(listing))
    one = json.loads(files[api.json_url(TOTAL_BALANCE)])
    one["observations"][0][0] = "2025/03"
    assert list(validator("series").iter_errors(one))


def test_series_json_lists_every_series_with_its_urls(cat, files):
    listing = json.loads(files["api/series.json"])
    assert listing["count"] == len(cat.series) == len(listing["series"]) > 3000
    entry = next(s for s in listing["series"] if s["id"] == "goods-imports-china-census-nsa-monthly")
    assert entry["title"] == "Goods imports from China, Census basis, not seasonally adjusted, monthly"
    assert (entry["flow"], entry["basis"], entry["seasonal_adjustment"], entry["frequency"]) == \
        ("imports", "census", "not_seasonally_adjusted", "monthly")
    assert entry["page"] == "series/goods-imports-china-census-nsa-monthly/"
    assert entry["csv"] in files and entry["json"] in files


def rows_of(files, sid: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(files[api.csv_url(sid)].decode())))


def test_february_2025_balance_is_in_its_csv_with_both_vintages(files):
    rows = [r for r in rows_of(files, TOTAL_BALANCE) if r["period"] == "2025-02"]
    got = {r["release"]: (r["value"], r["status"]) for r in rows}
    assert got["2025-02"] == ("-122662", "unrevised")  # trad-time-series-0225.xlsx, Table 1, row 473
    assert got["2025-03"] == ("-123195", "revised")  # trad-time-series-0325.xlsx, Table 1, row 473
    assert list(rows[0]) == ["period", "value", "unit", "release", "status"]
    assert {r["unit"] for r in rows} == {"millions of dollars"}


def test_every_series_csv_equals_the_tidy_tables(cat, catalog, files):
    """Each CSV row is a level a release's tidy table holds for that line, period and release
    (or, for a release not on the site, its 'as published last month' row in the next one)."""
    tidy: dict[tuple, set[float]] = {}
    for rid in catalog.ids:
        rel = catalog.load(rid)
        for t in rel.table_ids:
            df = rel.table(t)
            df = df[(df["measure"] == "level") & df["value"].notna() & df["period_type"].isin(list(S.FREQUENCIES))]
            for row in df.to_dict("records"):
                key = S.key_of(row)
                if key is not None:
                    release = rid if row["vintage"] == "current" else S.periods.previous(rid)
                    # in the series' unit: the release page's billions are vintages of the series in millions
                    factor = S.SERIES_UNITS.get(row["unit"], (row["unit"], 1.0))[1]
                    tidy.setdefault((key.id, row["period"], release), set()).add(float(row["value"]) * factor)
    seen = set()
    for sid in cat.series:
        for r in rows_of(files, sid):
            key = (sid, r["period"], r["release"])
            assert float(r["value"]) in tidy[key], (sid, r)
            assert re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?", r["period"])
            seen.add(key)
    assert seen == set(tidy)  # and every tidy value is in a CSV


def test_releases_json_has_dates_and_coverage(catalog, files):
    releases = json.loads(files["api/releases.json"])["releases"]
    assert [r["id"] for r in releases] == catalog.ids
    march = next(r for r in releases if r["id"] == "2025-03")
    assert march["published"] == "2025-05-06" and march["url"] == "2025-03/"
    assert march["coverage"]["overview"] == "complete"
    assert next(r for r in releases if r["id"] == "2025-11")["coverage"]["overview"] in ("partial", "none")


def test_the_map_shows_the_latest_month_by_partner(cat):
    d = geo.data(cat)
    assert d["period"] == "2025-03" and "Census basis" in d["what"]
    china = next(r for r in d["rows"] if r["partner"] == "China")
    assert china["id"] == "156" and china["series"] == "goods-balance-china-census-nsa-monthly"
    latest = cat.latest(china["series"]).iloc[-1]
    assert (latest["period"], latest["release"], china["value"]) == ("2025-03", "2025-03", latest["value"])
    korea = next(r for r in d["rows"] if r["partner"] == "Korea, South")
    assert korea["id"] == "410"  # world-atlas calls it 'South Korea'
    assert next(r for r in d["rows"] if r["partner"] == "Europe")["id"] is None  # an area: listed, not drawn


def test_the_vendored_geometry_is_the_one_recorded():
    readme = (geo.resources.files("tradesite.assets") / "world-atlas" / "README.md").read_text(encoding="utf-8")
    recorded = re.search(r"sha256\s+`([0-9a-f]{64})`", readme).group(1)
    assert hashlib.sha256(geo.geometry()).hexdigest() == recorded
    assert "ISC" in readme and "Natural Earth" in readme


def test_series_pages_say_the_latest_value_and_link_the_same_line(cat, catalog):
    pages = Pages(cat, {r: month_year(r) for r in catalog.ids}).files(geo.data(cat))
    page = pages["goods-imports-china-census-nsa-monthly/index.md"]
    assert page.startswith('---\ntitle: "Goods imports from China, Census basis, not seasonally adjusted, monthly"')
    # trad0325.pdf page 29, row 'China': March 29,384, February 31,635
    assert "29,384 millions of dollars in March 2025, down 2,251 (−7.1 %) from February 2025." in page
    assert 'href="../goods-exports-china-census-nsa-monthly/"' in page
    assert 'href="../partners/china/"' in page and 'data-json="../../api/series/goods-imports-china-census-nsa-monthly.json"' in page
    assert "partners/china/index.md" in pages and "map/index.md" in pages and "api/index.md" in pages
    assert boost(cat.get("goods-imports-china-census-nsa-monthly")) == 3


def test_hostile_partner_text_is_escaped(cat, catalog):
    s = cat.get("goods-imports-china-census-nsa-monthly")
    evil = S.Series(key=s.key, labels=("Goods",), partner='<script>alert("x")</script>', exhibits=s.exhibits,
                    releases=s.releases, first=s.first, last=s.last)
    pages = Pages(cat, {r: month_year(r) for r in catalog.ids})
    page = pages.partner_page(evil.partner, [evil])
    body = page.split("---\n", 2)[2]  # the front matter is YAML text (MkDocs escapes it where shown)
    assert "<script>alert" not in body and "&lt;script&gt;" in body


# -- the real build (a second MkDocs build) and its place on gh-pages, for two small releases ----------

SMALL = ["2021-03", "2021-05"]  # exhibit 1 only: a few dozen series, built in seconds


@pytest.mark.slow
def test_build_writes_the_explorer_and_the_api_at_the_root(tmp_path):
    from tradesite.site import explorer

    out = tmp_path / "site"
    out.mkdir()
    (out / "series").mkdir()
    (out / "series" / "stale.html").write_text("from an older build", encoding="utf-8")
    placed = explorer.build(out, SMALL, base="http://127.0.0.1:8000/")
    assert sorted(p.name for p in placed) == ["api", "series"]
    assert not (out / "series" / "stale.html").exists()  # replaced whole
    page = (out / "series" / TOTAL_BALANCE / "index.html").read_text(encoding="utf-8")
    assert "Goods and services balance, balance of payments basis, seasonally adjusted, monthly" in page
    assert 'src="../javascripts/tradesite-explorer.js"' in page and "vega-embed.bundle.js" not in page  # Vega on demand
    listing = json.loads((out / "api" / "series.json").read_text(encoding="utf-8"))
    assert {s["releases"][-1] for s in listing["series"]} <= {"2021-05"}
    rows = list(csv.DictReader(io.StringIO((out / "api" / "series" / f"{TOTAL_BALANCE}.csv").read_text())))
    march = {r["release"]: r["value"] for r in rows if r["period"] == "2021-03"}
    assert march == {"2021-03": "-74448", "2021-05": "-75025"}  # exh1.xlsx of each release, sheet '1', row 41
    index = json.loads((out / "series" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(d["location"] == f"{TOTAL_BALANCE}/" for d in index["docs"])
    assert not any("Download what is shown" in d["text"] for d in index["docs"])  # only titles are searched
    assert not (tmp_path / "site-explorer-work").exists()


@pytest.mark.slow
def test_commit_puts_the_explorer_on_gh_pages(tmp_path):
    import subprocess

    from tradesite.site import explorer, versions

    repo = versions.scratch_repo(tmp_path / "checkout")
    explorer.commit(repo, versions.BRANCH, SMALL, base="http://127.0.0.1:8000/")
    listed = subprocess.run(["git", "ls-tree", "-r", "--name-only", versions.BRANCH], cwd=repo, check=True,
                            capture_output=True, text=True).stdout.split()
    assert f"series/{TOTAL_BALANCE}/index.html" in listed and "api/series.json" in listed
    assert f"api/series/{TOTAL_BALANCE}.csv" in listed

"""The series explorer's files and the static API, without a browser: every file against its JSON
Schema, the vintages files against the tidy tables (read here with the csv module, not with the
code under test), the series pages' words against the release, the map's data, the vendored
geometry, and the root's build and its place on gh-pages."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import re

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from tradesite import paths
from tradesite.report import series as S
from tradesite.report.catalog import Catalog
from tradesite.site.versioned.explorer import api, geo, series_page
from tradesite.site.versioned.explorer.data import ExplorerData
from tradesite.site.versioned.explorer.pages import Pages

TOTAL_BALANCE = "goods-and-services-balance-bop-sa-monthly"
CHINA_IMPORTS = "goods-imports-china-census-nsa-monthly"


@pytest.fixture(scope="module")
def data(cat) -> ExplorerData:
    """The explorer's data over the session's series catalogue (tests/conftest.py), not a second build of it."""
    return ExplorerData(Catalog(), cat=cat)


@pytest.fixture(scope="module")
def files(site_root) -> dict[str, bytes]:
    """The static API as the session's versioned site publishes it: path from the root -> bytes."""
    api_root = site_root / "api"
    found = {f"api/{f.relative_to(api_root).as_posix()}": f.read_bytes() for f in api_root.rglob("*") if f.is_file()}
    assert "api/series.json" in found, f"{api_root}: no static API there"
    return found


def validator(name: str) -> Draft202012Validator:
    registry = Registry().with_resources(
        [(f"{n}.schema.json", Resource.from_contents(api.schema(n))) for n in api.SCHEMAS])
    return Draft202012Validator(api.schema(name), registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def rows_of(files, path: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(files[path].decode())))


def test_every_api_file_is_valid_against_its_schema(files):
    for name in api.SCHEMAS:
        Draft202012Validator.check_schema(api.schema(name))
    validator("series-list").validate(json.loads(files["api/series.json"]))
    validator("releases").validate(json.loads(files["api/releases.json"]))
    one = validator("series")
    checked = 0
    for path, content in files.items():
        if path.startswith("api/series/") and path.endswith(".json"):
            one.validate(json.loads(content))
            checked += 1
    assert checked > 3000


def test_a_schema_refuses_what_it_should(files):
    listing = json.loads(files["api/series.json"])
    listing["series"][0]["frequency"] = "weekly"
    assert any("weekly" in e.message for e in validator("series-list").iter_errors(listing))
    one = json.loads(files[api.json_url(TOTAL_BALANCE)])
    one["first"] = "2025/03"
    assert list(validator("series").iter_errors(one))


def test_series_json_lists_every_series_with_its_files(data, files):
    listing = json.loads(files["api/series.json"])
    assert listing["count"] == len(data.series) == len(listing["series"]) > 3000
    entry = next(s for s in listing["series"] if s["id"] == CHINA_IMPORTS)
    assert entry["title"] == "Goods imports from China, Census basis, not seasonally adjusted, monthly"
    assert (entry["flow"], entry["basis"], entry["seasonal_adjustment"], entry["frequency"]) == \
        ("imports", "census", "not_seasonally_adjusted", "monthly")
    assert entry["page"] == f"series/{CHINA_IMPORTS}/"
    assert entry["csv"] in files and entry["vintages_csv"] in files and entry["json"] in files


def _tidy_total_balance(month: str) -> dict[str, set[float]]:
    """Release -> the goods and services balance of ``month`` it published (read here from the
    committed CSVs: exhibit 1 of a workbook or the PDF, or BEA's Table 1; a reprint 'as published
    last month' counts for the month before the release that reprints it)."""
    return _tidy_total_balances().get(month, {})


@functools.cache
def _tidy_total_balances() -> dict[str, dict[str, set[float]]]:
    """:func:`_tidy_total_balance` of every month: the committed CSVs read once, not once a month."""
    out: dict[str, dict[str, set[float]]] = {}
    for folder in sorted(paths.DATA.iterdir()):
        for f in sorted(folder.glob("*.csv")):
            with f.open(encoding="utf-8") as fh:
                for r in csv.DictReader(fh):
                    if (r["exhibit"] in ("1", "bea-ts-1", "headlines") and r["hierarchy"] == "Total" and r["flow"] == "balance"
                            and r["seasonal_adjustment"] == "seasonally_adjusted" and r["measure"] == "level"
                            and r["period_type"] == "month" and r["value"]):
                        y, m = map(int, folder.name.split("-"))
                        release = folder.name if r["vintage"] == "current" else (
                            f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}")
                        # the release page's headlines are in billions, to a tenth
                        out.setdefault(r["period"], {}).setdefault(release, set()).add(
                            float(r["value"]) * (1000 if r["unit"] == "billions of dollars" else 1))
    return out


def test_february_2025_balance_is_stored_once_per_value(files):
    """trad-time-series-0225.xlsx, Table 1, row 473: -122,662; trad-time-series-0325.xlsx (and
    trad0325.pdf page 14): -123,195; exh1.xlsx of 2025-12 (row 38): -119,822; of 2026-01 (row 26):
    -119,780. Each value once, with the first and last release it stood in."""
    tidy = _tidy_total_balance("2025-02")
    assert tidy == {"2025-02": {-122662.0}, "2025-03": {-123195.0}, "2025-12": {-119822.0}, "2026-01": {-119780.0}}
    rows = [r for r in rows_of(files, api.vintages_url(TOTAL_BALANCE)) if r["period"] == "2025-02"]
    assert list(rows[0]) == ["period", "value", "unit", "first_release", "last_release", "status", "precision"]
    got = [(r["value"], r["first_release"], r["last_release"], r["status"]) for r in rows]
    assert {r["precision"] for r in rows} == {"1"}  # whole millions
    assert got == [("-122662", "2025-02", "2025-02", "unrevised"), ("-123195", "2025-03", "2025-11", "revised"),
                   ("-119822", "2025-12", "2025-12", "revised"), ("-119780", "2026-01", "", "revised")]
    newest = [r for r in rows_of(files, api.csv_url(TOTAL_BALANCE)) if r["period"] == "2025-02"]
    assert [(r["value"], r["release"]) for r in newest] == [("-119780", "2026-01")]


def test_values_as_of_a_release_are_what_it_knew(data, files):
    """As of every release, the vintages file gives each period the value of the newest release up
    to it that printed the period (computed here from the tidy tables, for the total balance)."""
    rows = rows_of(files, api.vintages_url(TOTAL_BALANCE))
    months = sorted({r["period"] for r in rows})[-30:]
    for month in months:
        tidy = _tidy_total_balance(month)
        for release in data.release_ids:
            known = [max(v) for r, v in sorted(tidy.items()) if r <= release]
            expected = known[-1] if known else None
            got = [(float(r["value"]), float(r["precision"])) for r in rows if r["period"] == month
                   and r["first_release"] <= release and (r["last_release"] == "" or r["last_release"] >= release)]
            assert len(got) == (0 if expected is None else 1), (month, release, got, expected)
            if got:  # the same figure at the precision it was printed with (a tenth of a billion: 100)
                assert abs(got[0][0] - expected) <= got[0][1] / 2, (month, release, got, expected)


def test_change_points_hold_every_published_value(data):
    """Every value a release published (the catalogue's observations) is the value its series'
    vintages give as of that release: nothing lost, nothing invented (every series)."""
    by: dict[tuple, list] = {}
    for sid, sd in data.series.items():
        for p in sd.points:
            by.setdefault((sid, p[0]), []).append(p)
    n = 0
    for sid, period, value, release in data.cat.observations[["series", "period", "value", "release"]].itertuples(
            index=False):
        known = [p for p in by[(sid, period)] if p[2] <= release and (not p[3] or p[3] >= release)]
        assert [p[1] for p in known] == [float(value)], (sid, period, release)
        n += 1
    assert n > 50000


def test_releases_json_has_dates_and_coverage(data, files):
    releases = json.loads(files["api/releases.json"])["releases"]
    assert [r["id"] for r in releases] == data.release_ids
    march = next(r for r in releases if r["id"] == "2025-03")
    assert march["published"] == "2025-05-06" and march["url"] == "2025-03/"
    assert march["coverage"]["overview"] == "complete"
    assert next(r for r in releases if r["id"] == "2025-11")["coverage"]["overview"] in ("partial", "none")


def test_the_map_has_every_month_and_flow_with_countries_apart_from_areas(data):
    md = geo.map_data(data)
    assert "Census basis" in md["what"] and md["periods"][-1] == "2025-03" and "2021-08" in md["periods"]
    partners = {p["partner"]: p for p in md["partners"]}
    china = partners["China"]
    assert china["shape"] == "156" and not china["aggregate"]
    assert china["series"]["balance"] == "goods-balance-china-census-nsa-monthly"
    assert partners["Korea, South"]["shape"] == "410"  # world-atlas calls it 'South Korea'
    for area in ("Europe", "European Union", "OECD", "ASEAN", "Euro Area"):
        if area in partners:
            assert partners[area]["aggregate"] and partners[area]["shape"] is None, area
    # trad0325.pdf page 29, row 'China': imports 29,384 in March 2025
    assert md["values"]["2025-03"]["imports"]["China"] == 29384
    countries = geo.rows(md, "2025-03", "balance", aggregate=False)
    assert not any(r["partner"] in ("Europe", "OECD", "Pacific Rim Countries") for r in countries)
    assert [r["value"] for r in countries] == sorted(r["value"] for r in countries)
    month = json.loads(geo.period_file(md, "2021-08"))
    assert set(month["flows"]) == {"balance", "exports", "imports"}


def test_the_vendored_geometry_is_the_one_recorded():
    readme = (geo.resources.files("tradesite.assets") / "world-atlas" / "README.md").read_text(encoding="utf-8")
    recorded = re.search(r"sha256\s+`([0-9a-f]{64})`", readme).group(1)
    assert hashlib.sha256(geo.geometry()).hexdigest() == recorded
    assert "ISC" in readme and "Natural Earth" in readme


def test_a_series_page_says_the_newest_value_as_the_release_would(data):
    """China imports, not seasonally adjusted: March 2025 29,384 against March 2024 29,941 (the
    same exhibit of the March 2025 release: a year earlier, as the release compares unadjusted
    figures); the total balance: -54,455 in January 2026 against -72,900 in December 2025
    (exh1.xlsx of 2026-01), a deficit $18.4 billion narrower."""
    pages = Pages(data)
    _, _, china = pages.series_page(CHINA_IMPORTS)
    assert ("In March 2025 goods imports from China were $29.4 billion (March 2025 release), $0.6 billion "
            "(1.9 percent) less than in March 2024 (not seasonally adjusted figures are compared with the same "
            "month a year earlier).") in china
    _, _, total = pages.series_page(TOTAL_BALANCE)
    assert ("In January 2026 the goods and services deficit was $54.5 billion (January 2026 release); it narrowed "
            "by $18.4 billion from $72.9 billion in December 2025.") in total
    assert 'href="../goods-exports-china-census-nsa-monthly/"' in china and 'href="../partners/china/"' in china
    assert "This series stops at March 2025" in china and "August 2021 and March 2025 only" in china
    assert "This series stops" not in total


def test_a_series_page_stays_the_same_size_however_many_vintages(data):
    """On the committed releases, the series with the most vintages: a fixed set of tables, each
    with at most twelve periods, and nothing near the size a page must stay under (every page of the
    built site: tests/browser/test_explorer.py); how it stays there as releases come: below."""
    pages = Pages(data)
    busiest = max(data.series.values(), key=lambda sd: len(sd.points))
    assert len(busiest.points) > 300
    content = pages.series_page(busiest.series.id)[2]
    assert len(content) < 40_000
    tables = re.findall(r"<table.*?</table>", content, re.S)
    # newest values, newest revisions, the first estimate's moves, about: a fixed set of tables, each
    # with at most twelve periods (and a header row), whatever the number of releases
    assert len(tables) == 4 and all(t.count("<tr>") <= 12 + 1 for t in tables), [t.count("<tr>") for t in tables]


def site_after(cat, k: int, sids) -> ExplorerData:
    """The explorer's data of the series ``sids`` as the site had it after its first ``k`` committed
    releases: the values those releases published (a value restated 'as published last month' by
    a release counts as that release's), read from the session's catalogue, not rebuilt."""
    ids = Catalog().ids[:k]
    obs = cat.observations
    publisher = obs["via"].str.extract(r"in the (\d{4}-\d{2}) release")[0].fillna(obs["release"])
    keep = obs["series"].isin(set(sids)) & publisher.isin(ids)
    sub = S.SeriesCatalog({sid: cat.series[sid] for sid in sids}, obs[keep].reset_index(drop=True), ids)
    return ExplorerData(Catalog(ids), cat=sub)


def drawn(svg: str) -> list[int]:
    """The points each line of a chart draws (the vertices of its path and its dots)."""
    return [len(re.findall(r"[ML]-?[\d.]+,", g)) + g.count("<circle")
            for g in re.findall(r'<g class="ts-lc-line.*?</g>', svg, re.S)]


def test_a_series_page_does_not_grow_with_the_releases(cat, monkeypatch):
    """Issue 20: a series page's size must not depend on the number of releases (at 120 releases,
    6,000 pages growing 1 KB a release each were most of the site's growth: the chart of first
    estimates drew every period whose first estimate is on the site). Every part that could grow
    with the releases is a fixed window: the charts' periods, the tables' rows, the releases named.
    The committed releases are fewer than the windows, so here the windows are shrunk below them,
    and the page as the site had it after 9, 11 and 13 releases must keep within them and keep
    its size (within the few percent that other figures, month names and axis ticks make)."""
    monkeypatch.setattr(series_page, "CHART_YEARS", 1, raising=False)
    monkeypatch.setattr(series_page, "MOVES_PERIODS", 3, raising=False)
    monkeypatch.setattr(series_page, "TABLE_PERIODS", 3)
    sids = sorted(cat.series)[::25] + [TOTAL_BALANCE, CHINA_IMPORTS, "goods-exports-bop-sa-monthly"]
    sizes: dict[str, list[int]] = {}
    for k in (9, 11, 13):
        data = site_after(cat, k, sids)
        pages = Pages(data)
        for sid in sids:
            sd = data.series[sid]
            if not sd.latest:
                continue
            page = pages.series_page(sid)[2]
            svgs = re.findall(r"<svg.*?</svg>", page, re.S)
            window = series_page.STEP[sd.series.key.frequency]  # one year of periods
            assert all(n <= 2 * window for n in drawn(svgs[0]) + drawn(svgs[1])), (sid, k, drawn(svgs[0]))
            for moves in svgs[2:]:
                assert all(n <= 2 * 3 for n in drawn(moves)), (sid, k, drawn(moves))
            rows = [t.count("<tr>") for t in re.findall(r'<table class="ts-data">.*?</table>', page, re.S)]
            assert all(n <= 3 + 1 for n in rows[:2]), (sid, k, rows)
            assert len(re.findall(r'href="\.\./\.\./\d{4}-\d{2}/"', page)) <= 6, (sid, k)
            if k > 9 or (len(sd.latest) >= 24 and len(sd.revised_periods) >= 3):  # its windows full at 9
                sizes.setdefault(sid, []).append(len(page))
    full = {sid: n for sid, n in sizes.items() if len(n) == 3}
    assert len(full) >= 10 and TOTAL_BALANCE in full, sorted(full)
    grown = {sid: n for sid, n in full.items() if max(n) > 1.05 * n[0]}  # axis ticks, month names: a few %
    assert not grown, grown


def every_since_its_first(data: ExplorerData, sid: str) -> bool:
    carriers = data.carriers(data.series[sid].series)
    return bool(carriers) and carriers == data.release_ids[data.release_ids.index(carriers[0]):]


def test_a_release_reprinting_a_series_unchanged_leaves_its_page_unchanged(cat):
    """The publish repository stores every page a release changes: a page that named the number
    of releases carrying the series, or cited the newest of them, changed on every release for
    every series (26 MB a release in a simulation of 13). A series every release since its first
    carries, whose values the next release reprints unchanged, keeps its page byte for byte: the
    committed 2025-03 release reprints the annual and quarterly series of 2025-02's files."""
    sids = sorted(cat.series)
    before, after = site_after(cat, 9, sids), site_after(cat, 10, sids)
    reprinted = [
        sid for sid in sids
        if before.series[sid].latest and api.series_csv(before.series[sid]) == api.series_csv(after.series[sid])
        and every_since_its_first(before, sid) and every_since_its_first(after, sid)
    ]
    assert len(reprinted) >= 5, reprinted
    old, new = Pages(before), Pages(after)
    changed = [sid for sid in reprinted if old.series_page(sid)[2] != new.series_page(sid)[2]]
    assert not changed, changed[:5]
    assert "Every release on this site since" in new.series_page(reprinted[0])[2]


def test_hostile_partner_text_is_escaped(data):
    s = data.series[CHINA_IMPORTS].series
    evil = S.Series(key=s.key, labels=("Goods",), partner='<script>alert("x")</script>', exhibits=s.exhibits,
                    releases=s.releases, first=s.first, last=s.last)
    page = Pages(data).partner_page(evil.partner, [evil])
    body = page.split("---\n", 2)[2]
    assert "<script>alert" not in page and "&lt;script&gt;" in body


# -- the real build (MkDocs, the shell) and its place on gh-pages, for two small releases ----------------

SMALL = ["2021-03", "2021-05"]  # exhibit 1 only: a few dozen series, built in seconds


@pytest.mark.slow
def test_build_writes_the_root_at_the_root(tmp_path):
    from tradesite.site.versioned import explorer

    out = tmp_path / "site"
    (out / "series").mkdir(parents=True)
    (out / "series" / "stale.html").write_text("from an older build", encoding="utf-8")
    placed = explorer.build(out, SMALL, base="http://127.0.0.1:8000/")
    assert sorted(p.name for p in placed) == ["404.html", "api", "index.html", "search", "series"]
    assert not (out / "series" / "stale.html").exists()  # replaced whole
    page = (out / "series" / TOTAL_BALANCE / "index.html").read_text(encoding="utf-8")
    assert "<title>Goods and services balance, balance of payments basis, seasonally adjusted, monthly - " in page
    assert f'<link rel="canonical" href="http://127.0.0.1:8000/series/{TOTAL_BALANCE}/">' in page
    assert "@@TS-" not in page and "_shell" not in page
    assert re.search(r'src="\.\./\.\./_static/[0-9a-f]{12}/tradesite-explorer\.js"', page)
    assert "vega-embed.bundle.js" not in page  # Vega only on demand
    assert (out / "_static").is_dir() and not (out / "series" / "assets").exists()
    rows = list(csv.DictReader(io.StringIO((out / "api" / "series" / f"{TOTAL_BALANCE}.vintages.csv").read_text())))
    march = [(r["value"], r["first_release"], r["last_release"]) for r in rows if r["period"] == "2021-03"]
    assert march == [("-74448", "2021-03", "2021-04"), ("-75025", "2021-05", "")]  # exh1.xlsx, sheet '1', row 41
    assert "Static API" in (out / "api" / "index.html").read_text(encoding="utf-8")
    assert 'url=../../api/' in (out / "series" / "api" / "index.html").read_text(encoding="utf-8")  # the old URL
    sitemap = (out / "series" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"http://127.0.0.1:8000/series/{TOTAL_BALANCE}/" in sitemap and "_shell" not in sitemap
    assert not (tmp_path / "site-root-work").exists()


@pytest.mark.slow
def test_commit_puts_the_root_on_gh_pages(tmp_path):
    import subprocess

    from tradesite.site.versioned import explorer, versions

    repo = versions.scratch_repo(tmp_path / "checkout")
    explorer.commit(repo, versions.BRANCH, SMALL, base="http://127.0.0.1:8000/")
    listed = subprocess.run(["git", "ls-tree", "-r", "--name-only", versions.BRANCH], cwd=repo, check=True,
                            capture_output=True, text=True).stdout.split()
    assert f"series/{TOTAL_BALANCE}/index.html" in listed and "api/series.json" in listed
    assert f"api/series/{TOTAL_BALANCE}.vintages.csv" in listed and "index.html" in listed
    assert any(p.startswith("_static/") for p in listed)


def _expanded(run: dict, order: list[str], releases: dict[str, dict]) -> dict[str, list[dict]]:
    """A vintages run of a series' JSON, release by release: each file named (a null ``file`` is
    the release's one file of that ``kind``, from releases.json)."""
    span = order[order.index(run["first_release"]): order.index(run["first_release"]) + run["releases"]]
    assert span[-1] == run["last_release"], run
    out = {}
    for r in span:
        named = []
        for f in run["files"]:
            name = f["file"]
            if name is None:
                (name,) = [s["file"] for s in releases[r]["sources"] if s["kind"] == f["kind"]]
            named.append({"exhibit": f["exhibit"], "file": name, "via": f["via"]})
        out[r] = named
    return out


def test_a_series_json_names_the_files_of_every_release_in_runs(data, files):
    """Issue 20: the vintages of api/series/<id>.json are runs of releases, not one entry a release,
    and expanded with api/releases.json they name exactly the files each release's values came from."""
    releases = {r["id"]: r for r in json.loads(files["api/releases.json"])["releases"]}
    order = list(releases)
    runs = entries = 0
    for sid in data.series:
        one = json.loads(files[api.json_url(sid)])
        expanded: dict[str, list[dict]] = {}
        for run in one["vintages"]:
            if run["on_site"]:
                expanded.update(_expanded(run, order, releases))
            else:  # a reprint's month before a release on the site: a run of its own, files named
                assert run["first_release"] == run["last_release"] not in releases and run["releases"] == 1, run
                assert all(f["file"] and f["kind"] is None for f in run["files"]), run
                expanded[run["first_release"]] = [{k: f[k] for k in ("exhibit", "file", "via")} for f in run["files"]]
        used = {row["first_release"] for row in rows_of(files, api.vintages_url(sid))}
        assert sorted(expanded) == sorted(used), sid
        assert expanded == {r: data.files[(sid, r)] for r in used}, sid
        runs += len(one["vintages"])
        entries += len(used)
    total = json.loads(files[api.json_url(TOTAL_BALANCE)])["vintages"]
    merged = [(r["first_release"], r["last_release"], [(f["kind"], f["file"]) for f in r["files"]])
              for r in total if r["releases"] > 1]
    assert merged == [  # exhibit 1's workbook in both; BEA's time series, named for its month in each
        ("2021-08", "2021-09", [("census_exhibit", "exh1.xlsx")]),
        ("2025-02", "2025-03", [("bea_timeseries", None)]),
        ("2025-12", "2026-01", [("census_exhibit", "exh1.xlsx")]),
    ]
    assert runs < entries, (runs, entries)


def test_vintage_runs_merge_consecutive_releases_of_the_same_files_only():
    """Made-up releases and files (a fixture, not official figures): a file named after its release
    merges by its kind, two files of one kind do not, and a release of the site in between that did
    not print the series ends a run."""
    pdf = [{"file": f"trad0{m}25.pdf", "kind": "ft900_pdf"} for m in (1, 2, 3, 4)]
    meta = {
        "2025-01": {"sources": [pdf[0]]},
        "2025-02": {"sources": [pdf[1]]},
        "2025-03": {"sources": [pdf[2], {"file": "exh1.xlsx", "kind": "census_exhibit"}]},
        "2025-04": {"sources": [pdf[3]]},
    }
    files = {
        ("s", "2025-01"): [{"exhibit": "20", "file": "trad0125.pdf", "via": None}],
        ("s", "2025-02"): [{"exhibit": "20", "file": "trad0225.pdf", "via": None}],
        ("s", "2025-04"): [{"exhibit": "20", "file": "trad0425.pdf", "via": None}],
    }
    runs = api.vintage_runs(["2025-01", "2025-02", "2025-04"], list(meta), meta, files.get, "s")
    assert runs == [
        {"first_release": "2025-01", "last_release": "2025-02", "releases": 2, "on_site": True,
         "files": [{"exhibit": "20", "kind": "ft900_pdf", "file": None, "via": None}]},
        {"first_release": "2025-04", "last_release": "2025-04", "releases": 1, "on_site": True,
         "files": [{"exhibit": "20", "kind": "ft900_pdf", "file": "trad0425.pdf", "via": None}]},
    ]
    two = {r: {"sources": [{"file": f"a{r}.xlsx", "kind": "census_exhibit"}, {"file": "b.xlsx", "kind": "census_exhibit"}]}
           for r in ("2025-01", "2025-02")}
    files = {("s", r): [{"exhibit": "1", "file": f"a{r}.xlsx", "via": None}] for r in two}
    assert [r["releases"] for r in api.vintage_runs(list(two), list(two), two, files.get, "s")] == [1, 1]

"""Revision statistics of the headline series, computed here from the tidy tables themselves."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from tradesite import paths
from tradesite.report import revision_stats as R


@pytest.fixture(scope="module")
def table(cat) -> pd.DataFrame:
    return R.period_table(cat.observations)


def month_before(release: str) -> str:
    y, m = int(release[:4]), int(release[5:])
    return f"{y - (m == 1)}-{12 if m == 1 else m - 1:02d}"


def vintages_from_files(flow: str, part: str) -> dict[str, dict[str, tuple[float, float]]]:
    """period -> release -> (value in millions, step of its last digit): the monthly, seasonally adjusted
    BOP series of exhibit 1's ``part`` line as every committed file prints it (a restated "as published
    last month" row is the previous release's own figure)."""
    hierarchy = {"total": "Total", "goods": "Total › Goods", "services": "Total › Services"}[part]
    out: dict[str, dict[str, tuple[float, float]]] = {}
    for folder in sorted(Path(paths.DATA).iterdir()):
        for csv in sorted(folder.glob("*.csv")):
            df = pd.read_csv(csv, dtype=str, keep_default_na=False)
            df = df[df["exhibit"].isin(["1", "bea-ts-1", "headlines"]) & (df["hierarchy"] == hierarchy)
                    & (df["flow"] == flow) & (df["period_type"] == "month") & (df["measure"] == "level")
                    & (df["seasonal_adjustment"] == "seasonally_adjusted") & (df["value"] != "")]
            for r in df.itertuples():
                decimals = len(r.value.partition(".")[2])
                scale = 1000.0 if r.unit == "billions of dollars" else 1.0
                release = folder.name if r.vintage == "current" else month_before(folder.name)
                step = scale * (0.1 if r.unit == "billions of dollars" else 10.0 ** -decimals)
                out.setdefault(r.period, {}).setdefault(release, (float(r.value) * scale, step))
    return out


def same(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) < (a[1] + b[1]) / 2 - 1e-9


@pytest.mark.parametrize("flow,part", [("balance", "total"), ("exports", "goods"), ("imports", "services")])
def test_statistics_of_a_headline_series(table, flow, part):
    sid = {"total": "goods-and-services", "goods": "goods", "services": "services"}[part] + f"-{flow}-bop-sa-monthly"
    files = vintages_from_files(flow, part)
    revisions, next_revisions = {}, {}
    for period, by_release in files.items():
        if period not in by_release or len(by_release) < 2:
            continue  # the first estimate is not bundled, or no later release printed it again
        first, latest = by_release[period], by_release[max(by_release)]
        revisions[period] = 0.0 if same(first, latest) else latest[0] - first[0]
        after = f"{int(period[:4]) + (period[5:] == '12')}-{int(period[5:]) % 12 + 1:02d}"
        if after in by_release:
            nxt = by_release[after]
            next_revisions[period] = 0.0 if same(first, nxt) else nxt[0] - first[0]
    got = R.series_statistics(table, sid)
    assert got["periods"] == len(revisions) > 10
    values = list(revisions.values())
    assert got["mean_revision"] == pytest.approx(sum(values) / len(values))
    assert got["mean_abs_revision"] == pytest.approx(sum(map(abs, values)) / len(values))
    assert got["rms_revision"] == pytest.approx(math.sqrt(sum(v * v for v in values) / len(values)))
    assert got["share_revised"] == pytest.approx(sum(v != 0 for v in values) / len(values))
    assert (got["first_period"], got["last_period"]) == (min(revisions), max(revisions))
    worst = max(revisions, key=lambda p: abs(revisions[p]))
    assert (got["largest_period"], got["largest_revision"]) == (worst, pytest.approx(revisions[worst]))
    assert got["periods_next"] == len(next_revisions) > 5
    nv = list(next_revisions.values())
    assert got["mean_revision_next"] == pytest.approx(sum(nv) / len(nv))
    assert got["mean_abs_revision_next"] == pytest.approx(sum(map(abs, nv)) / len(nv))


def test_per_period_first_latest_and_count(table):
    """August 2021's balance: first estimate exh1.xlsx of 2021-08, next 2021-09's, latest the newest file's."""
    files = vintages_from_files("balance", "total")["2021-08"]
    row = table[(table["series"] == "goods-and-services-balance-bop-sa-monthly") & (table["period"] == "2021-08")].iloc[0]
    assert row["first_release"] == "2021-08" and row["first"] == files["2021-08"][0] == -73252  # shared/data README
    assert row["first_estimate"] and row["next_release"] == "2021-09" and row["next"] == files["2021-09"][0]
    assert row["latest_release"] == max(files) and row["latest"] == files[max(files)][0]
    assert row["releases"] == len(files)
    ordered = [files[r] for r in sorted(files)]
    changes, known = 0, ordered[0]
    for v in ordered[1:]:
        if not same(v, known):
            changes, known = changes + 1, v
    assert row["revisions"] == changes
    assert row["total_revision"] == files[max(files)][0] - files["2021-08"][0]


def test_ranking_orders_the_headline_series_by_mean_absolute_revision(table):
    ranked = R.ranking(R.statistics(table))
    assert [r["series"] for r in ranked] and {r["series"] for r in ranked} == set(R.HEADLINE)
    maes = [r["mean_abs_revision"] for r in ranked]
    assert maes == sorted(maes, reverse=True) and [r["rank"] for r in ranked] == list(range(1, 10))


def test_triangle_is_every_printed_value(cat):
    sid = "goods-and-services-balance-bop-sa-monthly"
    files = vintages_from_files("balance", "total")
    t = R.triangle(cat.observations, sid).set_index("period")
    for period in ("2021-03", "2024-12", "2025-11"):
        printed = {r: v for r, (v, _) in files[period].items()}
        assert {r: t.loc[period, r] for r in t.columns if pd.notna(t.loc[period, r])} == printed
    rows = R.triangle_rows(cat.observations, sid)
    assert rows[0]["period"] == t.index[0] and all(isinstance(v, float) for v in rows[-1]["values"].values())


def test_first_estimate_release():
    assert R.first_estimate_release("2025-03") == "2025-03"
    assert R.first_estimate_release("2025-Q1") == "2025-03"
    assert R.first_estimate_release("2024") == "2024-12"

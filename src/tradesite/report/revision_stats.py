"""How far a first estimate moves: revision statistics of every series over the bundled vintages.

For each period of a series (:func:`period_table`): the first value the bundled releases hold
and the release that published it, the value in the next monthly release, the latest value,
how many releases printed it, how many times it was revised and the total revision (latest
minus first, in the series' unit: positive means revised up, so a deficit revised up is smaller).

A period's first value is its **first estimate** only when it comes from the release of the
period's own statistical month (a month's, a quarter's last month's, a December's for a year):
the release that first publishes it. The statistics of a series (:func:`statistics`) rest only
on such periods that a later bundled release printed again, and say how many they rest on:
the mean revision (bias), the mean absolute and root mean square revision, the share of periods
revised, from the first estimate to the latest and to the next month's release.

Figures are compared at their printed precision (:func:`tradesite.report.vintages.differs`): a
first estimate the release page states in billions (a step of 100 million) that the next file
prints as a figure within 50 million of it is not revised, and counts as a revision of 0;
otherwise a revision is the difference of the figures as printed.
"""

from __future__ import annotations

import math
from functools import cache

import pandas as pd

from .. import periods
from .frames import plain_rows
from .vintages import _with_precision, differs_one

#: Exhibit 1's headline series (goods and services, goods, services × balance, exports, imports;
#: balance of payments basis, seasonally adjusted, monthly): what the ranking compares.
HEADLINE = [
    f"{part}-{flow}-bop-sa-monthly"
    for part in ("goods-and-services", "goods", "services")
    for flow in ("balance", "exports", "imports")
]

PERIOD_COLUMNS = [
    "series",
    "period",
    "first_release",
    "first",
    "first_precision",
    "first_estimate",
    "next_release",
    "next",
    "latest_release",
    "latest",
    "latest_precision",
    "releases",
    "revisions",
    "total_revision",
    "revised",
    "next_revision",
    "revised_next",
]
STAT_COLUMNS = [
    "series",
    "periods",
    "first_period",
    "last_period",
    "mean_revision",
    "mean_abs_revision",
    "rms_revision",
    "share_revised",
    "largest_revision",
    "largest_period",
    "mean_abs_first",
    "relative_mean_abs_revision",
    "coarse_first_estimates",
    "periods_next",
    "mean_revision_next",
    "mean_abs_revision_next",
    "share_revised_next",
]


@cache
def first_estimate_release(period: str) -> str:
    """The release that first publishes a period: its own statistical month, a quarter's last
    month, a year's December ('2025-03' -> '2025-03', '2025-Q1' -> '2025-03', '2024' -> '2024-12')."""
    p = periods.as_period(period)
    return periods.text(p.asfreq("M", how="end"))


@cache
def _next_release(release: str) -> str:
    return periods.add(release, 1)


def _revision(later: float, later_p: float, earlier: float, earlier_p: float) -> float:
    """later - earlier, or 0 where the two printed figures say the same at their precision."""
    return float(later - earlier) if differs_one(later, later_p, earlier, earlier_p) else 0.0


def period_table(observations: pd.DataFrame) -> pd.DataFrame:
    """One row per series and period (:data:`PERIOD_COLUMNS`) from the series catalogue's
    observations (one row per series, period and release that printed it; ``precision`` where
    known). ``next`` is the value printed by the release after the first one (NaN where that
    release is not bundled or did not print the period)."""
    if observations.empty:
        return pd.DataFrame(columns=PERIOD_COLUMNS)
    obs = _with_precision(observations).sort_values(["series", "period", "release"], kind="stable")
    out: list[dict] = []
    row: dict | None = None
    prev_v = prev_p = 0.0
    for series, period, value, release, precision in plain_rows(
        obs, ["series", "period", "value", "release", "precision"]
    ):
        if row is None or (row["series"], row["period"]) != (series, period):
            row = {
                "series": series,
                "period": period,
                "first_release": release,
                "first": value,
                "first_precision": precision,
                "first_estimate": release == first_estimate_release(period),
                "next_release": _next_release(release),
                "next": math.nan,
                "next_precision": math.nan,
                "latest_release": release,
                "latest": value,
                "latest_precision": precision,
                "releases": 1,
                "revisions": 0,
            }
            out.append(row)
            prev_v, prev_p = value, precision
            continue
        if release == row["next_release"]:
            row["next"], row["next_precision"] = value, precision
        if differs_one(value, precision, prev_v, prev_p):
            row["revisions"] += 1
            prev_v, prev_p = value, precision
        elif precision < prev_p:  # a more precise figure saying the same: the value known from now on
            prev_v, prev_p = value, precision
        row.update(latest_release=release, latest=value, latest_precision=precision, releases=row["releases"] + 1)
    df = pd.DataFrame(out)
    df["total_revision"] = [
        _revision(lv, lp, fv, fp)
        for lv, lp, fv, fp in zip(df["latest"], df["latest_precision"], df["first"], df["first_precision"])
    ]
    df["revised"] = df["total_revision"] != 0
    has_next = df["next"].notna()
    df["next_revision"] = [
        _revision(nv, np_, fv, fp) if h else math.nan
        for h, nv, np_, fv, fp in zip(has_next, df["next"], df["next_precision"], df["first"], df["first_precision"])
    ]
    df["revised_next"] = pd.array(
        [bool(r != 0) if h else pd.NA for h, r in zip(has_next, df["next_revision"])], dtype="boolean"
    )
    df.loc[~has_next, "next_release"] = ""
    return df[PERIOD_COLUMNS].reset_index(drop=True)


def _held(table: pd.DataFrame) -> pd.DataFrame:
    """The periods statistics rest on: first estimate bundled, printed again by a later release."""
    return table[table["first_estimate"].astype(bool) & (table["releases"] > 1)]


def statistics(table: pd.DataFrame) -> pd.DataFrame:
    """One row per series (:data:`STAT_COLUMNS`) from :func:`period_table`: over the periods whose
    first estimate is bundled and that a later release printed again (``periods``; from
    ``first_period`` to ``last_period``), the mean revision first to latest (bias), the mean
    absolute and root mean square revision, the share of periods revised, the largest revision
    and its period, the mean absolute revision as a percent of the mean absolute first estimate,
    how many first estimates were printed coarser than the latest (billions); and over those the
    next month's release printed (``periods_next``), the same from first to next. A series with
    no such period has ``periods`` 0 and no statistic (NaN)."""
    ids = pd.Index(sorted(table["series"].unique()), name="series")
    held = _held(table).assign(
        abs_rev=lambda d: d["total_revision"].abs(),
        sq=lambda d: d["total_revision"] ** 2,
        abs_first=lambda d: d["first"].abs(),
        coarse=lambda d: d["first_precision"] > d["latest_precision"],
    )
    g = held.groupby("series")
    out = pd.DataFrame(
        {
            "periods": g.size(),
            "first_period": g["period"].min(),
            "last_period": g["period"].max(),
            "mean_revision": g["total_revision"].mean(),
            "mean_abs_revision": g["abs_rev"].mean(),
            "rms_revision": g["sq"].mean() ** 0.5,
            "share_revised": g["revised"].mean(),
            "mean_abs_first": g["abs_first"].mean(),
            "coarse_first_estimates": g["coarse"].sum(),
        }
    ).reindex(ids)
    if len(held):
        big = held.loc[g["abs_rev"].idxmax()].set_index("series")
        out["largest_revision"], out["largest_period"] = big["total_revision"], big["period"]
    else:
        out["largest_revision"], out["largest_period"] = math.nan, None
    out["relative_mean_abs_revision"] = (
        out["mean_abs_revision"] / out["mean_abs_first"].where(out["mean_abs_first"] != 0) * 100
    )
    nxt = held[held["next"].notna()].assign(
        abs_next=lambda d: d["next_revision"].abs(), rev_next=lambda d: d["revised_next"].astype(float)
    )
    gn = nxt.groupby("series")
    out["periods_next"] = gn.size().reindex(ids)
    out["mean_revision_next"] = gn["next_revision"].mean().reindex(ids)
    out["mean_abs_revision_next"] = gn["abs_next"].mean().reindex(ids)
    out["share_revised_next"] = gn["rev_next"].mean().reindex(ids)
    for c in ("periods", "periods_next", "coarse_first_estimates"):
        out[c] = out[c].fillna(0).astype(int)
    out["share_revised"] = out["share_revised"].astype(float)
    return out.reset_index()[STAT_COLUMNS]


def series_statistics(table: pd.DataFrame, series_id: str) -> dict:
    """One series' statistics as a JSON-ready dict (None for what it cannot say), from
    :func:`period_table` (of that series alone, or of every series)."""
    rows = statistics(table[table["series"] == series_id])
    if rows.empty:
        return {"series": series_id, "periods": 0, "periods_next": 0}
    return {k: _plain(v) for k, v in rows.iloc[0].to_dict().items()}


def ranking(stats: pd.DataFrame, ids: list[str] | None = None) -> list[dict]:
    """The headline series (default :data:`HEADLINE`) ranked by their typical revision, the
    mean absolute revision from first estimate to latest (largest first; a series with no
    period to rest on comes last), each with its statistics and rank (1 = the most revised)."""
    ids = HEADLINE if ids is None else ids
    rows = [r for r in stats.to_dict("records") if r["series"] in ids]
    rows.sort(
        key=lambda r: (
            pd.isna(r["mean_abs_revision"]),
            -(0 if pd.isna(r["mean_abs_revision"]) else r["mean_abs_revision"]),
            r["series"],
        )
    )
    return [{"rank": i + 1, **{k: _plain(v) for k, v in r.items()}} for i, r in enumerate(rows)]


def _plain(v):
    """NaN and numpy scalars as JSON takes them."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return v.item() if hasattr(v, "item") else v


def triangle(observations: pd.DataFrame, series_id: str) -> pd.DataFrame:
    """The revision triangle of a series: one row per period, one column per release that
    printed any of its periods (in release order), each cell the value that release printed (in
    the series' unit), NaN where it printed none; the first column ``period``."""
    v = observations[observations["series"] == series_id]
    if v.empty:
        return pd.DataFrame(columns=["period"])
    wide = v.pivot_table(index="period", columns="release", values="value", aggfunc="first")
    wide = wide.reindex(sorted(wide.columns), axis=1).sort_index()
    wide.columns = [str(c) for c in wide.columns]
    return wide.reset_index()


def triangle_rows(observations: pd.DataFrame, series_id: str) -> list[dict]:
    """:func:`triangle` as rows: ``{"period": ..., "values": {release: value}}`` (only printed cells)."""
    t = triangle(observations, series_id)
    releases = [c for c in t.columns if c != "period"]
    return [
        {"period": r["period"], "values": {rel: float(r[rel]) for rel in releases if pd.notna(r[rel])}}
        for r in t.to_dict("records")
    ]

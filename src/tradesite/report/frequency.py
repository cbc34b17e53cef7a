"""A monthly series as quarterly and annual totals and as year to date, with the report's rules,
checked against the totals the report prints.

The report's rules for a flow (exports, imports, a balance: dollars or barrels over a period):

- a quarter's or a year's total is the sum of its months, and is given only when every month is
  there (a year of eleven months is no year);
- the year to date through month M is the sum of January to M of the same year, given only when
  every one of those months is there (:data:`tradesite.schema` ``year_to_date``: period M);
- a balance's total is the sum of its monthly balances (exports minus imports, summed);
- a price or a rate (dollars per barrel, percent, a rank) has no total: :func:`aggregate` refuses it.

Totals are sums of the figures as printed, so a total of twelve whole-million months may differ
from the report's own annual figure by up to half a million per month (each month was rounded on
its own): :func:`printed_checks` allows that and no more, and says which release, exhibit and
cell disagree.
"""

from __future__ import annotations

import pandas as pd

from .. import periods
from .series import decimals

HOW = ("quarterly", "annual", "year_to_date")
#: Units whose figures add up over time (flows); others (prices, percents, ranks) have no total.
FLOW_UNITS = ("millions of dollars", "billions of dollars", "thousands of barrels")
CHECK_COLUMNS = [
    "release",
    "exhibit",
    "source_file",
    "location",
    "hierarchy",
    "flow",
    "basis",
    "seasonal_adjustment",
    "unit",
    "period_type",
    "period",
    "printed",
    "computed",
    "months",
    "difference",
    "tolerance",
    "agrees",
]


def is_flow(unit: str) -> bool:
    """Whether a unit's figures add up over time: dollars (nominal or chained) and barrels."""
    return unit in FLOW_UNITS or unit.startswith("millions of chained")


def _sums(months: pd.DataFrame, keys: list[str], how: str) -> pd.DataFrame:
    """Totals of monthly rows (``period`` 'YYYY-MM', ``value``) per ``keys`` and ``how``: columns
    ``keys``, ``period``, ``value``, ``months``; only complete periods."""
    v = months[keys + ["period", "value"]].dropna(subset=["value"]).drop_duplicates(keys + ["period"])
    when = pd.to_datetime(v["period"], format="%Y-%m")  # 'YYYY-MM' only: a month series
    v = v.assign(year=when.dt.year, month=when.dt.month, quarter=when.dt.quarter)
    v = v.sort_values(keys + ["year", "month"], kind="stable")
    if how == "year_to_date":
        by_year = v.groupby(keys + ["year"], sort=False)
        # January to M, each month there: the months so far are 1..M exactly
        whole = (v["month"] == by_year.cumcount() + 1).astype(int).groupby([v[k] for k in keys + ["year"]]).cummin()
        out = v[keys + ["period"]].assign(value=by_year["value"].cumsum(), months=v["month"])
        return out[whole.astype(bool)].reset_index(drop=True)
    by = keys + (["year", "quarter"] if how == "quarterly" else ["year"])
    g = v.groupby(by, sort=True)["value"].agg(["sum", "size"]).reset_index()
    g = g[g["size"] == (3 if how == "quarterly" else 12)]
    period = (
        [f"{y}-Q{q}" for y, q in zip(g["year"], g["quarter"])] if how == "quarterly" else [str(y) for y in g["year"]]
    )
    return g[keys].assign(period=period, value=g["sum"].to_numpy(), months=g["size"].to_numpy()).reset_index(drop=True)


def aggregate(values: pd.DataFrame, how: str, unit: str = "millions of dollars") -> pd.DataFrame:
    """Monthly ``values`` (columns ``period`` 'YYYY-MM' and ``value``) as ``how``: 'quarterly'
    ('2025-Q1'), 'annual' ('2025') or 'year_to_date' (period the month it runs to). Columns
    ``period``, ``value``, ``months`` (how many months were summed); only complete periods."""
    if how not in HOW:
        raise ValueError(f"aggregate: how={how!r}; expected one of {', '.join(HOW)}")
    if not is_flow(unit):
        raise ValueError(
            f"aggregate: a series in {unit!r} has no total (a price, a rate or a rank); "
            f"expected a flow in one of {', '.join(FLOW_UNITS)} or chained dollars"
        )
    return _sums(values, [], how)[["period", "value", "months"]]


def tolerance(months: int, precision: float = 1.0) -> float:
    """How far a sum of ``months`` figures each rounded to ``precision`` may lie from the total
    rounded on its own: half a step per month, and half a step for the total."""
    return (months + 1) * precision / 2


KEY = ["exhibit", "source_file", "hierarchy", "flow", "basis", "seasonal_adjustment", "unit"]


def printed_checks(release) -> pd.DataFrame:
    """Every annual and year-to-date total a release's files print beside the months they sum
    (same table, line, flow, basis, adjustment and unit, this release's own figures), against the
    sum :func:`aggregate` computes from those months: :data:`CHECK_COLUMNS`, one row per printed
    total whose months are all printed; ``agrees`` when within :func:`tolerance` (the step: the
    finest the months print)."""
    frames = []
    for table_id in release.table_ids:
        df = release.table(table_id)
        df = df[
            (df["measure"] == "level") & (df["vintage"] == "current") & df["value"].notna() & df["unit"].map(is_flow)
        ]
        totals = df[df["period_type"].isin(["year", "year_to_date"])]
        if totals.empty:
            continue
        months = df[df["period_type"] == "month"]
        if months.empty:
            continue
        steps = (
            (10.0 ** -decimals(months["value"])).groupby([months[k] for k in KEY]).min().rename("step").reset_index()
        )
        computed = pd.concat(
            [
                _sums(months, KEY, "annual").assign(period_type="year"),
                _sums(months, KEY, "year_to_date").assign(period_type="year_to_date"),
            ]
        )
        m = totals.merge(computed.rename(columns={"value": "computed"}), on=KEY + ["period", "period_type"])
        m = m.merge(steps, on=KEY)
        frames.append(
            m.assign(
                printed=m["value"],
                difference=(m["computed"] - m["value"]).round(6),
                tolerance=(m["months"] + 1) * m["step"] / 2,
            )
        )
    if not frames:
        return pd.DataFrame(columns=CHECK_COLUMNS)
    out = pd.concat(frames, ignore_index=True).assign(release=release.id)
    out["agrees"] = out["difference"].abs() <= out["tolerance"]
    return out[CHECK_COLUMNS]


def series_totals(monthly: pd.DataFrame, unit: str) -> dict[str, pd.DataFrame]:
    """A monthly series' values (``period``, ``value``) as every combination the report uses:
    {'quarterly', 'annual', 'year_to_date'} -> :func:`aggregate`'s frame."""
    return {how: aggregate(monthly, how, unit) for how in HOW}


def label(period: str, how: str) -> str:
    """How a page names a computed period: 'Q1 2025', '2025', 'Jan.–Mar. 2025'."""
    return periods.label(period, {"quarterly": "quarter", "annual": "year", "year_to_date": "year_to_date"}[how])

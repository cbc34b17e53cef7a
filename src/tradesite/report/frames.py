"""A release's frames, as the chapters read them: filters, lookups and the monthly totals.

Every function takes tidy rows (``tradesite.schema``) and returns rows or numbers as
published; nothing here rounds or rewrites a figure.
"""

from __future__ import annotations

import weakref

import pandas as pd

from .. import periods
from .vocabulary import PART_HIERARCHY, PARTS


def plain_rows(df: pd.DataFrame, columns: list[str]) -> zip:
    """The rows of ``columns`` as plain Python tuples, for a loop over every observation: pandas'
    ``itertuples`` steps through pyarrow-backed text one element at a time, eight times slower
    than each column's ``tolist`` (a site of 60 releases looped over 17 million cells so)."""
    return zip(*(df[c].tolist() for c in columns))


def current(df: pd.DataFrame) -> pd.DataFrame:
    """This release's figures (not the 'as published last month' vintage)."""
    return df[df["vintage"] == "current"]


def pick(df: pd.DataFrame, **eq: object) -> pd.DataFrame:
    """Rows whose columns equal the given values: ``pick(df, flow="exports", measure="change")``."""
    mask = pd.Series(True, index=df.index)
    for col, val in eq.items():
        mask &= df[col] == val
    return df[mask]


def value(df: pd.DataFrame, **eq: object) -> float:
    """The one value matching ``eq``; KeyError naming the filter when there is not exactly one."""
    rows = pick(df, **eq)
    rows = rows[rows["value"].notna()]
    if len(rows) != 1:
        where = ", ".join(f"{k}={v!r}" for k, v in eq.items())
        raise KeyError(f"expected one value for {where}, found {len(rows)}")
    return float(rows["value"].iloc[0])


def monthly_levels(df: pd.DataFrame, **eq: object) -> pd.DataFrame:
    """Current monthly levels with a value, filtered."""
    return pick(current(df), period_type="month", measure="level", **eq).dropna(subset=["value"])


def months(df: pd.DataFrame, period_type: str = "month") -> list[str]:
    """The periods of ``period_type`` with a current value, in order."""
    m = df[(df["period_type"] == period_type) & (df["vintage"] == "current") & df["value"].notna()]
    return sorted(m["period"].unique())


def last_periods(rows: pd.DataFrame, n: int) -> pd.DataFrame:
    """The rows of the last ``n`` periods ``rows`` holds (a chart's or a table's span)."""
    return rows[rows["period"].isin(sorted(rows["period"].unique())[-n:])]


def latest_month(df: pd.DataFrame) -> str:
    """The latest month with a current level (the release's statistical month)."""
    return str(pick(current(df), period_type="month", measure="level")["period"].max())


def is_revised(status: object) -> bool:
    """The file marks the figure '(R)' revised."""
    return "R" in str(status or "").split(";")


#: id(frame) -> {(flow, line_item, period, period_type, vintage): row}; dropped with the frame.
_INDEXES: dict[int, dict[tuple, dict]] = {}


def _index(df: pd.DataFrame) -> dict[tuple, dict]:
    """The levels of a tidy exhibit by key, built once per frame (a boolean filter per cell is slow)."""
    key = id(df)
    if key not in _INDEXES:
        index: dict[tuple, dict] = {}
        for row in df[df["measure"] == "level"].to_dict("records"):
            index.setdefault((row["flow"], row["line_item"], row["period"], row["period_type"], row["vintage"]), row)
        _INDEXES[key] = index
        weakref.finalize(df, _INDEXES.pop, key, None)
    return _INDEXES[key]


def lookup(
    df: pd.DataFrame, flow: str, line_item: str, period: str, period_type: str = "month", vintage: str = "current"
) -> dict | None:
    """The one level row (as a dict) for flow/line/period, or None when the file lacks it."""
    return _index(df).get((flow, line_item, period, period_type, vintage))


def level(
    df: pd.DataFrame, flow: str, line_item: str, period: str, period_type: str = "month", vintage: str = "current"
) -> float:
    """The level for flow/line/period; KeyError saying which when the file lacks it."""
    row = lookup(df, flow, line_item, period, period_type, vintage)
    if row is None or pd.isna(row["value"]):
        raise KeyError(f"exhibit {df['exhibit'].iloc[0]}: no {flow} {line_item} {period_type} {period} ({vintage})")
    return float(row["value"])


# ---------------------------------------------------------------- exhibit 1's monthly totals

#: Where a release's monthly totals (balance, exports, imports x total, goods, services; seasonally
#: adjusted, balance of payments basis) come from, best first: exhibit 1, else BEA's time series
#: Table 1, which carries the same figures monthly since 1992.
TOTALS_EXHIBITS = ("1", "bea-ts-1")


def totals_exhibit(release) -> str | None:
    """The exhibit with the release's monthly totals, or None."""
    return next((e for e in TOTALS_EXHIBITS if release.has(e)), None)


def totals(df: pd.DataFrame) -> pd.DataFrame:
    """Exhibit 1's nine monthly series (current levels with a value) of ``df``."""
    rows = monthly_levels(df)
    return rows[
        rows["line_item"].isin(PARTS)
        & rows["hierarchy"].isin(list(PART_HIERARCHY.values()))
        & (rows["basis"] == "balance_of_payments")
        & (rows["seasonal_adjustment"] == "seasonally_adjusted")
    ]


def three_month_averages(df: pd.DataFrame) -> pd.DataFrame:
    """Three-month moving averages computed from a table's monthly totals, as tidy rows
    (``period_type`` three_month_average, ending in ``period``), in the file's unit.

    Exhibit 2 prints the official averages; a release without it still carries enough
    months in exhibit 1 (or BEA's Table 1) to compute them the same way: the month and the
    two before it, summed and divided by three. The result is not rounded; the
    ``location`` names the three rows it comes from."""
    rows = totals(df).assign(_p=lambda d: pd.PeriodIndex(d["period"], freq="M")).sort_values("_p")
    out = []
    for _, series in rows.groupby(["flow", "line_item"], sort=False):
        # three consecutive months only: a gap in the file leaves the average out
        consecutive = (series["_p"] - series["_p"].shift(2)).map(lambda d: getattr(d, "n", None)) == 2
        value = series["value"].rolling(3).sum() / 3
        locations = series["location"].shift(2) + "; " + series["location"].shift(1) + "; " + series["location"]
        out.append(
            series[consecutive].assign(
                period_type="three_month_average",
                value=value[consecutive],
                status="",
                location="computed from " + locations[consecutive],
            )
        )
    if not out:
        return pd.DataFrame(columns=df.columns)
    return pd.concat(out)[list(df.columns)].reset_index(drop=True)


def cumulative(
    df: pd.DataFrame, period: str, flow: str = "balance", line_item: str = "Total"
) -> tuple[str, str, str, str] | None:
    """(period_type, this period, the same period a year earlier, the earlier year) of the
    year-to-date comparison the release makes; for December, the full year."""
    this_year, prior = str(periods.year(period)), str(periods.year(period) - 1)
    if periods.month_number(period) == 12:
        kind, now_p, before_p = "year", this_year, prior
    else:
        kind, now_p, before_p = "year_to_date", period, periods.year_ago(period)
    if lookup(df, flow, line_item, now_p, kind) is not None and lookup(df, flow, line_item, before_p, kind) is not None:
        return kind, now_p, before_p, prior
    return None

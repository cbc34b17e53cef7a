"""Overview: exports, imports and balance of goods and services (exhibit 1).

The release's first page in numbers: the month's balance against the previous month
(revised), the goods deficit and services surplus, the year-to-date (or, for December,
the full-year) comparison, the monthly series of the exhibit and, where the release
carries the BEA time series (``bea-ts-1``), the long history since 1992.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import altair as alt
import pandas as pd

from ...releases import Release
from .. import narrative
from ..model import Chapter, Chart, Table, Text

SLUG = "overview"
TITLE = "Overview: exports, imports and balance"

FLOW_NAMES = {"exports": "Exports", "imports": "Imports", "balance": "Balance"}  # charts: colour order
TABLE_FLOWS = ("balance", "exports", "imports")  # tables: the exhibit's column order
PARTS = ("Total", "Goods", "Services")


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


def lookup(df: pd.DataFrame, flow: str, line_item: str, period: str, period_type: str = "month",
           vintage: str = "current") -> dict | None:
    """The one row (as a dict) of a tidy exhibit for flow/line/period, or None when the file lacks it."""
    return _index(df).get((flow, line_item, period, period_type, vintage))


def value(df: pd.DataFrame, flow: str, line_item: str, period: str, period_type: str = "month",
          vintage: str = "current") -> float:
    row = lookup(df, flow, line_item, period, period_type, vintage)
    if row is None or pd.isna(row["value"]):
        raise KeyError(f"exhibit {df['exhibit'].iloc[0]}: no {flow} {line_item} {period_type} {period} ({vintage})")
    return float(row["value"])


def months(df: pd.DataFrame) -> list[str]:
    """The months with values, in order."""
    m = df[(df["period_type"] == "month") & (df["vintage"] == "current") & df["value"].notna()]
    return sorted(m["period"].unique())


def previous_month(period: str) -> str:
    y, m = int(period[:4]), int(period[5:7])
    return f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}"


def year_ago(period: str) -> str:
    return f"{int(period[:4]) - 1}{period[4:]}"


@dataclass
class Headline:
    """The month's headline figures in millions (exhibit 1, seasonally adjusted)."""

    period: str
    previous: str
    now: dict[str, float]  # flow -> total
    before: dict[str, float]
    revised: bool  # the previous month carries the file's (R)
    source: str  # 'Exhibit 1, exh1.xlsx, sheet '1''

    def change(self, flow: str) -> float:
        return self.now[flow] - self.before[flow]


def headline(release: Release) -> Headline | None:
    """Latest month vs the previous month (as revised in this release), or None without exhibit 1."""
    exhibit = monthly_exhibit(release)
    if exhibit is None:
        return None
    df = release.exhibit(exhibit)
    period = months(df)[-1]
    prev = previous_month(period)
    now = {f: value(df, f, "Total", period) for f in FLOW_NAMES}
    before = {f: value(df, f, "Total", prev) for f in FLOW_NAMES}
    row = lookup(df, "balance", "Total", prev)
    return Headline(period, prev, now, before, "R" in str(row["status"]).split(";"), source_of(df))


def sentences(df: pd.DataFrame, period: str) -> list[str]:
    """The release's page-1 sentences for exhibit 1."""
    prev = previous_month(period)
    v = {(f, p, when): value(df, f, p, when) for f in FLOW_NAMES for p in PARTS for when in (period, prev)}
    revised = "R" in str(lookup(df, "balance", "Total", prev)["status"]).split(";")
    out = [
        narrative.balance_sentence(v["balance", "Total", period], v["balance", "Total", prev], period, prev, revised),
        narrative.flow_sentence("exports", v["exports", "Total", period], v["exports", "Total", prev], period, prev)
        + " "
        + narrative.flow_sentence("imports", v["imports", "Total", period], v["imports", "Total", prev], period, prev),
        narrative.components_sentence(
            v["balance", "Total", period], v["balance", "Total", prev],
            v["balance", "Goods", period], v["balance", "Goods", prev],
            v["balance", "Services", period], v["balance", "Services", prev], period,
        ),
    ]
    ytd = cumulative(df, period)
    if ytd is not None:
        kind, now_period, before_period, year_before = ytd
        args = []
        for flow in ("balance", "exports", "imports"):
            args += [value(df, flow, "Total", now_period, kind), value(df, flow, "Total", before_period, kind)]
        out.append(narrative.year_to_date_sentences(*args, year_before=year_before, full_year=kind == "year"))
    return out


def cumulative(df: pd.DataFrame, period: str) -> tuple[str, str, str, str] | None:
    """(period_type, this period, same period a year earlier, earlier year) for the year-to-date
    comparison; the full year for a December release."""
    year, prior = period[:4], str(int(period[:4]) - 1)
    if period.endswith("-12"):
        candidates = [("year", year, prior)]
    else:
        candidates = [("year_to_date", period, year_ago(period))]
    for kind, now_p, before_p in candidates:
        if lookup(df, "balance", "Total", now_p, kind) is not None and lookup(df, "balance", "Total", before_p, kind) is not None:
            return kind, now_p, before_p, prior
    return None


def exhibit_row(df: pd.DataFrame, first_column: str, label: str, period: str, kind: str,
                vintage: str = "current") -> dict:
    """One row of an exhibit 1/2 table: balance, exports, imports x total, goods, services, in
    the exhibit's column order; a revised period is labelled '(R)' as the exhibit prints it."""
    row = {first_column: label}
    revised = False
    for f in TABLE_FLOWS:
        for part in PARTS:
            found = lookup(df, f, part, period, kind, vintage)
            row[f"{FLOW_NAMES[f]}: {part.lower()}"] = None if found is None else found["value"]
            revised |= found is not None and "R" in str(found["status"]).split(";")
    if revised:
        row[first_column] = f"{label} (R)"
    return row


def recent_table(df: pd.DataFrame, period: str, source: str) -> Table:
    """The exhibit's last 13 months, the year to date and the previous month as published last month."""
    wanted = months(df)[-13:]
    rows, levels = [], []

    def row_for(label: str, period_: str, kind: str, vintage: str = "current") -> dict:
        return exhibit_row(df, "Period", label, period_, kind, vintage)

    for p in wanted:
        rows.append(row_for(narrative.month_year(p), p, "month"))
        levels.append(0)
    cum = cumulative(df, period)
    if cum is not None:
        kind, now_p, before_p, _ = cum
        for p in (before_p, now_p):
            label = p if kind == "year" else f"Jan.–{narrative.month(p)[:3]}. {p[:4]} (year to date)"
            rows.append(row_for(label, p, kind))
            levels.append(0)
    prev = previous_month(period)
    if lookup(df, "balance", "Total", prev, "month", "as_published_last_month") is not None:
        rows.append(row_for(f"{narrative.month_year(prev)} as published last month", prev, "month",
                            "as_published_last_month"))
        levels.append(1)
    frame = pd.DataFrame(rows)
    return Table(
        id="exhibit-1",
        title=f"Exports, imports and balance, {narrative.month_year(wanted[0])} to {narrative.month_year(period)}",
        frame=frame,
        unit="millions of dollars, seasonally adjusted, balance of payments basis",
        source=source,
        levels=levels,
        notes="(R) revised. Balances are negative for deficits. Details may not equal totals due to seasonal "
              "adjustment and rounding.",
    )


#: The monthly chart shows at most this many months (exhibit 1 carries about three years).
CHART_MONTHS = 37


def flow_lines(m: pd.DataFrame, when: str, x_title: str | None = None, axis_format: str | None = "%b %Y",
               **mark) -> tuple[alt.Chart, str, str]:
    """Exports, imports and balance as lines in billions of dollars, from rows ``m`` (one line item,
    millions); ``when`` titles the tooltip's period. Returns the chart and its first and last month
    in words. Shared by the monthly, long-history and three-month-average charts."""
    data = pd.DataFrame({
        "month": pd.to_datetime(m["period"] + "-01"),
        "series": m["flow"].map(FLOW_NAMES),
        "billions": (m["value"] / 1000).round(1),
    })
    first, last = narrative.month_year(m["period"].min()), narrative.month_year(m["period"].max())
    x = alt.X("month:T", title=x_title, axis=alt.Axis(format=axis_format)) if axis_format else alt.X("month:T", title=x_title)
    chart = alt.Chart(data).mark_line(**mark).encode(
        x=x,
        y=alt.Y("billions:Q", title="Billions of dollars"),
        color=alt.Color("series:N", sort=list(FLOW_NAMES.values()), scale=alt.Scale(domain=list(FLOW_NAMES.values()))),
        tooltip=[alt.Tooltip("month:T", title=when, format="%B %Y"), alt.Tooltip("series:N", title="Series"),
                 alt.Tooltip("billions:Q", title="Billions of dollars", format=",.1f")],
    )
    return chart, first, last


def zero_line() -> alt.Chart:
    """The dashed zero line under a balance: below it, a deficit."""
    return alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(strokeDash=[2, 2]).encode(y="y:Q")


def monthly_chart(df: pd.DataFrame, source: str) -> Chart:
    m = df[(df["period_type"] == "month") & (df["vintage"] == "current") & (df["line_item"] == "Total")
           & (df["measure"] == "level") & df["value"].notna()]
    m = m[m["period"].isin(months(df)[-CHART_MONTHS:])]
    chart, first, last = flow_lines(m, "Month", point=alt.OverlayMarkDef(size=18))
    return Chart(
        id="monthly",
        title="Exports, imports and balance of goods and services",
        chart=alt.layer(chart, zero_line()),
        description=(f"Line chart of monthly exports, imports and the balance of goods and services from {first} "
                     f"to {last}, in billions of dollars, seasonally adjusted. The balance is below zero: a deficit."),
        source=source,
        unit="billions of dollars, seasonally adjusted",
    )


def long_history_chart(release: Release) -> Chart | None:
    """Monthly figures since 1992 from the BEA time series (Table 1), where the release has it."""
    if not release.has("bea-ts-1"):
        return None
    df = release.exhibit("bea-ts-1")
    m = df[(df["period_type"] == "month") & (df["vintage"] == "current") & (df["measure"] == "level")
           & (df["line_item"] == "Total") & df["value"].notna()]
    if m.empty:
        return None
    chart, first, last = flow_lines(m, "Month", axis_format=None, strokeWidth=1.5)
    return Chart(
        id="since-1992",
        title=f"Exports, imports and balance since {first[-4:]}",
        chart=chart,
        description=(f"Line chart of monthly exports, imports and balance of goods and services from {first} to "
                     f"{last}, in billions of dollars, seasonally adjusted, from BEA's time series. The balance "
                     f"is below zero throughout: a deficit."),
        source=source_of(df),
        unit="billions of dollars, seasonally adjusted",
    )


def monthly_exhibit(release: Release) -> str | None:
    """Exhibit 1, or where a release lacks it, BEA's time series Table 1 (the same monthly totals)."""
    for exhibit in ("1", "bea-ts-1"):
        if release.has(exhibit):
            return exhibit
    return None


def source_of(df: pd.DataFrame) -> str:
    """'Exhibit 1, exh1.xlsx, sheet '1'' / 'BEA time series Table 1, ..., sheet 'Table 1'' / '..., page 12'."""
    exhibit = str(df["exhibit"].iloc[0])
    name = f"BEA time series Table {exhibit.rsplit('-', 1)[-1]}" if exhibit.startswith("bea-ts-") else f"Exhibit {exhibit}"
    where = str(df["location"].iloc[0]).split(", row")[0].split(", line")[0]
    return f"{name}, {df['source_file'].iloc[0]}, {where}"


def build(release: Release) -> Chapter | None:
    exhibit = monthly_exhibit(release)
    if exhibit is None:
        return None
    df = release.exhibit(exhibit)
    period = months(df)[-1]
    source = source_of(df)
    blocks: list = []
    if exhibit != "1":
        blocks.append(Text(f"This release's bundled files do not include exhibit 1; the figures here are BEA's "
                           f"time series of the same totals ({source})."))
    blocks.append(Text("\n\n".join(sentences(df, period))))
    blocks.append(monthly_chart(df, source))
    blocks.append(recent_table(df, period, source))
    history = long_history_chart(release)
    if history is not None:
        blocks.append(Text("## Since 1992\n\nBEA's time series carries the monthly figures back to January 1992."))
        blocks.append(history)
    h = headline(release)
    summary = narrative.balance_sentence(h.now["balance"], h.before["balance"], h.period, h.previous, h.revised)
    exhibits = sorted({exhibit} | ({"bea-ts-1"} if history is not None else set()))
    return Chapter(SLUG, TITLE, summary, blocks, exhibits)

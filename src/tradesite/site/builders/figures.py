"""The charts several chapters draw, built on tidy rows (Altair specs; the theme is applied
by the renderer, :mod:`.charts`, never here).

Values are shown in the unit's larger scale (millions of dollars as billions) and keep
their signs: balances are negative for deficits.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...periods import first_days, month_year
from ...report.numbers import scale
from ...report.vocabulary import CHART_FLOWS, FLOW_NAMES

#: Horizontal bar charts with long labels: a narrower plot so that labels and plot together
#: fit the page's chart width (theme.WIDTH) instead of being scaled down.
LABEL_LIMIT = 220
BAR_WIDTH = 400
FLOW_ORDER = [FLOW_NAMES[f] for f in CHART_FLOWS]


def flow_lines(m: pd.DataFrame, when: str, x_title: str | None = None, axis_format: str | None = "%b %Y",
               legend: bool = True, **mark) -> tuple[alt.Chart, str, str]:
    """Exports, imports and balance as lines in billions of dollars, from rows ``m`` (one line item,
    millions); ``when`` titles the tooltip's period. Returns the chart and its first and last month
    in words (monthly, long-history and three-month-average charts)."""
    data = pd.DataFrame({
        "month": first_days(m["period"]),
        "series": m["flow"].map(FLOW_NAMES),
        "billions": (m["value"] / 1000).round(1),
    })
    first, last = month_year(m["period"].min()), month_year(m["period"].max())
    x = alt.X("month:T", title=x_title, axis=alt.Axis(format=axis_format)) if axis_format else alt.X("month:T", title=x_title)
    chart = alt.Chart(data).mark_line(**mark).encode(
        x=x,
        y=alt.Y("billions:Q", title="Billions of dollars"),
        # the whole domain always, so that a flow keeps its colour on every chart
        color=alt.Color("series:N", sort=FLOW_ORDER, scale=alt.Scale(domain=FLOW_ORDER),
                        **({} if legend else {"legend": None})),
        tooltip=[alt.Tooltip("month:T", title=when, format="%B %Y"), alt.Tooltip("series:N", title="Series"),
                 alt.Tooltip("billions:Q", title="Billions of dollars", format=",.1f")],
    )
    return chart, first, last


def zero_line() -> alt.Chart:
    """The dashed zero line under a balance: below it, a deficit."""
    return alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(strokeDash=[2, 2]).encode(y="y:Q")


def flows_chart(rows: pd.DataFrame) -> tuple[alt.Chart, str]:
    """Monthly exports, imports and balance of one line as lines, in the unit's larger scale;
    returns the chart and that unit ('billions of dollars')."""
    big, factor = scale(rows["unit"].iloc[0])
    data = pd.DataFrame({"month": first_days(rows["period"]), "flow": rows["flow"].map(FLOW_NAMES),
                         "value": rows["value"] * factor})
    chart = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("month:T", title="Month", axis=alt.Axis(format="%b %Y")),
        y=alt.Y("value:Q", title=big),
        color=alt.Color("flow:N", title="Flow", sort=FLOW_ORDER),
        tooltip=[alt.Tooltip("month:T", title="Month", format="%B %Y"), alt.Tooltip("flow:N", title="Flow"),
                 alt.Tooltip("value:Q", title=big, format=",.3f")],
    )
    return chart, big


def series_lines(rows: pd.DataFrame, series: str, title: str, fmt: str = ",.3f",
                 labels: pd.Series | None = None) -> alt.Chart:
    """Lines of monthly levels, one per line item (or per ``labels``), in the unit's larger scale."""
    big, factor = scale(rows["unit"].iloc[0])
    data = pd.DataFrame({
        "month": first_days(rows["period"]),
        "series": rows["line_item"] if labels is None else labels,
        "value": rows["value"] * factor,
    })
    y_title = f"{title}, {big}" if title else big[:1].upper() + big[1:]
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("month:T", title="Month", axis=alt.Axis(format="%b %Y")),
        y=alt.Y("value:Q", title=y_title),
        color=alt.Color("series:N", title=series, legend=alt.Legend(columns=3)),
        tooltip=[alt.Tooltip("month:T", title="Month", format="%B %Y"), alt.Tooltip("series:N", title=series),
                 alt.Tooltip("value:Q", title=big, format=fmt)],
    )


def change_bars(changes: pd.DataFrame, unit: str, label: str) -> alt.Chart:
    """Horizontal bars of monthly changes, largest increase on top (columns line_item,
    category, change, now, in ``unit``)."""
    big, factor = scale(unit)
    data = pd.DataFrame({
        "item": changes["line_item"],
        "category": changes["category"],
        "change": changes["change"] * factor,
        "now": changes["now"] * factor,
        "direction": changes["change"].map(lambda c: "increase" if c > 0 else "decrease" if c < 0 else "no change"),
    })
    return alt.Chart(data, width=BAR_WIDTH).mark_bar().encode(
        x=alt.X("change:Q", title=f"Monthly change, {big}"),
        y=alt.Y("item:N", sort="-x", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        color=alt.Color("direction:N", title="Direction", sort=["increase", "decrease", "no change"]),
        tooltip=[alt.Tooltip("item:N", title=label), alt.Tooltip("category:N", title="End-use category"),
                 alt.Tooltip("change:Q", title=f"Change ({big})", format=",.3f"),
                 alt.Tooltip("now:Q", title=f"This month ({big})", format=",.3f")],
    )

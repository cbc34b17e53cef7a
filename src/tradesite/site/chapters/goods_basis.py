"""Goods on two bases, not seasonally adjusted (exhibit 12): balance of payments basis,
Census basis and the net adjustments between them.

The Census basis counts the goods crossing the U.S. border as the customs records show
them; BEA adjusts those records to the balance of payments basis of the international
accounts. Exhibit 12 prints both, not seasonally adjusted, with the net adjustments that
bridge them: on each row, balance of payments basis = Census basis + net adjustments, for
exports and for imports (a test checks every row). Unadjusted figures are compared with the
same month a year earlier, as the release compares them.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...periods import first_days, month_year, year_ago
from ...report.coverage import Needs, Status
from ...report.frames import cumulative, last_periods, level, lookup, monthly_levels
from ...report.numbers import amount, money, percent
from ...report.vocabulary import FLOW_NAMES
from ...report.words import balance_kind, cumulative_words, in_sentence, trend
from ..builders.explain import quoted_notes
from ..builders.figures import Drawing, month_axis, month_tooltip, trend_summary, unit_title, zero_line
from ..builders.layouts import period_table
from ..render import theme
from ..render.model import Chapter, Chart, Text

SLUG = "goods-basis"
TITLE = "Goods on two bases (not seasonally adjusted)"
NEEDS = Needs(complete=(("12",),))
ADDS = ""

BOP = "Total Balance of Payments Basis"
CENSUS = "Total Census Basis"
NET = "Net Adjustments"
#: The release's explanatory notes on the two bases (headings as printed).
BASIS_NOTES = ("Goods (Census basis)", "Goods (BOP basis)")
CHART_MONTHS = 37
#: The unit of the chapter's charts.
UNIT = "billions of dollars, not seasonally adjusted"


def _change(now: float, before: float, flow: str) -> str:
    """'up $2.1 billion or 1.2 percent' (a balance's change is its magnitude's)."""
    change = abs(now) - abs(before) if flow == "balance" else now - before
    if not change:
        return "unchanged"
    return f"{'up' if change > 0 else 'down'} {amount(change)} or {percent(change, before)}"


def month_text(df: pd.DataFrame, period: str) -> str:
    """The month on both bases, and against the same month a year earlier."""
    when = month_year(period)
    earlier = year_ago(period)
    lines = [f"In {when}, not seasonally adjusted:", ""]
    for flow in ("exports", "imports"):
        bop, census, net = (level(df, flow, line, period) for line in (BOP, CENSUS, NET))
        line = (
            f"- {FLOW_NAMES[flow]} of goods were {money(bop)} on a balance of payments basis: {money(census)} on "
            f"a Census basis and net adjustments of {'minus ' if net < 0 else ''}{money(net)}"
        )
        if lookup(df, flow, BOP, earlier) is not None:
            line += f"; {_change(bop, level(df, flow, BOP, earlier), flow)} from {month_year(earlier)}"
        lines.append(line + ".")
    bop, census = level(df, "balance", BOP, period), level(df, "balance", CENSUS, period)
    line = (
        f"- The goods {balance_kind(bop)} was {money(bop)} on a balance of payments basis and "
        f"{money(census)} on a Census basis"
    )
    if lookup(df, "balance", BOP, earlier) is not None:
        line += f"; on a balance of payments basis, {_change(bop, level(df, 'balance', BOP, earlier), 'balance')} from {month_year(earlier)}"
    lines.append(line + ".")
    cum = cumulative(df, period, "balance", BOP)
    if cum is not None:
        kind, now_p, before_p, prior = cum
        a, b = level(df, "balance", BOP, now_p, kind), level(df, "balance", BOP, before_p, kind)
        lead, since = cumulative_words(kind, period, prior)
        lines += [
            "",
            f"{lead}, the goods {balance_kind(a)} on a balance of payments basis was {money(a)}, "
            f"{_change(a, b, 'balance')} from {since}.",
        ]
    return "\n".join(lines)


def _lines(
    rows: pd.DataFrame, field: str, labels: pd.Series, what: str, mark: dict, **channels
) -> tuple[Drawing, pd.DataFrame, str, str]:
    """Monthly ``rows`` as lines in billions of dollars over the zero line, one per label (``field``
    in the chart's data and, capitalised, in its tooltip), ``what`` on the value axis, ``mark`` and
    ``channels`` telling the lines apart. Returns the drawing, without its summary, its data to
    say one from, and its first and last month in words."""
    data = pd.DataFrame({"month": first_days(rows["period"]), field: labels, "billions": rows["value"] / 1000})
    title = unit_title("billions of dollars", what)
    lines = (
        alt.Chart(data)
        .mark_line(point=True, **mark)
        .encode(
            x=month_axis(),
            y=alt.Y("billions:Q", title=title),
            **channels,
            tooltip=[
                month_tooltip(),
                alt.Tooltip(f"{field}:N", title=field.capitalize()),
                alt.Tooltip("billions:Q", title=title, format=",.1f"),
            ],
        )
    )
    first, last = month_year(rows["period"].min()), month_year(rows["period"].max())
    return Drawing(alt.layer(lines, zero_line()), UNIT, "", rows), data, first, last


def adjustments_chart(df: pd.DataFrame) -> Chart:
    """The net adjustments of each month, exports and imports, in billions."""
    rows = last_periods(monthly_levels(df, line_item=NET), CHART_MONTHS)
    flows = rows["flow"].map(FLOW_NAMES)
    drawn, data, first, last = _lines(rows, "flow", flows, "Net adjustments", {}, color=theme.color("flow", flows))
    said = trend_summary(
        data.assign(flow=[f"net adjustments to {f.lower()}" for f in data["flow"]]),
        "flow",
        "billions",
        "billions of dollars",
    )
    return drawn.named(
        "net-adjustments",
        "Net adjustments from the Census basis to the balance of payments basis",
        f"Line chart of the monthly net adjustments that turn goods exports and imports on a Census basis into "
        f"the balance of payments basis, from {first} to {last}, in billions of dollars, not seasonally "
        f"adjusted; above zero the balance of payments figure is the larger.",
        summary=said,
    )


def balance_chart(df: pd.DataFrame) -> Chart:
    """The goods balance on each basis, month by month."""
    rows = monthly_levels(df, flow="balance")
    rows = last_periods(rows[rows["line_item"].isin([BOP, CENSUS])], CHART_MONTHS)
    names = {BOP: "Balance of payments basis", CENSUS: "Census basis"}
    bases = rows["line_item"].map(names)
    drawn, data, first, last = _lines(
        rows,
        "basis",
        bases,
        "Goods balance",
        {"color": theme.colour("Balance")},
        strokeDash=theme.stroke_dash("basis", bases),
    )
    trends: list[str] = []
    for _line, basis in names.items():
        b = data[data["basis"] == basis].sort_values("month")
        if len(b):
            trends.append(
                f"on a {in_sentence(basis)} "
                f"{trend('balance', b['billions'].iloc[0], b['billions'].iloc[-1], 'billions of dollars')}"
            )
    return drawn.named(
        "balance-by-basis",
        "Goods balance on a balance of payments basis and on a Census basis",
        f"Line chart of the monthly goods balance on a balance of payments basis (solid) and on a Census basis "
        f"(dashed), from {first} to {last}, in billions of dollars, not seasonally adjusted; below zero, a deficit.",
        summary=f"From {first} to {last}, " + "; ".join(trends) + ".",
    )


def build(release, status: Status) -> Chapter:
    df = release.exhibit("12")
    period = max(p for p in monthly_levels(df, line_item=BOP)["period"])
    blocks: list = [Text(month_text(df, period))]
    blocks.append(balance_chart(df))
    blocks.append(adjustments_chart(df))
    explain = [
        "## Why two bases",
        "",
        "Exhibit 12 prints each month's goods trade twice: on the **Census basis** of the customs records "
        "and on the **balance of payments basis** of the international accounts, with the **net "
        "adjustments** between them (exports and imports each: balance of payments basis = Census basis + "
        "net adjustments). The figures are not seasonally adjusted, so a month is compared with the same "
        "month a year earlier.",
    ]
    notes = quoted_notes(release, BASIS_NOTES)
    if notes:
        explain += ["", "In the words of the release's explanatory notes:", ""] + [n + "\n" for n in notes]
    blocks.append(Text("\n".join(explain).strip()))
    blocks.append(
        period_table(
            df,
            "exhibit-12",
            release.printed_title("12") + ", not seasonally adjusted",
            notes="Not seasonally adjusted. Balance of payments basis = Census basis + net "
            "adjustments, for exports and for imports; balances are negative for deficits.",
        )
    )
    kind = balance_kind(level(df, "balance", BOP, period))
    summary = (
        f"Goods trade in {month_year(period)} not seasonally adjusted, on a balance of payments basis and a "
        f"Census basis, and the net adjustments between them: a goods {kind} of "
        f"{money(level(df, 'balance', BOP, period))}."
    )
    return Chapter(slug=SLUG, title=TITLE, summary=summary, blocks=blocks, exhibits=["12"])

"""Real goods trade in chained dollars (exhibits 10 and 11; Census basis, seasonally adjusted).

The reference year of the chained dollars changes over time (2012 dollars in 2021, 2017
dollars in 2025), so it is always read from the exhibit's ``unit`` column.
"""

from __future__ import annotations

import re

import pandas as pd

from ...periods import month, month_year, previous
from ...report.coverage import Needs, Status
from ...report.frames import current, latest_month, monthly_levels, pick
from ...report.numbers import magnitude, money, percent
from ...report.words import balance_kind, moved
from ..builders.end_use import top_lines
from ..builders.figures import flows_chart, grouped_bars, largest_of_each
from ..builders.layouts import period_table
from ..render.markup import md
from ..render.model import Chapter, Chart, Text

SLUG = "real-goods"
TITLE = "Real goods trade (chained dollars)"
NEEDS = Needs(complete=(("10", "11"),), also=("6",))
ADDS = ""


def build(release, status: Status) -> Chapter:
    exhibits = [e for e in ("10", "11") if release.has(e)]
    main = release.exhibit(exhibits[-1])
    unit = main["unit"].iloc[0]
    blocks: list = [
        Text(
            f"Real figures remove price changes: they are in **{md(unit)}** (exhibits "
            f"{' and '.join(exhibits)}, Census basis, seasonally adjusted). Chained-dollar "
            f"components do not add up to the totals; the exhibits show the difference as a "
            f"'Residual'."
        )
    ]
    if release.has("11"):
        nominal = release.exhibit("6") if release.has("6") else None
        blocks.append(Text(real_text(release.exhibit("11"), nominal)))
        blocks.append(monthly_chart(release.exhibit("11")))
    if release.has("10"):
        blocks.append(category_chart(release.exhibit("10")))
    for e in exhibits:
        df = release.exhibit(e)
        note = f"{df['unit'].iloc[0][0].upper()}{df['unit'].iloc[0][1:]}; seasonally adjusted, Census basis."
        # exhibit 10 prints exports and imports as two blocks of rows: two tables, as printed
        parts = [(f, pick(df, flow=f)) for f in ("exports", "imports")] if e == "10" else [(None, df)]
        for flow, rows in parts:
            suffix = f": {flow}" if flow else ""
            blocks.append(
                period_table(
                    rows,
                    f"exhibit-{e}{'-' + flow if flow else ''}",
                    release.printed_title(e) + suffix,
                    flows=None if flow is None else False,
                    notes=note,
                )
            )
    summary = f"Exports, imports and balance of goods in {chained_words(unit)}, {release.month_name}."
    return Chapter(slug=SLUG, title=TITLE, summary=summary, blocks=blocks, exhibits=exhibits)


def chained_words(unit: str) -> str:
    """'millions of chained 2012 dollars' -> 'chained 2012 dollars'."""
    m = re.search(r"chained \d{4} dollars", unit)
    return m.group(0) if m else unit


def _totals(df: pd.DataFrame, period: str) -> dict[tuple[str, str], float]:
    """(flow, period) -> the Census basis total for this month and the month before."""
    rows = monthly_levels(df)
    census = top_lines(rows).get("census") or rows[rows["level"] == 0]["hierarchy"].iloc[0]
    rows = rows[(rows["hierarchy"] == census) & rows["period"].isin([period, previous(period)])]
    return {(f, p): float(v) for f, p, v in rows[["flow", "period", "value"]].itertuples(index=False)}


def real_text(ex11: pd.DataFrame, ex6: pd.DataFrame | None) -> str:
    """'The real goods deficit increased $14.0 billion, or 10.2 percent, to $150.9 billion in March,
    compared to a 10.3 percent increase in the nominal deficit.' (trad0325.pdf page 3)"""
    period = latest_month(ex11)
    prev = previous(period)
    real = _totals(ex11, period)
    nominal = _totals(ex6, period) if ex6 is not None else {}
    if ex6 is not None and ("exports", period) in nominal:
        for p in (period, prev):
            nominal[("balance", p)] = nominal[("exports", p)] - nominal[("imports", p)]
    lines = []
    b_now, b_before = real[("balance", period)], real[("balance", prev)]
    kind = balance_kind(b_now)
    change = abs(b_now) - abs(b_before)
    head = (
        f"The real goods {kind} {moved(change)}, or {percent(change, b_before)}, to {money(b_now)} in {month(period)}"
    )
    if ("balance", prev) in nominal and balance_kind(nominal[("balance", period)]) == kind:
        n_change = abs(nominal[("balance", period)]) - abs(nominal[("balance", prev)])
        head += (
            f", compared to a {percent(n_change, nominal[('balance', prev)])} "
            f"{'increase' if n_change > 0 else 'decrease'} in the nominal {kind}"
        )
    lines.append(head + ".")
    for flow in ("exports", "imports"):
        now, before = real[(flow, period)], real[(flow, prev)]
        text = f"- Real {flow} of goods {moved(now - before)}, or {percent(now - before, before)}, to {money(now)}"
        if (flow, prev) in nominal:
            n_change = nominal[(flow, period)] - nominal[(flow, prev)]
            text += (
                f", compared to a {percent(n_change, nominal[(flow, prev)])} "
                f"{'increase' if n_change > 0 else 'decrease'} in nominal {flow}"
            )
        lines.append(text + ".")
    note = (
        "\n\nReal figures are in " + md(chained_words(real_unit(ex11))) + "; nominal figures are the Census basis "
        "totals of exhibit 6."
        if nominal
        else ""
    )
    return lines[0] + "\n\n" + "\n".join(lines[1:]) + note


def real_unit(df: pd.DataFrame) -> str:
    return str(df["unit"].iloc[0])


def monthly_chart(ex11: pd.DataFrame) -> Chart:
    rows = monthly_levels(ex11)
    total = top_lines(rows).get("census") or rows[rows["level"] == 0]["hierarchy"].iloc[0]
    drawn = flows_chart(rows[rows["hierarchy"] == total])
    return drawn.named(
        "real-monthly",
        "Real goods trade, monthly (Census basis)",
        f"Line chart of monthly real exports, imports and balance of goods in {drawn.unit}, over the months "
        f"exhibit 11 shows, seasonally adjusted.",
    )


def category_chart(ex10: pd.DataFrame) -> Chart:
    df = current(ex10)
    period = latest_month(df)
    rows = pick(df, period=period, period_type="month", measure="level", level=1).dropna(subset=["value"])
    drawn, data = grouped_bars(rows, "category", "End-use category", sort=None)
    big, when = drawn.unit, month_year(period)
    said = [
        f"{'of ' if i else 'the largest category of '}real {flow.lower()} was {name.lower()} ({magnitude(value, big)})"
        for i, (flow, name, value) in enumerate(largest_of_each(data, "category"))
    ]
    return drawn.named(
        "real-by-category",
        f"Real goods trade by end-use category, {when}",
        f"Grouped bar chart of real exports and imports of goods for each end-use category in {when}, in "
        f"{big}, seasonally adjusted; the residual as exhibit 10 prints it.",
        summary=f"In {when} " + " and ".join(said) + ".",
    )

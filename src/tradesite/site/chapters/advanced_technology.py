"""Advanced technology products (exhibits 16 and 16a; Census basis, not seasonally adjusted).

Not seasonally adjusted figures are compared with the same period a year earlier (the
exhibits' year-to-date columns), not with the month before.
"""

from __future__ import annotations

import pandas as pd

from ...periods import label as period_label
from ...periods import month, month_year, year_ago
from ...report.coverage import Needs, Status
from ...report.frames import current, latest_month, monthly_levels, pick, value
from ...report.numbers import money
from ...report.vocabulary import FLOW_NAMES
from ...report.words import balance_kind
from ...schema import HIERARCHY_SEP as HIERARCHY
from ..builders.figures import balances_summary, flows_chart, grouped_bars, ranking_summary
from ..builders.layouts import item_table, period_table
from ..render.markup import md
from ..render.model import Chapter, Chart, Text

SLUG = "advanced-technology"
TITLE = "Advanced technology products"
NEEDS = Needs(complete=(("16", "16a"),))
ADDS = "the technology groups and partners of exhibit 16a, or the monthly totals of exhibit 16"


def build(release, status: Status) -> Chapter:
    blocks: list = []
    exhibits = [e for e in ("16", "16a") if release.has(e)]
    if release.has("16"):
        ex16 = release.exhibit("16")
        blocks.append(Text(totals_text(ex16)))
    if release.has("16a"):
        groups, partners = split_16a(release.exhibit("16a"))
        blocks.append(Text(groups_text(groups)))
        blocks.append(group_chart(groups))
    if release.has("16"):
        blocks.append(monthly_chart(ex16))
        blocks.append(
            period_table(
                ex16,
                "monthly",
                release.printed_title("16"),
                notes="Not seasonally adjusted; Census basis (not available on a BOP basis).",
            )
        )
    if release.has("16a"):
        title = release.printed_title("16a")
        blocks.append(
            item_table(groups, "by-technology-group", f"{title}: technology groups", label_name="Technology group")
        )
        if len(partners):
            blocks.append(
                item_table(
                    partners,
                    "by-country",
                    f"{title}: selected countries and areas",
                    label_name="Country and area",
                    notes="Countries may be included in more than one area.",
                )
            )
    summary = f"Trade in advanced technology products in {release.month_name}, by technology group and partner."
    return Chapter(slug=SLUG, title=TITLE, summary=summary, blocks=blocks, exhibits=exhibits)


def split_16a(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Exhibit 16a prints two tables on one sheet, each starting with a 'Total' line:
    technology groups, then selected countries and areas."""
    order = list(dict.fromkeys(zip(df["hierarchy"], df["line_item"])))
    totals = [i for i, (_, item) in enumerate(order) if item.lower() == "total"]
    if len(totals) < 2:
        return df, df.iloc[0:0]
    second = {h for h, _ in order[totals[1] :]}
    is_partner = df["hierarchy"].isin(second)
    return df[~is_partner], df[is_partner]


def technology_groups(groups: pd.DataFrame) -> pd.DataFrame:
    """The lines right under the table's 'Total' (the workbook nests it under 'Technology Group', the PDF not)."""
    total = groups[groups["line_item"].str.lower() == "total"].iloc[0]
    under = groups["hierarchy"].str.startswith(total["hierarchy"] + HIERARCHY)
    return groups[under & (groups["level"] == total["level"] + 1)]


def totals_text(ex16: pd.DataFrame) -> str:
    """This month's exports, imports and balance, and year to date against a year earlier."""
    df = current(ex16)
    period = latest_month(df)
    when = month_year(period)
    level = {f: value(df, flow=f, period=period, period_type="month", measure="level") for f in FLOW_NAMES}
    text = (
        f"In {when}, exports of advanced technology products were {money(level['exports'])} and imports "
        f"{money(level['imports'])}, a {balance_kind(level['balance'])} of {money(level['balance'])} "
        f"(not seasonally adjusted)."
    )
    ytd = pick(df, flow="balance", period_type="year_to_date", measure="level")
    earlier = year_ago(period)
    now, before = ytd[ytd["period"] == period], ytd[ytd["period"] == earlier]
    if len(now) and len(before):
        a, b = float(now["value"].iloc[0]), float(before["value"].iloc[0])
        text += (
            f" Year to date the {balance_kind(a)} was {money(a)}, against a {balance_kind(b)} of "
            f"{money(b)} in {period_label(earlier, 'year_to_date')}."
        )
    return text


def groups_text(groups: pd.DataFrame) -> str:
    """The technology groups with the largest deficit and the largest surplus this month."""
    df = current(groups)
    period = latest_month(df)
    bal = pick(technology_groups(df), flow="balance", period=period, period_type="month", measure="level").dropna(
        subset=["value"]
    )
    if bal.empty:
        return ""
    low, high = bal.loc[bal["value"].idxmin()], bal.loc[bal["value"].idxmax()]
    parts = []
    if low["value"] < 0:
        parts.append(f"the largest deficit was in {md(low['line_item'].lower())} ({money(low['value'])})")
    if high["value"] > 0:
        parts.append(f"the largest surplus in {md(high['line_item'].lower())} ({money(high['value'])})")
    if not parts:
        return ""
    return f"By technology group in {month(period)}, " + " and ".join(parts) + "."


def group_chart(groups: pd.DataFrame) -> Chart:
    df = current(groups)
    period = latest_month(df)
    rows = pick(technology_groups(df), period=period, period_type="month", measure="level").dropna(subset=["value"])
    drawn, data = grouped_bars(rows, "group", "Technology group")
    when = month_year(period)
    bal = data[data["flow"] == "Balance"]
    said = (
        balances_summary(bal["group"].str.lower(), bal["value"], drawn.unit, "technology groups", when, prep="in")
        if len(bal)
        else ranking_summary(data["group"].str.lower(), data["value"], drawn.unit, "groups", when)
    )
    return drawn.named(
        "technology-groups",
        f"Advanced technology products by technology group, {when}",
        f"Grouped bar chart of exports, imports and balance of advanced technology products for each "
        f"technology group in {when}, not seasonally adjusted.",
        summary=said,
    )


def monthly_chart(ex16: pd.DataFrame) -> Chart:
    return flows_chart(monthly_levels(ex16)).named(
        "monthly-trade",
        "Advanced technology products, monthly",
        "Line chart of monthly exports, imports and balance of advanced technology products over the "
        "months exhibit 16 shows, not seasonally adjusted.",
    )

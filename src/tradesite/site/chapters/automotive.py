"""Automotive vehicles, parts and engines (exhibit 18, and the automotive lines of exhibits 6-8).

Exhibits 6-8 are seasonally adjusted and by commodity; exhibit 18 is not seasonally adjusted
and by country, with its own product split (passenger cars; trucks, buses and special purpose
vehicles; parts), so the two are shown side by side, never mixed.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...periods import month, month_year
from ...report.coverage import Needs, Status
from ...report.frames import current, latest_month, monthly_levels, pick
from ...report.numbers import magnitude, money
from ...report.vocabulary import FLOW_NAMES
from ...report.words import moved
from ...schema import HIERARCHY_SEP as HIERARCHY
from ..builders.end_use import monthly_changes
from ..builders.figures import grouped_bars, largest_of_each, series_lines
from ..builders.layouts import column_label, flow_heading, item_table, period_table, pivot, table_of
from ..render.markup import md
from ..render.model import Chapter, Chart, Table, Text

SLUG = "automotive"
TITLE = "Automotive vehicles, parts and engines"
NEEDS = Needs(complete=(("6", "7", "8", "18"),))
ADDS = "the automotive lines of exhibits 6 to 8 (seasonally adjusted) and the trade by country of exhibit 18"
END_USE = {"exports": "7", "imports": "8"}
TOP_PARTNERS = 3
TOP_CHART = 12


def build(release, status: Status) -> Chapter:
    exhibits = [e for e in ("6", "7", "8", "18") if release.has(e)]
    blocks: list = []
    for flow, e in END_USE.items():
        if release.has(e):
            blocks.append(Text(end_use_text(release.exhibit(e), flow)))
    if release.has("18"):
        ex18 = with_product(release.exhibit("18"))
        blocks.append(Text(partners_text(ex18)))
    if release.has("6"):
        rows = monthly_levels(automotive(release.exhibit("6")))
        if len(rows):
            blocks.append(
                series_lines(rows, rows["flow"].map(FLOW_NAMES)).named(
                    "monthly",
                    "Automotive vehicles, parts, and engines, monthly",
                    "Line chart of monthly exports and imports of automotive vehicles, parts, and engines over "
                    "the months exhibit 6 shows, seasonally adjusted.",
                )
            )
    if release.has("18"):
        blocks.append(partner_chart(ex18))
    for flow, e in END_USE.items():
        if release.has(e):
            rows = automotive(release.exhibit(e))
            blocks.append(
                item_table(
                    rows,
                    f"{flow}-by-commodity",
                    f"{FLOW_NAMES[flow]} of automotive vehicles, parts, and engines by commodity",
                    label_name="Commodity",
                    notes="Seasonally adjusted, Census basis; the automotive lines of the exhibit.",
                )
            )
    if release.has("18"):
        blocks.append(partner_table(ex18, release.printed_title("18")))
    if release.has("6"):
        blocks.append(
            period_table(
                automotive(release.exhibit("6")),
                "by-month",
                "Automotive vehicles, parts, and engines by month (exhibit 6)",
                notes="Seasonally adjusted, Census basis.",
            )
        )
    summary = f"Trade in automotive vehicles, parts and engines in {release.month_name}, by commodity and country."
    return Chapter(slug=SLUG, title=TITLE, summary=summary, blocks=blocks, exhibits=exhibits)


def automotive(df: pd.DataFrame) -> pd.DataFrame:
    """The end-use category 'Automotive vehicles, parts, and engines' and the commodities under it."""
    cats = df[(df["level"] == 1) & df["line_item"].str.lower().str.startswith("automotive")]["hierarchy"].unique()
    if len(cats) == 0:
        return df.iloc[0:0]
    cat = cats[0]
    return df[(df["hierarchy"] == cat) | df["hierarchy"].str.startswith(cat + HIERARCHY)]


def end_use_text(df: pd.DataFrame, flow: str) -> str:
    """'Exports of automotive vehicles, parts, and engines decreased $1.0 billion to $11.2 billion in August.'
    with each commodity's change below it (exhibit 7 or 8)."""
    period = latest_month(df)
    changes = monthly_changes(automotive(df), period)
    cat = changes[changes["level"] == 1].iloc[0]
    lines = [
        f"{FLOW_NAMES[flow]} of {md(cat['line_item'].lower())} {moved(cat['change'])} to {money(cat['now'])} "
        f"in {month(period)} (seasonally adjusted, Census basis).",
        "",
    ]
    lines += [f"- {md(k['line_item'])} {moved(k['change'])}." for _, k in changes[changes["level"] == 2].iterrows()]
    return "\n".join(lines)


# ---------------------------------------------------------------- exhibit 18


def with_product(ex18: pd.DataFrame) -> pd.DataFrame:
    """Exhibit 18 splits its columns by product; the reader puts the product at the top of the
    hierarchy ('Passenger Cars › TOTAL › Canada'; the all-products columns have none). Adds
    ``product`` and ``partner`` columns."""
    df = current(ex18).copy()
    parts = df["hierarchy"].str.split(HIERARCHY)
    total_label = df["line_item"].iloc[0]
    products = {p[0] for p, item in zip(parts, df["line_item"]) if item == total_label and len(p) > 1}
    df["product"] = [p[0] if p[0] in products else "Total" for p in parts]
    df["partner"] = df["line_item"]
    return df


def partners_text(ex18: pd.DataFrame) -> str:
    """Largest partners for all motor vehicles and parts this month (not seasonally adjusted)."""
    period = latest_month(ex18)
    rows = pick(ex18, product="Total", period=period, period_type="month", measure="level")
    total_label = rows["line_item"].iloc[0]
    out = []
    for flow, where in (("imports", "sources"), ("exports", "destinations")):
        f = rows[rows["flow"] == flow].dropna(subset=["value"])
        if f.empty:
            continue
        total = f[f["line_item"] == total_label]["value"].iloc[0]
        countries = f[(f["line_item"] != total_label) & (f["line_item"].str.lower() != "other")]
        top = countries.sort_values("value", ascending=False).head(TOP_PARTNERS)
        names = [f"{md(c)} ({money(v)})" for c, v in top[["line_item", "value"]].itertuples(index=False)]
        listing = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)
        out.append(
            f"{flow[0].upper()}{flow[1:]} of motor vehicles and parts were {money(total)} in "
            f"{month_year(period)}; the largest {where} were {listing}."
        )
    return " ".join(out) + " (Exhibit 18, not seasonally adjusted.)"


def partner_chart(ex18: pd.DataFrame) -> Chart:
    period = latest_month(ex18)
    rows = pick(ex18, product="Total", period=period, period_type="month", measure="level").dropna(subset=["value"])
    total_label = rows["line_item"].iloc[0]
    rows = rows[(rows["line_item"] != total_label) & (rows["line_item"].str.lower() != "other")]
    largest = rows.groupby("line_item")["value"].sum().sort_values(ascending=False).head(TOP_CHART).index
    rows = rows[rows["line_item"].isin(largest)]
    drawn, data = grouped_bars(
        rows, "partner", "Country", sort=alt.EncodingSortField("value", op="sum", order="descending")
    )
    when = month_year(period)
    said = [
        f"{flow.lower()} {'to' if flow == 'Exports' else 'from'} {name} ({magnitude(value, drawn.unit)})"
        for flow, name, value in largest_of_each(data, "partner")
    ]
    return drawn.named(
        "partners",
        f"Motor vehicles and parts: the {TOP_CHART} largest partners, {when}",
        f"Grouped bar chart of U.S. exports and imports of motor vehicles and parts with the {TOP_CHART} "
        f"countries of exhibit 18 with the most trade in {when}, not seasonally adjusted.",
        summary=f"In {when} the largest were " + " and ".join(said) + ".",
    )


def partner_table(ex18: pd.DataFrame, title: str) -> Table:
    """Exhibit 18 as printed: countries down, product and period across, exports above imports."""
    parts, levels = [], []
    for flow, rows in ex18.groupby("flow", sort=False):
        frame, _, _ = pivot(
            rows,
            ["partner"],
            ["product", "period", "period_type", "measure"],
            lambda d: d["partner"],
            lambda k: f"{k['product']}, {column_label(k['period'], k['period_type'], k['measure'])}",
            "Country",
        )
        parts += [flow_heading(frame, flow), frame]
        levels += [0] + [1] * len(frame)
    return table_of(
        ex18,
        "by-country",
        title,
        pd.concat(parts, ignore_index=True),
        "Not seasonally adjusted; Census basis (not available on a BOP basis).",
        levels=levels,
        long=ex18.drop(columns=["product", "partner"]),
    )

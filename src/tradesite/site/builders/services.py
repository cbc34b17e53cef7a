"""Services exports (exhibit 3) or imports (exhibit 4) by major category; BEA time series
Table 2 or 3 for the long history (the page the two services chapters share).

The month's figures come from exhibit 3/4 as the release prints it (Census workbook, else
the release PDF); a release without it but with BEA's time-series workbook uses its
Table 2/3, which carries the same monthly figures (balance of payments basis, seasonally
adjusted); a release with neither, the monthly totals (:mod:`.totals`). The long history,
monthly since January 1999, is Table 2/3 where the release has it.

The paragraph follows the release (trad0325.pdf pages 2–3): "Exports of services decreased
$0.9 billion to $95.2 billion in March." and then each category whose change rounds to
$0.2 billion or more, largest change first ("Travel decreased $1.3 billion."). The threshold
and the order are read off that release: it names travel (−$1.3), transport (+$0.3) and
financial services (+$0.2) and leaves out government goods and services (−$0.1); for imports,
travel (−$0.4) and transport (+$0.2) but not intellectual property (+$0.1).
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from ...periods import label as period_label
from ...periods import month, previous
from ...report.frames import current, latest_month, pick
from ...report.numbers import billions, money, scale
from ...report.provenance import source
from ...report.series import series_of
from ...report.vocabulary import FLOW_NAMES
from ...report.words import moved
from ..render import theme
from ..render.markup import md
from ..render.model import Chapter, Chart, Table, Text
from .figures import BAR_WIDTH, LABEL_LIMIT, number_format, ranking_summary, small_multiples, unit_title
from .layouts import pivot, table_of
from .totals import totals_page

#: flow -> (the release's exhibit, BEA time-series table)
SOURCES = {"exports": ("3", "bea-ts-2"), "imports": ("4", "bea-ts-3")}
#: A category is named when its change rounds to this many billions or more (trad0325.pdf pages 2-3).
NAMED_MIN = billions(200)


# ---------------------------------------------------------------- rows and words


def monthly_exhibit(release, flow: str) -> str | None:
    """The exhibit for this month's categories: the release's exhibit 3/4, else BEA Table 2/3."""
    return next((e for e in SOURCES[flow] if release.has(e)), None)


def category_name(label: str) -> str:
    """A category as a sentence names it: 'Financial Services' -> 'Financial services',
    'Charges for the Use of Intellectual Property n.i.e.' -> 'Charges for the use of intellectual property'."""
    name = re.sub(r"\s*n\.i\.e\.$", "", label)
    return name[:1] + name[1:].lower()


def changes(df: pd.DataFrame, period: str) -> pd.DataFrame:
    """Each line's level this month and last month (as revised in this release) and the change."""
    rows = pick(current(df), period_type="month", measure="level")
    now = pick(rows, period=period).set_index("hierarchy")
    before = pick(rows, period=previous(period)).set_index("hierarchy")
    out = now[["line_item", "level"]].assign(now=now["value"], before=before["value"].reindex(now.index))
    out["change"] = out["now"] - out["before"]
    out["category"] = out["line_item"].map(category_name)
    return out.reset_index()


def narrative(df: pd.DataFrame, flow: str, period: str) -> str:
    """'Exports of services decreased $0.9 billion to $95.2 billion in March.' and the named categories."""
    lines = changes(df, period)
    total = lines[lines["level"] == 0].iloc[0]
    name = FLOW_NAMES[flow]
    if pd.isna(total["change"]):
        return f"{name} of services were {money(total['now'])} in {month(period)}."
    out = [f"{name} of services {moved(total['change'])} to {money(total['now'])} in {month(period)}.\n"]
    cats = lines[(lines["level"] == 1) & lines["change"].notna()]
    named = cats[cats["change"].map(lambda c: abs(billions(c)) >= NAMED_MIN)]
    named = named.reindex(named["change"].abs().sort_values(ascending=False, kind="stable").index)
    out += [f"- {md(c['category'])} {moved(c['change'])}." for _, c in named.iterrows()]
    if named.empty:
        out.append(f"No category changed by ${NAMED_MIN} billion or more.")
    return "\n".join(out)


# ---------------------------------------------------------------- charts


def categories_chart(df: pd.DataFrame, flow: str, period: str) -> Chart:
    """This month's level of each category, largest on top, in the flow's colour; the change in
    the tooltip."""
    lines = changes(df, period)
    cats = lines[lines["level"] == 1]
    big, factor = scale(df["unit"].iloc[0])
    data = pd.DataFrame(
        {"category": cats["category"], "level": cats["now"] * factor, "change": cats["change"] * factor}
    )
    when = period_label(period, "month")
    fmt = number_format(big)
    chart = (
        alt.Chart(data, width=BAR_WIDTH)
        .mark_bar(color=theme.colour(FLOW_NAMES[flow]))
        .encode(
            x=alt.X("level:Q", title=unit_title(big)),
            y=alt.Y("category:N", sort="-x", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            tooltip=[
                alt.Tooltip("category:N", title="Category"),
                alt.Tooltip("level:Q", title=f"{when} ({big})", format=fmt),
                alt.Tooltip(
                    "change:Q", title=f"Change from {period_label(previous(period), 'month')} ({big})", format="+" + fmt
                ),
            ],
        )
    )
    return Chart(
        id="categories",
        title=f"{FLOW_NAMES[flow]} of services by major category, {when}",
        chart=chart,
        summary=ranking_summary(data["category"].str.lower(), data["level"], big, "major categories", when),
        description=f"Bar chart of {flow} of services in {when} for each of the {len(cats)} major categories, "
        f"largest first, in {big}, seasonally adjusted.",
        source=source(pick(current(df), period=period)),
        unit=f"{big}, seasonally adjusted",
    )


def history_chart(release, flow: str) -> Chart | None:
    """Monthly levels of each category since 1999 (BEA time series Table 2/3): one small panel
    per category (eleven series are too many for one legend), largest last month first."""
    table = SOURCES[flow][1]
    if not release.has(table):
        return None
    df = release.exhibit(table)
    rows = pick(current(df), period_type="month", measure="level", level=1).dropna(subset=["value"])
    if rows.empty:
        return None
    first, last = period_label(rows["period"].min(), "month"), period_label(rows["period"].max(), "month")
    drawn = small_multiples(rows, rows["line_item"].map(category_name), flow, years_only=True)
    return drawn.named(
        "since-1999",
        f"{FLOW_NAMES[flow]} of services by major category since {first[-4:]}",
        f"Small line charts, one per major category, of monthly {flow} of services from {first} to {last}, in "
        f"{drawn.unit}, seasonally adjusted, from BEA's time series; all panels share one scale.",
        unit=f"{drawn.unit}, seasonally adjusted",
        series=series_of(rows, most=12),
        interactive=False,
    )


# ---------------------------------------------------------------- tables


def exhibit_table(df: pd.DataFrame, id: str, title: str, notes: str = "") -> Table:
    """Periods down, categories across, as exhibit 3/4 and BEA Tables 2/3 print them, with the
    previous month 'as published last month' where the exhibit shows it."""

    def row_label(d: dict) -> str:
        label = period_label(d["period"], d["period_type"])
        return f"{label} as published last month" if d["vintage"] == "as_published_last_month" else label

    levels = pick(df, measure="level")
    frame, _, revised = pivot(
        levels,
        ["vintage", "period", "period_type"],
        ["hierarchy", "line_item"],
        row_label,
        lambda k: k["line_item"],
        "Period",
    )
    return table_of(df, id, title, frame, notes, revised, long=levels, preview="last")


#: BEA's time series repeats every month since 1999 in every release; a chapter's table shows the
#: months of this many calendar years (and every year's total): the rest is the same in each
#: release, and each category is followed month by month, with every vintage, in the explorer.
RECENT_YEARS = 3


def recent(df: pd.DataFrame, years: int = RECENT_YEARS) -> pd.DataFrame:
    """Every annual row and the monthly rows of the last ``years`` calendar years."""
    months = df["period_type"] == "month"
    if not months.any():
        return df
    first = int(str(df.loc[months, "period"].max())[:4]) - years + 1
    return df[~months | (df["period"].astype(str).str[:4].astype(int) >= first)]


def services_page(release, slug: str, title: str, flow: str) -> Chapter:
    """The chapter on services ``flow``: by category, else from the monthly totals."""
    exhibit = monthly_exhibit(release, flow)
    if exhibit is None:
        return totals_page(release, slug, title, flow=flow, part="Services")
    df = release.exhibit(exhibit)
    period = latest_month(df)
    blocks: list = []
    if exhibit.startswith("bea-"):
        blocks.append(
            Text(
                f"This release's files do not include exhibit {SOURCES[flow][0]}; the month's "
                f"figures here are BEA's time series of the same categories ({source(df)})."
            )
        )
    blocks.append(Text(narrative(df, flow, period)))
    blocks.append(categories_chart(df, flow, period))
    history = history_chart(release, flow)
    if history is not None:
        blocks.append(
            Text("## Since 1999\n\nBEA's time series carries the monthly figures by category back to January 1999.")
        )
        blocks.append(history)
    exhibits = [exhibit]
    blocks.append(Text("## Tables"))
    if not exhibit.startswith("bea-"):
        blocks.append(
            exhibit_table(
                df,
                f"exhibit-{exhibit}",
                release.printed_title(exhibit),
                notes="Seasonally adjusted. n.i.e. Not included elsewhere. Details may not "
                "equal totals due to seasonal adjustment and rounding.",
            )
        )
    table = SOURCES[flow][1]
    if release.has(table):
        ts = recent(release.exhibit(table))
        blocks.append(
            exhibit_table(
                ts,
                f"bea-table-{table[-1]}",
                release.table_meta(table)["title"],
                notes=f"Every year, and the months since January {ts['period'].str[:4][ts['period_type'] == 'month'].min()} "
                "(every month since 1999: each category in the series explorer, and the release's zip). "
                "Months seasonally adjusted. n.i.e. Not included elsewhere. Details may not equal totals due to "
                "seasonal adjustment and rounding.",
            )
        )
        if table not in exhibits:
            exhibits.append(table)
    summary = narrative(df, flow, period).splitlines()[0]
    return Chapter(slug=slug, title=title, summary=summary, blocks=blocks, exhibits=exhibits)

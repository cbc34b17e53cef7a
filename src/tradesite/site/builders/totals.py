"""A flow's monthly totals: what the goods and services chapters show when a release's files
hold the totals but not the chapter's detail.

Exhibit 1 (or BEA's time series Table 1) gives the month's exports and imports of goods and
of services, seasonally adjusted, on a balance of payments basis; exhibit 12 gives goods
exports and imports not seasonally adjusted, on a balance of payments basis and on a Census
basis with the net adjustments between the two. Each figure keeps its own adjustment and
basis, named in its column; nothing is mixed or recomputed.
"""

from __future__ import annotations

import pandas as pd

from ...periods import month_year, previous, year_ago
from ...report.frames import cumulative, is_revised, last_periods, level, monthly_levels, totals, totals_exhibit
from ...report.numbers import amount, money, percent
from ...report.provenance import source
from ...report.series import series_of
from ...report.vocabulary import exhibit_name
from ...report.words import cumulative_words
from ..render.model import Chapter, Table, Text
from .figures import basis_lines, flow_lines

#: Exhibit 12's lines and the column each becomes.
NSA_LINES = {
    "Total Balance of Payments Basis": "Not seasonally adjusted: balance of payments basis",
    "Total Census Basis": "Not seasonally adjusted: Census basis",
    "Net Adjustments": "Not seasonally adjusted: net adjustments",
}
SA_COLUMN = "Seasonally adjusted: balance of payments basis"
CHART_MONTHS = 37
TABLE_MONTHS = 13


def what(flow: str, part: str) -> str:
    """'exports of goods', 'imports of services'."""
    return f"{flow} of {part.lower()}"


def _more_or_less(change: float, than: str) -> str:
    if not change:
        return f"unchanged from {than}"
    return f"{amount(change)} {'more' if change > 0 else 'less'} than {than}"


def seasonally_adjusted(release, flow: str, part: str):
    """(exhibit, rows) of the monthly totals, seasonally adjusted; None without exhibit 1 or Table 1."""
    exhibit = totals_exhibit(release)
    if exhibit is None:
        return None
    df = release.exhibit(exhibit)
    rows = totals(df)
    return exhibit, df, rows[(rows["flow"] == flow) & (rows["line_item"] == part)].sort_values("period")


def sa_text(df: pd.DataFrame, rows: pd.DataFrame, flow: str, part: str) -> str:
    """'January exports of goods were $X billion, $Y billion more than December exports of goods.'
    and the year to date against a year earlier (the release's own comparisons)."""
    period = rows["period"].max()
    prev = previous(period)
    name = what(flow, part)
    now = level(df, flow, part, period)
    out = [f"Seasonally adjusted, {name} were {money(now)} in {month_year(period)}"]
    try:
        before = level(df, flow, part, prev)
        out[0] += f", {_more_or_less(now - before, month_year(prev))}"
    except KeyError:
        pass
    out[0] += "."
    cum = cumulative(df, period, flow, part)
    if cum is not None:
        kind, now_p, before_p, prior = cum
        a, b = level(df, flow, part, now_p, kind), level(df, flow, part, before_p, kind)
        lead, since = cumulative_words(kind, period, prior)
        out.append(
            f"{lead}, {name} were {money(a)}, {'up' if a > b else 'down'} {amount(a - b)} or "
            f"{percent(a - b, b)} from {since}."
        )
    return " ".join(out)


def nsa_text(ex12: pd.DataFrame, flow: str) -> str:
    """Exhibit 12: the month on both bases and the net adjustments, against a year earlier."""
    bop = monthly_levels(ex12, flow=flow, line_item="Total Balance of Payments Basis")
    period = bop["period"].max()
    name = what(flow, "Goods")
    now = level(ex12, flow, "Total Balance of Payments Basis", period)
    census = level(ex12, flow, "Total Census Basis", period)
    net = level(ex12, flow, "Net Adjustments", period)
    text = (
        f"Not seasonally adjusted, {name} were {money(now)} in {month_year(period)} on a balance of payments "
        f"basis: {money(census)} on a Census basis and net adjustments of "
        f"{'minus ' if net < 0 else ''}{money(net)}."
    )
    earlier = year_ago(period)
    try:
        before = level(ex12, flow, "Total Balance of Payments Basis", earlier)
    except KeyError:
        return text
    change = now - before
    if change:
        text += (
            f" Against {month_year(earlier)} they were {'up' if change > 0 else 'down'} {amount(change)} or "
            f"{percent(change, before)} (unadjusted figures are compared with the same month a year earlier)."
        )
    return text


def table(columns: dict[str, pd.DataFrame], title: str) -> Table:
    """The last months of each source, one column per basis and adjustment, periods down."""
    frames = [rows.assign(column=name) for name, rows in columns.items() if len(rows)]
    rows = pd.concat(frames, ignore_index=True)
    rows = last_periods(rows, TABLE_MONTHS)
    wide = rows.pivot_table(index="period", columns="column", values="value", aggfunc="first")
    wide = wide[[c for c in columns if c in wide.columns]].sort_index()
    revised = set(rows.loc[rows["status"].map(is_revised), "period"])
    frame = wide.reset_index()
    frame.insert(0, "Month", [month_year(p) + (" (R)" if p in revised else "") for p in frame["period"]])
    frame = frame.drop(columns="period")
    frame.columns.name = None
    return Table(
        id="monthly-totals",
        title=title,
        frame=frame,
        unit="millions of dollars",
        source=source(rows),
        long=rows.drop(columns="column"),
        preview="last",
        notes="(R) revised. Seasonally adjusted figures are compared with the month before; unadjusted "
        "ones with the same month a year earlier.",
    )


def totals_page(release, slug: str, title: str, flow: str, part: str) -> Chapter:
    """The chapter from the monthly totals alone."""
    blocks: list = []
    exhibits: list[str] = []
    held: list[str] = []
    columns: dict[str, pd.DataFrame] = {}
    name = what(flow, part)
    heading = name[:1].upper() + name[1:]  # the name opening a title
    sa = seasonally_adjusted(release, flow, part)
    if sa is not None and len(sa[2]):
        exhibit, df, rows = sa
        exhibits.append(exhibit)
        since = exhibit != "1"
        held.append(
            f"the monthly total of {name}, seasonally adjusted ({exhibit_name(exhibit, lower=True)}"
            f"{', every month since ' + month_year(rows['period'].min()) if since else ''})"
        )
        blocks.append(Text(sa_text(df, rows, flow, part)))
        shown = rows if since else last_periods(rows, CHART_MONTHS)
        drawn, first, last = flow_lines(
            shown, "Month", axis_format=None if since else "%b %Y", legend=False, strokeWidth=1.5
        )
        blocks.append(
            drawn.named(
                "monthly",
                f"{heading}, monthly, seasonally adjusted",
                f"Line chart of monthly {name} from {first} to {last}, in billions of dollars, seasonally adjusted, "
                f"balance of payments basis.",
            )
        )
        columns[SA_COLUMN] = rows
    if part == "Goods" and release.has("12"):
        ex12 = release.exhibit("12")
        exhibits.append("12")
        held.append(
            f"the monthly {name} not seasonally adjusted, on a balance of payments basis and on a Census "
            f"basis (exhibit 12)"
        )
        blocks.append(Text(nsa_text(ex12, flow)))
        nsa = {col: monthly_levels(ex12, flow=flow, line_item=line) for line, col in NSA_LINES.items()}
        if sa is None or not len(sa[2]):
            both = pd.concat([nsa[NSA_LINES["Total Balance of Payments Basis"]], nsa[NSA_LINES["Total Census Basis"]]])
            both = last_periods(both, CHART_MONTHS)
            drawn = basis_lines(
                both,
                both["line_item"].map(
                    {
                        "Total Balance of Payments Basis": "Balance of payments basis",
                        "Total Census Basis": "Census basis",
                    }
                ),
                flow,
            )
            blocks.append(
                drawn.named(
                    "monthly-unadjusted",
                    f"{heading}, monthly, not seasonally adjusted",
                    f"Line chart of monthly {name}, not seasonally adjusted, on a balance of payments basis (solid) "
                    f"and on a Census basis (dashed), in {drawn.unit}.",
                    unit=f"{drawn.unit}, not seasonally adjusted",
                    series=series_of(both),
                )
            )
        columns.update(nsa)
    blocks.append(table(columns, f"{heading} by month"))
    period = max(rows["period"].max() for rows in columns.values() if len(rows))
    summary = f"The monthly total of {name} in {month_year(period)}, from this release's files."
    return Chapter(slug=slug, title=title, summary=summary, blocks=blocks, exhibits=exhibits, held=" and ".join(held))

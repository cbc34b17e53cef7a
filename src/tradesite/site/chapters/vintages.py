"""Vintages: how the estimate of one month changed from release to release.

Every release on this site up to the one being built publishes exhibit 1's monthly series
(balance, exports, imports × total, goods, services) for the months it covers, and the
"as published last month" row restates the month before as the previous release had it.
Lined up, they show how a month's first print was revised (:func:`tradesite.report.revisions.vintages`).
Releases after the one being built are never used: a published version does not change.

The page shows in detail the month of the last two years with the most vintages (the
latest such month on a tie), and for every month whose figures changed between vintages the total balance,
exports and imports as each of the last :data:`WINDOW` releases published them: a version's size must
not grow with the number of releases before it (issue 20); every earlier vintage is on the series'
pages of the explorer and in its API files, at the site's root, stored once.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import altair as alt
import pandas as pd

from ... import periods
from ...periods import month_year
from ...report import revisions as rv
from ...report.coverage import COMPLETE, NONE, Status
from ...report.numbers import money
from ...report.provenance import file_label
from ...report.series import series_id
from ...report.words import balance_kind, trend
from ..render import theme
from ..render.model import Block, Chapter, Chart, Table, Text
from ..render.urls import series_href

SLUG = "vintages"
TITLE = "Vintages: how estimates changed"

FLOW_NAMES = {"balance": "Balance", "exports": "Exports", "imports": "Imports"}
SERIES = [(f, p) for f in FLOW_NAMES for p in rv.PARTS]
UNIT = "billions of dollars, seasonally adjusted, balance of payments basis"
NOTE = (
    "Values in billions of dollars: the Census and BEA files print millions (−74,448 million is −74.448 "
    "billion, three decimals); figures transcribed from a release page are the page's, rounded to $0.1 billion, "
    "so a column holding one shows one decimal. Balances are negative for deficits. The CSV has each figure "
    "as its file prints it, with the file's unit, sheet or page, row and column."
)
#: decimal places of a figure in billions: the files' millions give three, a release page's text one
DECIMALS = {"millions of dollars": 3, "billions of dollars": 1}


def label(flow: str, part: str) -> str:
    return f"{FLOW_NAMES[flow]}: {part.lower() if part != 'Total' else 'total'}"


#: The detailed month is chosen among the months this close to the release (if any has two vintages).
RECENT_MONTHS = 24
#: The releases the month-by-release tables show: this one and the twelve before it (a year, and so
#: one annual revision); the explorer holds the rest.
WINDOW = 13


def total_series(flow: str) -> str | None:
    """The explorer's id of exhibit 1's monthly total of ``flow`` (what a month row of the tables is)."""
    return series_id(
        {
            "exhibit": "1",
            "hierarchy": "Total",
            "flow": flow,
            "basis": "balance_of_payments",
            "seasonal_adjustment": "seasonally_adjusted",
            "unit": "millions of dollars",
            "period_type": "month",
        }
    )


def shown_releases(v: pd.DataFrame, window: int = WINDOW) -> list[str]:
    """The newest ``window`` releases of the vintages ``v`` (the tables' columns)."""
    return sorted(set(v["release"]))[-window:]


def chosen_month(v: pd.DataFrame, release: str) -> str:
    """The month with the most vintages among the last :data:`RECENT_MONTHS` months before the
    release (among all months when none of those has two), the latest of them on a tie."""
    counts = v.groupby("period")["release"].nunique()
    recent = counts[counts.index > periods.add(release, -RECENT_MONTHS)]
    if not recent.empty and recent.max() >= 2:
        counts = recent
    best = counts.max()
    return max(counts[counts == best].index)


def release_label(release: str, via: str) -> str:
    """'March 2021 release', or for a restated figure 'February 2021 release (as published last
    month, restated in the March 2021 release)'."""
    restated = f" ({via}, restated in the {month_year(periods.add(release, 1))} release)" if via else ""
    return f"{month_year(release)} release{restated}"


def changed_months(v: pd.DataFrame) -> list[str]:
    """Months with at least two vintages whose exhibit-1 figures were not all the same."""
    by = v.groupby(["period", "flow", "line_item"])
    moved = by["billions"].nunique() > 1
    return sorted({period for (period, _, _), m in moved.items() if m})


def long_form(rows: pd.DataFrame) -> pd.DataFrame:
    """The CSV of a vintages table: each figure as its release's file prints it (value and unit),
    in the tidy schema's words; ``vintage`` says whether the next release restated it."""
    return pd.DataFrame(
        {
            "release": rows["release"],
            "source_file": rows["source_file"],
            "location": rows["location"],
            "line_item": rows["line_item"],
            "flow": rows["flow"],
            "basis": "balance_of_payments",
            "seasonal_adjustment": "seasonally_adjusted",
            "unit": rows["unit"],
            "period": rows["period"],
            "period_type": "month",
            "vintage": rows["via"].map(lambda via: "as_published_last_month" if via else "current"),
            "status": "",
            "value": rows["value"],
        }
    )


def _decimals(units: pd.Series) -> int:
    """One precision for figures of these units: the coarsest (never more than a figure has)."""
    return min(DECIMALS.get(u, 3) for u in units) if len(units) else 3


def month_table(v: pd.DataFrame, month: str) -> Table:
    """One row per vintage of ``month``: the nine exhibit-1 figures, and where each release's
    file has them behind the row's source."""
    rows, provenance = [], []
    shown = v[v["period"] == month]
    for release, group in shown.groupby("release", sort=True):
        row: dict = {"Release": release_label(release, group["via"].iloc[0])}
        where = []
        for flow, part in SERIES:
            found = group[(group["flow"] == flow) & (group["line_item"] == part)]
            row[label(flow, part)] = float(found["billions"].iloc[0]) if not found.empty else None
            if not found.empty:
                where.append(f"{label(flow, part)}: {found['location'].iloc[0]}")
        rows.append(row)
        first = group.sort_values(["flow", "line_item"]).iloc[0]
        provenance.append(
            (file_label(first["source_file"]), f"{file_label(first['source_file'])}: " + "; ".join(where) + ".")
        )
    decimals = {
        label(f, p): _decimals(shown.loc[(shown["flow"] == f) & (shown["line_item"] == p), "unit"]) for f, p in SERIES
    }
    return Table(
        id="month",
        title=f"{month_year(month)} as published in each release",
        frame=pd.DataFrame(rows),
        unit=UNIT,
        source="exhibit 1 (Census workbook or release PDF), BEA time-series Table 1 or the release page, "
        "as named in each row",
        notes=NOTE,
        long=long_form(shown.sort_values(["release", "flow", "line_item"])),
        decimals=decimals,
        provenance=provenance,
    )


def _restated_note(t: pd.DataFrame) -> str:
    """Name the columns whose figures come from the next release's "as published last month" row."""
    restated = sorted(set(t.loc[t["via"] != "", "release"]) - set(t.loc[t["via"] == "", "release"]))
    if not restated:
        return ""
    names = ", ".join(restated)
    return (
        f" {'Columns' if len(restated) > 1 else 'Column'} {names}: "
        f"{'releases whose' if len(restated) > 1 else 'a release whose'} exhibit 1 is not on this site; the figure "
        f"shown is the one the next release restates {rv.OWN}."
    )


def triangle(v: pd.DataFrame, flow: str, window: int = WINDOW) -> Table:
    """Months (rows) × the last ``window`` releases (columns): the total of ``flow`` as each
    release published it, for the months those releases revised; each row links its series."""
    v = v[v["release"].isin(shown_releases(v, window))]
    t = v[(v["flow"] == flow) & (v["line_item"] == "Total") & v["period"].isin(changed_months(v))]
    wide = t.pivot_table(index="period", columns="release", values="billions", aggfunc="first").sort_index()
    wide.columns = [str(c) for c in wide.columns]
    frame = wide.reset_index().rename(columns={"period": "Month"})
    frame["Month"] = frame["Month"].map(month_year)
    decimals = {str(r): _decimals(t.loc[t["release"] == r, "unit"]) for r in wide.columns}
    return Table(
        id=f"{flow}-by-release",
        title=f"{FLOW_NAMES[flow]} of goods and services, month by month, as each release published it",
        frame=frame,
        unit=UNIT,
        source="exhibit 1 (Census workbook or release PDF), BEA time-series Table 1 or the release page of each release",
        notes=NOTE + " A column is a release (its statistical month); an empty cell: that release did not publish "
        "the month." + _restated_note(t),
        long=long_form(t.sort_values(["period", "release"])),
        decimals=decimals,
        preview="last",
        series=[total_series(flow)] * len(frame),
    )


def chart(v: pd.DataFrame, month: str) -> Chart:
    """The nine figures of ``month``, release by release: revisions since the first print."""
    m = v[v["period"] == month].copy()
    m["series"] = [label(f, p) for f, p in zip(m["flow"], m["line_item"])]
    m = m.sort_values("release")
    first = m.groupby("series")["billions"].transform("first")
    data = pd.DataFrame(
        {
            "release": m["release"].map(month_year),
            "order": m["release"],
            "series": m["series"],
            "flow": m["flow"].map(FLOW_NAMES),
            "part": m["line_item"],
            "value": m["billions"].round(3),
            "since_first": (m["billions"] - first).round(3),
            "source": m["source_file"].map(file_label),
        }
    )
    order = list(dict.fromkeys(data.sort_values("order")["release"]))
    lines = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("release:N", sort=order, title="Release", axis=alt.Axis(labelAngle=-30)),
            y=alt.Y("since_first:Q", title="Change since first published, billions of dollars"),
            color=theme.color("flow", data["flow"]),
            strokeDash=theme.stroke_dash("part", data["part"]),
            detail="series:N",
            tooltip=[
                alt.Tooltip("series:N", title="Series"),
                alt.Tooltip("release:N", title="Release"),
                alt.Tooltip("value:Q", title="Published value", format=",.3f"),
                alt.Tooltip("since_first:Q", title="Since first published", format="+,.3f"),
                alt.Tooltip("source:N", title="File"),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule().encode(y="y:Q")
    total = m[(m["flow"] == "balance") & (m["line_item"] == "Total")]
    said = (
        f"The figures of {month_year(month)} as {len(order)} releases published them, from {order[0]} to {order[-1]}."
    )
    if len(total) >= 2:
        a, b = total["billions"].iloc[0], total["billions"].iloc[-1]
        change = (
            trend("balance", a, b, "billions of dollars")
            .replace("the deficit", "the goods and services deficit", 1)
            .replace("the surplus", "the goods and services surplus", 1)
        )
        said = (
            f"From the {total['release'].map(month_year).iloc[0]} release to the "
            f"{total['release'].map(month_year).iloc[-1]} release, {change} for {month_year(month)}."
        )
    return Chart(
        id="vintages",
        title=f"{month_year(month)}: revisions since the first published estimate",
        chart=alt.layer(lines, zero).properties(width=theme.WIDTH),
        summary=said,
        description=(
            f"Line chart of how the nine exhibit 1 figures for {month_year(month)} (balance, "
            f"exports and imports of goods and services, goods, and services) changed across "
            f"{len(order)} releases, from {order[0]} to {order[-1]}, measured from each figure's first "
            f"published value, in billions of dollars."
        ),
        source="each release's exhibit 1, BEA time-series Table 1 or release page (table below)",
        unit="billions of dollars, seasonally adjusted",
    )


def summary_text(v: pd.DataFrame, month: str) -> str:
    total = v[(v["period"] == month) & (v["flow"] == "balance") & (v["line_item"] == "Total")].sort_values("release")
    n = v.loc[v["period"] == month, "release"].nunique()
    text = (
        f"A month's figures are published first in that month's release and revised in later ones. "
        f"Here, {month_year(month)} has {n} vintages among the releases on this site up to this one."
    )
    if len(total) >= 2:
        a, b = total.iloc[0], total.iloc[-1]
        text += (
            f" Its goods and services {balance_kind(a['billions'])} was first published at "
            f"{money(a['billions'] * 1000)} in the {release_label(a['release'], a['via'])}; "
            f"the {release_label(b['release'], b['via'])} puts it at {money(b['billions'] * 1000)}"
            f"{'' if balance_kind(b['billions']) == balance_kind(a['billions']) else ' (' + balance_kind(b['billions']) + ')'}."
        )
    return text


@lru_cache(maxsize=32)
def _vintages(release_id: str, data_dir: str) -> pd.DataFrame:
    return rv.vintages(release_id, Path(data_dir))


def vintages_of(release) -> pd.DataFrame:
    """Every vintage of exhibit 1's months up to this release (computed once per release)."""
    return _vintages(release.id, str(release.release.folder.parent))


def status(release) -> Status:
    """Complete when some month has two or more vintages among the releases up to this one."""
    first = rv.first_with_two_vintages(release.release.folder.parent)
    if first is None or release.id < first:
        return Status(NONE)
    return Status(COMPLETE, tuple(e for e in rv.EXHIBIT_1 if release.has(e)))


def revised_heading(v: pd.DataFrame, window: int = WINDOW) -> str:
    """The section's heading and lead: which releases its tables show, and where the others are."""
    shown = shown_releases(v, window)
    which = (
        f"as each release on this site published them, from {month_year(shown[0])} (columns: releases)"
        if len(shown) == v["release"].nunique()
        else f"as each of the last {len(shown)} releases published them, from {month_year(shown[0])} "
        f"to {month_year(shown[-1])} (columns: releases)"
    )
    links = ", ".join(f"[{FLOW_NAMES[flow].lower()}]({series_href(total_series(flow), SLUG)})" for flow in FLOW_NAMES)
    return (
        "## Every month that was revised\n\nThe total balance, exports and imports of each month whose "
        f"figures changed from one vintage to another, {which}. Every vintage of every release is on the "
        f"series' pages of the explorer ({links}), with their files."
    )


def build(release, status: Status) -> Chapter:
    v = vintages_of(release)
    month = chosen_month(v, release.id)
    blocks: list[Block] = [
        Text(summary_text(v, month)),
        chart(v, month),
        month_table(v, month),
        Text(revised_heading(v)),
    ]
    blocks += [triangle(v, flow) for flow in FLOW_NAMES]
    return Chapter(
        slug=SLUG,
        title=TITLE,
        summary="How the estimate of a month changed from its first print through every later release on this site.",
        blocks=blocks,
        exhibits=list(status.exhibits),
    )

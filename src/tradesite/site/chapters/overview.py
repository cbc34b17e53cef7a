"""Overview: exports, imports and balance of goods and services (exhibit 1).

The release's first page in numbers: the month's balance against the previous month
(revised), the goods deficit and services surplus, the year-to-date (or, for December,
the full-year) comparison, the monthly series of the exhibit and, where the release
carries the BEA time series (``bea-ts-1``), the long history since 1992. A release
without exhibit 1 but with BEA's Table 1 gets the same page from that table.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...periods import label as period_label
from ...periods import month_year, previous
from ...report import words
from ...report.coverage import Needs, Status
from ...report.frames import cumulative, is_revised, level, lookup, months, totals, totals_exhibit
from ...report.headline import headline
from ...report.provenance import source
from ..builders.figures import flow_lines
from ..builders.layouts import totals_row
from ..render.model import Chapter, Chart, Table, Text

SLUG = "overview"
TITLE = "Overview: exports, imports and balance"
NEEDS = Needs(complete=(("1",), ("bea-ts-1",)))
ADDS = ""

PARTS = ("Total", "Goods", "Services")
#: The monthly chart shows at most this many months (exhibit 1 carries about three years).
CHART_MONTHS = 37


def sentences(df: pd.DataFrame, period: str) -> list[str]:
    """The release's page-1 sentences for exhibit 1."""
    prev = previous(period)
    v = {
        (f, p, when): level(df, f, p, when)
        for f in ("balance", "exports", "imports")
        for p in PARTS
        for when in (period, prev)
    }
    row = lookup(df, "balance", "Total", prev)
    assert row is not None  # level() found it above
    revised = is_revised(row["status"])
    out = [
        words.balance_sentence(v["balance", "Total", period], v["balance", "Total", prev], period, prev, revised),
        words.flow_sentence("exports", v["exports", "Total", period], v["exports", "Total", prev], period, prev)
        + " "
        + words.flow_sentence("imports", v["imports", "Total", period], v["imports", "Total", prev], period, prev),
        words.components_sentence(
            v["balance", "Total", period],
            v["balance", "Total", prev],
            v["balance", "Goods", period],
            v["balance", "Goods", prev],
            v["balance", "Services", period],
            v["balance", "Services", prev],
            period,
        ),
    ]
    ytd = cumulative(df, period)
    if ytd is not None:
        kind, now_period, before_period, year_before = ytd
        two = words.TwoPeriods.of(lambda flow, p: level(df, flow, "Total", p, kind), now_period, before_period)
        out.append(words.year_to_date_sentences(two, year_before=year_before, full_year=kind == "year"))
    return out


def recent_table(df: pd.DataFrame, period: str, source_line: str) -> Table:
    """The exhibit's last 13 months, the year to date and the previous month as published last month."""
    wanted = months(df)[-13:]
    rows, levels = [], []
    used: list[dict] = []
    for p in wanted:
        rows.append(totals_row(df, "Period", month_year(p), p, "month", used=used))
        levels.append(0)
    cum = cumulative(df, period)
    if cum is not None:
        kind, now_p, before_p, _ = cum
        for p in (before_p, now_p):
            label = p if kind == "year" else period_label(p, kind)
            if kind == "year_to_date" and "year to date" not in label:
                label += " (year to date)"
            rows.append(totals_row(df, "Period", label, p, kind, used=used))
            levels.append(0)
    prev = previous(period)
    if lookup(df, "balance", "Total", prev, "month", "as_published_last_month") is not None:
        rows.append(
            totals_row(
                df,
                "Period",
                f"{month_year(prev)} as published last month",
                prev,
                "month",
                "as_published_last_month",
                used=used,
            )
        )
        levels.append(1)
    return Table(
        id="exhibit-1",
        title=f"Exports, imports and balance, {month_year(wanted[0])} to {month_year(period)}",
        frame=pd.DataFrame(rows),
        unit="millions of dollars, seasonally adjusted, balance of payments basis",
        source=source_line,
        levels=levels,
        notes="(R) revised. Balances are negative for deficits. Details may not equal totals due to seasonal "
        "adjustment and rounding.",
        long=pd.DataFrame(used),
    )


def monthly_chart(df: pd.DataFrame, source_line: str) -> Chart:
    m = totals(df)
    m = m[(m["line_item"] == "Total") & m["period"].isin(months(df)[-CHART_MONTHS:])]
    drawn, first, last = flow_lines(m, "Month", zero=True, point=alt.OverlayMarkDef(size=18))
    return drawn.named(
        "monthly",
        "Exports, imports and balance of goods and services",
        f"Line chart of monthly exports, imports and the balance of goods and services from {first} to {last}, "
        f"in billions of dollars, seasonally adjusted. The balance is below zero: a deficit.",
        source=source_line,
    )


def long_history_chart(df: pd.DataFrame) -> Chart | None:
    """Monthly figures since 1992 from the BEA time series (Table 1)."""
    m = totals(df)
    m = m[m["line_item"] == "Total"]
    if m.empty:
        return None
    drawn, first, last = flow_lines(m, "Month", axis_format=None, strokeWidth=1.5)
    return drawn.named(
        "since-1992",
        f"Exports, imports and balance since {first[-4:]}",
        f"Line chart of monthly exports, imports and balance of goods and services from {first} to {last}, in "
        f"billions of dollars, seasonally adjusted, from BEA's time series. The balance is below zero "
        f"throughout: a deficit.",
        interactive=False,  # every release repeats it: each line is live, with its vintages, in the explorer
    )


def build(release, status: Status) -> Chapter:
    exhibit = totals_exhibit(release)
    if exhibit is None:  # NEEDS: the coverage builds this chapter only with one
        raise ValueError(f"{release.id}: the overview needs the monthly totals (exhibit 1 or BEA's Table 1)")
    df = release.exhibit(exhibit)
    period = months(df)[-1]
    source_line = source(df)
    blocks: list = []
    if exhibit != "1":
        blocks.append(
            Text(
                "This release's files do not include exhibit 1; the figures here are BEA's time series "
                f"of the same totals ({source_line})."
            )
        )
    blocks.append(Text("\n\n".join(sentences(df, period))))
    blocks.append(monthly_chart(df, source_line))
    blocks.append(recent_table(df, period, source_line))
    history = long_history_chart(release.exhibit("bea-ts-1")) if release.has("bea-ts-1") else None
    if history is not None:
        blocks.append(Text("## Since 1992\n\nBEA's time series carries the monthly figures back to January 1992."))
        blocks.append(history)
    h = headline(release)
    if h is None:
        raise ValueError(f"{release.id}: the overview's summary needs the release's headline (a monthly balance)")
    summary = words.balance_sentence(h.now["balance"], h.before["balance"], h.period, h.compared_with, h.revised)
    exhibits = sorted({exhibit} | ({"bea-ts-1"} if history is not None else set()))
    return Chapter(SLUG, TITLE, summary, blocks, exhibits)

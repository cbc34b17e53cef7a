"""Three-month moving averages (exhibit 2; computed from exhibit 1's months where exhibit 2 is absent).

Exhibit 2 prints the official averages. A release without it still carries, in exhibit 1
(or BEA's time series Table 1), the months the averages are made of: the chapter then
computes them the same way (the month and the two before it, summed and divided by three),
says so, and shows them rounded to millions as exhibit 2 prints them. Computed and official
averages agree to within rounding (a test checks every release that has both).
"""

from __future__ import annotations

import pandas as pd

from ...periods import month_year, previous, year_ago
from ...report import words
from ...report.coverage import COMPLETE, Needs, Status
from ...report.frames import level, lookup, months, three_month_averages, totals_exhibit
from ...report.provenance import source
from ...report.vocabulary import exhibit_name
from ..builders.figures import flow_lines
from ..builders.layouts import totals_row
from ..render.model import Chapter, Chart, Table, Text

SLUG = "moving-averages"
TITLE = "Three-month moving averages"
NEEDS = Needs(complete=(("2",),), partial=("1", "bea-ts-1"))
ADDS = "the official averages of exhibit 2"
KIND = "three_month_average"
#: The chart shows at most this many averages (BEA's Table 1 would give thirty years).
CHART_PERIODS = 37


def periods_of(df: pd.DataFrame) -> list[str]:
    return months(df, KIND)


def sentences(df: pd.DataFrame, period: str) -> list[str]:
    """Page 2 of the release: against the previous three months and a year earlier."""

    def v(flow: str, p: str) -> float:
        return level(df, flow, "Total", p, KIND)

    prev = previous(period)
    out = [" ".join(words.average_sentences(words.TwoPeriods.of(v, period, prev), period))]
    earlier = year_ago(period)
    if lookup(df, "balance", "Total", earlier, KIND) is not None:
        out.append(" ".join(words.average_year_over_year_sentences(words.TwoPeriods.of(v, period, earlier), earlier)))
    return out


def table(df: pd.DataFrame, source_line: str, computed: bool) -> Table:
    wanted = periods_of(df)[-13:]
    used: list[dict] = []
    rows = [totals_row(df, "Three months ending", month_year(p), p, KIND, used=used) for p in wanted]
    frame = pd.DataFrame(rows)
    long = pd.DataFrame(used)
    how = "Each average sums the month and the two before it and divides by three."
    if computed:
        frame.iloc[:, 1:] = frame.iloc[:, 1:].astype(float).round(0)
        long["value"] = long["value"].astype(float).round(0)  # the CSV holds the figures shown
        how += (
            " Computed from the monthly figures of this release and rounded to millions, as exhibit 2 prints "
            "the official averages; they can differ from those by a million dollars of rounding."
        )
    return Table(
        id="computed-averages" if computed else "exhibit-2",
        title=f"Three-month moving averages, {month_year(wanted[0])} to {month_year(wanted[-1])}",
        frame=frame,
        unit="millions of dollars, seasonally adjusted, balance of payments basis",
        source=source_line,
        notes=how + " (R) revised. Balances are negative for deficits.",
        long=long,
    )


def chart(df: pd.DataFrame, source_line: str) -> Chart:
    m = df[
        (df["period_type"] == KIND)
        & (df["vintage"] == "current")
        & (df["line_item"] == "Total")
        & (df["measure"] == "level")
        & df["value"].notna()
    ]
    m = m[m["period"].isin(periods_of(df)[-CHART_PERIODS:])]
    drawn, first, last = flow_lines(
        m,
        "Three months ending",
        x_title="Three months ending",
        lead="From the three months ending {first} to those ending {last}",
        zero=True,
    )
    return drawn.named(
        "averages",
        "Three-month moving averages of exports, imports and balance",
        f"Line chart of the three-month moving averages of exports, imports and the balance of goods and "
        f"services, for the three months ending {first} to {last}, in billions of dollars.",
        source=source_line,
    )


def build(release, status: Status) -> Chapter:
    computed = status.state != COMPLETE
    if computed:
        exhibit = totals_exhibit(release)
        if exhibit is None:  # NEEDS: the coverage builds this chapter only with one
            raise ValueError(f"{release.id}: the averages need the monthly totals (exhibit 1 or BEA's Table 1)")
        monthly = release.exhibit(exhibit)
        df = three_month_averages(monthly)
        source_line = source(monthly, computed=True)
        held = f"the monthly totals of {exhibit_name(exhibit, lower=True)}, from which the averages below are computed"
        exhibits = [exhibit]
    else:
        df = release.exhibit("2")
        source_line = source(df)
        held = ""
        exhibits = ["2"]
    period = periods_of(df)[-1]
    text = sentences(df, period)
    blocks: list = [Text("\n\n".join(text)), chart(df, source_line), table(df, source_line, computed)]
    return Chapter(SLUG, TITLE, text[0].split(". ")[0] + ".", blocks, exhibits, held=held)

"""Three-month moving averages (exhibit 2).

Only the official averages: built from exhibit 2 alone and skipped (None) for a release
without it; the averages are never computed here from exhibit 1's months.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...releases import Release
from .. import narrative
from ..model import Chapter, Chart, Table, Text
from .overview import exhibit_row, flow_lines, zero_line, lookup, previous_month, source_of, value, year_ago

SLUG = "moving-averages"
TITLE = "Three-month moving averages"
KIND = "three_month_average"


def periods(df: pd.DataFrame) -> list[str]:
    m = df[(df["period_type"] == KIND) & (df["vintage"] == "current") & df["value"].notna()]
    return sorted(m["period"].unique())


def sentences(df: pd.DataFrame, period: str) -> list[str]:
    """Page 2 of the release: against the previous three months and a year earlier."""
    def v(flow: str, p: str) -> float:
        return value(df, flow, "Total", p, KIND)

    prev = previous_month(period)
    out = [" ".join(narrative.average_sentences(
        v("balance", period), v("balance", prev), v("exports", period), v("exports", prev),
        v("imports", period), v("imports", prev), period))]
    earlier = year_ago(period)
    if lookup(df, "balance", "Total", earlier, KIND) is not None:
        out.append(" ".join(narrative.average_year_over_year_sentences(
            v("balance", period), v("balance", earlier), v("exports", period), v("exports", earlier),
            v("imports", period), v("imports", earlier), earlier)))
    return out


def table(df: pd.DataFrame, source: str) -> Table:
    wanted = periods(df)[-13:]
    rows = [exhibit_row(df, "Three months ending", narrative.month_year(p), p, KIND) for p in wanted]
    return Table(
        id="exhibit-2",
        title=f"Three-month moving averages, {narrative.month_year(wanted[0])} to {narrative.month_year(wanted[-1])}",
        frame=pd.DataFrame(rows),
        unit="millions of dollars, seasonally adjusted, balance of payments basis",
        source=source,
        notes="Each average sums the month and the two before it and divides by three. (R) revised. "
              "Balances are negative for deficits.",
    )


def chart(df: pd.DataFrame, source: str) -> Chart:
    m = df[(df["period_type"] == KIND) & (df["vintage"] == "current") & (df["line_item"] == "Total")
           & (df["measure"] == "level") & df["value"].notna()]
    lines, first, last = flow_lines(m, "Three months ending", x_title="Three months ending")
    return Chart(
        id="averages",
        title="Three-month moving averages of exports, imports and balance",
        chart=alt.layer(lines, zero_line()),
        description=(f"Line chart of the three-month moving averages of exports, imports and the balance of goods "
                     f"and services, for the three months ending {first} to {last}, in billions of dollars."),
        source=source,
        unit="billions of dollars, seasonally adjusted",
    )


def build(release: Release) -> Chapter | None:
    if not release.has("2"):
        return None
    df = release.exhibit("2")
    found = periods(df)
    if not found:
        return None
    period = found[-1]
    source = source_of(df)
    text = sentences(df, period)
    return Chapter(
        SLUG, TITLE, text[0].split(". ")[0] + ".",
        [Text("\n\n".join(text)), chart(df, source), table(df, source)],
        ["2"],
    )

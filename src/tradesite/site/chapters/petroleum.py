"""Energy-related petroleum products (exhibits 9, 17, 17a).

Exhibit 9 gives values (seasonally adjusted), exhibit 17 quantities in barrels, values and
prices per barrel (not seasonally adjusted), exhibit 17a crude oil imports by country. Each
figure keeps the unit its exhibit prints.
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from ...periods import month_year, previous
from ...report.coverage import Needs, Status
from ...report.frames import current, latest_month, monthly_levels, pick
from ...report.numbers import money
from ...report.provenance import source
from ...report.vocabulary import FLOW_NAMES
from ...report.words import balance_kind, moved
from ..builders.figures import BAR_WIDTH, LABEL_LIMIT, number_format, ranking_summary, series_lines, unit_title
from ..builders.layouts import item_table, period_table
from ..render import theme
from ..render.markup import md
from ..render.model import Chapter, Chart, Text

#: 'thousands of barrels' -> 'thousand barrels' after a number.
PLURAL_OF = re.compile(r"^(\w+)s of ")

SLUG = "petroleum"
TITLE = "Energy-related petroleum products"
NEEDS = Needs(complete=(("9", "17", "17a"),))
ADDS = "the values of exhibit 9, the barrels and prices of exhibit 17 and crude oil imports by country of exhibit 17a"


def build(release, status: Status) -> Chapter:
    exhibits = [e for e in ("9", "17", "17a") if release.has(e)]
    blocks: list = []
    if release.has("9"):
        ex9 = release.exhibit("9")
        blocks.append(Text(values_text(ex9)))
    if release.has("17"):
        ex17 = release.exhibit("17")
        blocks.append(Text(crude_text(ex17)))
    if release.has("9"):
        blocks.append(petroleum_chart(ex9))
    if release.has("17"):
        blocks.append(price_chart(ex17))
    if release.has("17a"):
        blocks.append(crude_by_country_chart(customs_valued(release.exhibit("17a"))))
    if release.has("9"):
        blocks.append(
            period_table(
                release.exhibit("9"),
                "exhibit-9",
                release.printed_title("9"),
                notes="Seasonally adjusted. Petroleum and non-petroleum are on a Census basis; "
                "the total is on a balance of payments basis, the net adjustments "
                "bridge the two.",
            )
        )
    if release.has("17"):
        for flow in ("exports", "imports"):
            rows = pick(release.exhibit("17"), flow=flow)
            if len(rows):
                blocks.append(
                    period_table(
                        rows,
                        f"exhibit-17-{flow}",
                        f"{release.printed_title('17')}: {flow}",
                        flows=False,
                        notes="Not seasonally adjusted. Quantities, values and unit prices as "
                        "printed; not available on a BOP basis.",
                    )
                )
    if release.has("17a"):
        blocks.append(
            item_table(
                customs_valued(release.exhibit("17a")),
                "exhibit-17a",
                release.printed_title("17a"),
                label_name="Country",
                notes="Not seasonally adjusted.",
            )
        )
    summary = f"Trade in petroleum products in {release.month_name}: values, barrels and prices per barrel."
    return Chapter(slug=SLUG, title=TITLE, summary=summary, blocks=blocks, exhibits=exhibits)


def customs_valued(ex17a: pd.DataFrame) -> pd.DataFrame:
    """Exhibit 17a without its C.I.F.-valued imports (basis ``cif``): the chapter shows the customs values."""
    return ex17a[ex17a["basis"] != "cif"]


def petroleum_rows(ex9: pd.DataFrame) -> pd.DataFrame:
    """Exhibit 9's 'Petroleum' columns (balance, exports, imports)."""
    return current(ex9)[current(ex9)["line_item"].str.lower() == "petroleum"]


def values_text(ex9: pd.DataFrame) -> str:
    """'In August, exports of petroleum products increased $1.0 billion to $18.1 billion ...' (exhibit 9)."""
    rows = monthly_levels(petroleum_rows(ex9))
    period = rows["period"].max()
    prev = previous(period)

    def at(flow: str, p: str) -> float | None:
        got = pick(rows, flow=flow, period=p)
        return float(got["value"].iloc[0]) if len(got) else None

    parts = []
    for flow in ("exports", "imports"):
        now, before = at(flow, period), at(flow, prev)
        if now is None:
            continue
        move = f"{moved(now - before)} to {money(now)}" if before is not None else f"were {money(now)}"
        parts.append(f"{flow} of petroleum products {move}")
    text = f"In {month_year(period)}, " + " and ".join(parts) + " (exhibit 9, seasonally adjusted)."
    bal = at("balance", period)
    if bal is not None:
        text += f" The petroleum balance was a {balance_kind(bal)} of {money(bal)}."
    return text


def amount(v: float, unit: str) -> str:
    """A figure in its own unit: '194,749 thousand barrels', '$65.06 per barrel'."""
    if unit.startswith("dollars per "):
        return f"${v:,.2f} per {md(unit[len('dollars per ') :])}"
    return f"{v:,.0f} " + md(PLURAL_OF.sub(r"\1 ", unit))


def crude_text(ex17: pd.DataFrame) -> str:
    """Crude oil quantities and unit prices of the month (exhibit 17, not seasonally adjusted)."""
    rows = monthly_levels(ex17)
    crude = rows[rows["line_item"].str.lower().str.contains("crude")]
    if crude.empty:
        return ""
    period = crude["period"].max()
    crude = crude[crude["period"] == period]
    parts = []
    for flow, verb in (("imports", "imported"), ("exports", "exported")):
        got = dict(pick(crude, flow=flow)[["unit", "value"]].itertuples(index=False))
        qty = next((u for u in got if u.endswith("barrels")), None)
        price = next((u for u in got if u.startswith("dollars per")), None)
        if qty is None:
            continue
        text = f"{verb} {amount(got[qty], qty)} of crude oil"
        per_day = next((u for u in got if u.endswith("per day")), None)
        if per_day:
            text += f" ({amount(got[per_day], per_day)})"
        if price:
            text += f" at an average of {amount(got[price], price)}"
        parts.append(text)
    if not parts:
        return ""
    return (
        f"In {month_year(period)} the United States " + ", and ".join(parts) + " (exhibit 17, not seasonally adjusted)."
    )


def petroleum_chart(ex9: pd.DataFrame) -> Chart:
    rows = monthly_levels(petroleum_rows(ex9))
    return series_lines(rows, rows["flow"].map(FLOW_NAMES), "Flow").named(
        "petroleum-monthly",
        "Trade in petroleum products, monthly (seasonally adjusted)",
        "Line chart of monthly exports, imports and balance of petroleum products over the months exhibit 9 "
        "shows, seasonally adjusted.",
    )


def price_chart(ex17: pd.DataFrame) -> Chart:
    """Exhibit 17's prices as printed (dollars per barrel: no larger scale)."""
    rows = monthly_levels(ex17)
    rows = rows[rows["unit"].str.startswith("dollars per")]
    drawn = series_lines(
        rows, rows["flow"].map(FLOW_NAMES), "Flow", say=lambda flow: f"the average price of crude oil {flow.lower()}"
    )
    return drawn.named(
        "crude-oil-price",
        "Unit price of crude oil, monthly (not seasonally adjusted)",
        "Line chart of the average unit price of crude oil exports and imports by month, as exhibit 17 prints it.",
    )


def crude_by_country_chart(ex17a: pd.DataFrame) -> Chart:
    df = current(ex17a)
    period = latest_month(df)
    rows = pick(df, period=period, period_type="month", measure="level")
    rows = rows[rows["unit"].str.endswith("barrels") & (rows["level"] == rows["level"].max())]
    rows = rows.dropna(subset=["value"])
    unit = rows["unit"].iloc[0]
    parent = rows["hierarchy"].str.split(" › ").str[-2]
    label = [f"{item} ({p})" if item.lower() == "other" else item for item, p in zip(rows["line_item"], parent)]
    data = pd.DataFrame({"country": label, "area": parent, "value": rows["value"]})
    when = month_year(period)
    chart = (
        alt.Chart(data, width=BAR_WIDTH)
        .mark_bar(color=theme.colour("Imports"))
        .encode(
            x=alt.X("value:Q", title=unit_title(unit)),
            y=alt.Y("country:N", sort="-x", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            tooltip=[
                alt.Tooltip("country:N", title="Country"),
                alt.Tooltip("area:N", title="Area"),
                alt.Tooltip("value:Q", title=unit_title(unit), format=number_format(unit)),
            ],
        )
    )
    return Chart(
        id="crude-imports-by-country",
        title=f"Imports of crude oil by country, {when}",
        chart=chart,
        source=source(rows),
        unit=unit,
        summary=ranking_summary(data["country"], data["value"], unit, "countries and areas listed", when),
        description=f"Bar chart of the quantity of crude oil imported from each country exhibit 17a lists "
        f"in {when}, not seasonally adjusted.",
    )

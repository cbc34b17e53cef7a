"""The charts several chapters draw, built on tidy rows (Altair specs), and the words that say
what a chart shows.

One way everywhere: a time axis has no title (its ticks are dates), a value axis is titled with
its unit ("Billions of dollars"), a category axis has no title (the chart's title names the
categories), legends have no title; colours and line patterns come from :mod:`..render.theme` (a
concept keeps its colour on every chart); values are in the unit's larger scale (millions of
dollars as billions), balances negative for deficits. Each chart's summary is one sentence
from its own data (:func:`trend_summary`, :func:`ranking_summary`, :func:`changes_summary`), in the
numbers' and sentences' words of :mod:`tradesite.report.numbers` and :mod:`tradesite.report.words`.
A builder returns a :class:`Drawing`, which the chapter names (:meth:`Drawing.named`).
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import pandas as pd

from ...periods import first_days, month_year
from ...report.numbers import magnitude, scale
from ...report.provenance import source
from ...report.series import series_of
from ...report.vocabulary import CHART_FLOWS, FLOW_NAMES
from ...report.words import in_sentence, listing, trend
from ..render import theme
from ..render.model import Chart

#: Horizontal bar charts with long labels: a narrower plot so that labels and plot together
#: fit the page's chart width (theme.WIDTH) instead of being scaled down.
LABEL_LIMIT = 220
BAR_WIDTH = 400
FLOW_ORDER = [FLOW_NAMES[f] for f in CHART_FLOWS]
#: Small multiples: panel size, panels per row (the narrow layout has two: charts.narrow).
PANEL_WIDTH, PANEL_HEIGHT, PANEL_COLUMNS = 190, 110, 3
#: A panel title longer than this many characters wraps.
WRAP = 24
#: The unit of :func:`flow_lines`: the totals it draws (exhibits 1 and 2, BEA's Table 1) are all
#: seasonally adjusted.
TOTALS_UNIT = "billions of dollars, seasonally adjusted"


@dataclass(frozen=True, eq=False)
class Drawing:
    """A chart drawn from tidy rows, before a chapter names it (a builder knows how to draw and
    say it; the chapter what it is): the Altair chart, the unit its values are shown in, the
    sentence that says what it shows, the rows drawn (its source) and the series of the explorer
    its caption links."""

    chart: Any
    unit: str
    summary: str
    rows: pd.DataFrame
    series: list[tuple[str, str]] = field(default_factory=list)

    def named(self, id: str, title: str, description: str, **more: Any) -> Chart:
        """The chart on the page; ``more`` sets its other fields (``interactive``) or another
        ``unit``, ``summary``, ``series`` or ``source``."""
        fields = {"unit": self.unit, "summary": self.summary, "series": self.series, **more}
        if "source" not in fields:
            fields["source"] = source(self.rows)
        return Chart(id=id, title=title, chart=self.chart, description=description, **fields)


# ---------------------------------------------------------------- axes and formats


def unit_title(big: str, what: str = "") -> str:
    """A value axis title with its unit: 'Billions of dollars', 'Balance, billions of dollars'."""
    return f"{what}, {big}" if what else big[:1].upper() + big[1:]


def number_format(big: str) -> str:
    """One precision per unit: billions of dollars to one decimal as the release writes them,
    prices to the cent, barrels whole."""
    if big.startswith("dollars per"):
        return ",.2f"
    if "barrels" in big:
        return ",.0f"
    return ",.1f"


def month_axis(title: str | None = None, years_only: bool = False) -> alt.X:
    return alt.X("month:T", title=title, axis=alt.Axis(format="%Y" if years_only else "%b %Y"))


def month_tooltip(title: str = "Month") -> alt.Tooltip:
    return alt.Tooltip("month:T", title=title, format="%B %Y")


# ---------------------------------------------------------------- words


def trend_summary(
    data: pd.DataFrame,
    series: str,
    value: str,
    big: str,
    time: str = "month",
    when=month_year,
    lead: str = "From {first} to {last}",
) -> str:
    """'From January 2023 to March 2025, exports rose from $258.4 billion to $278.5 billion, imports
    rose from ... and the deficit widened from ... to ...': each series' first and last value."""
    data = data.dropna(subset=[value]).sort_values(time)
    first, last = data[time].min(), data[time].max()
    parts = []
    names = [s for s in theme.SERIES if s in set(data[series])] or sorted(set(data[series]))
    names += [s for s in sorted(set(data[series])) if s not in names]
    for name in names:
        rows = data[data[series] == name]
        if rows[time].min() != first or rows[time].max() != last:
            continue  # a series that does not span the chart: said by its own panel
        label = name[:1].lower() + name[1:] if name in theme.SERIES else name
        parts.append(trend(label, rows[value].iloc[0], rows[value].iloc[-1], big))
    if not parts:
        return ""
    return f"{lead.format(first=when(first), last=when(last))}, {listing(parts)}."


def ranking_summary(items: pd.Series, values: pd.Series, big: str, what: str, when: str) -> str:
    """'In March 2025 the largest of the 11 categories was travel ($19.0 billion) and the smallest
    construction ($0.4 billion).'"""
    s = pd.Series(values.to_numpy(), index=items.to_numpy()).sort_values(ascending=False)
    if len(s) == 1:
        return f"In {when}, {s.index[0]}: {magnitude(s.iloc[0], big)}."
    return (
        f"In {when} the largest of the {len(s)} {what} was {s.index[0]} ({magnitude(s.iloc[0], big)}) "
        f"and the smallest {s.index[-1]} ({magnitude(s.iloc[-1], big)})."
    )


def balances_summary(items: pd.Series, values: pd.Series, big: str, what: str, when: str, prep: str = "with") -> str:
    """'In March 2025 the goods balance was a deficit with 28 of the 36 countries and areas; the largest
    deficit was with China ($24.8 billion) and the largest surplus with the Netherlands ($4.5 billion).'"""
    s = pd.Series(values.to_numpy(), index=items.to_numpy()).sort_values()
    deficits, surpluses = s[s < 0], s[s > 0]
    out = f"In {when} the balance was a deficit {prep} {len(deficits)} of the {len(s)} {what}"
    parts = []
    if len(deficits):
        parts.append(f"the largest deficit was {prep} {deficits.index[0]} ({magnitude(deficits.iloc[0], big)})")
    if len(surpluses):
        parts.append(
            f"the largest surplus {'' if parts else 'was '}{prep} {surpluses.index[-1]} "
            f"({magnitude(surpluses.iloc[-1], big)})"
        )
    return out + ("; " + " and ".join(parts) if parts else "") + "."


def _named(name: str) -> str:
    """A name that carries commas closes with one inside a sentence ('capital goods, except automotive,')."""
    return f"{name}," if "," in name else name


def changes_summary(items: pd.Series, changes: pd.Series, big: str, what: str, lead: str) -> str:
    """'From February 2025 to March 2025, 4 of the 6 end-use categories rose and 2 fell; industrial
    supplies and materials rose most (up $2.2 billion) and capital goods, except automotive, fell
    most (down $1.5 billion).'"""
    s = pd.Series(changes.to_numpy(), index=items.to_numpy()).sort_values(ascending=False)
    up, down = s[s > 0], s[s < 0]
    out = [f"{lead}, {len(up)} of the {len(s)} {what} rose and {len(down)} fell"]
    if len(up):
        out.append(f"{_named(up.index[0])} rose most (up {magnitude(up.iloc[0], big)})")
    if len(down):
        out.append(f"{_named(down.index[-1])} fell most (down {magnitude(down.iloc[-1], big)})")
    return out[0] + ("; " + " and ".join(out[1:]) if len(out) > 1 else "") + "."


# ---------------------------------------------------------------- charts


def flow_lines(
    m: pd.DataFrame,
    when: str,
    x_title: str | None = None,
    axis_format: str | None = "%b %Y",
    legend: bool = True,
    lead: str = "From {first} to {last}",
    zero: bool = False,
    **mark,
) -> tuple[Drawing, str, str]:
    """Exports, imports and balance as lines in billions of dollars, from rows ``m`` (one line item,
    millions, seasonally adjusted), over the zero line if ``zero``, each linked to its series;
    ``when`` titles the tooltip's period. Returns the drawing and its first and last month in words
    (monthly, long-history and three-month-average charts)."""
    data = pd.DataFrame(
        {"month": first_days(m["period"]), "series": m["flow"].map(FLOW_NAMES), "billions": m["value"] / 1000}
    )
    first, last = month_year(m["period"].min()), month_year(m["period"].max())
    x = (
        alt.X("month:T", title=x_title, axis=alt.Axis(format=axis_format))
        if axis_format
        else alt.X("month:T", title=x_title)
    )
    chart = (
        alt.Chart(data)
        .mark_line(**mark)
        .encode(
            x=x,
            y=alt.Y("billions:Q", title="Billions of dollars"),
            color=theme.color("series", data["series"], legend=legend),
            tooltip=[
                month_tooltip(when),
                alt.Tooltip("series:N", title="Series"),
                alt.Tooltip("billions:Q", title="Billions of dollars", format=",.1f"),
            ],
        )
    )
    said = trend_summary(data, "series", "billions", "billions of dollars", lead=lead)
    drawn = Drawing(alt.layer(chart, zero_line()) if zero else chart, TOTALS_UNIT, said, m, series_of(m))
    return drawn, first, last


def zero_line() -> alt.Chart:
    """The dashed zero line under a balance: below it, a deficit."""
    return alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(strokeDash=[2, 2]).encode(y="y:Q")


def flows_chart(rows: pd.DataFrame) -> Drawing:
    """Monthly exports, imports and balance of one line as lines, in the unit's larger scale
    ('billions of dollars')."""
    return _concept_lines(rows, rows["flow"].map(FLOW_NAMES), "flow", "Flow")


def series_lines(
    rows: pd.DataFrame, labels: pd.Series, field_title: str = "Series", say: Callable[[str], str] | None = None
) -> Drawing:
    """Lines of monthly levels, one per label (a concept of the theme: 'Exports', 'Imports'), in the
    unit's larger scale; ``field_title`` names the labels in the tooltip, ``say`` (a label ->
    its words) in the summary."""
    return _concept_lines(rows, labels, "series", field_title, say)


def _concept_lines(
    rows: pd.DataFrame, labels: pd.Series, field: str, field_title: str, say: Callable[[str], str] | None = None
) -> Drawing:
    """A line per label, each in its concept's colour (``field`` in the chart's data, ``field_title``
    in its tooltip), monthly, in the unit's larger scale."""
    big, factor = scale(rows["unit"].iloc[0])
    data = pd.DataFrame({"month": first_days(rows["period"]), field: labels, "value": rows["value"] * factor})
    chart = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=month_axis(),
            y=alt.Y("value:Q", title=unit_title(big)),
            color=theme.color(field, data[field]),
            tooltip=[
                month_tooltip(),
                alt.Tooltip(f"{field}:N", title=field_title),
                alt.Tooltip("value:Q", title=unit_title(big), format=number_format(big)),
            ],
        )
    )
    said = data.assign(**{field: data[field].map(say)}) if say else data
    return Drawing(chart, big, trend_summary(said, field, "value", big), rows)


def basis_lines(rows: pd.DataFrame, bases: pd.Series, flow: str) -> Drawing:
    """One flow on two bases: the flow's colour, a line pattern per basis (theme.DASHES)."""
    big, factor = scale(rows["unit"].iloc[0])
    name = FLOW_NAMES[flow]
    data = pd.DataFrame({"month": first_days(rows["period"]), "basis": bases, "value": rows["value"] * factor})
    chart = (
        alt.Chart(data)
        .mark_line(point=True, color=theme.colour(name))
        .encode(
            x=month_axis(),
            y=alt.Y("value:Q", title=unit_title(big, name)),
            strokeDash=theme.stroke_dash("basis", data["basis"]),
            tooltip=[
                month_tooltip(),
                alt.Tooltip("basis:N", title="Basis"),
                alt.Tooltip("value:Q", title=unit_title(big), format=number_format(big)),
            ],
        )
    )
    said = data.assign(basis=[f"{name.lower()} on a {in_sentence(b)}" for b in data["basis"]])
    return Drawing(chart, big, trend_summary(said, "basis", "value", big), rows)


def wrapped_header(labels) -> alt.Header:
    """Panel titles on lines of about :data:`WRAP` characters (a long category name is not cut
    off): each long label's lines, written here (Vega cannot wrap a header). Vega-Lite pastes an
    unbracketed expression where ``datum.label`` stands, hence the brackets."""
    expr = "(datum.label)"
    for label in sorted(set(labels), reverse=True):
        if len(label) > WRAP:
            lines = json.dumps(textwrap.wrap(label, WRAP), ensure_ascii=False)
            expr = f"(datum.label) === {json.dumps(label, ensure_ascii=False)} ? {lines} : {expr}"
    return alt.Header(labelExpr=expr, labelLimit=0, labelFontSize=12)


def small_multiples(
    rows: pd.DataFrame, labels: pd.Series, flow: str, order: list[str] | None = None, years_only: bool = False
) -> Drawing:
    """One small line chart per item (end-use categories, services categories), all in the
    flow's colour on one shared value scale, each panel with its own time axis (no empty axis
    under a missing panel); its summary says the latest month."""
    big, factor = scale(rows["unit"].iloc[0])
    data = pd.DataFrame({"month": first_days(rows["period"]), "item": labels, "value": rows["value"] * factor})
    latest = data[data["month"] == data["month"].max()]
    order = order or list(latest.sort_values("value", ascending=False)["item"])
    name = FLOW_NAMES[flow]
    chart = (
        alt.Chart(data)
        .mark_line(strokeWidth=1.5, color=theme.colour(name))
        .encode(
            x=alt.X("month:T", title=None, axis=alt.Axis(format="%Y" if years_only else "%b %Y", tickCount=4)),
            y=alt.Y("value:Q", title=unit_title(big)),
            tooltip=[
                month_tooltip(),
                alt.Tooltip("item:N", title="Category"),
                alt.Tooltip("value:Q", title=unit_title(big), format=number_format(big)),
            ],
        )
        .properties(width=PANEL_WIDTH, height=PANEL_HEIGHT)
        .facet(
            facet=alt.Facet("item:N", title=None, sort=order, header=wrapped_header(data["item"])),
            columns=PANEL_COLUMNS,
        )
        .resolve_axis(x="independent")
    )
    when = month_year(rows["period"].max())
    summary = ranking_summary(latest["item"].str.lower(), latest["value"], big, "categories", when)
    return Drawing(chart, big, summary, rows)


def grouped_bars(rows: pd.DataFrame, field: str, field_title: str, sort=alt.Undefined) -> tuple[Drawing, pd.DataFrame]:
    """One month's flows for each item (``rows``' line items) as horizontal bars, the flows side by
    side in their colours, in the unit's larger scale: ``field`` names the items in the chart's data,
    ``field_title`` in its tooltip; ``sort`` orders them (Vega-Lite's y sort; default its own).
    Returns the drawing, without a summary, and its data (``field``, flow, value) to say one from."""
    big, factor = scale(rows["unit"].iloc[0])
    data = pd.DataFrame(
        {field: rows["line_item"], "flow": rows["flow"].map(FLOW_NAMES), "value": rows["value"] * factor}
    )
    flows = theme.ordered(data["flow"], theme.SERIES)
    chart = (
        alt.Chart(data, width=BAR_WIDTH)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=unit_title(big)),
            y=alt.Y(f"{field}:N", title=None, sort=sort),
            yOffset=alt.YOffset("flow:N", sort=flows),
            color=theme.color("flow", data["flow"]),
            tooltip=[
                alt.Tooltip(f"{field}:N", title=field_title),
                alt.Tooltip("flow:N", title="Flow"),
                alt.Tooltip("value:Q", title=unit_title(big), format=number_format(big)),
            ],
        )
    )
    return Drawing(chart, big, "", rows), data


def largest_of_each(data: pd.DataFrame, field: str) -> list[tuple[str, str, float]]:
    """(flow, item, value) of the largest item of each flow of :func:`grouped_bars`' data that has
    one, in the theme's order of the flows."""
    out = []
    for flow in theme.ordered(data["flow"], theme.SERIES):
        f = data[data["flow"] == flow].sort_values("value", ascending=False)
        if len(f):
            out.append((flow, f[field].iloc[0], f["value"].iloc[0]))
    return out


def change_bars(changes: pd.DataFrame, rows: pd.DataFrame, what: str, lead: str) -> Drawing:
    """Horizontal bars of monthly changes, largest increase on top (columns line_item, change,
    now, in the unit of ``rows``, the exhibit's rows they come from), an increase and a decrease
    each in its colour; the summary (:func:`changes_summary`) counts them as ``what``."""
    big, factor = scale(rows["unit"].iloc[0])
    data = pd.DataFrame(
        {
            "item": changes["line_item"],
            "change": changes["change"] * factor,
            "now": changes["now"] * factor,
            "direction": changes["change"].map(lambda c: "increase" if c > 0 else "decrease" if c < 0 else "no change"),
        }
    )
    chart = (
        alt.Chart(data, width=BAR_WIDTH)
        .mark_bar()
        .encode(
            x=alt.X("change:Q", title=unit_title(big, "Monthly change")),
            y=alt.Y("item:N", sort="-x", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            color=theme.color("direction", data["direction"]),
            tooltip=[
                alt.Tooltip("item:N", title="Item"),
                alt.Tooltip("change:Q", title=f"Change ({big})", format="+" + number_format(big)),
                alt.Tooltip("now:Q", title=f"This month ({big})", format=number_format(big)),
            ],
        )
    )
    said = changes_summary(changes["line_item"].str.lower(), data["change"], big, what, lead)
    return Drawing(chart, big, said, rows)

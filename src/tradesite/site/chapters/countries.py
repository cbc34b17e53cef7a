"""Goods trade by country and area (exhibits 14, 14a, 19, 20, 20a, 20b; BEA countries workbook).

Two bases meet here: the Census basis of the customs records (exhibits 14, 14a, 19) and the
balance of payments basis BEA derives from it (exhibits 20, 20a and the BEA workbook). The
chapter says which basis each table is on and why the two differ, in the release's own words
where the release carries its explanatory notes.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...periods import month, month_year, previous
from ...report.coverage import COMPLETE, Needs, Status
from ...report.frames import current, latest_month, pick
from ...report.numbers import billions, money, scale
from ...report.provenance import source
from ...report.vocabulary import BEA_COUNTRY_TABLES, exhibits_in_words
from ...report.words import moved
from ..builders.explain import quoted_notes
from ..builders.figures import BAR_WIDTH, balances_summary, number_format, unit_title
from ..builders.layouts import item_table
from ..render import theme
from ..render.markup import md
from ..render.model import Chapter, Chart, Table, Text

SLUG = "countries"
TITLE = "Goods trade by country and area"
NEEDS = Needs(complete=(("14", "14a", "19", "20", "20a", "20b"),), partial=tuple(f"bea-geo-{n}" for n in range(1, 10)))
ADDS = (
    "the monthly goods trade by country and area of exhibits 14 and 19 (Census basis) and the quarterly "
    "figures of exhibits 20, 20a and 20b (balance of payments basis)"
)

EXHIBITS = ["14", "14a", "19", "20", "20a", "20b"]
GEO = [f"bea-geo-{n}" for n in range(1, 10)]
#: BEA countries workbook tables by coverage: (exports, imports, balance).
GEO_COVERAGE = BEA_COUNTRY_TABLES
#: Exhibit 19 lines the release's country sentences leave out (trad0325.pdf page 4), and the
#: names its sentences use for the exhibit's labels.
NOT_NAMED = {"All other countries", "CAFTA-DR"}
AREAS = {"European Union", "South/Central America"}
SENTENCE_NAMES = {"Korea, South": "South Korea", "South/Central America": "South and Central America"}
#: Notes of the release PDF that explain the two bases (headings as printed).
BASIS_NOTES = ("Goods (Census basis)", "Goods (BOP basis)", "Goods (BOP basis) and services by country and area")


def build(release, status: Status) -> Chapter:
    exhibits = [e for e in EXHIBITS + GEO if release.has(e)]
    blocks: list = []
    if release.has("19"):
        ex19 = release.exhibit("19")
        period = latest_month(ex19)
        blocks.append(Text(partner_sentences(ex19, period)))
        blocks.append(balance_chart(ex19, period))
    elif any(release.has(t) for t in GEO_COVERAGE["goods"]):
        blocks.append(geo_balance_chart(release))
    blocks.append(Text(basis_text(release)))
    blocks += tables(release)
    when = release.month_name
    summary = (
        f"U.S. trade by country and area in the {when} release, on a Census basis and a balance of payments basis."
    )
    held = "" if status.state == COMPLETE else held_words(exhibits)
    return Chapter(slug=SLUG, title=TITLE, summary=summary, blocks=blocks, exhibits=exhibits, held=held)


def held_words(exhibits: list[str]) -> str:
    """What a partly covered release's files hold of this chapter, in a reader's words."""
    parts = []
    census = [e for e in exhibits if e in EXHIBITS]
    if census:
        parts.append(f"{exhibits_in_words(census)} of the report")
    if any(e in GEO for e in exhibits):
        parts.append(
            "BEA's workbook of trade by country and area: quarters and years on a balance of payments "
            "basis, for goods, services and both"
        )
    return " and ".join(parts)


# ---------------------------------------------------------------- the two bases


def basis_text(release) -> str:
    """Why Census-basis and BOP-basis figures differ: the release's own explanatory notes where
    the release carries them, else a plain explanation; then the exhibits' own bridge line."""
    lines = ["## Census basis and balance of payments basis"]
    notes = quoted_notes(release, BASIS_NOTES)
    if notes:
        lines += notes
    else:
        lines.append(
            "Goods on a **Census basis** are the customs records of goods crossing the U.S. border. "
            "BEA adjusts them to a **balance of payments (BOP) basis**, the basis of the international "
            "accounts, by adding and deducting items the customs records miss or value differently."
        )
    if release.has("14"):
        ex14 = current(release.exhibit("14"))
        period = latest_month(ex14)
        net = pick(
            ex14, line_item="Net Adjustments", period=period, period_type="month", flow="balance", measure="level"
        )
        if len(net):
            lines.append(
                f"Exhibit 14 shows both: its 'Total Balance of Payments Basis' line is the 'Total Census Basis' "
                f"line plus the 'Net Adjustments' line ({net['value'].iloc[0]:,.0f} million dollars for the "
                f"balance in {month_year(period)}). The country and area lines below them are on a "
                f"Census basis only: the information needed to convert them to a BOP basis is not available."
            )
    if release.has("20a") and release.has("19"):
        lines.append(
            "Exhibits 20 and 20a give quarterly and annual figures by country on a BOP basis; "
            "exhibit 19 gives monthly figures on a Census basis. Each set is seasonally adjusted "
            "on its own and does not add up to the totals of exhibits 1-9."
        )
    if any(release.has(t) for t in GEO):
        lines.append(
            "BEA's countries workbook is on a BOP basis: quarters seasonally adjusted, years not seasonally adjusted."
        )
    return "\n\n".join(lines)


# ---------------------------------------------------------------- exhibit 19 sentences


def _name(item: str) -> str:
    """A partner as a sentence names it, as literal Markdown."""
    return md(SENTENCE_NAMES.get(item, item))


def month_balances(ex19: pd.DataFrame, period: str) -> pd.DataFrame:
    """Exhibit 19 this month and last month, one row per country or area, flows across."""
    rows = pick(current(ex19), period_type="month", measure="level")
    rows = rows[rows["period"].isin([period, previous(period)])]
    wide = rows.pivot_table(index="line_item", columns=["flow", "period"], values="value", aggfunc="first")
    order = list(dict.fromkeys(rows["line_item"]))
    return wide.reindex(order)


def partner_sentences(ex19: pd.DataFrame, period: str) -> str:
    """'The March figures show surpluses, in billions of dollars, with Netherlands ($4.5), ...'
    and the three countries whose balance moved most (trad0325.pdf page 4)."""
    wide = month_balances(ex19, period)
    named = wide[~wide.index.isin(NOT_NAMED)]
    bal = named[("balance", period)].dropna()
    surplus = bal[bal > 0].sort_values(ascending=False)
    deficit = bal[bal < 0].sort_values()

    def listing(s: pd.Series) -> str:
        items = [f"{_name(k)} (${abs(billions(v))})" for k, v in s.items()]
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f", and {items[-1]}"

    m = month(period)
    text = [f"## Balances by partner, {m} {period[:4]} (exhibit 19, Census basis, seasonally adjusted)"]
    sentence = []
    if len(surplus):
        sentence.append(f"The {m} figures show surpluses, in billions of dollars, with {listing(surplus)}.")
    if len(deficit):
        sentence.append(f"Deficits were recorded, in billions of dollars, with {listing(deficit)}.")
    text.append(" ".join(sentence))
    moves = biggest_moves(wide, period)
    if moves:
        text.append(
            f"The countries whose balance changed most from {month(previous(period))}:\n\n"
            + "\n".join(f"- {line}" for line in moves)
        )
    return "\n\n".join(text)


def biggest_moves(wide: pd.DataFrame, period: str, n: int = 3) -> list[str]:
    """The countries (not areas) whose balance changed most, larger balances first, as the release does."""
    prev = previous(period)
    need = [
        ("balance", period),
        ("balance", prev),
        ("exports", period),
        ("exports", prev),
        ("imports", period),
        ("imports", prev),
    ]
    if not all(c in wide.columns for c in need):
        return []
    countries = wide[~wide.index.isin(NOT_NAMED | AREAS)].dropna(subset=need)
    growth = countries[("balance", period)].abs() - countries[("balance", prev)].abs()
    same_kind = (countries[("balance", period)] < 0) == (countries[("balance", prev)] < 0)
    top = (countries[("balance", period)] - countries[("balance", prev)]).abs().sort_values(ascending=False).head(n)
    ordered = sorted(top.index, key=lambda k: (not (same_kind[k] and growth[k] > 0), -abs(growth[k])))
    out = []
    for k in ordered:
        now, before = countries.loc[k, ("balance", period)], countries.loc[k, ("balance", prev)]
        kind = "deficit" if now < 0 else "surplus"
        if same_kind[k]:
            head = f"The {kind} with {_name(k)} {moved(abs(now) - abs(before))} to {money(now)} in {month(period)}."
        else:
            before_kind = "deficit" if before < 0 else "surplus"
            head = (
                f"The balance with {_name(k)} went from a {before_kind} of {money(before)} in {month(prev)} "
                f"to a {kind} of {money(now)} in {month(period)}."
            )
        ex_now, ex_before = countries.loc[k, ("exports", period)], countries.loc[k, ("exports", prev)]
        im_now, im_before = countries.loc[k, ("imports", period)], countries.loc[k, ("imports", prev)]
        out.append(
            f"{head} Exports {moved(ex_now - ex_before)} to {money(ex_now)} and imports "
            f"{moved(im_now - im_before)} to {money(im_now)}."
        )
    return out


# ---------------------------------------------------------------- charts


def _bars(data: pd.DataFrame, big: str) -> alt.Chart:
    return (
        alt.Chart(data, width=BAR_WIDTH)
        .mark_bar()
        .encode(
            x=alt.X("balance:Q", title=unit_title(big, "Balance")),
            y=alt.Y("partner:N", sort="-x", title=None),
            color=theme.color("kind", data["kind"]),
            tooltip=[
                alt.Tooltip("partner:N", title="Country or area"),
                alt.Tooltip("balance:Q", title=unit_title(big, "Balance"), format=number_format(big)),
                alt.Tooltip("kind:N", title="Balance"),
            ],
        )
    )


def _partners(rows: pd.DataFrame) -> pd.DataFrame:
    big, factor = scale(rows["unit"].iloc[0])
    return pd.DataFrame(
        {
            "partner": rows["line_item"],
            "balance": rows["value"] * factor,
            "kind": rows["value"].map(lambda v: "surplus" if v > 0 else "deficit"),
        }
    )


def balance_chart(ex19: pd.DataFrame, period: str) -> Chart:
    rows = pick(current(ex19), flow="balance", period=period, period_type="month", measure="level")
    rows = rows[~rows["line_item"].isin(NOT_NAMED)].dropna(subset=["value"])
    big, _ = scale(rows["unit"].iloc[0])
    data = _partners(rows)
    when = month_year(period)
    return Chart(
        id="balance-by-partner",
        title=f"Goods balance by country and area, {when} (Census basis)",
        chart=_bars(data, big),
        summary=balances_summary(data["partner"], data["balance"], big, "countries and areas", when),
        description=f"Bar chart of the U.S. goods trade balance with each country and area of exhibit 19 "
        f"in {when}, seasonally adjusted, Census basis; deficits are negative.",
        source=source(rows),
        unit=big,
    )


def geo_balance_chart(release) -> Chart:
    """BEA workbook: goods balance by partner in the latest year (BOP basis)."""
    table = next(t for t in GEO_COVERAGE["goods"][::-1] if release.has(t))
    df = current(release.exhibit(table))
    bal = pick(df, flow="balance", period_type="year", measure="level").dropna(subset=["value"])
    year = bal["period"].max()
    rows = bal[(bal["period"] == year) & ~bal["line_item"].isin(NOT_NAMED)]
    big, _ = scale(rows["unit"].iloc[0])
    data = _partners(rows)
    return Chart(
        id="balance-by-partner",
        title=f"Goods balance by country and area, {year} (BOP basis)",
        chart=_bars(data, big),
        summary=balances_summary(data["partner"], data["balance"], big, "countries and areas", str(year)),
        description=f"Bar chart of the U.S. goods trade balance with each country and area in {year}, "
        f"balance of payments basis; deficits are negative.",
        source=source(rows),
        unit=big,
    )


# ---------------------------------------------------------------- tables


def tables(release) -> list[Table]:
    out = []
    basis = {
        "14": "Census basis, not seasonally adjusted",
        "14a": "Census basis, not seasonally adjusted",
        "19": "Census basis, seasonally adjusted",
        "20": "BOP basis, seasonally adjusted",
        "20a": "BOP basis, seasonally adjusted",
        "20b": "seasonally adjusted",
    }
    for e in EXHIBITS:
        if release.has(e):
            df = release.exhibit(e)
            out.append(
                item_table(
                    df,
                    f"exhibit-{e}",
                    f"{release.printed_title(e)} ({basis[e]})",
                    label_name="Country and area",
                    sections=e not in ("14", "14a"),
                    notes=table_note(e),
                )
            )
    for coverage, ids in GEO_COVERAGE.items():
        present = [t for t in ids if release.has(t)]
        if present:
            df = pd.concat([recent(release.exhibit(t)) for t in present], ignore_index=True)
            out.append(
                item_table(
                    df,
                    f"bea-{coverage.replace(' ', '-')}",
                    f"Trade in {coverage} by country and area, recent quarters and years (BOP basis)",
                    label_name="Country and area",
                    sections=True,
                    notes="Quarters seasonally adjusted, years not seasonally adjusted. "
                    "BEA's workbook goes back to 1999; this table shows the latest "
                    "four quarters and three years.",
                )
            )
    return out


def recent(df: pd.DataFrame, quarters: int = 4, years: int = 3) -> pd.DataFrame:
    """The latest quarters and years of a BEA countries table."""
    df = current(df)
    q = sorted(pick(df, period_type="quarter")["period"].unique())[-quarters:]
    y = sorted(pick(df, period_type="year")["period"].unique())[-years:]
    return df[df["period"].isin(q + y)].sort_values(["period_type", "period"], ascending=[True, True], kind="stable")


def table_note(exhibit: str) -> str:
    if exhibit in ("14", "14a"):
        return (
            "Not additive: countries may be included in more than one area. Country and area lines are on a "
            "Census basis; the top lines also give the BOP basis total and the Net Adjustments between the two."
        )
    if exhibit in ("19", "20", "20a", "20b"):
        return (
            "Countries may be included in more than one area. Seasonally adjusted country and area figures "
            "will not sum to the seasonally adjusted totals of exhibits 1-9."
        )
    return ""

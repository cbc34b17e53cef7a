"""Accounting identities of the Census exhibit tables (``exh*``), checked before writing.

Tolerance: the files round every figure to the unit shown, so an identity among n printed
figures (a total and its parts) may be off by up to n × 0.5 units; every message says
which tolerance it used. Where a file prints unrounded values (exh1s-4as, exh3s) the same
tolerance is looser than needed, never tighter. Checked:

* balance = exports − imports, for every line item and period printed with all three flows;
* balance-of-payments basis = Census basis + net adjustments (exh5, 6, 7, 8, 12, 13, 14,
  14a, 15: the lines "Total Balance of Payments Basis", "Net Adjustments", "Total Census Basis");
* parts sum to their parent in the table's hierarchy: total = goods + services (exh1/2),
  total services = its categories (exh3/4), Census total = end-use categories (exh6/13,
  and the chained-dollar exh10/11 with their "Residual"), end-use category = its
  commodities (exh7/8), area = its countries (exh14/14a/16a/17a/18), NAICS group = its
  industries (exh1s), Total = net adjustments + petroleum + non-petroleum (exh9);
* the same series printed in several exhibits is the same figure (:data:`SAME_FIGURE`:
  exh1 goods = the BOP total of exh5/6/7/8/9, exh12 = exh13/14/15, exh1 services = exh3/4
  totals, exh16 = exh16a total, exh17 crude oil imports = exh17a total);
* months sum to the year ("Jan. - Dec.") and to the year to date ("Jan. - Aug."), seasonally
  adjusted or not: the data show the seasonally adjusted months are constrained to the
  annual totals (the largest gap in the bundled files is 3 on 12 months, within 6.5).

Not checked, because the official data do not satisfy them (see :data:`NOT_PARTS`,
:data:`NOT_PARTITIONS`, :data:`NOT_ADDITIVE`):

* lines the files mark as memo items: "Euro Area" (its members are in the European
  Union line; "countries may be included in more than one area"), "Foreign Trade Zone"
  ("for reference only", exh2s/2as), "Manufactured Goods" and "Agricultural Commodities"
  (exh15: "This exhibit is not additive");
* exh4s/4as list areas (overlapping groupings) beside the countries under TOTAL; exh17's
  crude oil is one part of energy-related petroleum products with no other parts printed;
  exh1s's GRAND TOTAL year to date exceeds its NAICS groups by 329.1 (a revision the groups
  do not carry), while each group equals its industries exactly, so only the groups are checked;
  likewise exh15's Census total differs from its SITC sections plus re-exports by up to 285
  (year to date), so only the sections (each equal to its commodities) are checked;
* averages and prices (barrels per day, dollars per barrel), percent shares and ranks
  (exh4s/4as) do not add up.

A C.I.F.-valued import (basis ``cif``) is the same import as the Census-basis one at another
valuation: sums and repeated figures are compared within one valuation (:func:`valuation`;
exh17a's C.I.F. countries sum to its C.I.F. total), while the other bases may meet in one sum
(exh9: Total, balance of payments basis = net adjustments + Census-basis parts).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..schema import HIERARCHY_SEP
from . import sum_problem, within

#: what identifies one printed number apart from its line item and flow
SERIES = ["seasonal_adjustment", "unit", "period", "period_type", "measure", "vintage"]
#: memo lines the files say are not parts of the line above them
NOT_PARTS = {"Euro Area", "Foreign Trade Zone", "Manufactured Goods", "Agricultural Commodities"}
#: exhibits whose hierarchy is not a partition (see module docstring); exh1s: only its root
NOT_PARTITIONS = {"4s": None, "4as": None, "17": None, "1s": "GRAND TOTAL", "15": "Total Census Basis"}
NOT_ADDITIVE = {"percent", "dollars per barrel", "thousands of barrels per day", "rank"}


def census_tables(tables: dict[str, pd.DataFrame]) -> Iterable[tuple[str, pd.DataFrame]]:
    """The exhibit workbooks' tables, printed values only."""
    for table_id, df in sorted(tables.items()):
        if table_id.startswith("exh") and len(df):
            yield table_id, df[df["value"].notna() & (df["measure"] != "rank")]


def valuation(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with a column ``valuation``: 'cif' for C.I.F.-valued imports, '' otherwise."""
    return df.assign(valuation=df["basis"].where(df["basis"] == "cif", ""))


def tolerance(n_figures: int) -> float:
    """n printed figures, each rounded to the unit: off by at most n × 0.5."""
    return 0.5 * n_figures


def where(rec: dict) -> str:
    return f"{rec['source_file']}, exhibit {rec['exhibit']}, {rec['location']}"


def check_balance(tables, release) -> Iterable[str]:
    """balance = exports − imports for each line item and period."""
    for _, df in census_tables(tables):
        keys = ["line_item", "hierarchy", "basis", *SERIES]
        wide = df.drop_duplicates([*keys, "flow"]).set_index([*keys, "flow"])["value"].unstack("flow")
        if not {"balance", "exports", "imports"} <= set(wide.columns):
            continue
        wide = wide.dropna(subset=["balance", "exports", "imports"])
        tol = tolerance(3)
        off = wide["balance"] - (wide["exports"] - wide["imports"])
        for key in off[off.abs() > tol + 1e-9].index:
            b = df.set_index([*keys, "flow"]).loc[(*key, "balance")]
            b = (b.iloc[0] if isinstance(b, pd.DataFrame) else b).to_dict()
            expected = wide.loc[key, "exports"] - wide.loc[key, "imports"]
            yield sum_problem(
                where(b), f"balance of {key[0]!r} {key[5]} = exports − imports", expected, wide.loc[key, "balance"], tol
            )


def _top_line(label: str) -> str | None:
    low = label.lower()
    if low.startswith("total") and "balance of payment" in low:
        return "bop"
    if low.startswith("net adjust"):
        return "net"
    if low.startswith("total") and "census basis" in low:
        return "census"
    return None


def check_bop_basis(tables, release) -> Iterable[str]:
    """Total balance of payments basis = Total Census basis + Net Adjustments."""
    for _, df in census_tables(tables):
        line = df["line_item"].map(_top_line)
        top = df[df["level"].eq(0) & line.notna()].assign(line=line)
        keys = ["flow", *SERIES]
        wide = top.drop_duplicates([*keys, "line"]).set_index([*keys, "line"])["value"].unstack("line")
        if not {"bop", "net", "census"} <= set(wide.columns):
            continue
        wide = wide.dropna(subset=["bop", "net", "census"])
        tol = tolerance(3)
        off = wide["bop"] - (wide["census"] + wide["net"])
        for key in off[off.abs() > tol + 1e-9].index:
            bop = top[(top["line"] == "bop") & (top[keys] == pd.Series(key, index=keys)).all(axis=1)].iloc[0].to_dict()
            yield sum_problem(
                where(bop),
                f"{key[0]} {key[3]}: balance of payments basis = Census basis + net adjustments",
                wide.loc[key, "census"] + wide.loc[key, "net"],
                wide.loc[key, "bop"],
                tol,
            )


def check_parts(tables, release) -> Iterable[str]:
    """A line equals the sum of the lines printed under it in the hierarchy."""
    for _, df in census_tables(tables):
        exhibit = str(df["exhibit"].iloc[0])
        if exhibit in NOT_PARTITIONS and NOT_PARTITIONS[exhibit] is None:
            continue
        df = valuation(df[~df["unit"].isin(NOT_ADDITIVE)])
        parts = df[(df["level"] > 0) & ~df["line_item"].isin(NOT_PARTS)]
        parent = parts["hierarchy"].str.rsplit(HIERARCHY_SEP, n=1).str[0]
        keys = ["flow", "valuation", *SERIES]
        sums = parts.assign(parent=parent).groupby(["parent", *keys], sort=False)["value"].agg(["sum", "size"])
        totals = df.drop_duplicates(["hierarchy", *keys]).set_index(["hierarchy", *keys])
        for key, (total_of_parts, n) in sums.iterrows():
            if key[0] == NOT_PARTITIONS.get(exhibit) or key not in totals.index:
                continue
            total = totals.loc[key]
            tol = tolerance(int(n) + 1)
            if not within(total["value"], total_of_parts, tol):
                rec = {**total.to_dict(), "location": total["location"]}
                yield sum_problem(
                    where(rec),
                    f"{key[0]!r} ({key[1]}, {key[5]}) = sum of its {int(n)} parts",
                    total_of_parts,
                    total["value"],
                    tol,
                )


def check_months(tables, release) -> Iterable[str]:
    """Months sum to the year ('Jan. - Dec.') and to the year to date ('Jan. - Aug.')."""
    ident = ["line_item", "hierarchy", "flow", "basis", "seasonal_adjustment", "unit", "vintage"]
    for _, df in census_tables(tables):
        df = df[(df["measure"] == "level") & ~df["unit"].isin(NOT_ADDITIVE)]
        months = df[df["period_type"] == "month"].drop_duplicates([*ident, "period"])
        months = months.assign(year=months["period"].str[:4], end=months["period"].str[5:7].astype(int))
        months = months.sort_values([*ident, "year", "end"])
        grouped = months.groupby([*ident, "year"], sort=False)
        # running sum from January; kept only while every month from January on is printed
        months = months.assign(found=grouped["value"].cumsum(), n=grouped.cumcount() + 1)
        months = months[months["n"] == months["end"]]
        totals = df[df["period_type"].isin(["year", "year_to_date"])]
        totals = totals.assign(
            year=totals["period"].str[:4],
            end=totals["period"].str[5:7].where(totals["period_type"] == "year_to_date", "12").astype(int),
        )
        both = totals.merge(months[[*ident, "year", "end", "found"]], on=[*ident, "year", "end"])
        both = both.assign(tol=(both["end"] + 1) * 0.5)
        for rec in both[(both["value"] - both["found"]).abs() > both["tol"] + 1e-9].to_dict("records"):
            yield sum_problem(
                where(rec),
                f"{rec['line_item']!r} {rec['flow']} {rec['period']} "
                f"({rec['period_type']}) = sum of its {rec['end']} months",
                rec["found"],
                rec["value"],
                rec["tol"],
            )


def _top(label: str) -> list[tuple[str, str]]:
    """(exhibit, label) of a goods top line in every exhibit that prints it, as printed there."""
    return [(e, label) for e in ("5", "6", "12", "13", "14", "14a")] + [
        (e, label.replace("Total ", "Total, ")) for e in ("7", "8")
    ]


#: one series printed in several exhibits (same flow, adjustment, unit, period, vintage): the
#: figures must be identical, as they are one number rounded once
SAME_FIGURE = {
    "goods, balance of payments basis": [
        ("1", "Goods"),
        ("9", "Total"),
        ("15", "Total Balance of Payment Basis"),
        *_top("Total Balance of Payments Basis"),
    ],
    "goods, Census basis": [("15", "Total Census Basis"), *_top("Total Census Basis")],
    "net adjustments": [("9", "Net Adjustments"), ("15", "Net Adjustments"), *_top("Net Adjustments")],
    "services": [("1", "Services"), ("3", "Total Services"), ("4", "Total Services")],
    "advanced technology products": [("16", "Advanced Technology Products"), ("16a", "Total")],
    "crude oil imports": [("17", "Crude Oil"), ("17a", "Total")],
}


def check_same_figure(tables, release) -> Iterable[str]:
    """A series printed in several exhibits (exh1 goods = exh5/6/7/9 BOP total ...) is printed alike."""
    frames = [df for _, df in census_tables(tables)]
    if not frames:
        return
    df = valuation(pd.concat(frames, ignore_index=True))
    df = df[df["measure"] == "level"]
    keys = ["flow", "valuation", *SERIES]
    for name, members in SAME_FIGURE.items():
        pick = pd.Series(False, index=df.index)
        for exhibit, label in members:
            pick |= (df["exhibit"] == exhibit) & (df["line_item"] == label)
        for _, g in df[pick].groupby(keys, sort=False):
            if g["value"].nunique() > 1:
                first, other = g.iloc[0], g[g["value"] != g.iloc[0]["value"]].iloc[0]
                yield (
                    f"{where(other.to_dict())}: {name} {other['flow']} {other['period']} ({other['period_type']}): "
                    f"expected {first['value']:,.6g} as {where(first.to_dict())} prints it (the same figure), "
                    f"found {other['value']:,.6g}"
                )


CHECKS = [check_balance, check_bop_basis, check_parts, check_months, check_same_figure]

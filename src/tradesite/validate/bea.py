"""Accounting identities of the BEA workbooks and the transcribed headlines.

Tolerance: every published figure is rounded to its unit (a million dollars in the
workbooks, $0.1 billion in the headlines), so an identity among ``n`` figures can be off
by half a unit on each; we allow that, rounded up to a whole unit:
:func:`tolerance` ``= ceil(n / 2)`` units. What the files show (2025-01/02/03 workbooks):

* Table 1 and the headlines: balance = exports − imports (3 figures, within 2; the
  largest gap in Table 1 is 2) and total = goods + services (within 2; largest 1).
* Tables 2/3: the 11 categories sum to the total (12 figures, within 6; largest 3), and
  their total is Table 1's services, figure for figure (tolerance 0).
* Months sum to the year in Tables 1–3 (13 figures, within 7; largest 5, Table 1 imports
  of services 1992): the seasonally adjusted months do add up to BEA's annual figures.
* Countries workbook: balance = exports − imports and goods and services = goods +
  services for each country (within 2; largest 1), quarters sum to the year (5 figures,
  within 3; largest 2). 'All other countries' for 1999–2012 is left out of the last two:
  the workbook's note says its quarters do not sum to the year for those years, and its
  goods and services are then of different country groups (off by up to $35 billion).
* Not checked: the previous presentation (Tables 4/5) beyond its annual categories.
  BEA calls it obsolete and its months are not consistent in the file itself (Table 4,
  row 79, 1995 Jan: the categories sum to 17,083, the total is 17,660).

A value marked ``-`` (zero or under half a unit, printed '(*)') counts as 0; ``n.a.``
values leave their identity unchecked.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

import pandas as pd

from ..readers.bea_geo import LAYOUT
from . import sum_problem, within

#: One unit of the rounding of each table family.
MILLION = 1.0
TENTH = 0.1  # headlines: billions of dollars to one decimal

#: 'All other countries' 1999–2012: not additive (the workbook's own note).
GEO_NOT_ADDITIVE = ("All other countries", "2012")


def tolerance(figures: int, unit: float = MILLION) -> float:
    """Half a unit of rounding for each figure in an identity, rounded up to whole units."""
    return math.ceil(figures / 2) * unit


def _numbers(df: pd.DataFrame) -> pd.DataFrame:
    """Rows that carry a number ('-' counts as 0; 'n.a.' rows dropped)."""
    df = df.copy()
    zero = df["status"].str.split(";").apply(lambda s: "-" in s)
    df.loc[zero & df["value"].isna(), "value"] = 0.0
    return df[df["value"].notna()]


def identity(
    found: pd.DataFrame, parts: list[tuple[int, pd.DataFrame]], on: list[str], what: str, tol: float
) -> Iterator[str]:
    """``found`` = Σ sign × part, matched on ``on``; one line per row off by more than ``tol``.

    A part may hold several rows per key (categories): they are summed, and a key is
    checked only where every part has a number.
    """
    found = _numbers(found)
    expected = None
    for sign, part in parts:
        s = sign * _numbers(part).groupby(on)["value"].sum()
        expected = s if expected is None else expected.add(s, fill_value=None)
    if expected is None or found.empty:
        return
    merged = found.join(expected.dropna().rename("expected"), on=on, how="inner")
    for row in merged.itertuples(index=False):
        if not within(row.value, row.expected, tol):
            where = f"{row.source_file}, {row.exhibit}, {row.location} ({row.period}, {row.flow} {row.line_item})"
            yield sum_problem(where, what, row.expected, row.value, tol)


def _rows(df: pd.DataFrame, **eq: object) -> pd.DataFrame:
    mask = pd.Series(True, index=df.index)
    for col, value in eq.items():
        mask &= df[col] == value
    return df[mask]


def balance_and_totals(df: pd.DataFrame, unit: float) -> Iterator[str]:
    """balance = exports − imports for each line; Total = Goods + Services for each flow."""
    on = ["line_item", "period", "period_type", "measure"]
    levels = df[df["measure"] != "percent_change"]
    yield from identity(
        _rows(levels, flow="balance"),
        [(1, _rows(levels, flow="exports")), (-1, _rows(levels, flow="imports"))],
        on,
        "balance = exports − imports",
        tolerance(3, unit),
    )
    on = ["flow", "period", "period_type", "measure"]
    yield from identity(
        _rows(levels, line_item="Total"),
        [(1, _rows(levels, line_item="Goods")), (1, _rows(levels, line_item="Services"))],
        on,
        "Total = Goods + Services",
        tolerance(3, unit),
    )


def check_table1(tables: dict[str, pd.DataFrame], release: str) -> Iterable[str]:
    if "bea-ts-1" in tables:
        yield from balance_and_totals(tables["bea-ts-1"], MILLION)


def check_headlines(tables: dict[str, pd.DataFrame], release: str) -> Iterable[str]:
    if "headlines" in tables:
        yield from balance_and_totals(tables["headlines"], TENTH)


def check_categories(tables: dict[str, pd.DataFrame], release: str) -> Iterable[str]:
    """Services categories sum to their total (Tables 2/3; Tables 4/5 annual rows only)."""
    on = ["flow", "period", "period_type"]
    for table_id in ("bea-ts-2", "bea-ts-3", "bea-ts-4", "bea-ts-5"):
        if table_id not in tables:
            continue
        df = tables[table_id]
        if table_id in ("bea-ts-4", "bea-ts-5"):
            df = df[df["period_type"] == "year"]
        parts = df[df["level"] == 1]
        # a period is checked only where every category has a number
        complete = _numbers(parts).groupby(on)["value"].count() == parts.groupby(on)["value"].size()
        parts = parts.join(complete.rename("complete"), on=on)
        parts = parts[parts["complete"].fillna(False).astype(bool)]
        n = df.loc[df["level"] == 1, "line_item"].nunique()
        yield from identity(
            df[df["level"] == 0], [(1, parts)], on, f"Total = sum of the {n} categories", tolerance(n + 1)
        )


def check_services_total(tables: dict[str, pd.DataFrame], release: str) -> Iterable[str]:
    """Table 2/3's total is Table 1's services (the same published figure)."""
    if "bea-ts-1" not in tables:
        return
    services = _rows(tables["bea-ts-1"], line_item="Services")
    for table_id in ("bea-ts-2", "bea-ts-3"):
        if table_id in tables:
            yield from identity(
                _rows(tables[table_id], line_item="Total"),
                [(1, services)],
                ["flow", "period", "period_type"],
                "Total = Table 1 services (bea-ts-1)",
                0.0,
            )


def subperiods_sum_to_year(df: pd.DataFrame, sub: str, count: int) -> Iterator[str]:
    """Months (or quarters) of a complete year sum to the annual figure."""
    on = ["flow", "line_item", "period"]
    parts = _numbers(df[df["period_type"] == sub]).assign(period=lambda d: d["period"].str[:4])
    full = parts.groupby(on)["value"].transform("size") == count
    years = df[df["period_type"] == "year"]
    if df["exhibit"].iloc[0].startswith("bea-geo"):
        who, last = GEO_NOT_ADDITIVE
        years = years[~((years["line_item"] == who) & (years["period"] <= last))]
    yield from identity(years, [(1, parts[full])], on, f"the year = sum of its {count} {sub}s", tolerance(count + 1))


def check_months(tables: dict[str, pd.DataFrame], release: str) -> Iterable[str]:
    for table_id in ("bea-ts-1", "bea-ts-2", "bea-ts-3"):
        if table_id in tables:
            yield from subperiods_sum_to_year(tables[table_id], "month", 12)


def check_geo(tables: dict[str, pd.DataFrame], release: str) -> Iterable[str]:
    """Countries workbook: balance, goods + services, quarters to the year."""
    ids = {spec: f"bea-geo-{n}" for n, spec in LAYOUT.items()}
    if not all(t in tables for t in ids.values()):
        return
    who, last = GEO_NOT_ADDITIVE

    def table(flow: str, coverage: str, additive_only: bool = False) -> pd.DataFrame:
        df = tables[ids[(flow, coverage)]]
        return df[~((df["line_item"] == who) & (df["period"].str[:4] <= last))] if additive_only else df

    on = ["line_item", "period", "period_type"]
    for coverage in ("goods and services", "goods", "services"):
        yield from identity(
            table("balance", coverage),
            [(1, table("exports", coverage)), (-1, table("imports", coverage))],
            on,
            f"balance = exports − imports ({coverage})",
            tolerance(3),
        )
    for flow in ("exports", "imports", "balance"):
        yield from identity(
            table(flow, "goods and services", True),
            [(1, table(flow, "goods", True)), (1, table(flow, "services", True))],
            on,
            f"goods and services = goods + services ({flow})",
            tolerance(3),
        )
    for table_id in ids.values():
        yield from subperiods_sum_to_year(tables[table_id], "quarter", 4)


CHECKS = [check_table1, check_headlines, check_categories, check_services_total, check_months, check_geo]

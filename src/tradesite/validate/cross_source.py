"""Where two files of one release print the same figure, they print the same number.

The FT-900 exhibits (release PDF or Census workbook) and BEA's time-series workbook of the
same release carry the same monthly and annual figures, in millions of dollars:

* exhibit 1 (goods, services and their total: exports, imports, balance) = BEA Table 1;
* exhibit 3 (exports of services by major category) = BEA Table 2;
* exhibit 4 (imports of services by major category) = BEA Table 3;
* an exhibit read from both the release PDF and its Census workbook (``pdf-exh7`` and
  ``exh7``): every figure printed in both, line for line.

Both files round the same estimates to the same million, so the tolerance is 0: any
difference means one file holds another vintage or a misread column. Compared: months
(seasonally adjusted) and years; the current vintage only (BEA does not print last
month's). A figure printed in only one of the files is not compared, and a release without
one of the two files is skipped without a word.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from . import sum_problem

TOLERANCE = 0.0

#: (FT-900 exhibit, BEA time-series table) printing the same figures
PAIRS = [("1", "bea-ts-1"), ("3", "bea-ts-2"), ("4", "bea-ts-3")]

#: the same line under two names: exhibits 3/4 print "Total Services", BEA's Tables 2/3 "Total"
SAME_LINE = {"Total Services": "Total"}

KEYS = ["line", "flow", "period", "period_type"]


def _figures(df: pd.DataFrame) -> pd.DataFrame:
    df = df[
        (df["vintage"] == "current")
        & (df["measure"] == "level")
        & df["value"].notna()
        & df["period_type"].isin(["month", "year"])
        & (df["unit"] == "millions of dollars")
    ]
    return df.assign(line=df["line_item"].replace(SAME_LINE)).drop_duplicates(KEYS)


def _by_exhibit(tables: dict[str, pd.DataFrame], exhibit: str) -> list[pd.DataFrame]:
    return [df for df in tables.values() if len(df) and str(df["exhibit"].iloc[0]) == exhibit]


def _disagreements(
    a: pd.DataFrame, b: pd.DataFrame, on: list[str], suffix: str, exhibit: str, label: str
) -> Iterable[str]:
    """One problem line for each figure of ``a`` that ``b`` (matched ``on``) prints otherwise,
    naming the row by its ``label`` column and where ``b`` prints it."""
    both = a.merge(b, on=on, suffixes=("", suffix))
    off = both[(both["value"] - both[f"value{suffix}"]).abs() > TOLERANCE + 1e-9]
    for rec in off.to_dict("records"):
        yield sum_problem(
            f"{rec['source_file']}, exhibit {exhibit}, {rec['location']}",
            f"{rec[label]!r} {rec['flow']} {rec['period']} = {rec[f'source_file{suffix}']} "
            f"({rec[f'location{suffix}']})",
            rec[f"value{suffix}"],
            rec["value"],
            TOLERANCE,
        )


def check_same_figures(tables: dict[str, pd.DataFrame], release: str) -> Iterable[str]:
    """Exhibits 1, 3, 4 agree with BEA's Tables 1, 2, 3 figure for figure."""
    for exhibit, bea in PAIRS:
        for ft900 in _by_exhibit(tables, exhibit):
            for other in _by_exhibit(tables, bea):
                yield from _disagreements(_figures(ft900), _figures(other), KEYS, "_bea", exhibit, "line_item")


IDENTITY = ["hierarchy", "flow", "basis", "seasonal_adjustment", "unit", "period", "period_type", "measure", "vintage"]


def check_same_exhibit(tables: dict[str, pd.DataFrame], release: str) -> Iterable[str]:
    """One exhibit carried by two files (PDF and workbook) prints the same figures."""
    by_exhibit: dict[str, list[pd.DataFrame]] = {}
    for df in tables.values():
        if len(df) and not str(df["exhibit"].iloc[0]).startswith(("bea-", "headlines")):
            by_exhibit.setdefault(str(df["exhibit"].iloc[0]), []).append(df)
    for exhibit, frames in sorted(by_exhibit.items()):
        for i, a in enumerate(frames):
            for b in frames[i + 1 :]:
                yield from _disagreements(
                    a[a["value"].notna()], b[b["value"].notna()], IDENTITY, "_other", exhibit, "hierarchy"
                )


def compared(tables: dict[str, pd.DataFrame]) -> int:
    """How many figures the check compares (0 when a release lacks one of the files)."""
    return sum(
        len(_figures(a).merge(_figures(b), on=KEYS))
        for e, t in PAIRS
        for a in _by_exhibit(tables, e)
        for b in _by_exhibit(tables, t)
    )


CHECKS = [check_same_figures, check_same_exhibit]

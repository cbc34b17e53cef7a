"""Periods as the report writes them: the one place for their arithmetic and their words.

The tidy tables keep periods as text (``2025-03`` a month, ``2025-Q1`` a quarter,
``2025`` a year): that is what the CSVs hold and what sorts right. Arithmetic and words
go through here, never through slicing the text: the readers, the fetcher's URLs, releases'
names and the pages alike. Plain text arithmetic where it is enough (the fetcher imports no
pandas); real periods (``pandas.Period``, imported when first needed) for the rest.
"""

from __future__ import annotations

import calendar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

#: "January" ... "December", as the report prints them (the readers and the simulation match them).
MONTH_NAMES = list(calendar.month_name)[1:]


def as_period(period: str) -> pd.Period:
    """'2025-03' -> Period('2025-03', 'M'); '2025-Q1' -> quarter; '2025' -> year."""
    import pandas as pd

    text = str(period)
    if "-Q" in text:
        return pd.Period(text.replace("-", ""), freq="Q")
    if "-" in text:
        return pd.Period(text, freq="M")
    return pd.Period(text, freq="Y")


def text(period: pd.Period) -> str:
    """A period back to the tidy tables' text: '2025-03', '2025-Q1', '2025'."""
    if period.freqstr.startswith("Q"):
        return f"{period.year}-Q{period.quarter}"
    if period.freqstr.startswith("M"):
        return f"{period.year}-{period.month:02d}"
    return str(period.year)


def _split(period: str) -> tuple[int, int, int]:
    """'2025-03' -> (2025, 3, 12); '2025-Q1' -> (2025, 1, 4); '2025' -> (2025, 1, 1): year, the
    period's number within it and periods a year (plain text arithmetic: a page of the explorer
    asks this thousands of times, and pandas takes a hundred times as long)."""
    text = str(period)
    if len(text) == 4 and text.isdigit():
        return int(text), 1, 1
    if len(text) == 7 and text[4] == "-":
        if text[5] == "Q" and text[6] in "1234":
            return int(text[:4]), int(text[6]), 4
        if text[5:].isdigit() and 1 <= int(text[5:]) <= 12:
            return int(text[:4]), int(text[5:]), 12
    raise ValueError(f"period {period!r}: expected YYYY, YYYY-MM or YYYY-Qn")


def _join(year: int, number: int, per_year: int) -> str:
    if per_year == 12:
        return f"{year:04d}-{number:02d}"
    if per_year == 4:
        return f"{year:04d}-Q{number}"
    return f"{year:04d}"


def add(period: str, n: int) -> str:
    """``n`` periods later (earlier when negative), in the period's own frequency."""
    year, number, per_year = _split(period)
    k = year * per_year + number - 1 + n
    return _join(k // per_year, k % per_year + 1, per_year)


def previous(period: str) -> str:
    """The period before: '2026-01' -> '2025-12'."""
    return add(period, -1)


def year_ago(period: str) -> str:
    """The same period a year earlier: '2025-03' -> '2024-03', '2025-Q1' -> '2024-Q1', '2025' -> '2024'."""
    return add(period, -_split(period)[2])


def add_months(month: str, n: int) -> str:
    """'2025-11' + 2 -> '2026-01' (a month only)."""
    if _split(month)[2] != 12:
        raise ValueError(f"period {month!r}: expected a month, YYYY-MM")
    return add(month, n)


def months_between(a: str, b: str) -> int:
    """How many months ``b`` is after ``a`` (negative when before)."""
    (ya, ma, pa), (yb, mb, pb) = _split(a), _split(b)
    if pa != 12 or pb != 12:
        return (as_period(b) - as_period(a)).n
    return (yb - ya) * 12 + mb - ma


def year(period: str) -> int:
    return as_period(period).year


def month_number(period: str) -> int:
    return as_period(period).month


def month(period: str) -> str:
    """'2025-03' -> 'March'."""
    return calendar.month_name[as_period(period).month]


def month_year(period: str) -> str:
    """'2025-03' -> 'March 2025': a month, and a release by its statistical month."""
    try:
        year, number, per_year = _split(period)
    except ValueError:
        per_year = 0
    if per_year == 12:
        return f"{calendar.month_name[number]} {year}"
    p = as_period(period)
    return f"{calendar.month_name[p.month]} {p.year}"


def month_abbr(period: str) -> str:
    """'2025-03' -> 'Mar'."""
    return calendar.month_abbr[as_period(period).month]


def first_day(period: str) -> pd.Timestamp:
    """The month's first day, for a time axis."""
    return as_period(period).start_time


def first_days(periods: pd.Series) -> pd.Series:
    """A column of month periods as their first days (charts' time axes)."""
    import pandas as pd

    return pd.PeriodIndex(periods, freq="M").to_timestamp().to_series(index=periods.index)


def label(period: str, period_type: str) -> str:
    """How a row or column names a period: 'August 2021'; year to date 'Jan.–Aug. 2021';
    'Q2 2021'; 'Three months ending March 2025'; '2021'."""
    if period_type == "month":
        return month_year(period)
    if period_type == "year_to_date":
        p = as_period(period)
        if p.month == 1:
            return f"January {p.year} (year to date)"
        return f"Jan.–{calendar.month_abbr[p.month]}. {p.year}"
    if period_type == "quarter":
        p = as_period(period)
        return f"Q{p.quarter} {p.year}"
    if period_type == "three_month_average":
        return f"Three months ending {month_year(period)}"
    return str(period)

"""Periods as the files print them, parsed once for every format.

Row labels (periods as rows, Census workbooks and the release PDF): a year line ``2021``,
then ``January`` ... -> ``2021-01`` ``month``; ``Jan. - Dec.`` -> ``2021`` ``year``;
``Jan. - Aug.`` -> ``2021-08`` ``year_to_date``; ``Jan. -`` (January releases print no end
month: January alone) -> ``2021-01`` ``year_to_date``. ``July data as published last
month:`` is followed by an unlabelled row: July's earlier vintage, dated by the latest July
printed above it (:class:`PeriodRows`).

Headings (periods as columns): ``August 2021``, ``Year-to-Date 2021``, ``First Quarter
2020``, ``Annual 2018`` (:func:`heading`); the PDF prints some headings letter-spaced,
so spaces are optional.

BEA's workbooks: ``1960`` (year), ``1992 Jan`` (month), ``2024 4`` (quarter), each maybe
followed by ``(R)`` (:func:`bea_row`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ...periods import MONTH_NAMES
from .text import clean, revised

MONTHS = MONTH_NAMES
QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}

Error = Callable[[str, object], Exception]


def month_number(name: str) -> int | None:
    """'August', 'Aug.', 'Sept.' -> 8, 9; None for anything else."""
    n = name.strip().rstrip(".").lower()
    for i, m in enumerate(MONTHS):
        if n in (m.lower(), m[:3].lower()) or (m == "September" and n == "sept"):
            return i + 1
    return None


def year_of(v: object) -> int | None:
    """'2021' or 2021 -> 2021; None for anything else."""
    s = str(v).strip() if v is not None else ""
    return int(s) if re.fullmatch(r"(19|20)\d\d", s) else None


# ---------------------------------------------------------------- rows

YTD = re.compile(r"^Jan\.?\s*-\s*([A-Za-z]*)\.?$")
LAST_MONTH = re.compile(r"^(\w+) data as published last month")


def row_period(label: str, year: int | None) -> dict | None:
    """A period label under a year line -> {period, period_type}; None if it is not one."""
    if year is None:
        return None
    if month_number(label):
        return {"period": f"{year}-{month_number(label):02d}", "period_type": "month"}
    m = YTD.match(label)
    if m:
        end = month_number(m.group(1)) if m.group(1) else 1  # 'Jan. -': January alone
        if end is None:
            return None
        if end == 12:
            return {"period": str(year), "period_type": "year"}
        return {"period": f"{year}-{end:02d}", "period_type": "year_to_date"}
    return None


def last_month(label: str) -> int | None:
    """'July data as published last month:' -> 7."""
    m = LAST_MONTH.match(label)
    return month_number(m.group(1)) if m else None


@dataclass
class Row:
    """What a row of a period table holds."""

    period: str
    period_type: str
    vintage: str = "current"
    status: str = ""  # 'R' when the label says '(R)'
    last_month: int | None = None  # the month of an 'as published last month' row


@dataclass
class PeriodRows:
    """Rows are periods: year lines, months, 'Jan. - Dec.', 'Jan. - Aug.', and the
    'as published last month' row. Call :meth:`section` where a new block starts."""

    period_type: str = "month"  # what a month row is: 'month', or 'three_month_average' (exh2)
    year: int | None = None
    pending: int | None = None  # month named by 'July data as published last month:'
    seen: dict[int, str] = field(default_factory=dict)  # month -> latest period printed for it
    #: the first period row of the block printed without values ('September' of a release of
    #: August: a month still to come), and its error maker: no later period row may have values
    empty: tuple[str, Error] | None = None
    #: labels of the period rows without values: months still to come (the ingest counts them)
    to_come: list[str] = field(default_factory=list)

    def section(self) -> None:
        self.year, self.seen, self.empty = None, {}, None

    def read(self, label: str, has_values: bool, error: Error) -> Row | None:
        """The period of a row with values; None for a year line, a 'last month' line,
        or a label without values. A row with values but no period is refused."""
        if not has_values and year_of(label) is not None:
            self.year = year_of(label)
            return None
        if not label and has_values and self.pending in self.seen:
            month, self.pending = self.pending, None
            return Row(self.seen[month], self.period_type, "as_published_last_month", last_month=month)
        if (named := last_month(label)) is not None:
            self.pending = named
            return None
        if not has_values:
            if row_period(revised(label)[0], self.year) is not None:  # a period printed without values
                self.to_come.append(label)
                self.empty = self.empty or (label, error)
            return None
        text, was_revised = revised(label)
        found = row_period(text, self.year)
        if found is None:
            raise error("a period label (a year, 'Jan. - Dec.', 'Jan. - Aug.', a month)", label)
        if self.empty is not None:  # values below an empty period row: that one was emptied, not still to come
            above, make = self.empty
            raise make(
                f"values for {above!r} (the files leave a period empty only when it is still to come, and "
                f"{label!r} below has values: was the file edited? download it again)",
                "<an empty row>",
            )
        period, ptype = found["period"], found["period_type"]
        if ptype == "month":
            ptype = self.period_type
            self.seen[int(period[5:7])] = period
        return Row(period, ptype, "current", "R" if was_revised else "")


# ---------------------------------------------------------------- headings


@dataclass
class Heading:
    """A period heading: type and what it names (year, month or quarter may be missing:
    'August' under a year printed elsewhere, 'Year-to-Date' over '2021')."""

    period_type: str
    year: int | None = None
    month: int | None = None
    quarter: int | None = None

    def period(self) -> str | None:
        if self.year is None:
            return None
        if self.period_type == "quarter":
            return f"{self.year}-Q{self.quarter}"
        if self.month is not None:
            return f"{self.year}-{self.month:02d}"
        return str(self.year)


def heading(text: str) -> Heading | None:
    """'August 2021', 'August', 'Aug.', 'Year-to-Date 2021', 'First Quarter 2020',
    'Annual 2018' (spaces optional: 'FirstQuarter2020') -> a :class:`Heading`."""
    t = clean(text)
    low = t.lower()
    if (m := re.fullmatch(r"(\w+\.?)\s*(\d{4})?", t)) and month_number(m.group(1)):
        return Heading("month", int(m.group(2)) if m.group(2) else None, month_number(m.group(1)))
    if m := re.fullmatch(r"year-to-date\s*(\d{4})?", low):
        return Heading("year_to_date", int(m.group(1)) if m.group(1) else None)
    if m := re.fullmatch(r"(first|second|third|fourth)\s*quarter\s*(\d{4})", low):
        return Heading("quarter", int(m.group(2)), quarter=QUARTERS[m.group(1)])
    if m := re.fullmatch(r"annual\s*(\d{4})", low):
        return Heading("year", int(m.group(1)))
    return None


# ---------------------------------------------------------------- BEA rows

BEA_SECTIONS = {"Annual": "year", "Monthly": "month", "Quarterly": "quarter"}
BEA_MONTHS = {m[:3]: f"{i:02d}" for i, m in enumerate(MONTHS, start=1)}
BEA_ROW = {
    "year": re.compile(r"^(?P<year>\d{4})\s*(?P<r>\(R\))?$"),
    "month": re.compile(r"^(?P<year>\d{4}) (?P<month>[A-Z][a-z]{2})\s*(?P<r>\(R\))?$"),
    "quarter": re.compile(r"^(?P<year>\d{4}) (?P<quarter>[1-4])\s*(?P<r>\(R\))?$"),
}
BEA_EXAMPLES = {"year": "'2024'", "month": "'2025 Jan' or '2025 Jan (R)'", "quarter": "'2024 4' or '2024 4 (R)'"}


def bea_row(value: object, section: str, error: Error) -> tuple[str, str]:
    """(period, status) of a BEA row label: 1960 -> '1960'; '1992 Jan' -> '1992-01';
    '2024 4 (R)' -> ('2024-Q4', 'R')."""
    s = str(value).strip()
    m = BEA_ROW[section].match(s)
    if not m or (section == "month" and m.group("month") not in BEA_MONTHS):
        raise error(f"a {section} period like {BEA_EXAMPLES[section]}", value)
    year = m.group("year")
    if section == "year":
        period = year
    elif section == "month":
        period = f"{year}-{BEA_MONTHS[m.group('month')]}"
    else:
        period = f"{year}-Q{m.group('quarter')}"
    return period, "R" if m.group("r") else ""


def find_heading(text: str) -> Heading | None:
    """The first complete period heading found in a text ('...Year-to-Date2025...'): a
    year to date, a quarter, a year or a month, each with its year."""
    if m := re.search(r"Year-to-Date\s*(\d{4})", text):
        return Heading("year_to_date", int(m.group(1)))
    if m := re.search(r"(First|Second|Third|Fourth)\s*Quarter\s*(\d{4})", text):
        return Heading("quarter", int(m.group(2)), quarter=QUARTERS[m.group(1).lower()])
    if m := re.search(r"Annual\s*(\d{4})", text):
        return Heading("year", int(m.group(1)))
    if m := re.search("(" + "|".join(MONTHS) + r")\s*(\d{4})", text):
        return Heading("month", int(m.group(2)), month_number(m.group(1)))
    return None

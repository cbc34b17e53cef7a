"""The account of every numeric cell: kept as a tidy value, or skipped for a reason here.

Each reader returns, beside its tables, the cells it did not keep (``ReadResult.skipped``:
position in the file -> one of :data:`REASONS`); a cell of a value region that is neither
kept nor skipped is a number the reader lost, and ``tests/test_every_cell.py`` fails on it.
Positions are tidy locations (``sheet '7', row 12, column C``; ``row 3, column
'change_percent'``) or, in the release PDF, a word's place on its page (:func:`word_at`);
``ReadResult.positions`` maps a PDF value's tidy location to its word.
"""

from __future__ import annotations

import re

from ...errors import IngestError
from ...periods import add_months, month_year

PERIOD_LABEL = "a period label: the year of the rows beside or below it ('2021', '1960')"
HEADING = "a heading above the values: the year of a column ('August' over '2021')"
MERGED = (
    "hidden under a merged heading cell, which shows the heading (exh1s.xlsx G10 and I10 under "
    "'Year-to-Date', exh4as.xlsx F9: a stray 0 each)"
)
NOTE = "the text of a footnote or note under the table, not a value"
PAGE_NUMBER = "the page number in the footer ('14 of 56')"
NOT_IN_SCHEMA = (
    "a change from a year earlier (three-month averages), which the schema's measures do not "
    "hold: kept as the note's sentence"
)
REASONS = (PERIOD_LABEL, HEADING, MERGED, NOTE, PAGE_NUMBER, NOT_IN_SCHEMA)

#: what counts as a numeric cell: a number, or text that is one as a file could print it ('2021',
#: '-4,889', '1.5', '-4,889(R)', the true minus '\u22124,889', '$796', '1.5%', '+14.0%', accounting
#: parentheses '(1,234)' or '(0.5)'); a footnote mark '(1)' or a title's '(2017)' is a label
NUMERIC_TEXT = re.compile(
    r"[+\-\u2212]?\$?(?:\d[\d,]*(?:\.\d+)?|\(\$?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)\))"
    r"%?(?:\(R\))?"
)


def numeric(v: object) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    return isinstance(v, str) and NUMERIC_TEXT.fullmatch(v.strip()) is not None


def number_of(v: object) -> float:
    """The number a numeric cell holds ('-4,889(R)' -> -4889.0, '(1,234)' -> -1234.0, '1.5%' -> 1.5)."""
    if isinstance(v, (int, float)):
        return float(v)
    text = str(v).strip().removesuffix("(R)").replace("\u2212", "-").replace(",", "").replace("$", "").rstrip("%")
    sign = -1.0 if text.startswith(("-", "(", "+(", "-(")) else 1.0
    return sign * float(text.strip("+-()"))


def word_at(page: int, x0: float, top: float) -> str:
    """A PDF word's position: 'page 14, x 72.0, top 301.4'."""
    return f"page {page}, x {x0:.1f}, top {top:.1f}"


# ---------------------------------------------------------------- the month a file covers

#: exhibits of the same months a year earlier ('Exhibit 14a. ...: 2020' in the August 2021 release)
YEAR_EARLIER = ("14a", "4as")
MONTHLY = ("month", "three_month_average", "year_to_date")


def newest_month(df) -> tuple[str, str] | None:
    """(period, location) of the newest month a tidy table holds (current vintage), if any."""
    months = df[
        (df["vintage"] == "current") & df["period_type"].isin(MONTHLY) & df["period"].str.match(r"^\d{4}-\d\d$")
    ]
    if not len(months):
        return None
    newest = months["period"].max()
    rows = months[months["period"] == newest].sort_values("period_type", key=lambda t: t != "month", kind="stable")
    return newest, str(rows["location"].iloc[0])


def newest_period_end(df) -> tuple[str, str] | None:
    """(last month, location) of the newest quarter or year of a table without months."""
    ends = {"quarter": lambda p: f"{p[:4]}-{int(p[-1]) * 3:02d}", "year": lambda p: f"{p}-12"}
    rows = df[df["period_type"].isin(list(ends))]
    if not len(rows):
        return None
    last = rows.apply(lambda r: ends[r["period_type"]](r["period"]), axis=1)
    return last.max(), str(rows.loc[last.idxmax(), "location"])


def _another_month(
    file: str, release: str, where: str, expected: str, found: str, what: str = "as its newest month"
) -> IngestError:
    return IngestError(
        file,
        where,
        f"{month_year(expected)} {what} (release {release}, the folder it is filed under)",
        f"<{month_year(found)}>",
        hint=f"this is release {found}'s file: file it under {found}",
    )


def check_holds(file: str, release: str, holds: list[tuple[str, str]]) -> None:
    """Refuse a file that names another month than its release's (``holds``: the PDF's title). A
    reader may call it before reading the rest, so a wrong file is refused at once."""
    for month, where in holds:
        if month != release:
            raise _another_month(file, release, where, release, month, "as its month")


def check_month(file: str, release: str, holds: list[tuple[str, str]], tables: dict, published: str | None) -> None:
    """Refuse a file of another month than the release it is filed under, in one line saying
    which month the file holds: the month it names (:func:`check_holds`), the newest
    month of each table (a year before for :data:`YEAR_EARLIER`), no quarter or year after
    the release's month (tables without months: exh20, BEA's countries), and a publication
    date after the month's end."""
    check_holds(file, release, holds)
    for df in tables.values():
        if not len(df):
            continue
        back = 12 if str(df["exhibit"].iloc[0]) in YEAR_EARLIER else 0
        expected = add_months(release, -back)
        if (found := newest_month(df)) is not None:
            if found[0] != expected:
                raise _another_month(file, release, found[1], expected, add_months(found[0], back))
        elif (end := newest_period_end(df)) is not None and end[0] > release:
            raise IngestError(
                file,
                end[1],
                f"no quarter or year after {month_year(release)} (release {release}, the folder it is filed under)",
                f"<a period ending in {month_year(end[0])}>",
                hint="the file is a later release's",
            )
    if published and published[:7] <= release:
        raise IngestError(
            file,
            "",
            f"a publication date after {month_year(release)} (release {release}, the "
            "folder it is filed under; a release is published after its month)",
            published,
            hint="the file is an earlier release's",
        )

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

PERIOD_LABEL = "a period label: the year of the rows beside or below it ('2021', '1960')"
HEADING = "a heading above the values: the year of a column ('August' over '2021')"
MERGED = ("hidden under a merged heading cell, which shows the heading (exh1s.xlsx G10 and I10 under "
          "'Year-to-Date', exh4as.xlsx F9: a stray 0 each)")
NOTE = "the text of a footnote or note under the table, not a value"
PAGE_NUMBER = "the page number in the footer ('14 of 56')"
NOT_IN_SCHEMA = ("a change from a year earlier (three-month averages), which the schema's measures do not "
                 "hold: kept as the note's sentence")
REASONS = (PERIOD_LABEL, HEADING, MERGED, NOTE, PAGE_NUMBER, NOT_IN_SCHEMA)

#: what counts as a numeric cell: a number, or text that is one ('2021', '-4,889', '1.5', '-4,889(R)')
NUMERIC_TEXT = re.compile(r"^-?\d[\d,]*(\.\d+)?(\(R\))?$")


def numeric(v: object) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    return isinstance(v, str) and NUMERIC_TEXT.match(v.strip()) is not None


def number_of(v: object) -> float:
    """The number a numeric cell holds ('-4,889(R)' -> -4889.0)."""
    if isinstance(v, (int, float)):
        return float(v)
    return float(str(v).strip().removesuffix("(R)").replace(",", ""))


def word_at(page: int, x0: float, top: float) -> str:
    """A PDF word's position: 'page 14, x 72.0, top 301.4'."""
    return f"page {page}, x {x0:.1f}, top {top:.1f}"

"""The files' markers: what a cell or printed word says instead of (or beside) a number.

One vocabulary for every format (``schema.STATUSES``): ``(X)`` not applicable -> ``X``,
``(-)`` zero or under half a unit -> ``-``, ``n.a.`` -> ``n.a.``, ``(D)`` suppressed ->
``(D)``; ``(R)`` revised -> ``R``, on the value it marks. BEA's workbooks add ``(*)`` (geo
Table 9: "between zero and +/- $500,000") -> ``-``, and Tables 4/5's footnote ``(1)``.
Anything else that looks like a marker ('(Z)', '*') is refused, never read as a number.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .text import REVISED, blank, number

#: a marker in place of a value -> status
STATUS = {"(X)": "X", "(-)": "-", "n.a.": "n.a.", "(D)": "(D)"}
#: BEA's time-series and geo workbooks
BEA_STATUS = {
    "n.a.": "n.a.",  # "n.a. Not available"
    "(1)": "not_maintained",  # Tables 4/5 footnote 1: "revised but not being maintained in this presentation"
    "(*)": "-",  # geo Table 9: "Transactions between zero and +/- $500,000"
}
#: what looks like a marker: a short parenthesised token, asterisks, 'n.a.'-like tokens
MARKER_LIKE = re.compile(r"^\(\s*[^()]{1,4}\s*\)$|^\*+$|^[a-z]{1,3}\.([a-z]{1,3}\.)?$", re.I)
#: a value printed in the release PDF: numbers of 1,000 and more always carry commas, so a
#: bare "2025" is a year; a trailing "(R)" marks the next column (see :func:`printed`)
PRINTED = re.compile(r"^(?P<v>-?\d{1,3}(?:,\d{3})*(?:\.\d+)?|\(X\)|\(-\)|\(D\)|n\.a\.)(?P<r>\(R\))?$")

Error = Callable[[str, object], Exception]


def join_status(*codes: str | None) -> str:
    """Status codes joined by ';', each once, in order ('R', '', 'R;-' -> 'R;-')."""
    out: list[str] = []
    for c in codes:
        for s in (c or "").split(";"):
            if s and s not in out:
                out.append(s)
    return ";".join(out)


def cell(v: object, error: Error, markers: dict[str, str] = STATUS) -> tuple[float | None, str] | None:
    """A workbook cell -> (value, status); None for an empty cell or an '(R)' cell (see
    :func:`is_revision_mark`). A marker gives no value; anything else is refused."""
    if blank(v):
        return None
    if number(v):
        return float(v), ""
    s = str(v).strip()
    if s in markers:
        return None, markers[s]
    if MARKER_LIKE.match(s):
        raise error(f"a number or a known marker ({', '.join([*markers, REVISED])})", v)
    raise error("a number", v)


def is_revision_mark(v: object) -> bool:
    """An '(R)' cell of its own, left of the revised value (exh14, exh15, exh19)."""
    return isinstance(v, str) and v.strip() == REVISED


def is_printed_value(text: str) -> bool:
    return PRINTED.match(text) is not None


def printed(text: str, error: Error) -> tuple[float | None, str, bool]:
    """A printed word -> (value, status, marks the next column revised).

    A trailing "(R)" ("-4,889(R) -7,375") is the revision mark of the NEXT column: the PDF
    prints it where the workbook has its own "(R)" cell, left of the revised value."""
    m = PRINTED.match(text)
    if not m:
        raise error(f"a number or a status mark ({', '.join(STATUS)})", text)
    v = m.group("v")
    marks_next = m.group("r") is not None
    if v in STATUS:
        return None, STATUS[v], marks_next
    return float(v.replace(",", "")), "", marks_next

"""Labels as printed: whitespace, words broken over two lines, footnote and revision marks."""

from __future__ import annotations

import re
from typing import TypeGuard

from ...schema import FLOWS, SEASONAL

#: a footnote marker ' (1)' anywhere, or trailing '*'/'**' (free-trade-agreement marks in exh4s)
FOOTNOTE = re.compile(r"\s*\(\d{1,2}\)|\*+$")
REVISED = "(R)"


def clean(text: object) -> str:
    """A label as printed: whitespace collapsed, a word broken over two lines joined
    ('Net Adjust- ments' -> 'Net Adjustments'), footnote markers removed."""
    s = re.sub(r"\s+", " ", str(text)).strip()
    s = re.sub(r"(\w)- ([a-z])", r"\1\2", s)
    # exh3/exh4 headings break this one word without a space; BEA's tables and the PDF print it whole
    s = s.replace("Telecommuni-cations", "Telecommunications")
    return FOOTNOTE.sub("", s).strip()


def revised(label: str) -> tuple[str, bool]:
    """'July (R)' -> ('July', True): the row's values are revised."""
    if REVISED in label:
        return clean(label.replace(REVISED, " ")), True
    return label, False


def blank(v: object) -> bool:
    """An empty cell ('' or ' ' too: the months still to come)."""
    return v is None or (isinstance(v, str) and not v.strip())


def number(v: object) -> TypeGuard[int | float]:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def flow_section(text: object) -> str | None:
    """A heading of its own over a block of rows ('Exports', 'Balance') -> the flow."""
    t = clean(text).lower() if text is not None else ""
    return t if t in FLOWS else None


def seasonal_section(text: object) -> str | None:
    """'Seasonally Adjusted' / 'Not Seasonally Adjusted' over a block (exh3s) -> its code."""
    t = clean(text).lower().replace(" ", "_") if text is not None else ""
    return t if t in SEASONAL else None


def flow_word(text: str) -> str | None:
    """A heading that starts with a flow ('Exports', 'Imports for Consumption (Customs Value)')."""
    first = clean(text).lower().split(" ")[0]
    return first if first in FLOWS else None

"""What each column of an exhibit workbook holds, read from its headings.

The headings are printed over one to four rows; a heading spans to the right over empty
cells (merged or centred headings) until a higher row starts a new one. Each column's
heading texts, top to bottom, give its flow ('Exports', 'Imports for Consumption ...'),
period (:func:`..engine.periods.heading`), measure ('Monthly Change'), unit ('Quantity
(thousands of barrels)') and item (any other words: 'Total Census Basis', 'Passenger Cars').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..engine import periods
from ..engine.markers import join_status
from ..engine.text import REVISED, blank, clean, flow_word
from .layout import Spec
from .sheet import Sheet


def header_grid(sh: Sheet, spec: Spec, rows: tuple[int, ...]) -> dict[int, list[str]]:
    """Column -> its heading texts, top to bottom. A heading spans to the right over empty
    cells (merged or centred headings) until a higher row starts a new heading."""
    first = max(spec.labels) + 1
    grid: dict[int, list[str]] = {}
    prev: list[str] = []
    for c in range(first, sh.max_col + 1):
        texts: list[str] = []
        new_above = False
        for i, r in enumerate(rows):
            v = sh.v(r, c)
            t = "" if blank(v) else re.sub(r"\s+", " ", str(v)).strip()
            if t:
                new_above = True
            elif not new_above and prev and i < len(prev):
                t = prev[i]
            texts.append(t)
        grid[c] = texts
        prev = texts
    return grid


@dataclass
class Meaning:
    """What the values of a column (period tables) or column group (item tables) are."""

    flow: str | None = None
    item: str | None = None  # period tables: the line item; item tables: the column group
    group: str | None = None  # the heading above the item (exh6 'End-Use Commodity Category')
    period: str | None = None
    period_type: str | None = None
    measure: str = "level"
    status: str = ""
    unit: str | None = None
    basis: str | None = None  # 'cif' under a C.I.F. heading (exh3s, exh4s/4as, exh17a)
    words: tuple[str, ...] = ()

    def key(self) -> tuple:
        return (
            self.words,
            self.flow,
            self.item,
            self.group,
            self.period,
            self.period_type,
            self.measure,
            self.unit,
            self.basis,
        )


def column_unit(text: str) -> str | None:
    """'Quantity (thousands of barrels)' -> 'thousands of barrels'; 'Unit Price (dollars)' -> per barrel."""
    low = text.lower()
    if "unit price" in low and "dollars" in low:
        return "dollars per barrel"
    if "barrels per day" in low:
        return "thousands of barrels per day"
    m = re.search(r"\((thousands|millions) of (barrels|dollars)\)", low)
    return f"{m.group(1)} of {m.group(2)}" if m else None


def classify(texts: list[str], year_hint: int) -> Meaning:
    """Heading texts of one column -> flow, period, measure, unit, item."""
    m = Meaning()
    year: int | None = None
    month: int | None = None
    words: list[str] = []
    for raw in texts:
        if not raw:
            continue
        t = raw
        if REVISED in t:
            m.status = "R"
            t = t.replace(REVISED, " ")
        t = clean(t)
        low = t.lower()
        if not t:
            continue
        if "c.i.f." in low:  # 'C.I.F. basis', 'C.I.F. Value (thousands of dollars)', exh3s 'C.I.F.'
            m.basis = "cif"
        if flow_word(t):  # 'Exports', 'Imports for Consumption (Customs Value)'
            m.flow = flow_word(t)
        elif periods.year_of(t):
            year = periods.year_of(t)
        elif h := periods.heading(t):
            if h.period_type == "month":
                month, year = h.month, h.year or year
                m.period_type = m.period_type or "month"
            elif h.period_type == "year_to_date":
                m.period_type, year = "year_to_date", h.year or year
            else:
                m.period_type, m.period = h.period_type, h.period()
        elif low in ("monthly change", "change", "monthly"):
            m.measure = "change" if "change" in low else m.measure
            m.period_type = "month" if "monthly" in low else m.period_type
        elif low == "rank":  # exh4s/4as: "ranked by year-to-date totals" (the heading lines say)
            m.measure, m.period_type, m.unit = "rank", "year_to_date", "rank"
        elif low == "calculated duty":  # exh1s: the duty on the imports for consumption
            m.measure = "calculated_duty"
        elif low == "percent":
            m.unit = "percent"
        elif column_unit(t):
            m.unit = column_unit(t)
        elif raw.startswith("(") or (low.endswith("basis") and re.search(r"f\.a\.s\.|customs|c\.i\.f\.", low)):
            pass  # valuation notes: '(Customs imports)', 'Domestic & Foreign, F.A.S. basis'
        else:
            words.append(t)
    if m.period_type in ("month", "year_to_date") and m.period is None:
        y = year or year_hint
        m.period = f"{y}" if month is None else f"{y}-{month:02d}"
    if words:
        m.item = words[-1]
        m.group = words[-2] if len(words) > 1 else None
    m.words = tuple(words)
    return m


def resolve_ytd(meanings: dict[int, Meaning], release: str) -> None:
    """'Year-to-Date 2021' runs through the month of the table's month column; a change
    column ('Monthly Change', 'Year-to-Date Change') is dated by the latest column of its kind."""
    months = [m.period for m in meanings.values() if m.period_type == "month" and m.period and len(m.period) == 7]
    end = int(months[0][5:7]) if months else int(release[5:7])
    ytd_years = [m.period for m in meanings.values() if m.period_type == "year_to_date" and m.period]
    for m in meanings.values():
        if m.measure == "change" and m.period_type == "month" and m.period and len(m.period) == 4:
            m.period = max(months) if months else None
        if m.measure == "change" and m.period_type == "year_to_date" and ytd_years:
            m.period = max(ytd_years)
    for m in meanings.values():
        if m.period_type == "year_to_date" and m.period and len(m.period) == 4:
            m.period = f"{m.period}-{end:02d}"
            if end == 12:
                m.period, m.period_type = m.period[:4], "year"


def column_groups(
    sh: Sheet, spec: Spec, rows: tuple[int, ...], year_hint: int, release: str
) -> list[tuple[list[int], Meaning]]:
    """Adjacent columns with the same heading form one group: one value plus an '(R)' cell."""
    grid = header_grid(sh, spec, rows)
    meanings = {c: classify(texts, year_hint) for c, texts in grid.items() if any(texts)}
    resolve_ytd(meanings, release)
    groups: list[tuple[list[int], Meaning]] = []
    for c in sorted(meanings):
        m = meanings[c]
        if groups and groups[-1][0][-1] == c - 1 and groups[-1][1].key() == m.key():
            groups[-1][0].append(c)
            groups[-1][1].status = join_status(groups[-1][1].status, m.status)
        else:
            groups.append(([c], m))
    return groups

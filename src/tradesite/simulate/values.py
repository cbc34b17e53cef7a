"""The figure of one simulated cell: from the truth, the release, and the base file's cell.

:class:`Pricer` prices a cell of simulated release ``k`` given the series it prints, its
period, measure and vintage, and its *twin*: the base file's cell of the same series and role
(the same cell of an item table, the same period of a BEA table), which gives the figures of
units that do not add up and the markers a cell prints instead of a number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import calendar as cal
from .truth import Truth, additive, period_factor, rounded, seasonal

#: a marker the simulation keeps where the base cell printed it (a status without a value);
#: '(-)' (under half a unit) is printed where a figure rounds to zero, or for a zero series
KEPT_MARKERS = ("X", "n.a.", "(D)", "not_maintained")


@dataclass
class Twin:
    """The base cell a simulated cell stands for: its value and status (None: there is none)."""

    value: float | None = None
    status: str = ""


def marker_of(status: str) -> str | None:
    for s in status.split(";"):
        if s in KEPT_MARKERS:
            return s
    return None


def previous(period: str, period_type: str) -> str:
    """The period a change is measured from: the month before, a year to date or year a year
    earlier, the quarter before."""
    if period_type in ("month", "three_month_average"):
        return cal.add(period, -1)
    if period_type == "year_to_date":
        return f"{int(period[:4]) - 1}{period[4:]}"
    if period_type == "year":
        return str(int(period) - 1)
    return cal.add_quarters(period, -1)


@dataclass
class Pricer:
    truth: Truth
    k: int
    start: str = cal.START

    def level(self, key: tuple, period: str, period_type: str, vintage: str = "current") -> float:
        """Unrounded level of a series in this release (``as_published_last_month``: the release before)."""
        k = self.k if vintage == "current" else self.k - 1
        return self.truth.ref(key) * period_factor(period, period_type, seasonal(key), k, self.start)

    def price(
        self,
        key: tuple,
        period: str,
        period_type: str,
        measure: str,
        unit: str,
        vintage: str,
        decimals: int,
        twin: Twin,
    ) -> tuple[float | None, str]:
        """(value, marker status) of one cell; value None where a marker is printed."""
        marker = marker_of(twin.status)
        if marker and twin.value is None:
            return None, marker
        if not additive(unit, measure):  # the base cell's figure or marker, as printed
            return twin.value, (
                "" if twin.value is not None else (marker or ("-" if "-" in twin.status.split(";") else ""))
            )
        root = self.truth.unions.find(key)
        if root in self.truth.zero:
            return (None, "-") if key[0] == "census" else (0.0, "")
        x = self.level(key, period, period_type, vintage)
        if measure == "change":
            x -= self.level(key, previous(period, period_type), period_type, vintage)
        value = rounded(x, decimals)
        if key[0] == "census" and value == 0 and not math.isclose(x, 0.0) and decimals == 0:
            return None, "-"  # under half a unit: Census prints '(-)'
        return value, ""

"""A line of the report, whichever exhibit or file printed it: the words that name a series.

Each exhibit prints its lines under its own total row ('Total Census Basis', 'TOTAL',
'Total Services', 'GRAND TOTAL'); :func:`line_of` turns a tidy row's exhibit and hierarchy into
what the line is about (a *topic*: goods, services, advanced technology products...), the path
of labels under it ('Capital Goods › Computers') and the trading partner where the row is a
country or area. Two exhibits that print the same line (exhibit 1 and BEA's Table 1, exhibits 6
and 7, exhibits 14 and 4 of the supplement) give the same words, so their values become one
series (:mod:`.series` checks that they agree).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GOODS_AND_SERVICES = "Goods and services"
GOODS = "Goods"
SERVICES = "Services"

#: The total rows the exhibits print (case and punctuation as printed), read as the topic itself.
TOTALS = {
    "total",
    "total census basis",
    "total, census basis",
    "total balance of payments basis",
    "total balance of payment basis",
    "total, balance of payments basis",
    "total services",
    "grand total",
    "u.s. total",
    "advanced technology products",
    "total energy-related petroleum products",
}
#: Rows that name the balance of payments total beside the Census basis one (exhibits 5, 12, 14...).
BOP_TOTALS = {"total balance of payments basis", "total balance of payment basis", "total, balance of payments basis"}

#: Exhibits whose rows below the total are trading partners (countries and areas).
PARTNER_EXHIBITS = {"14", "14a", "4s", "4as", "19", "20", "20a", "20b", "17a"} | {f"bea-geo-{n}" for n in range(1, 10)}

#: What each exhibit is about, when the whole exhibit is about one topic.
TOPICS = {
    **dict.fromkeys(
        ("5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "14a", "15", "19", "20a", "4s", "4as"), GOODS
    ),
    **dict.fromkeys(("3", "4", "20b", "bea-ts-2", "bea-ts-3"), SERVICES),
    "20": GOODS_AND_SERVICES,
    "bea-ts-4": "Services (previous presentation)",
    "bea-ts-5": "Services (previous presentation)",
    "16": "Advanced technology products",
    "16a": "Advanced technology products",
    "17": "Energy-related petroleum products",
    "17a": "Crude oil",
    "18": "Motor vehicles and parts",
    "1s": "Goods (NAICS)",
    "2s": "Goods (state of origin)",
    "2as": "Goods (state of destination)",
    "3s": "Goods, Census basis (supplement)",
    **{f"bea-geo-{n}": GOODS_AND_SERVICES for n in (1, 2, 3)},
    **{f"bea-geo-{n}": GOODS for n in (4, 5, 6)},
    **{f"bea-geo-{n}": SERVICES for n in (7, 8, 9)},
}
#: Exhibit 1's lines (and BEA's Table 1, which carries the same monthly totals).
PART_TOPICS = {"Total": GOODS_AND_SERVICES, "Total › Goods": GOODS, "Total › Services": SERVICES}
#: A line two exhibits print under one name but compute differently (exhibit 10's residual is
#: chained-dollar goods less the end-use categories, exhibit 11's less petroleum and non-petroleum).
RENAMED = {("11", "Residual"): "Residual (petroleum and non-petroleum)"}


@dataclass(frozen=True)
class Line:
    topic: str  # 'Goods', 'Services', 'Advanced technology products'
    path: tuple[str, ...] = ()  # labels under the topic, as printed: ('Capital Goods', 'Computers')
    partner: str = ""  # 'China'; '' for the world

    @property
    def words(self) -> tuple[str, ...]:
        return (self.topic, *self.path)


def _norm(label: str) -> str:
    return re.sub(r"\s+", " ", label.strip().lower())


def _partner(parts: list[str]) -> str:
    """The partner a country row names: its own label, or 'Europe, other' for an 'Other' row."""
    leaf = parts[-1]
    if _norm(leaf) == "other" and len(parts) > 1:
        return f"{parts[-2]}, other"
    return leaf


def line_of(exhibit: str, hierarchy: str) -> Line | None:
    """The line a tidy row of ``exhibit`` at ``hierarchy`` is on; None for an exhibit no series reads.
    The release page's transcribed headlines print exhibit 1's lines (in billions, to one decimal:
    their series keeps them at that precision, :mod:`.series`)."""
    parts = [p.strip() for p in hierarchy.split("›")]
    if exhibit in ("1", "2", "bea-ts-1", "headlines"):
        return Line(PART_TOPICS[hierarchy]) if hierarchy in PART_TOPICS else None
    topic = TOPICS.get(exhibit)
    if topic is None:
        return None
    if (
        exhibit == "16a"
    ):  # 'Technology Group › Total › Aerospace', 'Selected Countries and Areas › Total › Europe › France'
        group, rest = parts[0], parts[2:]
        if group.lower().startswith("selected countries") and rest:
            return Line(topic, partner=_partner(rest))
        return Line(topic, tuple(rest))
    if exhibit == "18":  # 'Passenger Cars › TOTAL › Canada': the kind of vehicle, then the country
        kind = [] if _norm(parts[0]) == "total" else [parts[0]]
        countries = parts[len(kind) + 1 :]
        return Line(topic, tuple(kind), _partner(countries) if countries else "")
    if exhibit in ("2s", "2as"):  # 'Manufactured Commodities › U.S. Total › Alabama'
        kind = [] if _norm(parts[0]) in TOTALS else [parts[0]]
        return Line(topic, tuple(parts[len(kind) + 1 :] + kind))
    if exhibit == "17" and _norm(parts[0]) in TOTALS:
        return Line(topic, tuple(parts[1:]))
    if _norm(parts[0]) in BOP_TOTALS or _norm(parts[0]) == "net adjustments":
        # exhibit 9 prints 'Total › Net Adjustments'; others 'Net Adjustments' at the top
        return Line(topic, ("Net adjustments",) if _norm(parts[0]) == "net adjustments" else ())
    if len(parts) > 1 and _norm(parts[1]) == "net adjustments":
        return Line(topic, ("Net adjustments",))
    rest = parts[1:] if _norm(parts[0]) in TOTALS else parts
    if exhibit in PARTNER_EXHIBITS:
        return Line(topic, partner=_partner(rest)) if rest else Line(topic)
    rest = [RENAMED.get((exhibit, p), p) for p in rest]
    return Line(topic, tuple(rest))

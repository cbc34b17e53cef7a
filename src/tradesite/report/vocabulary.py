"""The report's vocabulary: flows, lines, bases, adjustments and exhibits, in its own words.

The tidy tables use the schema's codes (``balance_of_payments``, ``bea-ts-2``); pages name
them as the release does ("balance of payments basis", "BEA time series Table 2").
"""

from __future__ import annotations

import re

#: Flows in the exhibits' column order, and how a page names them.
FLOWS = ("balance", "exports", "imports")
FLOW_NAMES = {"exports": "Exports", "imports": "Imports", "balance": "Balance"}
#: Charts list exports, imports, balance in this order and colour them so (site.theme).
CHART_FLOWS = ("exports", "imports", "balance")

#: Exhibit 1's lines: goods and services together, goods, services.
PARTS = ("Total", "Goods", "Services")
PART_HIERARCHY = {"Total": "Total", "Goods": "Total › Goods", "Services": "Total › Services"}

BASIS_WORDS = {
    "balance_of_payments": "balance of payments basis",
    "census": "Census basis",
    "chained_dollars": "chained dollars",
    "cif": "C.I.F. value (cost, insurance and freight)",
    "not_applicable": "",
}
ADJUSTMENT_WORDS = {"seasonally_adjusted": "seasonally adjusted", "not_seasonally_adjusted": "not seasonally adjusted"}

#: BEA's countries workbook (trad-geo-time-series-MMYY.xlsx): which of its Tables 1-9 hold goods
#: and services together, goods, and services (exports, imports, balance each).
BEA_COUNTRY_TABLES = {
    "goods and services": ("bea-geo-1", "bea-geo-2", "bea-geo-3"),
    "goods": ("bea-geo-4", "bea-geo-5", "bea-geo-6"),
    "services": ("bea-geo-7", "bea-geo-8", "bea-geo-9"),
}

_BEA = re.compile(r"^bea-(ts|geo)-(\d+)$")
_BEA_NAMES = {"ts": "BEA time series", "geo": "BEA countries"}


def exhibit_name(exhibit: str, lower: bool = False) -> str:
    """'7' -> 'Exhibit 7' ('exhibit 7' inside a sentence); 'bea-ts-2' -> 'BEA time series Table 2';
    'headlines' -> 'the release page's headlines'."""
    m = _BEA.match(exhibit)
    if m:
        return f"{_BEA_NAMES[m.group(1)]} Table {m.group(2)}"
    if exhibit == "headlines":
        return "the release page's headlines"
    return f"{'exhibit' if lower else 'Exhibit'} {exhibit}"


def exhibit_order(exhibit: str) -> tuple:
    """'2' < '10' < '14a' < 'bea-ts-1' < 'headlines': the report's order."""
    m = re.match(r"^(\d+)([a-z]*)$", exhibit)
    if m:
        return (0, int(m.group(1)), m.group(2), 0)
    b = _BEA.match(exhibit)
    if b:
        return (1, 0 if b.group(1) == "ts" else 1, "", int(b.group(2)))
    return (2, 0, exhibit, 0)


def exhibits_in_words(exhibits) -> str:
    """['1', '2', 'bea-ts-1'] -> 'exhibits 1, 2 and BEA time series Table 1'."""
    groups: dict[str, list[str]] = {"exhibit": [], "BEA time series Table": [], "BEA countries Table": []}
    other: list[str] = []
    for e in sorted(dict.fromkeys(exhibits), key=exhibit_order):
        m = _BEA.match(e)
        if m:
            groups[f"{_BEA_NAMES[m.group(1)]} Table"].append(m.group(2))
        elif e == "headlines":
            other.append("the release page's headline figures")
        else:
            groups["exhibit"].append(e)
    named = [(name, ids) for name, ids in groups.items() if ids]
    alone = len(named) == 1 and not other  # 'exhibits 1 and 12'; with other groups 'exhibits 1, 2 and ...'
    words = [
        f"{name}{'s' if len(ids) > 1 else ''} {_join(ids) if alone else ', '.join(ids)}" for name, ids in named
    ] + other
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def _join(items: list[str]) -> str:
    return " and ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else items[0]


def flow_of_part(flow: str, part: str) -> str:
    """'exports', 'Goods' -> 'exports of goods'; 'balance', 'Total' -> 'goods and services balance'."""
    what = "goods and services" if part == "Total" else part.lower()
    return f"{what} balance" if flow == "balance" else f"{flow} of {what}"

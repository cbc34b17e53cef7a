"""Where each exhibit's parts are: one :class:`Spec` per workbook layout.

``anchors`` are the header cells the reader relies on; a shifted row or column, or another
exhibit saved under the file's name, fails there with one line naming the cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..engine.periods import MONTHS, QUARTERS, month_number, year_of
from ..engine.text import clean
from .sheet import Sheet


@dataclass(frozen=True)
class Spec:
    """Where an exhibit's parts are. ``anchors`` are the header cells the reader relies on."""

    kind: str  # "period": rows are periods; "item": rows are line items
    header: tuple[int, ...]  # header rows, top to bottom
    data: int  # first data row
    anchors: dict[str, str]
    labels: tuple[int, ...] = (1,)  # label columns (exh17a prints countries one column right)
    basis: str = "census"  # basis where no heading names one (see module docstring)
    subtables: tuple[int, ...] = ()  # rows that start a second block with the same headings (exh16a)


PERIOD_1 = {"A5": "Period", "B5": "Balance", "E5": "Exports", "H5": "Imports", "B6": "Total", "C6": "Goods"}
GOODS_BASES = {
    "A5": "Period",
    "B5": "Balance",
    "D5": "Exports",
    "G5": "Imports",
    "B6": "Total Balance of Payments Basis",
    "E6": "Net Adjustments",
    "F6": "Total Census Basis",
}
END_USE = {
    "A5": "Period",
    "B5": "Total Balance of Payments Basis",
    "C5": "Net Adjustments",
    "D5": "Total Census Basis",
    "E5": "End-Use Commodity Category",
    "E6": "Foods, Feeds, & Beverages",
    "J6": "Other Goods",
    "B7": "Exports",
}
SERVICES = {
    "A5": "Period",
    "B5": "Total Services",
    "C5": "Maintenance and Repair Services n.i.e.",
    "D5": "Transport",
    "E5": "Travel",
}
COMMODITIES = {
    "A6": "Item",
    "B6": "August",
    "C6": "July",
    "D6": "Monthly",
    "E6": "Year-to-Date",
    "D7": "Change",
    "G7": "Change",
    "A8": "Total, Balance of Payments Basis",
}
COUNTRIES_14 = {
    "A6": "Item",
    "B6": "Balance",
    "F6": "Exports",
    "J6": "Imports",
    "A8": "Total Balance of Payments Basis",
    "A10": "Total Census Basis",
}
COUNTRIES_4S = {
    "A6": "Country",
    "B6": "Balance",
    "E6": "Exports",
    "H6": "Imports",
    "E7": "Domestic & Foreign, F.A.S. basis",
    "H7": "Customs basis",
    "K7": "C.I.F. basis",
    "B8": "August",
    "C8": "Year-to-Date",
    "D8": "Rank",
    "A10": "TOTAL",
}
STATES = {
    "A9": "Item",
    "B9": "NAICS-Based Product Code Groupings",
    "B10": "Manufactured Commodities",
    "E10": "Non-Manufactured Commodities",
    "B11": "August",
    "C11": "Year-to-Date",
    "D12": "Percent",
    "A14": "U.S. Total",
}
QUARTERLY = {"A5": "Country and Area", "B5": "First Quarter 2020", "H5": "Annual 2018", "A6": "Balance"}

SPECS: dict[str, Spec] = {
    "1": Spec("period", (5, 6), 7, PERIOD_1, basis="balance_of_payments"),
    "1s": Spec(
        "item",
        (7, 8, 9),
        12,
        {
            "A8": "NAICS-Based Product",
            "A9": "Code Description",
            "B7": "Balance",
            "D7": "Exports",
            "F7": "Imports for Consumption (Customs Value)",
            "F8": "Totals",
            "H8": "Calculated Duty",
            "B9": "August",
            "C9": "Year-to-Date",
            "A12": "GRAND TOTAL",
        },
    ),
    "2": Spec(
        "period",
        (6, 7),
        8,
        {
            "A6": "Month of Moving Average",
            "B6": "Balance",
            "E6": "Exports",
            "H6": "Imports",
            "B7": "Total",
            "C7": "Goods",
        },
        basis="balance_of_payments",
    ),
    "2s": Spec("item", (9, 10, 11, 12), 14, {**STATES, "H9": "Re-exports", "J9": "Total"}),
    "2as": Spec("item", (9, 10, 11, 12), 14, {**STATES, "H9": "Total"}),
    "3": Spec("period", (5,), 6, SERVICES, basis="balance_of_payments"),
    "3s": Spec(
        "period",
        (6, 7),
        8,
        {
            "A6": "Period",
            "B6": "Balance",
            "D6": "Exports",
            "E6": "Imports",
            "B7": "Customs",
            "C7": "C.I.F.",
            "D7": "F.A.S. Value",
            "B8": "Seasonally Adjusted",
        },
    ),
    "4": Spec("period", (5,), 6, SERVICES, basis="balance_of_payments"),
    "4s": Spec("item", (6, 7, 8), 10, COUNTRIES_4S),
    "4as": Spec("item", (6, 7, 8), 10, COUNTRIES_4S),
    "5": Spec("period", (5, 6), 7, GOODS_BASES),
    "6": Spec("period", (5, 6), 7, END_USE),
    "7": Spec("item", (6, 7), 8, COMMODITIES),
    "8": Spec("item", (6, 7), 8, COMMODITIES),
    "9": Spec(
        "period",
        (5, 6),
        7,
        {
            "A5": "Period",
            "B5": "Balance",
            "F5": "Exports",
            "J5": "Imports",
            "B6": "Total",
            "C6": "Net Adjust- ments",
            "D6": "Petroleum",
            "E6": "Non-petroleum",
        },
    ),
    "10": Spec(
        "period",
        (7, 8),
        9,
        {
            "A7": "Period",
            "B7": "Total Census Basis",
            "C7": "End-Use Commodity Category",
            "C8": "Foods, Feeds, & Beverages",
            "I8": "Residual",
            "B9": "Exports",
        },
        basis="chained_dollars",
    ),
    "11": Spec(
        "period",
        (7, 8),
        9,
        {
            "A7": "Period",
            "B7": "Balance",
            "F7": "Exports",
            "J7": "Imports",
            "B8": "Total Census Basis",
            "C8": "Petroleum",
            "E8": "Residual",
        },
        basis="chained_dollars",
    ),
    "12": Spec("period", (5, 6), 7, GOODS_BASES),
    "13": Spec("period", (5, 6), 7, END_USE),
    "14": Spec("item", (6, 7), 8, COUNTRIES_14),
    "14a": Spec("item", (6, 7), 8, COUNTRIES_14),
    "15": Spec(
        "item",
        (6, 7, 8),
        9,
        {
            "A6": "Item",
            "B7": "August",
            "D7": "July",
            "H7": "Year-to-Date",
            "B8": "Exports",
            "C8": "Imports",
            "A9": "Total Balance of Payment Basis",
        },
    ),
    "16": Spec("period", (5,), 6, {"A5": "Period", "B5": "Balance", "C5": "Exports", "D5": "Imports"}),
    "16a": Spec(
        "item",
        (5, 6, 7),
        8,
        {
            "A5": "Technology Group",
            "B6": "August",
            "E6": "July",
            "H6": "Year-to-Date",
            "B7": "Balance",
            "C7": "Exports",
            "D7": "Imports",
            "A8": "Total",
            "A20": "Selected Countries and Areas",
            "B22": "Balance",
            "A23": "Total",
        },
        subtables=(20,),
    ),
    "17": Spec(
        "period",
        (6, 7),
        8,
        {
            "A6": "Period",
            "B6": "Total energy-related petroleum products",
            "D6": "Crude Oil",
            "B7": "Quantity (thousands of barrels)",
            "C7": "Value (thousands of dollars)",
            "G7": "Unit Price (dollars)",
            "B8": "Exports",
        },
        basis="not_applicable",
    ),
    "17a": Spec(
        "item",
        (5, 9, 10),
        11,
        {
            "A5": "Country",
            "C5": "Quantity (thousands of barrels)",
            "F5": "Customs Value (thousands of dollars)",
            "I5": "C.I.F. Value (thousands of dollars)",
            "C9": "August",
            "A11": "Total",
        },
        labels=(1, 2),
    ),
    "18": Spec(
        "item",
        (5, 6),
        7,
        {
            "A5": "Country",
            "B5": "Total",
            "E5": "Passenger Cars",
            "H5": "Trucks, Buses, Special Purpose Vehicles",
            "K5": "Parts",
            "B7": "Exports",
        },
    ),
    "19": Spec(
        "item", (5,), 6, {"A5": "Country and Area", "B5": "August 2021", "E5": "Second Quarter 2020", "A6": "Balance"}
    ),
    "20": Spec("item", (5,), 6, QUARTERLY, basis="balance_of_payments"),
    "20a": Spec("item", (5,), 6, QUARTERLY, basis="balance_of_payments"),
    "20b": Spec("item", (5,), 6, QUARTERLY, basis="balance_of_payments"),
}


def anchor_pattern(want: str) -> re.Pattern:
    """An anchor naming a month, quarter or year holds for any month, quarter or year:
    'August 2021' also matches 'March 2025' (the layout is the same every month)."""
    months = "|".join(MONTHS)
    pattern = ""
    for token in re.split(r"(\s+)", clean(want)):
        if month_number(token):
            pattern += f"({months})"
        elif token.lower() in QUARTERS:
            pattern += "(" + "|".join(QUARTERS) + ")"
        elif year_of(token):
            pattern += r"\d{4}"
        else:
            pattern += r"\s+" if token.isspace() else re.escape(token)
    return re.compile(pattern, re.I)


def a1(ref: str) -> tuple[int, int]:
    """'B12' -> (12, 2)."""
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    if m is None:
        raise ValueError(f"an anchor cell is written like 'B12', not {ref!r}")
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def check_anchors(sh: Sheet, spec: Spec) -> None:
    """Each header cell the reader relies on holds the expected heading (any month or year)."""
    for ref, want in spec.anchors.items():
        row, col = a1(ref)
        got = sh.v(row, col)
        if not anchor_pattern(want).fullmatch(clean(got if got is not None else "")):
            raise sh.error(row, col, f"header {want!r} (exhibit {sh.exhibit} layout)", got)

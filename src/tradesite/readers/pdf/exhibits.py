"""Which exhibit is on which page, and what each exhibit's printed columns hold.

The column headings are printed over two to four lines with words broken across them, so
what each column holds is stated here per exhibit (:func:`exhibit_tables`), in the
headings' own words as the workbooks spell them (one column label, 'Telecommunications,
Computer, and Information Services', is printed broken as 'Telecommuni- cations'; it is
given whole, as BEA's time series spells it). The quarterly exhibits 19-20b read their
periods from the headings themselves (:func:`.tables.heading_periods`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...schema import HIERARCHY_SEP
from .layout import Document

BOP = "balance_of_payments"
CENSUS = "census"
CHAINED = "chained_dollars"
CIF = "cif"
NA = "not_applicable"

TITLE_RE = re.compile(r"^Exhibit (?P<id>\d+[a-z]?)\. (?P<title>.+)$")


@dataclass
class Exhibit:
    id: str  # "7", "14a"; the supplement's "1s", "4as" (as the workbooks exh1s.xlsx, exh4as.xlsx)
    title: str
    pages: list[int]
    part: str  # "Part A: Seasonally Adjusted (by Commodity/Service)", "FT-900 Supplement"

    @property
    def table_id(self) -> str:
        return f"pdf-exh{self.id}"


def find_exhibits(doc: Document) -> dict[str, Exhibit]:
    """The exhibits and their pages, from each page's heading ("Part A: ...", "Exhibit 7. ...")."""
    found: dict[str, Exhibit] = {}
    for page_no in range(1, doc.pages.count + 1):
        lines = doc.lines(page_no)
        if len(lines) < 3:
            continue
        part = lines[0].text
        if not (part.startswith("Part ") or part == "FT-900 Supplement"):
            continue
        m = TITLE_RE.match(lines[1].text)
        if not m:
            continue
        ex_id = m.group("id") if part.startswith("Part ") else f"{m.group('id')}s"  # supplement: 4a -> 4as
        title = lines[1].text
        for more in lines[2:4]:  # a title may run on: "Three-Month Moving Averages", "Chained (2017) Dollars"
            if more.text.startswith(("In millions", "Details", "(X)", "In thousands")):
                break
            title += " " + more.text
        if ex_id in found:
            found[ex_id].pages.append(page_no)
        else:
            found[ex_id] = Exhibit(ex_id, title, [page_no], part)
    return found


#: what one printed column holds: the fields of its tidy rows that the row label does not give
#: (flow, line_item, period, unit ...), plus ``group`` (heads the hierarchy), ``status`` (a
#: heading's "(R)")
Col = dict


def col(**fields) -> Col:
    return dict(fields)


@dataclass
class Table:
    """How to read one exhibit: ``kind`` 'period' (rows are periods) or 'item' (rows are
    items), its columns in printed order, and options (see :func:`.tables.item_table`)."""

    kind: str
    cols: list[Col]
    options: dict = field(default_factory=dict)


def item(line_item: str, parent: str | None = None, **fields) -> Col:
    hierarchy = f"{parent}{HIERARCHY_SEP}{line_item}" if parent else line_item
    return col(line_item=line_item, hierarchy=hierarchy, level=hierarchy.count(HIERARCHY_SEP), **fields)


def per_flow(items: list[Col], flows=("balance", "exports", "imports")) -> list[Col]:
    return [col(**{**c, "flow": f}) for f in flows for c in items]


GOODS_SERVICES = [item("Total", basis=BOP), item("Goods", "Total", basis=BOP), item("Services", "Total", basis=BOP)]
SERVICES = [
    "Maintenance and Repair Services n.i.e.",
    "Transport",
    "Travel",
    "Construction",
    "Insurance Services",
    "Financial Services",
    "Charges for the Use of Intellectual Property n.i.e.",
    "Telecommunications, Computer, and Information Services",
    "Other Business Services",
    "Personal, Cultural, and Recreational Services",
    "Government Goods and Services n.i.e.",
]
BOP_TOTAL, CENSUS_TOTAL, NET = "Total Balance of Payments Basis", "Total Census Basis", "Net Adjustments"
END_USE = [
    "Foods, Feeds, & Beverages",
    "Industrial Supplies",
    "Capital Goods",
    "Automotive Vehicles, etc.",
    "Consumer Goods",
    "Other Goods",
]
#: exhibit 10 prints the automotive heading without the comma
REAL_END_USE = [c.replace("Vehicles, etc.", "Vehicles etc.") for c in END_USE]


def _goods_totals(net: bool = True) -> list[Col]:
    cols = [item(BOP_TOTAL, basis=BOP)]
    if net:
        cols.append(item(NET, basis=BOP))
    return cols + [item(CENSUS_TOTAL, basis=CENSUS)]


def _end_use(real: bool = False) -> list[Col]:
    if real:
        chained = {"basis": CHAINED, "unit": "millions of chained 2017 dollars"}
        return [item(CENSUS_TOTAL, **chained)] + [item(c, CENSUS_TOTAL, **chained) for c in REAL_END_USE + ["Residual"]]
    return _goods_totals() + [item(c, CENSUS_TOTAL, basis=CENSUS) for c in END_USE]


def _petroleum(real: bool = False) -> list[Col]:
    if real:
        chained = {"basis": CHAINED, "unit": "millions of chained 2017 dollars"}
        return [item(CENSUS_TOTAL, **chained)] + [
            item(c, CENSUS_TOTAL, **chained) for c in ("Petroleum", "Non-petroleum", "Residual")
        ]
    return [
        item("Total", basis=BOP),
        item(NET, "Total", basis=BOP),
        item("Petroleum", "Total", basis=CENSUS),
        item("Non-petroleum", "Total", basis=CENSUS),
    ]


def _energy() -> list[Col]:
    total, crude = "Total energy-related petroleum products", "Crude Oil"
    q = {"basis": NA, "unit": "thousands of barrels"}
    v = {"basis": CENSUS, "unit": "thousands of dollars"}
    return [
        item(total, **q),
        item(total, **v),
        item(crude, total, **q),
        item(crude, total, basis=NA, unit="thousands of barrels per day"),
        item(crude, total, **v),
        item(crude, total, basis=NA, unit="dollars per barrel"),
    ]


def period_cols(release: str, spec: str) -> list[Col]:
    """Columns of the item tables, in printed order: 'month', 'prev', 'change', 'ytd', 'ytd-1', 'ytd-change'."""
    year, month = int(release[:4]), int(release[5:])
    prev = f"{year}-{month - 1:02d}" if month > 1 else f"{year - 1}-12"
    this = f"{year}-{month:02d}"
    last_year = f"{year - 1}-{month:02d}"
    table = {
        "month": dict(period=this, period_type="month"),
        "prev": dict(period=prev, period_type="month"),
        "prev(R)": dict(period=prev, period_type="month", status="R"),
        "change": dict(period=this, period_type="month", measure="change"),
        "ytd": dict(period=this, period_type="year_to_date"),
        "ytd-1": dict(period=last_year, period_type="year_to_date"),
        "ytd-change": dict(period=this, period_type="year_to_date", measure="change"),
        # exhibit 14a: the same months a year earlier
        "month-1": dict(period=last_year, period_type="month"),
        "prev-1": dict(period=f"{int(prev[:4]) - 1}{prev[4:]}", period_type="month"),
    }
    return [col(**table[s]) for s in spec.split()]


def _cross(cols: list[Col], **fields) -> list[Col]:
    return [col(**{**c, **fields}) for c in cols]


def _months(spec: str, release: str, flows=("balance", "exports", "imports"), **fields) -> list[Col]:
    return [col(**{**c, "flow": f, **fields}) for f in flows for c in period_cols(release, spec)]


def _states(release: str, with_share: list[str], without: list[str], flow: str) -> list[Col]:
    """Supplement exhibits 2/2a: per product group, the month, the year to date and (for the
    manufactured and non-manufactured groups) the year to date's percent of the U.S. total."""
    month, ytd = period_cols(release, "month ytd")
    out = []
    for group in with_share + without:
        out += [col(**month, group=group, flow=flow), col(**ytd, group=group, flow=flow)]
        if group in with_share:
            out.append(col(**ytd, group=group, flow=flow, unit="percent"))
    return out


def _countries(release: str, spec: str) -> list[Col]:
    """Supplement exhibits 4/4a: balance, exports, imports (customs), imports (C.I.F.), each
    month, year to date and rank ("ranked by year-to-date totals")."""
    out = []
    for flow, basis in (("balance", CENSUS), ("exports", CENSUS), ("imports", CENSUS), ("imports", CIF)):
        month, ytd = period_cols(release, spec)
        out += [col(**{**c, "flow": flow, "basis": basis}) for c in (month, ytd)]
        out.append(col(**{**ytd, "flow": flow, "basis": basis, "measure": "rank", "unit": "rank"}))
    return out


def exhibit_tables(release: str) -> dict[str, Table]:
    """exhibit id -> how to read it, in the report's order (Part A, B, C, the supplement)."""
    ex_im = ("exports", "imports")
    vehicles = ["Total", "Passenger Cars", "Trucks, Buses, Special Purpose Vehicles", "Parts"]
    crude = [
        {"group": None, "basis": NA, "unit": "thousands of barrels"},
        {"group": None, "unit": "thousands of dollars"},
        {"group": None, "basis": CIF, "unit": "thousands of dollars"},
    ]
    countries = {"sections": True, "headings": True}
    return {
        "1": Table("period", per_flow(GOODS_SERVICES)),
        "2": Table("period", per_flow(GOODS_SERVICES), {"period_type": "three_month_average"}),
        "3": Table(
            "period",
            [item("Total Services", basis=BOP, flow="exports")]
            + [item(s, "Total Services", basis=BOP, flow="exports") for s in SERVICES],
        ),
        "4": Table(
            "period",
            [item("Total Services", basis=BOP, flow="imports")]
            + [item(s, "Total Services", basis=BOP, flow="imports") for s in SERVICES],
        ),
        "5": Table("period", _cross(_goods_totals(net=False), flow="balance") + per_flow(_goods_totals(), ex_im)),
        "6": Table("period", _end_use()),
        "7": Table("item", _months("month prev(R) change ytd ytd-1 ytd-change", release, ("exports",))),
        "8": Table("item", _months("month prev(R) change ytd ytd-1 ytd-change", release, ("imports",))),
        "9": Table("period", per_flow(_petroleum())),
        "10": Table("period", _end_use(real=True)),
        "11": Table("period", per_flow(_petroleum(real=True))),
        "12": Table("period", _cross(_goods_totals(net=False), flow="balance") + per_flow(_goods_totals(), ex_im)),
        "13": Table("period", _end_use()),
        "14": Table("item", _months("month prev ytd", release)),
        "14a": Table("item", _months("month-1 prev-1 ytd-1", release)),  # TEMP
        "15": Table(
            "item", [col(**{**c, "flow": f}) for c in period_cols(release, "month prev ytd ytd-1") for f in ex_im]
        ),
        "16": Table(
            "period",
            [item("Advanced Technology Products", basis=CENSUS, flow=f) for f in ("balance", "exports", "imports")],
        ),
        "16a": Table(
            "item",
            [
                col(**{**c, "flow": f})
                for c in period_cols(release, "month prev ytd ytd-1")
                for f in ("balance", "exports", "imports")
            ],
            {"subtables": True},
        ),
        "17": Table("period", _energy()),
        "17a": Table(
            "item",
            [col(**{**c, **g, "flow": "imports"}) for g in crude for c in period_cols(release, "month prev ytd")],
        ),
        "18": Table(
            "item",
            [col(**{**c, "group": v}) for v in vehicles for c in period_cols(release, "month prev ytd")],
            {"sections": True},
        ),
        "19": Table("item", [col()] * 9, countries),
        "20": Table("item", [col(basis=BOP)] * 9, countries),
        "20a": Table("item", [col(basis=BOP)] * 9, countries),
        "20b": Table("item", [col(basis=BOP)] * 9, countries),
        # the supplement (FT-900 Supplement, Census basis, not seasonally adjusted unless said)
        "1s": Table(
            "item",
            _months("month ytd", release)
            + _cross(period_cols(release, "month ytd"), flow="imports", measure="calculated_duty"),
            {"groups_marked": "(Domestic)"},
        ),
        "2s": Table(
            "item",
            _states(
                release,
                ["Manufactured Commodities", "Non-Manufactured Commodities"],
                ["Re-exports", "Total"],
                "exports",
            ),
            {"memo": ("Foreign Trade Zone",)},
        ),
        "2as": Table(
            "item",
            _states(release, ["Manufactured Commodities", "Non-Manufactured Commodities", "Total"], [], "imports"),
            {"memo": ("Foreign Trade Zone",)},
        ),
        "3s": Table(
            "period",
            [
                item("Customs", flow="balance", basis=CENSUS),
                item("C.I.F.", flow="balance", basis=CIF),
                item("F.A.S. Value", flow="exports", basis=CENSUS),
                item("Customs value", flow="imports", basis=CENSUS),
                item("C.I.F. Value", flow="imports", basis=CIF),
            ],
        ),
        "4s": Table("item", _countries(release, "month ytd")),
        "4as": Table("item", _countries(release, "month-1 ytd-1")),
    }

"""Census FT-900 exhibit workbooks ``exhN.xlsx`` -> one tidy table per file.

Table id = the file stem (``exh7``, ``exh14a``, ``exh4as``); ``exhibit`` = the stem without
``exh`` (``7``, ``14a``, ``1s``, ``4as``: the ``s``/``as`` files are the supplemental NAICS,
state and country exhibits, whose titles read "Exhibit 1.", "Exhibit 4a."). The title is
the printed "Exhibit N. ..." line, joined with the next line where it ends in a comma.
Each exhibit's layout is one :class:`Spec` in :data:`SPECS` (header rows, first data row,
anchor cells); everything else (flows, periods, units, items) is read from the headings.

Conventions (the PDF reader and the chapters follow them)
=========================================================
Periods
  * Rows (exh1-6, 9-13, 16, 17, 3s): a year row ``2021`` then ``January`` ... -> ``2021-01``,
    ``month``; ``Jan. - Dec.`` -> ``2021``, ``year``; ``Jan. - Aug.`` -> ``2021-08``,
    ``year_to_date``; ``Jan. -`` (January releases print no end month) -> through the
    release's month. exh2 (three-month moving averages) -> ``three_month_average``.
  * Columns: ``August\n2021`` or ``August`` under ``2021`` -> month (a year missing from the
    headings comes from the title, "...: 2021", else the release); ``Year-to-Date\n2021`` ->
    ``2021-08`` ``year_to_date``, through the month of the table's month column;
    ``First Quarter\n2020`` -> ``2020-Q1`` ``quarter``; ``Annual\n2018`` -> ``2018`` ``year``.
  * ``Monthly Change`` -> measure ``change``, period of the table's month column;
    ``Year-to-Date`` over ``Change`` -> ``change`` of the latest year to date (exh7/8).
  * Empty cells ('' or ' ': the months still to come) are not values and are skipped.
Vintage
  The row after "July data as published last month:" -> vintage ``as_published_last_month``,
  period the month named (the latest such month not after the release's month).
Status
  ``(R)`` in a period label ('July (R)'), a column heading ('2021 (R)') or a cell of its own
  left of the value (exh14, exh15, exh19) -> ``R`` on the value(s) it marks. Cells ``(X)``
  -> ``X``, ``(-)`` -> ``-``, ``n.a.`` -> ``n.a.``, ``(D)`` -> ``(D)``, each with an empty
  value (the file prints no number). Any other marker-like cell ('(Z)', '*') is an error.
line_item
  The label as printed, whitespace collapsed, footnote markers ' (1)' and trailing '*'/'**'
  (free-trade-agreement marks in exh4s) removed, a word broken over two lines joined
  ('Net Adjust- ments' -> 'Net Adjustments'). Labels differ between exhibits as printed
  ('Total, Census Basis' in exh7/8, 'Total Census Basis' in exh5/6/12/13/14): use
  ``basis`` and ``level`` to find a total, not the wording.
hierarchy / level
  Ancestors joined by `` › `` (``schema.HIERARCHY_SEP``), ending with the line item;
  level = number of ancestors. The three top lines of goods tables ("Total Balance of
  Payments Basis", "Net Adjustments", "Total Census Basis") are all level 0; the lines
  below them hang under the Census-basis total (they are Census-basis detail).
  * Period tables, items are column headings: a ``Total``/``Total Services`` column is the
    parent of the other columns of its flow when no balance-of-payments total is printed
    beside it: exh1/2 ``Total › Goods``; exh3/4 ``Total Services › Travel``; exh9
    ``Total › Net Adjustments``, ``Total › Petroleum``; exh11 ``Total Census Basis ›
    Petroleum``, ``› Residual``. End-use categories (heading "End-Use Commodity
    Category", exh6/10/13) -> ``Total Census Basis › Capital Goods``. exh5/12: all level 0.
    exh16 has no item heading: line_item is the title's subject, ``Advanced Technology Products``.
    exh17: ``Total energy-related petroleum products › Crude Oil`` (quantity, value, price
    columns of one item differ by ``unit``). exh3s: each valuation column is a line item
    (``Customs``, ``C.I.F.`` (balance), ``F.A.S. Value``, ``Customs value``, ``C.I.F. Value``).
  * Item tables, items are rows; the depth comes from the file's own formatting: the cell's
    indent (exh14/14a/15/16a), leading spaces (exh2s/2as), the label column (exh17a prints
    countries one column right) or, where nothing is indented, bold rows as groups with the
    plain rows under them (exh7/8: ``Total, Census Basis › Capital goods, except automotive
    › Computers``). A root line (``Total``, ``TOTAL``, ``GRAND TOTAL``, ``U.S. Total``,
    ``Total Census Basis``) is the parent of every line after it; a blank row closes the
    groups above it (exh2s); a line ``Other`` closes its group (exh14a indents Norway as if
    it were in the EU; it is a country of Europe). exh1s: a "(Domestic)" row puts the rows
    after it under the line before it, until the next such group or "Re-exports".
    Country tables without a total (exh19, 20, 20a, 20b) are all level 0.
  * Tables with a second dimension in the column groups put that group first:
    exh18 ``Passenger Cars › TOTAL › Canada`` (the ``Total`` columns: ``TOTAL › Canada``);
    exh2s/2as ``Manufactured Commodities › U.S. Total › Texas``; exh1s ``Calculated Duty
    › GRAND TOTAL › ...``; exh16a names its two blocks ``Technology Group › Total ›
    Aerospace`` and ``Selected Countries and Areas › Total › North America › Canada``.
flow / basis / seasonal_adjustment / unit
  * flow: the column heading (Balance, Exports, Imports, 'Imports for Consumption ...'),
    else a section row ('Exports' above a block: exh6/10/13/17/18/19/20), else the title
    ('U.S. Exports of Goods by ...': exh3/4/7/8/2s/2as/17a).
  * basis: headings or labels naming "Balance of Payments" / "Net Adjustments" ->
    ``balance_of_payments`` (net adjustments turn Census basis into BOP basis); exh9's plain
    "Total" beside "Net Adjustments" -> ``balance_of_payments``; "Census" -> ``census``;
    otherwise the exhibit's default (:attr:`Spec.basis`): exh1-4 goods and services (BOP by
    their footnote; services exist only on that basis) and exh20/20a/20b ("BOP Basis") ->
    ``balance_of_payments``; exh10/11 ("Chained (2012) Dollars") -> ``chained_dollars``;
    quantities and prices -> ``not_applicable``; everything else (Census detail) -> ``census``.
  * seasonal_adjustment: the "Part A/C: Seasonally Adjusted" / "Part B: NOT Seasonally
    Adjusted" line, else the title ("..., Not Seasonally Adjusted: 2021"), else section
    rows (exh3s prints a seasonally adjusted and a not seasonally adjusted block).
  * unit: the heading line ("In millions of dollars" -> ``millions of dollars``; with
    "Chained (2012) Dollars" -> ``millions of chained 2012 dollars``) or the column heading
    ("Quantity (thousands of barrels)" -> ``thousands of barrels``, "Value (thousands of
    dollars)" -> ``thousands of dollars``, "Thousands of barrels per day" -> ``thousands of
    barrels per day``, "Unit Price (dollars)" -> ``dollars per barrel``, "Percent" (share of
    the U.S. total, exh2s/2as) -> ``percent``).
Left out (they would duplicate rows under the same keys): the "Rank" columns of exh4s/4as,
and the C.I.F.-valued imports columns of exh4s/4as/17a (the Census basis is customs value;
exh3s keeps C.I.F. as its own line items).
location
  ``errors.cell(sheet, row, col)`` of the value cell: ``sheet '7', row 99, column B``.

Layout checks: each exhibit names the header cells it relies on (``Spec.anchors``); a
shifted row or column, the wrong exhibit in a file's place (the title "Exhibit N." must
match the file name), a non-numeric cell where a number belongs, an unknown marker or a
damaged file each raise one :class:`IngestError` line naming file, sheet, row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from .. import workbooks
from ..errors import IngestError, cell
from ..schema import HIERARCHY_SEP, frame
from . import ReadResult

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
FLOWS = {"balance": "balance", "exports": "exports", "imports": "imports"}

#: value-cell markers -> status (schema.STATUSES); an '(R)' cell marks the value beside it.
MARKERS = {"(X)": "X", "(-)": "-", "n.a.": "n.a.", "(D)": "(D)"}
REVISED = "(R)"
#: what looks like a marker: a short parenthesised token, asterisks, 'n.a.'-like tokens.
MARKER_LIKE = re.compile(r"^\(\s*[^()]{1,4}\s*\)$|^\*+$|^[a-z]{1,3}\.([a-z]{1,3}\.)?$", re.I)
FOOTNOTE = re.compile(r"\s*\(\d{1,2}\)|\*+$")


# ---------------------------------------------------------------- layouts

@dataclass(frozen=True)
class Spec:
    """Where an exhibit's parts are. ``anchors`` are the header cells the reader relies on."""
    kind: str                      # "period": rows are periods; "item": rows are line items
    header: tuple[int, ...]        # header rows, top to bottom
    data: int                      # first data row
    anchors: dict[str, str]
    labels: tuple[int, ...] = (1,)  # label columns (exh17a prints countries one column right)
    basis: str = "census"          # basis where no heading names one (see module docstring)
    subtables: tuple[int, ...] = ()  # rows that start a second block with the same headings (exh16a)


PERIOD_1 = {"A5": "Period", "B5": "Balance", "E5": "Exports", "H5": "Imports", "B6": "Total", "C6": "Goods"}
GOODS_BASES = {"A5": "Period", "B5": "Balance", "D5": "Exports", "G5": "Imports",
               "B6": "Total Balance of Payments Basis", "E6": "Net Adjustments", "F6": "Total Census Basis"}
END_USE = {"A5": "Period", "B5": "Total Balance of Payments Basis", "C5": "Net Adjustments",
           "D5": "Total Census Basis", "E5": "End-Use Commodity Category", "E6": "Foods, Feeds, & Beverages",
           "J6": "Other Goods", "B7": "Exports"}
SERVICES = {"A5": "Period", "B5": "Total Services", "C5": "Maintenance and Repair Services n.i.e.",
            "D5": "Transport", "E5": "Travel"}
COMMODITIES = {"A6": "Item", "B6": "August", "C6": "July", "D6": "Monthly", "E6": "Year-to-Date",
               "D7": "Change", "G7": "Change", "A8": "Total, Balance of Payments Basis"}
COUNTRIES_14 = {"A6": "Item", "B6": "Balance", "F6": "Exports", "J6": "Imports",
                "A8": "Total Balance of Payments Basis", "A10": "Total Census Basis"}
COUNTRIES_4S = {"A6": "Country", "B6": "Balance", "E6": "Exports", "H6": "Imports",
                "E7": "Domestic & Foreign, F.A.S. basis", "H7": "Customs basis", "K7": "C.I.F. basis",
                "B8": "August", "C8": "Year-to-Date", "D8": "Rank", "A10": "TOTAL"}
STATES = {"A9": "Item", "B9": "NAICS-Based Product Code Groupings", "B10": "Manufactured Commodities",
          "E10": "Non-Manufactured Commodities", "B11": "August", "C11": "Year-to-Date",
          "D12": "Percent", "A14": "U.S. Total"}
QUARTERLY = {"A5": "Country and Area", "B5": "First Quarter 2020", "H5": "Annual 2018", "A6": "Balance"}

SPECS: dict[str, Spec] = {
    "1": Spec("period", (5, 6), 7, PERIOD_1, basis="balance_of_payments"),
    "1s": Spec("item", (7, 8, 9), 12, {"A8": "NAICS-Based Product", "A9": "Code Description", "B7": "Balance",
               "D7": "Exports", "F7": "Imports for Consumption (Customs Value)", "F8": "Totals",
               "H8": "Calculated Duty", "B9": "August", "C9": "Year-to-Date", "A12": "GRAND TOTAL"}),
    "2": Spec("period", (6, 7), 8, {"A6": "Month of Moving Average", "B6": "Balance", "E6": "Exports",
              "H6": "Imports", "B7": "Total", "C7": "Goods"}, basis="balance_of_payments"),
    "2s": Spec("item", (9, 10, 11, 12), 14, {**STATES, "H9": "Re-exports", "J9": "Total"}),
    "2as": Spec("item", (9, 10, 11, 12), 14, {**STATES, "H9": "Total"}),
    "3": Spec("period", (5,), 6, SERVICES, basis="balance_of_payments"),
    "3s": Spec("period", (6, 7), 8, {"A6": "Period", "B6": "Balance", "D6": "Exports", "E6": "Imports",
               "B7": "Customs", "C7": "C.I.F.", "D7": "F.A.S. Value", "B8": "Seasonally Adjusted"}),
    "4": Spec("period", (5,), 6, SERVICES, basis="balance_of_payments"),
    "4s": Spec("item", (6, 7, 8), 10, COUNTRIES_4S),
    "4as": Spec("item", (6, 7, 8), 10, COUNTRIES_4S),
    "5": Spec("period", (5, 6), 7, GOODS_BASES),
    "6": Spec("period", (5, 6), 7, END_USE),
    "7": Spec("item", (6, 7), 8, COMMODITIES),
    "8": Spec("item", (6, 7), 8, COMMODITIES),
    "9": Spec("period", (5, 6), 7, {"A5": "Period", "B5": "Balance", "F5": "Exports", "J5": "Imports",
              "B6": "Total", "C6": "Net Adjust- ments", "D6": "Petroleum", "E6": "Non-petroleum"}),
    "10": Spec("period", (7, 8), 9, {"A7": "Period", "B7": "Total Census Basis", "C7": "End-Use Commodity Category",
               "C8": "Foods, Feeds, & Beverages", "I8": "Residual", "B9": "Exports"}, basis="chained_dollars"),
    "11": Spec("period", (7, 8), 9, {"A7": "Period", "B7": "Balance", "F7": "Exports", "J7": "Imports",
               "B8": "Total Census Basis", "C8": "Petroleum", "E8": "Residual"}, basis="chained_dollars"),
    "12": Spec("period", (5, 6), 7, GOODS_BASES),
    "13": Spec("period", (5, 6), 7, END_USE),
    "14": Spec("item", (6, 7), 8, COUNTRIES_14),
    "14a": Spec("item", (6, 7), 8, COUNTRIES_14),
    "15": Spec("item", (6, 7, 8), 9, {"A6": "Item", "B7": "August", "D7": "July", "H7": "Year-to-Date",
               "B8": "Exports", "C8": "Imports", "A9": "Total Balance of Payment Basis"}),
    "16": Spec("period", (5,), 6, {"A5": "Period", "B5": "Balance", "C5": "Exports", "D5": "Imports"}),
    "16a": Spec("item", (5, 6, 7), 8, {"A5": "Technology Group", "B6": "August", "E6": "July",
                "H6": "Year-to-Date", "B7": "Balance", "C7": "Exports", "D7": "Imports", "A8": "Total",
                "A20": "Selected Countries and Areas", "B22": "Balance", "A23": "Total"}, subtables=(20,)),
    "17": Spec("period", (6, 7), 8, {"A6": "Period", "B6": "Total energy-related petroleum products",
               "D6": "Crude Oil", "B7": "Quantity (thousands of barrels)", "C7": "Value (thousands of dollars)",
               "G7": "Unit Price (dollars)", "B8": "Exports"}, basis="not_applicable"),
    "17a": Spec("item", (5, 9, 10), 11, {"A5": "Country", "C5": "Quantity (thousands of barrels)",
                "F5": "Customs Value (thousands of dollars)", "I5": "C.I.F. Value (thousands of dollars)",
                "C9": "August", "A11": "Total"}, labels=(1, 2)),
    "18": Spec("item", (5, 6), 7, {"A5": "Country", "B5": "Total", "E5": "Passenger Cars",
               "H5": "Trucks, Buses, Special Purpose Vehicles", "K5": "Parts", "B7": "Exports"}),
    "19": Spec("item", (5,), 6, {"A5": "Country and Area", "B5": "August 2021", "E5": "Second Quarter 2020",
               "A6": "Balance"}),
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


# ---------------------------------------------------------------- small helpers

def clean(text: object) -> str:
    """Label as printed, whitespace collapsed, footnote markers ' (1)' and '*' removed."""
    s = re.sub(r"\s+", " ", str(text)).strip()
    s = re.sub(r"(\w)- ([a-z])", r"\1\2", s)  # a word broken over two lines: 'Adjust- ments'
    # exh3/exh4 headings break this one word without a space; BEA's tables and the PDF print it whole
    s = s.replace("Telecommuni-cations", "Telecommunications")
    return FOOTNOTE.sub("", s).strip()


def blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def month_number(name: str) -> int | None:
    """'August', 'Aug.', 'Sept.' -> 8, 9; None for anything else."""
    n = name.strip().rstrip(".").lower()
    for i, m in enumerate(MONTHS):
        if n in (m.lower(), m[:3].lower()) or (m == "September" and n == "sept"):
            return i + 1
    return None


def year_of(v: object) -> int | None:
    s = str(v).strip() if v is not None else ""
    return int(s) if re.fullmatch(r"(19|20)\d\d", s) else None


def join_status(*codes: str) -> str:
    out: list[str] = []
    for c in codes:
        for s in (c or "").split(";"):
            if s and s not in out:
                out.append(s)
    return ";".join(out)


def a1(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


@dataclass
class Sheet:
    """The exhibit's sheet and the file's name, for error lines."""
    file: str
    ws: object
    exhibit: str
    fallback_year: int = 0

    @property
    def name(self) -> str:
        return self.ws.title

    def v(self, row: int, col: int) -> object:
        return self.ws.cell(row, col).value

    def text(self, row: int, col: int) -> str:
        v = self.v(row, col)
        return "" if v is None else clean(v)

    def error(self, row: int, col: int | None, expected: str, found: object) -> IngestError:
        return IngestError(self.file, cell(self.name, row, col), expected, found)

    @property
    def max_row(self) -> int:
        return self.ws.max_row

    @property
    def max_col(self) -> int:
        return self.ws.max_column


# ---------------------------------------------------------------- opening, title, layout checks

def open_sheet(path: Path, exhibit: str) -> Sheet:
    xls = path.suffix.lower() == ".xls"  # Census's archive of older years: read with formatting by workbooks.py
    try:
        ws = workbooks.first_sheet(path) if xls else openpyxl.load_workbook(path, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; all mean the same
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:120]
        raise IngestError(path.name, "", f"a readable {'.xls' if xls else '.xlsx'} workbook (the file is damaged "
                          "or truncated: download it again)", f"<{detail}>") from None
    return Sheet(path.name, ws, exhibit)


def find_title(sh: Sheet, printed: str) -> tuple[int, str]:
    """Row and text of the 'Exhibit N. ...' line; it must name the file's exhibit."""
    for row, col in ((r, c) for r in range(1, 9) for c in range(1, 4)):
        t = sh.text(row, col)
        m = re.match(r"Exhibit\s+(\w+)\.", t)
        if m and col > 1:
            raise sh.error(row, col, f"the title 'Exhibit {printed}. ...' in column A (exhibit {sh.exhibit} layout; "
                           "has a column been inserted?)", t)
        if m:
            if m.group(1).lower() != printed:
                raise sh.error(row, 1, f"the title 'Exhibit {printed}. ...' ({sh.file} holds exhibit {printed}; "
                               f"is another exhibit saved under this name?)", t)
            title = t
            nxt = sh.text(row + 1, 1)
            if t.endswith(",") and nxt:  # the title goes on ("..., Not Seasonally Adjusted: 2021")
                title = f"{t} {nxt}"
            return row, title
    raise sh.error(1, 1, f"a title line 'Exhibit {printed}. ...' in rows 1-8", sh.text(1, 1) or "<empty>")


def check_anchors(sh: Sheet, spec: Spec) -> None:
    """Each header cell the reader relies on holds the expected heading (any month or year)."""
    for ref, want in spec.anchors.items():
        row, col = a1(ref)
        got = sh.v(row, col)
        if not anchor_pattern(want).fullmatch(clean(got if got is not None else "")):
            raise sh.error(row, col, f"header {want!r} (exhibit {sh.exhibit} layout)", got)


def seasonal_of(sh: Sheet, title_row: int, title: str) -> str | None:
    """From the 'Part A/B/C' line above the title, or the title itself (supplements)."""
    text = " ".join([sh.text(r, 1) for r in range(1, title_row)] + [title]).lower()
    if "not seasonally adjusted" in text:
        return "not_seasonally_adjusted"
    if "seasonally adjusted" in text:
        return "seasonally_adjusted"
    return None  # exh3s: sections 'Seasonally Adjusted' / 'Not Seasonally Adjusted' say it


def unit_of(sh: Sheet, title_row: int, header_row: int) -> str:
    """The unit the heading lines state ('In millions of dollars.', 'Chained (2012) Dollars')."""
    text = " ".join(" ".join(str(sh.v(r, 1) or "").split()) for r in range(title_row, header_row)).lower()
    chained = re.search(r"chained \((\d{4})\) dollars", text)
    m = re.search(r"in (millions|billions|thousands) of dollars", text)
    if m and chained:
        return f"{m.group(1)} of chained {chained.group(1)} dollars"
    if m:
        return f"{m.group(1)} of dollars"
    return ""


def column_unit(text: str) -> str | None:
    """'Quantity (thousands of barrels)' -> 'thousands of barrels'; 'Unit Price (dollars)' -> per barrel."""
    low = text.lower()
    if "unit price" in low and "dollars" in low:
        return "dollars per barrel"
    if "barrels per day" in low:
        return "thousands of barrels per day"
    m = re.search(r"\((thousands|millions) of (barrels|dollars)\)", low)
    return f"{m.group(1)} of {m.group(2)}" if m else None


# ---------------------------------------------------------------- headings

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
    item: str | None = None         # period tables: the line item; item tables: the column group
    group: str | None = None        # the heading above the item (exh6 'End-Use Commodity Category')
    period: str | None = None
    period_type: str | None = None
    measure: str = "level"
    status: str = ""
    unit: str | None = None
    skip: bool = False
    words: tuple[str, ...] = ()

    def key(self) -> tuple:
        return (self.words, self.flow, self.item, self.group, self.period, self.period_type, self.measure, self.unit, self.skip)


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
        if low.split(" ")[0] in FLOWS:  # 'Exports', 'Imports for Consumption (Customs Value)'
            m.flow = FLOWS[low.split(" ")[0]]
        elif year_of(t):
            year = year_of(t)
        elif (mm := re.fullmatch(r"(\w+\.?)\s*(\d{4})?", t)) and month_number(mm.group(1)):
            month = month_number(mm.group(1))
            year = int(mm.group(2)) if mm.group(2) else year
            m.period_type = m.period_type or "month"
        elif (mm := re.fullmatch(r"year-to-date\s*(\d{4})?", low)):
            m.period_type = "year_to_date"
            year = int(mm.group(1)) if mm.group(1) else year
        elif (mm := re.fullmatch(r"(first|second|third|fourth) quarter\s*(\d{4})", low)):
            m.period_type, m.period = "quarter", f"{mm.group(2)}-Q{QUARTERS[mm.group(1)]}"
        elif (mm := re.fullmatch(r"annual\s*(\d{4})", low)):
            m.period_type, m.period = "year", mm.group(1)
        elif low in ("monthly change", "change", "monthly"):
            m.measure = "change" if "change" in low else m.measure
            m.period_type = "month" if "monthly" in low else m.period_type
        elif low == "rank":
            m.skip = True
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


def column_groups(sh: Sheet, spec: Spec, rows: tuple[int, ...], year_hint: int, release: str) -> list[tuple[list[int], Meaning]]:
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
    return [(cols, m) for cols, m in groups if not m.skip]


# ---------------------------------------------------------------- values

def group_value(sh: Sheet, row: int, cols: list[int]) -> tuple[int, float | None, str] | None:
    """(column, value, status) of one column group in a row; None where nothing is printed."""
    found: tuple[int, float | None, str] | None = None
    revised = ""
    for c in cols:
        v = sh.v(row, c)
        if blank(v):
            continue
        s = str(v).strip()
        if s == REVISED:
            revised = "R"
            continue
        if number(v):
            got = (c, float(v), "")
        elif s in MARKERS:
            got = (c, None, MARKERS[s])
        elif MARKER_LIKE.match(s):
            raise sh.error(row, c, f"a number or a known marker ({', '.join([*MARKERS, REVISED])})", v)
        else:
            raise sh.error(row, c, "a number", v)
        if found is not None:
            raise sh.error(row, c, "one value under the heading (the cell to its left holds one already)", v)
        found = got
    if found is None:
        return None
    return found[0], found[1], join_status(revised, found[2])


# ---------------------------------------------------------------- period tables

YTD = re.compile(r"^Jan\.?\s*-\s*([A-Za-z]*)\.?$")


def period_row(label: str, year: int | None, release: str) -> dict | None:
    """A period label in the first column -> period, period_type (None if it is not one)."""
    if year is None:
        return None
    if month_number(label):
        return {"period": f"{year}-{month_number(label):02d}", "period_type": "month"}
    m = YTD.match(label)
    if m:
        end = month_number(m.group(1)) if m.group(1) else int(release[5:7])
        if end is None:
            return None
        if end == 12:
            return {"period": str(year), "period_type": "year"}
        return {"period": f"{year}-{end:02d}", "period_type": "year_to_date"}
    return None


def last_month_period(label: str, release: str) -> str | None:
    """'July data as published last month:' -> '2021-07' (the latest July not after the release)."""
    m = re.match(r"^(\w+) data as published last month", label)
    if not m or not month_number(m.group(1)):
        return None
    month = month_number(m.group(1))
    year, rel_month = int(release[:4]), int(release[5:7])
    return f"{year if month <= rel_month else year - 1}-{month:02d}"


def basis_of(label: str, default: str) -> str:
    low = label.lower()
    if "balance of payment" in low or "bop" in low or "net adjust" in low:
        return "balance_of_payments"
    if "census" in low and default != "chained_dollars":
        return "census"
    return default


def is_total(label: str) -> bool:
    return label.lower().startswith("total")


def period_columns(groups: list[tuple[list[int], Meaning]], spec: Spec, default_item: str) -> list[tuple[list[int], dict, str | None]]:
    """Line item, hierarchy, basis and unit of each column of a period table."""
    out = []
    by_flow: dict[str | None, list] = {}
    for cols, m in groups:
        item = clean(m.item) if m.item else default_item
        by_flow.setdefault(m.flow, []).append((cols, m, item))
    for flow, members in by_flow.items():
        labels = [item for _, _, item in members]
        has_bop = any(basis_of(lbl, "") == "balance_of_payments" and is_total(lbl) for lbl in labels)
        census = next((lbl for lbl in labels if is_total(lbl) and "census" in lbl.lower()), None)
        total = next((lbl for lbl in labels if is_total(lbl)), None)
        for cols, m, item in members:
            if m.group and "categor" in m.group.lower() and census:
                parents = [census]  # end-use categories are parts of the Census-basis total
            elif not has_bop and total and item != total:
                parents = [total]
            else:
                parents = []
            basis = basis_of(item, spec.basis)
            if item == total and any(lbl.lower().startswith("net adjust") for lbl in labels):
                basis = "balance_of_payments"  # exh9: Total = Census-basis parts + Net Adjustments
            unit = m.unit
            if spec.basis == "not_applicable" and unit and "dollars" in unit and "per" not in unit:
                basis = "census"  # exh17: values (thousands of dollars) are Census basis
            fields = {"line_item": item, "hierarchy": HIERARCHY_SEP.join([*parents, item]),
                      "level": len(parents), "basis": basis}
            if unit:
                fields["unit"] = unit
            out.append((cols, fields, m.status, flow))
    return out


def read_period_table(sh: Sheet, spec: Spec, release: str, base: dict, default_item: str) -> list[dict]:
    """Rows are periods: year rows, 'Jan. - Dec.', 'Jan. - Aug.', months, 'as published last month'."""
    groups = column_groups(sh, spec, spec.header, sh.fallback_year, release)
    columns = period_columns(groups, spec, default_item)
    value_cols = {c for cols, *_ in columns for c in cols}
    records: list[dict] = []
    year: int | None = None
    last_month: str | None = None
    section: dict = {}
    three_month = "moving average" in " ".join(sh.text(r, 1) for r in range(1, spec.header[0] + 1)).lower()
    for row in range(spec.data, sh.max_row + 1):
        raw = sh.v(row, 1)
        label = sh.text(row, 1)
        cells = [sh.v(row, c) for c in sorted(value_cols)]
        numbers = [v for v in cells if not blank(v)]
        # a section row: one heading in column B, nothing else ('Exports', 'Not Seasonally Adjusted')
        if blank(raw) and not blank(sh.v(row, 2)) and not any(number(v) for v in cells):
            head = clean(sh.v(row, 2)).lower()
            if head in FLOWS:
                section = {**section, "flow": FLOWS[head]}
            elif head in ("seasonally adjusted", "not seasonally adjusted"):
                section = {**section, "seasonal_adjustment": head.replace(" ", "_")}
            else:
                raise sh.error(row, 2, "a section heading (Exports, Imports, Balance, Seasonally Adjusted)", sh.v(row, 2))
            year = None
            continue
        if year_of(raw) is not None and not any(number(v) for v in cells):
            year = year_of(raw)
            continue
        if last_month and blank(raw) and numbers:
            period, vintage, row_status = {"period": last_month, "period_type": "month"}, "as_published_last_month", ""
            last_month = None
        else:
            if (lm := last_month_period(label, release)):
                last_month = lm
                continue
            text, revised = (clean(label.replace(REVISED, " ")), True) if REVISED in label else (label, False)
            period = period_row(text, year, release)
            if period is None:
                if numbers:
                    raise sh.error(row, 1, "a period label (a year, 'Jan. - Dec.', 'Jan. - Aug.', a month)", raw)
                continue
            if three_month and period["period_type"] == "month":
                period = {**period, "period_type": "three_month_average"}
            vintage, row_status = "current", "R" if revised else ""
        for cols, fields, col_status, flow in columns:
            got = group_value(sh, row, cols)
            if got is None:
                continue
            col, value, status = got
            rec = {**base, **fields, **section, **period,
                   "location": cell(sh.name, row, col), "measure": "level", "vintage": vintage,
                   "status": join_status(row_status, col_status, status), "value": value}
            rec["flow"] = flow or section.get("flow") or base.get("flow")
            if rec["flow"] is None:
                raise sh.error(row, col, "a flow (Balance, Exports or Imports) in the headings or a section row", "<none>")
            if rec.get("seasonal_adjustment") is None:
                raise sh.error(row, col, "a 'Seasonally Adjusted' / 'Not Seasonally Adjusted' line above the values", "<none>")
            records.append(rec)
    return records


# ---------------------------------------------------------------- item tables

DOMESTIC = "(Domestic)"
ROOTS = ("total census basis", "total, census basis", "total", "grand total", "u.s. total")


def row_depth(sh: Sheet, spec: Spec, row: int, col: int, raw: str, indents_used: bool) -> int:
    """Indentation from the file: label column, cell indent, leading spaces, bold categories."""
    c = sh.ws.cell(row, col)
    depth = col - spec.labels[0]
    depth += int(c.alignment.indent or 0)
    depth += (len(raw) - len(raw.lstrip(" "))) // 2 if col == spec.labels[0] else 0
    if not indents_used and not c.font.b:
        depth += 1  # exh7/8: plain commodity rows under a bold end-use category
    return depth


def read_item_table(sh: Sheet, spec: Spec, release: str, base: dict) -> list[dict]:
    """Rows are line items (commodities, countries, states); columns are periods and flows."""
    groups = column_groups(sh, spec, spec.header, sh.fallback_year, release)
    if any(m.period_type is None for _, m in groups):
        cols, m = next((c, m) for c, m in groups if m.period_type is None)
        raise sh.error(spec.header[-1], cols[0], "a period heading (a month, Year-to-Date, a quarter, Annual)",
                       " / ".join(t for t in header_grid(sh, spec, spec.header)[cols[0]] if t) or "<empty>")
    value_cols = sorted({c for cols, _ in groups for c in cols})
    # valuation: the Census basis (customs imports, f.a.s. exports) is kept; the C.I.F. columns
    # of exh4s/4as/17a repeat the same imports at another valuation and are left out
    grid = header_grid(sh, spec, spec.header)
    groups = [(cols, m) for cols, m in groups if not any("c.i.f." in t.lower() for t in grid[cols[0]])]
    # are indents used at all below the top lines? (otherwise bold marks the categories)
    rows = [r for r in range(spec.data, sh.max_row + 1) if any(not blank(sh.v(r, c)) for c in value_cols)]
    indents_used = len(spec.labels) > 1 or any(
        sh.ws.cell(r, c).alignment.indent or str(sh.v(r, c) or "").startswith(" ")
        for r in rows for c in spec.labels
        if not blank(sh.v(r, c)) and not clean(sh.v(r, c)).lower().startswith("net adjust"))
    records: list[dict] = []
    section: dict = {}
    # a table in two blocks (exh16a) names each block: 'Technology Group', 'Selected Countries and Areas'
    prefix: list[str] = [sh.text(spec.header[0], spec.labels[0])] if spec.subtables else []
    root: list[str] = []
    stack: list[tuple[int, str]] = []
    block: int | None = None
    row = spec.data
    while row <= sh.max_row:
        if row in spec.subtables:
            # a second block under the same headings (exh16a 'Selected Countries and Areas')
            again = column_groups(sh, spec, tuple(row + (r - spec.header[0]) for r in spec.header), sh.fallback_year, release)
            if [m.key() for _, m in again] != [m.key() for _, m in column_groups(sh, spec, spec.header, sh.fallback_year, release)]:
                raise sh.error(row, 2, f"the headings of rows {spec.header} repeated (exhibit {sh.exhibit} layout)", sh.v(row, 2))
            prefix, root, stack = [sh.text(row, 1)], [], []
            row += len(spec.header)
            continue
        label_col = next((c for c in spec.labels if not blank(sh.v(row, c))), None)
        cells = [sh.v(row, c) for c in value_cols]
        has_values = any(not blank(v) for v in cells)
        if label_col is None:
            if has_values:
                # a section row in the value area ('Exports' in column B, exh18)
                head = next(clean(v) for v in cells if not blank(v))
                if head.lower() in FLOWS and sum(not blank(v) for v in cells) == 1:
                    section, root, stack = {"flow": FLOWS[head.lower()]}, [], []
                    row += 1
                    continue
                raise sh.error(row, spec.labels[0], "a line item label", "<empty>")
            stack = []  # a blank row closes the groups above it (exh2s)
            row += 1
            continue
        raw = str(sh.v(row, label_col))
        label = clean(raw)
        if not has_values:
            if label.lower() in FLOWS:
                section, root, stack = {"flow": FLOWS[label.lower()]}, [], []
            elif label == DOMESTIC and stack:
                block = stack[-1][0] + 1  # exh1s: the rows below are the group's domestic detail
            # anything else without values is a heading or a note: nothing to read there
            row += 1
            continue
        low = label.lower()
        top_line = ("balance of payment" in low and is_total(label)) or low.startswith("net adjust")
        if top_line:
            parents, basis = [], "balance_of_payments"
        elif low in ROOTS:
            parents, basis = [], spec.basis
            root, stack = [label], []
        else:
            depth = row_depth(sh, spec, row, label_col, raw, indents_used)
            if sh.text(row + 1, label_col) == DOMESTIC or low.startswith("re-export"):
                block = None  # a new group, or the re-exports (foreign goods) after the domestic detail
            elif block is not None:
                depth = block
            if stack and stack[-1][0] == depth and stack[-1][1] == "Other":
                depth -= 1  # an 'Other' line closes its group (exh14a indents Norway as if in the EU)
            while stack and stack[-1][0] >= depth:
                stack.pop()
            parents, basis = root + [s for _, s in stack], spec.basis
            stack.append((depth, label))
        for cols, m in groups:
            got = group_value(sh, row, cols)
            if got is None:
                continue
            col, value, status = got
            group = [clean(w) for w in m.words if clean(w).lower() not in ("total", "totals")][-1:]
            path = [*prefix, *group, *parents, label]
            flow = m.flow or section.get("flow") or base.get("flow")
            if flow is None:
                raise sh.error(row, col, "a flow (Balance, Exports or Imports) in the headings, title or a section row", "<none>")
            rec = {**base, "line_item": label, "hierarchy": HIERARCHY_SEP.join(path), "level": len(path) - 1,
                   "flow": flow, "basis": basis, "period": m.period, "period_type": m.period_type,
                   "measure": m.measure, "vintage": "current", "location": cell(sh.name, row, col),
                   "status": join_status(m.status, status), "value": value}
            if m.unit:
                rec["unit"] = m.unit
                if m.unit != "percent" and "dollars" not in m.unit:
                    rec["basis"] = "not_applicable"
            records.append(rec)
        row += 1
    return records


# ---------------------------------------------------------------- the reader

def exhibit_id(stem: str) -> tuple[str, str]:
    """'exh4as' -> ('4as', '4a'): the exhibit column and the number printed in the title."""
    exhibit = stem.lower()[3:]
    printed = exhibit[:-1] if exhibit.endswith("s") else exhibit
    return exhibit, printed


def title_flow(title: str) -> str | None:
    """'U.S. Exports of Goods by ...' -> exports (exh3/4/7/8, 2s/2as, 17a)."""
    low = title.lower()
    if "exports" in low and "imports" not in low:
        return "exports"
    if "imports" in low and "exports" not in low:
        return "imports"
    return None


def read(path: Path, release: str) -> ReadResult:
    """Read one exhibit workbook into one tidy table named by the file's stem."""
    path = Path(path)
    stem = path.stem.lower()
    exhibit, printed = exhibit_id(stem)
    if exhibit not in SPECS:
        raise IngestError(path.name, "", "a Census exhibit this reader knows (" + ", ".join(SPECS) + ")", exhibit)
    spec = SPECS[exhibit]
    sh = open_sheet(path, exhibit)
    title_row, title = find_title(sh, printed)
    check_anchors(sh, spec)
    years = re.findall(r"\b((?:19|20)\d\d)\b", title)
    sh.fallback_year = int(years[-1]) if years else int(release[:4])
    base = {"release": release, "source_file": path.name, "exhibit": exhibit,
            "seasonal_adjustment": seasonal_of(sh, title_row, title),
            "unit": unit_of(sh, title_row, spec.header[0]), "flow": title_flow(title)}
    if spec.kind == "period":
        subject = re.sub(r"^Exhibit \w+\.\s*(U\.S\.\s*)?(Trade in\s*)?", "", clean(title))
        records = read_period_table(sh, spec, release, base, subject)
    else:
        records = read_item_table(sh, spec, release, base)
    if not records:
        raise sh.error(spec.data, 1, "values below the headings", "<none>")
    for r in records:
        if not r["unit"]:
            raise sh.error(title_row, 1, "a unit in the heading lines ('In millions of dollars', ...)", "<none>")
        if r["seasonal_adjustment"] is None:
            raise sh.error(title_row, 1, "a 'Seasonally Adjusted' or 'NOT Seasonally Adjusted' line", title)
    return ReadResult(tables={stem: frame(records)}, titles={stem: title})

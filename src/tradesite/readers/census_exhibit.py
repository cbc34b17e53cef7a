"""Census FT-900 exhibit workbooks ``exhN.xlsx`` -> tidy tables (one per file).

Table id is the file stem (``exh7``, ``exh14a``, ``exh4as``); the ``exhibit`` column
is the stem without ``exh`` (``7``, ``14a``, ``1s``, ``4as``: the ``s``/``as`` files are
the supplemental NAICS, state and country exhibits, printed as "Exhibit 1.", "Exhibit 4a."...).
The title is the printed "Exhibit N. ..." line (continued on the next line where the file
continues it).

Conventions (the PDF reader and the chapters follow them)
----------------------------------------------------------
Periods
    Month rows ``July`` under a year row ``2021`` -> period ``2021-07``, period_type ``month``.
    ``Jan. - Dec.`` -> period ``2019``, ``year``; ``Jan. - Aug.`` -> period ``2021-08``,
    ``year_to_date``; ``Jan. -`` (January releases print no end month) -> through the
    release's month. Column headings: ``August\\n2021`` / ``August`` + ``2021`` -> month;
    ``Year-to-Date\\n2021`` -> year_to_date through the month of the table's month column;
    ``First Quarter\\n2020`` -> ``2020-Q1``; ``Annual\\n2018`` -> year ``2018``;
    ``Monthly Change`` / ``Year-to-Date Change`` -> measure ``change`` (period of the later
    column). Empty cells ('' or ' ', the future months) are not values and are skipped.
    Exhibit 2 (three-month moving averages) -> period_type ``three_month_average``.
Vintage
    The row after "July data as published last month:" -> vintage ``as_published_last_month``,
    period the month named (the latest such month not after the release's month).
Status
    ``(R)`` in a period label, a column heading or its own cell (exh14/exh19 print it in a
    narrow column left of the value) -> ``R``; cells ``(X)`` -> ``X``, ``(-)`` -> ``-``,
    ``n.a.`` -> ``n.a.``, ``(D)`` -> ``(D)``, all with an empty value (the files print no
    number there). Any other marker-like cell raises IngestError naming the cell.
line_item / hierarchy / level
    line_item is the label as printed, footnote markers (`` (1)``) and surrounding spaces
    removed. Hierarchy joins ancestors with `` › ``; level = number of ancestors.
    * Period tables (exh1-6, 9-13, 16, 17, 3s): the line items are the column headings.
      A ``Total``/``Total Services`` column is the parent of the other columns of its group
      (exh1: ``Total › Goods``; exh3/4: ``Total Services › Travel``; exh9: ``Total › Petroleum``;
      exh11: ``Total Census Basis › Petroleum``). ``Total Balance of Payments Basis``,
      ``Net Adjustments``, ``Total Census Basis`` are all level 0 (exh5/6/12/13); the end-use
      categories under "End-Use Commodity Category" are children of ``Total Census Basis``.
      exh16 (no item column) uses line_item ``Advanced technology products`` from its title.
    * Item tables (exh7/8): bold rows are end-use categories (children of ``Total, Census
      Basis``), the commodity rows under a category are its children:
      ``Total, Census Basis › Capital goods, except automotive › Computers``.
      The three top lines (BOP total, Net Adjustments, Census total) are level 0.
    * Country/area tables (exh14, 14a, 19, 20, 20a, 20b, 17a, 18, 16a, 15, 1s, 2s, 2as, 4s,
      4as): hierarchy from the file's indentation (leading spaces, a separate indented label
      column, or the cell's indent); otherwise level 0, except rows under an item with
      "Total" in its name (exh16a technology groups, exh1s NAICS groups): see each builder.
flow / basis / seasonal_adjustment / unit
    flow from the column group heading (Balance, Exports, Imports) or a section row
    (exh6/10/13/17 print "Exports" above a block). seasonal_adjustment from the "Part A/B/C"
    line (A, C seasonally adjusted; B not) or, for supplements, from the title line / section
    rows (exh3s). basis: headings naming "Balance of Payments"/"BOP" -> balance_of_payments,
    "Census" -> census; Net Adjustments -> balance_of_payments (they turn Census basis into
    BOP basis); exhibits 1-4 (goods and services, BOP by their footnote) -> balance_of_payments;
    chained-dollar exhibits (heading "Chained (2012) Dollars") -> chained_dollars; quantities
    and prices -> not_applicable; otherwise census. unit from the heading line
    ("In millions of dollars" -> ``millions of dollars``; with "Chained (2012) Dollars" ->
    ``millions of chained 2012 dollars``) or the column heading ("Quantity (thousands of
    barrels)" -> ``thousands of barrels``, "Unit Price (dollars)" -> ``dollars per barrel``).
location
    ``errors.cell(sheet, row, col)`` of the value cell.

Layout checks: every exhibit names the header cells it relies on (:data:`ANCHORS`); a
shifted row or column, the wrong exhibit in a file's place (title "Exhibit N." must match
the file name), a non-numeric cell where a number belongs, an unknown marker or a corrupt
file each raise one IngestError line naming file, sheet, row and column.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from ..errors import IngestError, cell
from ..schema import HIERARCHY_SEP, frame
from . import ReadResult

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MONTH_ABBR = {m[:3].lower(): i + 1 for i, m in enumerate(MONTHS)}
QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}

#: cell text -> status code (schema.STATUSES); an '(R)' cell marks the value to its right.
MARKERS = {"(X)": "X", "(-)": "-", "n.a.": "n.a.", "(D)": "(D)", "(NA)": "n.a."}
REVISED = "(R)"
#: what looks like a marker: a short parenthesised token, '*' signs, 'n.a.'-like tokens.
MARKER_LIKE = re.compile(r"^\(\s*[^()]{1,4}\s*\)$|^\*+$|^[a-z]{1,3}\.([a-z]{1,3}\.)?$", re.I)
FOOTNOTE = re.compile(r"\s*\((\d+)\)")

#: header cells each exhibit's reader relies on: exhibit -> {cell: text}. Compared after
#: collapsing whitespace and dropping footnote markers; a shifted layout fails here.
ANCHORS: dict[str, dict[str, str]] = {
    "1": {"A5": "Period", "B5": "Balance", "E5": "Exports", "H5": "Imports", "B6": "Total", "C6": "Goods"},
    "12": {"A5": "Period", "B5": "Balance", "D5": "Exports", "G5": "Imports",
           "B6": "Total Balance of Payments Basis", "E6": "Net Adjustments", "F6": "Total Census Basis"},
}


def clean(text: object) -> str:
    """Label as printed, whitespace collapsed, footnote markers ' (1)' removed."""
    s = re.sub(r"\s+", " ", str(text)).strip()
    return FOOTNOTE.sub("", s).strip()


def blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def strip_revised(label: str) -> tuple[str, bool]:
    """'July (R)' -> ('July', True)."""
    if REVISED in label:
        return clean(label.replace(REVISED, " ")), True
    return label, False


@dataclass
class Sheet:
    """One exhibit sheet with the file's name, for error lines."""
    file: str
    ws: object
    exhibit: str

    @property
    def name(self) -> str:
        return self.ws.title

    @property
    def max_row(self) -> int:
        return self.ws.max_row

    @property
    def max_col(self) -> int:
        return self.ws.max_column

    def v(self, row: int, col: int) -> object:
        return self.ws.cell(row, col).value

    def text(self, row: int, col: int) -> str:
        v = self.v(row, col)
        return "" if v is None else clean(v)

    def error(self, row: int, col: int | None, expected: str, found: object) -> IngestError:
        return IngestError(self.file, cell(self.name, row, col), expected, found)

    def row_values(self, row: int) -> list:
        return [self.v(row, c) for c in range(1, self.max_col + 1)]


def a1(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def check_anchors(sh: Sheet) -> None:
    for ref, want in ANCHORS.get(sh.exhibit, {}).items():
        row, col = a1(ref)
        got = sh.v(row, col)
        if clean(got if got is not None else "").lower() != clean(want).lower():
            raise sh.error(row, col, f"header {want!r} (exhibit {sh.exhibit} layout)", got)


# ---------------------------------------------------------------- opening and titles

def open_sheet(path: Path, exhibit: str) -> Sheet:
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError) as exc:
        raise IngestError(path.name, "", "a readable .xlsx workbook", f"<{type(exc).__name__}: {exc}>".replace("\n", " "))
    if not wb.worksheets:
        raise IngestError(path.name, "", "a workbook with one exhibit sheet", "<no sheets>")
    return Sheet(path.name, wb.worksheets[0], exhibit)


def find_title(sh: Sheet, printed: str) -> tuple[int, str]:
    """Row and text of the 'Exhibit N. ...' line; it must name the file's exhibit."""
    for row in range(1, min(sh.max_row, 8) + 1):
        t = sh.text(row, 1)
        m = re.match(r"Exhibit\s+(\w+)\.", t)
        if m:
            if m.group(1).lower() != printed:
                raise sh.error(row, 1, f"the title 'Exhibit {printed}.' ({sh.file} holds exhibit {printed})", t)
            return row, t
    raise sh.error(1, 1, f"a title line 'Exhibit {printed}. ...' in rows 1-8", sh.text(1, 1) or "<empty>")


def seasonal_of(sh: Sheet, title_row: int, title: str) -> str:
    """From the 'Part A/B/C' line above the title, or the supplement's title."""
    text = " ".join(sh.text(r, 1) for r in range(1, title_row + 3)).lower()
    if "not seasonally adjusted" in text:
        return "not_seasonally_adjusted"
    if "seasonally adjusted" in text:
        return "seasonally_adjusted"
    raise sh.error(title_row, 1, "a 'Part A: Seasonally Adjusted' or 'Part B: NOT Seasonally Adjusted' line", text[:80])


def unit_of(sh: Sheet, title_row: int, header_row: int) -> str:
    """The unit the heading lines state ('In millions of dollars.', 'Chained (2012) Dollars')."""
    text = " ".join(sh.text(r, 1) for r in range(title_row, header_row)).lower()
    chained = re.search(r"chained \((\d{4})\) dollars", text)
    m = re.search(r"in (millions|billions|thousands) of dollars", text)
    if m and chained:
        return f"{m.group(1)} of chained {chained.group(1)} dollars"
    if m:
        return f"{m.group(1)} of dollars"
    return ""


# ---------------------------------------------------------------- cells and periods

def cell_value(sh: Sheet, row: int, col: int) -> tuple[float | None, str] | None:
    """(value, status) of a value cell; None for an empty cell; raises on anything else."""
    v = sh.v(row, col)
    if blank(v):
        return None
    if number(v):
        return float(v), ""
    s = str(v).strip()
    if s in MARKERS:
        return None, MARKERS[s]
    if MARKER_LIKE.match(s):
        raise sh.error(row, col, f"a number or a known marker ({', '.join(MARKERS)}, {REVISED})", v)
    raise sh.error(row, col, "a number", v)


def month_number(name: str) -> int | None:
    """'August', 'Aug.', 'Aug', 'Sept.' -> 8 ..., None for anything else."""
    n = name.strip().rstrip(".").lower()
    for i, m in enumerate(MONTHS):
        if n == m.lower() or n == m[:3].lower() or (m == "September" and n == "sept"):
            return i + 1
    return None


YTD = re.compile(r"^Jan\.?\s*-\s*([A-Za-z]*)\.?$")


def period_row(label: str, year: int | None, release: str) -> dict | None:
    """A period label in the first column -> period, period_type (None if not one)."""
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


def year_of(v: object) -> int | None:
    s = str(v).strip() if v is not None else ""
    return int(s) if re.fullmatch(r"(19|20)\d\d", s) else None


def join_status(*codes: str) -> str:
    out: list[str] = []
    for c in codes:
        for s in c.split(";"):
            if s and s not in out:
                out.append(s)
    return ";".join(out)


# ---------------------------------------------------------------- period tables

FLOW_WORDS = {"balance": "balance", "exports": "exports", "imports": "imports"}


def basis_of(label: str, default: str) -> str:
    low = label.lower()
    if "balance of payments" in low or "bop" in low or "net adjust" in low:
        return "balance_of_payments"
    if "census" in low:
        return "census"
    return default


@dataclass
class Col:
    """What a value column means: flow, line item and its place in the hierarchy."""
    col: int
    flow: str | None
    line_item: str
    parents: list[str] = field(default_factory=list)
    basis: str = "census"
    unit: str = ""

    def fields(self) -> dict:
        return {"line_item": self.line_item,
                "hierarchy": HIERARCHY_SEP.join([*self.parents, self.line_item]),
                "level": len(self.parents), "basis": self.basis, "unit": self.unit}


def period_columns(sh: Sheet, header_rows: list[int], default_basis: str, unit: str) -> list[Col]:
    """Columns of a period table: group heading row(s) give the flow, the last row the item."""
    cols: list[Col] = []
    flow = None
    top = header_rows[0]
    for c in range(2, sh.max_col + 1):
        g = sh.text(top, c).lower()
        if g in FLOW_WORDS:
            flow = FLOW_WORDS[g]
        item = sh.text(header_rows[-1], c)
        if not item:
            continue
        cols.append(Col(c, flow, item, basis=basis_of(item, default_basis), unit=unit))
    # a 'Total' column is the parent of the other columns of its flow group
    for group in {c.flow for c in cols}:
        members = [c for c in cols if c.flow == group]
        totals = [c for c in members if c.line_item.lower() in ("total", "total services")]
        if totals:
            for c in members:
                if c is not totals[0]:
                    c.parents = [totals[0].line_item]
    return cols


def read_period_table(sh: Sheet, release: str, header_rows: list[int], cols: list[Col],
                      base: dict) -> list[dict]:
    """Rows are periods (year rows, 'Jan. - Dec.', months, 'as published last month')."""
    records: list[dict] = []
    year = None
    pending_last_month: str | None = None
    section_flow = None
    for row in range(header_rows[-1] + 1, sh.max_row + 1):
        raw_label = sh.v(row, 1)
        label = sh.text(row, 1)
        values = [sh.v(row, c.col) for c in cols]
        has_numbers = any(not blank(v) for v in values)
        if year_of(raw_label) is not None and not any(number(v) for v in values):
            year = year_of(raw_label)
            continue
        if pending_last_month and blank(raw_label) and has_numbers:
            period = {"period": pending_last_month, "period_type": "month"}
            vintage, row_status = "as_published_last_month", ""
            pending_last_month = None
        else:
            lm = last_month_period(label, release)
            if lm:
                pending_last_month = lm
                continue
            text, revised = strip_revised(label)
            period = period_row(text, year, release)
            if period is None:
                if has_numbers:
                    raise sh.error(row, 1, "a period label (a year, 'Jan. - Dec.', a month)", raw_label)
                continue
            vintage, row_status = "current", "R" if revised else ""
        for c in cols:
            got = cell_value(sh, row, c.col)
            if got is None:
                continue
            value, status = got
            records.append({**base, **c.fields(), **period,
                            "flow": c.flow or section_flow,
                            "location": cell(sh.name, row, c.col),
                            "measure": "level", "vintage": vintage,
                            "status": join_status(row_status, status), "value": value})
    return records


# ---------------------------------------------------------------- exhibits

def exhibit_id(stem: str) -> tuple[str, str]:
    """'exh4as' -> ('4as', '4a'): the exhibit column and the number printed in the title."""
    exhibit = stem.lower()[3:]
    printed = exhibit[:-1] if exhibit.endswith("s") else exhibit
    return exhibit, printed


def read_exh_1_12(sh: Sheet, release: str, base: dict) -> list[dict]:
    header = [5, 6]
    cols = period_columns(sh, header, "balance_of_payments", base["unit"])
    return read_period_table(sh, release, header, cols, base)


READERS = {"1": read_exh_1_12, "12": read_exh_1_12}


def read(path: Path, release: str) -> ReadResult:
    """Read one exhibit workbook into one tidy table named by the file's stem."""
    path = Path(path)
    stem = path.stem.lower()
    exhibit, printed = exhibit_id(stem)
    sh = open_sheet(path, exhibit)
    title_row, title = find_title(sh, printed)
    if exhibit not in READERS:
        raise IngestError(path.name, "", "an exhibit this reader knows (" + ", ".join(READERS) + ")", exhibit)
    check_anchors(sh)
    base = {"release": release, "source_file": path.name, "exhibit": exhibit,
            "seasonal_adjustment": seasonal_of(sh, title_row, title),
            "unit": unit_of(sh, title_row, title_row + 4)}
    records = READERS[exhibit](sh, release, base)
    if not records:
        raise sh.error(title_row, 1, "at least one value in the exhibit", "<none>")
    return ReadResult(tables={stem: frame(records)}, titles={stem: title})

"""BEA's time-series workbook ``trad-time-series-MMYY.xlsx`` ("U.S. Trade in Goods and
Services, 1960–present"): a Readme sheet and Tables 1–5, one table id each
(``bea-ts-1`` … ``bea-ts-5``, the exhibit column the same).

Every table sheet has the same shape, which the geo workbook shares (:mod:`.bea_geo`
uses the helpers here):

    row 1   'Last updated April 3, 2025'            -> meta published
    row 2-3 title                                    -> titles
    row 4   '[Millions of dollars, months seasonally adjusted]' -> unit, seasonal adjustment
    'Period' header row(s), then 'Annual' rows (1960 …), then 'Monthly' rows ('1992 Jan' …)
    until the first empty row; '(R)' after a period marks the whole row revised.

Seasonal adjustment is read from the heading's words: "months seasonally adjusted"
qualifies the months only, so annual rows are ``not_seasonally_adjusted`` (BEA's annual
figures are not an adjustment of their own; they match the sum of the adjusted months
to within rounding, see :mod:`tradesite.validate.bea`).

Table 1: balance, exports, imports × Total, Goods, Services (balance of payments basis).
Tables 2/3: services exports/imports by major category (Total › Transport …).
Tables 4/5: the previous presentation, line items as printed; its footnote "(1)" ("revised
but not being maintained in this presentation") becomes status ``n.a.`` with no value.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Iterator

import openpyxl

from ..errors import IngestError, cell
from ..schema import HIERARCHY_SEP, frame
from . import ReadResult

TABLES = 5

MONTHS = {m: f"{i:02d}" for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], start=1)}

#: Cell markers -> schema status (the value is then empty).
MARKERS = {
    "n.a.": "n.a.",  # "n.a. Not available"
    "(1)": "n.a.",  # Tables 4/5 footnote 1: not maintained in the previous presentation
    "(*)": "-",  # geo Table 9: "Transactions between zero and +/- $500,000"
}

#: Labels broken across lines in the header cells, joined back.
WRAPPED = {"Telecom-munications": "Telecommunications"}

SECTIONS = {"Annual": "year", "Monthly": "month", "Quarterly": "quarter"}

HEADING_RE = re.compile(
    r"^\[(?P<unit>[A-Za-z ]+?)(?:, (?P<adjusted>months|quarters) seasonally adjusted)?\]$"
)
UPDATED_RE = re.compile(r"^Last updated (\w+ \d{1,2}, \d{4})$")
PERIOD_RES = {
    "year": re.compile(r"^(?P<year>\d{4})\s*(?P<r>\(R\))?$"),
    "month": re.compile(r"^(?P<year>\d{4}) (?P<month>[A-Z][a-z]{2})\s*(?P<r>\(R\))?$"),
    "quarter": re.compile(r"^(?P<year>\d{4}) (?P<quarter>[1-4])\s*(?P<r>\(R\))?$"),
}


def read(path: Path, release: str) -> ReadResult:
    sheets = load(path)
    result = ReadResult(meta={"published": published(path.name, sheets, "Readme")})
    for n in range(1, TABLES + 1):
        name = f"Table {n}"
        rows = sheet(path.name, sheets, name)
        table_id = f"bea-ts-{n}"
        header = header_row(path.name, name, rows)
        if n == 1:  # two header rows: Balance/Exports/Imports above Total/Goods/Services
            columns, first = table1_columns(path.name, name, rows, header), header + 2
        else:
            columns, first = category_columns(path.name, name, rows, header, flow_of(path.name, name, rows)), header + 1
        result.tables[table_id] = frame(records(path.name, release, table_id, name, rows, first, columns))
        result.titles[table_id] = title(rows)
    return result


# --- helpers shared with bea_geo -------------------------------------------------------


def load(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's rows as tuples of cell values (read-only: the workbooks are large)."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()


def sheet(file: str, sheets: dict[str, list[tuple]], name: str) -> list[tuple]:
    if name not in sheets:
        raise IngestError(file, f"sheet {name!r}", f"a sheet named {name!r}", f"<sheets {list(sheets)}>")
    return sheets[name]


def text(rows: list[tuple], row: int, col: int = 1) -> str:
    """The cell at 1-based (row, col) as stripped text ('' when empty or missing)."""
    if row > len(rows) or col > len(rows[row - 1]) or rows[row - 1][col - 1] is None:
        return ""
    return str(rows[row - 1][col - 1]).strip()


def published(file: str, sheets: dict[str, list[tuple]], name: str) -> str:
    """'Last updated April 3, 2025' in A1 -> '2025-04-03'."""
    found = text(sheet(file, sheets, name), 1)
    m = UPDATED_RE.match(found)
    if not m:
        raise IngestError(file, cell(name, 1, 1), "'Last updated <Month D, YYYY>'", found)
    return dt.datetime.strptime(m.group(1), "%B %d, %Y").date().isoformat()


def title(rows: list[tuple]) -> str:
    """Rows 2 and 3 as one title: 'Table 2. U.S. International Trade in Services by Major Category: Exports'."""
    return f"{text(rows, 2)}: {text(rows, 3)}"


def heading(file: str, name: str, rows: list[tuple], header: int) -> tuple[str, str | None]:
    """'[Millions of dollars, months seasonally adjusted]' -> ('millions of dollars', 'month')."""
    for r in range(1, header):
        found = text(rows, r)
        if found.startswith("["):
            m = HEADING_RE.match(found)
            if not m:
                raise IngestError(file, cell(name, r, 1), "a heading like '[Millions of dollars, months seasonally adjusted]'", found)
            adjusted = {"months": "month", "quarters": "quarter"}.get(m.group("adjusted") or "")
            return m.group("unit").lower(), adjusted
    raise IngestError(file, f"sheet {name!r}, rows 1-{header - 1}", "a '[Millions of dollars, ...]' heading", "<none>")


def header_row(file: str, name: str, rows: list[tuple]) -> int:
    """1-based row whose column A reads 'Period'."""
    for r in range(1, min(len(rows), 20) + 1):
        if text(rows, r) == "Period":
            return r
    raise IngestError(file, f"sheet {name!r}, column A, rows 1-20", "a 'Period' header", "<none>")


def label(value: object) -> str:
    """A header label as printed, footnote marker and line breaks removed: 'Goods 1' -> 'Goods'."""
    s = re.sub(r"\s*\n\s*", " ", str(value)).replace("/ ", "/").strip()
    for broken, whole in WRAPPED.items():
        s = s.replace(broken, whole)
    return re.sub(r"\s+(\d|\(\d\))$", "", s)


def flow_of(file: str, name: str, rows: list[tuple], row: int = 3) -> str:
    """'Exports' / 'Imports of Goods' / 'Balance on Services' in the subtitle -> flow."""
    found = text(rows, row)
    first = found.split(" ")[0].lower()
    if first not in ("exports", "imports", "balance"):
        raise IngestError(file, cell(name, row, 1), "a subtitle starting 'Exports', 'Imports' or 'Balance'", found)
    return first


def column(line_item: str, flow: str, parents: tuple[str, ...] = ()) -> dict:
    return {
        "line_item": line_item,
        "hierarchy": HIERARCHY_SEP.join(parents + (line_item,)),
        "level": len(parents),
        "flow": flow,
    }


def period_of(file: str, where: str, value: object, section: str) -> tuple[str, str]:
    """(period, status) of a row label: 1960 -> '1960'; '1992 Jan' -> '1992-01'; '2024 4 (R)' -> ('2024-Q4', 'R')."""
    s = str(value).strip()
    m = PERIOD_RES[section].match(s)
    if not m or (section == "month" and m.group("month") not in MONTHS):
        examples = {"year": "'2024'", "month": "'2025 Jan' or '2025 Jan (R)'", "quarter": "'2024 4' or '2024 4 (R)'"}
        raise IngestError(file, where, f"a {section} period like {examples[section]}", value)
    year = m.group("year")
    if section == "year":
        period = year
    elif section == "month":
        period = f"{year}-{MONTHS[m.group('month')]}"
    else:
        period = f"{year}-Q{m.group('quarter')}"
    return period, "R" if m.group("r") else ""


def records(
    file: str, release: str, exhibit: str, name: str, rows: list[tuple], first: int, columns: dict[int, dict]
) -> Iterator[dict]:
    """Tidy records of the data rows from ``first`` to the first empty row.

    ``columns`` maps a 1-based column to its line_item, hierarchy, level and flow.
    """
    unit, adjusted = heading(file, name, rows, first)
    section = None
    for r in range(first, len(rows) + 1):
        row = rows[r - 1]
        if all(v is None or str(v).strip() == "" for v in row):
            break
        head = text(rows, r)
        if head in SECTIONS:
            section = SECTIONS[head]
            continue
        if section is None:
            raise IngestError(file, cell(name, r, 1), f"a section row {list(SECTIONS)}", head)
        period, row_status = period_of(file, cell(name, r, 1), row[0], section)
        seasonal = "seasonally_adjusted" if section == adjusted else "not_seasonally_adjusted"
        for c, col in columns.items():
            where = cell(name, r, c)
            v = row[c - 1] if c <= len(row) else None
            status, value = row_status, v
            if isinstance(v, str) and v.strip() in MARKERS:
                status, value = ";".join(s for s in (row_status, MARKERS[v.strip()]) if s), None
            elif isinstance(v, bool) or not isinstance(v, (int, float)):
                raise IngestError(file, where, f"a number or one of {list(MARKERS)}", v)
            yield {
                "release": release,
                "source_file": file,
                "exhibit": exhibit,
                "location": where,
                **col,
                "basis": "balance_of_payments",
                "seasonal_adjustment": seasonal,
                "unit": unit,
                "period": period,
                "period_type": section,
                "measure": "level",
                "vintage": "current",
                "status": status,
                "value": value,
            }


# --- the time-series tables ----------------------------------------------------------


def table1_columns(file: str, name: str, rows: list[tuple], header: int) -> dict[int, dict]:
    """Two header rows: 'Balance' / 'Exports' / 'Imports' above 'Total', 'Goods 1', 'Services'.

    A group starts at each 'Total'; its name is the one label printed above its columns.
    """
    sub = rows[header]  # the row below 'Period'
    starts = [c for c in range(2, len(sub) + 1) if sub[c - 1] is not None and label(sub[c - 1]) == "Total"]
    expected = ["Total", "Goods", "Services"]
    columns: dict[int, dict] = {}
    for start in starts:
        labels = [label(v) for v in sub[start - 1:start + 2]]
        if labels != expected:
            raise IngestError(file, cell(name, header + 1, start), f"the labels {expected}", labels)
        above = [text(rows, header, c) for c in range(start, start + 3) if text(rows, header, c)]
        flows = [a.lower() for a in above]
        if len(flows) != 1 or flows[0] not in ("exports", "imports", "balance"):
            raise IngestError(file, cell(name, header, start), "one of 'Balance', 'Exports', 'Imports' above the group", above)
        for offset, item in enumerate(expected):
            columns[start + offset] = column(item, flows[0], () if item == "Total" else ("Total",))
    if sorted({c["flow"] for c in columns.values()}) != ["balance", "exports", "imports"]:
        raise IngestError(file, f"sheet {name!r}, rows {header}-{header + 1}", "Balance, Exports and Imports groups",
                          sorted({c["flow"] for c in columns.values()}))
    return columns


def category_columns(file: str, name: str, rows: list[tuple], header: int, flow: str) -> dict[int, dict]:
    """One header row: 'Total', then the categories, each under Total."""
    labels = {c: label(v) for c, v in enumerate(rows[header - 1], start=1) if c > 1 and v is not None and str(v).strip()}
    if not labels or labels.get(2) != "Total":
        raise IngestError(file, cell(name, header, 2), "'Total'", text(rows, header, 2))
    return {c: column(item, flow, () if c == 2 else ("Total",)) for c, item in labels.items()}

"""The sheet layout of BEA's time-series and countries workbooks, read once for both.

    row 1   'Last updated April 3, 2025'            -> meta published
    row 2-3 title                                    -> titles
    row 4   '[Millions of dollars, months seasonally adjusted]' -> unit, seasonal adjustment
    'Period' header row(s), then 'Annual' rows (1960 …), then 'Monthly' rows ('1992 Jan' …)
    or 'Quarterly' rows ('2024 4'), until the first empty row; '(R)' after a period marks the
    whole row revised.

Seasonal adjustment is read from the heading's words: "months seasonally adjusted"
qualifies the months only, so annual rows are ``not_seasonally_adjusted`` (BEA's annual
figures are not an adjustment of their own; they match the sum of the adjusted months
to within rounding, see :mod:`tradesite.validate.bea`). Periods and markers are the
engine's (:func:`..engine.periods.bea_row`, :data:`..engine.markers.BEA_STATUS`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from ... import workbooks
from ...errors import IngestError, cell
from ...schema import HIERARCHY_SEP
from ..engine import coverage, markers
from ..engine.periods import BEA_ROW, BEA_SECTIONS, bea_row, year_of

#: Labels broken across lines in the header cells, joined back.
WRAPPED = {"Telecom-munications": "Telecommunications"}

HEADING_RE = re.compile(r"^\[(?P<unit>[A-Za-z ]+?)(?:, (?P<adjusted>months|quarters) seasonally adjusted)?\]$")
UPDATED_RE = re.compile(r"^Last updated (\w+ \d{1,2}, \d{4})$")


def load(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's rows as tuples of cell values (read-only: the workbooks are large)."""
    try:
        wb = workbooks.load_xlsx(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; all mean the same
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:120]
        raise IngestError(
            path.name,
            "",
            "a readable .xlsx workbook (the file is damaged or truncated: download it again)",
            f"<{detail}>",
        ) from None
    try:
        sheets = {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()
    for name, found in workbooks.formulas(path).items():  # BEA's one formula: each table's 'Last updated' line
        workbooks.refuse_formulas(path.name, found, name, allowed={(1, 1): "=Readme!A1"})
    return sheets


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
                raise IngestError(
                    file, cell(name, r, 1), "a heading like '[Millions of dollars, months seasonally adjusted]'", found
                )
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


def column(line_item: str, flow: str, parents: tuple[str, ...] = ()) -> dict:
    return {
        "line_item": line_item,
        "hierarchy": HIERARCHY_SEP.join(parents + (line_item,)),
        "level": len(parents),
        "flow": flow,
    }


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
            check_end(file, name, rows, r, columns)
            break
        head = text(rows, r)
        if head in BEA_SECTIONS:
            section = BEA_SECTIONS[head]
            continue
        if section is None:
            raise IngestError(file, cell(name, r, 1), f"a section row {list(BEA_SECTIONS)}", head)
        period, row_status = bea_row(
            row[0],
            section,
            lambda expected, found: IngestError(file, cell(name, r, 1), expected, found),  # noqa: B023 (called at once)
        )
        seasonal = "seasonally_adjusted" if section == adjusted else "not_seasonally_adjusted"
        for c, col in columns.items():
            where = cell(name, r, c)
            v = row[c - 1] if c <= len(row) else None
            status, value = row_status, v
            if isinstance(v, str) and v.strip() in markers.BEA_STATUS:
                status, value = markers.join_status(row_status, markers.BEA_STATUS[v.strip()]), None
            elif v is None or (isinstance(v, str) and not v.strip()):
                raise IngestError(
                    file,
                    where,
                    f"a number or one of {list(markers.BEA_STATUS)} (BEA's tables leave no "
                    "value cell of a period empty: was the file edited? download it again)",
                    "<an empty cell>",
                )
            elif isinstance(v, bool) or not isinstance(v, (int, float)):
                raise IngestError(file, where, f"a number or one of {list(markers.BEA_STATUS)}", v)
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


def check_end(file: str, name: str, rows: list[tuple], end: int, columns: dict[int, dict]) -> None:
    """A table ends at its first empty row: below it BEA prints only notes ('(R) Revised', footnotes).
    A period or a value below it means a row was emptied inside the table, and the rest would be
    lost without a word: refused, naming the row."""
    for r in range(end + 1, len(rows) + 1):
        row = rows[r - 1]
        label = str(row[0]).strip() if row and row[0] is not None else ""
        period = label in BEA_SECTIONS or any(p.match(label) for p in BEA_ROW.values())
        values = [c for c in columns if c <= len(row) and row[c - 1] is not None and str(row[c - 1]).strip()]
        if period or values:
            raise IngestError(
                file,
                cell(name, end, 1),
                f"a table's end: only notes below its first empty row, "
                f"and row {r} holds {label or row[values[0] - 1]!r} (was a row of the table emptied? "
                "download the file again)",
                "<an empty row>",
            )


def skipped_cells(sheets: dict[str, list[tuple]], kept: set[str], file: str = "") -> dict[str, str]:
    """Numeric cells not kept as values, and why: the years labelling the annual rows in
    column A. Any other number is refused (``file``): BEA's workbooks print none outside their
    tables (see :mod:`..engine.coverage`), so it would be left out without a word."""
    out: dict[str, str] = {}
    for name, rows in sheets.items():
        for r, values in enumerate(rows, start=1):
            for c, v in enumerate(values, start=1):
                if not coverage.numeric(v) or (where := cell(name, r, c)) in kept:
                    continue
                if c == 1 and year_of(v):
                    out[where] = coverage.PERIOD_LABEL
                elif file:
                    raise IngestError(
                        file,
                        where,
                        "no number here: BEA's numbers are the values of its tables and "
                        "the years of their rows (was the file edited? download it again)",
                        v,
                    )
    return out

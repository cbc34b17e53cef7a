"""BEA's time-series workbook ``trad-time-series-MMYY.xlsx`` ("U.S. Trade in Goods and
Services, 1960–present"): a Readme sheet and Tables 1–5, one table id each
(``bea-ts-1`` … ``bea-ts-5``, the exhibit column the same).

Every table sheet has the shape the geo workbook shares (:mod:`.bea.workbook`).

Table 1: balance, exports, imports × Total, Goods, Services (balance of payments basis).
Tables 2/3: services exports/imports by major category (Total › Transport …).
Tables 4/5: the previous presentation, line items as printed; its footnote "(1)" ("revised
but not being maintained in this presentation") becomes status ``not_maintained`` with no value.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import IngestError, cell
from ..schema import frame
from . import ReadResult
from .bea.workbook import column, header_row, label, load, published, records, sheet, skipped_cells, text, title

TABLES = 5


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
    result.skipped = skipped_cells(sheets, {loc for df in result.tables.values() for loc in df["location"]}, path.name)
    return result


def flow_of(file: str, name: str, rows: list[tuple], row: int = 3) -> str:
    """'Exports' / 'Imports of Goods' / 'Balance on Services' in the subtitle -> flow."""
    found = text(rows, row)
    first = found.split(" ")[0].lower()
    if first not in ("exports", "imports", "balance"):
        raise IngestError(file, cell(name, row, 1), "a subtitle starting 'Exports', 'Imports' or 'Balance'", found)
    return first


def table1_columns(file: str, name: str, rows: list[tuple], header: int) -> dict[int, dict]:
    """Two header rows: 'Balance' / 'Exports' / 'Imports' above 'Total', 'Goods 1', 'Services'.

    A group starts at each 'Total'; its name is the one label printed above its columns.
    """
    sub = rows[header]  # the row below 'Period'
    starts = [c for c in range(2, len(sub) + 1) if sub[c - 1] is not None and label(sub[c - 1]) == "Total"]
    expected = ["Total", "Goods", "Services"]
    columns: dict[int, dict] = {}
    for start in starts:
        labels = [label(v) for v in sub[start - 1 : start + 2]]
        if labels != expected:
            raise IngestError(file, cell(name, header + 1, start), f"the labels {expected}", labels)
        above = [text(rows, header, c) for c in range(start, start + 3) if text(rows, header, c)]
        flows = [a.lower() for a in above]
        if len(flows) != 1 or flows[0] not in ("exports", "imports", "balance"):
            raise IngestError(
                file, cell(name, header, start), "one of 'Balance', 'Exports', 'Imports' above the group", above
            )
        for offset, item in enumerate(expected):
            columns[start + offset] = column(item, flows[0], () if item == "Total" else ("Total",))
    if sorted({c["flow"] for c in columns.values()}) != ["balance", "exports", "imports"]:
        raise IngestError(
            file,
            f"sheet {name!r}, rows {header}-{header + 1}",
            "Balance, Exports and Imports groups",
            sorted({c["flow"] for c in columns.values()}),
        )
    return columns


def category_columns(file: str, name: str, rows: list[tuple], header: int, flow: str) -> dict[int, dict]:
    """One header row: 'Total', then the categories, each under Total."""
    labels = {
        c: label(v) for c, v in enumerate(rows[header - 1], start=1) if c > 1 and v is not None and str(v).strip()
    }
    if not labels or labels.get(2) != "Total":
        raise IngestError(file, cell(name, header, 2), "'Total'", text(rows, header, 2))
    return {c: column(item, flow, () if c == 2 else ("Total",)) for c, item in labels.items()}

"""BEA's countries workbook ``trad-geo-time-series-MMYY.xlsx`` ("U.S. International Trade
by Selected Countries and Areas"): Tables 1–9, table ids ``bea-geo-1`` … ``bea-geo-9``.

Tables 1–3 are exports, imports and balance of goods and services, 4–6 of goods,
7–9 of services (the subtitle says which, e.g. 'Imports of Goods'); each has one column
per country or area (``line_item`` as printed, areas such as 'European Union' included),
annual rows (not seasonally adjusted) and quarterly rows (``2024-Q4``, seasonally
adjusted, as the heading '[Millions of dollars, quarters seasonally adjusted]' says).
The sheet layout is the time-series workbook's, so the parsing is shared with
:mod:`.bea.workbook`.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import IngestError, cell
from ..schema import frame
from . import ReadResult
from .bea.workbook import column, header_row, label, load, published, records, sheet, skipped_cells, text, title

#: Table number -> (flow, coverage), as the subtitles in row 3 print them ('Imports of Goods').
#: The reader checks every sheet against it; validation relies on it.
LAYOUT = {
    1: ("exports", "goods and services"),
    2: ("imports", "goods and services"),
    3: ("balance", "goods and services"),
    4: ("exports", "goods"),
    5: ("imports", "goods"),
    6: ("balance", "goods"),
    7: ("exports", "services"),
    8: ("imports", "services"),
    9: ("balance", "services"),
}
SUBTITLE = {"exports": "Exports of", "imports": "Imports of", "balance": "Balance on"}


def read(path: Path, release: str) -> ReadResult:
    sheets = load(path)
    result = ReadResult(meta={"published": published(path.name, sheets, "Readme")})
    for n, (flow, what) in LAYOUT.items():
        name = f"Table {n}"
        rows = sheet(path.name, sheets, name)
        table_id = f"bea-geo-{n}"
        header = header_row(path.name, name, rows)
        expected = f"{SUBTITLE[flow]} {what}"
        if text(rows, 3).lower() != expected.lower():
            raise IngestError(path.name, cell(name, 3, 1), f"the subtitle {expected.title()!r}", text(rows, 3))
        columns = {
            c: column(label(v), flow)
            for c, v in enumerate(rows[header - 1], start=1)
            if c > 1 and v is not None and str(v).strip()
        }
        if not columns:
            raise IngestError(path.name, cell(name, header, 2), "country and area names after 'Period'", None)
        result.tables[table_id] = frame(records(path.name, release, table_id, name, rows, header + 1, columns))
        result.titles[table_id] = title(rows)
    result.skipped = skipped_cells(sheets, {loc for df in result.tables.values() for loc in df["location"]}, path.name)
    return result

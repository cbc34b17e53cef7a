"""An exhibit workbook's sheet, read once, with error lines that name file, sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ... import workbooks
from ...errors import IngestError, cell
from ..engine.text import clean


class Worksheet(Protocol):
    """What the readers use of a worksheet: openpyxl's, or :class:`...workbooks.Sheet` for an .xls."""

    title: str
    max_row: int
    max_column: int

    def cell(self, row: int, column: int) -> Any: ...


@dataclass
class Sheet:
    """The exhibit's sheet and the file's name, for error lines."""

    file: str
    ws: Worksheet
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

    def rows(self):
        """Every row's values, top to bottom."""
        if hasattr(self.ws, "iter_rows"):
            return self.ws.iter_rows(values_only=True)
        return ([self.v(r, c) for c in range(1, self.max_col + 1)] for r in range(1, self.max_row + 1))


def open_sheet(path: Path, exhibit: str) -> Sheet:
    """The workbook's first sheet; a damaged file is one error line."""
    xls = path.suffix.lower() == ".xls"  # Census's archive of older years: read with formatting by workbooks.py
    try:
        ws = workbooks.first_sheet(path) if xls else workbooks.load_xlsx(path, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; all mean the same
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:120]
        raise IngestError(
            path.name,
            "",
            f"a readable {'.xls' if xls else '.xlsx'} workbook (the file is damaged or truncated: download it again)",
            f"<{detail}>",
        ) from None
    sheet = Sheet(path.name, ws, exhibit)
    if not xls:
        workbooks.refuse_formulas(path.name, workbooks.formulas(path).get(ws.title, {}), ws.title)
    return sheet

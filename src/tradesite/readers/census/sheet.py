"""An exhibit workbook's sheet, read once, with error lines that name file, sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl

from ...errors import IngestError, cell
from ..engine.text import clean


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


def open_sheet(path: Path, exhibit: str) -> Sheet:
    """The workbook's first sheet; a damaged file is one error line."""
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; all mean the same
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:120]
        raise IngestError(path.name, "", "a readable .xlsx workbook (the file is damaged or truncated: "
                          "download it again)", f"<{detail}>") from None
    return Sheet(path.name, wb.worksheets[0], exhibit)

"""Old-format Excel workbooks (``.xls``, BIFF8), which Census's archive serves for older
years, read into the part of openpyxl's worksheet interface the readers use.

``first_sheet(path)`` gives ``title``, ``max_row``, ``max_column`` and ``cell(row, col)``
(1-based) with ``value``, ``alignment.indent`` and ``font.b``: the Census item exhibits mark
their hierarchy by cell indent and bold, so a reader of values alone (calamine, pandas)
would flatten it without a word. xlrd reads .xls with its formatting.

Values come as openpyxl gives them from an .xlsx: None for an empty cell, int for a whole
number, float, str, bool, datetime for a date cell, '#N/A'-style text for an error cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class _Alignment:
    indent: int = 0


@dataclass(frozen=True)
class _Font:
    b: bool = False


@dataclass(frozen=True)
class Cell:
    value: object = None
    alignment: _Alignment = _Alignment()
    font: _Font = _Font()


class Sheet:
    """One .xls worksheet, read once into cells."""

    def __init__(self, book, sheet) -> None:
        import xlrd

        self.title = sheet.name
        self.max_row, self.max_column = sheet.nrows, sheet.ncols
        self._cells: dict[tuple[int, int], Cell] = {}
        for r in range(sheet.nrows):
            for c in range(sheet.ncols):
                x = sheet.cell(r, c)
                value = _value(x, book, xlrd)
                xf = book.xf_list[x.xf_index] if x.xf_index is not None else None
                indent = xf.alignment.indent_level if xf is not None else 0
                bold = bool(book.font_list[xf.font_index].bold) if xf is not None else False
                if value is not None or indent or bold:
                    self._cells[(r + 1, c + 1)] = Cell(value, _Alignment(indent), _Font(bold))

    def cell(self, row: int, column: int) -> Cell:
        return self._cells.get((row, column), Cell())


def _value(x, book, xlrd) -> object:
    if x.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if x.ctype == xlrd.XL_CELL_NUMBER:
        return int(x.value) if float(x.value).is_integer() else float(x.value)
    if x.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate.xldate_as_datetime(x.value, book.datemode)
    if x.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(x.value)
    if x.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(x.value, "#ERR")
    return x.value


def first_sheet(path: Path) -> Sheet:
    """The first worksheet of an .xls workbook (xlrd raises on a damaged file)."""
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    try:
        return Sheet(book, book.sheet_by_index(0))
    finally:
        book.release_resources()

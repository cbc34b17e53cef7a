"""Old-format Excel workbooks (``.xls``, BIFF8), which Census's archive serves for older
years, read into the part of openpyxl's worksheet interface the readers use.

``first_sheet(path)`` gives ``title``, ``max_row``, ``max_column`` and ``cell(row, col)``
(1-based) with ``value``, ``alignment.indent`` and ``font.b``: the Census item exhibits mark
their hierarchy by cell indent and bold, so a reader of values alone (calamine, pandas)
would flatten it without a word. xlrd reads .xls with its formatting.

Values come as openpyxl gives them from an .xlsx: None for an empty cell, int for a whole
number, float, str, bool, datetime for a date cell, '#N/A'-style text for an error cell.

``formulas(path)`` lists the formula cells of an .xlsx (openpyxl hides them behind their cached
results), so that a reader refuses a value typed over with a formula (:func:`refuse_formulas`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import IngestError, cell


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


# ---------------------------------------------------------------- formulas in an .xlsx

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def formulas(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Every formula cell of an .xlsx workbook: sheet title -> {(row, column): '=formula'}
    (1-based; '=(shared formula)' where the cell reuses another's). The official workbooks
    hold numbers as published (Census's none at all, BEA's one '=Readme!A1' per table for its
    'Last updated' line); openpyxl gives a formula's cached result, or None where the file was
    saved without one, so a value typed over with a formula would pass unseen without this.
    A file that is not a readable .xlsx gives {} (its reader then says so)."""
    import io
    import posixpath
    import re
    import xml.etree.ElementTree as ET
    import zipfile

    out: dict[str, dict[tuple[int, int], str]] = {}
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            book = ET.fromstring(z.read("xl/workbook.xml"))
            rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
            targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG}Relationship")}
            for sheet in book.iter(f"{_MAIN}sheet"):
                target = targets.get(sheet.get(f"{_REL}id"), "")
                part = (
                    target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
                )
                if part not in names:
                    continue
                data = z.read(part)
                if b"<f" not in data and b":f" not in data:  # no formula at all: the usual case
                    continue
                found: dict[tuple[int, int], str] = {}
                for _, el in ET.iterparse(io.BytesIO(data)):
                    if el.tag.endswith("}c") or el.tag == "c":
                        f = next((x for x in el if x.tag.endswith("}f") or x.tag == "f"), None)
                        m = re.fullmatch(r"([A-Z]{1,3})(\d+)", el.get("r") or "")
                        if f is not None and m:
                            col = 0
                            for ch in m.group(1):
                                col = col * 26 + ord(ch) - 64
                            found[(int(m.group(2)), col)] = f"={f.text}" if f.text else "=(shared formula)"
                        el.clear()
                if found:
                    out[sheet.get("name", "")] = found
    except (OSError, KeyError, zipfile.BadZipFile, ET.ParseError, ValueError):
        return {}
    return out


def zip_damage(path: Path) -> str | None:
    """Why an .xlsx (a zip) is not whole, or None when every member reads back with its checksum:
    the fetcher's check of a download and the readers' check before openpyxl, which skips parts."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        return f"not a whole zip file: {' '.join(str(exc).split())[:80]}"
    except Exception as exc:  # zlib.error and kin on a damaged member
        return f"a damaged zip member: {type(exc).__name__}"
    return f"member {bad} fails its CRC" if bad else None


def load_xlsx(path: Path, **options):
    """openpyxl's workbook of an .xlsx, without its links to other workbooks (``keep_links=False``:
    nothing here reads their cached copies, which were half of a 2021 release's ingest time), once
    the file is whole (:func:`zip_damage`): a damaged part the reader skips (such a link) still
    means a damaged download. Raises ``zipfile.BadZipFile``, or what openpyxl raises."""
    import zipfile

    import openpyxl

    damage = zip_damage(path)
    if damage is not None:
        raise zipfile.BadZipFile(damage)
    return openpyxl.load_workbook(path, keep_links=False, **options)


#: what a formula in an official workbook means for its reader
FORMULA = (
    "a value as published (the official workbooks hold numbers and text, no formulas: was the file "
    "edited? download it again)"
)


def refuse_formulas(
    file: str, found: dict[tuple[int, int], str], sheet: str, allowed: dict[tuple[int, int], str] | None = None
) -> None:
    """One error line for the first formula of a sheet (by row, then column) that ``allowed``
    (cell -> formula) does not list."""
    for (row, col), formula in sorted(found.items()):
        if (allowed or {}).get((row, col)) != formula:
            raise IngestError(file, cell(sheet, row, col), FORMULA, f"<a formula, {formula}>")

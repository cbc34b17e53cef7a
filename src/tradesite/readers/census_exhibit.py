"""Census FT-900 exhibit workbooks ``exhN.xlsx`` -> one tidy table per file.

Table id = the file stem (``exh7``, ``exh14a``, ``exh4as``); ``exhibit`` = the stem without
``exh`` (``7``, ``14a``, ``1s``, ``4as``: the ``s``/``as`` files are the supplemental NAICS,
state and country exhibits, whose titles read "Exhibit 1.", "Exhibit 4a."). The title is
the printed "Exhibit N. ..." line, joined with the next line where it ends in a comma.

Periods, markers, labels and the hierarchy follow the engine's conventions
(:mod:`tradesite.readers.engine`), which the PDF reader shares. What is particular to the
workbooks lives in :mod:`.census`: each exhibit's layout (:mod:`.census.layout`: header
rows, first data row, anchor cells), the headings (:mod:`.census.headings`: flows, periods,
units and items are read from them) and the two table shapes (:mod:`.census.tables`).

Where the workbooks decide something the engine leaves to the format
=====================================================================
* Depth of a row: the label column (exh17a prints countries one column right), the cell's
  indent (exh14/14a/15/16a), leading spaces (exh2s/2as) or, where nothing is indented, bold
  rows as groups with the plain rows under them (exh7/8).
* Period tables, items are column headings: a ``Total``/``Total Services`` column is the
  parent of the other columns of its flow when no balance-of-payments total is printed beside
  it (exh1/2 ``Total › Goods``; exh3/4 ``Total Services › Travel``; exh9 ``Total › Petroleum``);
  end-use categories (exh6/10/13) hang under ``Total Census Basis``; exh16 has no item heading:
  line_item is the title's subject. exh3s: each valuation column is a line item.
* Column groups put their name first: exh18 ``Passenger Cars › TOTAL › Canada``; exh2s/2as
  ``Manufactured Commodities › U.S. Total › Texas``; exh16a names its two blocks
  ``Technology Group › Total › Aerospace`` and ``Selected Countries and Areas › Total › ...``.
* flow: the column heading, else a section row ('Exports' above a block), else the title
  ('U.S. Exports of Goods by ...'). basis: headings or labels naming "Balance of Payments" /
  "Net Adjustments" -> ``balance_of_payments``; "Census" -> ``census``; otherwise the
  exhibit's default (:attr:`.census.layout.Spec.basis`). seasonal_adjustment: the "Part A/B/C"
  line, else the title, else section rows (exh3s). unit: the heading line ("In millions of
  dollars", "Chained (2012) Dollars") or the column heading ("Quantity (thousands of barrels)").
* Every value column is kept: the "Rank" columns of exh4s/4as (measure ``rank``, of the year
  to date, as the heading lines say the countries are ranked), the C.I.F.-valued imports of
  exh3s/4s/4as/17a (basis ``cif``; the Census basis is customs value) and exh1s's "Calculated
  Duty" (measure ``calculated_duty`` of the imports for consumption).
* location: ``errors.cell(sheet, row, col)`` of the value cell: ``sheet '7', row 99, column B``.

Layout checks: each exhibit names the header cells it relies on (``Spec.anchors``); a
shifted row or column, the wrong exhibit in a file's place (the title "Exhibit N." must
match the file name), a non-numeric cell where a number belongs, an unknown marker or a
damaged file each raise one :class:`IngestError` line naming file, sheet, row and column.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import IngestError
from ..schema import frame
from . import ReadResult
from .census.layout import SPECS, check_anchors
from .census.sheet import Sheet, open_sheet
from .census.tables import read_item_table, read_period_table, skipped_cells
from .engine.text import clean


def find_title(sh: Sheet, printed: str) -> tuple[int, str]:
    """Row and text of the 'Exhibit N. ...' line; it must name the file's exhibit."""
    for row, col in ((r, c) for r in range(1, 9) for c in range(1, 4)):
        t = sh.text(row, col)
        m = re.match(r"Exhibit\s+(\w+)\.", t)
        if m and col > 1:
            raise sh.error(
                row,
                col,
                f"the title 'Exhibit {printed}. ...' in column A (exhibit {sh.exhibit} layout; "
                "has a column been inserted?)",
                t,
            )
        if m:
            if m.group(1).lower() != printed:
                raise sh.error(
                    row,
                    1,
                    f"the title 'Exhibit {printed}. ...' ({sh.file} holds exhibit {printed}; "
                    f"is another exhibit saved under this name?)",
                    t,
                )
            title = t
            nxt = sh.text(row + 1, 1)
            if t.endswith(",") and nxt:  # the title goes on ("..., Not Seasonally Adjusted: 2021")
                title = f"{t} {nxt}"
            return row, title
    raise sh.error(1, 1, f"a title line 'Exhibit {printed}. ...' in rows 1-8", sh.text(1, 1) or "<empty>")


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
    base = {
        "release": release,
        "source_file": path.name,
        "exhibit": exhibit,
        "seasonal_adjustment": seasonal_of(sh, title_row, title),
        "unit": unit_of(sh, title_row, spec.header[0]),
        "flow": title_flow(title),
    }
    empty: dict[str, str] = {}
    if spec.kind == "period":
        subject = re.sub(r"^Exhibit \w+\.\s*(U\.S\.\s*)?(Trade in\s*)?", "", clean(title))
        records = read_period_table(sh, spec, release, base, subject, empty)
    else:
        records = read_item_table(sh, spec, release, base)
    if not records:
        raise sh.error(spec.data, 1, "values below the headings", "<none>")
    for r in records:
        if not r["unit"]:
            raise sh.error(title_row, 1, "a unit in the heading lines ('In millions of dollars', ...)", "<none>")
        if r["seasonal_adjustment"] is None:
            raise sh.error(title_row, 1, "a 'Seasonally Adjusted' or 'NOT Seasonally Adjusted' line", title)
    skipped = skipped_cells(sh, spec, {r["location"] for r in records})
    return ReadResult(tables={stem: frame(records)}, titles={stem: title}, skipped=skipped, empty=empty)

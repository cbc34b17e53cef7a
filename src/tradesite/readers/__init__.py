"""One reader per official file type (the modules of :data:`MODULES`), each with
``read(path, release) -> ReadResult``; a format's parts beside them (:mod:`.census`, :mod:`.pdf`,
:mod:`.bea`).

Readers only read: they never edit the file, never check accounting identities
(that is :mod:`tradesite.validate`), and raise :class:`tradesite.errors.IngestError`
naming file, sheet or page, row and column when the file is not what they expect.
What their tables mean is decided once for every format in :mod:`.engine`.

:func:`read` then refuses a file of another month than the release it is filed under
(:func:`.engine.coverage.check_month`, and BEA's and the PDF's MMYY names), so that
nothing of it is written.
"""

from __future__ import annotations

import importlib
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ..sources import kind_of, mmyy
from .engine import coverage


@dataclass
class ReadResult:
    #: table id (unique within a release, also the CSV's stem) -> tidy frame (schema.COLUMNS)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    #: table id -> the table's title as printed ("Exhibit 7. U.S. Exports of Goods by ...")
    titles: dict[str, str] = field(default_factory=dict)
    #: structured text sections (release PDF): {"section", "heading", "anchor", "paragraphs", "page"}
    notes: list[dict] = field(default_factory=list)
    #: facts the file itself states: "published", "next_release" (ISO dates), "url" (transcribed)
    meta: dict = field(default_factory=dict)
    #: numeric cells met and not kept: position -> why (:mod:`.engine.coverage`)
    skipped: dict[str, str] = field(default_factory=dict)
    #: the release PDF: a value's tidy location -> its word's position (:func:`.engine.coverage.word_at`)
    positions: dict[str, str] = field(default_factory=dict)
    #: months the file names as its own, and where: [('2025-03', 'page 1, title')]
    holds: list[tuple[str, str]] = field(default_factory=list)
    #: value cells the report itself leaves empty: position -> why (a month still to come); any
    #: other empty value cell is refused by the reader, so these are all there are (the ingest counts them)
    empty: dict[str, str] = field(default_factory=dict)


MODULES = {
    "census_exhibit": "census_exhibit",
    "ft900_pdf": "ft900_pdf",
    "bea_timeseries": "bea_timeseries",
    "bea_geo": "bea_geo",
    "transcribed": "transcribed",
}


def read(path: Path, release: str) -> ReadResult:
    """Read one official file with the reader its name calls for."""
    kind = kind_of(path.name)
    if kind is None:
        raise IngestError(
            path.name,
            "",
            "an official file name (exhN.xlsx, tradMMYY.pdf, trad-time-series-MMYY.xlsx, "
            "trad-geo-time-series-MMYY.xlsx or headlines.csv)",
            path.name,
        )
    module = importlib.import_module(f"{__name__}.{MODULES[kind]}")
    result = module.read(path, release)
    coverage.check_month(path.name, release, result.holds, result.tables, result.meta.get("published"))
    check_name(path.name, release)
    return result


def check_name(name: str, release: str) -> None:
    """BEA's files and the release PDF carry their month in the name ('trad-time-series-0325.xlsx')."""
    m = re.search(r"(\d\d)(\d\d)\.\w+$", name)
    if kind_of(name) in ("ft900_pdf", "bea_timeseries", "bea_geo") and m and m.group(0)[:4] != mmyy(release):
        found = f"20{m.group(2)}-{m.group(1)}"
        raise IngestError(
            name,
            "",
            f"the name of release {release}'s file (MMYY {mmyy(release)}: the folder it is filed under)",
            f"<{found}'s name>",
            hint=f"file it under {found}",
        )


def stated_dates(path: Path) -> dict[str, str]:
    """The dates a release's file states about the release, without reading its tables: the
    release PDF's page 1 ("published" and "next_release"), BEA's workbooks' "Last updated"
    ("published"); {} for a file that states none (Census's workbooks) or cannot be read (the
    ingest then says why)."""
    kind = kind_of(Path(path).name)
    try:
        if kind == "ft900_pdf":
            from .ft900_pdf import release_meta
            from .pdf.layout import Document

            doc = Document(Path(path))
            try:
                return release_meta(doc)
            finally:
                doc.close()
        if kind in ("bea_timeseries", "bea_geo"):
            from .. import workbooks
            from .bea.workbook import published

            wb = workbooks.load_xlsx(path, read_only=True, data_only=True)
            try:
                rows = [tuple(r) for r in wb["Readme"].iter_rows(min_row=1, max_row=3, values_only=True)]
            finally:
                wb.close()
            return {"published": published(Path(path).name, {"Readme": rows}, "Readme")}
    except (IngestError, KeyError, OSError, ValueError, zipfile.BadZipFile):
        return {}
    return {}

"""A table's CSV download: the tidy long form of the figures the table shows.

The page keeps the reader's layout (items down, periods across; "July 2021 (R)"); the CSV has
one row per figure, in the columns of the release's tidy tables (:data:`tradesite.schema.COLUMNS`:
``release``, ``source_file``, ``location`` … ``period`` (ISO: ``2025``, ``2025-03``, ``2025-Q1``),
``period_type``, ``unit``, ``status`` (``R`` for revised), ``value``), so that one README
describes every download. Tables that compare figures across releases (vintages, revisions)
keep one row per figure compared, with the columns their notes name. Written as UTF-8 with a
byte order mark, which Excel needs to read "›" and "–" right; plain numbers, a hyphen-minus.

Every other release's table CSV is published gzip-compressed (``<chapter>-<table>.csv.gz``,
the same bytes inside): a version's CSVs were half its size (2.76 of 5.57 MB in 2025-03) and
gzip makes them 19 times smaller, which is what lets 120 versions fit GitHub Pages (issue 20,
README "Ten years"). pandas, R's data.table and every desktop unzip tool read it as is. The 13
bundled releases (:data:`PLAIN_CSV_RELEASES`, up to January 2026) may already be published with
plain ``.csv`` URLs, which are permanent, so they keep them.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re

import pandas as pd

from ...schema import COLUMNS
from .model import Table

BOM = "\ufeff"
#: Columns every long form has (the source is ``source_file`` or, comparing two files, ``*_source_file``).
REQUIRED = ("release", "period", "period_type", "unit", "status")
ISO_PERIOD = re.compile(r"^\d{4}(?:-\d{2}|-Q[1-4])?$")


#: The releases whose versions were built with plain ``.csv`` downloads (every bundled release
#: before the gzip decision); their URLs are permanent, so they are never renamed.
PLAIN_CSV_RELEASES = frozenset(
    "2021-03 2021-05 2021-08 2021-09 2021-12 2022-02 2024-12 2025-01 2025-02 2025-03 2025-11 2025-12 2026-01".split()
)


def gzipped(release_id: str | None) -> bool:
    """Whether the release's table CSVs are published gzip-compressed (``.csv.gz``); a table made
    up in a test (no release) keeps plain CSV."""
    return release_id is not None and release_id not in PLAIN_CSV_RELEASES


def csv_name(chapter_slug: str, table: Table, release_id: str | None = None) -> str:
    return f"{chapter_slug}-{table.id}.csv" + (".gz" if gzipped(release_id) else "")


#: What a spreadsheet reads as a formula at the start of a cell (OWASP's CSV injection list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet shows as text: a label that starts like a formula ('=SUM(…)', '@cmd',
    '-Other') gets a leading apostrophe, which Excel and LibreOffice hide; numbers stay numbers."""
    if len(text) > 1 and text.startswith(FORMULA_START) and not _NUMBER.match(text):  # a lone '-' is a status
        return "'" + text
    return text


def spreadsheet_safe_csv(raw: bytes) -> bytes:
    """A tidy table's CSV (UTF-8) with every text cell :func:`spreadsheet_safe`: the same bytes
    where no cell starts like a formula (every bundled release), rewritten only where one does."""
    text = raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    safe = [[spreadsheet_safe(v) for v in row] for row in rows]
    if safe == rows:
        return raw
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(safe)
    return out.getvalue().encode("utf-8")


def csv_text(v) -> str:
    """How one cell is written: plain numbers (no separators, integers without '.0'), text as is
    (safe to open in a spreadsheet: :func:`spreadsheet_safe`)."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        f = float(v)
        return str(int(f)) if f.is_integer() else repr(round(f, 6))
    return spreadsheet_safe(str(v))


def _melted(table: Table, release_id: str | None) -> pd.DataFrame:
    """A table without a long form (made up in a test): (row, column, value) per figure."""
    frame = table.frame
    label = str(frame.columns[0])
    rows = []
    for r in frame.itertuples(index=False):
        for col, v in zip(frame.columns[1:], r[1:]):
            if csv_text(v) != "":
                rows.append(
                    {
                        "release": release_id or "",
                        label: r[0],
                        "column": str(col),
                        "value": v,
                        "unit": table.unit,
                        "status": "",
                        "source": table.source,
                    }
                )
    return pd.DataFrame(rows, columns=["release", label, "column", "value", "unit", "status", "source"])


def long_form(table: Table, release_id: str | None = None) -> pd.DataFrame:
    """The CSV's rows: the table's tidy long form (schema columns in schema order when it has
    them all), checked: every required column, an ISO period, a source."""
    if table.long is None:
        return _melted(table, release_id)
    df = table.long.reset_index(drop=True)
    if set(COLUMNS) <= set(df.columns):
        df = df[COLUMNS]
    where = f"table {table.id!r} ({table.title})"
    missing = [c for c in REQUIRED if c not in df.columns]
    if not any(c == "source_file" or c.endswith("_source_file") for c in df.columns):
        missing.append("source_file")
    if missing:
        raise ValueError(f"{where}: its long form lacks {', '.join(missing)}; expected the tidy schema's columns")
    bad = df[~df["period"].astype(str).str.match(ISO_PERIOD)]
    if not bad.empty:
        raise ValueError(
            f"{where}: long-form row {bad.index[0]} has period {bad['period'].iloc[0]!r}; "
            "expected an ISO period (2025, 2025-03, 2025-Q1)"
        )
    return df


def to_csv(table: Table, release_id: str | None = None) -> bytes:
    """The CSV download's bytes: UTF-8 with a byte order mark, one row per figure; gzip-compressed
    where :func:`gzipped` (no name or time inside, so a rebuild gives the same bytes)."""
    df = long_form(table, release_id)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([str(c) for c in df.columns])
    for row in df.itertuples(index=False):
        w.writerow([csv_text(v) for v in row])
    data = (BOM + buf.getvalue()).encode("utf-8")
    return gzip.compress(data, compresslevel=9, mtime=0) if gzipped(release_id) else data

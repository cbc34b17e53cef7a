"""Table renderer: one :class:`~tradesite.site.model.Table` -> HTML + its CSV download.

The HTML (``templates/table.html.j2``) shows the frame as it stands: numbers with thousands
separators and the sign the release prints, labels indented by hierarchy level, status markers
such as "(R)" as given, the unit in the header. Beside it: the CSV of exactly that frame and the
official source (file, exhibit, page or sheet) linked to the file's URL with its sha256.
Site search indexes a table's caption and row labels ("Crude oil", "Ireland"), never its figures:
the table itself carries ``data-search-exclude`` and a hidden paragraph after it lists the caption
and each distinct label once. (Marking every figure cell instead would add ~20 bytes per cell:
+48 % HTML on the what-changed page, past the page budget of tests/site/test_build.py.)
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field

import pandas as pd

from . import templating
from .model import Table
from ..report.numbers import thousands

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FILE_RE = re.compile(r"[\w.-]+\.(?:xlsx|pdf|csv)")
NUMBER_TEXT_RE = re.compile(r"^[-−+]?[\d,]*\.?\d+%?$")  # '-123.0', '1,234': right-aligned like numbers


@dataclass
class Rendered:
    html: str
    files: dict[str, bytes] = field(default_factory=dict)


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and not (isinstance(v, float) and math.isnan(v))


def _numeric_column(col: pd.Series) -> bool:
    """Numbers, or text that reads as numbers ('-123.0'): right-aligned, header too."""
    if pd.api.types.is_numeric_dtype(col):
        return True
    texts = [str(v) for v in col if cell_text(v)]
    return bool(texts) and all(NUMBER_TEXT_RE.match(t) for t in texts)


def cell_text(v) -> str:
    """How one cell is shown: numbers with separators, missing as empty, text as is."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return ""
    if _is_number(v):
        return thousands(v)
    return str(v)


def csv_text(v) -> str:
    """How one cell is written to the CSV: plain numbers (no separators), text as is."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return ""
    if _is_number(v):
        f = float(v)
        return str(int(f)) if f.is_integer() else repr(round(f, 6))
    return str(v)


def to_csv(frame: pd.DataFrame) -> bytes:
    """The CSV download: exactly the table shown (header = column names)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        w.writerow([csv_text(v) for v in row])
    return buf.getvalue().encode("utf-8")


def csv_name(chapter_slug: str, table: Table) -> str:
    return f"{chapter_slug}-{table.id}.csv"


def _official_url(url: str | None, name: str, release) -> str:
    """A source's URL as release.json records it; only an http(s) address becomes a link."""
    if url and not url.startswith(("https://", "http://")):
        raise ValueError(
            f"data/releases/{release.id}/release.json: source {name!r} has url {url!r}; "
            "expected the official https:// address (re-ingest the release)"
        )
    return url or ""


def source_parts(source: str, release) -> list:
    """The source text split into strings and, for each file the release knows (first
    mention), ``{name, url, sha256}``: what ``templates/source.html.j2`` links."""
    if release is None:
        return [source]
    parts: list = []
    seen: set[str] = set()
    at = 0
    for m in FILE_RE.finditer(source):
        name = m.group(0)
        if name in seen:
            continue
        try:
            s = release.source(name)
        except StopIteration:
            continue
        seen.add(name)
        parts += [source[at:m.start()], {"name": name, "url": _official_url(s["url"], name, release), "sha256": s["sha256"]}]
        at = m.end()
    parts.append(source[at:])
    return [p for p in parts if p != ""]


def source_html(source: str, release) -> str:
    """'Exhibit 7, exh7.xlsx, sheet '7'' with the file linked to its official URL and sha256."""
    return templating.render("source.html.j2", parts=source_parts(source, release))


def _th(scope: str, text: str, cls: str = "", rowspan: int = 0, colspan: int = 0) -> dict:
    return {"scope": scope, "text": text, "cls": cls, "rowspan": rowspan, "colspan": colspan}


def header_rows(cols: list[str], numeric: list[bool]) -> list[list[dict]]:
    """One header row, or two when columns are named 'Group: part' ('Balance: total'):
    the groups span their parts, as the exhibits print them. Cells as ``table.html.j2`` takes them."""
    split = [c.split(": ", 1) if ": " in c else [c] for c in cols]
    cls = ["ts-num" if num else "" for num in numeric]
    if all(len(x) == 1 for x in split[1:]):
        return [[_th("col", c, k) for c, k in zip(cols, cls)]]
    top, bottom = [], []
    i = 0
    while i < len(cols):
        if len(split[i]) == 1:
            top.append(_th("col", cols[i], cls[i], rowspan=2))
            i += 1
            continue
        group, j = split[i][0], i
        while j < len(cols) and len(split[j]) == 2 and split[j][0] == group:
            bottom.append(_th("col", split[j][1], cls[j]))
            j += 1
        top.append(_th("colgroup", group, "ts-group", colspan=j - i))
        i = j
    return [top, bottom]


def render(table: Table, chapter_slug: str, release=None, folder: str | None = None) -> Rendered:
    """Render one table of chapter ``chapter_slug`` whose page is ``<folder>/index.md``
    (folder defaults to the slug; '' for the release home)."""
    folder = chapter_slug if folder is None else folder
    if not ID_RE.match(table.id):
        raise ValueError(f"table id {table.id!r}: expected lowercase letters, digits and '-'")
    frame = table.frame
    levels = table.levels or [0] * len(frame)
    if len(levels) != len(frame):
        raise ValueError(f"table {table.id!r}: {len(levels)} levels for {len(frame)} rows")
    cols = [str(c) for c in frame.columns]
    numeric = [_numeric_column(frame[c]) for c in frame.columns]
    body = [
        {
            "level": min(int(level), 6),
            "label": cell_text(row[0]),
            "cells": [{"text": cell_text(v), "num": bool(num or _is_number(v) or NUMBER_TEXT_RE.match(str(v)))}
                      for v, num in zip(row[1:], numeric[1:])],
        }
        for level, row in zip(levels, frame.itertuples(index=False))
    ]
    name = csv_name(chapter_slug, table)
    out = templating.render(
        "table.html.j2", id=table.id, title=table.title, unit=table.unit, head=header_rows(cols, numeric),
        body=body, notes=table.notes, csv=name, parts=source_parts(table.source, release),
        search_labels=list(dict.fromkeys(r["label"] for r in body if r["label"])),
    )
    return Rendered(out, {(f"{folder}/{name}" if folder else name): to_csv(frame)})

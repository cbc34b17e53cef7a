"""Table renderer: one :class:`~tradesite.site.render.model.Table` -> HTML + its CSV download.

The HTML (``templates/table.html.j2``) keeps the reader's layout of the frame: labels indented
by hierarchy, numbers right-aligned in tabular figures with thousands separators, one precision
per column (never more than its coarsest figure has), a true minus sign (U+2212), status markers
such as "(R)" as the release prints them, the unit in the caption. The table scrolls inside its
own frame with its header row and first column kept in view. A table longer than
:data:`LONG_ROWS` shows a readable part on the chapter page (:data:`PREVIEW_ROWS` rows) and every
row on pages of its own (``<chapter>/<table>/``), each under the page budget of
:data:`TABLE_ELEMENTS` elements.

The CSV (:mod:`.table_csv`) is the tidy long form of the figures the table shows, one row per
figure with its ISO period, unit, status, release and source.

Site search indexes a table's caption and row labels ("Crude oil", "Ireland"), never its figures:
the table itself carries ``data-search-exclude`` and a hidden paragraph after it lists the caption
and each distinct label once, every row of a long table included. (Marking every figure cell
instead would add ~20 bytes per cell.)
"""

from __future__ import annotations

import math
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from . import templating
from .markup import md
from .model import Table
from .table_csv import csv_name, to_csv
from .urls import series_href

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FILE_RE = re.compile(r"[\w.-]+\.(?:xlsx|xls|pdf|csv)")
NUMBER_TEXT_RE = re.compile(r"^[-−+]?[\d,]*\.?\d+%?$")  # '-123.0', '1,234': right-aligned like numbers
MINUS = "\u2212"

#: A table with more rows than this shows only a part on its chapter page ...
LONG_ROWS = 40
#: ... this many rows (the first, or the last for periods in time order).
PREVIEW_ROWS = 20
#: Elements a page of a long table spends on the table; the theme's header, navigation and footer
#: take about 400 more, so a page stays under 3,000 elements.
TABLE_ELEMENTS = 2_400


@dataclass
class Page:
    """A page of a long table's rows: ``path`` (relative to docs), its title and Markdown body."""

    path: str
    title: str
    description: str
    markdown: str


@dataclass
class Rendered:
    html: str
    files: dict[str, bytes] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)


# ---------------------------------------------------------------- numbers


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and not (isinstance(v, float) and math.isnan(v))


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def places(v: float) -> int:
    """Decimal places a figure carries as published: 140.5 -> 1, -48.032 -> 3, 1180.0 -> 0."""
    text = repr(round(float(v), 6))
    if "e" in text:
        return 6
    frac = text.partition(".")[2].rstrip("0")
    return len(frac)


def figure(v: float, decimals: int | None = None) -> str:
    """A figure as a table shows it: thousands separators, ``decimals`` places (default: its own),
    rounded half away from zero as the release rounds, a true minus sign: -73252 -> '−73,252'."""
    decimals = places(v) if decimals is None else decimals
    d = Decimal(str(float(v))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{abs(d):,}"
    return f"{MINUS}{text}" if d < 0 else text


def cell_text(v, decimals: int | None = None) -> str:
    """How one cell is shown: numbers as :func:`figure`, missing as empty, text as is (a number
    written as text, '-123.0', gets the true minus sign)."""
    if _missing(v):
        return ""
    if _is_number(v):
        return figure(v, decimals)
    text = str(v)
    if text.startswith("-") and NUMBER_TEXT_RE.match(text):
        return MINUS + text[1:]
    return text


def _numeric_column(col: pd.Series) -> bool:
    """Numbers, or text that reads as numbers ('-123.0'): right-aligned, header too."""
    if pd.api.types.is_numeric_dtype(col):
        return True
    texts = [str(v) for v in col if cell_text(v)]
    return bool(texts) and all(NUMBER_TEXT_RE.match(t) for t in texts)


def column_decimals(table: Table) -> list[int | None]:
    """Decimal places of each value column: as the table says, else the most any of its figures
    has (so 120.0 beside 123.4 reads 120.0); None for a column without numbers."""
    out: list[int | None] = []
    for col in list(table.frame.columns)[1:]:
        if table.decimals and str(col) in table.decimals:
            out.append(table.decimals[str(col)])
            continue
        nums = [v for v in table.frame[col] if _is_number(v)]
        out.append(max(places(v) for v in nums) if nums else None)
    return out


# ---------------------------------------------------------------- sources


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
        parts += [
            source[at : m.start()],
            {"name": name, "url": _official_url(s["url"], name, release), "sha256": s["sha256"]},
        ]
        at = m.end()
    parts.append(source[at:])
    return [p for p in parts if p != ""]


def source_html(source: str, release) -> str:
    """'Exhibit 7, exh7.xlsx, sheet '7'' with the file linked to its official URL and sha256."""
    return templating.render("source.html.j2", parts=source_parts(source, release))


def series_links(cells: list[dict], folder: str) -> None:
    """Each row label (and a column heading that is one series) links to its series page in the
    explorer at the site root, in the HTML itself (a reader without JavaScript follows it too):
    sets each cell's ``href`` from its series id ``s``."""
    for c in cells:
        c["href"] = series_href(c.get("s"), folder)


# ---------------------------------------------------------------- layout


def _th(scope: str, text: str, cls: str = "", rowspan: int = 0, colspan: int = 0) -> dict:
    return {"scope": scope, "text": text, "cls": cls, "rowspan": rowspan, "colspan": colspan, "s": None}


def header_rows(cols: list[str], numeric: list[bool], extra: Sequence[str] = ()) -> list[list[dict]]:
    """One header row, or two when columns are named 'Group: part' ('Balance: total'):
    the groups span their parts, as the exhibits print them. ``extra`` columns (the row's
    source) come last. Cells as ``table.html.j2`` takes them."""
    split = [c.split(": ", 1) if ": " in c else [c] for c in cols]
    cls = ["ts-num" if num else "" for num in numeric]
    if all(len(x) == 1 for x in split[1:]):
        return [[_th("col", c, k) for c, k in zip(cols, cls)] + [_th("col", e, "ts-prov") for e in extra]]
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
    top += [_th("col", e, "ts-prov", rowspan=2) for e in extra]
    return [top, bottom]


def body_rows(table: Table) -> list[dict]:
    """Each row as the template takes it: level, label, cells (text, numeric), source."""
    frame = table.frame
    levels = table.levels or [0] * len(frame)
    numeric = [_numeric_column(frame[c]) for c in frame.columns][1:]
    decimals = column_decimals(table)
    prov: Sequence[tuple[str, str] | None] = table.provenance or [None] * len(frame)
    row_series = table.series or [None] * len(frame)
    row_decimals: Sequence[int | None] = table.row_decimals or [None] * len(frame)
    return [
        {
            "level": min(int(level), 6),
            "label": cell_text(row[0]),
            "s": sid,  # the row's series in the explorer (site root): see series_links
            "cells": [
                {
                    "text": cell_text(v, d if own is None else own),
                    "num": bool(num or _is_number(v) or NUMBER_TEXT_RE.match(str(v))),
                }
                for v, num, d in zip(row[1:], numeric, decimals)
            ],
            "prov": {"short": p[0], "full": p[1]} if p else None,
        }
        for level, row, p, sid, own in zip(levels, frame.itertuples(index=False), prov, row_series, row_decimals)
    ]


def rows_per_page(table: Table) -> int:
    """How many rows a page of a long table holds within :data:`TABLE_ELEMENTS`: a row is a
    ``tr``, a ``th`` and a ``td`` per value column (a source disclosure adds three)."""
    per_row = 1 + table.frame.shape[1] + (3 if table.provenance else 0)
    return max(PREVIEW_ROWS, TABLE_ELEMENTS // per_row)


def _check(table: Table) -> None:
    if not ID_RE.match(table.id):
        raise ValueError(f"table id {table.id!r}: expected lowercase letters, digits and '-'")
    n = len(table.frame)
    given_per_row = (
        ("levels", table.levels),
        ("provenance", table.provenance),
        ("series", table.series),
        ("row_decimals", table.row_decimals),
    )
    for what, given in given_per_row:
        if given is not None and len(given) != n:
            raise ValueError(f"table {table.id!r}: {len(given)} {what} for {n} rows")
    if table.preview not in ("first", "last"):
        raise ValueError(f"table {table.id!r}: preview {table.preview!r}; expected 'first' or 'last'")


def _html(
    table: Table,
    body: list[dict],
    head,
    csv_href: str,
    parts: list,
    search_labels: list[str],
    folder: str,
    caption_extra: str = "",
    more: dict | None = None,
    pager: list[dict] | None = None,
) -> str:
    body = [dict(r) for r in body]  # links are relative to this page's folder
    head = [[dict(c) for c in row] for row in head]
    series_links(body + [c for row in head for c in row], folder)
    return templating.render(
        "table.html.j2",
        id=table.id,
        title=table.title,
        unit=table.unit,
        head=head,
        body=body,
        notes=table.notes,
        csv=csv_href,
        parts=parts,
        search_labels=search_labels,
        caption_extra=caption_extra,
        more=more,
        pager=pager or [],
        tall=PREVIEW_ROWS,
    )


def render(
    table: Table, chapter_slug: str, release=None, folder: str | None = None, chapter_title: str = ""
) -> Rendered:
    """Render one table of chapter ``chapter_slug`` whose page is ``<folder>/index.md``
    (folder defaults to the slug; '' for the release home). A long table also gets its pages
    (``Rendered.pages``: Markdown bodies; the caller adds the front matter)."""
    folder = chapter_slug if folder is None else folder
    _check(table)
    cols = [str(c) for c in table.frame.columns]
    numeric = [_numeric_column(table.frame[c]) for c in table.frame.columns]
    head = header_rows(cols, numeric, ["Source"] if table.provenance else [])
    if table.column_series and len(head) == 1:  # a column that is one series: its heading links to it
        for cell, sid in zip(head[0], table.column_series):
            cell["s"] = sid
    body = body_rows(table)
    release_id = getattr(release, "id", None)
    name = csv_name(chapter_slug, table, release_id)
    csv_path = f"{folder}/{name}" if folder else name
    parts = source_parts(table.source, release)
    labels = list(dict.fromkeys(r["label"] for r in body if r["label"]))
    files = {csv_path: to_csv(table, release_id)}
    if len(body) <= LONG_ROWS:
        return Rendered(_html(table, body, head, name, parts, labels, folder), files)

    shown = body[:PREVIEW_ROWS] if table.preview == "first" else body[-PREVIEW_ROWS:]
    per_page = rows_per_page(table)
    chunks = [body[i : i + per_page] for i in range(0, len(body), per_page)]
    base = f"{folder}/{table.id}" if folder else table.id
    paths = [f"{base}/index.md"] + [f"{base}/{k}/index.md" for k in range(2, len(chunks) + 1)]
    more = {"href": f"{table.id}/", "n": len(body), "shown": len(shown), "which": table.preview, "pages": len(chunks)}
    html = _html(table, shown, head, name, parts, labels, folder, more=more)
    pages = []
    for k, (chunk, path) in enumerate(zip(chunks, paths), start=1):
        here = posixpath.dirname(path)
        first = (k - 1) * per_page + 1
        span = f"rows {first:,}–{first + len(chunk) - 1:,} of {len(body):,}"
        pager = (
            [
                {
                    "href": posixpath.relpath(posixpath.dirname(p), here) + "/",
                    "k": j,
                    "current": j == k,
                    "span": f"{(j - 1) * per_page + 1:,}–{min(j * per_page, len(body)):,}",
                }
                for j, p in enumerate(paths, start=1)
            ]
            if len(chunks) > 1
            else []
        )
        back = posixpath.relpath(folder or ".", here) + "/"
        table_html = _html(
            table,
            chunk,
            head,
            posixpath.relpath(csv_path, here),
            parts,
            [],
            here,
            caption_extra=span if len(chunks) > 1 else f"all {len(body):,} rows",
            pager=pager,
        )
        title = f"{table.title}: all rows" + (f", page {k} of {len(chunks)}" if len(chunks) > 1 else "")
        intro = templating.render(
            "table_page.html.j2", back=back, chapter=chapter_title, shown=len(shown), which=table.preview, n=len(body)
        )
        markdown = f"# {md(title)}\n\n{intro}\n\n{table_html}\n"
        pages.append(Page(path, title, f"{table.title}, {span}.", markdown))
    return Rendered(html, files, pages)

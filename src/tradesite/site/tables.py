"""Table renderer: one :class:`~tradesite.site.model.Table` -> HTML + its CSV download.

The HTML shows the frame as it stands: numbers with thousands separators and the sign
the release prints, labels indented by hierarchy level, status markers such as "(R)"
as given, the unit in the header. Beside it: the CSV of exactly that frame and the
official source (file, exhibit, page or sheet) linked to the file's URL with its sha256.
"""

from __future__ import annotations

import csv
import html
import io
import math
import re
from dataclasses import dataclass, field

import pandas as pd

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


def source_html(source: str, release) -> str:
    """'Exhibit 7, exh7.xlsx, sheet '7'' with the file linked to its official URL and sha256."""
    text = html.escape(source, quote=False)
    if release is None:
        return text
    for name in sorted(set(FILE_RE.findall(source)), key=len, reverse=True):
        try:
            s = release.source(name)
        except StopIteration:
            continue
        link = (
            f'<a href="{html.escape(s["url"] or "", quote=True)}" title="sha256 {s["sha256"]}">{html.escape(name)}</a>'
            f' <span class="ts-sha" title="sha256 of the official file">sha256 <code>{s["sha256"][:12]}…</code></span>'
        )
        text = text.replace(html.escape(name, quote=False), link, 1)
    return text


def header_rows(cols: list[str], numeric: list[bool]) -> str:
    """One header row, or two when columns are named 'Group: part' ('Balance: total'):
    the groups span their parts, as the exhibits print them."""
    split = [c.split(": ", 1) if ": " in c else [c] for c in cols]
    cls = [' class="ts-num"' if num else "" for num in numeric]
    if all(len(x) == 1 for x in split[1:]):
        return "<tr>" + "".join(f'<th scope="col"{k}>{html.escape(c)}</th>' for c, k in zip(cols, cls)) + "</tr>"
    top, bottom = [], []
    i = 0
    while i < len(cols):
        if len(split[i]) == 1:
            top.append(f'<th scope="col" rowspan="2"{cls[i]}>{html.escape(cols[i])}</th>')
            i += 1
            continue
        group, j = split[i][0], i
        while j < len(cols) and len(split[j]) == 2 and split[j][0] == group:
            bottom.append(f'<th scope="col"{cls[j]}>{html.escape(split[j][1])}</th>')
            j += 1
        top.append(f'<th scope="colgroup" colspan="{j - i}" class="ts-group">{html.escape(group)}</th>')
        i = j
    return "<tr>" + "".join(top) + "</tr><tr>" + "".join(bottom) + "</tr>"


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

    head = header_rows(cols, numeric)
    body = []
    for level, row in zip(levels, frame.itertuples(index=False)):
        label = html.escape(cell_text(row[0]))
        cells = [f'<th scope="row" class="ts-l{min(int(level), 6)}">{label}</th>']
        for v, num in zip(row[1:], numeric[1:]):
            cls = ' class="ts-num"' if num or _is_number(v) or NUMBER_TEXT_RE.match(str(v)) else ""
            cells.append(f"<td{cls}>{html.escape(cell_text(v))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")

    name = csv_name(chapter_slug, table)
    caption = f"{html.escape(table.title)} <span class=\"ts-unit\">({html.escape(table.unit)})</span>" if table.unit \
        else html.escape(table.title)
    notes = f'<p class="ts-table-notes">{html.escape(table.notes)}</p>\n' if table.notes else ""
    out = (
        f'<div class="ts-table" id="table-{table.id}" data-search-exclude>\n'
        f"<table>\n<caption>{caption}</caption>\n"
        f"<thead>{head}</thead>\n"
        f"<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n"
        + notes
        + f'<p class="ts-table-source"><a href="{name}" download>Download this table (CSV)</a> · '
        f"Source: {source_html(table.source, release)}</p>\n"
        f"</div>"
    )
    return Rendered(out, {(f"{folder}/{name}" if folder else name): to_csv(frame)})

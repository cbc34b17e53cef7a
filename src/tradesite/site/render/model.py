"""What a chapter returns: plain data, no Markdown plumbing.

A chapter module builds a :class:`Chapter` from a :class:`tradesite.report.catalog.ReleaseView`;
the renderers (:mod:`.charts`, :mod:`.tables`, :mod:`..release.pages`) turn its blocks into
Markdown, SVG, chart-data JSON and CSV downloads. Chapters never write files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass
class Text:
    """Markdown prose (narrative sentences, headings, notes)."""

    markdown: str


@dataclass
class Chart:
    """An Altair chart built on an in-memory DataFrame (``alt.Chart(df)``).

    The renderer writes the data the chart encodes to a file beside the page, renders a static
    SVG at build time (a wide and a narrow layout) and embeds the spec for interactivity.
    Colours come from :mod:`tradesite.site.render.theme` (``theme.color``), never from the chart.
    """

    id: str  # unique within the chapter; used in file names: [a-z0-9-]
    title: str  # shown above the chart, as text
    chart: Any  # altair chart (no theme settings: the theme is applied by the renderer)
    description: str  # what kind of chart of what, for screen readers (the SVG's label)
    source: str  # e.g. "Exhibit 1, exh1.xlsx"; the renderer adds "Source: U.S. Census Bureau, BEA"
    unit: str = ""  # e.g. "billions of dollars" (also in the axis title)
    #: (series id, words) of the lines drawn: the caption links each to the explorer (report.series.series_of)
    series: list[tuple[str, str]] = field(default_factory=list)
    #: one sentence of what the chart shows, from its data ("Imports rose from ... to ..."),
    #: shown under the title: for screen readers, readers without JavaScript, and everyone
    summary: str = ""
    #: False: the static SVG only, no data file and no live chart. For the long histories every
    #: release repeats (BEA's since 1992 and 1999): each of their lines is live, with every vintage,
    #: in the series explorer, which the caption links.
    interactive: bool = True


@dataclass
class Table:
    """A table exactly as shown; the CSV download is this frame as it stands.

    ``frame``'s first column is the row label; other columns hold numbers (formatted by
    the renderer with thousands separators, signs as given) or strings such as "(R)".
    ``levels`` (same length as the frame) indents labels by hierarchy depth.
    """

    id: str  # unique within the chapter: [a-z0-9-]; the CSV is <chapter>-<id>.csv
    title: str
    frame: pd.DataFrame
    unit: str  # "millions of dollars"; shown in the header
    source: str  # "Exhibit 7, exh7.xlsx, sheet '7'" (file, exhibit, page or sheet)
    levels: list[int] | None = None
    notes: str = ""  # footnote under the table (markdown)
    #: per row, the series its label links to (the explorer's /series/<id>/), or None
    series: list[str | None] | None = None
    #: per column (the label column first), the series its heading links to, or None
    column_series: list[str | None] | None = None
    #: the CSV: the tidy long form of the figures shown, one row per figure with its ISO ``period``,
    #: ``unit``, ``status`` and source (the tidy schema's columns for exhibit tables); None: the frame
    #: melted to (row, column, value) (tables made up in tests)
    long: pd.DataFrame | None = None
    #: decimal places shown per column (by column name); a column not named shows as many as its
    #: most precise figure has. Set it where a column mixes precisions: never show more than the
    #: coarsest figure has (a transcribed $0.1 billion beside a file's $0.001 billion)
    decimals: dict[str, int] | None = None
    #: decimal places shown per row (None: the column's), for a table whose rows each have their own
    #: unit (what changed: a percentage printed to six places beside millions printed whole must not
    #: give "26,922.000000")
    row_decimals: list[int | None] | None = None
    #: per row, (short, full): where the row's figures are (file, sheet, row, column), behind a
    #: disclosure in a last "Source" column, for tables whose rows come from different files
    provenance: list[tuple[str, str]] | None = None
    #: the rows a long table shows on its chapter page: "first" (totals first) or "last" (periods
    #: in time order, newest last); every row is on the table's own pages and in the CSV
    preview: str = "first"


Block = Text | Chart | Table


@dataclass
class Chapter:
    slug: str  # stable URL segment: /RELEASE/<slug>/
    title: str
    summary: str  # one plain sentence: the home page's chapter list and the page description
    blocks: list[Block] = field(default_factory=list)
    exhibits: list[str] = field(default_factory=list)  # exhibits this page was built from
    search_boost: float | None = None  # > 1 ranks the page higher in the site search (the methodology notes)
    #: a partly covered chapter: what this release's files hold, in a reader's words
    #: ("the monthly total of goods exports, seasonally adjusted (exhibit 1)")
    held: str = ""

    def charts(self) -> list[Chart]:
        return [b for b in self.blocks if isinstance(b, Chart)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

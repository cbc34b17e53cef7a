"""Where a figure comes from, in one line: the source-line builder, and the official pages.

A table or chart names the exhibit and the official file it was read from, with the
sheet or the page, read off the rows themselves (``source_file`` and ``location``), so
the line is right whichever file of the release carried the exhibit.
"""

from __future__ import annotations

import pandas as pd

from ..sources import census_url, kind_of
from .vocabulary import exhibit_name, exhibit_order


def source(df: pd.DataFrame, computed: bool = False) -> str:
    """ "Exhibit 7, exh7.xlsx (sheet '7')", "Exhibit 7, trad0325.pdf pages 20–21",
    "BEA countries Tables 4, 5, 6, trad-geo-time-series-0125.xlsx (sheets ...)"; with
    ``computed``, "Computed from exhibit 1, exh1.xlsx (sheet '1')"."""
    parts = []
    for file, rows in df.groupby("source_file", sort=False):
        names = [exhibit_name(e) for e in sorted(dict.fromkeys(rows["exhibit"]), key=exhibit_order)]
        what = _names(names)
        locations = rows["location"].astype(str)
        sheets = list(dict.fromkeys(locations.str.findall(r"sheet '[^']*'").explode().dropna()))
        pages = sorted({int(p) for p in locations.str.findall(r"page (\d+)").explode().dropna()})
        if sheets:
            where = f" ({', '.join(sheets)})" if len(sheets) == 1 else f" (sheets {', '.join(s[6:] for s in sheets)})"
        elif pages:
            where = f" page {pages[0]}" if len(pages) == 1 else f" pages {pages[0]}–{pages[-1]}"
        else:
            where = ""
        parts.append(f"{what}, {file_label(file)}{where}")
    line = "; ".join(parts)
    if computed and line:
        return "Computed from " + (f"e{line[1:]}" if line.startswith("Exhibit") else line)
    return line


def _names(names: list[str]) -> str:
    """['BEA countries Table 4', 'BEA countries Table 5'] -> 'BEA countries Tables 4, 5'."""
    if len(names) > 1 and all(" Table " in n for n in names) and len({n.rsplit(" ", 1)[0] for n in names}) == 1:
        return names[0].rsplit(" ", 1)[0] + "s " + ", ".join(n.rsplit(" ", 1)[1] for n in names)
    return ", ".join(names)


def official_page(release_id: str) -> str:
    """The Census folder of a release's official files (exhibits, and the release text in
    ft900.pdf), filed by statistical month: .../Press-Release/2026pr/01/."""
    return census_url(release_id, "")


def file_label(source_file: str) -> str:
    """How a page names a file: the official file's own name; a transcription of the release
    page (not an official data file) as such."""
    return "the release page, transcribed" if kind_of(str(source_file)) == "transcribed" else str(source_file)

"""The simulated release PDF: a documented stand-in at the level of the tidy tables.

The real ``tradMMYY.pdf`` is not rewritten (its numbers and dates would have to be redacted
and re-set word by word so that :mod:`tradesite.readers.ft900_pdf` reads them back; not
attempted in this first version). Instead, a complete simulated release gets what the ingest
would have read from its PDF, made from the same truth:

* ``pdf-exhN`` for each of the 31 exhibits: the simulated workbook's table, figure for figure
  (the real PDF prints the same exhibits line for line; ``validate.cross_source`` holds them
  to tolerance 0), with the PDF as ``source_file`` and a location naming the page the March 2025
  PDF prints the exhibit on and the workbook cell it stands for:
  ``page 14 (simulated stand-in), sheet '1', row 10, column B``;
* ``notes.json``: the March 2025 release's text, every 'Month YYYY' moved by the months between
  March 2025 and the simulated release, its first heading saying '(simulated)';
* in ``release.json``: a source entry for ``tradMMYY.pdf`` with ``"simulated": "tidy-level
  stand-in, no file"`` (no URL, sha256 or size), the next release's simulated date.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from ..sources import mmyy
from . import calendar as cal
from .truth import BASE_BEA, BASE_DATA

MONTH_YEAR = re.compile(r"\b(" + "|".join(cal.MONTH_NAMES) + r")(\s+)(\d{4})\b")


def pdf_name(release: str) -> str:
    return f"trad{mmyy(release)}.pdf"


class StandIn:
    def __init__(self, data_dir: Path = BASE_DATA) -> None:
        folder = data_dir / BASE_BEA
        meta = json.loads((folder / "release.json").read_text(encoding="utf-8"))
        self.titles = {t["id"]: t["title"] for t in meta["tables"] if t["id"].startswith("pdf-")}
        self.pages = {}
        for p in folder.glob("pdf-exh*.csv"):
            first = pd.read_csv(p, usecols=["location"], nrows=1)["location"].iloc[0]
            page = re.match(r"page (\d+)", first)
            if page is None:
                raise ValueError(f"{p.name}: locations start 'page N', not {first!r}")
            self.pages[p.stem] = int(page.group(1))
        self.notes = json.loads((folder / "notes.json").read_text(encoding="utf-8"))

    def tables(
        self, release: str, workbook_tables: dict[str, pd.DataFrame]
    ) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
        """(pdf-exhN tables, their titles) from the release's simulated workbook tables."""
        out, titles = {}, {}
        for table_id, df in workbook_tables.items():
            pid = f"pdf-{table_id}"
            page = self.pages.get(pid, 0)
            out[pid] = df.assign(
                source_file=pdf_name(release),
                location=[f"page {page} (simulated stand-in), {loc}" for loc in df["location"]],
            )
            titles[pid] = self.titles.get(pid, "")
        return out, titles

    def notes_for(self, release: str) -> list[dict]:
        shift = cal.index(release) - cal.index(BASE_BEA)

        def move(text: str) -> str:
            def sub(m: re.Match) -> str:
                month = cal.add(f"{m.group(3)}-{cal.MONTH_NAMES.index(m.group(1)) + 1:02d}", shift)
                return f"{cal.MONTH_NAMES[int(month[5:7]) - 1]}{m.group(2)}{month[:4]}"

            return MONTH_YEAR.sub(sub, text)

        notes = json.loads(json.dumps(self.notes))
        for i, n in enumerate(notes):
            n["heading"] = move(n["heading"]) + (" (simulated)" if i == 0 else "")
            n["paragraphs"] = [move(p) for p in n["paragraphs"]]
        return notes

    def source(self, release: str) -> dict:
        import hashlib

        sha = hashlib.sha256(f"simulated, no file: {pdf_name(release)} of release {release}".encode()).hexdigest()
        return {
            "file": pdf_name(release),
            "kind": "ft900_pdf",
            "url": cal.source_url(release, pdf_name(release)),
            "sha256": sha,
            "size": 0,
            "published": cal.published(release).isoformat(),
            "retrieved": None,
            "simulated": "tidy-level stand-in, no file (see tradesite.simulate.pdf)",
        }

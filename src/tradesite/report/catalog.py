"""The releases of the site being built, and a release as a chapter sees it.

A chapter reads one release, but a reader of a partly covered release wants to know where
the rest is: :class:`Catalog` knows every release of the site (default: every committed
one; a versioned build names them: ``Settings.releases``) and finds the nearest
one that has something. :class:`ReleaseView` is what a chapter gets: the exhibits it
declared, the release's metadata and notes, and the catalog.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

import pandas as pd

from .. import paths, periods
from ..releases import Release, bundled, check_id


class Catalog:
    """The site's releases (``ids``; None: every committed release), each loaded once."""

    def __init__(self, ids: list[str] | None = None, data_dir: Path | None = None) -> None:
        self.data_dir = Path(data_dir or paths.DATA)
        self.ids = sorted(bundled(self.data_dir) if ids is None else [check_id(r) for r in ids])
        self._loaded: dict[str, Release] = {}

    def load(self, release_id: str) -> Release:
        if release_id not in self._loaded:
            self._loaded[release_id] = Release.load(release_id, self.data_dir)
        return self._loaded[release_id]

    def nearest(self, release_id: str, has) -> str | None:
        """The release nearest in time to ``release_id`` (not itself) for which ``has(id)`` is
        true; the earlier of two equally near."""
        found = [r for r in self.ids if r != release_id and has(r)]
        if not found:
            return None
        return min(found, key=lambda r: (abs(periods.months_between(release_id, r)), r > release_id))

    def earlier_else_later(self, release_id: str, has) -> str | None:
        """The nearest earlier release for which ``has(id)`` is true, else the nearest later one."""
        earlier = [r for r in self.ids if r < release_id and has(r)]
        if earlier:
            return earlier[-1]
        later = [r for r in self.ids if r > release_id and has(r)]
        return later[0] if later else None


class ReleaseView:
    """One release as a chapter sees it. ``needs`` (the exhibits the chapter declared; None:
    every exhibit, for the chapters computed across the whole release) limits what
    :meth:`exhibit` hands out, so a chapter's declaration is the truth about what it reads."""

    def __init__(self, release: Release, catalog: Catalog | None = None, needs: set[str] | None = None) -> None:
        self.release = release
        self.catalog = catalog or Catalog(data_dir=release.folder.parent)
        self.needs = needs

    def scoped(self, needs: set[str] | None) -> ReleaseView:
        return ReleaseView(self.release, self.catalog, needs)

    # what every chapter may read
    @property
    def id(self) -> str:
        return self.release.id

    @property
    def meta(self) -> dict:
        return self.release.meta

    @property
    def month_name(self) -> str:
        return periods.month_year(self.release.id)

    @property
    def notes(self) -> list[dict]:
        return self.release.notes

    def exhibits(self) -> list[str]:
        return self.release.exhibits()

    def has(self, exhibit: str) -> bool:
        return self.release.has(exhibit)

    def exhibit(self, exhibit: str) -> pd.DataFrame:
        if self.needs is not None and exhibit not in self.needs:
            raise LookupError(
                f"release {self.id}: exhibit {exhibit!r} read by a chapter that does not declare it "
                f"(declared: {', '.join(sorted(self.needs))})"
            )
        return self.release.exhibit(exhibit)

    def table_meta(self, table_id: str) -> dict:
        return self.release.table_meta(table_id)

    def source(self, source_file: str) -> dict:
        return self.release.source(source_file)

    def printed_title(self, exhibit: str) -> str:
        """The exhibit's title as printed, without 'Exhibit N. ' (the source line names the exhibit)."""
        tables = sorted(
            (t for t in self.meta["tables"] if t["exhibit"] == exhibit),
            key=lambda t: 0 if t["source_file"].endswith(".xlsx") else 1,
        )
        title = (tables[0].get("title") if tables else "") or f"Exhibit {exhibit}"
        return re.sub(r"^Exhibit\s+\w+\.\s*", "", title).strip().rstrip(",")

    @cached_property
    def pdf_name(self) -> str | None:
        """The release PDF's file name, where the release has one."""
        return next((s["file"] for s in self.meta["sources"] if s.get("kind") == "ft900_pdf"), None)

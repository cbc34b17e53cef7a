"""Releases: what is committed under ``data/releases/`` and how to load it.

A release is one monthly FT-900 report, named by its statistical month
(``2025-03`` is the March 2025 report, published in May 2025). Its folder holds
the tidy CSVs the ingest wrote, ``release.json`` (sources with URL and sha256,
dates) and, where the release PDF was read, ``notes.json``.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import paths
from .schema import read_csv

RELEASE_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def check_id(release: str) -> str:
    if not RELEASE_RE.match(release):
        raise ValueError(f"release {release!r}: expected the statistical month as YYYY-MM, e.g. 2025-03")
    return release


def month_name(release: str) -> str:
    """'2025-03' -> 'March 2025'."""
    year, month = release.split("-")
    return f"{calendar.month_name[int(month)]} {year}"


def bundled(data_dir: Path | None = None) -> list[str]:
    """Release ids with committed tables, oldest first."""
    root = data_dir or paths.DATA
    return sorted(p.name for p in root.iterdir() if (p / "release.json").is_file() and RELEASE_RE.match(p.name))


def newest(data_dir: Path | None = None) -> str:
    return bundled(data_dir)[-1]


@dataclass
class Release:
    """A committed release, loaded lazily: ``Release.load('2025-03').exhibit('1')``."""

    id: str
    folder: Path
    meta: dict = field(repr=False)

    @classmethod
    def load(cls, release: str, data_dir: Path | None = None) -> "Release":
        folder = (data_dir or paths.DATA) / check_id(release)
        meta_path = folder / "release.json"
        if not meta_path.is_file():
            raise FileNotFoundError(
                f"{meta_path}: no ingested release {release}; run `tradesite ingest {release}` first"
            )
        return cls(release, folder, json.loads(meta_path.read_text(encoding="utf-8")))

    @property
    def month_name(self) -> str:
        return month_name(self.id)

    @property
    def table_ids(self) -> list[str]:
        return [t["id"] for t in self.meta["tables"]]

    def table(self, table_id: str) -> pd.DataFrame:
        """One tidy table, read on first use (a chapter needs a few of a release's tables)."""
        if table_id not in self._tables:
            self._tables[table_id] = read_csv(self.folder / self.table_meta(table_id)["file"])
        return self._tables[table_id]

    @cached_property
    def _tables(self) -> dict[str, pd.DataFrame]:
        return {}

    @cached_property
    def values(self) -> pd.DataFrame:
        """All tidy rows of the release in one frame."""
        frames = [self.table(t) for t in self.table_ids]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    def exhibits(self) -> list[str]:
        return sorted({t["exhibit"] for t in self.meta["tables"]})

    def has(self, exhibit: str) -> bool:
        return any(t["exhibit"] == exhibit for t in self.meta["tables"])

    def exhibit(self, exhibit: str) -> pd.DataFrame:
        """Rows of one exhibit ('1', '14a', 'bea-ts-1'), from whichever file of the release
        carries it: a Census workbook is preferred to the same exhibit read from the PDF."""
        tables = [t for t in self.meta["tables"] if t["exhibit"] == exhibit]
        if not tables:
            raise KeyError(f"release {self.id} has no exhibit {exhibit!r}; it has {self.exhibits()}")
        tables.sort(key=lambda t: 0 if t["source_file"].endswith(".xlsx") else 1)
        return self.table(tables[0]["id"])

    def table_meta(self, table_id: str) -> dict:
        return next(t for t in self.meta["tables"] if t["id"] == table_id)

    def source(self, source_file: str) -> dict:
        return next(s for s in self.meta["sources"] if s["file"] == source_file)

    @cached_property
    def notes(self) -> list[dict]:
        path = self.folder / "notes.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []

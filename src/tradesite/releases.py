"""Releases: what is committed under ``data/releases/`` and how to load it.

A release is one monthly FT-900 report, named by its statistical month
(``2025-03`` is the March 2025 report, published in May 2025). Its folder holds
the tidy CSVs the ingest wrote, ``release.json`` (sources with URL and sha256,
dates) and, where the release PDF was read, ``notes.json``.

Loading refuses damaged files (edited by hand, cut short, half-copied) with one
:class:`~tradesite.errors.DataError` line naming the file, where, and what was expected:
``release.json`` and ``notes.json`` must be the JSON the ingest writes, with its keys; a CSV
its columns, numbers and row count (:func:`tradesite.schema.read_csv`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from . import paths
from .errors import DataError
from .periods import month_year

if TYPE_CHECKING:  # pandas is imported where a table is read: `tradesite build` with its pages
    import pandas as pd  # cached checks a release without it (0.4 s of a 2 s build)

#: a release id, whole: ``\Z``, not ``$`` (which lets a trailing newline through: "2025-03\n")
RELEASE_RE = re.compile(r"\A\d{4}-(0[1-9]|1[0-2])\Z")

#: what `tradesite ingest` writes in release.json, in each of its tables and sources
KEYS = (
    "release",
    "statistical_month",
    "title",
    "published",
    "next_release",
    "transcribed",
    "sources",
    "tables",
    "notes",
    "ingest_version",
)
TABLE_KEYS = ("id", "file", "exhibit", "title", "source_file", "rows")
SOURCE_KEYS = ("file", "kind", "url", "sha256", "size")
NOTE_KEYS = ("section", "heading", "anchor", "paragraphs")


def check_id(release: str) -> str:
    if not isinstance(release, str) or not RELEASE_RE.match(release):
        raise ValueError(f"release {release!r}: expected the statistical month as YYYY-MM, e.g. 2025-03")
    return release


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
    def load(cls, release: str, data_dir: Path | None = None) -> Release:
        folder = (data_dir or paths.DATA) / check_id(release)
        meta_path = folder / "release.json"
        if not meta_path.is_file():
            raise DataError(
                str(meta_path),
                "",
                f"the release.json of an ingested release {release}",
                "<no such file>",
                hint=f"run `tradesite ingest {release}` first",
            )
        meta = load_json(meta_path, dict, "release.json as `tradesite ingest` writes it (an object)")
        require(meta_path, meta, KEYS, "")
        for key, keys in (("tables", TABLE_KEYS), ("sources", SOURCE_KEYS)):
            if not isinstance(meta[key], list):
                raise DataError(str(meta_path), f"key {key!r}", "a list", f"<{type(meta[key]).__name__}>", hint=FIX)
            for i, entry in enumerate(meta[key]):
                require(meta_path, entry, keys, f"{key}[{i}]")
        for i, source in enumerate(meta["sources"]):  # every page links it: an official https address, nothing else
            url = source["url"]
            parts = urlsplit(url) if isinstance(url, str) and url.isprintable() and " " not in url else None
            if parts is None or parts.scheme != "https" or not parts.netloc:
                raise DataError(
                    str(meta_path),
                    f"sources[{i}], key 'url'",
                    "the https:// address of the official file",
                    url,
                    hint=FIX,
                )
        if meta["release"] != release:
            raise DataError(
                str(meta_path),
                "key 'release'",
                f"{release!r}, the release of its folder",
                meta["release"],
                hint="is it another release's release.json?",
            )
        return cls(release, folder, meta)

    @property
    def month_name(self) -> str:
        return month_year(self.id)

    @property
    def table_ids(self) -> list[str]:
        return [t["id"] for t in self.meta["tables"]]

    def table(self, table_id: str) -> pd.DataFrame:
        """One tidy table, read on first use (a chapter needs a few of a release's tables);
        it must hold the rows release.json counts (a table cut short is refused)."""
        if table_id not in self._tables:
            meta = self.table_meta(table_id)
            path = self.folder / meta["file"]
            from .schema import read_csv

            df = read_csv(path)
            if len(df) != meta["rows"]:
                raise DataError(
                    str(path),
                    "",
                    f"{meta['rows']} rows, as release.json counts them",
                    f"<{len(df)} rows>",
                    hint=f"run `tradesite ingest {self.id}` again to rewrite it",
                )
            for col, expected in (
                ("release", self.id),
                ("source_file", meta["source_file"]),
                ("exhibit", meta["exhibit"]),
            ):
                bad = df[col] != expected  # every row is of this release, file and exhibit, as release.json says
                if bad.any():
                    i = int(bad.to_numpy().nonzero()[0][0])
                    raise DataError(
                        str(path),
                        f"row {i + 2}, column {col!r}",
                        f"{expected!r}, as release.json says",
                        df[col].iloc[i],
                        hint=f"run `tradesite ingest {self.id}` again to rewrite it",
                    )
            self._tables[table_id] = df
        return self._tables[table_id]

    @cached_property
    def _tables(self) -> dict[str, pd.DataFrame]:
        return {}

    @cached_property
    def values(self) -> pd.DataFrame:
        """All tidy rows of the release in one frame."""
        import pandas as pd

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
        tables.sort(key=lambda t: 0 if t["source_file"].lower().endswith((".xlsx", ".xls")) else 1)
        return self.table(tables[0]["id"])

    def table_meta(self, table_id: str) -> dict:
        return next(t for t in self.meta["tables"] if t["id"] == table_id)

    def source(self, source_file: str) -> dict:
        return next(s for s in self.meta["sources"] if s["file"] == source_file)

    @cached_property
    def notes(self) -> list[dict]:
        """The release's text (notes.json), [] where the release has none."""
        path = self.folder / "notes.json"
        if not path.is_file():
            if self.meta.get("notes"):
                raise DataError(
                    str(path),
                    "",
                    "the notes release.json names",
                    "<no such file>",
                    hint=f"run `tradesite ingest {self.id}` again to rewrite it",
                )
            return []
        notes = load_json(path, list, "notes.json as `tradesite ingest` writes it (a list of notes)")
        for i, note in enumerate(notes):
            require(path, note, NOTE_KEYS, f"note {i + 1}")
            if not isinstance(note["paragraphs"], list) or not all(isinstance(p, str) for p in note["paragraphs"]):
                raise DataError(
                    str(path),
                    f"note {i + 1}, key 'paragraphs'",
                    "a list of texts",
                    f"<{type(note['paragraphs']).__name__}>",
                    hint=FIX,
                )
        return notes


FIX = "run `tradesite ingest` for the release again to rewrite it"


def load_json(path: Path, kind: type, expected: str):
    """A JSON file of the release folder, refused in one line when it is not valid JSON of ``kind``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(
            str(path), f"line {exc.lineno}, column {exc.colno}", f"valid JSON: {expected}", f"<{exc.msg}>", hint=FIX
        ) from None
    except UnicodeDecodeError as exc:
        raise DataError(
            str(path), f"byte {exc.start}", f"UTF-8 JSON: {expected}", "<bytes that are not UTF-8>", hint=FIX
        ) from None
    if not isinstance(data, kind):
        raise DataError(str(path), "", expected, f"<a JSON {type(data).__name__}>", hint=FIX)
    return data


def require(path: Path, entry: object, keys: tuple[str, ...], where: str) -> None:
    """``entry`` is an object with every one of ``keys``."""
    if not isinstance(entry, dict):
        raise DataError(str(path), where, "an object", f"<a JSON {type(entry).__name__}>", hint=FIX)
    missing = [k for k in keys if k not in entry]
    if missing:
        raise DataError(
            str(path),
            where,
            f"the key {missing[0]!r}" + (f" (and {', '.join(map(repr, missing[1:]))})" if len(missing) > 1 else ""),
            f"<keys {', '.join(entry)}>",
            hint=FIX,
        )

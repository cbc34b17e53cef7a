"""read -> tidy -> validate -> write, for one release.

Nothing is half-published: the tables are written to a temporary folder beside
``data/releases/RELEASE`` (``.RELEASE.tmp-PID-*``) and swapped in only after every file was
read and every identity held. On any error the committed folder is left exactly as it was.
An ingest that was killed leaves its temporary folder behind: git ignores it, and the next
ingest removes it once the process that made it is gone (:func:`clean_stale`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from . import paths, readers, validate
from .errors import IngestError, UsageError, ValidationError
from .hashing import file_sha256
from .periods import month_year
from .processes import alive
from .releases import check_id
from .schema import write_csv
from .sources import kind_of, url_for

#: Bump when the tidy output of the same raw files changes.
INGEST_VERSION = "2"


def raw_folder(release: str, raw_dir: Path | None = None, shared: Path | None = None) -> Path:
    """Where the release's official files are: DIR/RELEASE if it exists, else DIR itself.
    By default ``shared`` (../shared/data) raw/RELEASE, or transcribed/RELEASE."""
    if raw_dir is not None:
        raw_dir = Path(raw_dir)
        if not raw_dir.is_dir():
            what = "a file" if raw_dir.exists() else "nothing"
            raise UsageError(
                f"--raw {raw_dir}: expected the folder of the official files (DIR/{release} or DIR "
                f"itself), found {what} there"
            )
        return raw_dir / release if (raw_dir / release).is_dir() else raw_dir
    raw, transcribed = official_folders(shared)
    for base in (raw, transcribed):
        if (base / release).is_dir():
            return base / release
    raise FileNotFoundError(
        f"no official files for release {release} under {raw} or {transcribed}; "
        f"run `tradesite fetch {release}` or pass --raw DIR"
    )


def source_files(folder: Path) -> list[Path]:
    """The official files in a folder, in a stable order (sidecars and unknown files skipped)."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and kind_of(p.name))
    if not files:
        raise FileNotFoundError(f"{folder}: no official files (exhN.xlsx, tradMMYY.pdf, ...) found")
    return files


def official_folders(shared: Path | None = None) -> tuple[Path, Path]:
    """The folders of the official files under ``shared`` (default ../shared/data): raw, transcribed."""
    base = Path(shared or paths.SHARED)
    return base / "raw", base / "transcribed"


def releases_found(shared: Path | None = None) -> list[str]:
    """Every release with official files under ``shared`` (``tradesite ingest --all``)."""
    return sorted({p.name for base in official_folders(shared) if base.is_dir() for p in base.iterdir()})


def sidecar(path: Path) -> dict:
    """The fetcher's record of a download (URL, retrieval time), where there is one."""
    side = path.with_name(path.name + ".json")
    return json.loads(side.read_text(encoding="utf-8")) if side.is_file() else {}


#: a temporary folder of an ingest: '.2025-03.tmp-4242-x1y2z3', '.2025-03.old-4242'
TEMPORARY = re.compile(r"^\.\d{4}-\d\d\.(tmp|old)-(?P<pid>\d+)?")


def clean_stale(data_dir: Path) -> list[Path]:
    """Remove the temporary folders of ingests that were killed (their process is gone, or
    they predate the process id in the name); returns what was removed."""
    removed = []
    for p in sorted(data_dir.glob(".*")) if data_dir.is_dir() else []:
        m = TEMPORARY.match(p.name)
        if p.is_dir() and m and not (m.group("pid") and alive(int(m.group("pid")))):
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    return removed


def data_folder(data_dir: Path | None) -> Path:
    """Where the tidy tables go (default data/releases): a folder, or nothing yet."""
    data = Path(data_dir or paths.DATA)
    if data.exists() and not data.is_dir():
        raise UsageError(f"--data {data}: expected a folder for the tidy tables (data/releases), found a file")
    return data


def check_complete(release: str, files: list[Path], folder: Path, data: Path) -> None:
    """An ingest rewrites the whole release folder: refuse one that would drop tables of files
    the committed release was read from and this folder lacks (a partial --raw)."""
    committed = data / release / "release.json"
    try:
        sources = [s["file"] for s in json.loads(committed.read_text(encoding="utf-8"))["sources"]]
    except (OSError, ValueError, KeyError, TypeError):
        return  # nothing committed (or a damaged release.json): nothing of it to keep
    here = {p.name for p in files}
    missing = [f for f in sources if f not in here]
    if missing:
        listed = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise UsageError(
            f"{folder}: expected the {len(sources)} official files {committed} lists (an ingest rewrites the whole "
            f"release and would drop the tables of the files it does not read), found {len(sources) - len(missing)} "
            f"of them, without {listed}; put them in {folder} (`tradesite fetch-committed DIR` downloads them), or "
            f"remove {data / release} first to ingest from these files alone"
        )


def ingest(
    release: str,
    raw_dir: Path | None = None,
    data_dir: Path | None = None,
    report: Callable[[str], None] | None = None,
    shared: Path | None = None,
) -> Path:
    """Ingest one release; returns the folder written. Raises IngestError/ValidationError;
    UsageError for a --raw or --data that is not a folder, or a folder without some of the files
    the committed release was read from. ``report`` gets one summary line: files, values, and the
    value cells the files themselves leave empty (months still to come). Without ``raw_dir`` the
    files are looked for under ``shared`` (default ../shared/data)."""
    check_id(release)
    data = data_folder(data_dir)
    clean_stale(data)
    folder = raw_folder(release, raw_dir, shared)
    files = source_files(folder)

    tables: dict[str, pd.DataFrame] = {}
    titles: dict[str, str] = {}
    notes: list[dict] = []
    meta: dict = {}
    sources: list[dict] = []
    empty = 0
    for path in files:
        result = readers.read(path, release)
        empty += len(result.empty)
        for table_id, df in result.tables.items():
            if table_id in tables:
                raise IngestError(path.name, "", f"a table id not used by another file ({table_id!r})", table_id)
            tables[table_id] = df
        titles.update(result.titles)
        notes.extend(result.notes)
        for key, value in result.meta.items():
            if value is not None and key != "url":
                meta.setdefault(key, value)
        side = sidecar(path)
        sources.append(
            {
                "file": path.name,
                "kind": kind_of(path.name),
                "url": side.get("url") or result.meta.get("url"),
                "sha256": file_sha256(path),
                "size": path.stat().st_size,
                "published": result.meta.get("published"),
                "retrieved": side.get("retrieved"),
            }
        )
    for s in sources:
        if s["url"] is None:
            s["url"] = url_for(release, s["file"], s["published"] or meta.get("published"))

    check_complete(release, files, folder, data)  # after reading: what is wrong with a file given is said first
    problems = validate.run(tables, release)
    if problems:
        raise ValidationError(problems)

    release_meta = {
        "release": release,
        "statistical_month": release,
        "title": f"U.S. International Trade in Goods and Services, {month_year(release)}",
        "published": meta.get("published"),
        "next_release": meta.get("next_release"),
        "transcribed": all(s["kind"] == "transcribed" for s in sources),
        "sources": sources,
        "tables": [
            {
                "id": table_id,
                "file": f"{table_id}.csv",
                "exhibit": str(df["exhibit"].iloc[0]) if len(df) else "",
                "title": titles.get(table_id, ""),
                "source_file": str(df["source_file"].iloc[0]) if len(df) else "",
                "rows": int(len(df)),
            }
            for table_id, df in sorted(tables.items())
        ],
        "notes": "notes.json" if notes else None,
        "ingest_version": INGEST_VERSION,
    }
    out = _write(release, tables, notes, release_meta, data)
    if report is not None:
        values = sum(int(df["value"].notna().sum()) for df in tables.values())
        left = f"; {empty:,} value cells left empty as the files print them (periods still to come)" if empty else ""
        report(
            f"{release}: wrote {out} ({len(files)} file{'s' * (len(files) != 1)}, {len(tables)} table"
            f"{'s' * (len(tables) != 1)}, {values:,} values{left})"
        )
    return out


def _write(release: str, tables, notes, release_meta, data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    final = data_dir / release
    tmp = Path(tempfile.mkdtemp(prefix=f".{release}.tmp-{os.getpid()}-", dir=data_dir))
    try:
        for table_id, df in tables.items():
            write_csv(df, tmp / f"{table_id}.csv")
        if notes:
            (tmp / "notes.json").write_text(json.dumps(notes, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        (tmp / "release.json").write_text(
            json.dumps(release_meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        os.chmod(tmp, 0o755)
        old = None
        if final.exists():
            old = data_dir / f".{release}.old-{os.getpid()}"
            final.rename(old)
        tmp.rename(final)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final

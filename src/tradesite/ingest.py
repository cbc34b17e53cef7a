"""read -> tidy -> validate -> write, for one release.

Nothing is half-published: the tables are written to a temporary folder beside
``data/releases/RELEASE`` (``.RELEASE.tmp-PID-*``) and swapped in only after every file was
read and every identity held. On any error the committed folder is left exactly as it was.
An ingest that was killed leaves its temporary folder behind: git ignores it, and the next
ingest removes it once the process that made it is gone (:func:`clean_stale`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from . import paths, readers, validate
from .errors import IngestError, ValidationError
from .releases import check_id, month_name
from .schema import write_csv
from .sources import kind_of, url_for

#: Bump when the tidy output of the same raw files changes.
INGEST_VERSION = "2"


def raw_folder(release: str, raw_dir: Path | None = None) -> Path:
    """Where the release's official files are: DIR/RELEASE if it exists, else DIR itself.
    By default ../shared/data/raw/RELEASE, or ../shared/data/transcribed/RELEASE."""
    if raw_dir is not None:
        raw_dir = Path(raw_dir)
        return raw_dir / release if (raw_dir / release).is_dir() else raw_dir
    for base in (paths.RAW, paths.TRANSCRIBED):
        if (base / release).is_dir():
            return base / release
    raise FileNotFoundError(
        f"no official files for release {release} under {paths.RAW} or {paths.TRANSCRIBED}; "
        f"run `tradesite fetch {release}` or pass --raw DIR"
    )


def source_files(folder: Path) -> list[Path]:
    """The official files in a folder, in a stable order (sidecars and unknown files skipped)."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and kind_of(p.name))
    if not files:
        raise FileNotFoundError(f"{folder}: no official files (exhN.xlsx, tradMMYY.pdf, ...) found")
    return files


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sidecar(path: Path) -> dict:
    """The fetcher's record of a download (URL, retrieval time), where there is one."""
    side = path.with_name(path.name + ".json")
    return json.loads(side.read_text(encoding="utf-8")) if side.is_file() else {}


#: a temporary folder of an ingest: '.2025-03.tmp-4242-x1y2z3', '.2025-03.old-4242'
TEMPORARY = re.compile(r"^\.\d{4}-\d\d\.(tmp|old)-(?P<pid>\d+)?")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


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


def ingest(release: str, raw_dir: Path | None = None, data_dir: Path | None = None) -> Path:
    """Ingest one release; returns the folder written. Raises IngestError/ValidationError."""
    check_id(release)
    clean_stale(data_dir or paths.DATA)
    folder = raw_folder(release, raw_dir)
    files = source_files(folder)

    tables: dict[str, pd.DataFrame] = {}
    titles: dict[str, str] = {}
    notes: list[dict] = []
    meta: dict = {}
    sources = []
    for path in files:
        result = readers.read(path, release)
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
                "sha256": sha256(path),
                "size": path.stat().st_size,
                "published": result.meta.get("published"),
                "retrieved": side.get("retrieved"),
            }
        )
    for s in sources:
        if s["url"] is None:
            s["url"] = url_for(release, s["file"], s["published"] or meta.get("published"))

    problems = validate.run(tables, release)
    if problems:
        raise ValidationError(problems)

    release_meta = {
        "release": release,
        "statistical_month": release,
        "title": f"U.S. International Trade in Goods and Services, {month_name(release)}",
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
    return _write(release, tables, notes, release_meta, data_dir or paths.DATA)


def _write(release: str, tables, notes, release_meta, data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    final = data_dir / release
    tmp = Path(tempfile.mkdtemp(prefix=f".{release}.tmp-{os.getpid()}-", dir=data_dir))
    try:
        for table_id, df in tables.items():
            write_csv(df, tmp / f"{table_id}.csv")
        if notes:
            (tmp / "notes.json").write_text(json.dumps(notes, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        (tmp / "release.json").write_text(json.dumps(release_meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
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

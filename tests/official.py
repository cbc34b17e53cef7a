"""The official files read once per test session, whichever worker asks: a reader's result kept on
disk in the session's folder (readers are pure: the same file gives the same result). The reader
tests run on every worker, and a workbook or the release PDF takes seconds to read."""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from pathlib import Path

from tradesite import readers

#: The session's folder (tests/conftest.py sets it at pytest_configure); None: read every time.
FOLDER: Path | None = None


@functools.cache
def read(release: str, path: Path) -> readers.ReadResult:
    """``readers.read(path, release)``, read once per session (a copy per worker)."""
    path = Path(path)
    if FOLDER is None:
        return readers.read(path, release)
    stat = path.stat()
    key = f"{release}\0{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()
    kept = FOLDER / "official" / f"{hashlib.sha256(key).hexdigest()[:32]}.pickle"
    if kept.is_file():
        return pickle.loads(kept.read_bytes())
    result = readers.read(path, release)
    kept.parent.mkdir(parents=True, exist_ok=True)
    partial = kept.with_name(f"{kept.name}.{os.getpid()}.partial")
    partial.write_bytes(pickle.dumps(result))
    os.replace(partial, kept)  # whole or absent: a worker never reads half a file
    return result

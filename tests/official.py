"""The official files read once per test session, whichever worker asks (tests/session.py):
readers are pure (the same file gives the same result), the reader tests run on every worker, and
a workbook or the release PDF takes seconds to read."""

from __future__ import annotations

import functools
from pathlib import Path

from tradesite import readers

from . import session


@functools.cache
def read(release: str, path: Path) -> readers.ReadResult:
    """``readers.read(path, release)``, read once per session (a copy per worker)."""
    path = Path(path)
    stat = path.stat()
    key = f"official\0{release}\0{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return session.kept(key, lambda: readers.read(path, release))

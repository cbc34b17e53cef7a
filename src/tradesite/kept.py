"""A value kept on disk by the hash of what it is made from: the build's caches (a release's
generated pages, its observations, a release PDF's pages). An entry is read whole or not at all,
written whole and then swapped in, and a damaged entry or a folder that cannot be written (a
read-only checkout) is as if there were no cache: the value is made again."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def load(entry: Path) -> Any | None:
    """What ``entry`` holds, or None when it is absent or damaged."""
    try:
        with entry.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError):
        return None


def store(entry: Path, value: Any, stale: Iterable[Path] = ()) -> None:
    """Keep ``value`` in ``entry`` (its folder made if need be), then remove the ``stale``
    entries it replaces (a glob evaluated after the write: the entry itself is never removed)."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(entry)
        for old in stale:
            if old != entry:
                old.unlink(missing_ok=True)
    except OSError:
        pass

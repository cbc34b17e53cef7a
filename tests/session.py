"""What a test session makes once for all its pytest-xdist workers: kept in the session's folder
(made by the controller, tests/conftest.py), the first worker to ask makes it while the others
wait for it, then every worker reads it. Without a folder (a test run on its own) it is made."""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: The session's folder (tests/conftest.py sets it at pytest_configure); None: make every time.
FOLDER: Path | None = None


def _place(key: str) -> Path:
    assert FOLDER is not None
    folder = FOLDER / "kept"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / hashlib.sha256(key.encode()).hexdigest()[:32]


def kept(key: str, make: Callable[[], T]) -> T:
    """``make()``, made once per session (a copy per worker, through pickle)."""
    if FOLDER is None:
        return make()
    place = _place(key)
    with open(place.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worker making it: wait, then read it
        done = place.with_suffix(".pickle")
        if done.is_file():
            return pickle.loads(done.read_bytes())
        value = make()
        partial = place.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(value))
        os.replace(partial, done)  # whole or absent
        return value


def kept_folder(key: str, make: Callable[[Path], Path]) -> Path:
    """``make(folder)`` (which fills ``folder`` and returns a path in it), made once per session."""
    if FOLDER is None:
        import tempfile

        return make(Path(tempfile.mkdtemp(prefix="tradesite-test-")))
    place = _place(key)
    with open(place.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = place.with_suffix(".path")
        if done.is_file():
            return Path(done.read_text(encoding="utf-8"))
        made = make(place.with_suffix(".d"))
        done.write_text(str(made), encoding="utf-8")
        return made

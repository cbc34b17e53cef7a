"""Progress of a long build on the terminal, and one line per step in a CI log.

A site of a hundred releases takes minutes to build; a reader at a terminal sees which step it is
at, how many releases are done of how many and about how long is left, on one line rewritten in
place; a log (not a terminal: CI) gets one plain line per release and per phase, nothing else.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


class Progress:
    """``done(item)`` after each of ``total`` items of a phase; ``phase(name)`` between phases."""

    def __init__(self, total: int, stream: TextIO | None = None, what: str = "releases") -> None:
        self.total, self.what, self.count = total, what, 0
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.start = self.phase_start = time.perf_counter()
        self.current = ""
        self._lock = threading.Lock()

    def _write(self, text: str, final: bool = False) -> None:
        if self.tty:
            self.stream.write("\r\x1b[2K" + text + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def phase(self, name: str) -> None:
        """A new phase begins ('building releases', 'series explorer and API', ...)."""
        with self._lock:
            if self.current and self.tty:
                self._write(f"{self.current}: done in {_duration(time.perf_counter() - self.phase_start)}", final=True)
            self.current, self.phase_start = name, time.perf_counter()
            self._write(f"{name} …")

    def done(self, item: str) -> None:
        """One more item of the counted phase is done."""
        with self._lock:
            self.count += 1
            elapsed = time.perf_counter() - self.phase_start
            left = elapsed / self.count * (self.total - self.count)
            text = f"{self.current}: {self.count} of {self.total} {self.what} ({item})"
            if self.tty and self.count < self.total:
                text += f", {_duration(elapsed)} so far, about {_duration(left)} left"
            elif not self.tty:
                text += f" after {_duration(elapsed)}"
            self._write(text, final=not self.tty)

    def finish(self, summary: str) -> None:
        with self._lock:
            self._write(f"{summary} (in {_duration(time.perf_counter() - self.start)})", final=True)

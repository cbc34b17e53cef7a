"""Errors that tell the reader which file, where, and what was expected.

Every problem with an input file becomes one line:

    exh7.xlsx, sheet '7', row 12, column C: expected a number, found 'n/a'

so that a maintainer can open the file at that spot and see it.
"""

from __future__ import annotations


class TradesiteError(Exception):
    """Base class: the message is the whole story, shown as one line."""

    #: The command's exit status (README, "Exit codes"): 1 bad input or data, 2 usage, 3 network.
    exit_code = 1


class UsageError(TradesiteError):
    """A command, option or setting given wrong (exit 2, like a command-line usage error)."""

    exit_code = 2


class FileError(TradesiteError):
    """A file that is not what it should be: ``FILE, WHERE: expected ..., found ... (hint)``."""

    def __init__(self, file: str, where: str, expected: str, found: object, hint: str | None = None) -> None:
        self.file = file
        self.where = where
        self.expected = expected
        self.found = found
        self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
        where = f", {self.where}" if self.where else ""
        found = self.found if isinstance(self.found, str) and self.found.startswith("<") else repr(self.found)
        msg = f"{self.file}{where}: expected {self.expected}, found {found}"
        if self.hint:
            msg += f" ({self.hint})"
        return msg


class IngestError(FileError):
    """An official file does not look the way its reader expects."""


class DataError(FileError):
    """Committed tidy data (``data/releases/RELEASE``: a CSV, ``release.json``, ``notes.json``)
    that cannot be loaded: damaged, edited by hand, or left half-copied."""


class ValidationError(TradesiteError):
    """Tidy tables that were read fine but break an accounting identity."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        first = problems[0] if problems else "validation failed"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)


class FetchError(TradesiteError):
    """A download failed; the message says which URL and why."""

    exit_code = 3


def cell(sheet: str, row: int, col: int | None = None) -> str:
    """'sheet '7', row 12, column C' (1-based row and column, as Excel shows them)."""
    where = f"sheet {sheet!r}, row {row}"
    if col is not None:
        where += f", column {column_letter(col)}"
    return where


def column_letter(col: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters

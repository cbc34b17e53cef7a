"""What the release PDF's pages hold, as pdfplumber reads them, kept by the file's sha256.

Reading a page's characters and rules with pdfplumber is 95 % of reading a release PDF (about
12 s for its 56 pages); what the readers make of them is quick. Re-ingesting a release, fetching
it again, a hostile-input check, a backfill: each read the same bytes again. So each page's
words, characters, rules and width are kept in ``build/pdf-cache`` under the sha256 of the file
and the versions of the libraries that read it; any other file (another month, a truncated or
changed copy) is another key, read afresh, and so is any change to the code that makes what is
kept (this module and :mod:`.layout`). The file itself is never changed. Nothing is kept from a
page that could not be read: a damaged file fails the same way every time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from ... import kept, paths
from ...errors import IngestError

#: Where pages are kept (None: read every time). Bump FORMAT when what is kept changes.
CACHE: Path | None = paths.ROOT / "build" / "pdf-cache"
FORMAT = "1"
LIBRARIES = ("pdfplumber", "pdfminer.six")
#: The code that makes what is kept: a change to it is a new key.
CODE = (Path(__file__), Path(__file__).with_name("layout.py"))
#: The fields of a character and of a rule the readers use.
CHAR = ("text", "x0", "x1", "top")
RECT = ("x0", "top", "bottom", "width", "height")
#: A whole PDF ends with its '%%EOF' trailer within its last bytes (an incremental update adds another).
TRAILER = 2048


def whole(data: bytes) -> bool:
    """Whether a PDF's bytes (or its last :data:`TRAILER` of them) end with its trailer: one cut
    short does not (the fetcher checks a download with this too)."""
    return b"%%EOF" in data[-TRAILER:]


def _key(data: bytes) -> str:
    h = hashlib.sha256(data)
    for code in CODE:
        h.update(b"\0" + code.read_bytes())
    for lib in LIBRARIES:
        try:
            h.update(f"\0{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"\0{lib}=absent".encode())
    return f"{FORMAT}-{h.hexdigest()}"


class Pages:
    """One PDF's pages: each thing asked of a page is read once, from the cache if it has it."""

    def __init__(self, path: Path, cache: Path | None = CACHE):
        self.name = path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise IngestError(self.name, "", "a readable PDF", f"<{type(exc).__name__}: {exc}>") from None
        if not whole(data):  # pdfminer would scan the whole file for a way in (10 s) first
            raise IngestError(
                self.name,
                "",
                "a readable PDF",
                f"<a file cut short after {len(data):,} bytes: no '%%EOF' at its end>",
                hint="download it again",
            )
        self._entry = cache / f"{_key(data)}.pickle" if cache else None
        self._kept: dict[Any, Any] = self._load()
        self._added = False
        self._pdf = None
        self._path = path
        if "count" not in self._kept:
            self._kept["count"] = len(self._open().pages)
            self._added = True

    @property
    def count(self) -> int:
        return self._kept["count"]

    def _load(self) -> dict:
        found = kept.load(self._entry) if self._entry is not None else None
        return found if isinstance(found, dict) else {}

    def _open(self):
        if self._pdf is None:
            import pdfplumber

            try:
                self._pdf = pdfplumber.open(self._path)
                self._pdf.pages  # noqa: B018 -- the page tree is read here: a damaged one fails now
            except Exception as exc:  # pdfminer raises many kinds for a damaged file
                raise IngestError(self.name, "", "a readable PDF", f"<{type(exc).__name__}: {exc}>") from None
        return self._pdf

    def read(self, what: str, page_no: int, read: Callable[[Any], Any]) -> Any:
        """``read(page)`` (pdfplumber's page ``page_no``), or what it gave before for this file."""
        if (what, page_no) not in self._kept:
            page = self._open().pages[page_no - 1]
            try:
                value = read(page)
            except Exception as exc:  # pdfminer raises many kinds for a damaged page
                raise IngestError(
                    self.name, f"page {page_no}", "a readable page", f"<{type(exc).__name__}: {exc}>"
                ) from None
            self._kept[(what, page_no)] = value
            self._added = True
        return self._kept[(what, page_no)]

    def chars(self, page_no: int) -> list[dict]:
        return self.read("chars", page_no, lambda page: [{k: c[k] for k in CHAR} for c in page.chars])

    def rects(self, page_no: int) -> list[dict]:
        return self.read("rects", page_no, lambda page: [{k: float(r[k]) for k in RECT} for r in page.rects])

    def width(self, page_no: int) -> float:
        return self.read("width", page_no, lambda page: float(page.width))

    def close(self) -> None:
        """Close the file and keep what was read (written whole, then swapped in; a read-only
        checkout reads without the cache)."""
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None
        if self._added and self._entry is not None:
            kept.store(self._entry, self._kept)
        self._added = False

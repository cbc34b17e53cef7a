"""One HTTP download into a ``.part`` file, within a deadline: the fetcher's plumbing.

:meth:`Transfer.get` tries a URL with retries (connection errors, timeouts, broken
transfers, 5xx), reads the body in as small pieces as the network delivers them, counts
the bytes, checks the type (Content-Type, first bytes) and the size (Content-Length), and
returns the checked ``.part`` file beside its target for the caller to move into place.

Deadlines are hard: a watchdog thread shuts down the connection's socket when a file's
time is up, which ends any read at once, however the server behaves (stalled before the
headers, or dripping one byte a second so that no read timeout ever fires). Connect and
read timeouts are capped by the time left; backoff never sleeps past it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from . import __version__
from .errors import FetchError
from .processes import alive

CONNECT_TIMEOUT = 10.0  # seconds to establish a connection
READ_TIMEOUT = 30.0  # seconds of silence allowed while waiting for bytes
RETRY_STATUSES = (500, 502, 503, 504)
CHUNK = 1 << 16

#: What each file type starts with, and how to say so in an error.
MAGIC = {"xlsx": b"PK\x03\x04", "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "pdf": b"%PDF-"}
EXPECTED = {
    "xlsx": "an Excel workbook (a zip file starting 'PK\\x03\\x04')",
    "xls": "an Excel 97-2003 workbook (a file starting 'D0 CF 11 E0 A1 B1 1A E1')",
    "pdf": "a PDF (a file starting '%PDF-')",
}
PART = re.compile(r"\.(\d+)-[0-9a-f]+\.part$")


@dataclass(frozen=True, order=True)
class Deadline:
    """A moment (time.monotonic) by which something must be done, and how to name it."""

    at: float
    started: float = field(compare=False)
    why: str = field(compare=False)

    @classmethod
    def start(cls, seconds: float, why: str) -> Deadline:
        now = time.monotonic()
        return cls(now + seconds, now, why)

    def left(self) -> float:
        return self.at - time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self.started


@dataclass
class Got:
    """A checked download: the ``.part`` file to move into place, or a 304."""

    url: str
    status: int
    headers: dict
    part: Path | None = None
    sha256: str | None = None
    size: int = 0
    not_modified: bool = False


@dataclass
class _Failure(Exception):
    """One attempt that may be retried: what went wrong, and how far the body had come."""

    reason: str
    status: str | None = None
    received: int | None = None  # bytes of the body, once the headers had come
    expected: int | None = None  # Content-Length

    def line(self, url: str, why: str | None, attempts: int, seconds: float) -> str:
        within = f" within {why}" if why else ""
        if self.received is not None:
            want = f"{self.expected} bytes (Content-Length)" if self.expected is not None else "the whole file"
            got = f"{self.received} of {self.expected} bytes" if self.expected is not None else f"{self.received} bytes"
            text = f"{url}: expected {want}{within}, found {got}" + ("" if why else f": {self.reason}")
        elif self.status:
            text = f"{url}: expected HTTP 200{within}, found {self.status}"
        else:
            text = f"{url}: expected an HTTP answer{within}, found " + ("none" if why else self.reason)
        return f"{text} after {seconds:.1f} s ({attempts} attempt{'s' if attempts > 1 else ''})"


class _Adapter(HTTPAdapter):
    """Remembers the sockets it opens, so that a watchdog can cut a transfer short."""

    def __init__(self) -> None:
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        super().__init__(max_retries=0)  # Transfer.get retries, within the deadline

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self._track(self.poolmanager)

    def proxy_manager_for(self, *args, **kwargs):
        manager = super().proxy_manager_for(*args, **kwargs)
        self._track(manager)
        return manager

    def _track(self, manager) -> None:
        adapter = self

        def pool(base):
            class Connection(base.ConnectionCls):
                def connect(self):
                    super().connect()
                    with adapter.lock:
                        adapter.sockets.append(self.sock)

            return type(base.__name__, (base,), {"ConnectionCls": Connection})

        manager.pool_classes_by_scheme = {"http": pool(HTTPConnectionPool), "https": pool(HTTPSConnectionPool)}

    def cut(self) -> None:
        """Shut down every socket opened so far: a blocked read returns at once."""
        with self.lock:
            sockets = list(self.sockets)
        for s in sockets:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(s, socket.SHUT_RDWR)  # the plain socket's, under any TLS layer


class _Watchdog:
    """Cuts the adapter's connections when ``deadline`` comes."""

    def __init__(self, adapter: _Adapter, deadline: Deadline) -> None:
        self.fired = False
        self._adapter = adapter
        self._timer = threading.Timer(max(deadline.left(), 0.0), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        self._adapter.cut()

    def cancel(self) -> None:
        self._timer.cancel()


class Session(Protocol):
    """What the fetcher asks of a session: a :class:`Transfer`, or one wrapped (``backfill.Paced``)."""

    def get(
        self, url: str, target: Path, kind: str, deadline: Deadline, validators: dict | None = None
    ) -> Got | None: ...


class Transfer:
    """A requests Session for one run of the fetcher (``with Transfer(...) as t``)."""

    def __init__(
        self, timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT), retries: int = 4, backoff: float = 1.0
    ) -> None:
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.adapter = _Adapter()
        self.session = requests.Session()
        self.session.mount("https://", self.adapter)
        self.session.mount("http://", self.adapter)
        self.session.headers.update({"User-Agent": f"tradesite/{__version__}", "Accept-Encoding": "identity"})

    def __enter__(self) -> Transfer:
        return self

    def __exit__(self, *exc) -> None:
        self.session.close()

    def get(self, url: str, target: Path, kind: str, deadline: Deadline, validators: dict | None = None) -> Got | None:
        """Download ``url`` into a ``.part`` beside ``target`` and check it; None on 404.
        ``validators`` ({'etag', 'last_modified'} of an earlier download) make it conditional:
        a 304 comes back as ``Got(not_modified=True)``."""
        started = time.monotonic()
        watch = _Watchdog(self.adapter, deadline)
        attempts = 0
        try:
            while True:
                attempts += 1
                try:
                    return self._attempt(url, target, kind, deadline, validators or {}, watch)
                except _Failure as failure:
                    last = failure
                seconds = time.monotonic() - started
                if watch.fired or deadline.left() <= 0:  # seconds since the deadline's clock started
                    raise FetchError(last.line(url, deadline.why, attempts, deadline.elapsed()))
                if attempts > self.retries:
                    raise FetchError(last.line(url, None, attempts, seconds))
                wait = self.backoff * 2 ** (attempts - 1) if attempts > 1 else 0.0
                if wait >= deadline.left():
                    raise FetchError(
                        last.line(url, None, attempts, seconds) + f"; no time left within {deadline.why} to try again"
                    )
                time.sleep(wait)
        finally:
            watch.cancel()

    def _attempt(
        self, url: str, target: Path, kind: str, deadline: Deadline, validators: dict, watch: _Watchdog
    ) -> Got | None:
        left = max(deadline.left(), 0.001)
        connect, read = min(self.timeout[0], left), min(self.timeout[1], left)
        headers = {}
        if validators.get("etag"):
            headers["If-None-Match"] = validators["etag"]
        if validators.get("last_modified"):
            headers["If-Modified-Since"] = validators["last_modified"]
        try:
            response = self.session.get(url, stream=True, timeout=(connect, read), headers=headers)
        except requests.ConnectTimeout:
            raise _Failure(f"no connection within {connect:g} s (connect timeout)") from None
        except requests.ReadTimeout:
            raise _Failure(f"no answer within {read:g} s (read timeout)") from None
        except requests.ConnectionError as exc:
            raise _Failure("the connection failing (" + " ".join(str(exc).split())[:160] + ")") from None
        except requests.RequestException as exc:
            raise FetchError(f"{url}: expected an HTTP answer, found {type(exc).__name__}: {str(exc)[:160]}") from None
        with response:
            status = f"{response.status_code} {response.reason}"
            if response.status_code == 404:
                return None
            if response.status_code == 304 and headers:
                return Got(url, 304, dict(response.headers), not_modified=True)
            if response.status_code in RETRY_STATUSES:
                raise _Failure(status, status=status)
            if response.status_code != 200:
                raise FetchError(f"{url}: expected HTTP 200, found {status}")
            return self._body(response, url, target, kind, deadline, watch, read)

    def _body(
        self, response, url: str, target: Path, kind: str, deadline: Deadline, watch: _Watchdog, read: float
    ) -> Got:
        content_type = response.headers.get("Content-Type", "")
        if content_type.split(";")[0].strip().lower().startswith("text/"):
            what = "an HTML page" if "html" in content_type.lower() else "a text file"
            raise FetchError(f"{url}: expected {EXPECTED[kind]}, found {what} (Content-Type {content_type})")
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding not in ("", "identity"):
            raise FetchError(
                f"{url}: expected the file as is (Accept-Encoding identity), found Content-Encoding {encoding}"
            )
        expected = content_length(response.headers.get("Content-Length"), url)
        part = part_beside(target)
        h, size, head = hashlib.sha256(), 0, b""
        try:  # created inside: a signal raised the moment it exists still removes it
            with part.open("xb") as f:
                try:
                    while deadline.left() > 0:
                        chunk = response.raw.read1(CHUNK, decode_content=False)
                        if not chunk:
                            break
                        if len(head) < len(MAGIC[kind]):
                            head += chunk[: len(MAGIC[kind])]
                            check_magic(head, kind, url, final=False)
                        f.write(chunk)
                        h.update(chunk)
                        size += len(chunk)
                except (urllib3.exceptions.HTTPError, OSError) as exc:
                    timed_out = isinstance(exc, (urllib3.exceptions.ReadTimeoutError, TimeoutError))
                    early = expected is not None and size < expected
                    reason = (
                        f"no byte for {read:g} s (read timeout)"
                        if timed_out
                        else "the connection closed early"
                        if early
                        else "the connection broke"
                    )
                    raise _Failure(reason, received=size, expected=expected) from None
                if watch.fired or deadline.left() <= 0:
                    raise _Failure("the deadline", received=size, expected=expected)
                if expected is not None and size != expected:
                    raise _Failure("the connection closed early", received=size, expected=expected)
                f.flush()
                os.fsync(f.fileno())
            check_magic(head, kind, url, final=True)
            if (cut := incomplete(part, kind)) is not None:  # whatever the headers said (or did not say)
                raise _Failure(f"a file cut short ({cut})", received=size, expected=expected)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        return Got(url, response.status_code, dict(response.headers), part, h.hexdigest(), size)


def content_length(value: str | None, url: str) -> int | None:
    """The Content-Length header as a number of bytes (None when there is none). A value that is
    not one whole number (or repeated values that differ) is refused: the size of the download
    could not be checked against it."""
    if value is None:
        return None
    values = {v.strip() for v in value.split(",")}  # a header sent twice arrives joined: '123, 123'
    if len(values) != 1 or not re.fullmatch(r"[0-9]+", next(iter(values))):
        raise FetchError(
            f"{url}: expected a Content-Length of whole bytes, found {value!r}; the download's size "
            "cannot be checked, so it is not stored"
        )
    return int(next(iter(values)))


def incomplete(path: Path, kind: str) -> str | None:
    """Why a downloaded file is not whole for its type, or None: a workbook is a zip whose every
    member reads back with its checksum (.xlsx) or a compound document xlrd opens (.xls), a PDF
    ends with its '%%EOF' trailer. Catches a body cut short where no Content-Length said its size."""
    if kind == "xlsx":
        from .workbooks import zip_damage

        return zip_damage(path)
    if kind == "pdf":
        from .readers.pdf.pages import TRAILER, whole  # the readers import pandas: not before a PDF is checked

        with path.open("rb") as f:
            f.seek(max(path.stat().st_size - TRAILER, 0))
            return None if whole(f.read()) else "no '%%EOF' at its end"
    if kind == "xls":
        import xlrd

        try:
            xlrd.open_workbook(str(path), on_demand=True).release_resources()
        except Exception as exc:  # xlrd raises several kinds on a cut-short compound document
            return f"not a whole Excel 97-2003 file: {' '.join(str(exc).split())[:80]}"
    return None


def check_magic(head: bytes, kind: str, url: str, final: bool) -> None:
    """The file's first bytes are its type's (an HTML error page sent as a binary is not)."""
    magic = MAGIC[kind]
    if len(head) < len(magic) and not final:
        return
    if not head.startswith(magic):
        looks_html = head.lstrip()[:1] == b"<"
        found = "an HTML page" if looks_html else f"a file starting {head[:8]!r}"
        raise FetchError(f"{url}: expected {EXPECTED[kind]}, found {found}")


def part_beside(target: Path) -> Path:
    """The name of a new ``.NAME.PID-TOKEN.part`` beside ``target`` (the PID tells a later run
    whether its writer is gone); the caller creates it exclusively inside its ``try``."""
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.part")


def clean_parts(folder: Path, *, own: bool = False) -> list[Path]:
    """Remove ``.part`` files that no running process is writing (left by one killed outright);
    ``own`` also removes this process's, when its run ends however it ends (a signal can land
    between a download's return and the move that takes its part)."""
    removed = []
    for part in folder.glob(".*.part"):
        m = PART.search(part.name)
        if m and alive(pid := int(m.group(1))) and not (own and pid == os.getpid()):
            continue
        part.unlink(missing_ok=True)
        removed.append(part)
    return removed


def write_json(path: Path, record: dict) -> None:
    """Atomically, like the downloads themselves."""
    part = part_beside(path)
    try:
        with part.open("x", encoding="utf-8") as f:
            json.dump(record, f, indent=2)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise

"""Serving the built versioned site on 127.0.0.1: ``tradesite site serve``.

A static file server, like the host the site is published to: a missing page is answered
with status 404 and the site's own 404 page (the version's ``404.html`` for
``/VERSION/...``, ``latest``'s for anything else; the root has none of its own), and a
path that would leave the site's folder (``..``, a backslash, a NUL, a symlink pointing
out) is refused with 403 without touching the file system outside it.

Every request gets an answer: a path whose percent-escapes are not UTF-8 (``/%ff``) is 400,
a name no file can have (a segment over 255 bytes, a path over 4096) is 404, and anything
the file system refuses is 404 too, never a dropped connection and a traceback. A bad port
is refused before anything is built or bound, and the port is bound before the build (a busy
port is said at once, not after minutes of building).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import posixpath
import urllib.parse
from http import HTTPStatus
from pathlib import Path

from ... import paths
from ...errors import TradesiteError, UsageError
from ...settings import Settings
from .versions import LATEST, build_all, check_out

#: the longest file name and path the site can have (POSIX NAME_MAX and PATH_MAX, in bytes)
MAX_NAME, MAX_PATH = 255, 4096


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files of one folder; the site's 404 page; nothing outside the folder."""

    def log_message(self, format, *args):  # quiet: one line per request is noise here
        pass

    def send_head(self):
        try:
            bad = self._bad_path()
            if bad is not None:
                self.send_error(*bad)
                return None
            if self._escapes():
                self.send_error(HTTPStatus.FORBIDDEN, "the path leaves the site")
                return None
            return super().send_head()
        except (OSError, ValueError):  # a name the file system refuses (too long, ...): no such page
            self.send_error(HTTPStatus.NOT_FOUND, "no such page")
            return None

    def _bad_path(self) -> tuple[HTTPStatus, str] | None:
        """(status, reason) for a path no file of the site can answer to, else None."""
        raw = self.path.split("?", 1)[0].split("#", 1)[0]
        try:
            path = urllib.parse.unquote(raw, errors="strict")
        except UnicodeDecodeError:
            return HTTPStatus.BAD_REQUEST, "the path's percent-escapes are not UTF-8"
        if len(path.encode()) > MAX_PATH or any(len(part.encode()) > MAX_NAME for part in path.split("/")):
            return HTTPStatus.NOT_FOUND, "no such page (a name longer than a file's can be)"
        return None

    def _escapes(self) -> bool:
        """Whether the request path names anything outside the served folder."""
        raw = self.path.split("?", 1)[0].split("#", 1)[0]
        path = urllib.parse.unquote(raw, errors="surrogatepass")
        if "\\" in path or "\x00" in path or ".." in path.split("/"):
            return True
        root = os.path.realpath(self.directory)
        real = os.path.realpath(self.translate_path(self.path))
        return real != root and not real.startswith(root + os.sep)

    def send_error(self, code, message=None, explain=None):
        page = self._not_found_page() if code == HTTPStatus.NOT_FOUND else None
        if page is None:
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found_page(self) -> Path | None:
        """The 404.html of the version the path is under, else the site root's (as GitHub Pages
        serves it), else latest's."""
        root = Path(self.directory)
        path = urllib.parse.unquote(self.path.split("?", 1)[0].split("#", 1)[0])
        first = posixpath.normpath(path).lstrip("/").split("/", 1)[0]
        for folder in (first, "", LATEST):
            if folder == "":
                if (root / "404.html").is_file():
                    return root / "404.html"
                continue
            if not folder or folder in (".", "..") or "\x00" in folder or len(folder.encode()) > MAX_NAME:
                continue
            try:
                if (root / folder / "404.html").is_file():
                    return root / folder / "404.html"
            except (OSError, ValueError):  # a name the file system refuses: not a version
                continue
        return None


def check_port(port: object) -> int:
    """A port number 0 (any free one) to 65535, else a usage error (before anything is bound)."""
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise UsageError(f"--port {port!r}: expected a port number from 0 (any free port) to 65535")
    return port


def server(root: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A static file server for ``root`` on 127.0.0.1 (port 0: any free port)."""
    check_port(port)
    handler = functools.partial(Handler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler, bind_and_activate=False)
    httpd.daemon_threads = True  # Ctrl-C never waits for a slow client
    httpd.request_queue_size = 128  # a burst of requests (a page's assets) is queued, not refused
    try:
        httpd.server_bind()
        httpd.server_activate()
    except BaseException:
        httpd.server_close()
        raise
    return httpd


def serve(
    out: Path | None = None,
    port: int = 8000,
    build: bool = True,
    base: str | None = None,
    settings: Settings | None = None,
) -> None:
    """Build (unless ``build`` is false) and serve the versioned site on 127.0.0.1:PORT.
    The build's site_url is this server's (unless ``base`` or ``settings.site_url``, env SITE_URL,
    says otherwise): Material's instant navigation only follows links of its sitemap's host and
    port. ``settings`` (default: a checkout's) configure the build."""
    settings = settings or Settings()
    out = Path(out or paths.ROOT / "build" / "site")
    check_port(port)
    if not build and not (out / "versions.json").is_file():
        raise TradesiteError(f"{out}: no versioned site here; run `tradesite site build` first")
    if build:
        check_out(out.resolve())  # before binding and building: a folder that is not a site build is refused
    try:
        httpd = server(out, port)  # bound first: a busy port is said now, not after the build
    except OSError as exc:
        raise TradesiteError(f"127.0.0.1:{port}: cannot serve there ({exc.strerror}); pass another --port") from None
    try:
        if build:
            bound = httpd.server_address[1]
            build_all(out, base=base or settings.site_url or f"http://127.0.0.1:{bound}/", settings=settings)
        print(f"serving {out} on http://127.0.0.1:{httpd.server_address[1]}/ (Ctrl-C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            httpd.serve_forever()
    finally:
        httpd.server_close()

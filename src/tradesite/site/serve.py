"""Serving the built versioned site on 127.0.0.1: ``tradesite site serve``.

A static file server, like the host the site is published to: a missing page is answered
with status 404 and the site's own 404 page (the version's ``404.html`` for
``/VERSION/...``, ``latest``'s for anything else; the root has none of its own), and a
path that would leave the site's folder (``..``, a backslash, a NUL, a symlink pointing
out) is refused with 403 without touching the file system outside it.
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

from .. import paths
from ..errors import TradesiteError
from .versions import LATEST, build_all


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files of one folder; the site's 404 page; nothing outside the folder."""

    def log_message(self, format, *args):  # quiet: one line per request is noise here
        pass

    def send_head(self):
        if self._escapes():
            self.send_error(HTTPStatus.FORBIDDEN, "the path leaves the site")
            return None
        return super().send_head()

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
        """The 404.html of the version the path is under, else latest's."""
        root = Path(self.directory)
        path = urllib.parse.unquote(self.path.split("?", 1)[0].split("#", 1)[0])
        first = posixpath.normpath(path).lstrip("/").split("/", 1)[0]
        for folder in (first, LATEST):
            if folder and folder not in (".", "..") and (root / folder / "404.html").is_file():
                return root / folder / "404.html"
        return None


def server(root: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A static file server for ``root`` on 127.0.0.1 (port 0: any free port)."""
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


def serve(out: Path | None = None, port: int = 8000, build: bool = True, base: str | None = None) -> None:
    """Build (unless ``build`` is false) and serve the versioned site on 127.0.0.1:PORT.
    The build's site_url is this server's (unless SITE_URL says otherwise): Material's
    instant navigation only follows links of its sitemap's host and port."""
    out = Path(out or paths.ROOT / "build" / "site")
    if build:
        build_all(out, base=base or os.environ.get("SITE_URL") or f"http://127.0.0.1:{port}/")
    elif not (out / "versions.json").is_file():
        raise TradesiteError(f"{out}: no versioned site here; run `tradesite site build` first")
    try:
        httpd = server(out, port)
    except OSError as exc:
        raise TradesiteError(f"127.0.0.1:{port}: cannot serve there ({exc.strerror}); pass another --port") from None
    print(f"serving {out} on http://127.0.0.1:{httpd.server_address[1]}/ (Ctrl-C stops)")
    with contextlib.suppress(KeyboardInterrupt):
        httpd.serve_forever()
    httpd.server_close()

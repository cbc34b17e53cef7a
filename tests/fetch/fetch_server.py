"""The fetcher's test server (its fixtures are in conftest.py): a real HTTP server on
127.0.0.1 serving the official files of ../shared/data/raw in the official folder layout
(census.gov Press-Release folders by statistical month, bea.gov folders by publication
month). Faults are injected by the server, never by mocking requests; it answers
conditional requests like a web server."""

from __future__ import annotations

import email.utils
import hashlib
import mimetypes
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tradesite import paths
from tradesite.sources import mmyy

CENSUS_PATH = "/foreign-trade/Press-Release"
BEA_PATH = "/sites/default/files"

#: Publication months of the BEA files in ../shared/data (its README: "published" column).
BEA_PUBLISHED = {"2025-01": "2025-03", "2025-02": "2025-04", "2025-03": "2025-05"}

#: Fast settings for the fetcher: 0.3 s of silence is a read timeout; two retries, no backoff
#: (the ``official`` fixture adds ``settings``: the local server as the hosts, for its test).
FAST = dict(timeout=(2.0, 0.3), retries=2, backoff=0.0)


def official_sha256s() -> dict[str, str]:
    """'raw/2021-08/exh1.xlsx' -> sha256, from the committed data/SHA256SUMS (tests/test_provenance.py),
    on every machine: never from release.json, the record the fetcher itself checks downloads
    against (1f8c8c0 fell back to it where ../shared/data/SHA256SUMS was absent, comparing it with itself)."""
    lines = (paths.ROOT / "data" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split(None, 1) for line in lines if line.strip())}


def leftovers(folder: Path) -> list[str]:
    """Every name in a folder, hidden ``.part`` files included."""
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


class OfficialServer:
    """Maps official URLs to raw files. ``faults[path]`` is a list of actions used up one per
    request: '500', '503', 'slow' (waits ``slow_seconds`` before answering), 'stall' (never
    answers), 'drip' (the headers, then one byte every ``drip_seconds``), 'drip-head' (the
    headers themselves one byte at a time), 'truncate' (half the
    body, then closes), 'truncate-unsized' (half the body without a Content-Length, then closes),
    'bad-length' (the whole body under 'Content-Length: N bytes'), 'html', 'html-as-binary'. ``replaced[path]`` serves another file at a
    URL (an upstream correction); ``requests`` records each request's path and headers."""

    def __init__(self, raw: Path):
        self.raw = raw
        self.bea_published = dict(BEA_PUBLISHED)
        self.faults: dict[str, list[str]] = {}
        self.replaced: dict[str, Path] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict]] = []
        self.slow_seconds = 1.0
        self.drip_seconds = 1.5
        self.stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep pytest output clean
                pass

            def do_GET(self):
                server.hits[self.path] += 1
                server.requests.append((self.path, dict(self.headers)))
                queue = server.faults.get(self.path) or []
                action = queue.pop(0) if queue else None
                if action in ("500", "503"):
                    return self._send(int(action), b"<html><body>Server error</body></html>", "text/html")
                if action == "slow":
                    time.sleep(server.slow_seconds)
                if action == "stall":
                    server.stop.wait(60)
                    return
                if action == "html":
                    return self._send(200, b"<!DOCTYPE html><html><body>Page not found</body></html>", "text/html; charset=UTF-8")
                if action == "html-as-binary":
                    return self._send(200, b"\n<!DOCTYPE html><html><body>Access Denied</body></html>", "application/octet-stream")
                file = server.replaced.get(self.path) or server.resolve(self.path)
                if file is None:
                    return self._send(404, b"<html><body>Not Found</body></html>", "text/html")
                body = file.read_bytes()
                ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
                modified = email.utils.formatdate(file.stat().st_mtime, usegmt=True)
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", ctype, etag=etag, modified=modified)
                if action in ("truncate", "drip", "drip-head"):
                    return self._partial(body, ctype, action)
                if action == "truncate-unsized":  # half the body, no Content-Length, then the connection closes
                    return self._unsized(body[: len(body) // 2], ctype, etag, modified)
                if action == "bad-length":  # the whole body under a Content-Length that is not a number
                    return self._send(200, body, ctype, etag=etag, modified=modified, length=f"{len(body)} bytes")
                self._send(200, body, ctype, etag=etag, modified=modified)

            def _partial(self, body, ctype, action):
                try:
                    if action == "drip-head":  # the status line and headers, one byte at a time
                        head = (f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n"
                                f"Content-Length: {len(body)}\r\n\r\n").encode()
                        for i in range(len(head)):
                            self.wfile.write(head[i:i + 1])
                            self.wfile.flush()
                            if server.stop.wait(server.drip_seconds):
                                break
                        self.close_connection = True
                        return
                    self.send_response(200)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.flush()
                    if action == "truncate":
                        self.wfile.write(body[: len(body) // 2])
                    else:
                        for i in range(len(body)):
                            self.wfile.write(body[i:i + 1])
                            self.wfile.flush()
                            if server.stop.wait(server.drip_seconds):
                                break
                    self.wfile.flush()
                except OSError:  # the client gave up (deadline, killed)
                    pass
                self.close_connection = True

            def _unsized(self, body, ctype, etag, modified):
                """HTTP/1.0 style: the body ends where the connection does, no size announced."""
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", ctype)
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", modified)
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(body)
                    self.wfile.flush()
                except OSError:
                    pass
                self.close_connection = True

            def _send(self, status, body, ctype, etag=None, modified=None, length=None):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", length or str(len(body)))
                    if etag:
                        self.send_header("ETag", etag)
                    if modified:
                        self.send_header("Last-Modified", modified)
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up (timeout test)
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def resolve(self, path: str) -> Path | None:
        """Official URL path -> raw file, or None (404)."""
        parts = path.split("/")
        if path.startswith(CENSUS_PATH + "/") and len(parts) == 6:  # /foreign-trade/Press-Release/2021pr/08/exh1.xlsx
            year, month, name = parts[3].removesuffix("pr"), parts[4], parts[5]
            file = self.raw / f"{year}-{month}" / name
        elif path.startswith(BEA_PATH + "/") and len(parts) == 6:  # /sites/default/files/2025-05/trad0325.pdf
            folder, name = parts[4], parts[5]
            release = next((r for r, pub in self.bea_published.items() if pub == folder and mmyy(r) in name), None)
            file = self.raw / release / name if release else None
        else:
            return None
        return file if file and file.is_file() and not name.startswith(".") else None

    def census(self, release: str, name: str) -> str:
        year, month = release.split("-")
        return f"{CENSUS_PATH}/{year}pr/{month}/{name}"

    def url(self, release: str, name: str) -> str:
        return self.base + self.census(release, name)


def start(raw: Path):
    s = OfficialServer(raw)
    s.thread.start()
    return s


def stop(s: OfficialServer) -> None:
    s.stop.set()
    s.httpd.shutdown()
    s.httpd.server_close()

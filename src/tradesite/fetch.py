"""Download a release's official files into the cache: ``tradesite fetch 2025-03``.

Which files (:func:`tradesite.sources.release_files`): the Census exhibit workbooks
``exh1.xlsx`` ... ``exh20b.xlsx`` (census.gov, folder of the *statistical* month) and BEA's
release PDF ``tradMMYY.pdf`` and ``trad-time-series-MMYY.xlsx`` (bea.gov, folder of the
*publication* month). BEA's folder is not known in advance: publication comes one to two
months after the statistical month (three when a release was delayed), so the candidate
folders of :func:`tradesite.sources.bea_folders` are tried in order, the publication date a
committed release.json states first; a 404 there only moves on to the next candidate.

Each file lands in ``cache/RELEASE/`` beside a sidecar ``<file>.json`` (url, HTTP status,
ETag, Last-Modified, sha256, size, retrieved) from which the ingest takes the provenance.

Because a scheduled job runs this unattended, a download is either complete and checked
or absent:

* connect and read timeouts; retries with backoff on connection errors, read timeouts and
  5xx answers (urllib3 ``Retry`` on a requests Session); no retry on 404, which means the
  release is not (yet) published (:class:`NotPublished`);
* an HTML page served where a workbook or PDF belongs is rejected (Content-Type, then the
  file's first bytes: ``PK\\x03\\x04`` for xlsx, ``%PDF-`` for PDF);
* the size must match Content-Length, and the sha256 the one a committed release.json
  records for the file, when there is one;
* bytes go to a temporary file in the same folder, fsync'd, then ``os.replace``'d: a failed
  download leaves neither a partial file nor a temporary one;
* a re-run skips files whose sidecar sha256 matches the file.

Every failure is one :class:`tradesite.errors.FetchError` line naming the URL, what was
expected and what was found.

``python -m tradesite.fetch due`` prints the release to look for (for the release-watch
workflow), or nothing; ``python -m tradesite.fetch committed DIR`` downloads the files of
every committed release (for CI and the release watch, whose tests read them).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from . import __version__, paths, releases
from .errors import FetchError
from .ingest import sha256 as file_sha256
from .sources import add_months, candidate_urls, kind_of, release_files

CONNECT_TIMEOUT = 10.0  # seconds to establish a connection
READ_TIMEOUT = 60.0  # seconds of silence allowed while waiting for bytes
RETRIES = 4  # further attempts after a connection error, read timeout or 5xx
BACKOFF = 1.0  # urllib3 backoff factor: waits 0, 2, 4, 8 s between attempts
RETRY_STATUSES = (500, 502, 503, 504)
CHUNK = 1 << 16

#: What each file type starts with, and how to say so in an error.
MAGIC = {"xlsx": b"PK\x03\x04", "pdf": b"%PDF-"}
EXPECTED = {
    "xlsx": "an Excel workbook (a zip file starting 'PK\\x03\\x04')",
    "pdf": "a PDF (a file starting '%PDF-')",
}


class NotPublished(FetchError):
    """Every candidate URL of a file answered 404: the release is not (yet) out."""


def session(retries: int = RETRIES, backoff: float = BACKOFF) -> requests.Session:
    """A Session that retries connection errors, read timeouts and 5xx (never 404)."""
    retry = Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        other=0,
        backoff_factor=backoff,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        raise_on_status=False,  # the last 5xx comes back as a response and is reported below
    )
    s = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    s.mount("https://", adapter)
    s.mount("http://", adapter)
    s.headers.update({"User-Agent": f"tradesite/{__version__}", "Accept-Encoding": "identity"})
    return s


def fetch(
    release: str,
    cache_dir: Path | None = None,
    *,
    files: Iterable[str] | None = None,
    data_dir: Path | None = None,
    timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
    retries: int = RETRIES,
    backoff: float = BACKOFF,
) -> list[Path]:
    """Download a release's official files to ``cache_dir/RELEASE`` (default ./cache);
    returns their paths. ``files`` narrows the set (default: :func:`release_files`);
    ``data_dir`` (default data/releases) is where known sha256s and publication dates are read."""
    releases.check_id(release)
    folder = Path(cache_dir or paths.CACHE) / release
    folder.mkdir(parents=True, exist_ok=True)
    known = _committed(release, data_dir)
    published = _published(release, data_dir)
    out = []
    with session(retries, backoff) as s:
        for name in release_files(release) if files is None else files:
            urls = candidate_urls(release, name, published)
            out.append(fetch_file(s, release, urls, folder / name, known.get(name), timeout))
    return out


def fetch_file(
    s: requests.Session,
    release: str,
    urls: list[str],
    target: Path,
    sha256: str | None,
    timeout: tuple[float, float],
) -> Path:
    """Download one file from the first of ``urls`` that has it, unless already complete.
    The sha256 to expect: ``sha256`` (a committed release.json's), else an earlier download's."""
    if complete(target, sha256):
        return target
    why = "release.json"
    if sha256 is None and _sidecar(target).get("sha256"):
        sha256 = _sidecar(target)["sha256"]
        why = f"the earlier download's {target.name}.json; delete it to accept a changed file"
    missing = []
    for url in urls:
        try:
            response = s.get(url, stream=True, timeout=timeout)
        except requests.RequestException as exc:
            raise FetchError(f"{url}: expected an HTTP answer, found {_failure(exc, timeout)}") from None
        with response:
            if response.status_code == 404:
                missing.append(url)
                continue
            if response.status_code != 200:
                raise FetchError(
                    f"{url}: expected HTTP 200, found {response.status_code} {response.reason}"
                    + (" after retries" if response.status_code in RETRY_STATUSES else "")
                )
            digest, size = _download(response, url, target, sha256, why)
            _write_json(target.with_name(target.name + ".json"), {
                "url": url,
                "status": response.status_code,
                "etag": response.headers.get("ETag"),
                "last_modified": response.headers.get("Last-Modified"),
                "content_type": response.headers.get("Content-Type"),
                "sha256": digest,
                "size": size,
                "retrieved": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            })
            return target
    raise NotPublished(f"release {release} is not (yet) published: {' and '.join(missing)} answered 404")


def _sidecar(target: Path) -> dict:
    """The record of an earlier download of ``target`` ({} when there is none or it is unreadable)."""
    side = target.with_name(target.name + ".json")
    try:
        return json.loads(side.read_text(encoding="utf-8")) if side.is_file() else {}
    except ValueError:
        return {}


def complete(target: Path, sha256: str | None = None) -> bool:
    """The file is there, and its sidecar's sha256 and size match it (and the known sha256,
    if any); without a sidecar, the file matches the known sha256."""
    if not target.is_file():
        return False
    record = _sidecar(target)
    if not record:
        return sha256 is not None and file_sha256(target) == sha256
    if record.get("size") != target.stat().st_size:
        return False
    digest = file_sha256(target)
    return record.get("sha256") == digest and sha256 in (None, digest)


def _download(response: requests.Response, url: str, target: Path, sha256: str | None,
              why: str = "release.json") -> tuple[str, int]:
    """Stream the body into a temp file beside ``target``, check it, then move it into place."""
    kind = "pdf" if kind_of(target.name) == "ft900_pdf" else "xlsx"
    content_type = response.headers.get("Content-Type", "")
    if content_type.split(";")[0].strip().lower().startswith("text/"):
        what = "an HTML page" if "html" in content_type.lower() else "a text file"
        raise FetchError(f"{url}: expected {EXPECTED[kind]}, found {what} (Content-Type {content_type})")
    length = response.headers.get("Content-Length")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        h = hashlib.sha256()
        size = 0
        head = b""
        with os.fdopen(fd, "wb") as f:
            try:
                for chunk in response.iter_content(CHUNK):
                    if len(head) < len(MAGIC[kind]):
                        head += chunk[: len(MAGIC[kind])]
                        _check_magic(head, kind, url, final=False)
                    f.write(chunk)
                    h.update(chunk)
                    size += len(chunk)
            except requests.RequestException as exc:
                expected = f"{length} bytes (Content-Length)" if length else "the whole file"
                raise FetchError(f"{url}: expected {expected}, found the transfer broken after {size} bytes "
                                 f"({_failure(exc, None)})") from None
            f.flush()
            os.fsync(f.fileno())
        _check_magic(head, kind, url, final=True)
        if length is not None and int(length) != size:
            raise FetchError(f"{url}: expected {length} bytes (Content-Length), found {size}")
        digest = h.hexdigest()
        if sha256 and digest != sha256:
            raise FetchError(f"{url}: expected sha256 {sha256} ({why}), found {digest}")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return digest, size


def _check_magic(head: bytes, kind: str, url: str, final: bool) -> None:
    magic = MAGIC[kind]
    if len(head) < len(magic) and not final:
        return
    if not head.startswith(magic):
        looks_html = head.lstrip()[:1] == b"<"
        found = "an HTML page" if looks_html else f"a file starting {head[:8]!r}"
        raise FetchError(f"{url}: expected {EXPECTED[kind]}, found {found}")


def _failure(exc: Exception, timeout: tuple[float, float] | None) -> str:
    """A short reason for a requests exception (after the retries)."""
    text = str(exc)
    if isinstance(exc, requests.ConnectTimeout) or "ConnectTimeoutError" in text:
        return f"no connection within {timeout[0] if timeout else '?'} s after retries"
    if "Read timed out" in text:
        return f"no answer within {timeout[1] if timeout else '?'} s (read timeout) after retries"
    if isinstance(exc, requests.ConnectionError):
        return f"the connection failing ({text[:160]})"
    return f"{type(exc).__name__}: {text[:160]}"


def _write_json(path: Path, record: dict) -> None:
    """Atomically, like the downloads themselves."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(record, f, indent=2)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _release_json(release: str, data_dir: Path | None) -> dict:
    path = Path(data_dir or paths.DATA) / release / "release.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _committed(release: str, data_dir: Path | None) -> dict[str, str]:
    """file name -> sha256 recorded by a committed ingest of this release."""
    return {s["file"]: s["sha256"] for s in _release_json(release, data_dir).get("sources", []) if s.get("sha256")}


def _published(release: str, data_dir: Path | None) -> str | None:
    """The publication date, where a committed release.json states it: the release's own,
    or the previous month's ``next_release``."""
    own = _release_json(release, data_dir).get("published")
    return own or _release_json(add_months(release, -1), data_dir).get("next_release")


def due(today: date | None = None, data_dir: Path | None = None) -> str | None:
    """The release to look for now: the month after the newest bundled release, once the
    ``next_release`` date that release states has come (None before). A release whose files
    state no date (Census workbooks print none) makes the next month due at once: the
    server's 404 then says whether it is out, at the cost of one request."""
    newest = releases.newest(data_dir)
    next_release = _release_json(newest, data_dir).get("next_release")
    if next_release and date.fromisoformat(next_release[:10]) > (today or date.today()):
        return None
    return add_months(newest, 1)


def fetch_committed(into: Path, data_dir: Path | None = None, **kwargs) -> list[Path]:
    """Re-create the official files every committed release was ingested from (transcribed
    ones aside) in ``into/RELEASE``, checked against the sha256s its release.json records: how
    CI and the release watch get the files the tests read (../shared/data/raw).

    Each sidecar is put back as the ingest saw it (see :func:`restore_sidecar`), so that
    re-ingesting reproduces the committed release.json byte for byte."""
    out = []
    for rid in releases.bundled(data_dir):
        meta = _release_json(rid, data_dir)
        if meta.get("transcribed"):
            continue
        got = fetch(rid, into, files=[s["file"] for s in meta["sources"]], data_dir=data_dir, **kwargs)
        for path, source in zip(got, meta["sources"]):
            restore_sidecar(path, source)
        out += got
    return out


def restore_sidecar(path: Path, source: dict) -> None:
    """The sidecar the committed ingest read (url and retrieval time, from its release.json
    record), or none when it read none (``retrieved`` null: a file from ../shared/data)."""
    side = path.with_name(path.name + ".json")
    if source.get("retrieved") is None:
        side.unlink(missing_ok=True)
        return
    _write_json(side, {key: source.get(key) for key in ("url", "sha256", "size", "retrieved")})


USAGE = """usage: python -m tradesite.fetch due [--today YYYY-MM-DD]   print the release to look for, or nothing
       python -m tradesite.fetch committed DIR                 the files of every committed release, into DIR/RELEASE"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == ["due"]:
            today = date.fromisoformat(args[args.index("--today") + 1]) if "--today" in args else None
            release = due(today)
            if release:
                print(release)
            else:
                newest = releases.newest()
                print(f"nothing due: newest release {newest} states next release "
                      f"{_release_json(newest, None).get('next_release')}", file=sys.stderr)
            return 0
        if args[:1] == ["committed"] and len(args) == 2:
            for path in fetch_committed(Path(args[1])):
                print(path)
            return 0
    except FetchError as exc:
        print(f"tradesite.fetch: {exc}", file=sys.stderr)
        return 1
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())

"""Download a release's official files into the cache: ``tradesite fetch 2025-03``.

Which files (:func:`tradesite.sources.release_files`): the Census exhibit workbooks
``exh1.xlsx`` ... ``exh20b.xlsx`` (census.gov, folder of the *statistical* month; ``exhN.xls``
where the archive has only the old format) and BEA's release PDF ``tradMMYY.pdf`` and
``trad-time-series-MMYY.xlsx`` (bea.gov, folder of the *publication* month). BEA's folder is
not known in advance: the candidate folders of :func:`tradesite.sources.bea_folders` are
tried in order, the publication date a committed release.json states first; a 404 there
only moves on to the next candidate.

Each file lands in ``cache/RELEASE/`` beside a sidecar ``<file>.json`` (url, HTTP status,
ETag, Last-Modified, sha256, size, retrieved) from which the ingest takes the provenance.

Because a scheduled job runs this unattended, a download is either complete and checked
or absent, and never runs for ever:

* a deadline per file and one per run (:class:`Deadlines`; ``--file-deadline`` and
  ``--deadline``, or env ``TRADESITE_FETCH_FILE_DEADLINE`` / ``TRADESITE_FETCH_DEADLINE``
  through the run's :class:`~tradesite.settings.Settings`),
  enforced by a watchdog that cuts the connection: a server that drips a byte a second
  or stalls cannot hold a file past it (:mod:`tradesite.transfer`);
* connect and read timeouts; retries with backoff on connection errors, timeouts, broken
  transfers and 5xx answers, within the deadline; no retry on 404, which means the
  release is not (yet) published (:class:`NotPublished`);
* an HTML page served where a workbook or PDF belongs is rejected (Content-Type, then the
  file's first bytes); the size must match Content-Length, and the sha256 the one a
  committed release.json records for the file, when there is one (:class:`ChecksumError`);
* bytes go to a ``.part`` file in the same folder, fsync'd, then ``os.replace``'d; it is
  removed on every exit path (SIGTERM included, see :mod:`tradesite.cli`), and one left by
  a process that was killed outright is removed by the next run;
* a re-run asks the server whether a file changed (If-None-Match / If-Modified-Since from
  the sidecar): 304 keeps it; a changed file is downloaded again and reported as changed,
  with the old sha256 beside the new one in the sidecar (``previous_sha256``). A file whose
  sha256 a committed release.json records is never replaced by a different one unless
  asked (``accept_changed``): the committed tables were read from it.

Every failure is one :class:`tradesite.errors.FetchError` line naming the URL, what was
expected and what was found (bytes received of expected, seconds, attempts).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from . import paths, releases
from .errors import FetchError, UsageError
from .hashing import file_sha256
from .periods import add_months
from .settings import ENV, Settings
from .sources import Hosts, candidate_urls, file_names, kind_of, release_files
from .transfer import CONNECT_TIMEOUT, READ_TIMEOUT, Deadline, Session, Transfer, clean_parts, incomplete, write_json

RETRIES = 4  # further attempts after a connection error, timeout, broken transfer or 5xx
BACKOFF = 1.0  # waits 0, 2, 4, 8 s between attempts (never past the deadline)
FILE_DEADLINE = 120.0  # seconds for one file, every attempt included
RUN_DEADLINE = 900.0  # seconds for a whole run (a complete release is 33 files)
ENV_FILE_DEADLINE = ENV["fetch_file_deadline"]
ENV_RUN_DEADLINE = ENV["fetch_deadline"]


class NotPublished(FetchError):
    """Every candidate URL of a file answered 404: the release is not (yet) out."""


class ChecksumError(FetchError):
    """The server's file is not the one a committed release.json records: a data problem
    (exit 1), not a network one."""

    exit_code = 1


@dataclass(frozen=True)
class Fetched:
    """One file of a run: where it is and what happened to it. ``outcome``: 'new' (first
    download), 'unchanged' (the server said so, or sent the same bytes), 'changed' (new
    bytes replaced a complete earlier download), 'kept' (complete and checked against the
    known sha256; no validators to ask the server with)."""

    path: Path
    outcome: str
    sha256: str
    previous_sha256: str | None = None
    #: the dates the file states (the release PDF's page 1, BEA's "Last updated"), also in its sidecar
    stated: dict | None = None

    def line(self) -> str:
        """What the command prints for it."""
        dates = ""
        if self.stated:
            dates = "; states " + ", ".join(
                f"{k.replace('_', ' ')} {v}" for k, v in sorted(self.stated.items(), reverse=True)
            )
        if self.outcome == "changed":
            return (
                f"{self.path}: changed upstream, sha256 {self.previous_sha256} -> {self.sha256} "
                f"(both in {self.path.name}.json){dates}"
            )
        return (
            f"{self.path}: "
            + {"new": "downloaded", "unchanged": "unchanged upstream", "kept": "complete (sha256 checked)"}[
                self.outcome
            ]
            + dates
        )


@dataclass(frozen=True)
class Deadlines:
    """Seconds allowed for one file (every attempt included) and for a whole run."""

    file: float = FILE_DEADLINE
    run: float = RUN_DEADLINE

    @classmethod
    def resolve(
        cls, file: float | None = None, run: float | None = None, settings: Settings | None = None
    ) -> Deadlines:
        """The given values, else the settings' (the environment's), else the defaults."""
        settings = settings or Settings()
        return cls(
            _seconds(file, settings.fetch_file_deadline, ENV_FILE_DEADLINE, FILE_DEADLINE, "--file-deadline"),
            _seconds(run, settings.fetch_deadline, ENV_RUN_DEADLINE, RUN_DEADLINE, "--deadline"),
        )


def _seconds(value: float | None, setting: str | None, env: str, default: float, option: str) -> float:
    where = option
    found: float | str | None = value  # the option's number, or the setting's text
    if value is None and setting:
        where, found = f"{env}={setting!r}", setting
    try:
        seconds = float(default if found is None else found)
    except ValueError:
        seconds = float("nan")
    if not seconds > 0 or seconds == float("inf"):
        raise UsageError(f"{where}: expected a number of seconds above 0, found {found!r}")
    return seconds


def fetch(
    release: str,
    cache_dir: Path | None = None,
    *,
    files: Iterable[str] | None = None,
    data_dir: Path | None = None,
    timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
    retries: int = RETRIES,
    backoff: float = BACKOFF,
    file_deadline: float | None = None,
    deadline: float | None = None,
    accept_changed: bool = False,
    report: Callable[[Fetched], None] | None = None,
    transfer: Session | None = None,
    missing: Callable[[str, NotPublished], None] | None = None,
    settings: Settings | None = None,
) -> list[Fetched]:
    """Download a release's official files to ``cache_dir/RELEASE`` (default: the settings'
    cache, ./cache). ``files`` narrows the set (default: :func:`release_files`); ``data_dir``
    (default: the settings' data/releases) is where known sha256s and publication dates are
    read; ``file_deadline`` and ``deadline`` are seconds (default: :meth:`Deadlines.resolve`);
    ``accept_changed`` lets a file differ from the sha256 a committed release.json records;
    ``report`` is called with each file as soon as it is done. ``transfer`` is a session to use
    (the backfill's, which paces its requests; default: one of this run's own); with
    ``missing``, a file no candidate URL has (every one answered 404) is passed to it and the run
    goes on to the next file, instead of stopping with :class:`NotPublished`. ``settings``
    (default: a checkout's) also give the hosts and the deadlines the environment set."""
    releases.check_id(release)
    settings = settings or Settings()
    limits = Deadlines.resolve(file_deadline, deadline, settings)
    hosts = settings.hosts.checked()  # both host settings, checked before any request
    cache_dir, data_dir = cache_dir or settings.cache, data_dir or settings.data
    folder = cache_folder(cache_dir, release)
    clean_parts(folder)
    known = {} if accept_changed else _committed(release, data_dir)
    published = _published(release, data_dir)
    names = list(release_files(release) if files is None else files)
    run = Deadline.start(limits.run, f"the {limits.run:g} s allowed per run (--deadline or {ENV_RUN_DEADLINE})")
    out: list[Fetched] = []
    try:
        with contextlib.nullcontext(transfer) if transfer else Transfer(timeout, retries, backoff) as t:
            for done, name in enumerate(names):
                if run.left() <= 0:
                    raise FetchError(
                        f"release {release}: expected its {len(names)} files within {run.why}, "
                        f"found {done} done after {run.elapsed():.1f} s"
                    )
                mine = Deadline.start(
                    limits.file, f"the {limits.file:g} s allowed per file (--file-deadline or {ENV_FILE_DEADLINE})"
                )
                try:
                    out.append(fetch_file(t, release, name, folder, known, published, min(mine, run), hosts))
                except NotPublished as exc:
                    if missing is None:
                        raise
                    missing(name, exc)
                    continue
                if report:
                    report(out[-1])
    finally:  # however the run ends (SIGTERM included), none of its own .part files stays
        clean_parts(folder, own=True)
    return out


def cache_folder(cache_dir: Path, release: str) -> Path:
    """``cache_dir/RELEASE``, made if need be; a file in its way is a usage error."""
    base = Path(cache_dir)
    folder = base / release
    for p in (base, folder):
        if p.exists() and not p.is_dir():
            raise UsageError(
                f"{p}: expected a folder for the downloads (--cache, or fetch-committed's DIR), "
                "found a file; pass another folder"
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            f"{folder}: expected a folder for the downloads, but it cannot be made ({exc.strerror}); "
            "pass another folder"
        ) from None
    return folder


def fetch_file(
    t: Session,
    release: str,
    name: str,
    folder: Path,
    known: dict[str, str],
    published: str | None,
    deadline: Deadline,
    hosts: Hosts,
) -> Fetched:
    """One file, from the first of its names and URLs the server has; see the module docstring."""
    present = next((folder / n for n in file_names(name) if (folder / n).is_file()), None)
    if present is not None:
        record = _sidecar(present)
        if complete(present, known.get(present.name)):
            validators = {k: record[k] for k in ("etag", "last_modified") if record.get(k)}
            if not validators or not record.get("url"):
                return Fetched(present, "kept", record.get("sha256") or file_sha256(present))
            return _refresh(t, release, present, record, validators, known.get(present.name), deadline)
    missing = []
    for n in file_names(name):
        target = folder / n
        for url in candidate_urls(release, n, published, hosts):
            got = t.get(url, target, _kind(n), deadline)
            if got is None:
                missing.append(url)
                continue
            whole = target.is_file() and incomplete(target, _kind(n)) is None
            return _store(
                got, target, _sidecar(target) if whole else {}, known.get(n), release
            )  # a cut-short one was no download
    raise NotPublished(f"release {release} is not (yet) published: {' and '.join(missing)} answered 404")


def _refresh(
    t: Session, release: str, present: Path, record: dict, validators: dict, sha256: str | None, deadline: Deadline
) -> Fetched:
    """Ask the server whether a complete earlier download changed (a conditional GET)."""
    got = t.get(record["url"], present, _kind(present.name), deadline, validators)
    if got is None:
        raise FetchError(
            f"{record['url']}: expected the file downloaded on {record.get('retrieved')} "
            f"({present.name}.json), found HTTP 404 (removed upstream?); the cached copy is kept"
        )
    if got.not_modified:
        write_json(present.with_name(present.name + ".json"), {**record, "checked": _now()})
        return Fetched(present, "unchanged", record["sha256"])
    return _store(got, present, record, sha256, release)


def _store(got, target: Path, record: dict, sha256: str | None, release: str) -> Fetched:
    """Check a downloaded ``.part`` against the known sha256, move it into place and write its
    sidecar; the outcome compares it with the earlier download's record."""
    try:
        if sha256 and got.sha256 != sha256:
            was = " (it changed upstream since it was ingested; the cached copy is kept)" if target.is_file() else ""
            raise ChecksumError(
                f"{got.url}: expected sha256 {sha256} (release {release}'s release.json), found {got.sha256}{was}; "
                f"`tradesite fetch {release} --accept-changed` takes the new file (then re-ingest and review the diff)"
            )
        os.replace(got.part, target)
    finally:
        got.part.unlink(missing_ok=True)
    before = record.get("sha256")
    outcome = "new" if not before else "unchanged" if before == got.sha256 else "changed"
    side = {
        "url": got.url,
        "status": got.status,
        "etag": got.headers.get("ETag"),
        "last_modified": got.headers.get("Last-Modified"),
        "content_type": got.headers.get("Content-Type"),
        "sha256": got.sha256,
        "size": got.size,
        "retrieved": _now(),
    }
    if outcome == "changed":
        side |= {"previous_sha256": before, "previous_retrieved": record.get("retrieved")}
    from .readers import stated_dates  # what a file states needs its reader (and pandas): not before a download

    stated = stated_dates(target)
    if stated:  # the dates found online, kept with the file (the ingest reads them from the file itself)
        side["stated"] = stated
    write_json(target.with_name(target.name + ".json"), side)
    return Fetched(target, outcome, got.sha256, before if outcome == "changed" else None, stated or None)


def _kind(name: str) -> str:
    return "pdf" if kind_of(name) == "ft900_pdf" else "xls" if name.lower().endswith(".xls") else "xlsx"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _sidecar(target: Path) -> dict:
    """The record of an earlier download of ``target`` ({} when there is none or it is unreadable)."""
    side = target.with_name(target.name + ".json")
    try:
        record = json.loads(side.read_text(encoding="utf-8")) if side.is_file() else {}
    except ValueError:
        return {}
    return record if isinstance(record, dict) else {}


def complete(target: Path, sha256: str | None = None) -> bool:
    """The file is there, and its sidecar's sha256 and size match it (and the known sha256,
    if any); without a sidecar, the file matches the known sha256."""
    if not target.is_file() or incomplete(target, _kind(target.name)) is not None:  # cut short, whatever it records
        return False
    record = _sidecar(target)
    if not record:
        return sha256 is not None and file_sha256(target) == sha256
    if record.get("size") != target.stat().st_size:
        return False
    digest = file_sha256(target)
    return record.get("sha256") == digest and sha256 in (None, digest)


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


def not_due_reason(data_dir: Path | None = None) -> str:
    """Why nothing is due, for the ``due`` command."""
    newest = releases.newest(data_dir)
    return f"nothing due: newest release {newest} states next release {_release_json(newest, data_dir).get('next_release')}"


def fetch_committed(into: Path, data_dir: Path | None = None, **kwargs) -> list[Fetched]:
    """Re-create the official files every committed release was ingested from (transcribed
    ones aside) in ``into/RELEASE``, checked against the sha256s its release.json records: how
    CI and the release watch get the files the tests read (../shared/data/raw).

    Each sidecar is put back as the ingest saw it (see :func:`restore_sidecar`), so that
    re-ingesting reproduces the committed release.json byte for byte."""
    data_dir = data_dir or (kwargs.get("settings") or Settings()).data
    out = []
    for rid in releases.bundled(data_dir):
        meta = _release_json(rid, data_dir)
        if meta.get("transcribed"):
            continue
        got = fetch(rid, into, files=[s["file"] for s in meta["sources"]], data_dir=data_dir, **kwargs)
        for item, source in zip(got, meta["sources"]):
            restore_sidecar(item.path, source)
        out += got
    return out


def restore_sidecar(path: Path, source: dict) -> None:
    """The sidecar the committed ingest read (url and retrieval time, from its release.json
    record), or none when it read none (``retrieved`` null: a file from ../shared/data)."""
    side = path.with_name(path.name + ".json")
    if source.get("retrieved") is None:
        side.unlink(missing_ok=True)
        return
    write_json(side, {key: source.get(key) for key in ("url", "sha256", "size", "retrieved")})

"""Fetch and ingest every release from a month on: ``tradesite backfill --from 2021-03``.

Each month of the range is :func:`tradesite.fetch.fetch`'d into ``cache/RELEASE`` (the URL
patterns of :mod:`tradesite.sources`; a file every candidate URL answers 404 for is *missing
upstream*, and the month goes on without it), then :func:`tradesite.ingest.ingest`'d from
there into ``data/RELEASE`` with the ingest's atomic write: a month that fails leaves its
committed folder exactly as it was, and never stops the months after it.

* **Resumable.** What each month came to is kept in ``cache/backfill.json`` (written
  atomically after every month). A rerun skips a month recorded as ingested once it is
  *verified*: every file it was read from is still in the cache with that sha256, and
  ``data/RELEASE/release.json`` records the same files and sha256s, its tables present. A
  skipped month costs no request. A run cut short (Ctrl-C, SIGTERM, a crash) loses at most
  the month it was in; that month's files already downloaded are only asked about again
  (a conditional request, answered 304).
* **Rate-limited.** At least ``delay`` seconds pass between the end of one request and the
  start of the next, across months (retries within one request keep the fetcher's backoff).
* **Reported per month** (:class:`Month`): files fetched, unchanged, missing upstream;
  ingested or not, and why not in the error's own line (an :class:`IngestError` names the
  file, sheet, row and what was expected). A month with no file at all upstream is failed
  ("nothing published"), as a single ``tradesite fetch`` would be.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .errors import FetchError, TradesiteError, UsageError
from .fetch import BACKOFF, RETRIES, Deadlines, Fetched, NotPublished, cache_folder, complete, fetch
from .ingest import INGEST_VERSION, data_folder, ingest
from .periods import add_months
from .releases import check_id
from .settings import Settings
from .sources import candidate_urls, release_files
from .transfer import CONNECT_TIMEOUT, READ_TIMEOUT, Transfer, write_json

DELAY = 1.0  # seconds between two requests, by default
STATE = "backfill.json"  # in the cache folder


@dataclass
class Month:
    """What one month of a backfill came to. ``status``: 'ingested', 'skipped' (done by an
    earlier run, verified) or 'failed'; ``error`` is the one line that says why it failed."""

    release: str
    status: str = "failed"
    fetched: list[str] = field(default_factory=list)  # downloaded now (new, or changed upstream)
    unchanged: list[str] = field(default_factory=list)  # in the cache already, the same upstream
    missing: list[str] = field(default_factory=list)  # every candidate URL answered 404
    ingested: str | None = None  # the ingest's summary line
    error: str | None = None
    exit_code: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        """One line, as CI logs show it."""
        if self.status == "skipped":
            return f"{self.release}: skipped, done before ({self.ingested})"
        files = [
            f"{len(self.fetched)} fetched",
            f"{len(self.unchanged)} unchanged",
            f"{len(self.missing)} missing upstream" + _names(self.missing),
        ]
        head = f"{self.release}: {self.status} in {self.seconds:.1f} s; files: {', '.join(files)}"
        if self.status == "ingested":
            assert self.ingested is not None  # set with the status
            return f"{head}; {self.ingested.removeprefix(self.release + ': ')}"
        return f"{head}; not ingested: {self.error}"


def _names(names: list[str], most: int = 4) -> str:
    if not names:
        return ""
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return f" ({', '.join(names[:most])}{more})"


@dataclass(frozen=True)
class Progress:
    """Where a run is: months done of the total, the month and its phase, and the time left
    as the months worked so far (skipped ones aside) suggest (None before the first)."""

    done: int
    total: int
    release: str
    phase: str
    elapsed: float
    left: float | None

    def line(self) -> str:
        left = "time left unknown" if self.left is None else f"about {_duration(self.left)} left"
        return f"{self.done}/{self.total} months done; {self.release}: {self.phase}; {left}"


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    return (
        f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
        if seconds >= 3600
        else f"{seconds // 60} min {seconds % 60:02d} s"
        if seconds >= 60
        else f"{seconds} s"
    )


class Paced:
    """A :class:`Transfer` whose requests are at least ``delay`` seconds apart (``sleep`` and
    ``clock`` are injected by the tests)."""

    def __init__(
        self,
        transfer: Transfer,
        delay: float,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.transfer, self.delay, self.sleep, self.clock = transfer, delay, sleep, clock
        self.last: float | None = None
        self.requests = 0

    def get(self, *args, **kwargs):
        if self.last is not None and self.delay > 0:
            wait = self.last + self.delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self.requests += 1
        try:
            return self.transfer.get(*args, **kwargs)
        finally:
            self.last = self.clock()


def months(start: str, end: str) -> list[str]:
    """Every month from ``start`` to ``end``, both included."""
    check_id(start), check_id(end)
    if end < start:
        raise UsageError(f"--to {end}: expected a month from --from {start} on, found an earlier one")
    out = [start]
    while out[-1] < end:
        out.append(add_months(out[-1], 1))
    return out


def default_end(today: datetime | None = None) -> str:
    """The newest month likely out: two months before this one (a release comes about 35 days
    after its month ends)."""
    today = today or datetime.now(UTC)
    return add_months(f"{today.year:04d}-{today.month:02d}", -2)


def backfill(
    start: str,
    end: str | None = None,
    *,
    cache_dir: Path | None = None,
    data_dir: Path | None = None,
    delay: float = DELAY,
    file_deadline: float | None = None,
    deadline: float | None = None,
    timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
    retries: int = RETRIES,
    backoff: float = BACKOFF,
    report: Callable[[Month], None] | None = None,
    progress: Callable[[Progress], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    settings: Settings | None = None,
) -> list[Month]:
    """Fetch and ingest every month from ``start`` to ``end`` (default :func:`default_end`);
    returns one :class:`Month` per month, also passed to ``report`` as each is done.
    ``deadline`` is the time allowed for each month (``file_deadline`` for each file);
    ``progress`` is told each phase. Settings given wrong raise :class:`UsageError` before
    any request; a month's failure is in its report, never raised. ``settings`` (default: a
    checkout's) give the default folders, the hosts and the deadlines the environment set."""
    todo = months(start, end or default_end())
    if not delay >= 0 or delay == float("inf"):
        raise UsageError(f"--delay: expected a number of seconds, 0 or more, found {delay!r}")
    settings = settings or Settings()
    Deadlines.resolve(file_deadline, deadline, settings)
    settings.hosts.checked()
    data = data_folder(data_dir or settings.data)
    cache = cache_folder(cache_dir or settings.cache, todo[0]).parent
    state_file = cache / STATE
    state = _load(state_file)
    began, worked, spent = clock(), 0, 0.0
    out: list[Month] = []

    def tell(release: str, phase: str) -> None:
        if progress:
            left = spent / worked * (len(todo) - len(out)) if worked else None
            progress(Progress(len(out), len(todo), release, phase, clock() - began, left))

    with Transfer(timeout, retries, backoff) as t:
        paced = Paced(t, delay, sleep, clock)
        for release in todo:
            tell(release, "checking what an earlier run did")
            done = _verified(release, state.get(release), cache, data)
            if done:
                month = Month(release, "skipped", ingested=done)
            else:
                started = clock()
                month = _month(
                    release,
                    paced,
                    cache,
                    data,
                    tell,
                    {"file_deadline": file_deadline, "deadline": deadline, "settings": settings},
                )
                month.seconds = clock() - started
                worked, spent = worked + 1, spent + month.seconds
                state[release] = _record(month, cache / release)
                write_json(state_file, {"version": 1, "months": state})
            out.append(month)
            if report:
                report(month)
    return out


def _month(release: str, t: Paced, cache: Path, data: Path, tell, limits: dict) -> Month:
    """Fetch one month, then ingest what it has; every failure is the report's, none raised."""
    month = Month(release)

    files = len(release_files(release))

    def done() -> None:
        tell(
            release, f"fetching: {len(month.fetched) + len(month.unchanged) + len(month.missing)} of {files} files done"
        )

    def fetched(item: Fetched) -> None:
        (month.fetched if item.outcome in ("new", "changed") else month.unchanged).append(item.path.name)
        done()

    def missing(name: str, exc: NotPublished) -> None:
        month.missing.append(name)
        done()

    try:
        tell(release, "fetching")
        if not fetch(release, cache, data_dir=data, transfer=t, report=fetched, missing=missing, **limits):
            first = candidate_urls(release, month.missing[0], hosts=limits["settings"].hosts)[0]
            raise NotPublished(
                f"release {release} is not (yet) published: every URL of its {len(month.missing)} "
                f"files answered 404 (the first: {first})"
            )
        tell(release, "ingesting")
        lines: list[str] = []
        ingest(release, raw_dir=cache / release, data_dir=data, report=lines.append)
        month.status, month.ingested = "ingested", lines[-1] if lines else f"{release}: ingested"
    except TradesiteError as exc:
        month.error, month.exit_code = _one_line(str(exc)), exc.exit_code
    except (OSError, ValueError) as exc:
        month.error, month.exit_code = _one_line(f"{type(exc).__name__}: {exc}"), 1
    except Exception as exc:  # a bug, or an input nobody foresaw: the month fails, the others go on
        month.error, month.exit_code = _one_line(f"unexpected {type(exc).__name__}: {exc}"), 1
    return month


def _one_line(text: str) -> str:
    return "; ".join(line.strip() for line in text.splitlines() if line.strip())


def _record(month: Month, folder: Path) -> dict:
    """The state file's record of a month just worked."""
    record: dict[str, object] = {
        "status": month.status,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "missing": month.missing,
    }
    if month.status == "ingested":
        side: dict[str, str | None] = {}
        for name in month.fetched + month.unchanged:
            try:
                side[name] = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))["sha256"]
            except (OSError, ValueError, KeyError, TypeError):
                side[name] = None  # no record: the month will not verify, and is done again
        record |= {"files": side, "ingest_version": INGEST_VERSION, "ingested": month.ingested}
    else:
        record["error"] = month.error
    return record


def _verified(release: str, record: dict | None, cache: Path, data: Path) -> str | None:
    """What an earlier run did, if it ingested this month and that still holds (see the module
    docstring): a few words for the report; else None (the month is done again)."""
    if (
        not isinstance(record, dict)
        or record.get("status") != "ingested"
        or record.get("ingest_version") != INGEST_VERSION
        or not isinstance(record.get("files"), dict)
    ):
        return None
    files = record["files"]
    if not files or not all(
        isinstance(sha, str) and complete(cache / release / name, sha) for name, sha in files.items()
    ):
        return None
    try:
        meta = json.loads((data / release / "release.json").read_text(encoding="utf-8"))
        sources = {s["file"]: s["sha256"] for s in meta["sources"]}
        tables = [data / release / t["file"] for t in meta["tables"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if sources != files or not all(p.is_file() for p in tables):
        return None
    return (
        f"ingested {record.get('at')}; verified: its {len(files)} file{'s' * (len(files) != 1)} in the cache "
        f"and {data / release / 'release.json'} have the same sha256s"
    )


def _load(path: Path) -> dict:
    """The months of the state file ({} when there is none, or it is unreadable: every month
    is then done again, which is safe)."""
    try:
        months = json.loads(path.read_text(encoding="utf-8")).get("months")
    except (OSError, ValueError, AttributeError):
        return {}
    return months if isinstance(months, dict) else {}


def summary(result: list[Month], seconds: float) -> str:
    """The run in one line."""
    by = {s: [m.release for m in result if m.status == s] for s in ("ingested", "skipped", "failed")}
    failed = f" ({', '.join(by['failed'])})" if by["failed"] else ""

    def count(attr: str) -> int:
        return sum(len(getattr(m, attr)) for m in result)

    span = f"{result[0].release} to {result[-1].release}" if result else "no month"
    return (
        f"backfill {span}: {len(result)} month{'s' * (len(result) != 1)}, {len(by['ingested'])} ingested, "
        f"{len(by['skipped'])} skipped (done before), {len(by['failed'])} failed{failed}; files: "
        f"{count('fetched')} fetched, {count('unchanged')} unchanged, {count('missing')} missing upstream; "
        f"{seconds:.1f} s"
    )


def exit_code(result: list[Month]) -> int:
    """0 when no month failed; else 1 if a month's files could not be read or checked (data),
    3 if months failed only for the network (a download, or nothing published)."""
    codes = {m.exit_code for m in result if m.status == "failed"}
    return 0 if not codes else 3 if codes == {FetchError.exit_code} else 1

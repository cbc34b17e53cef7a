"""The ``tradesite`` command: everything a maintainer or a workflow does, as subcommands of
one command line, a thin layer over the library.

Every failure prints one line, ``tradesite COMMAND: what went wrong`` (which file or URL,
where, what was expected, what was found), and exits with a documented status (README,
"Exit codes"): 1 bad input or data, 2 usage, 3 network, 130 interrupted, 143 terminated.
``--debug`` (or ``TRADESITE_DEBUG=1``) adds the traceback. SIGTERM is turned into an
exception, so that every cleanup runs (no ``.part`` file, no temporary folder left behind).
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
import threading
import traceback
from pathlib import Path

from .cli_args import delay_seconds, iso_date, port_number, release_id, seconds, site_url_arg
from .errors import TradesiteError, UsageError
from .settings import Settings

#: Exit statuses (README, "Exit codes").
EXIT_DATA, EXIT_USAGE, EXIT_NETWORK, EXIT_INTERRUPTED, EXIT_TERMINATED = 1, 2, 3, 130, 143


class Terminated(BaseException):
    """SIGTERM, raised where the process happens to be so that every ``finally`` runs."""


def _ingest(args: argparse.Namespace, settings: Settings) -> None:
    from .ingest import ingest, releases_found

    releases = args.releases
    if args.all:
        releases = releases_found(settings.shared)
    if not releases:
        raise UsageError("name a release (YYYY-MM) or pass --all")
    for release in releases:
        ingest(release, raw_dir=args.raw, data_dir=args.data or settings.data, report=print, shared=settings.shared)


def _fetch_options(args: argparse.Namespace, settings: Settings) -> dict:
    return {"file_deadline": args.file_deadline, "deadline": args.deadline, "settings": settings}


def _report(item) -> None:
    print(item.line(), flush=True)


def _fetch(args: argparse.Namespace, settings: Settings) -> None:
    from .fetch import fetch

    fetch(
        args.release,
        cache_dir=args.cache,
        accept_changed=args.accept_changed,
        report=_report,
        **_fetch_options(args, settings),
    )


def _update(args: argparse.Namespace, settings: Settings) -> None:
    from .fetch import fetch
    from .ingest import ingest

    files = fetch(
        args.release,
        cache_dir=args.cache,
        accept_changed=args.accept_changed,
        report=_report,
        **_fetch_options(args, settings),
    )
    ingest(
        args.release,
        raw_dir=files[0].path.parent if files else None,
        data_dir=settings.data,
        report=print,
        shared=settings.shared,
    )


class BackfillFailed(TradesiteError):
    """Some months of a backfill failed (each said in its own line); the others are done."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _backfill(args: argparse.Namespace, settings: Settings) -> None:
    import time

    from .backfill import backfill, exit_code, summary

    terminal = sys.stderr.isatty()  # progress on a terminal; one line per month in CI logs

    def progress(p) -> None:
        print(f"\r\x1b[K{p.line()}", end="", file=sys.stderr, flush=True)

    def report(month) -> None:
        if terminal:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)
        print(month.line(), flush=True)

    began = time.monotonic()
    try:
        result = backfill(
            args.start,
            args.end,
            cache_dir=args.cache,
            data_dir=args.data,
            delay=args.delay,
            report=report,
            progress=progress if terminal else None,
            **_fetch_options(args, settings),
        )
    finally:
        if terminal:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)
    print(summary(result, time.monotonic() - began))
    code = exit_code(result)
    if code:
        failed = [m.release for m in result if m.status == "failed"]
        raise BackfillFailed(
            f"{len(failed)} of {len(result)} months failed ({', '.join(failed)}), each said in its "
            "line above; the others are done, and a rerun does only what is left",
            code,
        )


def _fetch_committed(args: argparse.Namespace, settings: Settings) -> None:
    from .fetch import fetch_committed

    fetch_committed(args.dir, data_dir=settings.data, report=_report, **_fetch_options(args, settings))


def _due(args: argparse.Namespace, settings: Settings) -> None:
    from .fetch import due, not_due_reason

    release = due(args.today, settings.data)
    if release:
        print(release)
    else:
        print(not_due_reason(settings.data), file=sys.stderr)


def _pages(args: argparse.Namespace, settings: Settings) -> None:
    from .site.release.pages import write_pages

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: expected a folder for the pages, found a file; pass another --out")
    for path in write_pages(args.release, out, settings):
        print(path)


def earlier_release_build(out: Path) -> bool:
    """Whether ``out`` holds a site `tradesite build` made (mkdocs --clean replaces what is in it)."""
    return (out / "search" / "search_index.json").is_file() and (out / "stylesheets" / "tradesite-charts.css").is_file()


def _build(args: argparse.Namespace, settings: Settings) -> None:
    from .site.release.build import build_release
    from .site.versioned.out_folder import check_out

    out = Path(args.out) if args.out else None
    if out is not None:  # mkdocs build --clean empties the folder first: never a user's folder
        check_out(out, earlier_release_build, "tradesite build")
    print(build_release(args.release, out, settings))


def _site(args: argparse.Namespace, settings: Settings) -> None:
    if args.action == "build":
        from .site.versioned.versions import build_all

        print(
            build_all(
                Path(args.out) if args.out else None,
                releases=args.release or None,
                base=args.site_url,
                settings=settings,
            )
        )
    else:
        from .site.versioned.serve import serve

        serve(
            Path(args.out) if args.out else None,
            port=args.port,
            build=not args.no_build,
            base=args.site_url,
            settings=settings,
        )


def _publish(args: argparse.Namespace, settings: Settings) -> None:
    from .site.versioned.versions import publish

    publish(args.release, push=not args.no_push, remote=args.remote, base=args.site_url, settings=settings)


# -- parsing ---------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line, exit 2."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (`{self.prog} --help` shows the usage)\n")


def _site_url_option(s: argparse.ArgumentParser) -> None:
    s.add_argument(
        "--site-url",
        type=site_url_arg,
        metavar="URL",
        help="where the site is published: canonical links, sitemap, feed and API use it "
        "(default: env SITE_URL, else http://127.0.0.1:8000/; serve: the local address)",
    )


def _deadline_options(s: argparse.ArgumentParser, run: str = "the whole run") -> None:
    s.add_argument(
        "--file-deadline",
        type=seconds,
        metavar="SECONDS",
        help="time allowed for one file, retries included (default: env TRADESITE_FETCH_FILE_DEADLINE or 120)",
    )
    s.add_argument(
        "--deadline",
        type=seconds,
        metavar="SECONDS",
        help=f"time allowed for {run} (default: env TRADESITE_FETCH_DEADLINE or 900)",
    )


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="tradesite",
        description="The FT-900 U.S. International Trade in Goods and Services report as a versioned site.",
        epilog="Exit codes: 0 done, 1 bad input or data, 2 usage, 3 network, 130 interrupted, 143 terminated. "
        "Every failure is one line; --debug adds the traceback.",
    )
    p.add_argument("--debug", action="store_true", help="show the traceback of a failure (also env TRADESITE_DEBUG=1)")
    debug = _Parser(add_help=False)
    debug.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func, help: str) -> argparse.ArgumentParser:
        s = sub.add_parser(name, help=help, description=help, parents=[debug])
        s.set_defaults(func=func)
        return s

    s = command("ingest", _ingest, "read a release's official files into tidy tables under data/releases/RELEASE")
    s.add_argument(
        "releases", nargs="*", metavar="RELEASE", type=release_id, help="statistical month, YYYY-MM (e.g. 2025-03)"
    )
    s.add_argument(
        "--raw", type=Path, help="folder with the official files (DIR/RELEASE or DIR itself); default ../shared/data"
    )
    s.add_argument("--data", type=Path, help="where the tidy tables go; default data/releases")
    s.add_argument("--all", action="store_true", help="every release found under ../shared/data")

    s = command("fetch", _fetch, "download a release's official files from census.gov and bea.gov into the cache")
    s.add_argument("release", metavar="RELEASE", type=release_id)
    s.add_argument("--cache", type=Path, help="download folder (default ./cache, git-ignored)")
    s.add_argument(
        "--accept-changed",
        action="store_true",
        help="take a file that changed upstream although release.json records another sha256",
    )
    _deadline_options(s)

    s = command("update", _update, "fetch, then ingest, a release")
    s.add_argument("release", metavar="RELEASE", type=release_id)
    s.add_argument("--cache", type=Path)
    s.add_argument("--accept-changed", action="store_true")
    _deadline_options(s)

    s = command(
        "backfill",
        _backfill,
        "fetch and ingest every release from a month on, from census.gov and "
        "bea.gov; resumable (a rerun skips the months done), one line per month",
    )
    s.add_argument("--from", dest="start", required=True, metavar="YYYY-MM", type=release_id, help="the first month")
    s.add_argument(
        "--to",
        dest="end",
        metavar="YYYY-MM",
        type=release_id,
        help="the last month (default: two months before this one)",
    )
    s.add_argument(
        "--delay",
        type=delay_seconds,
        default=1.0,
        metavar="SECONDS",
        help="at least this long between two requests (default 1)",
    )
    s.add_argument("--cache", type=Path, help="download folder, and the run's record backfill.json (default ./cache)")
    s.add_argument("--data", type=Path, help="where the tidy tables go (default data/releases)")
    _deadline_options(s, run="each month")

    s = command(
        "fetch-committed",
        _fetch_committed,
        "download the official files the committed releases were read from into DIR/RELEASE, "
        "checked against their release.json (CI)",
    )
    s.add_argument("dir", metavar="DIR", type=Path, help="e.g. ../shared/data/raw")
    _deadline_options(s)

    s = command(
        "due", _due, "print the release to look for now (the newest release's next_release date has come), or nothing"
    )
    s.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD", help="as if today were this date")

    s = command("pages", _pages, "write a release's generated pages (Markdown, CSV, chart data) to a folder")
    s.add_argument("release", nargs="?", metavar="RELEASE", type=release_id, help="default: the newest")
    s.add_argument("--out", required=True)

    s = command("build", _build, "build one release's site with mkdocs (no versions)")
    s.add_argument("release", nargs="?", metavar="RELEASE", type=release_id, help="default: the newest")
    s.add_argument("--out", help="default build/release/RELEASE")

    s = command("site", _site, "build the versioned site (every release, with mike) or serve it on 127.0.0.1")
    s.add_argument("action", choices=["build", "serve"])
    s.add_argument("--release", action="append", type=release_id, help="only these releases (repeatable); default all")
    s.add_argument("--out", help="default build/site")
    s.add_argument(
        "--port", type=port_number, default=8000, help="serve: the port on 127.0.0.1 (default 8000; 0: any free one)"
    )
    s.add_argument("--no-build", action="store_true", help="serve: serve what was built last")
    _site_url_option(s)

    s = command(
        "publish",
        _publish,
        "build one release and commit it to the gh-pages branch with mike, then push (the Publish workflow)",
    )
    s.add_argument("release", metavar="RELEASE", type=release_id)
    s.add_argument("--no-push", action="store_true", help="commit to gh-pages only")
    s.add_argument("--remote", default="origin")
    _site_url_option(s)
    return p


# -- running ---------------------------------------------------------------------------


def exit_code_and_line(exc: BaseException) -> tuple[int, str]:
    """The exit status and the one line to print for a failure."""
    if isinstance(exc, Terminated):
        return EXIT_TERMINATED, "terminated (SIGTERM); nothing half-written was left"
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED, "interrupted; nothing half-written was left"
    child = child_failure(str(exc))  # a child's traceback in the message (mkdocs's output): its last line
    text = ""
    for line in filter(None, (line.strip() for line in (child[0] if child else str(exc)).splitlines())):  # one line
        text += line if not text else (" " if text.endswith(":") else "; ") + line
    if isinstance(exc, TradesiteError):
        return exc.exit_code, text
    if child and child[1] is not None:  # the child failed on one of ours (a DataError, ...): its code, no 'unexpected'
        return child[1], text
    if type(exc).__name__ == "GitError":  # mike's: a refused push, a diverged gh-pages branch
        return EXIT_DATA, f"git: {text}"
    if isinstance(exc, OSError) and type(exc).__module__.startswith(("requests", "urllib3")):
        return EXIT_NETWORK, f"{type(exc).__name__}: {text}"
    if isinstance(exc, (OSError, ValueError)):
        return EXIT_DATA, text
    return EXIT_DATA, f"unexpected {type(exc).__name__}: {text or '(no message)'} (--debug shows where)"


#: a frame line of a Python traceback, and the traceback's last line: the exception and its message
_FRAME = re.compile(r'^\s*(Traceback \(most recent call last\):|File ".*", line \d+|\^+$)')
_RAISED = re.compile(r"^(?P<type>[A-Za-z_][\w.]*): (?P<message>.+)$")
#: our errors by name (a child process's traceback names them): their exit statuses
_OURS = {
    "TradesiteError": EXIT_DATA,
    "FileError": EXIT_DATA,
    "IngestError": EXIT_DATA,
    "DataError": EXIT_DATA,
    "ValidationError": EXIT_DATA,
    "ChecksumError": EXIT_DATA,
    "UsageError": EXIT_USAGE,
    "FetchError": EXIT_NETWORK,
    "NotPublished": EXIT_NETWORK,
    "ConflictError": EXIT_DATA,
}


def child_failure(text: str) -> tuple[str, int | None] | None:
    """A message that carries a child process's traceback (``mkdocs build`` failing in a page of
    ours) -> (the message's own words and the traceback's last line, the exit status when that
    line is one of our errors); None when there is no traceback in it. Without ``--debug`` no
    traceback text reaches the terminal."""
    lines = text.splitlines()
    frames = [i for i, line in enumerate(lines) if _FRAME.match(line)]
    if not frames:
        return None
    raised = next((m for line in reversed(lines[frames[-1] + 1 :]) if (m := _RAISED.match(line.strip()))), None)
    head = " ".join(line.strip() for line in lines[: frames[0]] if line.strip())
    if raised is None:
        return f"{head} (--debug shows the traceback)", None
    kind = raised["type"].rsplit(".", 1)[-1]
    ours = raised["type"].startswith("tradesite.") and kind in _OURS
    said = raised["message"] if ours else f"{kind}: {raised['message']}"
    return f"{head} {said}".strip(), _OURS[kind] if ours else None


def _on_sigterm(signum, frame):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one must not cut the cleanup short
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error, already printed as one line (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    settings = Settings.from_env()  # the one read of the environment: passed down from here
    debug = args.debug or settings.debug
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if in_main else None
    try:
        args.func(args, settings)
    except Exception as exc:  # one line, whatever it was
        return _fail(args, exc, debug)
    except (KeyboardInterrupt, Terminated) as exc:
        return _fail(args, exc, debug)
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)
    return 0


def _fail(args: argparse.Namespace, exc: BaseException, debug: bool) -> int:
    code, line = exit_code_and_line(exc)
    if debug:
        traceback.print_exception(exc)
    print(f"tradesite {args.command}: {line}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())

"""The ``tradesite`` command: a thin layer over the library.

Every failure prints one line (which file, where, what was expected) and exits
non-zero; nothing is half-written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import TradesiteError


def _ingest(args: argparse.Namespace) -> None:
    from . import paths
    from .ingest import ingest

    releases = args.releases
    if args.all:
        releases = sorted({p.name for base in (paths.RAW, paths.TRANSCRIBED) if base.is_dir() for p in base.iterdir()})
    if not releases:
        raise SystemExit("tradesite ingest: name a release (YYYY-MM) or pass --all")
    for release in releases:
        out = ingest(release, raw_dir=args.raw, data_dir=args.data)
        print(f"{release}: wrote {out}")


def _fetch(args: argparse.Namespace) -> None:
    from .fetch import fetch

    for path in fetch(args.release, cache_dir=args.cache):
        print(path)


def _update(args: argparse.Namespace) -> None:
    from .fetch import fetch
    from .ingest import ingest

    files = fetch(args.release, cache_dir=args.cache)
    out = ingest(args.release, raw_dir=files[0].parent if files else None)
    print(f"{args.release}: wrote {out}")


def _pages(args: argparse.Namespace) -> None:
    from .site.pages import write_pages

    for path in write_pages(args.release, Path(args.out)):
        print(path)


def _build(args: argparse.Namespace) -> None:
    from .site.build import build_release

    print(build_release(args.release, Path(args.out) if args.out else None))


def _site(args: argparse.Namespace) -> None:
    from .site import versions

    if args.action == "build":
        print(versions.build_all(Path(args.out) if args.out else None, releases=args.release or None))
    else:
        from .site.serve import serve

        serve(Path(args.out) if args.out else None, port=args.port, build=not args.no_build)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tradesite",
        description="The FT-900 U.S. International Trade in Goods and Services report as a versioned site.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("ingest", help="read a release's official files into tidy tables under data/releases/RELEASE")
    s.add_argument("releases", nargs="*", metavar="RELEASE", help="statistical month, YYYY-MM (e.g. 2025-03)")
    s.add_argument("--raw", type=Path, help="folder with the official files (DIR/RELEASE or DIR itself); default ../shared/data")
    s.add_argument("--data", type=Path, help="where the tidy tables go; default data/releases")
    s.add_argument("--all", action="store_true", help="every release found under ../shared/data")
    s.set_defaults(func=_ingest)

    s = sub.add_parser("fetch", help="download a release's official files from census.gov and bea.gov into the cache")
    s.add_argument("release", metavar="RELEASE")
    s.add_argument("--cache", type=Path, help="download folder (default ./cache, git-ignored)")
    s.set_defaults(func=_fetch)

    s = sub.add_parser("update", help="fetch, then ingest, a release")
    s.add_argument("release", metavar="RELEASE")
    s.add_argument("--cache", type=Path)
    s.set_defaults(func=_update)

    s = sub.add_parser("pages", help="write a release's generated pages (Markdown, CSV, chart data) to a folder")
    s.add_argument("release", nargs="?", metavar="RELEASE", help="default: the newest")
    s.add_argument("--out", required=True)
    s.set_defaults(func=_pages)

    s = sub.add_parser("build", help="build one release's site with mkdocs (no versions)")
    s.add_argument("release", nargs="?", metavar="RELEASE", help="default: the newest")
    s.add_argument("--out", help="default build/release/RELEASE")
    s.set_defaults(func=_build)

    s = sub.add_parser("site", help="build the versioned site (every release, with mike) or serve it on 127.0.0.1")
    s.add_argument("action", choices=["build", "serve"])
    s.add_argument("--release", action="append", help="only these releases (repeatable); default all")
    s.add_argument("--out", help="default build/site")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--no-build", action="store_true", help="serve: serve what was built last")
    s.set_defaults(func=_site)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        args.func(args)
    except (TradesiteError, FileNotFoundError, ValueError) as exc:
        print(f"tradesite {args.command}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

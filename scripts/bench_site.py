"""Benchmark one release's site: build time (whole site and per chapter), page weights; and the
series explorer with its static API (built once for every release): build time and size.

    python3 scripts/bench_site.py [RELEASE]        # default 2021-08
    python3 scripts/bench_site.py --explorer       # the series explorer and API only

Prints the time of `tradesite build` (the mkdocs/properdocs subprocess, target < 15 s on a
2-core machine), the time to build and render each chapter in-process, and for every
page its HTML bytes and chart-data bytes (target: under 200 KB together per chapter page).
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from tradesite.releases import Release
from tradesite.site import charts, pages
from tradesite.site.build import build_release
from tradesite.site.chapters import modules

TARGET_SECONDS = 15
PAGE_BUDGET = 200_000


def main(release_id: str = "2021-08") -> None:
    release = Release.load(release_id)
    _ = release.values  # load the tables once, like a build does
    print(f"release {release_id}")
    print(f"{'chapter':<28}{'build s':>9}{'render s':>10}")
    for module in modules():
        t0 = time.perf_counter()
        chapter = module.build(release)
        t1 = time.perf_counter()
        if chapter is None:
            print(f"{module.SLUG:<28}{t1 - t0:>9.2f}{'(not covered)':>14}")
            continue
        pages.render_chapter(chapter, release)
        t2 = time.perf_counter()
        print(f"{chapter.slug:<28}{t1 - t0:>9.2f}{t2 - t1:>10.2f}")

    with tempfile.TemporaryDirectory() as tmp:
        for label, clear in (("cold (no SVG cache)", True), ("warm (SVG cache)", False)):
            if clear:
                shutil.rmtree(charts.SVG_CACHE, ignore_errors=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            out = build_release(release_id, Path(tmp) / "site")
            seconds = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            flag = "" if seconds < TARGET_SECONDS else "  OVER"
            print(f"\nsite build, {label}: {seconds:.1f} s wall, {cpu:.1f} s CPU "
                  f"(target < {TARGET_SECONDS} s; load average {os.getloadavg()[0]:.1f}){flag}")
        print(f"\n{'page':<28}{'HTML bytes':>12}{'chart data':>12}{'SVG bytes':>11}{'total':>10}")
        for html in sorted(out.glob("**/index.html")):
            folder = html.parent
            data = sum(p.stat().st_size for p in folder.glob("*.json"))
            svg = sum(p.stat().st_size for p in folder.glob("*.svg"))
            total = html.stat().st_size + data
            name = str(folder.relative_to(out)) if folder != out else "(home)"
            flag = "  OVER" if total > PAGE_BUDGET else ""
            print(f"{name:<28}{html.stat().st_size:>12,}{data:>12,}{svg:>11,}{total:>10,}{flag}")


def explorer() -> None:
    """Build /series/ and /api/ for every committed release, as build_all does."""
    from tradesite.report.catalog import Catalog
    from tradesite.site.explorer import build_into

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        built = build_into(Path(tmp) / "work", Catalog(), "http://127.0.0.1:8000/")
        seconds = time.perf_counter() - t0
        print(f"\nseries explorer and static API: {seconds:.1f} s (once per site build, not per version)")
        for name, folder in built.items():
            files = [p for p in folder.rglob("*") if p.is_file()]
            print(f"  /{name}/: {len(files):,} files, {sum(p.stat().st_size for p in files) / 1e6:,.1f} MB")
        pages = [p for p in built["series"].glob("*/index.html") if p.parent.name.endswith(("monthly", "quarterly", "annual"))]
        sizes = sorted(p.stat().st_size for p in pages)
        data = sorted(p.stat().st_size for p in (built["api"] / "series").glob("*.json"))
        print(f"  {len(pages):,} series pages: HTML median {sizes[len(sizes) // 2]:,} bytes, largest {sizes[-1]:,}; "
              f"the chart's JSON median {data[len(data) // 2]:,} bytes, largest {data[-1]:,}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--explorer"]:
        explorer()
    else:
        main(*sys.argv[1:])
        explorer()

"""Benchmark one release's site: where a build's time goes, how it compares with a plain MkDocs
build of the same Markdown, and what each page weighs.

    python3 scripts/bench_site.py [RELEASE ...] [--runs N] [--json OUT]    # default 2025-03 2021-08, 3 runs
    python3 scripts/bench_site.py --explorer    # the series explorer and static API only

For each release it prints

* the phases of generating its pages (a fresh Python process, as a build runs it): imports,
  the statuses of every release (the matrix), each chapter, the chart SVGs, the pages;
* the wall time of a plain build (``properdocs``/``mkdocs build`` of the generated Markdown
  written to a folder, no generator) and of ``tradesite build`` with the SVG and page caches
  cold, with the SVG cache warm, and with both warm (medians of ``--runs``); the ratio of each
  to the plain build (issue 12: at most 1.5);
* each page's HTML (bytes, gzip) and element count (issue 12: under 3,000).
* then the series explorer and static API (built once for every release): build time and size.

Timings vary with the machine's load (printed): compare runs of one sitting.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from tradesite import paths
from tradesite.site.release.build import engine

TARGET_RATIO = 1.5
ELEMENT_BUDGET = 3000

PHASES = r"""
import json, sys, time
t0 = time.perf_counter()
import pandas, altair  # noqa: F401
t1 = time.perf_counter()
from tradesite.site.release.pages import build_site
t2 = time.perf_counter()
site = build_site(sys.argv[1])
t3 = time.perf_counter()
print(json.dumps({"import pandas, altair": t1 - t0, "import tradesite": t2 - t1, **site.timings,
                  "build_site total": t3 - t2}))
"""


def run(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=paths.ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"bench_site: {' '.join(cmd)} failed:\n{(done.stderr or done.stdout)[-2000:]}")
    return time.perf_counter() - t0


def phases(release: str, env: dict) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", PHASES, release], env=env, cwd=paths.ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def plain_project(release: str, env: dict, where: Path) -> Path:
    """The release's generated Markdown written into a copy of docs/, with mkdocs.yml minus the
    generator and with the release's nav: what a plain MkDocs site of the same pages is."""
    code = ("import json, sys; from pathlib import Path; from tradesite.site.release.pages import build_site\n"
            "s = build_site(sys.argv[1]); out = Path(sys.argv[2])\n"
            "for rel, c in s.files.items():\n"
            "    p = out / rel; p.parent.mkdir(parents=True, exist_ok=True)\n"
            "    p.write_bytes(c) if isinstance(c, bytes) else p.write_text(c, encoding='utf-8')\n"
            "print(json.dumps({'nav': s.nav, 'outdated': s.release.id != s.release.catalog.ids[-1]}))")
    docs = where / "docs"
    shutil.copytree(paths.ROOT / "docs", docs)
    done = subprocess.run([sys.executable, "-c", code, release, str(docs)], env=env, cwd=paths.ROOT,
                          capture_output=True, text=True, check=True)
    meta = json.loads(done.stdout.strip().splitlines()[-1])
    config = (paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"  - gen-files:\n(?:    .*\n)+", "", config)
    config += "\n" + yaml.safe_dump({"nav": [{t: p} for t, p in meta["nav"]]}, allow_unicode=True)
    if meta["outdated"]:
        config = config.replace("extra:\n", "extra:\n  tradesite_outdated: true\n", 1)
    (where / "mkdocs.yml").write_text(config, encoding="utf-8")
    return where / "mkdocs.yml"


def pages(out: Path) -> list[dict]:
    found = []
    for html in sorted(out.glob("**/index.html")):
        if html.parent.name in ("search", "assets"):
            continue
        text = html.read_bytes()
        found.append({"page": str(html.parent.relative_to(out)) if html.parent != out else "(home)",
                      "html_bytes": len(text), "html_gzip": len(gzip.compress(text, 6)),
                      "elements": len(re.findall(rb"<[a-zA-Z]", text)),
                      "charts": text.count(b'<figure class="ts-chart"')})
    return found


def bench(release: str, runs: int) -> dict:
    base = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result: dict = {"release": release}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cold = {**base, "TRADESITE_SVG_CACHE": str(tmp / "svg-cold"), "TRADESITE_PAGES_CACHE": str(tmp / "pages-cold")}
        result["phases_cold"] = phases(release, {**cold, "TRADESITE_SVG_CACHE": str(tmp / "svg-phases")})
        result["phases_warm_svg"] = phases(release, {**cold, "TRADESITE_SVG_CACHE": str(tmp / "svg-phases")})

        config = plain_project(release, base, tmp / "plain")
        plain = [run([sys.executable, "-m", engine(), "build", "-q", "-f", str(config), "-d", str(tmp / "plain-out")], base)
                 for _ in range(runs)]
        build = [sys.executable, "-m", "tradesite", "build", release, "--out", str(tmp / "out")]
        modes: dict[str, list[float]] = {"cold (no SVG or page cache)": [], "SVG cache warm": [], "SVG and page caches warm": []}
        for i in range(runs):
            env = {**cold, "TRADESITE_SVG_CACHE": str(tmp / f"svg-{i}"), "TRADESITE_PAGES_CACHE": str(tmp / f"pages-{i}")}
            modes["cold (no SVG or page cache)"].append(run(build, env))
            shutil.rmtree(tmp / f"pages-{i}")
            modes["SVG cache warm"].append(run(build, env))
            modes["SVG and page caches warm"].append(run(build, env))
        result["plain_s"] = statistics.median(plain)
        result["builds_s"] = {m: statistics.median(t) for m, t in modes.items()}
        result["ratios"] = {m: t / result["plain_s"] for m, t in result["builds_s"].items()}
        result["pages"] = pages(tmp / "out")
    return result


def report(r: dict) -> None:
    print(f"\nrelease {r['release']}  (load average {os.getloadavg()[0]:.1f})")
    print(f"  {'phase of generating the pages (fresh process)':52}{'cold s':>8}{'SVG warm s':>11}")
    for phase, seconds in r["phases_cold"].items():
        print(f"  {phase:52}{seconds:>8.2f}{r['phases_warm_svg'].get(phase, 0):>11.2f}")
    print(f"\n  {'build':40}{'wall s':>8}{'x plain':>9}")
    print(f"  {'plain ' + engine() + ' build of the same Markdown':40}{r['plain_s']:>8.2f}{1:>9.2f}")
    for mode, seconds in r["builds_s"].items():
        ratio = r["ratios"][mode]
        flag = "" if ratio <= TARGET_RATIO else f"  over {TARGET_RATIO}"
        print(f"  {'tradesite build, ' + mode:40}{seconds:>8.2f}{ratio:>9.2f}{flag}")
    print(f"\n  {'page':28}{'HTML bytes':>12}{'gzip':>9}{'elements':>10}{'charts':>8}")
    for p in r["pages"]:
        flag = "" if p["elements"] < ELEMENT_BUDGET else "  over 3,000"
        print(f"  {p['page']:28}{p['html_bytes']:>12,}{p['html_gzip']:>9,}{p['elements']:>10,}{p['charts']:>8}{flag}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("releases", nargs="*", default=["2025-03", "2021-08"])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", type=Path, help="write the figures here too")
    args = ap.parse_args(argv)
    results = []
    for release in args.releases:
        results.append(bench(release, args.runs))
        report(results[-1])
    if args.json:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=paths.ROOT, capture_output=True, text=True).stdout.strip()
        args.json.write_text(json.dumps({
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"), "commit": commit,
            "runs": args.runs, "target_ratio": TARGET_RATIO, "releases": results}, indent=1) + "\n", encoding="utf-8")


def explorer() -> None:
    """Build /series/ and /api/ for every committed release, as build_all does."""
    from tradesite.report.catalog import Catalog
    from tradesite.site.versioned.explorer import build_into

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
        main()
        explorer()

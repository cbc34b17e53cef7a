"""Page speed of the built versioned site against issue 12's targets, as figures (not a test).

    python3 scripts/bench_pagespeed.py build/site [RELEASE ...] [--runs 5] [--out benchmarks/pagespeed.json]
    python3 scripts/bench_pagespeed.py build/site --explorer [--runs 5] [--out benchmarks/pagespeed-explorer.json]

For the home and every chapter page of each release's sitemap (``--all-pages``: every page) (default 2025-03 and 2021-08) it runs
``../shared/tools/pagespeed`` (Lighthouse 12, mobile emulation, simulated throttling; medians of
``--runs``; single runs vary by ±30 points on a shared machine), then one Lighthouse run per page
of accessibility, best practices and SEO, and prints and writes (with the date, the commit and
the machine's load) each page's figures beside the targets:

* performance ≥ 95, total blocking time < 150 ms, cumulative layout shift < 0.02;
* JavaScript fetched before any interaction ≤ 60 KB gzip without charts, ≤ 150 KB with charts;
* accessibility ≥ 98, best practices 100, SEO 100; no request to another host.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT.parent / "shared" / "tools"
LIGHTHOUSE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "pagespeed" / "node_modules" / "lighthouse" / "cli" / "index.js"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
TARGETS = {"score": 95, "tbt_ms": 150, "cls": 0.02, "js_kib_plain": 60, "js_kib_charts": 150,
           "accessibility": 98, "best-practices": 100, "seo": 100}


def paths_of(site: Path, release: str, all_pages: bool = False) -> list[str]:
    """The release's home and chapter pages from its sitemap (``all_pages``: also the pages of
    long tables, /2025-03/countries/exhibit-19/)."""
    locs = [e.text for e in ET.parse(site / release / "sitemap.xml").findall(".//s:loc", SITEMAP)]
    found = [urlsplit(loc).path for loc in locs]
    return found if all_pages else [p for p in found if p.strip("/").count("/") <= 1]


def has_charts(site: Path, path: str) -> bool:
    return b'<figure class="ts-chart"' in (site / path.split("?")[0].lstrip("/") / "index.html").read_bytes()


#: Every kind of page at the site's root (issue 19): the home, the explorer's catalogue, a topic, a
#: partner, the partners, series pages (the longest, a sparse one, a quarterly one), compare (empty,
#: and a shared link with three series), the map, the ranking, the API's documentation.
EXPLORER = ["/", "/series/", "/series/topics/goods/", "/series/partners/", "/series/partners/china/",
            "/series/goods-and-services-balance-bop-sa-monthly/", "/series/goods-imports-china-census-nsa-monthly/",
            "/series/goods-balance-china-bop-sa-quarterly/", "/series/compare/",
            "/series/compare/?s=goods-exports-bop-sa-monthly,goods-imports-bop-sa-monthly,goods-balance-bop-sa-monthly",
            "/series/map/", "/series/revisions/", "/api/"]


def performance(site: Path, pages: list[str], runs: int, keep: Path) -> dict[str, dict]:
    out = keep / "performance.json"
    env = {**os.environ, "RUNS": str(runs), "OUT": str(out), "KEEP": str(keep / "raw")}
    subprocess.run([str(TOOLS / "pagespeed"), str(site), *pages], env=env, check=True)
    found = {p["path"]: p for p in json.loads(out.read_text())["pages"]}
    for n, path in enumerate(pages, 1):  # hosts every run asked for (the server is 127.0.0.1)
        hosts = set()
        for run in range(1, runs + 1):
            report = json.loads((keep / "raw" / f"page{n}-run{run}.json").read_text())
            hosts |= {urlsplit(r["url"]).hostname for r in report["audits"]["network-requests"]["details"]["items"]
                      if r["url"].startswith("http")}
        found[path]["hosts"] = sorted(hosts)
    return found


def categories(site: Path, pages: list[str], keep: Path) -> dict[str, dict]:
    """One Lighthouse run per page: accessibility, best practices, SEO (scores 0-100)."""
    server = subprocess.Popen([sys.executable, str(TOOLS / "pagespeed.py"), "serve", str(site)], stdout=subprocess.PIPE, text=True)
    try:
        port = server.stdout.readline().strip()
        found = {}
        for n, path in enumerate(pages, 1):
            out = keep / f"categories{n}.json"
            subprocess.run(["node", str(LIGHTHOUSE), f"http://127.0.0.1:{port}{path}", "--quiet", "--output=json",
                            f"--output-path={out}", "--only-categories=accessibility,best-practices,seo",
                            "--chrome-flags=--headless=new --no-sandbox"],
                           env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}, check=True)
            report = json.loads(out.read_text())
            found[path] = {k: round(c["score"] * 100) for k, c in report["categories"].items()}
            found[path]["failed_audits"] = sorted(
                k for k, a in report["audits"].items()
                if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") in ("binary", "numeric"))
        return found
    finally:
        server.terminate()
        server.wait()


def verdict(page: dict) -> list[str]:
    """The targets a page misses."""
    js_target = TARGETS["js_kib_charts"] if page["charts"] else TARGETS["js_kib_plain"]
    misses = []
    if page["score"] < TARGETS["score"]:
        misses.append(f"performance {page['score']:g} < {TARGETS['score']}")
    if page["tbt_ms"] >= TARGETS["tbt_ms"]:
        misses.append(f"TBT {page['tbt_ms']:.0f} ms")
    if page["cls"] >= TARGETS["cls"]:
        misses.append(f"CLS {page['cls']:.3f}")
    if page["script_kib"] > js_target:
        misses.append(f"JS {page['script_kib']:.1f} KiB > {js_target}")
    for k in ("accessibility", "best-practices", "seo"):
        if page.get(k, 100) < TARGETS[k]:
            misses.append(f"{k} {page[k]}")
    if any(h != "127.0.0.1" for h in page["hosts"]):
        misses.append(f"hosts {page['hosts']}")
    return misses


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("releases", nargs="*", default=["2025-03", "2021-08"])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--all-pages", action="store_true", help="also the pages of long tables")
    ap.add_argument("--explorer", action="store_true", help="every kind of page at the root: home, explorer, map, API")
    ap.add_argument("--only", nargs="+", metavar="PATH",
                    help="measure only these pages again and update their rows in --out (each row keeps its commit)")
    args = ap.parse_args(argv)
    pages = args.only or (EXPLORER if args.explorer else
                          [p for r in args.releases for p in paths_of(args.site, r, args.all_pages)])
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        keep = Path(tmp)
        perf = performance(args.site, pages, args.runs, keep)
        cats = categories(args.site, pages, keep)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    rows = []
    for path in pages:
        page = {**perf[path], **cats[path], "charts": has_charts(args.site, path)}
        page.pop("scripts", None)
        page["misses"] = verdict(page)
        page["commit"] = commit
        rows.append(page)
    if args.only and args.out and args.out.exists():  # the other pages' rows as they were measured
        again = {p["path"]: p for p in rows}
        old = json.loads(args.out.read_text(encoding="utf-8"))
        rows = [again.pop(p["path"], {"commit": old["commit"], **p}) for p in old["pages"]] + list(again.values())
    print(f"\n{'page':32}{'perf':>5}{'TBT ms':>8}{'CLS':>7}{'JS KiB':>8}{'a11y':>6}{'BP':>5}{'SEO':>5}  misses")
    for p in rows:
        print(f"{p['path']:32}{p['score']:>5g}{p['tbt_ms']:>8.0f}{p['cls']:>7.3f}{p['script_kib']:>8.1f}"
              f"{p['accessibility']:>6}{p['best-practices']:>5}{p['seo']:>5}  {'; '.join(p['misses'])}")
    summary = {
        "pages": len(rows), "pages_meeting_every_target": sum(not p["misses"] for p in rows),
        "median_score": statistics.median(p["score"] for p in rows),
        "min_score": min(p["score"] for p in rows), "max_tbt_ms": max(p["tbt_ms"] for p in rows),
        "max_cls": max(p["cls"] for p in rows),
    }
    print(json.dumps(summary))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({
            "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "commit": commit,
            "tool": "../shared/tools/pagespeed (Lighthouse 12.2.3, mobile, simulated throttling) + Lighthouse "
                    "accessibility, best-practices, seo (one run)",
            "runs": args.runs, "load_average_at_start": round(load, 1), "targets": TARGETS, "summary": summary,
            "pages": rows}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

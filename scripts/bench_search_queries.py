"""What *Search every release* downloads for real queries, in a real browser (issue 20: ≤ 300 KB a query).

    python3 scripts/bench_search_queries.py SITE_DIR [--json FILE] [QUERY ...]

Serves a built versioned site (a simulation's ``site/``, or ``tradesite site build``'s) on
127.0.0.1, and for each query opens a fresh browser context (an empty cache: a reader's first
search) in Debian's chromium, loads Pagefind as ``docs/javascripts/tradesite-search.js`` does
(its options, the release filter that fills the dialog's menu), searches, and asks for the first
10 results' data (the dialog shows 10). Every file fetched under ``/pagefind/`` is counted as
transferred: Pagefind's index files as they are (gzip already), its two scripts gzipped, as GitHub
Pages serves text. Prints each query's bytes and files, and the largest; ``simulate_archive``'s
``search_bytes_per_query`` is the upper bound over any query, this is what these queries cost.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import socketserver
import threading
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlparse

CHROMIUM = "/usr/bin/chromium"
QUERIES = [
    "china",
    "petroleum",
    "exports",
    "seasonally adjusted",
    "advanced technology products",
    "balance of payments basis",
    "revisions",
    "crude oil imports",
    "exh1",
    "the",
]
SCRIPT = """async (query) => {
  const pf = await import("/pagefind/pagefind.js");
  await pf.options({ basePath: "/pagefind/", baseUrl: "/" });
  await pf.filters();
  const search = await pf.search(query);
  const first = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  return { results: search.results.length, titles: first.map((d) => d.meta.title) };
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def transferred(site: Path, url: str) -> int:
    path = site / unquote(urlparse(url).path).lstrip("/")
    data = path.read_bytes()
    return len(gzip.compress(data, 9, mtime=0)) if path.suffix == ".js" else len(data)


def measure(site: Path, queries: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    handler = partial(_Quiet, directory=str(site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        origin = f"http://127.0.0.1:{httpd.server_address[1]}"
        out = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for q in queries:
                context = browser.new_context()
                page = context.new_page()
                fetched: list[str] = []
                page.on("request", lambda r: "/pagefind/" in r.url and fetched.append(r.url))
                page.goto(f"{origin}/404.html")
                found = page.evaluate(SCRIPT, q)
                page.wait_for_timeout(200)  # the worker's last responses
                urls = sorted(set(fetched))
                size = sum(transferred(site, u) for u in urls)
                out.append({"query": q, "bytes": size, "files": len(urls), "results": found["results"],
                            "first": found["titles"][:3]})
                print(f"{q!r:34} {size / 1000:7.1f} KB in {len(urls):3} files, {found['results']:5} results",
                      flush=True)
                context.close()
            browser.close()
        httpd.shutdown()
    worst = max(out, key=lambda r: r["bytes"])
    print(f"largest: {worst['query']!r}, {worst['bytes'] / 1000:.1f} KB")
    return {"queries": out, "largest": {"query": worst["query"], "bytes": worst["bytes"]}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("queries", nargs="*", default=QUERIES)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    result = measure(args.site.resolve(), args.queries)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

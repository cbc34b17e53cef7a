"""Issue 20's budgets per release, on a simulated archive at CI's size (26 releases).

scripts/simulate_archive.py runs as CI would run it for real, on synthetic figures: 23 light
releases (exh1 only) and the newest three complete (so that release 26 is a month like any other:
the series only complete releases print got their first revision with release 25), written at the tidy level (the raw path and
the validation are tests/simulate/test_archive.py's); the site of the first 25 built with
today's pipeline (``versions.build_all``) and pushed to a local bare repository; release 26
published on top (``versions.publish``); the site measured as the repository's tree (what the
host serves). Checked against issue 20's budgets (benchmarks/simulate-*.json hold the figures
at N = 13, 60 and 120):

* the site grows by at most 6 MB and the publish repository by at most 10 MB per release;
* a series page's HTML does not grow with the releases: a settled page (its series printed by 14
  releases or more, its first-estimate chart full) grows by at most one period drawn (the same
  page at 25 and 26 releases: exhibit 1's series, which every release prints);
* no HTML page over 150 KB gzipped;
* no broken internal link anywhere in the site at 26 releases (the crawler of
  tests/browser/test_links.py), and every file of release 25's version is still there, at its
  URL, once release 26 is added (a version is never rebuilt).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.browser.test_links import crawl
from tradesite import paths
from tradesite.site.versioned import serve, versions

# Not in CI's run: it takes about 5 minutes on 2 cores (5 min 6 s at 71a16ab), which CI's 8 minutes
# (issue 22) cannot hold beside the rest. Run it on purpose: TRADESITE_SIMULATE=1.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("TRADESITE_SIMULATE") != "1",
                       reason="the N = 26 simulation takes about 5 minutes on 2 cores: TRADESITE_SIMULATE=1 runs it"),
]

N = 26
MB = 1_000_000
SITE_PER_RELEASE = 6 * MB
DEPLOY_PER_RELEASE = 10 * MB
HTML_GZIP = 150_000
#: One more period drawn on a series page: about 240 bytes (benchmarks/series-growth-13.json).
ONE_PERIOD = 1_000


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """(the driver's report, the site at N as the host serves it)."""
    root = tmp_path_factory.mktemp("simulated-site")
    report = root / "report.json"
    cmd = [sys.executable, str(paths.ROOT / "scripts" / "simulate_archive.py"), "--releases", str(N),
           "--complete-last", "3", "--raw-last", "0", "--no-check-tidy", "--measure", "deployed",
           "--out", str(root / "run"), "--json", str(report)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(paths.ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(cmd, cwd=paths.ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(report.read_text(encoding="utf-8")), root / "run" / "site"


def test_growth_per_release_within_budget(run):
    report, _ = run
    grow = report["per_release"]
    assert report["releases"] == N and grow["site_files"][1] > grow["site_files"][0]
    assert 0 < grow["site_bytes_added"] <= SITE_PER_RELEASE, grow
    assert 0 < grow["deploy_repo_bytes_added"] <= DEPLOY_PER_RELEASE, grow


def test_a_series_page_does_not_grow_with_the_releases(run):
    report, _ = run
    pages = report["per_release"]["series_page_html"]
    assert pages["pages_in_both"] > 100 and pages["gone_pages"] == 0, pages
    assert pages["settled_pages"] >= 9, pages  # exhibit 1's balance, exports and imports of goods, services and both
    assert abs(pages["largest_change_settled_bytes"]) <= ONE_PERIOD, pages


def test_no_html_page_over_150_kb_gzipped(run):
    report, _ = run
    assert 0 < report["largest_html_gzip"]["bytes_gzip"] <= HTML_GZIP, report["largest_html_gzip"]


def test_release_25_keeps_every_url_once_26_is_added(run):
    report, site = run
    grow = report["per_release"]
    assert grow["version_files_lost"] == 0, grow["version_files_lost_first"]
    listed = sorted(v["version"] for v in json.loads((site / "versions.json").read_text(encoding="utf-8")))
    assert listed == sorted(p.name for p in site.iterdir() if p.name[:2] == "20" and p.is_dir())
    assert len(listed) == N


def test_no_broken_internal_link_at_26_releases(run):
    _, site = run
    httpd = serve.server(site, 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        folders = [v["version"] for v in json.loads((site / "versions.json").read_text(encoding="utf-8"))]
        status, broken = crawl(base, [base] + [f"{base}{f}/" for f in [*folders, versions.LATEST]])
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(sorted(set(broken))[:50])
    assert len(status) > 20 * N

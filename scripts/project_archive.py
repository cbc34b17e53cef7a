"""Project the deployed site to 60 and 120 releases from a simulation's measured parts (any N).

    python3 scripts/project_archive.py --sim SIM.json --site SIM_OUT/site [--series-growth FILE] --json OUT

Arithmetic on measurements, not a run (N = 60 took 28 minutes here, N = 120 about an hour): a release adds

* a version: the newest version's bytes, averaged over a year with the June (annual revision)
  version's (measured in ``--site``, the run's site);
* ``api/``: what it grew by from N-1 to N;
* ``series/``: what it grew by from N-1 to N, or, for a small N (``--series-growth``), the steady
  growth of ``benchmarks/series-growth-13.json`` (one more period drawn on the pages that change;
  a series' first revision, which adds its revisions table once in its life, is long past at ten
  years);
* Pagefind: what it grew by from N-1 to N;

and the publish repository (gh-pages as one commit, garbage-collected) what it grew by from N-1
to N. Prints the figures and writes them with the budgets of issue 20.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

BUDGETS = {"site_at_120": 700e6, "per_release": 6e6, "deploy_per_release": 10e6, "github_pages_limit": 1e9}


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def project(sim: dict, growth: dict | None, site: Path) -> dict:
    added = sim["per_release"]["folders_added"]
    newest = sim["folders"]["newest version"]["bytes"]
    junes = sorted(p for p in site.glob("20??-06") if p.is_dir())
    if not junes:
        raise SystemExit(f"{site}: no June (annual revision) version to measure; run the simulation with N >= 5")
    june = folder_bytes(junes[-1])
    parts = {
        "version, average of a year": round((11 * newest + june) / 12),
        "version_regular": newest,
        "version_june": june,
        "api": added.get("api", 0),
        "series pages": (
            growth["growth_of_other_changed_bytes"] + growth["new_files_bytes"] if growth else added.get("series", 0)
        ),
        "pagefind": added.get("pagefind", 0),
    }
    per_release = sum(v for k, v in parts.items() if k not in ("version_regular", "version_june"))
    n0, site0 = sim["releases"], sim["site_bytes"]
    deploy0, deploy_added = sim["deploy_repo_bytes"], sim["per_release"]["deploy_repo_bytes_added"]

    def site(n: int) -> int:
        return site0 + (n - n0) * per_release

    def crossing(limit: float) -> int | None:
        return next((n for n in range(n0, 1000) if site(n) > limit), None)

    return {
        "per_release_bytes": {**parts, "total": per_release},
        "releases_measured": n0,
        "site_bytes_measured": site0,
        "site_bytes_at_60": site(60),
        "site_bytes_at_120": site(120),
        "deploy_repo_bytes_measured": deploy0,
        "deploy_repo_bytes_per_release": deploy_added,
        "deploy_repo_bytes_at_120": deploy0 + (120 - n0) * deploy_added,
        "budgets": BUDGETS,
        "meets": {
            "site_at_120": site(120) <= BUDGETS["site_at_120"],
            "per_release": per_release <= BUDGETS["per_release"],
            "deploy_per_release": deploy_added <= BUDGETS["deploy_per_release"],
        },
        "crosses_700_MB_at_release": crossing(BUDGETS["site_at_120"]),
        "crosses_1_GB_at_release": crossing(BUDGETS["github_pages_limit"]),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sim", type=Path, required=True)
    ap.add_argument("--site", type=Path, required=True, help="the simulation's site (its --out DIR/site)")
    ap.add_argument("--series-growth", type=Path, help="a small N's steady series growth (default: the run's own)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    sim = json.loads(args.sim.read_text())
    out = {
        "what": f"Issue 20: the deployed site at N = 60 and 120 releases projected from the N = {sim['releases']} "
        "simulation's measured parts (scripts/project_archive.py); arithmetic on measurements, not a run",
        "from": {"simulation": str(args.sim), "commit": sim["commit"], "date": sim["date"]},
        **project(sim, json.loads(args.series_growth.read_text()) if args.series_growth else None, args.site),
    }
    for k, v in out["per_release_bytes"].items():
        print(f"{k:30} {v / 1e6:8.2f} MB")
    for k in ("site_bytes_at_60", "site_bytes_at_120", "deploy_repo_bytes_at_120"):
        print(f"{k:30} {out[k] / 1e6:8.1f} MB")
    print("meets", out["meets"], "crosses 700 MB at", out["crosses_700_MB_at_release"])
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()

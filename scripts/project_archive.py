"""Project the deployed site to 60 and 120 releases from an N = 13 simulation's measured parts.

    python3 scripts/project_archive.py --sim SIM.json --site SIM_OUT/site --series-growth benchmarks/series-growth-13.json --json OUT

Arithmetic on measurements, not a run (N = 60 and 120 take hours here): a release adds

* a version: the newest version's bytes, averaged over a year with the June (annual revision)
  version's (measured in ``--site``, the run's site);
* ``api/``: what it grew by from N-1 to N, less the revision triangles' new column while they still
  grow (``triangle.csv`` has a column per release that printed one of the series' newest 36
  periods, about 38 of them once N passes that: measured as the triangles' bytes per column);
* ``series/``: the steady growth of ``benchmarks/series-growth-13.json`` (one more period drawn on
  the pages that change; a series' first revision, which adds its revisions table once in its
  life, is long past at ten years);
* Pagefind: what it grew by from N-1 to N;

and the publish repository (gh-pages as one commit, garbage-collected) what it grew by from N-1
to N. Prints the figures and writes them with the budgets of issue 20.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

#: About how many releases print one of a series' newest 36 periods (each month's own release, the
#: next, and the annual revisions of three years): the most columns a revision triangle gets.
TRIANGLE_RELEASES = 38
BUDGETS = {"site_at_120": 700e6, "per_release": 6e6, "deploy_per_release": 10e6, "github_pages_limit": 1e9}


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def project(sim: dict, growth: dict, site: Path) -> dict:
    added = sim["per_release"]["folders_added"]
    newest = sim["folders"]["newest version"]["bytes"]
    junes = sorted(p for p in site.glob("20??-06") if p.is_dir())
    if not junes:
        raise SystemExit(f"{site}: no June (annual revision) version to measure; run the simulation with N >= 5")
    june = folder_bytes(junes[-1])
    triangles = list((site / "api" / "series").glob("*/triangle.csv"))
    columns = sum(len(t.open(encoding="utf-8").readline().split(",")) - 1 for t in triangles)
    triangle_column = round(sum(t.stat().st_size for t in triangles) / (columns / len(triangles)))
    parts = {
        "version, average of a year": round((11 * newest + june) / 12),
        "version_regular": newest,
        "version_june": june,
        "api, steady (its growth less a triangle column)": added.get("api", 0) - triangle_column,
        "series pages, steady": growth["growth_of_other_changed_bytes"] + growth["new_files_bytes"],
        "pagefind": added.get("pagefind", 0),
    }
    per_release = sum(v for k, v in parts.items() if k not in ("version_regular", "version_june"))
    n0, site0 = sim["releases"], sim["site_bytes"]
    settled = TRIANGLE_RELEASES  # from here on the triangles stop growing
    deploy0, deploy_added = sim["deploy_repo_bytes"], sim["per_release"]["deploy_repo_bytes_added"]

    def site(n: int) -> int:
        growing = max(0, min(n, settled) - n0)
        return site0 + (n - n0) * per_release + growing * triangle_column

    def crossing(limit: float) -> int | None:
        return next((n for n in range(n0, 1000) if site(n) > limit), None)

    return {
        "per_release_bytes": {**parts, "total": per_release},
        "triangle_column_bytes": triangle_column,
        "triangles_grow_until_release": settled,
        "site_bytes_at_13_measured": site0,
        "site_bytes_at_60": site(60),
        "site_bytes_at_120": site(120),
        "deploy_repo_bytes_at_13_measured": deploy0,
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
    ap.add_argument("--series-growth", type=Path, required=True)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    sim = json.loads(args.sim.read_text())
    out = {
        "what": "Issue 20: the deployed site at N = 60 and 120 releases projected from an N = 13 simulation's measured "
        "parts (scripts/project_archive.py); arithmetic on measurements, not a run",
        "from": {"simulation": str(args.sim), "commit": sim["commit"], "date": sim["date"]},
        **project(sim, json.loads(args.series_growth.read_text()), args.site),
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

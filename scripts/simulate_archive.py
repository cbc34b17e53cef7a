"""A simulated archive of N monthly releases, through the real ingest, site build and publish.

    python3 scripts/simulate_archive.py --releases N --out DIR --json FILE [options]

Every figure is synthetic (``tradesite.simulate``: made from the bundled complete releases,
months shifted, each release revising its previous month and, every June, the three years
before); release ids run from 2026-02 on (``--start``), each release.json titled "(simulated)".
Nothing goes to data/releases/: DIR holds ``raw/`` (simulated official files), ``data/`` (their
tidy tables: TRADESITE_DATA for the site build), ``site/`` (the built site), ``deploy.git`` (a
local bare repository the site is pushed to) and ``publish/`` (the clone that publishes).

Kinds and paths of each release (their costs measured on this 2-core machine are in README):

  --complete-last K   the newest K releases are complete (31 Census workbooks, BEA's
                      time-series and countries workbooks, the release PDF's tidy-level
                      stand-in); the others light (exh1.xlsx only). Default: all complete.
  --raw-last R        the newest R releases go through the raw path (files written, the real
                      ingest reads them, what it read compared with what was intended); the
                      others through the tidy-level path (the same tables written directly).
                      Default: all raw.
  --jobs J            releases generated in parallel (processes; default 2).
  --no-site           stop after the ingest (no site, publish or site figures).

The JSON reports: releases, modes, site_bytes, site_files, largest_version_bytes,
build_seconds {full, add_one, previous}, search_bytes_per_query, series_page_bytes_max,
deploy_repo_bytes, per_release growth (site and deploy repository at N-1 and N), ingest seconds,
date, commit, machine. The pipeline steps are functions (:func:`ingest_all`, :func:`build_site`,
:func:`publish_one`, :func:`measure_site`, :func:`repo_bytes`) to swap as the site's build and
publish change.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


class Progress:
    """'12/120 releases, ingest, 3 min left' on a terminal; one line per step otherwise."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.started = total, 0, time.monotonic()
        self.tty = sys.stderr.isatty()

    def step(self, phase: str, what: str = "") -> None:
        self.done += 1
        spent = time.monotonic() - self.started
        left = spent / self.done * (self.total - self.done)
        line = f"{self.done}/{self.total} releases, {phase} {what}, {left / 60:.1f} min left"
        print(("\r" + line.ljust(90)) if self.tty else line, end="" if self.tty else "\n", file=sys.stderr, flush=True)

    def note(self, text: str) -> None:
        print(("\n" if self.tty else "") + text, file=sys.stderr, flush=True)


# -------------------------------------------------------------------------- the steps

_SIM = None


def explorer_series(row: dict):
    """The series the site's explorer reads a tidy row as (its id), or None: the simulation
    makes rows read as one series print one figure, as the real files do."""
    from tradesite.report.series import key_of
    key = key_of(row)
    return key.id if key else None


def _worker_init(n: int, start: str, complete_last: int | None, truth) -> None:
    global _SIM
    from tradesite.simulate import Simulation
    _SIM = Simulation(n, start=start, complete_last=complete_last, truth=truth)


def _one(args: tuple[int, str, str, str, bool]) -> dict:
    k, path, raw, data, check = args
    t = time.perf_counter()
    if path == "raw":
        out = _SIM.ingest(k, Path(raw), Path(data))
        diffs = out["differences"]
    else:
        _SIM.tidy(k, Path(data), check=check)
        diffs = []
    return {"k": k, "release": _SIM.release_id(k), "kind": _SIM.kind(k), "path": path, "differences": diffs,
            "seconds": round(time.perf_counter() - t, 1)}


def ingest_all(sim, out: Path, raw_last: int | None, jobs: int, progress: Progress | None = None,
               check_tidy: bool = True, resume: dict | None = None) -> list[dict]:
    """Every simulated release into ``out/data`` (raw path for the newest ``raw_last``); with
    ``resume`` ({k: its result from an earlier run}), those releases are kept as they are."""
    raw_from = 1 if raw_last is None else sim.n - raw_last + 1
    resume = resume or {}
    tasks = [(k, "raw" if k >= raw_from else "tidy", str(out / "raw"), str(out / "data"), check_tidy)
             for k in range(1, sim.n + 1) if k not in resume]
    done = [resume[k] for k in sorted(resume)]
    if progress:
        progress.done += len(done)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init,
                             initargs=(sim.n, sim.start, sim.complete_last, sim.truth)) as pool:
        for r in pool.map(_one, tasks):
            done.append(r)
            with (out / "ingested.jsonl").open("a", encoding="utf-8") as f:  # what --resume keeps
                f.write(json.dumps(r) + "\n")
            if progress:
                progress.step("ingested", f"{r['release']} ({r['kind']}, {r['path']}, {r['seconds']} s)")
            if r["differences"]:
                raise SystemExit(f"simulate_archive: release {r['release']}: the ingest read other than intended:\n"
                                 + "\n".join(r["differences"][:10]))
    return done


def build_site(releases: list[str], site: Path, jobs: int | None = None) -> float:
    """Today's pipeline: every release as a mike version, explorer, API, search-all.json."""
    from tradesite.site.versioned.versions import build_all
    t = time.perf_counter()
    build_all(site, releases, jobs=jobs)
    return time.perf_counter() - t


#: What a series page says while no release has revised any of its periods (explorer_series.html.j2).
NEVER_REVISED = b"No period of this series was published with two different values"


def series_pages(site: Path) -> dict[str, int]:
    """Bytes of each series page of the explorer (series id -> bytes of its index.html)."""
    return {p.parent.name: p.stat().st_size for p in (site / "series").glob("*/index.html")}


def never_revised(site: Path) -> set[str]:
    """The series whose page says no release has revised any of its periods."""
    return {p.parent.name for p in (site / "series").glob("*/index.html") if NEVER_REVISED in p.read_bytes()}


#: Releases that print a series before its page is settled: its first-estimate chart draws the newest
#: 13 periods' first estimates (series_page), so from the 14th on a release adds one period drawn.
SETTLED = 14


def settled(site: Path) -> set[str]:
    """The series printed by at least :data:`SETTLED` releases (api/series.json)."""
    listing = json.loads((site / "api" / "series.json").read_text(encoding="utf-8"))
    return {s["id"] for s in listing["series"] if len(s["releases"]) >= SETTLED}


def series_growth(before: dict[str, int], after: dict[str, int], unrevised_before: set[str] = frozenset(),
                  settled_before: set[str] = frozenset()) -> dict:
    """How a series page's HTML changes from N-1 to N releases (issue 20: independent of N). A
    series' first revision adds its revisions table and first-estimate chart once in its life
    (``unrevised_before``: the pages that had none at N-1), and its first-estimate chart fills up
    over 13 releases; the pages settled at N-1 (``settled_before``) are reported apart."""
    both = sorted(set(before) & set(after))
    change = {s: after[s] - before[s] for s in both}
    worst = max(change, key=lambda s: abs(change[s]), default=None)
    steady = {s: v for s, v in change.items() if s in settled_before}
    worst_steady = max(steady, key=lambda s: abs(steady[s]), default=None)
    return {"pages_in_both": len(both), "pages_changed": sum(1 for v in change.values() if v),
            "largest_change_bytes": change.get(worst, 0), "largest_change_page": worst,
            "first_revisions": sum(1 for s in both if s in unrevised_before and change[s]),
            "settled_pages": len(steady),
            "largest_change_settled_bytes": steady.get(worst_steady, 0),
            "largest_change_settled_page": worst_steady,
            "new_pages": len(set(after) - set(before)), "gone_pages": len(set(before) - set(after))}


def version_files(site: Path, releases: list[str]) -> set[str]:
    """Every file of the releases' version folders (their pages' URLs stay as releases are added)."""
    return {p.relative_to(site).as_posix() for r in releases if (site / r).is_dir() for p in (site / r).rglob("*") if p.is_file()}


def push(site: Path, bare: Path) -> None:
    """Seed the bare repository's gh-pages branch with a built site (one commit), as a first
    deploy of the N-1 releases would."""
    work = site.parent / f"{site.name}.git-work"
    shutil.rmtree(work, ignore_errors=True)
    subprocess.run(["git", "init", "-q", "-b", "gh-pages", str(work)], check=True)
    shutil.copytree(site, work, dirs_exist_ok=True)
    git = ["git", "-c", "user.name=simulate", "-c", "user.email=simulate@localhost"]
    subprocess.run([*git, "add", "-A"], cwd=work, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "the site of N-1 releases"], cwd=work, check=True)
    if not bare.exists():
        subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    subprocess.run(["git", "push", "-q", "--force", str(bare), "gh-pages:gh-pages"], cwd=work, check=True)
    shutil.rmtree(work, ignore_errors=True)


def publish_one(release: str, bare: Path, clone: Path) -> float:
    """Publish one release on top of what the bare repository holds (today: versions.publish)."""
    from tradesite.site.versioned.versions import publish
    shutil.rmtree(clone, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", "--branch", "gh-pages", str(bare), str(clone)], check=True)
    for cmd in (["config", "user.name", "simulate"], ["config", "user.email", "simulate@localhost"]):
        subprocess.run(["git", *cmd], cwd=clone, check=True)
    t = time.perf_counter()
    publish(release, repo=clone, push=True)
    return time.perf_counter() - t


def repo_bytes(bare: Path) -> int:
    """The bare repository's size on disk (every file under it) once garbage-collected, as the
    host's maintenance leaves it: a publish replaces gh-pages' one commit, and the commit it
    replaces is no longer reachable (versions.push_squashed)."""
    subprocess.run(["git", "gc", "-q", "--prune=now"], cwd=bare, check=True)
    return sum(p.stat().st_size for p in bare.rglob("*") if p.is_file())


def folder_bytes(site: Path, releases: list[str]) -> dict[str, dict[str, int]]:
    """Bytes and files of each top folder of the site (every version folder counted together as
    'versions', the newest apart as 'newest version'), and inside api/ and a version, per folder:
    which part grows with releases."""
    out: dict[str, dict[str, int]] = {}

    def add(name: str, p: Path) -> None:
        entry = out.setdefault(name, {"bytes": 0, "files": 0})
        entry["bytes"] += p.stat().st_size
        entry["files"] += 1

    versions = set(releases)
    for p in site.rglob("*"):
        if not p.is_file():
            continue
        parts = p.relative_to(site).parts
        top = parts[0] if len(parts) > 1 else "(root files)"
        if top in versions:
            add("versions" if top != releases[-1] else "newest version", p)
            if top == releases[-1] and len(parts) > 2:
                add(f"newest version/{parts[1]}", p)
        else:
            add(top, p)
            if top in ("api", "series", "pagefind", "latest") and len(parts) > 2:
                add(f"{top}/{parts[1]}", p)
    return dict(sorted(out.items(), key=lambda kv: -kv[1]["bytes"]))


def largest_html(site: Path) -> dict:
    """The largest HTML page of the site, gzipped (issue 20: none over 150 KB)."""
    import gzip
    best = (0, "")
    for p in site.rglob("*.html"):
        n = len(gzip.compress(p.read_bytes(), 6))
        if n > best[0]:
            best = (n, p.relative_to(site).as_posix())
    return {"bytes_gzip": best[0], "page": best[1]}


def measure_site(site: Path, releases: list[str]) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    versions = {r: sum(p.stat().st_size for p in (site / r).rglob("*") if p.is_file()) for r in releases if (site / r).is_dir()}
    series = [p.stat().st_size for p in (site / "series").glob("*/index.html")]
    search = search_bytes_per_query(site)
    return {
        "site_bytes": sum(p.stat().st_size for p in files),
        "site_files": len(files),
        "largest_html_gzip": largest_html(site),
        "folders": folder_bytes(site, releases),
        "largest_version_bytes": max(versions.values(), default=0),
        "largest_version": max(versions, key=versions.get) if versions else None,
        "series_page_bytes_max": max(series, default=0),
        "series_pages": len(series),
        "search_bytes_per_query": search["bound"],
        "search_bytes_per_query_is": search["is"],
        "search_parts": search["parts"],
    }


def search_bytes_per_query(site: Path, words: int = 3, results: int = 10) -> dict:
    """The most one query of *Search every release* can download from Pagefind's index: the script,
    worker and WebAssembly, the entry and meta files, every filter (the release filter), the index
    chunk of each of ``words`` words (the largest chunk each) and the fragments of the first
    ``results`` results (tradesite-search.js shows 10; the largest fragments each): an upper
    bound, not a typical query. Bytes as transferred: Pagefind's index files are gzip already;
    its two scripts are counted gzipped, as GitHub Pages serves text (45 and 41 KB as files)."""
    pf = site / "pagefind"
    if not pf.is_dir():
        return {"bound": 0, "is": "no pagefind folder", "parts": {}}

    def size(paths) -> int:
        return sum(len(gzip.compress(p.read_bytes(), 9, mtime=0)) if p.suffix == ".js" else p.stat().st_size
                   for p in paths)

    chunks = sorted((p.stat().st_size for p in (pf / "index").iterdir()), reverse=True)
    fragments = sorted((p.stat().st_size for p in (pf / "fragment").iterdir()), reverse=True)
    parts = {
        "script_worker_wasm": size([pf / "pagefind.js", pf / "pagefind-worker.js", *pf.glob("wasm.en.pagefind")]),
        "entry_meta": size([pf / "pagefind-entry.json", *pf.glob("*.pf_meta")]),
        "filters": size((pf / "filter").iterdir()),
        "index_chunks": sum(chunks[:words]), "fragments": sum(fragments[:results]),
        "chunks": len(chunks), "pages": len(fragments),
    }
    bound = sum(v for k, v in parts.items() if k not in ("chunks", "pages"))
    return {"bound": bound, "parts": parts,
            "is": f"upper bound: Pagefind's fixed files, every filter, the {words} largest index chunks and "
                  f"the {results} largest fragments"}


def commit() -> str:
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 2)[2],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--releases", type=int, required=True, metavar="N")
    ap.add_argument("--out", type=Path, required=True, metavar="DIR", help="scratch folder (emptied)")
    ap.add_argument("--json", type=Path, metavar="FILE")
    ap.add_argument("--start", default=None, help="the first simulated release (default 2026-02)")
    ap.add_argument("--complete-last", type=int, default=None, metavar="K")
    ap.add_argument("--raw-last", type=int, default=None, metavar="R")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-site", action="store_true")
    ap.add_argument("--resume", action="store_true",
                    help="keep the releases an earlier run of the same options ingested into --out (and its truth)")
    ap.add_argument("--no-check-tidy", action="store_true",
                    help="the tidy-level path writes its tables unvalidated (the raw path always validates)")
    ap.add_argument("--build-jobs", type=int, default=None, metavar="J", help="versions built at a time (default: cores)")
    ap.add_argument("--measure", choices=("rebuild", "deployed"), default="rebuild",
                    help="the site at N: a second full build (default), or the publish repository's tree after "
                         "publishing N (what the host serves; no second build)")
    args = ap.parse_args(argv)
    out = args.out.resolve()
    if (ROOT / "data").resolve() in [out, *out.parents]:
        ap.error(f"--out {out}: a scratch folder outside the repository's data/")
    resume: dict[int, dict] = {}
    if args.resume and (out / "ingested.jsonl").is_file():
        for line in (out / "ingested.jsonl").read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if (out / "data" / r["release"] / "release.json").is_file():
                resume[r["k"]] = r
        for name in ("site", "site-previous", "deploy.git", "publish"):
            shutil.rmtree(out / name, ignore_errors=True)
    else:
        shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    # the script is an edge: its data folder is the default of every Settings() below, and the
    # environment's for the child processes (MkDocs builds, workers), which read it at their edge
    os.environ["TRADESITE_DATA"] = str(out / "data")
    from tradesite import paths
    from tradesite.simulate import Simulation, cal

    paths.DATA = out / "data"

    progress = Progress(args.releases)
    t0 = time.perf_counter()
    truth = None
    if args.resume and (out / "truth.pickle").is_file():
        import pickle
        truth = pickle.loads((out / "truth.pickle").read_bytes())
    sim = Simulation(args.releases, start=args.start or cal.START, complete_last=args.complete_last,
                     truth=truth, same_series=explorer_series)
    if truth is None:
        import pickle
        (out / "truth.pickle").write_bytes(pickle.dumps(sim.truth))
    progress.note(f"truth: {sim.truth.report['series']} series, {sim.truth.report['identities']} identities "
                  f"({time.perf_counter() - t0:.0f} s)")
    done = ingest_all(sim, out, args.raw_last, args.jobs, progress, check_tidy=not args.no_check_tidy, resume=resume)
    ids = sim.releases()
    report = {
        "releases": args.releases, "first": ids[0], "last": ids[-1], "simulated": True,
        "modes": {"complete_last": args.releases if args.complete_last is None else args.complete_last,
                  "raw_last": args.releases if args.raw_last is None else args.raw_last,
                  "pdf": "tidy-level stand-in (tradesite.simulate.pdf)",
                  "tidy_validated": not args.no_check_tidy, "site_at_n": args.measure,
                  "truth": sim.truth.report},
        "ingest_seconds": round(time.perf_counter() - t0, 1),
        "ingest_seconds_by_kind": {f"{kind}, {path}": round(sum(r["seconds"] for r in done if (r["kind"], r["path"]) == (kind, path))
                                                             / max(1, sum((r["kind"], r["path"]) == (kind, path) for r in done)), 1)
                                   for kind in ("complete", "light") for path in ("raw", "tidy")
                                   if any((r["kind"], r["path"]) == (kind, path) for r in done)},
        "date": datetime.date.today().isoformat(), "commit": commit(), "machine": {"cores": os.cpu_count()},
    }
    if not args.no_site:
        bare, site_prev, site = out / "deploy.git", out / "site-previous", out / "site"
        progress.note(f"building the site of {len(ids) - 1} releases (N-1)")
        previous = build_site(ids[:-1], site_prev, args.build_jobs)
        prev = measure_site(site_prev, ids[:-1])
        push(site_prev, bare)
        repo_prev = repo_bytes(bare)
        progress.note(f"publishing release {ids[-1]} to the bare repository")
        add_one = publish_one(ids[-1], bare, out / "publish")
        repo_now = repo_bytes(bare)
        full = None
        kept, series_prev = version_files(site_prev, ids[:-1]), series_pages(site_prev)
        unrevised_prev, settled_prev = never_revised(site_prev), settled(site_prev)
        if args.measure == "rebuild":
            shutil.rmtree(site_prev, ignore_errors=True)
            progress.note(f"building the site of {len(ids)} releases")
            full = build_site(ids, site, args.build_jobs)
        else:
            from tradesite.site.versioned.versions import export
            export(out / "publish", site)
            shutil.rmtree(site_prev, ignore_errors=True)
        now = measure_site(site, ids)
        missing = sorted(kept - version_files(site, ids[:-1]))
        report.update(now)
        report["build_seconds"] = {"full": None if full is None else round(full, 1), "add_one": round(add_one, 1),
                                   "previous": round(previous, 1),
                                   "previous_is": f"versions.build_all of the N-1 releases ({args.build_jobs or os.cpu_count()} at a time)",
                                   "add_one_is": "versions.publish of release N to a repository holding N-1 (today's pipeline)"}
        report["deploy_repo_bytes"] = repo_now
        report["per_release"] = {"site_bytes": [prev["site_bytes"], now["site_bytes"]],
                                 "site_files": [prev["site_files"], now["site_files"]],
                                 "site_bytes_added": now["site_bytes"] - prev["site_bytes"],
                                 "site_files_added": now["site_files"] - prev["site_files"],
                                 "deploy_repo_bytes": [repo_prev, repo_now],
                                 "deploy_repo_bytes_added": repo_now - repo_prev,
                                 "series_page_bytes_max": [prev["series_page_bytes_max"], now["series_page_bytes_max"]],
                                 "series_pages": [prev["series_pages"], now["series_pages"]],
                                 "folders_added": {k: now["folders"].get(k, {"bytes": 0})["bytes"] - v["bytes"]
                                                   for k, v in prev["folders"].items()
                                                   if now["folders"].get(k, {"bytes": 0})["bytes"] != v["bytes"]},
                                 "series_page_html": series_growth(series_prev, series_pages(site), unrevised_prev, settled_prev),
                                 "version_files_lost": len(missing), "version_files_lost_first": missing[:10]}
    progress.note(json.dumps(report, indent=1))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

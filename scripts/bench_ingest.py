"""Ingest timings: per release (whole ingest) and per file type (reader alone).

    python scripts/bench_ingest.py [RELEASE ...] [--repeat N]

Writes into a temporary folder (the committed data/releases is not touched) and prints
two small tables. Default: every release under ../shared/data.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from tradesite import paths, readers, validate
from tradesite.ingest import ingest, raw_folder, source_files
from tradesite.sources import kind_of


def best(fn, repeat: int) -> tuple[float, object]:
    """Best of ``repeat`` wall-clock runs (seconds) and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("releases", nargs="*")
    p.add_argument("--repeat", type=int, default=1, help="runs per measurement; the best is shown")
    args = p.parse_args()
    releases = args.releases or sorted(
        {d.name for base in (paths.RAW, paths.TRANSCRIBED) if base.is_dir() for d in base.iterdir() if d.is_dir()}
    )

    per_kind: dict[str, list[tuple[float, int]]] = defaultdict(list)
    print(f"{'release':<9} {'files':>5} {'rows':>9} {'read s':>8} {'validate s':>10} {'ingest s':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for release in releases:
            files = source_files(raw_folder(release))
            tables: dict = {}
            read_total = 0.0
            for path in files:
                seconds, result = best(lambda: readers.read(path, release), args.repeat)
                rows = sum(len(df) for df in result.tables.values())
                per_kind[kind_of(path.name)].append((seconds, rows))
                read_total += seconds
                tables.update(result.tables)
            check_s, _ = best(lambda: validate.run(tables, release), args.repeat)
            total_s, _ = best(lambda: ingest(release, data_dir=Path(tmp)), args.repeat)
            rows = sum(len(df) for df in tables.values())
            print(f"{release:<9} {len(files):>5} {rows:>9,} {read_total:>8.2f} {check_s:>10.2f} {total_s:>9.2f}")

    print()
    print(f"{'reader':<16} {'files':>5} {'total s':>8} {'s/file':>7} {'rows/s':>9}")
    for kind, runs in sorted(per_kind.items()):
        seconds = sum(s for s, _ in runs)
        rows = sum(r for _, r in runs)
        print(f"{kind:<16} {len(runs):>5} {seconds:>8.2f} {statistics.mean(s for s, _ in runs):>7.2f} "
              f"{rows / seconds if seconds else 0:>9,.0f}")


if __name__ == "__main__":
    main()

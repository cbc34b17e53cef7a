"""Search index size per release of a built versioned site (of tables only captions and row labels are indexed).

    python3 scripts/bench_search.py [build/site]

Prints, for each version, the size of search/search_index.json, its number of entries
and its largest entry, so that a page that bloats the index shows up.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

root = Path(sys.argv[1] if len(sys.argv) > 1 else "build/site")
versions = json.loads((root / "versions.json").read_text(encoding="utf-8"))
print(f"{'version':<10}{'index bytes':>12}{'entries':>9}  largest entry (chars)")
total = 0
for v in sorted(versions, key=lambda v: v["version"]):
    path = root / v["version"] / "search" / "search_index.json"
    docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
    size = path.stat().st_size
    total += size
    big = max(docs, key=lambda d: len(d["text"]))
    print(f"{v['version']:<10}{size:>12,}{len(docs):>9}  {big['location'] or '(home)'} ({len(big['text']):,})")
print(f"{'all':<10}{total:>12,}")

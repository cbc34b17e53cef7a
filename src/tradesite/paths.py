"""Where things live. One place, so tests and the CLI agree."""

from __future__ import annotations

import os
from pathlib import Path

#: The project checkout (src/tradesite/paths.py -> repo root).
ROOT = Path(__file__).resolve().parents[2]

#: Committed tidy tables, one folder per release.
DATA = Path(os.environ.get("TRADESITE_DATA", ROOT / "data" / "releases"))

#: The official raw files (never copied into the repo): ../shared/data beside the checkout.
SHARED = Path(os.environ.get("TRADESITE_SHARED", ROOT.parent / "shared" / "data"))
RAW = SHARED / "raw"
TRANSCRIBED = SHARED / "transcribed"

#: Downloads of the fetcher (git-ignored).
CACHE = Path(os.environ.get("TRADESITE_CACHE", ROOT / "cache"))

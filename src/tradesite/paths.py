"""Where things live in a checkout: the defaults. The environment's overrides (``TRADESITE_DATA``,
``TRADESITE_SHARED``, ``TRADESITE_CACHE``) are read once at the edge, by
:meth:`tradesite.settings.Settings.from_env`, and passed down; a library call without settings
uses these."""

from __future__ import annotations

from pathlib import Path

#: The project checkout (src/tradesite/paths.py -> repo root).
ROOT = Path(__file__).resolve().parents[2]

#: Committed tidy tables, one folder per release.
DATA = ROOT / "data" / "releases"

#: The official raw files (never copied into the repo): ../shared/data beside the checkout.
SHARED = ROOT.parent / "shared" / "data"
RAW = SHARED / "raw"
TRANSCRIBED = SHARED / "transcribed"

#: Downloads of the fetcher (git-ignored).
CACHE = ROOT / "cache"

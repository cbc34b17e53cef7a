"""One module per chapter of the report, each with the same shape:

    SLUG = "goods-exports"          # stable URL: /RELEASE/goods-exports/
    TITLE = "Goods exports by category"
    def build(release: Release) -> Chapter | None   # None: this release's files don't cover it

Order here is the report's order and the navigation's.
"""

from __future__ import annotations

import importlib
from types import ModuleType

CHAPTERS = [
    "overview",             # exhibit 1 (+ BEA time series for long history)
    "moving_averages",      # exhibit 2
    "goods_exports",        # exhibits 6, 7
    "services_exports",     # exhibit 3 (+ BEA time series Table 2)
    "goods_imports",        # exhibits 6, 8
    "services_imports",     # exhibit 4 (+ BEA time series Table 3)
    "real_goods",           # exhibits 10, 11
    "countries",            # exhibits 14, 14a, 19, 20, 20a, 20b (+ BEA countries workbook)
    "advanced_technology",  # exhibits 16, 16a
    "petroleum",            # exhibits 9, 17, 17a
    "automotive",           # exhibit 18 + automotive lines of 6-8
    "notes",                # revisions text and explanatory notes (release PDF)
    "what_changed",         # revisions computed from the files (issue: what every release revised)
    "vintages",             # one month's estimate across releases
]


def modules() -> list[ModuleType]:
    """The chapter modules that exist (a chapter not yet written is skipped)."""
    found = []
    for name in CHAPTERS:
        try:
            found.append(importlib.import_module(f"{__name__}.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
    return found

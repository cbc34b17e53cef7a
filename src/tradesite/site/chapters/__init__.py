"""One module per chapter of the report, each with the same shape:

    SLUG = "goods-exports"          # stable URL: /RELEASE/goods-exports/
    TITLE = "Goods exports by category"
    NEEDS = Needs(complete=(("6", "7"),), partial=("1", "12", "bea-ts-1"))   # what it is built from
    ADDS = "the end-use categories ..."   # what the complete chapter adds to a partial one
    def build(release: ReleaseView, status: Status) -> Chapter

A chapter computed across the whole release (notes, what changed, vintages) has a function
``status(release) -> Status`` instead of ``NEEDS`` and reads every exhibit. A chapter imports
the data layer (:mod:`tradesite.report`), the builders and ``site/render`` (the page model, markup,
the theme), never another chapter.
Order here is the report's order and the navigation's.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ...report.coverage import NONE, Status

CHAPTERS = [
    "overview",  # exhibit 1 (+ BEA time series for long history)
    "moving_averages",  # exhibit 2; computed from exhibit 1's months without it
    "goods_exports",  # exhibits 6, 7; monthly totals of 1, 12
    "services_exports",  # exhibit 3 (+ BEA time series Table 2); monthly totals of 1
    "goods_imports",  # exhibits 6, 8; monthly totals of 1, 12
    "services_imports",  # exhibit 4 (+ BEA time series Table 3); monthly totals of 1
    "real_goods",  # exhibits 10, 11
    "goods_basis",  # exhibit 12: goods on a BOP and a Census basis, not seasonally adjusted
    "countries",  # exhibits 14, 14a, 19, 20, 20a, 20b (+ BEA countries workbook)
    "advanced_technology",  # exhibits 16, 16a
    "petroleum",  # exhibits 9, 17, 17a
    "automotive",  # exhibit 18 + automotive lines of 6-8
    "notes",  # revisions text and explanatory notes (release PDF; carried where absent)
    "what_changed",  # revisions computed from the files
    "vintages",  # one month's estimate across releases
]


def modules() -> list[ModuleType]:
    """The chapter modules, in the report's order."""
    return [importlib.import_module(f"{__name__}.{name}") for name in CHAPTERS]


def needs(module: ModuleType) -> set[str] | None:
    """The exhibits a chapter may read (None: every exhibit of the release)."""
    return module.NEEDS.exhibits if hasattr(module, "NEEDS") else None


def status_of(module: ModuleType, release) -> Status:
    """How much of the chapter ``release``'s files hold, without building it."""
    if hasattr(module, "status"):
        return module.status(release)
    return module.NEEDS.status(release)


def build(module: ModuleType, release, status: Status | None = None):
    """The chapter built from the exhibits it declared; None where the release holds none of it."""
    status = status or status_of(module, release)
    if status.state == NONE:
        return None
    return module.build(release.scoped(needs(module)), status)

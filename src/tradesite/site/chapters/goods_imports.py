"""Goods imports by end-use category and commodity (exhibits 6 and 8); from the monthly totals
(exhibits 1 and 12, or BEA's time series) where a release lacks the detail."""

from __future__ import annotations

from ...report.coverage import Needs, Status
from ..builders.end_use import end_use_page
from ..render.model import Chapter

SLUG = "goods-imports"
TITLE = "Goods imports by category"
NEEDS = Needs(complete=(("6", "8"),), partial=("1", "12", "bea-ts-1"))
ADDS = "the end-use categories and commodities of exhibits 6 and 8, and which of them moved most"


def build(release, status: Status) -> Chapter:
    return end_use_page(release, SLUG, TITLE, flow="imports", items="8")

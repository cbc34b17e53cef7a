"""Goods imports by end-use category and commodity (exhibits 6 and 8)."""

from __future__ import annotations

from ...releases import Release
from ..model import Chapter
from ._goods import end_use_chapter

SLUG = "goods-imports"
TITLE = "Goods imports by category"


def build(release: Release) -> Chapter | None:
    return end_use_chapter(release, SLUG, TITLE, flow="imports", items="8")

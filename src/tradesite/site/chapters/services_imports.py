"""Services imports by major category (exhibit 4; BEA time series Table 3 for the long history).

The same chapter as :mod:`.services_exports`, for imports.
"""

from __future__ import annotations

from ...releases import Release
from ..model import Chapter
from .services_exports import services_chapter

SLUG = "services-imports"
TITLE = "Services imports by category"


def build(release: Release) -> Chapter | None:
    return services_chapter(release, SLUG, TITLE, "imports")

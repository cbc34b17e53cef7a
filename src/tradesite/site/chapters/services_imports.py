"""Services imports by major category (exhibit 4; BEA time series Table 3 for the long history);
from the monthly totals of exhibit 1 (or BEA's Table 1) where a release lacks the categories."""

from __future__ import annotations

from ...report.coverage import Needs, Status
from ..builders.services import services_page
from ..render.model import Chapter

SLUG = "services-imports"
TITLE = "Services imports by category"
NEEDS = Needs(complete=(("4",), ("bea-ts-3",)), partial=("1", "bea-ts-1"))
ADDS = (
    "the major categories of services (travel, transport, financial services, charges for the use of "
    "intellectual property and the rest) of exhibit 4"
)


def build(release, status: Status) -> Chapter:
    return services_page(release, SLUG, TITLE, "imports")

"""Which chapters each release's files hold, at a glance: the release home's chapter table,
the matrix of every release × chapter, a partly covered chapter's notice and the page at the
stable URL of a chapter a release cannot show.

Statuses come from what each chapter declares (:func:`..chapters.status_of`), never from
building pages, so every release of the site can be listed in every build.
"""

from __future__ import annotations

from types import ModuleType

from ...periods import month_year
from ...report.catalog import Catalog, ReleaseView
from ...report.coverage import CARRIED, COMPLETE, NONE, PARTIAL, Status
from ...report.provenance import official_page
from ..chapters import modules, status_of
from ..render import templating

#: Short column names for the matrix, in the report's order.
SHORT = {
    "overview": "Overview",
    "moving-averages": "3-month averages",
    "goods-exports": "Goods exports",
    "services-exports": "Services exports",
    "goods-imports": "Goods imports",
    "services-imports": "Services imports",
    "real-goods": "Real goods",
    "goods-basis": "Goods, two bases",
    "countries": "Countries",
    "advanced-technology": "Advanced technology",
    "petroleum": "Petroleum",
    "automotive": "Automotive",
    "notes": "Notes",
    "what-changed": "What changed",
    "vintages": "Vintages",
}
SLUG = "coverage"
TITLE = "Chapters in every release"


class Matrix:
    """Every release × chapter status of a catalog, computed once each."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._status: dict[tuple[str, str], Status] = {}

    def status(self, release_id: str, module: ModuleType) -> Status:
        key = (release_id, module.SLUG)
        if key not in self._status:
            self._status[key] = status_of(module, ReleaseView(self.catalog.load(release_id), self.catalog))
        return self._status[key]

    def nearest(self, release_id: str, module: ModuleType, states=(COMPLETE,)) -> str | None:
        """The nearest other release whose chapter is in one of ``states``."""
        return self.catalog.nearest(release_id, lambda r: self.status(r, module).state in states)

    def around(self, release_id: str, module: ModuleType) -> list[str]:
        """The nearest earlier and the nearest later release with any of the chapter's content."""
        has = [r for r in self.catalog.ids if r != release_id and self.status(r, module).has_content]
        earlier = [r for r in has if r < release_id][-1:]
        later = [r for r in has if r > release_id][:1]
        return earlier + later


def link(release_id: str, slug: str, prefix: str) -> str:
    """A chapter of another release, from a page ``prefix`` below the site root's version folders."""
    return f"{prefix}{release_id}/{slug}/"


def home_table(release: ReleaseView, matrix: Matrix) -> str:
    """The release home's table: every chapter, how much of it this release holds, and the
    nearest release with the complete chapter."""
    rows = []
    for module in modules():
        status = matrix.status(release.id, module)
        nearest = None if status.state == COMPLETE else matrix.nearest(release.id, module)
        rows.append(
            {
                "title": module.TITLE,
                "href": f"{module.SLUG}/" if status.has_content else None,
                "state": status.state,
                "words": state_words(status),
                "nearest": nearest and {"month": month_year(nearest), "href": link(nearest, module.SLUG, "../")},
            }
        )
    return templating.render("coverage_home.html.j2", rows=rows, matrix_href=f"{SLUG}/")


def state_words(status: Status) -> str:
    if status.state == CARRIED:
        assert status.carried_from is not None  # a carried status names the release it carries
        return f"the notes of {month_year(status.carried_from)}"
    return status.words()


def matrix_page(release: ReleaseView, matrix: Matrix) -> str:
    """Markdown of the matrix page: releases down (newest first), chapters across."""
    chapters = modules()
    rows = []
    for rid in sorted(matrix.catalog.ids, reverse=True):
        cells = []
        for module in chapters:
            status = matrix.status(rid, module)
            cells.append(
                {
                    "state": status.state,
                    "label": f"{SHORT[module.SLUG]}, {month_year(rid)}: {state_words(status)}",
                    "href": link(rid, module.SLUG, "../../") if status.has_content else None,
                }
            )
        rows.append({"month": month_year(rid), "href": f"../../{rid}/", "current": rid == release.id, "cells": cells})
    table = templating.render(
        "coverage_matrix.html.j2", chapters=[SHORT[m.SLUG] for m in chapters], rows=rows, symbols=SYMBOLS
    )
    legend = ", ".join(f"{SYMBOLS[s]} {w}" for s, w in LEGEND)
    return (
        f"# {TITLE}\n\n"
        "Each monthly release on this site, newest first, and the chapters its official files hold. "
        "A release with only some of the report's files still has every chapter those files support; "
        "each mark links to that release's page.\n\n"
        f"{legend}.\n\n" + table + "\n"
    )


SYMBOLS = {COMPLETE: "●", PARTIAL: "◐", CARRIED: "○", NONE: "·"}
LEGEND = (
    (COMPLETE, "complete"),
    (PARTIAL, "partial: part of the chapter, from the files this release has"),
    (CARRIED, "the explanatory notes of the nearest release that has them"),
    (NONE, "not in this release's files"),
)


def partial_notice(chapter, module: ModuleType, release: ReleaseView, matrix: Matrix) -> str:
    """Said once at the top of a partly covered chapter: what this release's files hold, what the
    complete chapter adds, and where it is."""
    nearest = matrix.nearest(release.id, module)
    where = (
        (
            f" The nearest release with the complete chapter is [{month_year(nearest)}]"
            f"({link(nearest, module.SLUG, '../../')})."
        )
        if nearest
        else ""
    )
    adds = f" The complete chapter adds {module.ADDS}." if module.ADDS else ""
    return f'!!! info "Part of this chapter"\n    This release\'s files hold {chapter.held}.{adds}{where}\n'


def missing_page(module: ModuleType, release: ReleaseView, matrix: Matrix) -> str:
    """The Markdown body at a chapter's stable URL when this release's files hold none of it."""
    around = matrix.around(release.id, module)
    if around:
        links = " and ".join(f"[{month_year(r)}]({link(r, module.SLUG, '../../')})" for r in around)
        elsewhere = f"; it is in the {links} release{'s' if len(around) > 1 else ''}"
    else:
        elsewhere = ""
    return (
        f"# {module.TITLE}\n\n"
        f"The {release.month_name} release's files on this site do not include this chapter{elsewhere}, and the "
        f"release itself is on the [Census Bureau's page for {release.month_name}]({official_page(release.id)}).\n"
    )

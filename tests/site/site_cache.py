"""Built chapters and sites, once per test session (shared by tests/site: building every chapter of every release is not free)."""

from __future__ import annotations

import functools

from tradesite.releases import Release
from tradesite.site.pages import Site, build_site, chapters_of


@functools.cache
def chapters(release_id: str):
    return chapters_of(Release.load(release_id))


@functools.cache
def site(release_id: str) -> Site:
    return build_site(release_id)

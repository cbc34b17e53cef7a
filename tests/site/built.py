"""Built sites, once per test session (shared by tests/site: building every chapter of every release is not free)."""

from __future__ import annotations

import functools

from tradesite.site.pages import Site, build_site


@functools.cache
def site(release_id: str) -> Site:
    return build_site(release_id)


def chapters(release_id: str):
    """(chapters built, chapter modules the release's files hold none of)."""
    s = site(release_id)
    return s.chapters, s.not_covered

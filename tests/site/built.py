"""Built sites, once per test session for every worker (tests/session.py; shared by tests/site:
building every chapter of every release is not free)."""

from __future__ import annotations

import dataclasses
import functools
import importlib

from tradesite.site.release.pages import Site, build_site

from .. import session


@functools.cache
def site(release_id: str) -> Site:
    def make() -> Site:  # a module does not pickle: its name does
        built = build_site(release_id)
        return dataclasses.replace(built, not_covered=[m.__name__ for m in built.not_covered])

    kept = session.kept(f"build_site\0{release_id}", make)
    return dataclasses.replace(kept, not_covered=[importlib.import_module(n) for n in kept.not_covered])


def chapters(release_id: str):
    """(chapters built, chapter modules the release's files hold none of)."""
    s = site(release_id)
    return s.chapters, s.not_covered

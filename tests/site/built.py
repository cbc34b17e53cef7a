"""Built sites, once per test session (shared by tests/site: building every chapter of every release is not free)."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from tradesite.site.release.build import build_release
from tradesite.site.release.pages import Site, build_site


@functools.cache
def site(release_id: str) -> Site:
    return build_site(release_id)


def chapters(release_id: str):
    """(chapters built, chapter modules the release's files hold none of)."""
    s = site(release_id)
    return s.chapters, s.not_covered


@functools.cache
def mkdocs_site(release_id: str) -> Path:
    """One release built by mkdocs (``tradesite build``), once per session: the HTML a reader gets."""
    root = Path(tempfile.mkdtemp(prefix=f"tradesite-{release_id}-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return build_release(release_id, root / release_id)

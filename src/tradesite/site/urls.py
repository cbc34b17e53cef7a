"""Where the versioned site lives: its root URL and each version's folder.

URLs are stable: ``/RELEASE/CHAPTER/`` and ``/latest/CHAPTER/``; the root redirects to
``latest``. Each version's ``site_url`` (env ``SITE_URL``, read by mkdocs.yml) is its own
folder, except the newest's, which is ``/latest/`` so that search engines index ``latest``.
"""

from __future__ import annotations

import os

LATEST = "latest"
#: Where the site is published; a local build points at the local server.
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def site_url() -> str:
    """The published root (env ``SITE_URL``), always ending in '/'."""
    url = os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


def version_site_url(release: str, newest: bool, base: str | None = None) -> str:
    """A version's own site_url; the newest release's is /latest/ (its canonical home)."""
    return f"{base or site_url()}{LATEST if newest else release}/"

"""Where the versioned site lives: its root URL and each version's folder.

URLs are stable: ``/RELEASE/CHAPTER/`` and ``/latest/CHAPTER/``; the root redirects to
``latest``. Each version's ``site_url`` (env ``SITE_URL``, read by mkdocs.yml) is its own
folder, except the newest's, which is ``/latest/`` so that search engines index ``latest``.
The published URL is a setting (``Settings.site_url``), given to these functions.
"""

from __future__ import annotations

import re

LATEST = "latest"
RELEASE_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
#: Where the site is published; a local build points at the local server.
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def site_url(url: str | None = None) -> str:
    """The published root ``url`` (``Settings.site_url``; None: the local server's), always ending in '/'."""
    url = url or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


def root_url(url: str | None = None) -> str:
    """The root of the versioned site while a version is built: the build's site_url (``url``) is its
    version's folder (``.../2025-03/`` or ``.../latest/``), one level below the root; a
    single-release build's is the root itself."""
    return root_of(site_url(url))


def root_of(url: str) -> str:
    """The versioned site's root for a build whose site_url is ``url`` (see root_url)."""
    url = url if url.endswith("/") else url + "/"
    head, _, last = url.rstrip("/").rpartition("/")
    return head + "/" if (last == LATEST or RELEASE_RE.match(last)) and "://" in head else url


def permanent_url(release: str, path: str = "", root: str | None = None) -> str:
    """A page's URL that never moves: its release's folder under the site's ``root`` (default: the
    local server's), never ``latest`` (``path`` inside the version: 'overview/', '' for the release home)."""
    return f"{root or root_url()}{release}/{path}"


def version_site_url(release: str, newest: bool, base: str | None = None) -> str:
    """A version's own site_url; the newest release's is /latest/ (its canonical home)."""
    return f"{base or site_url()}{LATEST if newest else release}/"


def series_href(series_id: str | None, folder: str) -> str | None:
    """The link from a page of a version (``folder`` inside it: 'countries', '' for the release
    home) to a series page of the explorer at the site root (``../../series/<id>/``)."""
    if not series_id:
        return None
    up = 1 + (len(folder.strip("/").split("/")) if folder.strip("/") else 0)
    return f"{'../' * up}series/{series_id}/"

"""A release's generated files, kept by the hash of everything they are made from.

``tradesite site build`` builds each release in its own MkDocs process, ``tradesite build``
rebuilds one after a change of theme or text elsewhere, CI builds again what a pull request
did not touch: when none of the inputs changed, the pages are the same, and generating them
again (pandas, Altair, vl-convert: seconds) is waste. The key hashes every input: the tidy
tables of every committed release (the matrix of every release reads them all), the package's
code, templates and assets, the generator script, the libraries that shape the output, the
release and the site's releases. Anything else changes nothing, or it would be an input.

This module imports nothing heavy: a hit costs a hash of the inputs and one read.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from ... import kept, paths
from ...settings import Settings

#: Where the entries are is a setting (``Settings.pages_cache``, env ``TRADESITE_PAGES_CACHE``:
#: scripts/bench_site.py measures a cold build).
#: Bump when what an entry holds changes.
FORMAT = "1"
#: Libraries whose version can change a generated file.
LIBRARIES = ("pandas", "numpy", "altair", "vl-convert-python", "jinja2", "markupsafe", "pyyaml", "markdown")
#: Settings a build reads (site_url: the citations' permanent URLs).
SETTINGS = ("releases", "data", "site_url")
PACKAGE = Path(__file__).resolve().parents[2]
GENERATOR = paths.ROOT / "gen" / "gen_pages.py"


def _files(root: Path):
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path


def key(release: str, settings: Settings | None = None) -> str:
    """The hash of every input of ``release``'s generated files as ``settings`` (default: a
    checkout's) build it."""
    settings = settings or Settings()
    h = hashlib.sha256(f"{FORMAT}\0{release}\0".encode())
    for name in SETTINGS:
        value = getattr(settings, name)
        h.update(f"{name}={','.join(value) if isinstance(value, tuple) else value or ''}\0".encode())
    for lib in LIBRARIES:
        try:
            h.update(f"{lib}={metadata.version(lib)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=absent\0".encode())
    roots = (
        ("data", settings.data, _files(settings.data)),
        ("package", PACKAGE, _files(PACKAGE)),
        ("generator", GENERATOR.parent, [GENERATOR] if GENERATOR.is_file() else []),
    )
    for label, base, files in roots:
        for path in files:
            h.update(f"{label}:{path.relative_to(base)}\0".encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def default_release(settings: Settings | None = None) -> str:
    """The release a build makes when none is named: the newest of the site (``settings.releases``,
    else every committed one), without loading anything."""
    settings = settings or Settings()
    ids = list(settings.releases or ()) or [p.name for p in settings.data.iterdir() if (p / "release.json").is_file()]
    if not ids:
        raise FileNotFoundError(f"{settings.data}: no ingested release; run `tradesite ingest --all` first")
    return max(ids)


def _entry(cache: Path, release: str, digest: str) -> Path:
    return cache / f"{release}-{digest}.pickle"


def load(release: str, settings: Settings | None = None) -> tuple[dict | None, str]:
    """(what was stored, its key) or (None, key) when nothing is stored for these inputs."""
    settings = settings or Settings()
    digest = key(release, settings)
    return kept.load(_entry(settings.pages_cache, release, digest)), digest


def store(release: str, digest: str, value: dict, settings: Settings | None = None) -> None:
    """Keep ``value`` for these inputs (written whole, then swapped in; earlier entries of the
    release dropped; the folder: ``settings.pages_cache``). A read-only checkout builds without the cache."""
    cache = (settings or Settings()).pages_cache
    kept.store(_entry(cache, release, digest), value, stale=cache.glob(f"{release}-*.pickle"))

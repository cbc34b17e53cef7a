"""The configuration of a run, made once where the run starts and passed down.

Every setting the README documents as an environment variable is read here and nowhere
else: :meth:`Settings.from_env` is called by the edges (the command line, ``tradesite.cli``;
the MkDocs generator script ``gen/gen_pages.py``, which runs inside MkDocs's process;
``scripts/``), which hand the object, or the values in it, to the library. A library module
never reads the environment (``tests/test_settings.py``). A child process that must know
the settings (the MkDocs build of one version) gets them in its environment from
:meth:`Settings.child_env`, and its own edge reads them back.

The defaults (``Settings()``) are those of a checkout: its ``data/releases``, ``../shared/data``
beside it, ``./cache``, census.gov and bea.gov, every committed release.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .sources import BEA_BASE, CENSUS_BASE, Hosts

#: The environment variables, by setting.
ENV = {
    "releases": "TRADESITE_SITE_RELEASES",  # comma-separated release ids of the versioned site being built
    "release": "TRADESITE_RELEASE",  # the release a MkDocs build makes
    "data": "TRADESITE_DATA",  # the committed tidy tables, one folder per release
    "shared": "TRADESITE_SHARED",  # the official files (raw/, transcribed/), ../shared/data
    "cache": "TRADESITE_CACHE",  # the fetcher's downloads
    "site_url": "SITE_URL",  # where the site is published (a version's build: its own folder)
    "pages_cache": "TRADESITE_PAGES_CACHE",  # generated pages by the hash of their inputs
    "svg_cache": "TRADESITE_SVG_CACHE",  # chart SVGs by content hash
    "census_base": "TRADESITE_CENSUS_BASE",  # census.gov's folder of the releases (tests: a local server)
    "bea_base": "TRADESITE_BEA_BASE",  # bea.gov's folder of uploads
    "fetch_file_deadline": "TRADESITE_FETCH_FILE_DEADLINE",  # seconds for one file (text: checked by the fetcher)
    "fetch_deadline": "TRADESITE_FETCH_DEADLINE",  # seconds for a whole fetch
    "debug": "TRADESITE_DEBUG",  # "1": a failure prints its traceback
}


@dataclass(frozen=True)
class Settings:
    """What a run is configured with (see :data:`ENV` for the environment's names)."""

    #: the releases of the site being built; None: every committed release
    releases: tuple[str, ...] | None = None
    #: the release being built (a MkDocs build); None: the newest of the site
    release: str | None = None
    data: Path = field(default_factory=lambda: paths.DATA)
    shared: Path = field(default_factory=lambda: paths.SHARED)
    cache: Path = field(default_factory=lambda: paths.CACHE)
    #: where a build writes (``--out``); None: the command's own default
    output: Path | None = None
    #: the site's published root URL; None: the local server's (``site.urls.DEFAULT_SITE_URL``)
    site_url: str | None = None
    pages_cache: Path = field(default_factory=lambda: paths.ROOT / "build" / "pages-cache")
    svg_cache: Path = field(default_factory=lambda: paths.ROOT / "build" / "svg-cache")
    hosts: Hosts = field(default_factory=Hosts)
    #: the deadlines as the environment gives them (text: the fetcher checks them, naming the variable)
    fetch_file_deadline: str | None = None
    fetch_deadline: str | None = None
    debug: bool = False

    @property
    def raw(self) -> Path:
        """The official files as downloaded, one folder per release."""
        return self.shared / "raw"

    @property
    def transcribed(self) -> Path:
        """Figures transcribed from official pages that are no downloadable file."""
        return self.shared / "transcribed"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **given) -> Settings:
        """The settings the environment gives (``os.environ`` unless ``environ``), the defaults
        for the rest; ``given`` (the command line's options) wins over both."""
        env = os.environ if environ is None else environ

        def text(name: str) -> str | None:
            return env.get(ENV[name]) or None

        def path(name: str, default: Path) -> Path:
            given = text(name)
            return Path(given) if given else default

        named = tuple(sorted(r for r in (text("releases") or "").split(",") if r))
        made = cls(
            releases=named or None,
            release=text("release"),
            data=path("data", paths.DATA),
            shared=path("shared", paths.SHARED),
            cache=path("cache", paths.CACHE),
            site_url=text("site_url"),
            pages_cache=path("pages_cache", paths.ROOT / "build" / "pages-cache"),
            svg_cache=path("svg_cache", paths.ROOT / "build" / "svg-cache"),
            # set but empty is a setting given wrong (the fetcher says so), not the default
            hosts=Hosts(env.get(ENV["census_base"], CENSUS_BASE), env.get(ENV["bea_base"], BEA_BASE)),
            fetch_file_deadline=text("fetch_file_deadline"),
            fetch_deadline=text("fetch_deadline"),
            debug=env.get(ENV["debug"]) == "1",
        )
        return made.but(**given)

    def but(self, **changes) -> Settings:
        """These settings with ``changes`` (None values ignored: an option not given)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    def as_env(self) -> dict[str, str]:
        """The settings as the environment of a child process whose edge reads them back."""
        out = {
            ENV["data"]: str(self.data),
            ENV["shared"]: str(self.shared),
            ENV["cache"]: str(self.cache),
            ENV["pages_cache"]: str(self.pages_cache),
            ENV["svg_cache"]: str(self.svg_cache),
            ENV["census_base"]: self.hosts.census,
            ENV["bea_base"]: self.hosts.bea,
        }
        if self.releases is not None:
            out[ENV["releases"]] = ",".join(sorted(self.releases))
        for name in ("release", "site_url", "fetch_file_deadline", "fetch_deadline"):
            if getattr(self, name) is not None:
                out[ENV[name]] = getattr(self, name)
        if self.debug:
            out[ENV["debug"]] = "1"
        return out

    def child_env(self, **extra: str) -> dict[str, str]:
        """The whole environment of a child process: this one's (PATH, HOME, ...) without its own
        settings, every setting of ``self`` said explicitly, and ``extra``."""
        inherited = {k: v for k, v in os.environ.items() if k not in ENV.values()}
        return {**inherited, **self.as_env(), **extra}

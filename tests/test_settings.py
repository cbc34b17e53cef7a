"""Configuration is made once at the edge (tradesite.settings) and passed down."""

from __future__ import annotations

from pathlib import Path

from tradesite import paths
from tradesite.settings import ENV, Settings
from tradesite.sources import Hosts


def test_settings_from_the_environment():
    env = {"TRADESITE_SITE_RELEASES": "2025-03,2021-08", "TRADESITE_DATA": "/d", "TRADESITE_SHARED": "/s",
           "TRADESITE_CACHE": "/c", "SITE_URL": "https://example.org/trade/", "TRADESITE_RELEASE": "2025-03",
           "TRADESITE_CENSUS_BASE": "http://127.0.0.1:9/c", "TRADESITE_FETCH_DEADLINE": "5", "TRADESITE_DEBUG": "1"}
    s = Settings.from_env(env)
    assert s.releases == ("2021-08", "2025-03") and s.release == "2025-03"
    assert (s.data, s.shared, s.cache, s.raw, s.transcribed) == (Path("/d"), Path("/s"), Path("/c"), Path("/s/raw"),
                                                                  Path("/s/transcribed"))
    assert s.site_url == "https://example.org/trade/" and s.debug and s.fetch_deadline == "5"
    assert s.hosts == Hosts(census="http://127.0.0.1:9/c")
    # the defaults: a checkout's
    d = Settings.from_env({})
    assert d == Settings() and d.releases is None and d.data == paths.DATA and d.shared == paths.SHARED
    # an option given wins; one not given (None) leaves the setting
    assert Settings.from_env(env, data=Path("/x"), release=None).data == Path("/x")
    assert Settings.from_env(env).release == "2025-03"


def test_a_child_process_gets_the_settings_in_its_environment():
    s = Settings(releases=("2021-08", "2025-03"), data=Path("/d"), site_url="https://example.org/trade/")
    env = s.child_env(TRADESITE_RELEASE="2021-08")
    assert Settings.from_env(env) == s.but(release="2021-08")
    assert env["TRADESITE_SITE_RELEASES"] == "2021-08,2025-03" and "PATH" in env
    assert set(s.as_env()) <= set(ENV.values())


#: The one module that reads the environment: the settings, made at the edge (tradesite.cli,
#: gen/gen_pages.py and scripts/ call Settings.from_env) and passed down.
EDGE = {"settings.py"}


def test_no_library_module_reads_the_environment():
    """Shown failing with paths.py reading TRADESITE_DATA again (as it did before issue 23.2)."""
    import re

    package = paths.ROOT / "src" / "tradesite"
    reading = {p.relative_to(package).as_posix() for p in package.rglob("*.py")
               if re.search(r"\bos\.environ\b|\bos\.getenv\b|\bgetenv\(", p.read_text(encoding="utf-8"))}
    assert reading == EDGE, "read the setting in tradesite.settings and pass it down"

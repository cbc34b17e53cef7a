"""Build one release's site with mkdocs (no versions; :mod:`..versioned.versions` does those with mike)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from ... import paths, releases
from ...settings import Settings


def engine() -> str:
    """The MkDocs engine mike uses too: ``properdocs`` (the MkDocs 1.x continuation that
    mkdocs-gen-files 0.6 pulls in) when installed, else ``mkdocs``; see README "MkDocs or ProperDocs"."""
    return "properdocs" if importlib.util.find_spec("properdocs") else "mkdocs"


def default_out(release: str) -> Path:
    return paths.ROOT / "build" / "release" / release


def build_release(
    release: str | None = None,
    out: Path | None = None,
    settings: Settings | None = None,
    extra_env: dict[str, str] | None = None,
) -> Path:
    """Run ``mkdocs build`` (or ProperDocs, as mike would) for one release into ``out``
    (default build/release/RELEASE), configured by ``settings`` (default: a checkout's), which
    the MkDocs process gets in its environment (with ``extra_env``)."""
    settings = settings or Settings()
    release = releases.check_id(release or releases.newest(settings.data))
    releases.Release.load(release, settings.data)  # fail early, with the fix, when it is not ingested
    out = Path(out) if out else default_out(release)
    env = settings.but(release=release).child_env(**(extra_env or {}))
    cmd = [
        sys.executable,
        "-m",
        engine(),
        "build",
        "--clean",
        "-f",
        str(paths.ROOT / "mkdocs.yml"),
        "-d",
        str(out.resolve()),
    ]
    done = subprocess.run(cmd, cwd=paths.ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise RuntimeError(f"mkdocs build of release {release} failed:\n{tail}")
    return out

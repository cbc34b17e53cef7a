"""Style and types, checked on every run over src/: ``ruff format --check``, ``ruff check`` (configured
in pyproject.toml's [tool.ruff]) and ``mypy`` ([tool.mypy]) must report nothing. The JavaScript has its
own linter, Biome, in tests/test_javascript.py. Fix with ``ruff format src && ruff check --fix src``."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tradesite import paths

CHECKS = {
    "ruff format": [sys.executable, "-m", "ruff", "format", "--check", "src"],
    "ruff check": [sys.executable, "-m", "ruff", "check", "src"],
    "mypy": [sys.executable, "-m", "mypy", "src"],
}


@pytest.mark.parametrize("name", CHECKS)
def test_src_is_clean(name):
    done = subprocess.run(CHECKS[name], cwd=paths.ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"{name} found problems in src/:\n{done.stdout[-6000:]}{done.stderr[-2000:]}"

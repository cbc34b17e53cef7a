"""Style and types, checked on every run: ``mypy src`` (configured in pyproject.toml's
[tool.mypy]) must report no error. (Ruff joins this file when the lead sets it up.)"""

from __future__ import annotations

import subprocess
import sys

from tradesite import paths


def test_mypy_src_is_clean():
    done = subprocess.run([sys.executable, "-m", "mypy", "src"], cwd=paths.ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"mypy src found errors:\n{done.stdout[-6000:]}{done.stderr[-2000:]}"

"""The one-way architecture of ARCHITECTURE.md, enforced: import-linter's contracts in
pyproject.toml (layers from the command line down to the tidy tables, chapters independent of
each other, the data layer and the readers apart)."""

from __future__ import annotations

import subprocess
import sys

from tradesite import paths


def test_import_contracts_are_kept():
    done = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
                          cwd=paths.ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout and "KEPT" in done.stdout


def test_no_module_over_500_lines():
    """Modules stay readable: none over 500 lines."""
    long = {str(p.relative_to(paths.ROOT)): n for p in (paths.ROOT / "src" / "tradesite").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert not long, long

"""The site's JavaScript (src/tradesite/assets/explorer/*.js, docs/javascripts/*.js): the Biome
linter, pinned in package.json, and the unit tests of its pure functions (tests/js/*.test.js,
node's own test runner), whose fixtures are made from the tidy tables and the Python code they
mirror (tests/js/make_fixtures.py). ``npm ci`` installs the linter from package-lock.json
(.ci/run does)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "tests" / "js"
NODE = shutil.which("node")
BIOME = ROOT / "node_modules" / ".bin" / "biome"
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed: the JavaScript checks need node (.ci/run installs it)")


def _run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_the_fixtures_are_what_the_data_and_python_make_now():
    spec = importlib.util.spec_from_file_location("make_fixtures", JS / "make_fixtures.py")
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    for name, text in make.fixtures().items():
        assert (JS / "fixtures" / name).read_text(encoding="utf-8") == text, \
            f"tests/js/fixtures/{name} is stale: run python3 tests/js/make_fixtures.py and review the diff"


@needs_node
def test_the_javascript_is_lint_clean():
    assert BIOME.is_file(), "the Biome linter is not installed: run `npm ci` (package-lock.json pins it)"
    done = _run([str(BIOME), "lint", "--error-on-warnings", "--max-diagnostics=50", "."])
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    checked = done.stdout + done.stderr
    assert "Checked" in checked and "Checked 0 files" not in checked, checked


@needs_node
def test_the_javascript_unit_tests_pass():
    tests = sorted(str(p.relative_to(ROOT)) for p in JS.glob("*.test.js"))
    assert tests, "no JavaScript test in tests/js"
    done = _run([NODE, "--test", *tests])
    assert done.returncode == 0, done.stdout[-8000:] + done.stderr[-3000:]
    assert "# fail 0" in done.stdout and "# pass 0" not in done.stdout, done.stdout[-3000:]

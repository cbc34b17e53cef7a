"""Reviewed golden pages: generated Markdown compared exactly with tests/site/golden/.

Refresh only on purpose: `python3 -m pytest tests/site/test_golden.py --update-golden`
(or TRADESITE_UPDATE_GOLDEN=1), then review the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.require import committed

from .built import site

GOLDEN = Path(__file__).parent / "golden"

CASES = [
    ("2025-12", "index.md"),           # exhibit 1 headline box
    ("2025-12", "overview/index.md"),  # exhibit 1 narrative, chart, table
    ("2025-11", "index.md"),           # goods only (exhibit 12)
    ("2024-12", "index.md"),           # transcribed headlines
    ("2021-08", "moving-averages/index.md"),  # exhibit 2
    ("2026-01", "index.md"),           # the latest release: exhibits 1 and 12, a chapter table
    ("2026-01", "moving-averages/index.md"),  # computed from exhibit 1's months
    ("2026-01", "goods-exports/index.md"),    # part of a chapter: exhibits 1 and 12
    ("2026-01", "goods-basis/index.md"),      # exhibit 12 on its own page
    ("2026-01", "real-goods/index.md"),       # a chapter the release's files hold none of
    ("2026-01", "coverage/index.md"),         # every release x chapter
]


@pytest.mark.parametrize("release_id,path", CASES, ids=[f"{r}/{p}" for r, p in CASES])
def test_golden_page(release_id, path, update_golden):
    committed(release_id)
    got = site(release_id).files[path]
    golden = GOLDEN / release_id / path
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert golden.is_file(), f"{golden} missing: run pytest {__file__} --update-golden and review it"
    assert got == golden.read_text(encoding="utf-8"), (
        f"{release_id}/{path} differs from {golden}; if the change is intended, "
        "rerun with --update-golden and review the diff"
    )

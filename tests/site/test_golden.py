"""Reviewed golden pages: generated Markdown compared exactly with tests/site/golden/.

Refresh only on purpose: `python3 -m pytest tests/site/test_golden.py --update-golden`
(or TRADESITE_UPDATE_GOLDEN=1), then review the diff before committing. The pages are
built with only the chapters of this test's owner (overview, moving averages) so that
another chapter appearing does not change them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tradesite.releases import bundled
from tradesite.site import pages
from tradesite.site.chapters import moving_averages, overview

GOLDEN = Path(__file__).parent / "golden"

CASES = [
    ("2025-12", "index.md"),           # exhibit 1 headline box
    ("2025-12", "overview/index.md"),  # exhibit 1 narrative, chart, table
    ("2025-11", "index.md"),           # goods only (exhibit 12)
    ("2024-12", "index.md"),           # transcribed headlines
    ("2021-08", "moving-averages/index.md"),  # exhibit 2
]


@pytest.fixture
def own_chapters(monkeypatch):
    monkeypatch.setattr(pages, "modules", lambda: [overview, moving_averages])


@pytest.mark.parametrize("release_id,path", CASES, ids=[f"{r}/{p}" for r, p in CASES])
def test_golden_page(release_id, path, own_chapters, update_golden):
    if release_id not in bundled():
        pytest.skip(f"release {release_id} not ingested yet")
    got = pages.build_pages(release_id)[path]
    golden = GOLDEN / release_id / path
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert golden.is_file(), f"{golden} missing: run pytest {__file__} --update-golden and review it"
    assert got == golden.read_text(encoding="utf-8"), (
        f"{release_id}/{path} differs from {golden}; if the change is intended, "
        "rerun with --update-golden and review the diff"
    )

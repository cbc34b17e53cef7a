"""What a test is about must be there: a missing release fails the test, never skips it.

A test of the 2025-03 release that skips when data/releases/2025-03 is gone would pass
(skipped) after the release was deleted or renamed by mistake, and a release added without
its expected values would go unchecked: both are failures (issue 22). On 1f8c8c0 these were
skips: with data/releases/2025-03 gone, its headline, words, glossary, golden pages and HTML checks
all skipped; with a release added (2026-01 copied as 2030-01, made for the test), the coverage
test skipped it.
"""

from __future__ import annotations

import pytest

from tradesite.releases import bundled


def committed(*releases: str) -> None:
    """Fail, saying what to do, unless every one of ``releases`` is committed under data/releases."""
    missing = [r for r in releases if r not in bundled()]
    if missing:
        pytest.fail(f"data/releases/{', '.join(missing)}: not committed, and this test is about "
                    f"{'them' if len(missing) > 1 else 'it'} (run `tradesite ingest {' '.join(missing)}`, "
                    "or change the test with the data)", pytrace=False)


def listed(release: str, inventory: dict, where: str) -> None:
    """Fail unless a committed release has its expected values in the test's ``inventory``."""
    if release not in inventory:
        pytest.fail(f"release {release} is committed but {where} has no expected values for it: add them "
                    "(a new release is checked like the others, not skipped)", pytrace=False)

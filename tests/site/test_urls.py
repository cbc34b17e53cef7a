"""Every file of a release's site keeps its path: a reader's bookmark, a link from another site, a
script that downloads ``countries/balance-by-partner.json`` keep working.

The paths of the files :func:`tradesite.site.release.pages.build_site` writes for 2025-03 (the docs MkDocs
renders: ``x/index.md`` is the page ``/2025-03/x/``, every other file is served at its own path)
are compared with the committed list ``golden/urls-2025-03.txt``. The list was written by the code
before issue 23 split ``site/`` into sub-packages, so this test shows the split moved no URL.
It reuses the session's build of 2025-03 (``built.site``, which test_pages, test_charts,
test_calendar and test_cite build anyway): no site build of its own.

Seen failing: with the release zip renamed (``tradesite-2025-03.zip`` → ``tradesite-2025-03-data.zip``
in the downloads module) it fails naming the path gone and the path added.

Refresh only on purpose, when a URL is meant to change (and old links are redirected):
`python3 -m pytest tests/site/test_urls.py --update-golden` (or TRADESITE_UPDATE_GOLDEN=1), then
review the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

from tests.require import committed

from .built import site

RELEASE = "2025-03"
GOLDEN = Path(__file__).parent / "golden" / f"urls-{RELEASE}.txt"


def test_every_built_url_is_unchanged(update_golden):
    committed(RELEASE)
    got = sorted(site(RELEASE).files)
    if update_golden:
        GOLDEN.write_text("".join(f"{path}\n" for path in got), encoding="utf-8")
    assert GOLDEN.is_file(), f"{GOLDEN} missing: run pytest {__file__} --update-golden and review it"
    golden = GOLDEN.read_text(encoding="utf-8").splitlines()
    gone, added = sorted(set(golden) - set(got)), sorted(set(got) - set(golden))
    assert got == golden, (
        f"the files of release {RELEASE}'s site differ from {GOLDEN.name}: gone {gone}, added {added}; "
        "if a URL is meant to change, rerun with --update-golden and review the diff")

"""Every chapter on every committed release: built exactly where its declared exhibits are
(or, for the chapters computed across the release, where its status says), well formed, reading
only what it declared, and saying so when it is only part of the chapter."""

from __future__ import annotations

import pytest

from tradesite.releases import bundled
from tradesite.report.coverage import COMPLETE, NONE, PARTIAL
from tradesite.site import chapters
from tradesite.site.chapters import modules

from ..built import site
from .helpers import check_shape, text, view

CASES = [(m, r) for m in modules() for r in bundled()]


#: What else each chapter's text must say, whatever the release (the reader's orientation).
SAYS = {
    "countries": ("balance of payments", "census basis"),
    "goods-basis": ("balance of payments basis", "census basis", "net adjustments"),
    "real-goods": ("chained",),
}


@pytest.mark.parametrize("module,release_id", CASES, ids=[f"{m.SLUG}-{r}" for m, r in CASES])
def test_chapter_on_every_release(module, release_id):
    """The chapter as the release's build made it (``build_site`` builds each with ``chapters.build``
    on the release scoped to what the chapter declares, as this test did itself: 195 chapters built
    a second time; the session builds each release once, tests/site/built.py)."""
    release = view(release_id)
    status = chapters.status_of(module, release)
    built = site(release_id)
    assert built.statuses[module.SLUG] == status
    chapter = next((c for c in built.chapters if c.slug == module.SLUG), None)
    if status.state == NONE:
        assert chapter is None
        if hasattr(module, "NEEDS"):  # none of its exhibits in the release's files
            assert not module.NEEDS.exhibits & set(release.exhibits()) - set(module.NEEDS.also)
        return
    check_shape(chapter, module.SLUG, module.TITLE)
    assert set(chapter.exhibits) <= set(release.exhibits())
    if hasattr(module, "NEEDS"):
        assert set(chapter.exhibits) <= module.NEEDS.exhibits  # it read only what it declared
        complete = any(set(s) <= set(release.exhibits()) for s in module.NEEDS.complete)
        assert status.state == (COMPLETE if complete else PARTIAL)
    assert bool(chapter.held) == (status.state == PARTIAL), "a partial chapter says what the files hold"
    words = text(chapter).lower()
    for phrase in SAYS.get(module.SLUG, ()):
        assert phrase in words, (module.SLUG, release_id, phrase)


def test_a_chapter_reads_only_the_exhibits_it_declares():
    """The release a chapter is handed refuses an exhibit outside its declaration."""
    release = view("2025-03").scoped({"1"})
    assert release.exhibit("1") is not None
    with pytest.raises(LookupError, match=r"exhibit '7' read by a chapter that does not declare it"):
        release.exhibit("7")

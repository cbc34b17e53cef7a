"""The release PDF's pages kept by the file's sha256 (src/tradesite/readers/pdf/pages.py): a
second read gets what pdfplumber read the first time, without opening the file; another file,
a damaged entry or a change to the code that makes the entries is read afresh; nothing is kept
from a file that cannot be read. On a copy of three of the release's pages (made for the test)."""

from __future__ import annotations

import pdfplumber
import pytest

from tradesite.errors import IngestError
from tradesite.readers.pdf import layout, pages

from ..test_ft900_pdf import pages_of

RELEASE = "2025-03"


@pytest.fixture
def three_pages(raw, tmp_path):
    """Pages 1, 2 (with the framed 'Treatment of Gold' note) and 15 (an exhibit's table)."""
    return pages_of(raw / RELEASE / "trad0325.pdf", tmp_path, [0, 1, 14])


def everything(doc: layout.Document) -> list:
    return [(doc.lines(p), doc.prose_words(p), doc.pages.chars(p), doc.pages.rects(p), doc.pages.width(p))
            for p in range(1, doc.pages.count + 1)]


def read(path, cache) -> list:
    doc = layout.Document(path, cache)
    try:
        return everything(doc)
    finally:
        doc.close()


def test_a_second_read_is_the_first_without_opening_the_file(three_pages, tmp_path, monkeypatch):
    """Failed before the cache (12 s a read of the whole release): the second read opened the file."""
    cache = tmp_path / "cache"
    first = read(three_pages, cache)
    assert len(first) == 3 and all(lines and chars for lines, _, chars, _, _ in first)
    assert layout.boxes(first[1][3]), "page 2's framed note: no box found in the rules kept"
    assert [p.name for p in cache.iterdir()] and len(list(cache.iterdir())) == 1
    monkeypatch.setattr(pdfplumber, "open", lambda *a, **k: pytest.fail("the PDF was opened again"))
    assert read(three_pages, cache) == first


def test_what_is_kept_is_what_the_file_gives_without_a_cache(three_pages, tmp_path):
    cache = tmp_path / "cache"
    read(three_pages, cache)
    assert read(three_pages, cache) == read(three_pages, None)


def test_another_file_a_damaged_entry_and_changed_code_are_read_afresh(three_pages, raw, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = read(three_pages, cache)
    (entry,) = cache.iterdir()
    (tmp_path / "other").mkdir()
    other = pages_of(raw / RELEASE / "trad0325.pdf", tmp_path / "other", [0, 1])
    assert len(read(other, cache)) == 2 and len(list(cache.iterdir())) == 2  # another file: another entry
    entry.write_bytes(b"not a pickle")
    assert read(three_pages, cache) == first and entry.read_bytes() != b"not a pickle"
    code = tmp_path / "code.py"
    code.write_text("# the reader as it was", encoding="utf-8")
    monkeypatch.setattr(pages, "CODE", (*pages.CODE, code))
    before = set(cache.iterdir())
    code.write_text("# the reader changed", encoding="utf-8")
    read(three_pages, cache)
    assert len(set(cache.iterdir()) - before) == 1


def test_nothing_is_kept_from_a_file_that_cannot_be_read(three_pages, tmp_path):
    cut = tmp_path / "cut" / "trad0325.pdf"
    cut.parent.mkdir()
    cut.write_bytes(three_pages.read_bytes()[:2000])
    cache = tmp_path / "cache"
    with pytest.raises(IngestError) as err:
        read(cut, cache)
    assert str(err.value).startswith("trad0325.pdf: expected a readable PDF, found <")
    assert not cache.exists() or not list(cache.iterdir())

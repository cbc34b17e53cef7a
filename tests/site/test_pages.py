"""build_pages: every release gets a home, its chapters (and only those in the nav), downloads."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from tradesite import schema
from tradesite.releases import Release, bundled
from tradesite.report.vocabulary import exhibits_in_words
from tradesite.site.release import downloads, pages
from tradesite.site.release import home as home_module
from tradesite.site.chapters import modules
from .built import site


@pytest.mark.parametrize("release_id", bundled())
def test_every_release_has_a_home_and_its_chapters(release_id):
    s = site(release_id)
    files = s.files
    home = files["index.md"]
    release = Release.load(release_id)
    assert home.startswith("---\n") and f"# {release.meta['title']}" in home
    published = release.meta["published"]
    if published:
        assert f'<strong>Published</strong> on <time datetime="{published}">{home_module._date(published)}</time>' in home
    else:
        assert "<strong>Published:</strong> date unknown (no file of this release gives it)" in home
    # the chapter table lists every chapter: with content (a link), or not in this release's files
    for module in modules():
        status = s.statuses[module.SLUG]
        assert module.TITLE in home
        if status.has_content:
            assert f'<a href="{module.SLUG}/">{module.TITLE}</a>' in home
            assert f"{module.SLUG}/index.md" in [p for _, p in s.nav]
        else:
            assert f'<th scope="row">{module.TITLE}</th><td>not in this release\'s files</td>' in home
    # the nav lists the home, exactly the chapters built in the registry's order, the glossary and the matrix
    assert s.nav[0] == ("Release home", "index.md")
    assert [p for _, p in s.nav[1:-3]] == [f"{c.slug}/index.md" for c in s.chapters]
    assert s.nav[-3:] == [("Glossary", "glossary/index.md"), ("Chapters in every release", "coverage/index.md"),
                          ("Release calendar", "calendar/index.md")]
    order = [m.SLUG for m in modules()]
    assert [c.slug for c in s.chapters] == [x for x in order if x in {c.slug for c in s.chapters}]
    for module in s.not_covered:
        # its stable URL still answers, with one sentence that says where the chapter is; out of
        # search and search engines; it shows no figure
        stub = files[f"{module.SLUG}/index.md"]
        assert "do not include this chapter" in stub and "exclude: true" in stub and "robots: noindex" in stub
        assert "census.gov/foreign-trade/Press-Release/" in stub
        assert not re.search(r"\d,\d{3}|\$\d", stub) and f"{module.SLUG}/index.md" not in [p for _, p in s.nav]
    # every source file with URL, sha256 and size
    for src in release.meta["sources"]:
        assert src["sha256"] in home and f"{src['size']:,}" in home and src["url"] in home
    assert f"downloads/{downloads.zip_name(release_id)}" in home
    assert pages.VEGA_BUNDLE in files and pages.THEME_JS in files and pages.CHARTS_CSS in files


def test_latest_release_has_at_least_eight_chapters_with_content():
    """/latest/ (2026-01, exhibits 1 and 12 only) is a full site: every chapter its files support."""
    s = site(bundled()[-1])
    with_content = {slug for slug, status in s.statuses.items() if status.has_content}
    assert len(with_content) >= 8
    assert with_content == {"overview", "moving-averages", "goods-exports", "services-exports", "goods-imports",
                            "services-imports", "goods-basis", "notes", "what-changed", "vintages"}
    assert s.statuses["notes"].carried_from == "2025-03"


def test_reader_pages_use_a_readers_words():
    """No page shows a command line, a repository path, an internal file name or 'bundled'."""
    for release_id in bundled():
        for path, content in site(release_id).files.items():
            if not path.endswith(".md"):
                continue
            for phrase in ("bundled", "tradesite ", "not stated", " headlines.csv", "data/releases", "bea-ts-",
                           "bea-geo-", "notes.json", "`release.json", ">headlines.csv"):
                assert phrase not in content, (release_id, path, phrase)


def test_release_zip_is_deterministic_and_complete():
    release = Release.load("2025-12")
    a, b = downloads.release_zip(release), downloads.release_zip(Release.load("2025-12"))
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as zf:
        names = zf.namelist()
        assert sorted(names) == sorted(f"2025-12/{n}" for n in ["exh1.csv", "exh12.csv", "release.json", "README.txt",
                                                               "SHA256SUMS"])
        assert all(i.date_time == downloads.FIXED_TIME for i in zf.infolist())
        # the tidy table as committed, with a byte order mark so that Excel reads UTF-8 ("›") right
        assert zf.read("2025-12/exh1.csv") == "\ufeff".encode() + (release.folder / "exh1.csv").read_bytes()
        readme = zf.read("2025-12/README.txt").decode()
        assert "millions of dollars" in readme and release.source("exh1.xlsx")["sha256"] in readme
    # the README describes every column of the tidy CSVs, one line each
    assert list(downloads.COLUMN_DOCS) == schema.COLUMNS
    lines = readme.splitlines()
    for column in schema.COLUMNS:
        assert any(line.strip().startswith(column + " ") for line in lines), column


def test_release_zip_checks_with_sha256sum(tmp_path):
    """The zip's SHA256SUMS is what `sha256sum -c` checks, in the zip's folder; a changed file fails it."""
    import shutil
    import subprocess

    if not shutil.which("sha256sum"):
        pytest.skip("no sha256sum on this machine")
    with zipfile.ZipFile(io.BytesIO(downloads.release_zip(Release.load("2025-12")))) as zf:
        zf.extractall(tmp_path)
    folder = tmp_path / "2025-12"
    ok = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    listed = [line.split("  ", 1)[1] for line in (folder / "SHA256SUMS").read_text().splitlines()]
    assert sorted(listed) == sorted(p.name for p in folder.iterdir() if p.name != "SHA256SUMS")
    (folder / "exh1.csv").write_bytes((folder / "exh1.csv").read_bytes() + b"\n")
    bad = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
    assert bad.returncode != 0 and "exh1.csv: FAILED" in bad.stdout


def test_exhibit1_headline_box():
    home = site("2025-12").files["index.md"]
    # exh1.xlsx of 2025-12, rows 48 and 47: December -70,311, November (R) -53,044; exports 287,287 vs 292,290
    assert '<div class="ts-box-label">Deficit</div><div class="ts-box-amount">$70.3 billion</div>' in home
    assert "up $17.3 billion from November (revised)" in home
    assert '<div class="ts-box-amount">$287.3 billion</div><div class="ts-box-change">−1.7%</div>' in home
    # no file of this release states its dates: said so, never guessed
    assert "<strong>Published:</strong> date unknown (no file of this release gives it)" in home
    assert "(January 2026 report): date unknown" in home


def test_goods_only_release_home():
    """2025-11 has only exhibit 12 (goods, not seasonally adjusted): still a meaningful home."""
    s = site("2025-11")
    home = s.files["index.md"]
    # exh12.xlsx of 2025-11, row 49 (November 2025): balance BOP -81,207, exports 182,866, imports 264,073;
    # row 35 (November 2024): balance -100,069
    assert "Goods deficit" in home and "$81.2 billion" in home and "$182.9 billion" in home and "$264.1 billion" in home
    assert "down $18.9 billion from November 2024" in home
    assert "not seasonally adjusted" in home
    assert s.nav == ([("Release home", "index.md")] + [(c.title, f"{c.slug}/index.md") for c in s.chapters]
                     + [("Glossary", "glossary/index.md"), ("Chapters in every release", "coverage/index.md"),
                        ("Release calendar", "calendar/index.md")])


def test_transcribed_release_home():
    s = site("2024-12")
    home = s.files["index.md"]
    release = Release.load("2024-12")
    assert release.meta["transcribed"] is True
    assert "Transcribed from the release text" in home
    assert "`tradesite" not in home and "https://www.bea.gov/news/2025/" in home
    # headlines.csv rows 2-3: deficit 98.4, up 19.5 from 78.9 (revised); quoted sentence shown
    assert '<div class="ts-box-amount">$98.4 billion</div><div class="ts-box-change">+24.7%</div>' in home
    assert "December exports were $266.5 billion, $7.1 billion less than November exports." in home
    assert "release-headlines.csv" in s.files


def test_write_pages(tmp_path):
    written = pages.write_pages("2025-11", tmp_path)
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == site("2025-11").files["index.md"]
    assert (tmp_path / "downloads" / "tradesite-2025-11.zip").is_file()
    assert tmp_path / "index.md" in written


def test_chapter_page_links_to_release_download():
    page = site("2025-12").files["overview/index.md"]
    assert "../#downloads" in page
    json.loads(site("2025-12").files["overview/monthly.json"])


def test_march_2025_headline_box_equals_the_release():
    if "2025-03" not in bundled():
        pytest.skip("data/releases/2025-03 not ingested yet")
    home = site("2025-03").files["index.md"]
    # trad0325.pdf page 1, headline box: "Deficit: $140.5 Billion +14.0%", "Exports: $278.5 Billion +0.2%",
    # "Imports: $419.0 Billion +4.4%"; "Next release: Thursday, June 5, 2025"
    for label, amount, change in (("Deficit", "$140.5 billion", "+14.0%"), ("Exports", "$278.5 billion", "+0.2%"),
                                  ("Imports", "$419.0 billion", "+4.4%")):
        assert (f'<div class="ts-box-label">{label}</div><div class="ts-box-amount">{amount}</div>'
                f'<div class="ts-box-change">{change}</div>') in home
    assert ('<strong>Published</strong> on <time datetime="2025-05-06">May 6, 2025</time>' in home
            and '<strong>next release</strong> on <time datetime="2025-06-05">June 5, 2025</time>' in home)


def test_chapter_footer_names_its_sources_in_words():
    # the exhibits of the 2025-03 overview: exhibit 1 (trad0325.pdf) and BEA's Table 1 (trad-time-series-0325.xlsx)
    assert exhibits_in_words(["1", "bea-ts-1"]) == "exhibit 1 and BEA time series Table 1"
    assert exhibits_in_words(["14", "14a", "bea-geo-1", "bea-geo-2"]) == "exhibits 14, 14a and BEA countries Tables 1, 2"
    assert exhibits_in_words(["12", "1"]) == "exhibits 1 and 12"
    page = site("2025-12").files["overview/index.md"]
    assert "Built from exhibit 1 of this release." in page

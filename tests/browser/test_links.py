"""No broken internal link in any version: a crawler follows every link, stylesheet,
script and image of the site from its root, and every data file a chart's Vega-Lite
specification names (``data-spec``: what the browser loads when a reader makes it live), and
every #fragment of a link must name an element of its page.

The crawl of the whole site reads the served folder as a static host resolves a URL (a
folder's index.html; nothing outside the folder), not over HTTP: its 22,000 requests to the
test server were three quarters of its time (issue 22). The server's own answers are
tests/site/test_serve.py's and every browser test's; the crawler is checked over HTTP too."""

from __future__ import annotations

import json
import mimetypes
import re
import urllib.error
import urllib.request
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import lxml.etree
import lxml.html
import pytest

from tradesite.site.versioned import serve, versions

pytestmark = pytest.mark.slow

#: Attributes that load or link something, by tag.
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


class Page:
    """The links and element ids of one HTML page, read with lxml (libxml2's HTML parser: the
    crawl reads over 20,000 pages, and html.parser took half of its time)."""

    def __init__(self):
        self.links: list[str] = []
        self.ids: set[str] = set()

    def feed(self, text: str) -> None:
        try:
            doc = lxml.html.document_fromstring(text)
        except lxml.etree.ParserError:  # an empty document: no link, no id
            return
        for el in doc.iter():
            if not isinstance(el.tag, str):  # a comment or a processing instruction
                continue
            a = el.attrib
            if a.get("id"):
                self.ids.add(a["id"])
            if el.tag == "a" and a.get("name"):
                self.ids.add(a["name"])
            attribute = LINKING.get(el.tag)
            target = a.get(attribute) if attribute else None
            if target and not target.startswith(("mailto:", "javascript:", "data:")):
                self.links.append(target)
            if a.get("data-spec"):
                self.links += data_urls(json.loads(a["data-spec"]))


def data_urls(spec) -> list[str]:
    """The data files a Vega-Lite specification loads (``{"data": {"url": ...}}`` at any depth)."""
    if isinstance(spec, list):
        return [u for item in spec for u in data_urls(item)]
    if not isinstance(spec, dict):
        return []
    found = [spec["data"]["url"]] if isinstance(spec.get("data"), dict) and "url" in spec["data"] else []
    return found + [u for key, value in spec.items() for u in data_urls(value)]


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.headers.get_content_type(), r.read()
    except urllib.error.HTTPError as e:
        return e.code, "", b""


def from_folder(root: Path, base_url: str):
    """A ``fetch`` that answers from the site's folder as a static host does: a URL naming a
    folder is its index.html (a folder named without its slash is redirected there), anything
    else the file it names, 404 for what is not in the folder."""
    top = root.resolve()

    def answer(url: str) -> tuple[int, str, bytes]:
        path = unquote(url[len(base_url):] if url.startswith(base_url) else urlsplit(url).path.lstrip("/"))
        target = (top / path).resolve()
        if target != top and top not in target.parents:
            return 404, "", b""
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return 404, "", b""
        kind = "text/html" if target.suffix == ".html" else mimetypes.guess_type(target.name)[0] or ""
        return 200, kind, target.read_bytes()

    return answer


def crawl(base_url: str, starts: list[str], fetch=fetch) -> tuple[dict[str, int], list[str]]:
    """Every internal URL reachable from ``starts`` -> HTTP status; broken links as lines.
    ``fetch(url)`` answers (status, content type, body): over HTTP, or :func:`from_folder`."""
    host = urlsplit(base_url).netloc
    status: dict[str, int] = {}
    pages: dict[str, Page] = {}
    fragments: list[tuple[str, str, str]] = []  # (from page, to page, fragment)
    referrer: dict[str, str] = {}
    todo = deque(starts)
    while todo:
        url = todo.popleft()
        if url in status:
            continue
        code, kind, body = fetch(url)
        status[url] = code
        if code != 200 or kind != "text/html":
            continue
        page = Page()
        page.feed(body.decode("utf-8", "replace"))
        pages[url] = page
        for link in page.links:
            target, fragment = urldefrag(urljoin(url, link))
            if urlsplit(target).netloc != host:
                continue  # external: not ours to check (and no network at test time)
            target = target.split("?")[0]
            referrer.setdefault(target, url)
            if fragment:
                fragments.append((url, target, fragment))
            if target not in status:
                todo.append(target)
    broken = [f"{referrer.get(u, '(root)')} -> {u}: HTTP {c}" for u, c in status.items() if c != 200]
    for src, target, fragment in fragments:
        if target in pages and fragment not in pages[target].ids:
            broken.append(f"{src} -> {target}#{fragment}: no element with that id")
    return status, broken


def test_no_broken_internal_link_in_any_version(site_root, site_base, site_pages):
    folders = list(site_pages)  # every version and latest
    starts = [site_base] + [f"{site_base}{f}/" for f in folders]
    status, broken = crawl(site_base, starts, from_folder(site_root, site_base))
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(sorted(set(broken))[:50])
    assert len(status) > 20 * len(folders)  # pages, assets, charts' data: the crawl went deep


def test_the_latest_home_links_every_release(base_url, site_pages):
    """Any release is one click away from the latest home (its list of releases)."""
    page = Page()
    page.feed(fetch(f"{base_url}latest/")[2].decode())
    linked = {urlsplit(urljoin(f"{base_url}latest/", href)).path.strip("/").split("/")[0] for href in page.links}
    newest = max(set(site_pages) - {versions.LATEST})  # the page itself, under its own name
    missing = set(site_pages) - {versions.LATEST, newest} - linked
    assert not missing, f"the latest home does not link to {sorted(missing)}"


def test_the_crawler_reports_a_missing_page_and_a_missing_anchor(tmp_path):
    """The crawler itself, on a two-page site made for this test (a chart's data file too)."""
    import threading

    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">a</a> <a href="gone/">x</a> <img src="a/pic.svg">', encoding="utf-8")
    spec = '{"layer": [{"data": {"url": "gone.json"}}, {"data": {"url": "here.json"}}]}'.replace('"', "&quot;")
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">h</h2><a href="#here">ok</a><a href="../#nowhere">bad</a>'
                                               f'<div data-spec="{spec}"></div>', encoding="utf-8")
    (tmp_path / "a" / "here.json").write_text("[]", encoding="utf-8")
    (tmp_path / "a" / "pic.svg").write_text("<svg/>", encoding="utf-8")
    httpd = serve.server(tmp_path, 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        status, broken = crawl(base, [base])
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert crawl(base, [base], from_folder(tmp_path, base)) == (status, broken)  # the folder answers as the server
    assert status[f"{base}a/pic.svg"] == status[f"{base}a/here.json"] == 200
    assert sorted(broken) == [f"{base} -> {base}gone/: HTTP 404", f"{base}a/ -> {base}#nowhere: no element with that id",
                              f"{base}a/ -> {base}a/gone.json: HTTP 404"]


def canonical(site_root, path) -> str:
    page = (site_root / path / "index.html").read_text(encoding="utf-8")
    return re.search(r'<link rel="canonical" href="([^"]+)"', page).group(1)


def test_canonical_links_send_search_engines_to_latest(site_root, site_pages, site_base):
    built = sorted(f for f in site_pages if f != versions.LATEST)
    newest, older = built[-1], built[0]
    chapter = next(p for p in site_pages[older] if p)
    assert canonical(site_root, "latest") == versions.version_site_url(newest, True, site_base)
    assert canonical(site_root, newest) == versions.version_site_url(newest, True, site_base)  # same pages: one URL
    assert canonical(site_root, f"{older}/{chapter}") == versions.version_site_url(older, False, site_base) + chapter


def test_root_sitemap_and_feed_point_at_pages_that_exist(site_root, site_pages, site_base):
    base = site_base
    locs = re.findall(r"<loc>([^<]+)</loc>", (site_root / "sitemap.xml").read_text(encoding="utf-8"))
    assert len(locs) == len(site_pages)  # every version once, the newest as latest; and the root's own
    links = re.findall(r"<link>([^<]+)</link>", (site_root / "feed.xml").read_text(encoding="utf-8"))
    for url in locs + links:
        assert url.startswith(base), url
        target = site_root / url[len(base):]
        assert target.is_file() or (target / "index.html").is_file(), url


def test_a_missing_page_is_the_versions_own_404_page(base_url, site_root, site_pages):
    """`tradesite site serve` answers a missing page with status 404 and the site's 404 page:
    the version's own under /VERSION/, the site root's elsewhere (GitHub Pages serves /404.html)."""
    older = sorted(f for f in site_pages if f != versions.LATEST)[0]
    for path, folder in ((f"{older}/no-such-chapter/", older), ("latest/no-such-chapter/", versions.LATEST),
                         ("no-such-version/", "")):
        try:
            urllib.request.urlopen(f"{base_url}{path}", timeout=30)
            pytest.fail(f"{path}: answered 200")
        except urllib.error.HTTPError as e:
            assert e.code == 404 and e.headers.get_content_type() == "text/html", path
            assert e.read() == ((site_root / folder) if folder else site_root).joinpath("404.html").read_bytes(), path
    assert b"<h1>404 - Not found</h1>" in (site_root / older / "404.html").read_bytes()

"""`tradesite site serve`: static files on 127.0.0.1, the site's own 404 page with status 404,
nothing outside the site's folder, and a burst of concurrent requests all answered right.
The site is a small tree made for these tests (version folders with their own 404.html,
as mike lays them out); the real built site is served by tests/browser."""

from __future__ import annotations

import http.client
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tradesite.errors import TradesiteError
from tradesite.site import serve

#: The pages of the made-for-test site: path -> body.
PAGES = {
    "versions.json": '[{"version": "2025-03", "aliases": ["latest"]}, {"version": "2025-02", "aliases": []}]',
    "index.html": "<p>root redirects to latest</p>",
    "2025-02/index.html": "<p>home 2025-02</p>",
    "2025-02/404.html": "<p>404 of version 2025-02</p>",
    "2025-02/overview/index.html": "<p>overview 2025-02</p>",
    "2025-03/index.html": "<p>home 2025-03</p>",
    "2025-03/404.html": "<p>404 of version 2025-03</p>",
    "latest/index.html": "<p>home latest</p>",
    "latest/404.html": "<p>404 of latest</p>",
}


@pytest.fixture
def site_made_for_test(tmp_path):
    root = tmp_path / "site"
    for path, body in PAGES.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(body, encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside the site", encoding="utf-8")
    return root


@pytest.fixture
def served(site_made_for_test):
    httpd = serve.server(site_made_for_test, 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def get(port: int, path: str, method: str = "GET") -> tuple[int, str, str]:
    """(status, Content-Type, body) of a request sent with the path exactly as given."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path)
        r = conn.getresponse()
        return r.status, r.getheader("Content-Type", ""), r.read().decode("utf-8", "replace")
    finally:
        conn.close()


def test_server_serves_the_folder_on_localhost(served):
    assert get(served, "/versions.json")[::2] == (200, PAGES["versions.json"])
    assert get(served, "/2025-02/overview/")[::2] == (200, PAGES["2025-02/overview/index.html"])


@pytest.mark.parametrize("path, page", [
    ("/2025-02/no-such-chapter/", "2025-02/404.html"),  # the version's own 404 page
    ("/2025-03/overview/missing.png", "2025-03/404.html"),
    ("/latest/gone/", "latest/404.html"),
    ("/no-such-version/", "latest/404.html"),  # not a version: latest's
    ("/feed-old.xml", "latest/404.html"),
    ("/2025-01/overview/", "latest/404.html"),  # a version that was never built
])
def test_a_missing_page_is_the_sites_404_page_with_status_404(served, path, page):
    status, ctype, body = get(served, path)
    assert (status, body) == (404, PAGES[page])
    assert ctype == "text/html; charset=utf-8"
    assert get(served, path, "HEAD")[::2] == (404, "")


@pytest.mark.parametrize("path", [
    "/../secret.txt",
    "/2025-02/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/2025-02/%2e%2e%2f%2e%2e%2fsecret.txt",
    "/..%5csecret.txt",
    "/%00/secret.txt",
])
def test_path_traversal_is_refused(served, path):
    status, _, body = get(served, path)
    assert status == 403 and "outside the site" not in body
    assert "the path leaves the site" in body


def test_a_symlink_out_of_the_site_is_refused(site_made_for_test, served):
    os.symlink(site_made_for_test.parent / "secret.txt", site_made_for_test / "2025-02" / "secret.txt")
    status, _, body = get(served, "/2025-02/secret.txt")
    assert status == 403 and "outside the site" not in body


def test_a_burst_of_concurrent_requests_is_answered_completely(served):
    """200 requests from 40 threads at once (pages, missing pages, traversal): each gets its
    own right answer, none is refused or mixed up."""
    cases = [(f"/{p.removesuffix('index.html')}", 200, PAGES[p]) for p in PAGES] + [
        ("/2025-02/nothing/", 404, PAGES["2025-02/404.html"]),
        ("/nothing/", 404, PAGES["latest/404.html"]),
    ]
    burst = cases * (200 // len(cases) + 1)
    with ThreadPoolExecutor(max_workers=40) as pool:
        got = list(pool.map(lambda c: get(served, c[0]), burst))
    wrong = [(path, status, body[:40]) for (path, status_, body_), (status, _, body) in zip(burst, got)
             if (status, body) != (status_, body_)]
    assert wrong == []
    assert [s for s, _, _ in [get(served, "/../secret.txt")]] == [403]  # and it still answers


def test_serve_without_a_build_says_what_to_run(tmp_path):
    with pytest.raises(TradesiteError, match=r"no versioned site here; run `tradesite site build` first"):
        serve.serve(tmp_path / "nothing", port=0, build=False)


def test_serve_on_a_busy_port_says_to_pick_another(tmp_path):
    (tmp_path / "versions.json").write_text("[]", encoding="utf-8")
    busy = serve.server(tmp_path, 0)
    try:
        with pytest.raises(TradesiteError, match=rf"127.0.0.1:{busy.server_address[1]}: cannot serve there .*pass another --port"):
            serve.serve(tmp_path, port=busy.server_address[1], build=False)
    finally:
        busy.server_close()

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
from tradesite.site.versioned import serve

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


# -- issue 22: every request answered, bad arguments refused before binding --------------


@pytest.mark.parametrize("path", ["/%ff", "/%c3%28/", "/2025-02/%fe%ff.html", "/%e2%82/index.html"])
def test_a_path_whose_escapes_are_not_utf8_is_400(served, path):
    """Failed on 1f8c8c0: no response at all (RemoteDisconnected), a UnicodeDecodeError traceback on
    the server's stderr."""
    status, _, body = get(served, path)
    assert status == 400 and "percent-escapes are not UTF-8" in body
    assert get(served, "/versions.json")[0] == 200  # and it goes on answering


@pytest.mark.parametrize("path, page", [
    ("/" + "a" * 300, "latest/404.html"),
    ("/" + "a" * 300 + "/index.html", "latest/404.html"),
    ("/2025-02/" + "x" * 300 + "/", "2025-02/404.html"),
    ("/2025-02/" + "%c3%a9" * 200, "2025-02/404.html"),  # 200 characters, 400 bytes
    ("/2025-03/" + "/".join(["deep"] * 900), "2025-03/404.html"),  # a path over 4096 bytes
])
def test_a_name_longer_than_a_file_can_have_is_the_404_page(served, path, page):
    """Failed on 1f8c8c0: no response (OSError 'File name too long' from Path.is_file while
    looking for the 404 page), a traceback on the server's stderr."""
    status, ctype, body = get(served, path)
    assert (status, body) == (404, PAGES[page])
    assert get(served, "/versions.json")[0] == 200


@pytest.mark.parametrize("port", [99999, 65536, -1, True, "8000"])
def test_a_port_out_of_range_is_refused_before_binding_or_building(tmp_path, monkeypatch, port):
    """Failed on 1f8c8c0: OverflowError from the socket, after the whole build."""
    from tradesite.errors import UsageError

    monkeypatch.setattr(serve, "build_all", lambda *a, **k: pytest.fail("built before the port was checked"))
    with pytest.raises(UsageError, match=r"--port .*: expected a port number from 0 \(any free port\) to 65535"):
        serve.serve(tmp_path / "site", port=port)
    assert not (tmp_path / "site").exists()


def test_a_busy_port_is_said_before_building(tmp_path, monkeypatch):
    """The port is bound first: a busy one is one line at once, not after minutes of building.
    Failed on 1f8c8c0: the build ran first (the stand-in was called)."""
    busy = serve.server(tmp_path, 0)
    monkeypatch.setattr(serve, "build_all", lambda *a, **k: pytest.fail("built before the port was bound"))
    try:
        with pytest.raises(TradesiteError, match=rf"127.0.0.1:{busy.server_address[1]}: cannot serve there"):
            serve.serve(tmp_path / "site", port=busy.server_address[1])
    finally:
        busy.server_close()


def test_the_cli_refuses_a_port_out_of_range(capsys):
    from tradesite import cli

    assert cli.main(["site", "serve", "--port", "99999"]) == 2
    assert capsys.readouterr().err == ("tradesite site: argument --port: expected a port number from 0 (any free port) "
                                       "to 65535, found '99999' (`tradesite site --help` shows the usage)\n")

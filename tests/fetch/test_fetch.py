"""The fetcher against a real HTTP server on 127.0.0.1 serving the official files of
../shared/data/raw in the official folder layout (census.gov Press-Release folders by
statistical month, bea.gov folders by publication month). Faults are injected by the
server, never by mocking requests."""

from __future__ import annotations

import email.utils
import json
import mimetypes
import shutil
import threading
import time
from collections import Counter
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tradesite import fetch, paths
from tradesite.errors import FetchError
from tradesite.fetch import NotPublished
from tradesite.releases import bundled
from tradesite.sources import bea_files, census_files, mmyy

CENSUS_PATH = "/foreign-trade/Press-Release"
BEA_PATH = "/sites/default/files"

#: Publication months of the BEA files in ../shared/data (its README: "published" column).
BEA_PUBLISHED = {"2025-01": "2025-03", "2025-02": "2025-04", "2025-03": "2025-05"}


def official_sha256s() -> dict[str, str]:
    """'raw/2021-08/exh1.xlsx' -> sha256, from ../shared/data/SHA256SUMS (where CI re-created
    only the raw files: from the committed release.json records, which test_ingest checks
    against SHA256SUMS)."""
    sums = paths.SHARED / "SHA256SUMS"
    if sums.is_file():
        lines = sums.read_text().splitlines()
        return {name: digest for digest, name in (line.split(None, 1) for line in lines if line.strip())}
    return {f"raw/{rid}/{s['file']}": s["sha256"] for rid in bundled()
            for s in json.loads((paths.DATA / rid / "release.json").read_text())["sources"]}


class OfficialServer:
    """Maps official URLs to raw files; ``faults[path]`` is a list of actions used up one
    per request ('500', '503', 'slow', 'truncate', 'html', 'html-as-binary')."""

    def __init__(self, raw: Path):
        self.raw = raw
        self.bea_published = dict(BEA_PUBLISHED)
        self.faults: dict[str, list[str]] = {}
        self.hits: Counter[str] = Counter()
        self.slow_seconds = 1.0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep pytest output clean
                pass

            def do_GET(self):
                server.hits[self.path] += 1
                queue = server.faults.get(self.path) or []
                action = queue.pop(0) if queue else None
                if action in ("500", "503"):
                    return self._send(int(action), b"<html><body>Server error</body></html>", "text/html")
                if action == "slow":
                    time.sleep(server.slow_seconds)
                if action == "html":
                    return self._send(200, b"<!DOCTYPE html><html><body>Page not found</body></html>", "text/html; charset=UTF-8")
                if action == "html-as-binary":
                    return self._send(200, b"\n<!DOCTYPE html><html><body>Access Denied</body></html>", "application/octet-stream")
                file = server.resolve(self.path)
                if file is None:
                    return self._send(404, b"<html><body>Not Found</body></html>", "text/html")
                body = file.read_bytes()
                ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                if action == "truncate":
                    self.send_response(200)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self._send(200, body, ctype, etag=f'"{file.stat().st_size:x}"',
                           modified=email.utils.formatdate(file.stat().st_mtime, usegmt=True))

            def _send(self, status, body, ctype, etag=None, modified=None):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    if etag:
                        self.send_header("ETag", etag)
                    if modified:
                        self.send_header("Last-Modified", modified)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def resolve(self, path: str) -> Path | None:
        """Official URL path -> raw file, or None (404)."""
        parts = path.split("/")
        if path.startswith(CENSUS_PATH + "/") and len(parts) == 6:  # /foreign-trade/Press-Release/2021pr/08/exh1.xlsx
            year, month, name = parts[3].removesuffix("pr"), parts[4], parts[5]
            file = self.raw / f"{year}-{month}" / name
        elif path.startswith(BEA_PATH + "/") and len(parts) == 6:  # /sites/default/files/2025-05/trad0325.pdf
            folder, name = parts[4], parts[5]
            release = next((r for r, pub in self.bea_published.items() if pub == folder and mmyy(r) in name), None)
            file = self.raw / release / name if release else None
        else:
            return None
        return file if file and file.is_file() and not name.startswith(".") else None

    def census(self, release: str, name: str) -> str:
        year, month = release.split("-")
        return f"{CENSUS_PATH}/{year}pr/{month}/{name}"


@pytest.fixture(scope="module")
def server(raw):
    s = OfficialServer(raw)
    s.thread.start()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


@pytest.fixture
def official(server, monkeypatch, tmp_path):
    """The local server as census.gov and bea.gov; an empty data dir (no known sha256s)."""
    server.faults.clear()
    server.hits.clear()
    server.bea_published = dict(BEA_PUBLISHED)
    monkeypatch.setenv("TRADESITE_CENSUS_BASE", server.base + CENSUS_PATH)
    monkeypatch.setenv("TRADESITE_BEA_BASE", server.base + BEA_PATH)
    return server


FAST = dict(timeout=(2.0, 0.3), retries=2, backoff=0.0)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


# -- happy path -----------------------------------------------------------------------

def test_fetch_census_exhibits_with_sidecars(official, tmp_path):
    cache, data = tmp_path / "cache", tmp_path / "data"
    got = fetch.fetch("2021-08", cache, files=["exh1.xlsx", "exh7.xlsx"], data_dir=data, **FAST)
    assert got == [cache / "2021-08" / "exh1.xlsx", cache / "2021-08" / "exh7.xlsx"]
    sums = official_sha256s()
    for path in got:
        side = json.loads(path.with_name(path.name + ".json").read_text())
        # the bytes are the official file's: ../shared/data/SHA256SUMS
        assert side["sha256"] == sums[f"raw/2021-08/{path.name}"]
        assert side["size"] == path.stat().st_size == (paths.RAW / "2021-08" / path.name).stat().st_size
        assert side["url"] == f"{official.base}{CENSUS_PATH}/2021pr/08/{path.name}"
        assert side["status"] == 200 and side["etag"] and side["last_modified"]
        assert side["retrieved"].endswith("+00:00")
    assert leftovers(cache / "2021-08") == ["exh1.xlsx", "exh1.xlsx.json", "exh7.xlsx", "exh7.xlsx.json"]


def test_fetch_bea_files_from_publication_month_folder(official, tmp_path):
    got = fetch.fetch("2025-03", tmp_path / "cache", files=bea_files("2025-03"), data_dir=tmp_path / "data", **FAST)
    assert [p.name for p in got] == ["trad0325.pdf", "trad-time-series-0325.xlsx"]
    sums = official_sha256s()
    for path in got:
        side = json.loads(path.with_name(path.name + ".json").read_text())
        assert side["sha256"] == sums[f"raw/2025-03/{path.name}"]
        # published 2025-05-06 (trad0325.pdf page 1): BEA's folder 2025-05 is the first candidate
        assert side["url"] == f"{official.base}{BEA_PATH}/2025-05/{path.name}"
    assert official.hits[f"{BEA_PATH}/2025-04/trad0325.pdf"] == 0


def test_bea_tries_later_folders_for_a_delayed_release_layout_made_for_test(official, tmp_path):
    official.bea_published["2025-03"] = "2025-06"  # as if published three months on
    (path,) = fetch.fetch("2025-03", tmp_path / "cache", files=["trad0325.pdf"], data_dir=tmp_path / "data", **FAST)
    assert json.loads(path.with_name(path.name + ".json").read_text())["url"].endswith("/2025-06/trad0325.pdf")
    # 2025-05 then 2025-04 answered 404 once each (no retry on 404)
    assert official.hits[f"{BEA_PATH}/2025-05/trad0325.pdf"] == 1
    assert official.hits[f"{BEA_PATH}/2025-04/trad0325.pdf"] == 1


def test_bea_folder_from_previous_release_next_release_date(official, tmp_path):
    """The March 2025 release's own publication date comes first when the February one states it."""
    data = tmp_path / "data_with_release_json_made_for_test"
    (data / "2025-02").mkdir(parents=True)
    # trad0225's next release date: 2025-05-06, the date printed on trad0325.pdf page 1
    (data / "2025-02" / "release.json").write_text(json.dumps({"next_release": "2025-05-06"}))
    official.bea_published["2025-03"] = "2025-05"
    fetch.fetch("2025-03", tmp_path / "cache", files=["trad0325.pdf"], data_dir=data, **FAST)
    assert sum(n for p, n in official.hits.items() if p.endswith("trad0325.pdf")) == 1


def test_rerun_skips_complete_files_and_refetches_a_damaged_one(official, tmp_path):
    cache, data = tmp_path / "cache", tmp_path / "data"
    (path,) = fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=data, **FAST)
    url = official.census("2021-08", "exh1.xlsx")
    assert official.hits[url] == 1
    fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=data, **FAST)
    assert official.hits[url] == 1  # complete and valid: no request
    with path.open("ab") as f:
        f.write(b"x")
    fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=data, **FAST)
    assert official.hits[url] == 2
    assert fetch.file_sha256(path) == official_sha256s()["raw/2021-08/exh1.xlsx"]


# -- faults: a clear error and nothing half-written -----------------------------------

def test_404_is_not_published_and_not_retried(official, tmp_path):
    cache = tmp_path / "cache"
    with pytest.raises(NotPublished) as err:
        fetch.fetch("2030-01", cache, files=["exh1.xlsx"], data_dir=tmp_path / "data", **FAST)
    url = official.census("2030-01", "exh1.xlsx")
    assert str(err.value) == f"release 2030-01 is not (yet) published: {official.base}{url} answered 404"
    assert official.hits[url] == 1
    assert leftovers(cache / "2030-01") == []


def test_500_then_200_succeeds_after_retry(official, tmp_path):
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["500"]
    (path,) = fetch.fetch("2021-08", tmp_path / "cache", files=["exh1.xlsx"], data_dir=tmp_path / "data", **FAST)
    assert official.hits[url] == 2
    assert fetch.file_sha256(path) == official_sha256s()["raw/2021-08/exh1.xlsx"]


def test_5xx_until_retries_run_out(official, tmp_path):
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["503"] * 5
    cache = tmp_path / "cache"
    with pytest.raises(FetchError, match=r"exh1\.xlsx: expected HTTP 200, found 503 Service Unavailable after retries$"):
        fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=tmp_path / "data", **FAST)
    assert official.hits[url] == 3  # the first try and FAST's 2 retries
    assert leftovers(cache / "2021-08") == []


def test_slower_than_read_timeout(official, tmp_path):
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["slow"] * 3
    cache = tmp_path / "cache"
    with pytest.raises(FetchError) as err:
        fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=tmp_path / "data", **FAST)
    assert str(err.value) == (f"{official.base}{url}: expected an HTTP answer, "
                              "found no answer within 0.3 s (read timeout) after retries")
    assert official.hits[url] == 3
    assert leftovers(cache / "2021-08") == []


def test_truncated_body(official, tmp_path):
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["truncate"]
    size = (paths.RAW / "2021-08" / "exh1.xlsx").stat().st_size
    cache = tmp_path / "cache"
    with pytest.raises(FetchError) as err:
        fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=tmp_path / "data", **FAST)
    assert str(err.value).startswith(
        f"{official.base}{url}: expected {size} bytes (Content-Length), found the transfer broken after "
    )
    assert leftovers(cache / "2021-08") == []


def test_html_page_with_status_200(official, tmp_path):
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["html"]
    cache = tmp_path / "cache"
    with pytest.raises(FetchError) as err:
        fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=tmp_path / "data", **FAST)
    assert str(err.value) == (f"{official.base}{url}: expected an Excel workbook (a zip file starting "
                              "'PK\\x03\\x04'), found an HTML page (Content-Type text/html; charset=UTF-8)")
    assert leftovers(cache / "2021-08") == []


def test_html_page_sent_as_binary_is_caught_by_magic_bytes(official, tmp_path):
    url = f"{BEA_PATH}/2025-05/trad0325.pdf"
    official.faults[url] = ["html-as-binary"]
    cache = tmp_path / "cache"
    with pytest.raises(FetchError) as err:
        fetch.fetch("2025-03", cache, files=["trad0325.pdf"], data_dir=tmp_path / "data", **FAST)
    assert str(err.value) == f"{official.base}{url}: expected a PDF (a file starting '%PDF-'), found an HTML page"
    assert leftovers(cache / "2025-03") == []


def test_wrong_checksum(official, tmp_path):
    data = tmp_path / "data_with_wrong_sha256_made_for_test"
    (data / "2021-08").mkdir(parents=True)
    wrong = "0" * 64
    (data / "2021-08" / "release.json").write_text(json.dumps({"sources": [{"file": "exh1.xlsx", "sha256": wrong}]}))
    cache = tmp_path / "cache"
    with pytest.raises(FetchError) as err:
        fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=data, **FAST)
    right = official_sha256s()["raw/2021-08/exh1.xlsx"]
    url = official.census("2021-08", "exh1.xlsx")
    assert str(err.value) == f"{official.base}{url}: expected sha256 {wrong} (release.json), found {right}"
    assert leftovers(cache / "2021-08") == []


def test_file_changed_since_an_earlier_download(official, tmp_path):
    folder = tmp_path / "cache" / "2021-08"
    folder.mkdir(parents=True)
    earlier = "1" * 64
    # the record of an earlier download whose sha256 the server's file no longer has (made for this test)
    (folder / "exh1.xlsx.json").write_text(json.dumps({"sha256": earlier, "size": 1}))
    with pytest.raises(FetchError) as err:
        fetch.fetch("2021-08", tmp_path / "cache", files=["exh1.xlsx"], data_dir=tmp_path / "data", **FAST)
    url = official.census("2021-08", "exh1.xlsx")
    right = official_sha256s()["raw/2021-08/exh1.xlsx"]
    assert str(err.value) == (f"{official.base}{url}: expected sha256 {earlier} (the earlier download's "
                              f"exh1.xlsx.json; delete it to accept a changed file), found {right}")
    assert leftovers(folder) == ["exh1.xlsx.json"]


def test_cli_fetch_of_a_release_not_out(official, tmp_path, capsys):
    """`tradesite fetch`: one line, exit 1; the files fetched before the 404 are complete."""
    from tradesite import cli

    assert cli.main(["fetch", "2021-03", "--cache", str(tmp_path)]) == 1
    url = f"{official.base}{official.census('2021-03', 'exh1s.xlsx')}"
    err = capsys.readouterr().err
    assert err == f"tradesite fetch: release 2021-03 is not (yet) published: {url} answered 404\n"
    assert leftovers(tmp_path / "2021-03") == ["exh1.xlsx", "exh1.xlsx.json"]


# -- fetch + ingest -------------------------------------------------------------------

def test_update_reproduces_committed_tables(official, tmp_path):
    committed = paths.DATA / "2021-08"
    if not (committed / "release.json").is_file():
        pytest.skip("data/releases/2021-08 is not committed yet")
    from tradesite.ingest import ingest
    from tradesite.schema import read_csv

    files = fetch.fetch("2021-08", tmp_path / "cache", files=census_files(), **FAST)
    out = ingest("2021-08", raw_dir=files[0].parent, data_dir=tmp_path / "data")
    meta = json.loads((committed / "release.json").read_text())
    ours = json.loads((out / "release.json").read_text())
    assert [t["id"] for t in ours["tables"]] == [t["id"] for t in meta["tables"]]
    for t in meta["tables"]:
        assert (out / t["file"]).read_bytes() == (committed / t["file"]).read_bytes(), t["file"]
    assert {s["file"]: s["sha256"] for s in ours["sources"]} == {s["file"]: s["sha256"] for s in meta["sources"]}
    # provenance from the sidecars: where and when each file was downloaded
    assert all(s["url"].startswith(official.base) and s["retrieved"] for s in ours["sources"])
    assert len(read_csv(out / "exh1.csv")) > 0


# -- the release watch's helper -------------------------------------------------------

@pytest.fixture
def data_with_next_release_made_for_test(tmp_path):
    """A data dir whose newest release states the date trad0325.pdf page 1 prints:
    "Next release: Thursday, June 5, 2025"."""
    data = tmp_path / "data"
    (data / "2025-03").mkdir(parents=True)
    (data / "2025-03" / "release.json").write_text(json.dumps({"release": "2025-03", "next_release": "2025-06-05"}))
    return data


def test_due(data_with_next_release_made_for_test):
    data = data_with_next_release_made_for_test
    assert fetch.due(date(2025, 6, 4), data) is None
    assert fetch.due(date(2025, 6, 5), data) == "2025-04"
    # no stated date (Census workbooks print none): due at once, the server's 404 decides
    (data / "2025-03" / "release.json").write_text(json.dumps({"release": "2025-03", "next_release": None}))
    assert fetch.due(date(2025, 6, 4), data) == "2025-04"


def test_due_command(data_with_next_release_made_for_test, monkeypatch, capsys):
    monkeypatch.setattr(paths, "DATA", data_with_next_release_made_for_test)
    assert fetch.main(["due", "--today", "2025-06-05"]) == 0
    assert capsys.readouterr().out == "2025-04\n"
    assert fetch.main(["due", "--today", "2025-06-04"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "nothing due: newest release 2025-03 states next release 2025-06-05" in captured.err
    assert fetch.main(["nonsense"]) == 2


def test_fetch_committed_recreates_what_the_ingest_read(official, tmp_path, monkeypatch):
    """The files the committed release.json of 2021-03 and 2025-02 name, checked against their
    sha256; ingesting them again reproduces the committed release byte for byte."""
    from tradesite.ingest import ingest

    data = tmp_path / "data"
    for rid in ("2021-03", "2025-02", "2024-12"):
        if not (paths.DATA / rid / "release.json").is_file():
            pytest.skip(f"data/releases/{rid} is not committed yet")
        shutil.copytree(paths.DATA / rid, data / rid)
    raw = tmp_path / "raw"
    got = fetch.fetch_committed(raw, data, **FAST)
    # 2024-12 is transcribed (headlines.csv): nothing to download
    assert [str(p.relative_to(raw)) for p in got] == ["2021-03/exh1.xlsx", "2025-02/trad-time-series-0225.xlsx"]
    sums = official_sha256s()
    assert all(fetch.file_sha256(p) == sums[f"raw/{p.parent.name}/{p.name}"] for p in got)
    # BEA's folder from the release's own publication date (2025-04-03): found at the first try
    assert sum(n for p, n in official.hits.items() if "0225" in p) == 1
    # ingested from ../shared/data (no sidecar, "retrieved": null): no sidecar left behind
    assert leftovers(raw / "2021-03") == ["exh1.xlsx"]
    monkeypatch.delenv("TRADESITE_CENSUS_BASE")  # the URL the ingest records is census.gov's again
    out = ingest("2021-03", raw_dir=raw, data_dir=tmp_path / "again")
    assert (out / "release.json").read_bytes() == (paths.DATA / "2021-03" / "release.json").read_bytes()
    # a re-run finds the files complete by their committed sha256, without sidecars
    monkeypatch.setenv("TRADESITE_CENSUS_BASE", official.base + CENSUS_PATH)
    before = sum(official.hits.values())
    fetch.fetch_committed(raw, data, **FAST)
    assert sum(official.hits.values()) == before


def test_restore_sidecar_of_a_fetched_release(tmp_path):
    source = {"file": "exh1.xlsx", "url": "https://www.census.gov/foreign-trade/Press-Release/2026pr/02/exh1.xlsx",
              "sha256": "0" * 64, "size": 10, "retrieved": "2026-03-05T13:50:00+00:00"}  # a record made for this test
    path = tmp_path / "exh1.xlsx"
    fetch.restore_sidecar(path, source)
    assert json.loads((tmp_path / "exh1.xlsx.json").read_text()) == {k: source[k] for k in ("url", "sha256", "size", "retrieved")}


def test_release_watch_uses_the_fetchers_words():
    """The workflow tells "not yet out" from a failure by the NotPublished message (its exact
    text: test_404_is_not_published_and_not_retried), and asks this module which release is due."""
    workflow = (paths.ROOT / ".github" / "workflows" / "release-watch.yml").read_text(encoding="utf-8")
    assert 'grep -q "is not (yet) published"' in workflow
    assert "python3 -m tradesite.fetch due" in workflow and "python3 -m tradesite.fetch committed" in workflow

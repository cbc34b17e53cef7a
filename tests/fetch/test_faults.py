"""The fetcher when things go wrong, against the official files on a local server that
misbehaves on purpose (fetch_server.py): each case asserts the one-line message (URL, bytes
received of expected, seconds, attempts) and that nothing was lost or half-written: no
``.part`` file, no partial workbook, the files fetched before the failure complete."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest
from fetch_server import BEA_PATH, FAST, leftovers, official_sha256s

from tradesite import cli, fetch, paths, transfer
from tradesite.errors import FetchError, UsageError
from tradesite.fetch import ChecksumError, NotPublished
from tradesite.settings import Settings

FILE_LIMIT = "(--file-deadline or TRADESITE_FETCH_FILE_DEADLINE)"
RUN_LIMIT = "(--deadline or TRADESITE_FETCH_DEADLINE)"


def size(release: str, name: str) -> int:
    return (paths.RAW / release / name).stat().st_size


def fetch_one(tmp_path, name="exh1.xlsx", release="2021-08", **kwargs):
    return fetch.fetch(release, tmp_path / "cache", files=[name], data_dir=tmp_path / "data", **{**FAST, **kwargs})


# -- answers: 404, 5xx, HTML -----------------------------------------------------------


def test_404_is_not_published_and_not_retried(official, tmp_path):
    with pytest.raises(NotPublished) as err:
        fetch_one(tmp_path, release="2030-01")
    xlsx, xls = official.census("2030-01", "exh1.xlsx"), official.census("2030-01", "exh1.xls")
    assert str(err.value) == (f"release 2030-01 is not (yet) published: {official.base}{xlsx} and "
                              f"{official.base}{xls} answered 404")
    assert err.value.exit_code == 3
    assert (official.hits[xlsx], official.hits[xls]) == (1, 1)
    assert leftovers(tmp_path / "cache" / "2030-01") == []


def test_500_then_200_succeeds_after_retry(official, tmp_path):
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["500"]
    (f,) = fetch_one(tmp_path)
    assert official.hits[url] == 2
    assert fetch.file_sha256(f.path) == official_sha256s()["raw/2021-08/exh1.xlsx"]


def test_5xx_until_retries_run_out(official, tmp_path):
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["503"] * 5
    with pytest.raises(FetchError) as err:
        fetch_one(tmp_path)
    assert re.fullmatch(rf"{official.base}{url}: expected HTTP 200, found 503 Service Unavailable "
                        r"after \d+\.\d s \(3 attempts\)", str(err.value)), str(err.value)
    assert official.hits[url] == 3  # the first try and FAST's 2 retries
    assert leftovers(tmp_path / "cache" / "2021-08") == []


def test_html_page_with_status_200(official, tmp_path):
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["html"]
    with pytest.raises(FetchError) as err:
        fetch_one(tmp_path)
    assert str(err.value) == (f"{official.base}{url}: expected an Excel workbook (a zip file starting "
                              "'PK\\x03\\x04'), found an HTML page (Content-Type text/html; charset=UTF-8)")
    assert official.hits[url] == 1  # not retried: the server means it
    assert leftovers(tmp_path / "cache" / "2021-08") == []


def test_html_page_sent_as_binary_is_caught_by_magic_bytes(official, tmp_path):
    url = f"{BEA_PATH}/2025-05/trad0325.pdf"
    official.faults[url] = ["html-as-binary"]
    with pytest.raises(FetchError) as err:
        fetch_one(tmp_path, "trad0325.pdf", "2025-03")
    assert str(err.value) == f"{official.base}{url}: expected a PDF (a file starting '%PDF-'), found an HTML page"
    assert leftovers(tmp_path / "cache" / "2025-03") == []


def test_wrong_checksum(official, tmp_path):
    data = tmp_path / "data_with_wrong_sha256_made_for_test"
    (data / "2021-08").mkdir(parents=True)
    wrong = "0" * 64
    (data / "2021-08" / "release.json").write_text(f'{{"sources": [{{"file": "exh1.xlsx", "sha256": "{wrong}"}}]}}')
    with pytest.raises(ChecksumError) as err:
        fetch.fetch("2021-08", tmp_path / "cache", files=["exh1.xlsx"], data_dir=data, **FAST)
    right = official_sha256s()["raw/2021-08/exh1.xlsx"]
    assert str(err.value) == (f"{official.url('2021-08', 'exh1.xlsx')}: expected sha256 {wrong} (release 2021-08's "
                              f"release.json), found {right}; `tradesite fetch 2021-08 --accept-changed` takes the new "
                              "file (then re-ingest and review the diff)")
    assert err.value.exit_code == 1  # data, not network
    assert leftovers(tmp_path / "cache" / "2021-08") == []


# -- bodies: truncated, slow, stalled, dripping ---------------------------------------


def test_truncated_body_every_time(official, tmp_path):
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["truncate"] * 3
    n = size("2021-08", "exh1.xlsx")
    with pytest.raises(FetchError) as err:
        fetch_one(tmp_path)
    assert re.fullmatch(rf"{official.base}{url}: expected {n} bytes \(Content-Length\), found {n // 2} of {n} bytes: "
                        r"the connection closed early after \d+\.\d s \(3 attempts\)", str(err.value)), str(err.value)
    assert leftovers(tmp_path / "cache" / "2021-08") == []


def test_truncated_body_once_is_downloaded_again(official, tmp_path):
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["truncate"]
    (f,) = fetch_one(tmp_path)
    assert official.hits[url] == 2
    assert fetch.file_sha256(f.path) == official_sha256s()["raw/2021-08/exh1.xlsx"]
    assert leftovers(tmp_path / "cache" / "2021-08") == ["exh1.xlsx", "exh1.xlsx.json"]


def test_a_body_cut_short_without_content_length_is_not_stored(official, tmp_path):
    """Issue 22: a download shorter than the file was stored (exit 0) where no Content-Length gave
    its size. Now the file must be whole for its type (a zip whose members all read back), so the
    cut-short body is retried and, cut every time, refused with nothing stored.
    Failed on 1f8c8c0: no FetchError raised, the half file stored as exh1.xlsx."""
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["truncate-unsized"] * 3
    n = size("2021-08", "exh1.xlsx")
    with pytest.raises(FetchError) as err:
        fetch_one(tmp_path)
    assert re.fullmatch(rf"{official.base}{url}: expected the whole file, found {n // 2} bytes: a file cut short "
                        r"\(not a whole zip file: .*\) after \d+\.\d s \(3 attempts\)", str(err.value)), str(err.value)
    assert leftovers(tmp_path / "cache" / "2021-08") == []


def test_a_body_cut_short_once_is_downloaded_again_whole(official, tmp_path):
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["truncate-unsized"]
    (f,) = fetch_one(tmp_path)
    assert official.hits[url] == 2
    assert fetch.file_sha256(f.path) == official_sha256s()["raw/2021-08/exh1.xlsx"]


def test_a_content_length_that_is_not_a_number_is_refused(official, tmp_path):
    """A size that cannot be read cannot be checked: refused, one line quoting it, nothing stored.
    Failed on 1f8c8c0: the header was ignored and the file stored unchecked."""
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["bad-length"]
    n = size("2021-08", "exh1.xlsx")
    with pytest.raises(FetchError) as err:
        fetch_one(tmp_path)
    assert str(err.value) == (f"{official.base}{url}: expected a Content-Length of whole bytes, found '{n} bytes'; "
                              "the download's size cannot be checked, so it is not stored")
    assert leftovers(tmp_path / "cache" / "2021-08") == []


def test_a_short_file_an_earlier_run_stored_is_not_unchanged_upstream(official, tmp_path):
    """Issue 22: a short download stored by an earlier run (with a sidecar that matches it, as
    1f8c8c0 wrote one) was afterwards reported as "unchanged upstream" (the server's 304 was
    trusted). Now a cached file must be whole: it is downloaded again, and reported as a download.
    Failed on 1f8c8c0: outcome 'unchanged', the half file kept."""
    cache = tmp_path / "cache"
    (f,) = fetch_one(tmp_path)
    side = json.loads((cache / "2021-08" / "exh1.xlsx.json").read_text())
    half = f.path.read_bytes()[: f.path.stat().st_size // 2]  # what a cut-short download left, made for the test
    f.path.write_bytes(half)
    (cache / "2021-08" / "exh1.xlsx.json").write_text(json.dumps(
        {**side, "sha256": hashlib.sha256(half).hexdigest(), "size": len(half)}))
    (again,) = fetch_one(tmp_path)
    assert again.outcome == "new" and again.line() == f"{again.path}: downloaded"
    assert fetch.file_sha256(again.path) == official_sha256s()["raw/2021-08/exh1.xlsx"]
    assert "If-None-Match" not in official.requests[-1][1]  # not asked whether it changed: it was never whole


def test_a_cache_that_is_a_file_is_a_usage_error(official, tmp_path, capsys):
    """Failed on 1f8c8c0: exit 1 with a raw "[Errno 17] File exists" line."""
    (tmp_path / "cache").write_text("a file where the downloads would go", encoding="utf-8")
    assert cli.main(["fetch", "2021-08", "--cache", str(tmp_path / "cache")]) == 2
    assert capsys.readouterr().err == (f"tradesite fetch: {tmp_path / 'cache'}: expected a folder for the downloads "
                                       "(--cache, or fetch-committed's DIR), found a file; pass another folder\n")
    assert (tmp_path / "cache").read_text(encoding="utf-8") == "a file where the downloads would go"


def test_slower_than_read_timeout(official, tmp_path):
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["slow"] * 3
    with pytest.raises(FetchError) as err:
        fetch_one(tmp_path)
    assert re.fullmatch(rf"{official.base}{url}: expected an HTTP answer, found no answer within 0\.3 s "
                        r"\(read timeout\) after \d+\.\d s \(3 attempts\)", str(err.value)), str(err.value)
    assert official.hits[url] == 3
    assert leftovers(tmp_path / "cache" / "2021-08") == []


def test_a_stalled_server_is_left_at_the_file_deadline(official, tmp_path):
    """A server that accepts and never answers: with a 30 s read timeout and 4 retries it
    would hold the file for minutes; the 1.5 s deadline per file ends it."""
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["stall"] * 5
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch_one(tmp_path, timeout=(2.0, 30.0), retries=4, file_deadline=1.5)
    took = time.monotonic() - started
    m = re.fullmatch(rf"{official.base}{url}: expected an HTTP answer within the 1.5 s allowed per file "
                     rf"{re.escape(FILE_LIMIT)}, found none after (\d+\.\d) s \(1 attempt\)", str(err.value))
    # the message rounds to a tenth: 1.55 s measured here can read "1.6 s" (a CI run failed so)
    assert m and 1.5 <= float(m.group(1)) <= took + 0.05 and took < 3.5, (str(err.value), took)  # not 4 x 30 s
    assert leftovers(tmp_path / "cache" / "2021-08") == []


def test_a_dripping_server_is_cut_at_the_file_deadline(official, tmp_path):
    """One byte every 1.5 s never trips a read timeout; the 4 s deadline per file cuts it,
    saying how many bytes of how many came."""
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["drip"]
    n = size("2021-08", "exh1.xlsx")
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch_one(tmp_path, timeout=(2.0, 10.0), file_deadline=4)
    took = time.monotonic() - started
    m = re.fullmatch(rf"{official.base}{url}: expected {n} bytes \(Content-Length\) within the 4 s allowed per "
                     rf"file {re.escape(FILE_LIMIT)}, found (\d) of {n} bytes after (\d+\.\d) s \(1 attempt\)", str(err.value))
    assert m and int(m.group(1)) in (2, 3), str(err.value)  # bytes at 0, 1.5 and 3 s
    # cut at 4 s by the watchdog, not when the next byte comes (4.5 s)
    assert 4 <= float(m.group(2)) < 4.4 and took < 6, (str(err.value), took)
    assert leftovers(tmp_path / "cache" / "2021-08") == []


def test_a_server_dripping_its_headers_is_cut_at_the_file_deadline(official, tmp_path):
    """Every byte of the answer's head comes within the read timeout, so only the deadline's
    watchdog can end it (otherwise about a minute, a byte every 0.5 s)."""
    url = official.census("2021-08", "exh1.xlsx")
    official.faults[url] = ["drip-head"]
    official.drip_seconds = 0.5
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch_one(tmp_path, timeout=(2.0, 10.0), file_deadline=2)
    took = time.monotonic() - started
    m = re.fullmatch(rf"{official.base}{url}: expected an HTTP answer within the 2 s allowed per file "
                     rf"{re.escape(FILE_LIMIT)}, found none after (\d+\.\d) s \(1 attempt\)", str(err.value))
    assert m and 2 <= float(m.group(1)) <= took < 3.5, (str(err.value), took)
    assert leftovers(tmp_path / "cache" / "2021-08") == []


def test_the_run_deadline_ends_a_run_and_keeps_the_files_done(official, tmp_path):
    official.drip_seconds = 0.5
    url = official.census("2021-08", "exh7.xlsx")
    official.faults[url] = ["drip"]
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch.fetch("2021-08", tmp_path / "cache", files=["exh1.xlsx", "exh7.xlsx", "exh8.xlsx"],
                    data_dir=tmp_path / "data", **FAST | {"timeout": (2.0, 10.0)}, file_deadline=30, deadline=2)
    assert time.monotonic() - started < 4
    assert re.match(rf"{official.base}{url}: expected {size('2021-08', 'exh7.xlsx')} bytes \(Content-Length\) within "
                    rf"the 2 s allowed per run {re.escape(RUN_LIMIT)}, found \d of ", str(err.value)), str(err.value)
    assert leftovers(tmp_path / "cache" / "2021-08") == ["exh1.xlsx", "exh1.xlsx.json"]
    assert official.hits[official.census("2021-08", "exh8.xlsx")] == 0


def test_deadlines_from_the_environment_and_their_errors(official, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRADESITE_FETCH_FILE_DEADLINE", "soon")
    with pytest.raises(UsageError) as err:
        fetch_one(tmp_path, settings=Settings.from_env())
    assert str(err.value) == "TRADESITE_FETCH_FILE_DEADLINE='soon': expected a number of seconds above 0, found 'soon'"
    assert cli.main(["fetch", "2021-08", "--cache", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"tradesite fetch: {err.value}\n"
    monkeypatch.setenv("TRADESITE_FETCH_FILE_DEADLINE", "2.5")
    assert fetch.Deadlines.resolve() == fetch.Deadlines()  # the library reads no environment
    assert fetch.Deadlines.resolve(settings=Settings.from_env()) == fetch.Deadlines(file=2.5, run=fetch.RUN_DEADLINE)
    assert fetch.Deadlines.resolve(file=7, settings=Settings.from_env()) == fetch.Deadlines(file=7, run=fetch.RUN_DEADLINE)
    assert cli.main(["fetch", "2021-08", "--file-deadline", "0"]) == 2
    assert capsys.readouterr().err == ("tradesite fetch: argument --file-deadline: expected a number of seconds above 0, "
                                       "found '0' (`tradesite fetch --help` shows the usage)\n")


def test_cli_fetch_of_a_release_not_out(official, tmp_path, capsys):
    """`tradesite fetch`: one line, exit 3; the files fetched before the 404 are complete."""
    assert cli.main(["fetch", "2021-03", "--cache", str(tmp_path)]) == 3
    xlsx, xls = official.url("2021-03", "exh1s.xlsx"), official.url("2021-03", "exh1s.xls")
    captured = capsys.readouterr()
    assert captured.err == f"tradesite fetch: release 2021-03 is not (yet) published: {xlsx} and {xls} answered 404\n"
    assert captured.out == f"{tmp_path}/2021-03/exh1.xlsx: downloaded\n"
    assert leftovers(tmp_path / "2021-03") == ["exh1.xlsx", "exh1.xlsx.json"]


# -- killed mid-download ----------------------------------------------------------------


def start_child_fetch(cache):
    """`tradesite fetch 2021-08` in a child process (same environment: the local server)."""
    return subprocess.Popen([sys.executable, "-m", "tradesite", "fetch", "2021-08", "--cache", str(cache)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())


def wait_for_part(folder, child, seconds=30.0):
    until = time.monotonic() + seconds
    while time.monotonic() < until and child.poll() is None:
        parts = [n for n in leftovers(folder) if n.endswith(".part")]
        if parts:
            return parts
        time.sleep(0.05)
    child.kill()
    pytest.fail(f"no .part file appeared in {folder}: {child.communicate()}")


def test_sigterm_during_a_download_leaves_no_part_file(official, tmp_path):
    official.faults[official.census("2021-08", "exh1.xlsx")] = ["drip"]
    official.drip_seconds = 0.2
    cache = tmp_path / "cache"
    child = start_child_fetch(cache)
    (part,) = wait_for_part(cache / "2021-08", child)
    assert part.startswith(f".exh1.xlsx.{child.pid}-")
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate(timeout=30)
    assert child.returncode == 143
    assert (out, err) == ("", "tradesite fetch: terminated (SIGTERM); nothing half-written was left\n")
    assert leftovers(cache / "2021-08") == []


class Interrupted(BaseException):
    """What a signal's handler raises where the process happens to be (the CLI's SIGTERM)."""


FETCHER = {fetch.__file__, transfer.__file__}


def fetch_interrupted_at(tmp_path, opcode: int | None = None, seen: list[int] | None = None) -> None:
    """``fetch_one`` with :class:`Interrupted` raised at its ``opcode``-th bytecode in the
    fetcher's own modules (fetch.py, transfer.py), as a signal arriving just then would be;
    ``seen`` collects the bytecodes at which a ``.part`` file exists."""
    count, folder = 0, tmp_path / "cache" / "2021-08"

    def each(frame, event, arg):
        nonlocal count
        if event == "opcode":
            count += 1
            if count == opcode:
                raise Interrupted
            if seen is not None and any(n.endswith(".part") for n in leftovers(folder)):
                seen.append(count)
        return each

    def calls(frame, event, arg):
        if frame.f_code.co_filename not in FETCHER:
            return None
        frame.f_trace_opcodes = True
        return each

    sys.settrace(calls)
    try:
        fetch_one(tmp_path)
    finally:
        sys.settrace(None)


def test_a_signal_at_any_moment_of_a_download_leaves_no_part_file(official, tmp_path):
    """A signal raises where the process happens to be, so the fetcher is interrupted at each
    bytecode during which a ``.part`` file exists, one run each: none may stay, and whatever
    workbook is in place is the whole official one. It failed before the part was created inside
    the ``try`` that removes it and before ``fetch`` cleaned its own parts on the way out (a
    SIGTERM right after the part appeared left it: seen in CI)."""
    seen: list[int] = []
    fetch_interrupted_at(tmp_path / "whole", seen=seen)
    assert len(seen) > 100  # the download, its checks, the move and the sidecar's own part
    official_sha = official_sha256s()["raw/2021-08/exh1.xlsx"]
    left = {}
    for opcode in seen:
        with pytest.raises(Interrupted):
            fetch_interrupted_at(tmp_path / str(opcode), opcode)
        names = leftovers(tmp_path / str(opcode) / "cache" / "2021-08")
        if [n for n in names if n.endswith(".part")]:
            left[opcode] = names
        if "exh1.xlsx" in names:
            assert fetch.file_sha256(tmp_path / str(opcode) / "cache" / "2021-08" / "exh1.xlsx") == official_sha
    assert left == {}


def test_a_part_file_of_a_killed_fetch_is_removed_by_the_next_run(official, tmp_path):
    """SIGKILL cannot be caught: its .part stays, and the next run, seeing its writer gone,
    removes it and downloads the file whole."""
    official.faults[official.census("2021-08", "exh1.xlsx")] = ["drip"]
    official.drip_seconds = 0.2
    cache = tmp_path / "cache"
    child = start_child_fetch(cache)
    (part,) = wait_for_part(cache / "2021-08", child)
    child.kill()
    child.communicate(timeout=30)
    assert leftovers(cache / "2021-08") == [part]
    (f,) = fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=tmp_path / "data", **FAST)
    assert leftovers(cache / "2021-08") == ["exh1.xlsx", "exh1.xlsx.json"]
    assert fetch.file_sha256(f.path) == official_sha256s()["raw/2021-08/exh1.xlsx"]

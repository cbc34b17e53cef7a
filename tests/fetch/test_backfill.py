"""`tradesite backfill` against the official files on a local server (fetch_server.py), which
serves ../shared/data/raw in the official folder layout: 2021-03 and 2021-05 have their
exh1.xlsx there and nothing else (the other 32 files of each answer 404, as missing upstream),
2021-04 has no file at all (a month not published). Two months are ingested for real in the
whole module (each ingest takes seconds); every other case fails before or in a cheap ingest.
"""

from __future__ import annotations

import io
import json
import shutil
import sys

import pytest
from fetch_server import FAST, leftovers, official_sha256s

from tradesite import backfill, cli, paths
from tradesite.sources import release_files
from tests import require


def tree(folder) -> dict:
    """Every file under a folder, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def requested(server, release: str) -> list[str]:
    """The paths the server was asked for of one release's files (Census by folder, BEA by MMYY)."""
    year, month = release.split("-")
    return [p for p, _ in server.requests if f"/{year}pr/{month}/" in p or f"{month}{year[2:]}." in p]


def test_an_interrupted_backfill_continues_and_a_rerun_asks_for_nothing_done(official, tmp_path):
    """Run 1 is interrupted (Ctrl-C) in 2021-05, its exh1.xlsx downloaded; run 2 skips 2021-03
    without a request, tries 2021-04 again, asks the server about 2021-05's exh1.xlsx (304) and
    ingests it; run 3 asks for nothing of the months done. The tables are the committed ones."""
    require.committed("2021-03", "2021-05")
    cache, data = tmp_path / "cache", tmp_path / "data"
    seen = []

    def interrupt(p):
        if p.release == "2021-05" and (cache / "2021-05" / "exh1.xlsx").is_file():
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        backfill.backfill("2021-03", "2021-05", cache_dir=cache, data_dir=data, delay=0, report=seen.append,
                          progress=interrupt, **FAST)
    assert [(m.release, m.status) for m in seen] == [("2021-03", "ingested"), ("2021-04", "failed")]
    state = json.loads((cache / "backfill.json").read_text())["months"]
    assert sorted(state) == ["2021-03", "2021-04"] and state["2021-03"]["status"] == "ingested"
    assert leftovers(cache / "2021-05") == ["exh1.xlsx", "exh1.xlsx.json"]  # no .part, no half month
    assert leftovers(data) == ["2021-03"]

    official.requests.clear()
    second = backfill.backfill("2021-03", "2021-05", cache_dir=cache, data_dir=data, delay=0, **FAST)
    assert [(m.release, m.status) for m in second] == [("2021-03", "skipped"), ("2021-04", "failed"),
                                                      ("2021-05", "ingested")]
    assert requested(official, "2021-03") == []
    assert len(requested(official, "2021-04")) == 31 * 2 + 2 * 3  # exhN.xlsx then .xls; BEA's 3 folders
    # 2021-05's exh1.xlsx was asked about, not downloaded again: the server answered 304
    (ask,) = [h for p, h in official.requests if p == official.census("2021-05", "exh1.xlsx")]
    assert ask["If-None-Match"] == json.loads((cache / "2021-05" / "exh1.xlsx.json").read_text())["etag"]
    may = second[2]
    assert (may.fetched, may.unchanged) == ([], ["exh1.xlsx"])
    assert may.missing == [f for f in release_files("2021-05") if f != "exh1.xlsx"] and len(may.missing) == 32
    assert may.line().startswith("2021-05: ingested in ") and "files: 0 fetched, 1 unchanged, 32 missing upstream " \
        "(exh1s.xlsx, exh2.xlsx, exh2s.xlsx, exh2as.xlsx and 28 more); wrote " in may.line()
    assert may.line().endswith(" (1 file, 1 table, 315 values; 63 value cells left empty as the files print them "
                               "(periods still to come))")
    assert second[0].line().startswith("2021-03: skipped, done before (ingested ")
    # the tidy tables are the committed ones, byte for byte; the sources the official files
    sums = official_sha256s()
    for release in ("2021-03", "2021-05"):
        assert (data / release / "exh1.csv").read_bytes() == (paths.DATA / release / "exh1.csv").read_bytes()
        (source,) = json.loads((data / release / "release.json").read_text())["sources"]
        assert source["sha256"] == sums[f"raw/{release}/exh1.xlsx"]
        assert source["url"] == official.url(release, "exh1.xlsx") and source["retrieved"]
    assert backfill.exit_code(second) == 3  # 2021-04: nothing published

    official.requests.clear()
    third = backfill.backfill("2021-03", "2021-05", cache_dir=cache, data_dir=data, delay=0, **FAST)
    assert [m.status for m in third] == ["skipped", "failed", "skipped"]
    assert requested(official, "2021-03") == requested(official, "2021-05") == []
    assert len(official.requests) == len(requested(official, "2021-04")) == 68

    # "verified" is checked, not trusted: a damaged cached file, or tidy tables of other files, undo it
    record = json.loads((cache / "backfill.json").read_text())["months"]["2021-05"]
    assert backfill._verified("2021-05", record, cache, data)
    meta = json.loads((data / "2021-05" / "release.json").read_text())
    meta["sources"][0]["sha256"] = sums["raw/2021-03/exh1.xlsx"]
    (data / "2021-05" / "release.json").write_text(json.dumps(meta))
    assert backfill._verified("2021-05", record, cache, data) is None
    (data / "2021-03" / "exh1.csv").unlink()
    assert backfill._verified("2021-03", json.loads((cache / "backfill.json").read_text())["months"]["2021-03"],
                              cache, data) is None


def test_a_month_missing_upstream_and_a_changed_layout_fail_alone(official, tmp_path, capsys):
    """The CLI over 2021-04 (nothing upstream) and 2021-05 whose exh1.xlsx is, made for the test,
    the official 2025-11 exh12.xlsx (another exhibit's layout): one line each, the IngestError's
    own (file, sheet, row, expected), no table written, the committed 2021-03 tables untouched;
    the summary, the failure line and exit 1."""
    cache, data = tmp_path / "cache", tmp_path / "data"
    shutil.copytree(paths.DATA / "2021-03", data / "2021-03")
    before = tree(data)
    official.replaced[official.census("2021-05", "exh1.xlsx")] = paths.RAW / "2025-11" / "exh12.xlsx"
    argv = ["backfill", "--from", "2021-04", "--to", "2021-05", "--delay", "0", "--cache", str(cache), "--data", str(data)]
    assert cli.main(argv) == 1
    out, err = capsys.readouterr()
    april, may, total = out.splitlines()
    assert april.startswith("2021-04: failed in ") and april.endswith(
        "files: 0 fetched, 0 unchanged, 33 missing upstream (exh1.xlsx, exh1s.xlsx, exh2.xlsx, exh2s.xlsx and 29 more); "
        "not ingested: release 2021-04 is not (yet) published: every URL of its 33 files answered 404 (the first: "
        f"{official.url('2021-04', 'exh1.xlsx')})")
    assert may.startswith("2021-05: failed in ") and may.endswith(
        "files: 1 fetched, 0 unchanged, 32 missing upstream (exh1s.xlsx, exh2.xlsx, exh2s.xlsx, exh2as.xlsx and 28 more); "
        "not ingested: exh1.xlsx, sheet '12', row 3, column A: expected the title 'Exhibit 1. ...' (exh1.xlsx holds "
        "exhibit 1; is another exhibit saved under this name?), found 'Exhibit 12. U.S. Trade in Goods'")
    assert total.startswith("backfill 2021-04 to 2021-05: 2 months, 0 ingested, 0 skipped (done before), 2 failed "
                            "(2021-04, 2021-05); files: 1 fetched, 0 unchanged, 65 missing upstream; ")
    assert err == ("tradesite backfill: 2 of 2 months failed (2021-04, 2021-05), each said in its line above; the "
                   "others are done, and a rerun does only what is left\n")
    assert tree(data) == before and leftovers(data) == ["2021-03"]  # nothing written, no temporary folder
    state = json.loads((cache / "backfill.json").read_text())["months"]
    assert state["2021-05"]["status"] == "failed" and state["2021-05"]["error"].startswith("exh1.xlsx, sheet '12', row 3")


def test_months_failing_only_for_the_network_exit_3_and_a_terminal_shows_progress(official, tmp_path, capsys,
                                                                                  monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stderr", Terminal())
    assert cli.main(["backfill", "--from", "2021-04", "--to", "2021-04", "--delay", "0", "--cache", str(tmp_path)]) == 3
    shown = sys.stderr.getvalue()
    assert "\r\x1b[K0/1 months done; 2021-04: fetching; time left unknown" in shown
    assert "\r\x1b[K0/1 months done; 2021-04: fetching: 33 of 33 files done; time left unknown" in shown
    # the progress line is cleared before each month's line and at the end, before the failure's line
    assert shown.endswith("files done; time left unknown\r\x1b[K\r\x1b[Ktradesite backfill: 1 of 1 months failed "
                          "(2021-04), each said in its line above; the others are done, and a rerun does only what is "
                          "left\n")
    assert capsys.readouterr().out.splitlines()[0].startswith("2021-04: failed in ")
    assert backfill.Progress(3, 10, "2021-06", "ingesting", 100.0, 65.4).line() == \
        "3/10 months done; 2021-06: ingesting; about 1 min 05 s left"


def test_the_delay_between_requests(official, tmp_path):
    """The sleep and the clock are injected: the clock moves only when the backfill sleeps, so
    each pause is the whole delay; one pause between every two requests, none before the first."""
    now, pauses = [0.0], []

    def sleep(seconds):
        pauses.append((len(official.requests), seconds))  # requests the server had when it paused
        now[0] += seconds

    (april,) = backfill.backfill("2021-04", "2021-04", cache_dir=tmp_path, data_dir=tmp_path / "data", delay=1.5,
                                 sleep=sleep, clock=lambda: now[0], **FAST)
    assert april.status == "failed" and len(official.requests) == 68
    assert pauses == [(n, 1.5) for n in range(1, 68)]
    official.requests.clear()
    backfill.backfill("2021-04", "2021-04", cache_dir=tmp_path, data_dir=tmp_path / "data", delay=0,
                      sleep=lambda s: pytest.fail("slept with --delay 0"), **FAST)
    assert len(official.requests) == 68


def test_a_changed_upstream_file_of_a_committed_month_fails_it_and_keeps_its_tables(official, tmp_path):
    """2021-05 is committed; upstream its exh1.xlsx is now (made for the test) the official
    2021-03 one: the month fails with both sha256s, its tables and the cache stay as they were."""
    require.committed("2021-05")
    data = tmp_path / "data"
    shutil.copytree(paths.DATA / "2021-05", data / "2021-05")
    before = tree(data)
    official.replaced[official.census("2021-05", "exh1.xlsx")] = paths.RAW / "2021-03" / "exh1.xlsx"
    (may,) = backfill.backfill("2021-05", "2021-05", cache_dir=tmp_path / "cache", data_dir=data, delay=0, **FAST)
    sums = official_sha256s()
    assert (may.status, may.exit_code, may.fetched, may.ingested) == ("failed", 1, [], None)
    assert may.error == (f"{official.url('2021-05', 'exh1.xlsx')}: expected sha256 {sums['raw/2021-05/exh1.xlsx']} "
                         f"(release 2021-05's release.json), found {sums['raw/2021-03/exh1.xlsx']}; `tradesite fetch "
                         "2021-05 --accept-changed` takes the new file (then re-ingest and review the diff)")
    assert backfill.exit_code([may]) == 1
    assert tree(data) == before
    assert leftovers(tmp_path / "cache" / "2021-05") == []


@pytest.mark.parametrize("argv, line", [
    (["--from", "2021-05", "--to", "2021-03"], "tradesite backfill: --to 2021-03: expected a month from --from 2021-05 "
                                               "on, found an earlier one"),
    (["--from", "2021-05", "--delay", "-1"], "tradesite backfill: argument --delay: expected a number of seconds, 0 or "
                                             "more, found '-1' (`tradesite backfill --help` shows the usage)"),
    (["--from", "2021-5"], "tradesite backfill: argument --from: release '2021-5': expected the statistical month as "
                           "YYYY-MM, e.g. 2025-03 (`tradesite backfill --help` shows the usage)"),
    ([], "tradesite backfill: the following arguments are required: --from (`tradesite backfill --help` shows the usage)"),
])
def test_usage_errors_before_any_request(official, argv, line, tmp_path, capsys):
    assert cli.main(["backfill", *argv, "--cache", str(tmp_path)]) == 2
    assert capsys.readouterr().err == line + "\n"
    assert official.requests == [] and leftovers(tmp_path) == []

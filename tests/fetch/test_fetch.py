"""The fetcher against the official files on a local server (fetch_server.py): downloads with
sidecars, BEA's publication-month folders, re-runs that ask the server (conditional
requests), a changed upstream file, .xls workbooks, the committed releases' files and the
release watch's `due`. Faults, deadlines and kills: test_faults.py."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
from fetch_server import BEA_PATH, CENSUS_PATH, FAST, leftovers, official_sha256s

from tradesite import cli, fetch, paths
from tradesite.fetch import ChecksumError
from tradesite.settings import Settings
from tradesite.sources import Hosts
from tradesite.sources import bea_files, census_files
from tests import require

# -- first downloads ------------------------------------------------------------------


def test_fetch_census_exhibits_with_sidecars(official, tmp_path):
    cache, data = tmp_path / "cache", tmp_path / "data"
    got = fetch.fetch("2021-08", cache, files=["exh1.xlsx", "exh7.xlsx"], data_dir=data, **FAST)
    assert [(f.path, f.outcome) for f in got] == [(cache / "2021-08" / "exh1.xlsx", "new"), (cache / "2021-08" / "exh7.xlsx", "new")]
    sums = official_sha256s()
    for f in got:
        side = json.loads(f.path.with_name(f.path.name + ".json").read_text())
        # the bytes are the official file's: ../shared/data/SHA256SUMS
        assert side["sha256"] == f.sha256 == sums[f"raw/2021-08/{f.path.name}"]
        assert side["size"] == f.path.stat().st_size == (paths.RAW / "2021-08" / f.path.name).stat().st_size
        assert side["url"] == official.url("2021-08", f.path.name)
        assert side["status"] == 200 and side["etag"] and side["last_modified"]
        assert side["retrieved"].endswith("+00:00") and "previous_sha256" not in side
    assert leftovers(cache / "2021-08") == ["exh1.xlsx", "exh1.xlsx.json", "exh7.xlsx", "exh7.xlsx.json"]


def test_fetch_bea_files_from_publication_month_folder(official, tmp_path):
    got = fetch.fetch("2025-03", tmp_path / "cache", files=bea_files("2025-03"), data_dir=tmp_path / "data", **FAST)
    assert [f.path.name for f in got] == ["trad0325.pdf", "trad-time-series-0325.xlsx"]
    sums = official_sha256s()
    for f in got:
        side = json.loads(f.path.with_name(f.path.name + ".json").read_text())
        assert side["sha256"] == sums[f"raw/2025-03/{f.path.name}"]
        # published 2025-05-06 (trad0325.pdf page 1): BEA's folder 2025-05 is the first candidate
        assert side["url"] == f"{official.base}{BEA_PATH}/2025-05/{f.path.name}"
        # the dates each file states, found as it is fetched: page 1 of the PDF ("Tuesday, May 6, 2025",
        # "Next release: Thursday, June 5, 2025"), the workbook's Readme ("Last updated May 6, 2025")
        assert side["stated"] == ({"published": "2025-05-06", "next_release": "2025-06-05"} if f.path.suffix == ".pdf"
                                  else {"published": "2025-05-06"})
        assert f.stated == side["stated"] and "states published 2025-05-06" in f.line()
    assert official.hits[f"{BEA_PATH}/2025-04/trad0325.pdf"] == 0


def test_bea_tries_later_folders_for_a_delayed_release_layout_made_for_test(official, tmp_path):
    official.bea_published["2025-03"] = "2025-06"  # as if published three months on
    (f,) = fetch.fetch("2025-03", tmp_path / "cache", files=["trad0325.pdf"], data_dir=tmp_path / "data", **FAST)
    assert json.loads(f.path.with_name(f.path.name + ".json").read_text())["url"].endswith("/2025-06/trad0325.pdf")
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


def test_an_xls_workbook_where_the_archive_has_no_xlsx(server, monkeypatch, tmp_path, xls_made_for_test):
    """Census's archive serves older years as exhN.xls: asked for exh1.xlsx, the fetcher tries
    exh1.xls after a 404 and keeps that name; the ingest reads it into the official figures.
    The archive here is made for the test: an .xls copy of the official 2021-08 exh1.xlsx."""
    from tradesite.ingest import ingest
    from tradesite.schema import read_csv

    archive = tmp_path / "archive_made_for_test"
    (archive / "2021-08").mkdir(parents=True)
    xls = xls_made_for_test(paths.RAW / "2021-08" / "exh1.xlsx", archive / "2021-08" / "exh1.xls")
    old_raw, server.raw = server.raw, archive
    try:
        server.hits.clear()
        (f,) = fetch.fetch("2021-08", tmp_path / "cache", files=["exh1.xlsx"], data_dir=tmp_path / "data", **FAST,
                           settings=Settings(hosts=Hosts(census=server.base + CENSUS_PATH)))
    finally:
        server.raw = old_raw
    assert f.path.name == "exh1.xls" and f.path.read_bytes() == xls.read_bytes()
    assert server.hits[server.census("2021-08", "exh1.xlsx")] == 1 and server.hits[server.census("2021-08", "exh1.xls")] == 1
    out = ingest("2021-08", raw_dir=f.path.parent, data_dir=tmp_path / "data")
    got, want = read_csv(out / "exh1.csv"), read_csv(paths.DATA / "2021-08" / "exh1.csv")
    assert (got["source_file"] == "exh1.xls").all()
    assert got.drop(columns="source_file").equals(want.drop(columns="source_file"))
    source = json.loads((out / "release.json").read_text())["sources"][0]
    assert source["file"] == "exh1.xls" and source["url"] == server.url("2021-08", "exh1.xls")


# -- re-runs: ask the server --------------------------------------------------------


def test_a_rerun_asks_the_server_and_keeps_an_unchanged_file(official, tmp_path):
    cache, data = tmp_path / "cache", tmp_path / "data"
    (first,) = fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=data, **FAST)
    side = json.loads((cache / "2021-08" / "exh1.xlsx.json").read_text())
    (again,) = fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=data, **FAST)
    path, headers = official.requests[-1]
    assert path == official.census("2021-08", "exh1.xlsx")
    assert headers["If-None-Match"] == side["etag"] and headers["If-Modified-Since"] == side["last_modified"]
    assert (again.outcome, again.sha256) == ("unchanged", first.sha256)  # the server answered 304
    assert again.line() == f"{again.path}: unchanged upstream"
    after = json.loads((cache / "2021-08" / "exh1.xlsx.json").read_text())
    assert after == {**side, "checked": after["checked"]}
    assert fetch.file_sha256(again.path) == official_sha256s()["raw/2021-08/exh1.xlsx"]


def test_a_rerun_downloads_a_damaged_file_again(official, tmp_path):
    cache, data = tmp_path / "cache", tmp_path / "data"
    (f,) = fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=data, **FAST)
    with f.path.open("ab") as out:
        out.write(b"x")
    fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=data, **FAST)
    assert official.hits[official.census("2021-08", "exh1.xlsx")] == 2
    assert "If-None-Match" not in official.requests[-1][1]  # not complete: no question, a download
    assert fetch.file_sha256(f.path) == official_sha256s()["raw/2021-08/exh1.xlsx"]


def test_a_changed_upstream_file_is_fetched_again_and_reported(official, tmp_path):
    """A correction upstream, made for the test: the server's 2021-08 exh1.xlsx becomes the
    official 2021-09 one. The re-run downloads it, says so, and records both sha256s."""
    cache = tmp_path / "cache"
    sums = official_sha256s()
    old, new = sums["raw/2021-08/exh1.xlsx"], sums["raw/2021-09/exh1.xlsx"]
    # no committed release here, so no sha256 is known in advance: only the server's word counts
    data = tmp_path / "data"
    fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=data, **FAST)
    official.replaced[official.census("2021-08", "exh1.xlsx")] = paths.RAW / "2021-09" / "exh1.xlsx"
    (f,) = fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=data, **FAST)
    assert (f.outcome, f.previous_sha256, f.sha256) == ("changed", old, new)
    assert f.line() == f"{f.path}: changed upstream, sha256 {old} -> {new} (both in exh1.xlsx.json)"
    side = json.loads((cache / "2021-08" / "exh1.xlsx.json").read_text())
    assert (side["previous_sha256"], side["sha256"]) == (old, new) and side["previous_retrieved"]
    assert fetch.file_sha256(f.path) == new
    assert leftovers(cache / "2021-08") == ["exh1.xlsx", "exh1.xlsx.json"]


def test_a_changed_upstream_file_of_a_committed_release_is_refused_unless_accepted(official, tmp_path):
    """The committed 2021-08 release.json records the sha256 its tables were read from: a
    changed upstream file is refused (exit 1, one line with both sha256s) and the cached copy
    kept; --accept-changed takes it and records the old sha256."""
    data = tmp_path / "data"
    shutil.copytree(paths.DATA / "2021-08", data / "2021-08")
    cache = tmp_path / "cache"
    sums = official_sha256s()
    old, new = sums["raw/2021-08/exh1.xlsx"], sums["raw/2021-09/exh1.xlsx"]
    fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=data, **FAST)
    side = (cache / "2021-08" / "exh1.xlsx.json").read_text()
    official.replaced[official.census("2021-08", "exh1.xlsx")] = paths.RAW / "2021-09" / "exh1.xlsx"
    with pytest.raises(ChecksumError) as err:
        fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=data, **FAST)
    assert str(err.value) == (
        f"{official.url('2021-08', 'exh1.xlsx')}: expected sha256 {old} (release 2021-08's release.json), found {new} "
        "(it changed upstream since it was ingested; the cached copy is kept); `tradesite fetch 2021-08 "
        "--accept-changed` takes the new file (then re-ingest and review the diff)")
    assert err.value.exit_code == 1
    assert fetch.file_sha256(cache / "2021-08" / "exh1.xlsx") == old
    assert (cache / "2021-08" / "exh1.xlsx.json").read_text() == side
    assert leftovers(cache / "2021-08") == ["exh1.xlsx", "exh1.xlsx.json"]
    (f,) = fetch.fetch("2021-08", cache, files=["exh1.xlsx"], data_dir=data, accept_changed=True, **FAST)
    assert (f.outcome, f.previous_sha256, f.sha256) == ("changed", old, new)


def test_the_fetch_command_prints_each_file_and_what_happened(official, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(paths, "DATA", tmp_path / "data")
    monkeypatch.setattr(fetch, "release_files", lambda release: ["exh1.xlsx", "exh12.xlsx"])
    cache = tmp_path / "cache"
    assert cli.main(["fetch", "2025-12", "--cache", str(cache)]) == 0
    assert capsys.readouterr().out == f"{cache}/2025-12/exh1.xlsx: downloaded\n{cache}/2025-12/exh12.xlsx: downloaded\n"
    assert cli.main(["fetch", "2025-12", "--cache", str(cache)]) == 0
    assert capsys.readouterr().out == (f"{cache}/2025-12/exh1.xlsx: unchanged upstream\n"
                                       f"{cache}/2025-12/exh12.xlsx: unchanged upstream\n")


# -- fetch + ingest -------------------------------------------------------------------


#: Files of 2021-08 ingested from the download: a period table, the goods on a BOP basis, an
#: item table with revised columns.
INGESTED = ("exh1.xlsx", "exh12.xlsx", "exh14.xlsx")


def test_update_reproduces_committed_tables(official, tmp_path):
    """Every census file of 2021-08 downloads as the very bytes the committed tables were read
    from; three of them, ingested from the download, give the committed tables byte for byte,
    with where and when each was downloaded. (Ingesting all 31 again is test_ingest's reingest
    of the same bytes: here it doubled 15 s of CI for no other path.)"""
    require.committed("2021-08")
    committed = paths.DATA / "2021-08"
    from tradesite.ingest import ingest
    from tradesite.schema import read_csv

    files = fetch.fetch("2021-08", tmp_path / "cache", files=census_files(), **FAST)
    meta = json.loads((committed / "release.json").read_text())
    known = {s["file"]: s["sha256"] for s in meta["sources"]}
    assert {f.path.name: f.sha256 for f in files} == known  # all 31, each as committed
    assert {f.path.name: fetch.file_sha256(f.path) for f in files} == known
    raw = tmp_path / "some" / "2021-08"
    raw.mkdir(parents=True)
    for name in INGESTED:
        for suffix in ("", ".json"):  # the file and its sidecar (its URL, when it was retrieved)
            shutil.copyfile(files[0].path.parent / (name + suffix), raw / (name + suffix))
    out = ingest("2021-08", raw_dir=raw, data_dir=tmp_path / "data")
    ours = json.loads((out / "release.json").read_text())
    tables = [t for t in meta["tables"] if t["file"].removesuffix(".csv") + ".xlsx" in INGESTED]
    assert len(tables) == len(INGESTED) and [t["id"] for t in ours["tables"]] == [t["id"] for t in tables]
    for t in tables:
        assert (out / t["file"]).read_bytes() == (committed / t["file"]).read_bytes(), t["file"]
    assert {s["file"]: s["sha256"] for s in ours["sources"]} == {n: known[n] for n in INGESTED}
    # provenance from the sidecars: where and when each file was downloaded
    assert all(s["url"].startswith(official.base) and s["retrieved"] for s in ours["sources"])
    assert len(read_csv(out / "exh1.csv")) > 0


# -- the committed releases' files, and the release watch ------------------------------


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
    assert cli.main(["due", "--today", "2025-06-05"]) == 0
    assert capsys.readouterr().out == "2025-04\n"
    assert cli.main(["due", "--today", "2025-06-04"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "nothing due: newest release 2025-03 states next release 2025-06-05\n"
    assert cli.main(["due", "--today", "June 5"]) == 2
    assert capsys.readouterr().err == ("tradesite due: argument --today: expected a date as YYYY-MM-DD, found 'June 5' "
                                       "(`tradesite due --help` shows the usage)\n")


def test_fetch_committed_recreates_what_the_ingest_read(official, tmp_path, monkeypatch):
    """The files the committed release.json of 2021-03 and 2025-02 name, checked against their
    sha256; ingesting them again reproduces the committed release byte for byte."""
    from tradesite.ingest import ingest

    data = tmp_path / "data"
    require.committed("2021-03", "2025-02", "2024-12")
    for rid in ("2021-03", "2025-02", "2024-12"):
        shutil.copytree(paths.DATA / rid, data / rid)
    raw = tmp_path / "raw"
    got = fetch.fetch_committed(raw, data, **FAST)
    # 2024-12 is transcribed (headlines.csv): nothing to download
    assert [str(f.path.relative_to(raw)) for f in got] == ["2021-03/exh1.xlsx", "2025-02/trad-time-series-0225.xlsx"]
    sums = official_sha256s()
    assert all(fetch.file_sha256(f.path) == sums[f"raw/{f.path.parent.name}/{f.path.name}"] for f in got)
    # BEA's folder from the release's own publication date (2025-04-03): found at the first try
    assert sum(n for p, n in official.hits.items() if "0225" in p) == 1
    # ingested from ../shared/data (no sidecar, "retrieved": null): no sidecar left behind
    assert leftovers(raw / "2021-03") == ["exh1.xlsx"]
    # the URL the ingest records is census.gov's, wherever the file came from
    out = ingest("2021-03", raw_dir=raw, data_dir=tmp_path / "again")
    assert (out / "release.json").read_bytes() == (paths.DATA / "2021-03" / "release.json").read_bytes()
    # a re-run finds the files complete by their committed sha256 (no validators to ask with)
    before = sum(official.hits.values())
    assert {f.outcome for f in fetch.fetch_committed(raw, data, **FAST)} == {"kept"}
    assert sum(official.hits.values()) == before


def test_fetch_committed_command(official, tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA / "2021-03", data / "2021-03")
    monkeypatch.setattr(paths, "DATA", data)
    assert cli.main(["fetch-committed", str(tmp_path / "raw")]) == 0
    assert capsys.readouterr().out == f"{tmp_path}/raw/2021-03/exh1.xlsx: downloaded\n"


def test_restore_sidecar_of_a_fetched_release(tmp_path):
    source = {"file": "exh1.xlsx", "url": "https://www.census.gov/foreign-trade/Press-Release/2026pr/02/exh1.xlsx",
              "sha256": "0" * 64, "size": 10, "retrieved": "2026-03-05T13:50:00+00:00"}  # a record made for this test
    path = tmp_path / "exh1.xlsx"
    fetch.restore_sidecar(path, source)
    assert json.loads((tmp_path / "exh1.xlsx.json").read_text()) == {k: source[k] for k in ("url", "sha256", "size", "retrieved")}
    assert leftovers(tmp_path) == ["exh1.xlsx.json"]


def test_release_watch_uses_the_fetchers_words():
    """The workflow tells "not yet out" from a failure by the NotPublished message (its exact
    text: test_faults.py's test_404_is_not_published_and_not_retried), and asks the command
    line which release is due."""
    workflow = (paths.ROOT / ".github" / "workflows" / "release-watch.yml").read_text(encoding="utf-8")
    assert 'grep -q "is not (yet) published"' in workflow
    assert "$(tradesite due)" in workflow and "tradesite fetch-committed ../shared/data/raw" in workflow


def test_the_fetcher_imports_no_pandas():
    """`tradesite fetch` downloads and hashes files: it needs no pandas (tradesite.hashing holds
    the sha256, not the ingest), which a file's stated dates then import when there is a file."""
    import subprocess
    import sys

    code = "import sys, tradesite.fetch; print(sorted(m for m in ('pandas', 'numpy') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"

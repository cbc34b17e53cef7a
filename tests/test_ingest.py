"""The ingest end to end: committed releases are reproducible byte for byte, their sources are
recorded faithfully, and a failed ingest leaves the committed folder as it was."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tradesite import ingest as ingest_module
from tradesite import paths
from tradesite.errors import IngestError, ValidationError
from tradesite.ingest import ingest
from tradesite.releases import bundled
from tradesite.validate import bea

RELEASES = [pytest.param(r, marks=pytest.mark.shared_only) if r == "2024-12" else r for r in bundled()]


def sha256sums() -> dict[str, str]:
    """The committed data/SHA256SUMS (tests/test_provenance.py): 'raw/2025-02/trad-time-series-0225.xlsx' -> hash."""
    lines = (paths.ROOT / "data" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split(None, 1) for line in lines if line.strip())}


def files(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("release", RELEASES)
def test_reingest_reproduces_committed_release(release, tmp_path):
    committed = paths.DATA / release
    out = ingest(release, data_dir=tmp_path)
    assert files(out) == files(committed)
    for name in files(committed):
        assert (out / name).read_bytes() == (committed / name).read_bytes(), f"{release}/{name} differs"


@pytest.mark.parametrize("release", RELEASES)
def test_release_json_records_each_source(release):
    """Against the committed checksums, on every CI (2024-12's transcribed file only where ../shared/data
    has it). 1f8c8c0's read ../shared/data/SHA256SUMS and was skipped on GitHub's CI."""
    meta = json.loads((paths.DATA / release / "release.json").read_text(encoding="utf-8"))
    sums = sha256sums()
    folder = ingest_module.raw_folder(release)
    assert sorted(s["file"] for s in meta["sources"]) == [p.name for p in ingest_module.source_files(folder)]
    for s in meta["sources"]:
        official = folder / s["file"]
        key = f"{official.parent.parent.name}/{release}/{s['file']}"  # raw/... or transcribed/...
        assert s["sha256"] == sums[key], key
        assert s["size"] == official.stat().st_size
        assert s["url"] and s["url"].startswith("https://"), s
    assert meta["transcribed"] == all(s["kind"] == "transcribed" for s in meta["sources"])


def test_bea_sources_urls_and_dates():
    # BEA files live under the month of publication: 2025-02 published 2025-04-03 (Readme, A1)
    meta = json.loads((paths.DATA / "2025-02" / "release.json").read_text(encoding="utf-8"))
    assert meta["published"] == "2025-04-03"
    assert meta["sources"][0]["url"] == "https://www.bea.gov/sites/default/files/2025-04/trad-time-series-0225.xlsx"
    meta = json.loads((paths.DATA / "2024-12" / "release.json").read_text(encoding="utf-8"))
    assert (meta["transcribed"], meta["published"]) == (True, "2025-02-05")


def snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.shared_only
def test_failed_validation_leaves_folder_untouched(tmp_path, monkeypatch):
    out = ingest("2024-12", data_dir=tmp_path)
    before = snapshot(out)
    monkeypatch.setattr(bea, "CHECKS", [lambda tables, release: ["headlines.csv, headlines: broken on purpose"]])
    with pytest.raises(ValidationError, match="broken on purpose"):
        ingest("2024-12", data_dir=tmp_path)
    assert snapshot(out) == before
    assert files(tmp_path) == ["2024-12"]  # no temporary or old folder left behind


@pytest.mark.shared_only
def test_failed_read_leaves_folder_untouched(tmp_path):
    data = tmp_path / "data"
    out = ingest("2024-12", data_dir=data)
    before = snapshot(out)
    raw = tmp_path / "raw"
    raw.mkdir()
    original = (paths.TRANSCRIBED / "2024-12" / "headlines.csv").read_text(encoding="utf-8")
    # an altered copy, made for this test
    (raw / "headlines.csv").write_text(original.replace("exports of goods,", "exports of widgets,"), encoding="utf-8")
    with pytest.raises(IngestError, match="row 17, column 'measure'"):
        ingest("2024-12", raw_dir=raw, data_dir=data)
    assert snapshot(out) == before
    assert files(data) == ["2024-12"]


@pytest.mark.shared_only
def test_write_failure_leaves_no_temp_folder(tmp_path, monkeypatch):
    def boom(df, path):
        raise OSError("disk full")

    monkeypatch.setattr(ingest_module, "write_csv", boom)
    with pytest.raises(OSError):
        ingest("2024-12", data_dir=tmp_path)
    assert files(tmp_path) == []


@pytest.mark.shared_only
def test_raw_copy_gives_same_tables(tmp_path):
    """Ingesting from a copy of the official files (--raw) gives the committed tables."""
    raw = tmp_path / "raw" / "2024-12"
    raw.mkdir(parents=True)
    shutil.copy(paths.TRANSCRIBED / "2024-12" / "headlines.csv", raw)
    out = ingest("2024-12", raw_dir=tmp_path / "raw", data_dir=tmp_path / "data")
    assert (out / "headlines.csv").read_bytes() == (paths.DATA / "2024-12" / "headlines.csv").read_bytes()


def test_a_killed_ingests_folders_are_removed_by_the_next(tmp_path):
    """A killed ingest leaves .RELEASE.tmp-PID-* (or .RELEASE.old-PID) behind; the next ingest removes
    those whose process is gone, and leaves a running ingest's alone."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    stale = [f".2026-01.tmp-{gone}-abc123", f".2025-03.old-{gone}", ".2025-03.tmp-x1y2z3"]  # last: no pid (older code)
    running = f".2025-12.tmp-{os.getpid()}-busy"  # this very process: alive
    for name in [*stale, running]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "exh1.csv").write_text("release,source_file\n", encoding="utf-8")  # a partial table
    ingest("2026-01", data_dir=tmp_path)
    assert files(tmp_path) == sorted(["2026-01", running])


def test_temporary_folders_are_git_ignored():
    names = ["data/releases/.2025-03.tmp-4242-x1y2z3/exh1.csv", "data/releases/.2025-03.old-4242/exh1.csv"]
    found = subprocess.run(["git", "check-ignore", *names], cwd=paths.ROOT, capture_output=True, text=True)
    assert found.stdout.split() == names
    assert subprocess.run(["git", "check-ignore", "data/releases/2025-03/exh1.csv"], cwd=paths.ROOT).returncode == 1


def test_the_summary_counts_the_values_and_the_cells_the_files_leave_empty(tmp_path):
    """Issue 22: the value cells the report itself leaves empty (the months of 2026 still to come) are
    counted in the ingest's summary; every other empty value cell is refused (test_ingest_bad_input.py).
    The counts are taken here from the workbooks with openpyxl, apart from the readers.
    Failed on 1f8c8c0: ingest() had no summary (TypeError: unexpected keyword 'report')."""
    import openpyxl

    values = empty = 0
    for name, last in (("exh1.xlsx", 10), ("exh12.xlsx", 9)):  # value columns B-J and B-I
        ws = openpyxl.load_workbook(paths.RAW / "2026-01" / name, data_only=True, keep_links=False).worksheets[0]
        for r, row in enumerate(ws.iter_rows(min_row=7, min_col=2, max_col=last, values_only=True), start=7):
            values += sum(isinstance(v, (int, float)) and not isinstance(v, bool) for v in row)
            empty += sum(v in (None, "") for v in row) if 40 <= r <= 50 else 0  # February-December 2026
    assert (values, empty) == (527, 187)
    lines: list[str] = []
    out = ingest("2026-01", data_dir=tmp_path, report=lines.append)
    assert lines == [f"2026-01: wrote {out} (2 files, 2 tables, {values:,} values; {empty:,} value cells left empty "
                     "as the files print them (periods still to come))"]


@pytest.mark.parametrize("argv, line", [
    (["--raw", "{tmp}/nonexistent"], "--raw {tmp}/nonexistent: expected the folder of the official files "
                                     "(DIR/2026-01 or DIR itself), found nothing there"),
    (["--raw", "{tmp}/a-file"], "--raw {tmp}/a-file: expected the folder of the official files (DIR/2026-01 or DIR "
                                "itself), found a file there"),
    (["--data", "{tmp}/a-file"], "--data {tmp}/a-file: expected a folder for the tidy tables (data/releases), "
                                 "found a file"),
])
def test_a_raw_or_data_folder_that_is_not_one_is_a_usage_error(argv, line, tmp_path, capsys):
    """Failed on 1f8c8c0: exit 1 and a raw "[Errno 2] No such file or directory" / "[Errno 20] Not a
    directory" line, without the option's name."""
    from tradesite.cli import main

    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    extra = [] if "--data" in argv else ["--data", str(tmp_path / "data")]
    assert main(["ingest", "2026-01", *args, *extra]) == 2
    assert capsys.readouterr().err == f"tradesite ingest: {line.replace('{tmp}', str(tmp_path))}\n"
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "not a folder"
    assert not (tmp_path / "data").exists()

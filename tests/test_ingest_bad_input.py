"""Bad input to `tradesite ingest`: altered copies of official workbooks, made in tmp_path.

Each case: the command fails (non-zero), says in ONE line which file and where (sheet, row,
column; a damaged file has no sheet to name), and the previously ingested tables of the
release are left byte for byte as they were.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from tradesite import paths
from tradesite.cli import main

REL = "2026-01"  # exh1.xlsx and exh12.xlsx: the smallest complete release


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def setup(tmp_path):
    """A copy of the release's official files, and a data folder holding a good ingest of them."""
    raw = tmp_path / "raw" / REL
    shutil.copytree(paths.RAW / REL, raw)
    data = tmp_path / "data"
    assert main(["ingest", REL, "--raw", str(raw.parent), "--data", str(data)]) == 0
    return raw, data, snapshot(data)


def edit(path: Path, change) -> None:
    """Open an official workbook copy with openpyxl, change it, save it in place."""
    wb = openpyxl.load_workbook(path)
    change(wb.worksheets[0])
    wb.save(path)


def fails(setup, capsys) -> str:
    raw, data, before = setup
    capsys.readouterr()
    code = main(["ingest", REL, "--raw", str(raw.parent), "--data", str(data)])
    err = capsys.readouterr().err
    assert code != 0
    assert err.count("\n") == 1 and err.endswith("\n"), f"not one line: {err!r}"
    assert snapshot(data) == before, "the committed tables changed"
    assert sorted(p.name for p in data.iterdir()) == [REL], "a temporary folder was left behind"
    return err.strip()


def test_truncated_workbook(setup, capsys):
    raw = setup[0]
    content = (raw / "exh1.xlsx").read_bytes()
    (raw / "exh1.xlsx").write_bytes(content[: len(content) // 2])
    err = fails(setup, capsys)
    assert err.startswith("tradesite ingest: exh1.xlsx: expected a readable .xlsx workbook")
    assert "download it again" in err


def test_corrupt_zip(setup, capsys):
    raw = setup[0]
    content = bytearray((raw / "exh12.xlsx").read_bytes())
    middle = len(content) // 2
    content[middle: middle + 4000] = b"\x00" * 4000  # damage the compressed parts, keep the length
    (raw / "exh12.xlsx").write_bytes(bytes(content))
    err = fails(setup, capsys)
    assert err.startswith("tradesite ingest: exh12.xlsx: expected a readable .xlsx workbook")


def test_wrong_exhibit_in_a_files_place(setup, capsys):
    raw = setup[0]
    shutil.copyfile(raw / "exh12.xlsx", raw / "exh1.xlsx")  # exhibit 12 saved as exh1.xlsx
    err = fails(setup, capsys)
    assert "exh1.xlsx, sheet '12', row 3, column A: expected the title 'Exhibit 1. ...'" in err
    assert "found 'Exhibit 12. U.S. Trade in Goods'" in err


def test_layout_shifted_by_a_row(setup, capsys):
    edit(setup[0] / "exh1.xlsx", lambda ws: ws.insert_rows(4))
    err = fails(setup, capsys)
    assert "exh1.xlsx, sheet '1', row 5, column A: expected header 'Period' (exhibit 1 layout)" in err


def test_layout_shifted_by_a_column(setup, capsys):
    edit(setup[0] / "exh12.xlsx", lambda ws: ws.insert_cols(2))
    err = fails(setup, capsys)
    assert "exh12.xlsx, sheet '12', row 5, column B: expected header 'Balance' (exhibit 12 layout), found None" in err


def test_title_moved_to_another_column(setup, capsys):
    edit(setup[0] / "exh1.xlsx", lambda ws: ws.insert_cols(1))
    err = fails(setup, capsys)
    assert "exh1.xlsx, sheet '1', row 3, column B: expected the title 'Exhibit 1. ...' in column A" in err


@pytest.mark.parametrize("marker", ["(Z)", "*"])
def test_unknown_marker(setup, capsys, marker):
    def change(ws):
        ws["B39"] = marker  # exh1.xlsx row 39: January 2026, balance
    edit(setup[0] / "exh1.xlsx", change)
    err = fails(setup, capsys)
    assert f"exh1.xlsx, sheet '1', row 39, column B: expected a number or a known marker" in err
    assert err.endswith(f"found {marker!r}")


def test_unknown_marker_in_its_own_column(tmp_path, capsys):
    """exh14 prints '(R)' in a narrow column left of the value; another marker there is refused."""
    raw = tmp_path / "raw" / "2021-08"
    raw.mkdir(parents=True)
    shutil.copyfile(paths.RAW / "2021-08" / "exh14.xlsx", raw / "exh14.xlsx")
    data = tmp_path / "data"
    assert main(["ingest", "2021-08", "--raw", str(raw.parent), "--data", str(data)]) == 0
    before = snapshot(data)
    edit(raw / "exh14.xlsx", lambda ws: ws.__setitem__("C12", "(Z)"))  # exh14.xlsx row 12: Canada, '(R)' cell
    capsys.readouterr()
    assert main(["ingest", "2021-08", "--raw", str(raw.parent), "--data", str(data)]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "exh14.xlsx, sheet '14', row 12, column C: expected a number or a known marker" in err
    assert snapshot(data) == before


def test_non_numeric_cell(setup, capsys):
    def change(ws):
        ws["F25"] = "n/a"  # exh12.xlsx row 25: January 2025, exports Total Census Basis
    edit(setup[0] / "exh12.xlsx", change)
    err = fails(setup, capsys)
    assert err.endswith("exh12.xlsx, sheet '12', row 25, column F: expected a number, found 'n/a'")


def test_broken_identity_is_refused(setup, capsys):
    """Read fine but the balance no longer equals exports − imports: validation stops the write."""
    def change(ws):
        ws["B39"] = ws["B39"].value + 100  # exh1.xlsx row 39: January 2026 balance, total
    edit(setup[0] / "exh1.xlsx", change)
    err = fails(setup, capsys)
    assert "exh1.xlsx, exhibit 1, sheet '1', row 39, column B" in err
    assert "exports − imports" in err

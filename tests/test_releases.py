"""Loading committed releases refuses damaged tidy data in one line.

Each case damages a copy of a committed release in tmp_path (the copies are made for the test)
and builds its pages with TRADESITE_DATA pointing at the copy: the build stops with one
:class:`TradesiteError` line naming the file, where (row, column, key, line of the JSON), and what
was expected, never a traceback from deep inside pandas or json.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Callable

import pytest

from tradesite import paths
from tradesite.errors import DataError, TradesiteError
from tradesite.releases import Release
from tradesite.schema import COLUMNS
from tradesite.site.pages import build_pages


def edit_csv(name: str, change: Callable[[list[str]], list[str]]) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        lines = (folder / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (folder / name).write_text("".join(change(lines)), encoding="utf-8")
    return damage


def drop_column(col: str) -> Callable[[list[str]], list[str]]:
    i = COLUMNS.index(col)

    def change(lines):
        import csv
        import io

        rows = list(csv.reader(io.StringIO("".join(lines))))
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([r[:i] + r[i + 1:] for r in rows])
        return [out.getvalue()]
    return change


def value_at(row: int, text: str) -> Callable[[list[str]], list[str]]:
    """Line ``row`` (1-based, the header is row 1) with its last field, the value, replaced."""
    def change(lines):
        lines[row - 1] = lines[row - 1].rsplit(",", 1)[0] + f",{text}\n"
        return lines
    return change


def edit_json(name: str, change: Callable[[object], object]) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        (folder / name).write_text(json.dumps(change(data), indent=2), encoding="utf-8")
    return damage


def without(key: str) -> Callable[[dict], dict]:
    return lambda meta: {k: v for k, v in meta.items() if k != key}


def cut(name: str, keep: float = 0.5) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        content = (folder / name).read_bytes()
        (folder / name).write_bytes(content[: int(len(content) * keep)])
    return damage


CASES = [
    ("missing-column", "2026-01", edit_csv("exh1.csv", drop_column("unit")),
     "exh1.csv, row 1 (the header): expected the columns " + ", ".join(COLUMNS) + ", found <no column unit> "
     "(run `tradesite ingest 2026-01` again to rewrite it)"),
    ("non-number-value", "2026-01", edit_csv("exh1.csv", value_at(5, "12x")),
     "exh1.csv, row 5, column 'value': expected a number or nothing, found '12x' "
     "(run `tradesite ingest 2026-01` again to rewrite it)"),
    ("non-number-level", "2026-01", edit_csv("exh12.csv", lambda lines: lines[:3] + [lines[3].replace(",0,", ",zero,", 1)]
                                             + lines[4:]),
     "exh12.csv, row 4, column 'level': expected a whole number, found 'zero'"),
    ("missing-csv", "2026-01", lambda folder: (folder / "exh12.csv").unlink(),
     "exh12.csv: expected the tidy table release.json lists, found <no such file> "
     "(run `tradesite ingest 2026-01` again to rewrite it)"),
    ("csv-cut-short", "2026-01", edit_csv("exh1.csv", lambda lines: lines[:40]),
     "exh1.csv: expected 279 rows, as release.json counts them, found <39 rows>"),
    ("release-json-without-tables", "2026-01", edit_json("release.json", without("tables")),
     "release.json: expected the key 'tables', found <keys release, statistical_month, title, published, "
     "next_release, transcribed, sources, notes, ingest_version>"),
    ("table-entry-without-file", "2026-01",
     edit_json("release.json", lambda m: {**m, "tables": [{k: v for k, v in t.items() if k != "file"} for t in m["tables"]]}),
     "release.json, tables[0]: expected the key 'file', found <keys id, exhibit, title, source_file, rows>"),
    ("release-json-invalid", "2026-01", cut("release.json"),
     "release.json, line "),
    ("another-releases-json", "2026-01",
     lambda folder: shutil.copyfile(paths.DATA / "2025-12" / "release.json", folder / "release.json"),
     "release.json, key 'release': expected '2026-01', the release of its folder, found '2025-12' "
     "(is it another release's release.json?)"),
    ("notes-json-truncated", "2024-12", cut("notes.json"), "notes.json, line "),
    ("notes-json-missing", "2024-12", lambda folder: (folder / "notes.json").unlink(),
     "notes.json: expected the notes release.json names, found <no such file>"),
]


@pytest.mark.parametrize("release, damage, line", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_damaged_tidy_data_is_one_line(release, damage, line, tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA / release, data / release)
    damage(data / release)
    monkeypatch.setenv("TRADESITE_DATA", str(data))
    monkeypatch.setattr(paths, "DATA", data)
    monkeypatch.delenv("TRADESITE_SITE_RELEASES", raising=False)
    with pytest.raises(TradesiteError) as err:
        build_pages(release)
    message = str(err.value)
    assert isinstance(err.value, DataError) and "\n" not in message
    assert message.startswith(str(data / release)), message
    assert line in message, message


def test_invalid_json_names_the_line(tmp_path):
    """A release.json cut short: the JSON parser's line and column, and what it missed."""
    shutil.copytree(paths.DATA / "2026-01", tmp_path / "2026-01")
    cut("release.json", 0.3)(tmp_path / "2026-01")
    with pytest.raises(DataError) as err:
        Release.load("2026-01", tmp_path)
    assert str(err.value).startswith(f"{tmp_path / '2026-01' / 'release.json'}, line ")
    assert ": expected valid JSON: release.json as `tradesite ingest` writes it (an object), found <" in str(err.value)


def test_every_committed_release_loads():
    """The checks pass on every committed release: each table has its columns, numbers and rows."""
    from tradesite.releases import bundled

    for release in bundled():
        r = Release.load(release)
        assert all(len(r.table(t)) == r.table_meta(t)["rows"] for t in r.table_ids)
        assert isinstance(r.notes, list)

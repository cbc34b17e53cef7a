"""The command line: every command is listed, failures are one line and exit 1."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from tradesite import cli


def commands() -> list[str]:
    sub = next(a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_help_lists_every_command():
    out = subprocess.run([sys.executable, "-m", "tradesite", "--help"], capture_output=True, text=True, check=True).stdout
    assert {"ingest", "fetch", "update", "pages", "build", "site"} <= set(commands())
    for name in commands():
        assert f"    {name} " in out, name


def test_bad_release_id_is_one_line(capsys):
    assert cli.main(["ingest", "2025-13"]) == 1
    err = capsys.readouterr().err
    assert err == "tradesite ingest: release '2025-13': expected the statistical month as YYYY-MM, e.g. 2025-03\n"


def test_release_without_files_is_one_line(capsys, tmp_path):
    assert cli.main(["ingest", "1999-01", "--data", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("tradesite ingest: no official files for release 1999-01")
    assert "tradesite fetch 1999-01" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.shared_only
def test_ingest_command_writes_release(capsys, tmp_path):
    assert cli.main(["ingest", "2024-12", "--data", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"2024-12: wrote {tmp_path / '2024-12'}\n"

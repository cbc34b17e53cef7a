"""Provenance on every CI: the sha256 of every official file the committed tables were read
from is committed in the project (``data/SHA256SUMS``, in ``sha256sum`` format: run
``sha256sum -c ../../main/data/SHA256SUMS`` in ../shared/data to check a copy by hand), and the
tests check against it:

* each committed release.json records exactly the files and sha256s the list holds (no
  official file needed: runs everywhere);
* every official file present (../shared/data on a developer's machine, or what `tradesite
  fetch-committed` downloaded on GitHub's CI) has the committed sha256, and every listed raw
  file is present;
* where the team's copy of ../shared/data is in place, its own SHA256SUMS agrees with the
  committed list.

The one file `fetch-committed` cannot download is the transcribed 2024-12 headlines
(transcribed/2024-12/headlines.csv, written from BEA's release page, not a published file):
where ../shared/data lacks it, its committed checksum is still checked against release.json,
and the tests that read the file skip, saying so (``shared_only``).

Before issue 22 these checks read ../shared/data/SHA256SUMS and were all skipped on GitHub's
CI, and the fetcher's tests compared the downloads with release.json, the record they were
fetched against: nothing independent was checked there.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tradesite import paths
from tradesite.releases import bundled

COMMITTED = paths.ROOT / "data" / "SHA256SUMS"


def sums(path: Path) -> dict[str, str]:
    """'raw/2021-08/exh1.xlsx' -> sha256, from a file in sha256sum's format."""
    out = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        digest, _, name = line.partition("  ")
        assert len(digest) == 64 and name, f"{path}, line {n}: expected 'SHA256  NAME', found {line!r}"
        assert name not in out, f"{path}, line {n}: {name} listed twice"
        out[name] = digest
    return out


def recorded() -> dict[str, str]:
    """The same from every committed release.json: its sources' folder, release, file and sha256."""
    out = {}
    for rid in bundled():
        meta = json.loads((paths.DATA / rid / "release.json").read_text(encoding="utf-8"))
        for s in meta["sources"]:
            out[f"{'transcribed' if s['kind'] == 'transcribed' else 'raw'}/{rid}/{s['file']}"] = s["sha256"]
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_release_json_records_the_committed_checksums():
    """Each source of each committed release is in data/SHA256SUMS with the same sha256, and the list
    holds nothing else. Failed on 1f8c8c0: there was no committed list (FileNotFoundError)."""
    committed, found = sums(COMMITTED), recorded()
    assert len(found) >= 46
    missing = sorted(set(found) - set(committed))
    assert not missing, (f"data/SHA256SUMS lacks {missing}: add their lines (in ../shared/data: sha256sum "
                         f"{' '.join(missing)} >> ../../main/data/SHA256SUMS)")
    assert sorted(set(committed) - set(found)) == [], "data/SHA256SUMS lists files no committed release was read from"
    differ = {name: (found[name], committed[name]) for name in found if found[name] != committed[name]}
    assert differ == {}, "release.json and data/SHA256SUMS disagree (release.json, data/SHA256SUMS)"


def official_files() -> list[tuple[str, Path]]:
    """('raw/2021-08/exh1.xlsx', path) of every file the committed list names."""
    return [(name, paths.SHARED / name) for name in sums(COMMITTED)]


@pytest.mark.parametrize("name, path", [pytest.param(n, p, marks=[pytest.mark.shared_only] if n.startswith("transcribed/")
                                                     else []) for n, p in official_files()],
                         ids=[n for n, _ in official_files()])
def test_every_official_file_has_its_committed_checksum(name, path):
    """Every raw file must be there (../shared/data, or fetched by `tradesite fetch-committed
    ../shared/data/raw`) with the committed sha256; the transcribed headlines only where ../shared/data
    has them. Runs on GitHub's CI too (1f8c8c0's check was shared_only: skipped there)."""
    assert path.is_file(), f"{path}: missing; `tradesite fetch-committed {paths.RAW}` downloads the official files"
    assert sha256(path) == sums(COMMITTED)[name], f"{path}: not the file data/SHA256SUMS records"


def test_no_other_official_file_is_beside_them():
    """Every official file in ../shared/data/raw (or the fetched copy) is one the list names: a file
    added there is read by the reader tests, so it must be recorded too."""
    listed = set(sums(COMMITTED))
    found = {str(p.relative_to(paths.SHARED)) for p in paths.RAW.glob("*/*")
             if p.is_file() and not p.name.endswith(".json") and not p.name.startswith(".")}
    assert found and sorted(found - listed) == []


@pytest.mark.shared_only
def test_the_shared_checksums_agree_with_the_committed_ones():
    """The team's ../shared/data/SHA256SUMS (its provider's record) and the committed list name the
    same files with the same sha256; the committed list may hold releases the watch added since."""
    shared, committed = sums(paths.SHARED / "SHA256SUMS"), sums(COMMITTED)
    assert sorted(set(shared) - set(committed)) == []
    assert {n: (shared[n], committed[n]) for n in shared if shared[n] != committed[n]} == {}

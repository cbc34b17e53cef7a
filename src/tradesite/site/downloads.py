"""The release-wide download: every tidy CSV of a release in one deterministic zip.

Deterministic (sorted entries, fixed timestamps and permissions) so that building the
same release twice yields the same bytes and the versioned site does not churn.
"""

from __future__ import annotations

import io
import zipfile

from ..schema import COLUMNS

#: Zip entries' timestamp: the earliest a zip can carry. The release date is in release.json.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def zip_name(release_id: str) -> str:
    return f"tradesite-{release_id}.zip"


def readme(release) -> str:
    """README.txt inside the zip: what the files are, their units and where they come from."""
    lines = [
        f"{release.meta['title']}",
        "",
        "Tidy tables derived by tradesite from the official files of this release",
        "(U.S. Census Bureau and U.S. Bureau of Economic Analysis, public domain).",
        "",
        "One row per published value. Columns: " + ", ".join(COLUMNS) + ".",
        "Units are in the 'unit' column, as the file's own heading states them (mostly",
        "'millions of dollars'); values are as published, balances negative for deficits.",
        "'location' says where in the official file each value is (sheet, row, column or page).",
        "",
        "Tables:",
    ]
    for t in release.meta["tables"]:
        lines.append(f"  {t['file']}: {t['title'] or 'exhibit ' + t['exhibit']} (from {t['source_file']})")
    lines += ["", "Official source files (re-download and check with sha256):"]
    for s in release.meta["sources"]:
        lines.append(f"  {s['file']}  {s['url']}")
        lines.append(f"    sha256 {s['sha256']}, {s['size']:,} bytes")
    if release.meta.get("transcribed"):
        lines += ["", "These headline figures were transcribed from the release text, not read from a data file."]
    return "\n".join(lines) + "\n"


def release_zip(release) -> bytes:
    """The zip's bytes: RELEASE/<table>.csv, release.json, notes.json (if any), README.txt."""
    entries: dict[str, bytes] = {}
    for t in release.meta["tables"]:
        entries[t["file"]] = (release.folder / t["file"]).read_bytes()
    entries["release.json"] = (release.folder / "release.json").read_bytes()
    if (release.folder / "notes.json").is_file():
        entries["notes.json"] = (release.folder / "notes.json").read_bytes()
    entries["README.txt"] = readme(release).encode("utf-8")

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(f"{release.id}/{name}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, entries[name])
    return buf.getvalue()

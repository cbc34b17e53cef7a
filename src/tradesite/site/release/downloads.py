"""The release-wide download: every tidy CSV of a release in one deterministic zip.

Deterministic (sorted entries, fixed timestamps and permissions) so that building the
same release twice yields the same bytes and the versioned site does not churn.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

from ..render.table_csv import gzipped, spreadsheet_safe_csv

BOM = "\ufeff".encode("utf-8")
#: Zip entries' timestamp: the earliest a zip can carry. The release date is in release.json.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def zip_name(release_id: str) -> str:
    return f"tradesite-{release_id}.zip"


#: What each column of a tidy CSV means (the zip's tables and every table's CSV download).
COLUMN_DOCS = {
    "release": "the release (statistical month of the report) whose file holds the figure: 2025-03",
    "source_file": "the official file the figure was read from: exh7.xlsx, trad0325.pdf, headlines.csv "
    "(a transcription of the release page, not an official data file)",
    "exhibit": "the report's exhibit or the workbook's table: 7, 14a, bea-ts-1 (BEA time series Table 1), "
    "bea-geo-4 (BEA countries Table 4), headlines",
    "location": "where in that file: sheet '7', row 12, column C; or the page and the printed row",
    "line_item": "the row (or column) label as printed, footnote markers removed: Computers, Canada, Goods",
    "hierarchy": "the label's path in the table's hierarchy, joined by ' › ': Capital goods, except automotive › Computers",
    "level": "depth in that hierarchy, 0 for a top line",
    "flow": "exports, imports or balance (exports minus imports: negative for a deficit)",
    "basis": "balance_of_payments, census, chained_dollars, cif (imports valued C.I.F.: cost, insurance and "
    "freight, the landed value at the first U.S. port; printed beside the Census basis's customs value) "
    "or not_applicable (prices, quantities)",
    "seasonal_adjustment": "seasonally_adjusted or not_seasonally_adjusted",
    "unit": "the file's own unit, normalised: millions of dollars, millions of chained 2017 dollars, "
    "billions of dollars, thousands of barrels, dollars per barrel, percent, rank",
    "period": "ISO: 2025 (year), 2025-03 (month), 2025-Q1 (quarter); see period_type",
    "period_type": "month, quarter, year, year_to_date (January through the month in period) or "
    "three_month_average (the three months ending in period)",
    "measure": "level (the value itself), change (from the previous period, as printed), percent_change, rank "
    "(exhibits 4s/4as: a country's rank by its year-to-date value, 1 the largest) or calculated_duty "
    "(exhibit 1s: the duty calculated on the imports, not an import value)",
    "vintage": "current, or as_published_last_month (the earlier estimate the file restates)",
    "status": "the file's markers: R revised, X not applicable, - zero or under half a unit, n.a. not "
    "available, (D) suppressed, not_maintained (BEA: revised but not maintained in this presentation, "
    "no value); several joined by ';'; empty when none",
    "value": "the number as published (no thousands separators, a plain minus; empty when the status says "
    "there is none)",
}
#: Columns only the CSV of the what-changed page has (one row per revised figure; ``value`` is the revised one).
REVISION_DOCS = {
    "earlier_release": "the release that published the figure before",
    "earlier_source": "the file it was published in then",
    "earlier_location": "where in that file",
    "earlier": "the figure as published then",
    "revision": "value minus earlier, in the unit",
    "how": "as published last month (this release's own restated row) or previous bundled release",
}


def _described(docs: dict[str, str]) -> list[str]:
    width = max(map(len, docs))
    return [f"  {name.ljust(width)}  {text}" for name, text in docs.items()]


def readme(release) -> str:
    """README.txt inside the zip: what the files are, every column, units and sources."""
    lines = [
        f"{release.meta['title']}",
        "",
        "Tidy tables derived by tradesite from the official files of this release",
        "(U.S. Census Bureau and U.S. Bureau of Economic Analysis, public domain).",
        "",
        "Each CSV has one row per published value, UTF-8 with a byte order mark (so that",
        "Excel reads it right), comma-separated, a header row. Values are as published,",
        "in the unit of the 'unit' column (mostly millions of dollars); balances are",
        "negative for deficits. 'location' says where in the official file each value is.",
        "",
        "Columns:",
        *_described(COLUMN_DOCS),
        "",
        "The CSV under each table of the site has the same columns, holding the figures",
        *(
            [
                "that table shows (gzip-compressed there: .csv.gz).",
                "The what-changed page's CSV has one row per revised figure",
            ]
            if gzipped(release.id)
            else ["that table shows. The what-changed page's CSV has one row per revised figure"]
        ),
        "(value: the revised figure) and these columns besides:",
        *_described(REVISION_DOCS),
        "The vintages page's CSVs have one row per figure as each release published it.",
        "",
        "Tables:",
    ]
    for t in release.meta["tables"]:
        lines.append(f"  {t['file']}: {t['title'] or 'exhibit ' + t['exhibit']} (from {t['source_file']})")
    lines += ["", "release.json: the release's dates, tables and official source files (URL, sha256, size)."]
    lines.append(
        f"{SUMS}: the sha256 of every other file of this folder; check them with `sha256sum -c {SUMS}` run in it."
    )
    if (release.folder / "notes.json").is_file():
        lines.append("notes.json: the release's own text (explanatory notes, revisions, notices), by heading and page.")
    lines += ["", "Official source files (re-download and check with sha256):"]
    for s in release.meta["sources"]:
        lines.append(f"  {s['file']}  {s['url']}")
        lines.append(f"    sha256 {s['sha256']}, {s['size']:,} bytes")
    if release.meta.get("transcribed"):
        lines += ["", "These headline figures were transcribed from the release text, not read from a data file."]
    return "\n".join(lines) + "\n"


#: The checksums file of the zip's folder (the format `sha256sum -c` reads).
SUMS = "SHA256SUMS"


def sha256sums(entries: dict[str, bytes]) -> bytes:
    """'<sha256>  <name>' per file, sorted by name: what `sha256sum` writes and `sha256sum -c` checks."""
    return "".join(f"{hashlib.sha256(entries[n]).hexdigest()}  {n}\n" for n in sorted(entries)).encode("utf-8")


def release_zip(release) -> bytes:
    """The zip's bytes: RELEASE/<table>.csv, release.json, notes.json (if any), README.txt and
    SHA256SUMS (the sha256 of each of the others)."""
    entries: dict[str, bytes] = {}
    for t in release.meta["tables"]:  # with a byte order mark: Excel reads "›" and "–" right only then
        entries[t["file"]] = BOM + spreadsheet_safe_csv((release.folder / t["file"]).read_bytes().removeprefix(BOM))
    entries["release.json"] = (release.folder / "release.json").read_bytes()
    if (release.folder / "notes.json").is_file():
        entries["notes.json"] = (release.folder / "notes.json").read_bytes()
    entries["README.txt"] = readme(release).encode("utf-8")
    entries[SUMS] = sha256sums(entries)

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(f"{release.id}/{name}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, entries[name])
    return buf.getvalue()

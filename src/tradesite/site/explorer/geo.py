"""The map of the latest month's goods balance by partner: which series, which month, which shape.

The geometry is world-atlas 2.0.2's ``countries-110m.json`` (npm; Natural Earth, public domain;
``tradesite/assets/world-atlas/README.md``), served by the site itself. A partner is drawn where
its name as the report prints it is the map's name for a country (or is in :data:`ALIASES`);
areas (Europe, OECD), small countries the 1:110m map does not draw, and names it does not know
are listed under the map instead, so every value is still shown.
"""

from __future__ import annotations

import json
from importlib import resources

from ...periods import month_year
from ...report.series import SeriesCatalog

GEOMETRY = "countries-110m.json"
#: The report's name -> world-atlas's name, where they differ.
ALIASES = {
    "Korea, South": "South Korea", "Korea, North": "North Korea", "Burma": "Myanmar",
    "Bosnia and Herzegovina": "Bosnia and Herz.", "Central African Republic": "Central African Rep.",
    "Congo (Brazzaville)": "Congo", "Congo (Kinshasa)": "Dem. Rep. Congo",
    "Democratic Republic of the Congo": "Dem. Rep. Congo", "Republic of the Congo": "Congo",
    "Cote d'Ivoire": "Côte d'Ivoire", "Czech Republic": "Czechia", "Dominican Republic": "Dominican Rep.",
    "Equatorial Guinea": "Eq. Guinea", "Eswatini": "eSwatini", "Falkland Islands (Islas Malvinas)": "Falkland Is.",
    "French Southern and Antarctic Lands": "Fr. S. Antarctic Lands", "North Macedonia": "Macedonia",
    "Solomon Islands": "Solomon Is.", "South Sudan": "S. Sudan", "Western Sahara": "W. Sahara",
    "Turkiye": "Turkey",
}


def geometry() -> bytes:
    return resources.files("tradesite.assets").joinpath(f"world-atlas/{GEOMETRY}").read_bytes()


def country_ids() -> dict[str, str]:
    """world-atlas name -> ISO 3166-1 numeric id (the shape's id)."""
    topo = json.loads(geometry())
    return {g["properties"]["name"]: g["id"] for g in topo["objects"]["countries"]["geometries"] if g.get("id")}


def _families(cat: SeriesCatalog) -> dict[str, list]:
    """Monthly goods balances by partner, grouped by basis and adjustment ('census-nsa')."""
    out: dict[str, list] = {}
    for s in cat.series.values():
        if s.partner and s.flow == "balance" and s.key.frequency == "monthly" and s.key.line.words == ("Goods",):
            out.setdefault(f"{s.key.basis}|{s.key.seasonal_adjustment}", []).append(s)
    return out


def data(cat: SeriesCatalog) -> dict | None:
    """The map's data: the goods balance with every partner in the newest month any release has by
    partner (the series family with most partners that month), as the newest release published it.
    None when no release has monthly country data."""
    best = None
    for family, series in _families(cat).items():
        latest = {s.id: cat.latest(s.id).iloc[-1] for s in series}
        month = max(str(v["period"]) for v in latest.values())
        have = [s for s in series if str(latest[s.id]["period"]) == month]
        rank = (month, len(have))
        if best is None or rank > best[0]:
            best = (rank, family, have, latest)
    if best is None:
        return None
    (month, _), family, have, latest = best
    ids = country_ids()
    rows, seen = [], set()
    for s in sorted(have, key=lambda s: s.partner):
        v = latest[s.id]
        shape = ids.get(ALIASES.get(s.partner, s.partner))
        if shape in seen:
            shape = None
        seen.add(shape)
        rows.append({"partner": s.partner, "id": shape, "value": float(v["value"]), "release": str(v["release"]),
                     "series": s.id})
    first = have[0]
    return {
        "period": month, "month": month_year(month), "unit": first.unit,
        "what": f"Goods balance by partner, {first.basis_words}, {first.adjustment_words}",
        "exhibits": sorted({e for s in have for e in s.exhibits}),
        "rows": rows,
    }

"""The map of U.S. goods trade by partner: any month with partner data, exports, imports or balance.

The geometry is world-atlas 2.0.2's ``countries-110m.json`` (npm; Natural Earth, public domain;
``tradesite/assets/world-atlas/README.md``), projected here (Equal Earth) into one inline SVG, so
the map reads without JavaScript and without Vega: the newest month's balance is coloured in the
page, each country carries its value as a tooltip (``<title>``), and the ranked table beside it has
every value. ``tradesite-explorer.js`` recolours the same shapes for another month or flow from
``map/<period>.json`` (one small file a month) and keeps the choice in the URL.

A partner is drawn where its name as the report prints it is the map's name for a country (or is
in :data:`ALIASES`). Areas and groups (European Union, Euro Area, Pacific Rim Countries, Other
Europe, OECD, ...: a partner that is not a country of Natural Earth's 1:50m map) are listed apart
from countries, never ranked among them; small countries the 1:110m map does not draw are in the
table only.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources

from markupsafe import Markup

from ....periods import month_year
from ....report.lines import PARTNER_EXHIBITS, line_of
from ...release.pages import front_matter
from ...render import templating
from ...render.svg_lean import simplify
from ...render.tables import figure
from .data import ExplorerData

GEOMETRY = "countries-110m.json"
NAMES = "country-names-50m.json"
FLOWS = ("balance", "exports", "imports")
#: The report's name -> world-atlas's name, where they differ.
ALIASES = {
    "Korea, South": "South Korea",
    "Korea, North": "North Korea",
    "Burma": "Myanmar",
    "Bosnia and Herzegovina": "Bosnia and Herz.",
    "Central African Republic": "Central African Rep.",
    "Congo (Brazzaville)": "Congo",
    "Congo (Kinshasa)": "Dem. Rep. Congo",
    "Democratic Republic of the Congo": "Dem. Rep. Congo",
    "Republic of the Congo": "Congo",
    "Cote d'Ivoire": "Côte d'Ivoire",
    "Czech Republic": "Czechia",
    "Dominican Republic": "Dominican Rep.",
    "Equatorial Guinea": "Eq. Guinea",
    "Eswatini": "eSwatini",
    "Falkland Islands (Islas Malvinas)": "Falkland Is.",
    "French Southern and Antarctic Lands": "Fr. S. Antarctic Lands",
    "North Macedonia": "Macedonia",
    "Solomon Islands": "Solomon Is.",
    "South Sudan": "S. Sudan",
    "Western Sahara": "W. Sahara",
    "Turkiye": "Turkey",
}
#: Areas the exhibits print as memo lines (no country under them in the table).
MEMO_AREAS = {"Euro Area", "OPEC", "Advanced Technology Products"}
WIDTH = 720
#: How far (pixels) a simplified border may stray from Natural Earth's 1:110m line.
MAP_TOLERANCE = 0.6
#: Colour classes of a value: five steps each side of zero (balance) or five of size (a flow).
STEPS = 5


def geometry() -> bytes:
    return resources.files("tradesite.assets").joinpath(f"world-atlas/{GEOMETRY}").read_bytes()


def country_ids() -> dict[str, str]:
    """world-atlas name -> ISO 3166-1 numeric id (the shape's id)."""
    topo = json.loads(geometry())
    return {g["properties"]["name"]: g["id"] for g in topo["objects"]["countries"]["geometries"] if g.get("id")}


@cache
def country_names() -> frozenset[str]:
    """Every country's name in Natural Earth's 1:50m map (small ones the 1:110m map does not draw
    included): what tells a country from an area or a group ('OECD', 'Asia - South')."""
    names = json.loads(resources.files("tradesite.assets").joinpath(f"world-atlas/{NAMES}").read_text(encoding="utf-8"))
    return frozenset(names)


# ---------------------------------------------------------------- projection


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth projection (Šavrič, Patterson, Jenny 2018), radians in, unit sphere out."""
    a1, a2, a3, a4, m = 1.340264, -0.081106, 0.000893, 0.003796, math.sqrt(3) / 2
    theta = math.asin(m * math.sin(lat))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lon * math.cos(theta) / (m * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


X_MAX = equal_earth(math.pi, 0)[0]
Y_MAX = equal_earth(0, math.radians(84))[1]  # the map stops short of the poles (no Antarctica)
HEIGHT = round(WIDTH * (Y_MAX + equal_earth(0, math.radians(56))[1]) / (2 * X_MAX))


def _point(lon: float, lat: float) -> tuple[float, float]:
    x, y = equal_earth(math.radians(lon), math.radians(lat))  # past ±180°: beyond the edge, clipped
    return (x + X_MAX) / (2 * X_MAX) * WIDTH, (Y_MAX - y) / (2 * X_MAX) * WIDTH


def _simplify_ring(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A closed ring simplified in two halves (its ends are one point, which a single pass would
    take for a line of no length)."""
    if len(pts) <= 4:
        return pts
    mid = len(pts) // 2
    out = simplify(pts[: mid + 1], MAP_TOLERANCE) + simplify(pts[mid:], MAP_TOLERANCE)[1:]
    return [
        p
        for i, p in enumerate(out)
        if i == 0 or (round(p[0]), round(p[1])) != (round(out[i - 1][0]), round(out[i - 1][1]))
    ]


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring's longitudes made continuous: one that crosses the antimeridian (Russia, Fiji) goes on
    past 180° instead of jumping across the map; the map's edge clips what lies beyond."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        out.append((lon, lat))
    if sum(lon for lon, _ in out) / len(out) < -180:  # drawn on the right-hand side of the map
        out = [(lon + 360, lat) for lon, lat in out]
    return out


@cache
def shapes() -> dict[str, str]:
    """Shape id -> SVG path data of every country but Antarctica."""
    topo = json.loads(geometry())
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts[1:] if out else pts)
        return [_point(lon, lat) for lon, lat in _unwrap(out)]

    out = {}
    for g in topo["objects"]["countries"]["geometries"]:
        if not g.get("id") or g["properties"]["name"] == "Antarctica":
            continue
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        rings = []
        for polygon in polygons:
            for r in polygon:
                pts = [(round(x), round(y)) for x, y in _simplify_ring(ring(r))]  # a pixel of 720: finer is not seen
                if len(pts) >= 3:
                    rings.append((_area(pts), _path(pts)))
        # islands under MIN_AREA square pixels are not seen either; a country keeps its largest ring
        kept = [d for a, d in rings if a >= MIN_AREA] or [max(rings)[1]] if rings else []
        if kept:
            out[g["id"]] = "".join(kept)
    return out


#: Square pixels (of the 720-pixel map) under which an island is left out of its country's shape.
MIN_AREA = 2


def _area(pts: list[tuple[int, int]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]))) / 2


def _path(pts: list[tuple[int, int]]) -> str:
    """A ring as SVG path data in relative steps ('M156 51l46 0 1-1z'): the map's bytes are its
    path data, and steps of a few pixels are shorter than absolute coordinates."""
    steps = " ".join(f"{x1 - x0} {y1 - y0}" for (x0, y0), (x1, y1) in zip(pts, pts[1:])).replace(" -", "-")
    return f"M{pts[0][0]} {pts[0][1]}l{steps}z"


# ---------------------------------------------------------------- data


def aggregates(data: ExplorerData) -> set[str]:
    """Partners that are areas or groups: a line with countries under it in an exhibit (the newest
    release carrying each partner exhibit tells), a memo area, or a remainder ('Other Europe')."""
    out = set(MEMO_AREAS)
    newest: dict[str, tuple[str, str]] = {}
    for rid in data.release_ids:
        for t in data.catalog.load(rid).meta["tables"]:
            if t["exhibit"] in PARTNER_EXHIBITS:
                newest[t["exhibit"]] = (rid, t["id"])
    for exhibit, (rid, table_id) in newest.items():
        hier = set(data.catalog.load(rid).table(table_id)["hierarchy"].astype(str))
        parents = {" › ".join(h.split(" › ")[:k]) for h in hier for k in range(1, h.count(" › ") + 1)}
        for h in hier & parents:
            line = line_of(exhibit, h)
            if line is not None and line.partner:
                out.add(line.partner)
    countries = country_names()
    return out | {p for p in data.cat.partners() if p.startswith("Other ") or ALIASES.get(p, p) not in countries}


def family(data: ExplorerData) -> tuple[str, str, list] | None:
    """The goods series by partner the map shows: monthly, the basis and adjustment with the most
    partners in the newest month any release has by partner. (basis, adjustment, series) or None."""
    fams: dict[tuple[str, str], list] = {}
    for sd in data.series.values():
        s = sd.series
        if s.partner and s.key.frequency == "monthly" and s.key.line.words == ("Goods",) and sd.latest:
            fams.setdefault((s.key.basis, s.key.seasonal_adjustment), []).append(sd)
    best = None
    for key, members in fams.items():
        month = max(sd.latest[-1][0] for sd in members)
        rank = (month, sum(1 for sd in members if sd.latest[-1][0] == month))
        if best is None or rank > best[0]:
            best = (rank, key, members)
    return None if best is None else (best[1][0], best[1][1], best[2])


def map_data(data: ExplorerData) -> dict | None:
    """Every month the family has, each flow's newest value by partner, and the partners' shapes."""
    fam = family(data)
    if fam is None:
        return None
    basis, adjustment, members = fam
    ids = country_ids()
    drawn = shapes()
    areas = aggregates(data)
    partners: dict[str, dict] = {}
    values: dict[str, dict[str, dict[str, float]]] = {}
    for sd in members:
        s = sd.series
        p = partners.setdefault(s.partner, {"partner": s.partner, "aggregate": s.partner in areas, "series": {}})
        shape = ids.get(ALIASES.get(s.partner, s.partner))
        p["shape"] = shape if shape in drawn and not p["aggregate"] else None
        p["series"][s.flow] = s.id
        for period, value, *_ in sd.latest:
            values.setdefault(period, {}).setdefault(s.flow, {})[s.partner] = value
    periods = sorted(values)
    first = members[0].series
    return {
        "basis": basis,
        "adjustment": adjustment,
        "unit": first.unit,
        "what": f"U.S. goods trade by partner, {first.basis_words}, {first.adjustment_words}",
        "exhibits": sorted({e for sd in members for e in sd.series.exhibits}),
        "partners": sorted(partners.values(), key=lambda p: p["partner"]),
        "periods": periods,
        "values": values,
    }


def classes(values: dict[str, float], flow: str) -> tuple[dict[str, str], list[dict]]:
    """Partner -> colour class, and the legend: steps of equal count (quantiles) of the values'
    magnitudes, on each side of zero for a balance."""
    mags = sorted(abs(v) for v in values.values() if v)
    if not mags:
        return dict.fromkeys(values, "nd"), []
    bounds = [mags[min(len(mags) - 1, int(len(mags) * k / STEPS))] for k in range(1, STEPS)]

    def step(v: float) -> int:
        return 1 + sum(1 for b in bounds if abs(v) > b)

    out = {}
    for partner, v in values.items():
        if flow == "balance":
            out[partner] = "z" if v == 0 else f"{'n' if v < 0 else 'p'}{step(v)}"
        else:
            out[partner] = f"f{step(v)}"
    edges = [0.0, *bounds]
    legend = [
        {
            "cls": ("f" if flow != "balance" else "p") + str(k + 1),
            "text": f"up to {figure(edges[k + 1], 0)}" if k + 1 < STEPS else f"over {figure(edges[-1], 0)}",
        }
        for k in range(STEPS)
    ]
    return out, legend


def svg(md: dict, period: str, flow: str) -> Markup:
    """The map of one month and flow: every country shape, coloured by its value's class."""
    values = md["values"].get(period, {}).get(flow, {})
    cls, _ = classes({p: v for p, v in values.items() if not _partner(md, p)["aggregate"]}, flow)
    drawn = shapes()
    by_shape = {p["shape"]: p for p in md["partners"] if p["shape"]}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ts-map-svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{templating.escape(_label(md, period, flow))}">'
    ]
    for shape, d in drawn.items():
        p = by_shape.get(shape)
        if p is None or p["partner"] not in values:  # its id too: another month may have a figure for it
            parts.append(f'<path d="{d}" class="nd" data-shape="{templating.escape(shape)}"/>')
            continue
        v = values[p["partner"]]
        tip = f"{p['partner']}: {figure(v, 0)} ({md['unit']})"
        parts.append(
            f'<path d="{d}" class="{cls[p["partner"]]}" data-shape="{templating.escape(shape)}">'
            f"<title>{templating.escape(tip)}</title></path>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _partner(md: dict, name: str) -> dict:
    return next(p for p in md["partners"] if p["partner"] == name)


def _label(md: dict, period: str, flow: str) -> str:
    return f"World map: {md['what']}, {flow}, {month_year(period)}"


def rows(md: dict, period: str, flow: str, aggregate: bool) -> list[dict]:
    values = md["values"].get(period, {}).get(flow, {})
    out = [
        {
            "partner": p["partner"],
            "value": values[p["partner"]],
            "shown": figure(values[p["partner"]], 0),
            "series": p["series"].get(flow),
            "mapped": bool(p["shape"]),
        }
        for p in md["partners"]
        if p["aggregate"] == aggregate and p["partner"] in values
    ]
    return sorted(out, key=lambda r: (r["value"], r["partner"]) if flow == "balance" else (-r["value"], r["partner"]))


def period_file(md: dict, period: str) -> bytes:
    """``map/<period>.json``: each flow's value by shape id and by partner for one month."""
    out = {"period": period, "month": month_year(period), "unit": md["unit"], "flows": {}}
    for flow in FLOWS:
        values = md["values"].get(period, {}).get(flow, {})
        out["flows"][flow] = [
            [p["partner"], p["shape"], p["aggregate"], p["series"].get(flow), values[p["partner"]]]
            for p in md["partners"]
            if p["partner"] in values
        ]
    return (json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def pages(data: ExplorerData) -> dict[str, str | bytes]:
    """The map page (newest month, balance) and a data file per month for the others."""
    md = map_data(data)
    if md is None:
        body = "# Map of U.S. trade by partner\n\n<p>No release on this site has monthly figures by partner.</p>\n"
        return {
            "series/map/index.md": front_matter(
                "Map of U.S. trade by partner", "U.S. goods trade by partner.", hide_toc=True
            )
            + body
        }
    period, flow = md["periods"][-1], "balance"
    _, legend = classes({p: v for p, v in md["values"][period][flow].items() if not _partner(md, p)["aggregate"]}, flow)
    html = templating.render(
        "explorer_map.html.j2",
        md=md,
        period=period,
        month=month_year(period),
        flow=flow,
        months=[{"period": p, "month": month_year(p)} for p in reversed(md["periods"])],
        flows=FLOWS,
        svg=svg(md, period, flow),
        legend=legend,
        countries=rows(md, period, flow, False),
        areas=rows(md, period, flow, True),
    )
    out: dict[str, str | bytes] = {
        "series/map/index.md": front_matter(
            "Map of U.S. trade by partner",
            f"U.S. goods exports, imports and balance with every partner, any month from "
            f"{month_year(md['periods'][0])} to {month_year(period)}.",
            hide_toc=True,
        )
        + html
    }
    for p in md["periods"]:
        out[f"series/map/{p}.json"] = period_file(md, p)
    return out

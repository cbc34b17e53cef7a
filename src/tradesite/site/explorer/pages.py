"""The series explorer's pages (Markdown with HTML from templates), path relative to its docs.

    index.md                      the explorer: headline series, topics, partners, map, compare, API
    <series id>/index.md          one page per series (the chart is drawn in the browser from
                                  /api/series/<id>.json; everything else is static)
    topics/<topic>/index.md       the lines of one topic (goods, services, ...)
    partners/index.md             every trading partner; partners/<partner>/index.md its series
    compare/index.md, map/index.md, api/index.md

Every figure on a page comes from the series catalogue (the tidy tables); text is escaped by
the templates. Series pages are out of the navigation (one explorer, thousands of pages).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ...periods import label as period_label
from ...report.numbers import thousands
from ...report.series import Series, SeriesCatalog, slug
from ...report.vocabulary import exhibit_name
from .. import templating
from ..pages import front_matter


def quick_front_matter(title: str, description: str, boost: float | None = None) -> str:
    """front_matter(hide_toc=True) for thousands of pages: JSON strings are YAML's double-quoted scalars."""
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndescription: {json.dumps(description, ensure_ascii=False)}"
            "\nhide:\n  - toc\n" + (f"search:\n  boost: {boost}\n" if boost else "") + "---\n\n")


#: Lines the search ranks first: the totals of goods, services and both, in the world or with a partner.
MAIN_TOPICS = {"Goods", "Services", "Goods and services"}


def boost(s: Series) -> float | None:
    """'China imports' finds goods imports from China, monthly, before chinaware or a quarterly series."""
    if s.key.line.topic in MAIN_TOPICS and not s.key.line.path:
        return 3 if s.key.frequency == "monthly" else 1.5
    return None
from . import api

#: Folders of the explorer that are not series (a series id always ends in its frequency).
RESERVED = {"topics", "partners", "compare", "map", "api", "assets", "javascripts", "stylesheets", "search"}
#: The series the explorer's home leads with: exhibit 1's, then the goods and services with China.
HEADLINE = [
    "goods-and-services-balance-bop-sa-monthly", "goods-and-services-exports-bop-sa-monthly",
    "goods-and-services-imports-bop-sa-monthly", "goods-balance-bop-sa-monthly", "services-balance-bop-sa-monthly",
    "goods-imports-china-census-nsa-monthly", "goods-balance-china-census-sa-monthly",
]
FREQ_ORDER = {"monthly": 0, "quarterly": 1, "annual": 2}
FLOW_ORDER = {"exports": 0, "imports": 1, "balance": 2}


def api_page() -> str:
    """The API's documentation (a static page of the explorer)."""
    from importlib import resources

    return resources.files("tradesite.assets").joinpath("explorer/api.md").read_text(encoding="utf-8")


def partner_slug(partner: str) -> str:
    return slug(partner)


def topic_slug(topic: str) -> str:
    return slug(topic)


def variant(s: Series) -> str:
    """What tells a series from others of its line: 'Census basis, not seasonally adjusted, monthly'."""
    return f"{s.basis_words}, {s.adjustment_words}, {s.key.frequency}"


def _order(s: Series) -> tuple:
    return (s.key.basis, s.key.seasonal_adjustment, FREQ_ORDER[s.key.frequency], s.unit, FLOW_ORDER[s.flow])


@dataclass
class LatestValue:
    period: str
    value: float
    release: str
    previous: str | None = None
    change: float | None = None
    percent: float | None = None

    def words(self, s: Series) -> str:
        """'29,384 in March 2025 (March 2025 release); down 2,251 (−7.1 %) from February 2025'."""
        text = f"{thousands(self.value)} {s.unit} in {period_label(self.period, _ptype(s))}"
        if self.change is None:
            return text + "."
        way = "up" if self.change > 0 else "down" if self.change < 0 else "unchanged"
        amount = "" if self.change == 0 else f" {thousands(abs(self.change))}"
        pct = f" ({self.percent:+.1f} %)".replace("-", "−") if self.percent is not None else ""
        return f"{text}, {way}{amount}{pct} from {period_label(self.previous, _ptype(s))}."


def _ptype(s: Series) -> str:
    return {"monthly": "month", "quarterly": "quarter", "annual": "year"}[s.key.frequency]


def latest(cat: SeriesCatalog, s: Series) -> LatestValue:
    """The newest period as its newest release published it, and its change from the period before
    (as the same release published it, where it did)."""
    from ...periods import previous

    rows = cat.rows(s.id)
    period, value, release = rows[-1][:3]  # the newest period's newest release
    out = LatestValue(period, float(value), release)
    before_period = previous(period)
    prior = [r for r in rows if r[0] == before_period and r[2] == release]
    if prior:
        before = float(prior[0][1])
        out.previous, out.change = previous(out.period), out.value - before
        if before and (before > 0) == (out.value > 0) and s.flow != "balance":
            out.percent = 100 * (out.value / before - 1)
    return out


class Pages:
    """The explorer's pages, built from one series catalogue."""

    def __init__(self, cat: SeriesCatalog, release_months: dict[str, str]) -> None:
        self.cat = cat
        self.release_months = release_months  # release on the site -> 'March 2025'
        self.by_line: dict[tuple, list[Series]] = {}
        for s in cat.series.values():
            self.by_line.setdefault((s.key.line.words, s.partner), []).append(s)
        for group in self.by_line.values():
            group.sort(key=_order)
        bad = [s for s in cat.series if s in RESERVED]
        if bad:
            raise ValueError(f"series ids {bad} are explorer folders; name the line apart in report/lines.py")

    def series_page(self, s: Series) -> str:
        line = self.by_line[(s.key.line.words, s.partner)]
        siblings = [{"id": o.id, "flow": o.flow, "variant": variant(o), "current": o.id == s.id} for o in line]
        now = latest(self.cat, s)
        releases = [{"id": r, "month": self.release_months.get(r) or r, "on_site": r in self.release_months}
                    for r in s.releases]
        html = templating.render(
            "explorer_series.html.j2", s=s, variant=variant(s), latest=now.words(s), siblings=siblings,
            releases=releases, exhibits=[exhibit_name(e) for e in s.exhibits],
            first=period_label(s.first, _ptype(s)), last=period_label(s.last, _ptype(s)),
            json_url=f"../../{api.json_url(s.id)}", csv_url=f"../../{api.csv_url(s.id)}",
            partner_url=f"../partners/{partner_slug(s.partner)}/" if s.partner else "",
            topic_url=f"../topics/{topic_slug(s.key.line.topic)}/",
        )
        return quick_front_matter(s.title, f"{s.title}: every value each release published, its revisions, chart and "
                                  "downloads.", boost(s)) + html

    def topics(self) -> dict[str, list[tuple]]:
        """Topic -> its lines without a partner: (labels, series of the line)."""
        out: dict[str, list[tuple]] = {}
        for (words, partner), group in sorted(self.by_line.items()):
            if not partner:
                out.setdefault(words[0], []).append((words, group))
        return out

    def topic_page(self, topic: str, lines: list[tuple]) -> str:
        rows = [{"label": " › ".join(words[1:]) or f"{topic} (total)", "level": len(words) - 1,
                 "series": [{"id": s.id, "flow": s.flow, "variant": variant(s)} for s in group]} for words, group in lines]
        html = templating.render("explorer_list.html.j2", rows=rows, prefix="../../")
        return front_matter(f"{topic}: series", f"Every line of {topic.lower()} in the report, followed across releases.",
                            hide_toc=True) + f"# {templating.escape(topic)}\n\n" + html

    def partner_page(self, partner: str, series: list[Series]) -> str:
        groups: dict[tuple, list[Series]] = {}
        for s in sorted(series, key=_order):
            groups.setdefault(s.key.line.words, []).append(s)
        rows = [{"label": " › ".join(words), "level": 0,
                 "series": [{"id": s.id, "flow": s.flow, "variant": variant(s)} for s in group]}
                for words, group in sorted(groups.items())]
        compare = [s.id for s in series if s.key.line.words == ("Goods",) and s.key.frequency == "monthly"][:3]
        html = templating.render("explorer_partner.html.j2", partner=partner, rows=rows, compare=",".join(compare))
        return front_matter(f"{partner}: every series", f"U.S. trade with {partner}: every series of the report, "
                            "followed across releases.", hide_toc=True) + html

    def partners_index(self) -> str:
        partners = [{"name": p, "slug": partner_slug(p), "count": len(ss)} for p, ss in self.cat.partners().items()]
        html = templating.render("explorer_partners.html.j2", partners=partners)
        return front_matter("Trading partners", "Every country and area the report names, with its series.",
                            hide_toc=True) + html

    def home(self, topics: dict[str, list[tuple]]) -> str:
        headline = [self.cat.series[i] for i in HEADLINE if i in self.cat.series]
        html = templating.render(
            "explorer_home.html.j2", headline=[{"id": s.id, "title": s.title} for s in headline],
            topics=[{"name": t, "slug": topic_slug(t), "count": sum(len(g) for _, g in lines)} for t, lines in topics.items()],
            count=len(self.cat.series), partners=len(self.cat.partners()), releases=len(self.cat.release_ids),
        )
        return front_matter("Series explorer", "Follow any number of the report across every release: "
                            "vintages, revisions, charts, downloads and a static API.", hide_toc=True) + html

    def map_page(self, data: dict | None) -> str:
        rows = []
        for r in sorted((data or {}).get("rows", []), key=lambda r: r["value"]):
            rows.append({**r, "shown": thousands(r["value"])})
        html = templating.render("explorer_map.html.j2", title="Map of the balance by partner", map=data, rows=rows,
                                 exhibits=[exhibit_name(e) for e in (data or {}).get("exhibits", [])])
        return front_matter("Map of the balance by partner", "The latest month's goods balance with each partner.",
                            hide_toc=True) + html

    def files(self, map_data: dict | None = None) -> dict[str, str]:
        topics = self.topics()
        out = {"index.md": self.home(topics)}
        for s in self.cat.series.values():
            out[f"{s.id}/index.md"] = self.series_page(s)
        for topic, lines in topics.items():
            out[f"topics/{topic_slug(topic)}/index.md"] = self.topic_page(topic, lines)
        out["partners/index.md"] = self.partners_index()
        for partner, series in self.cat.partners().items():
            out[f"partners/{partner_slug(partner)}/index.md"] = self.partner_page(partner, series)
        for name, title, description in (
            ("compare", "Compare series", "Several series of the report on one chart."),
        ):
            out[f"{name}/index.md"] = front_matter(title, description, hide_toc=True) + templating.render(
                f"explorer_{name}.html.j2", title=title)
        out["api/index.md"] = front_matter("Static API", "Every series and release as plain JSON and CSV files, "
                                           "with JSON Schemas.") + api_page()
        out["map/index.md"] = self.map_page(map_data)
        return out

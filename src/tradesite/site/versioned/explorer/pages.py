"""The pages of the site's root (Markdown with HTML from templates), path relative to its docs.

    index.md                          the site's home: the newest release, every release, the explorer
    series/index.md                   the explorer: headline series, topics, partners, map, compare
    series/_shell/index.md            the page every series page is filled into (:mod:`.shell`)
    series/topics/<topic>/index.md    the lines of one topic (goods, services, ...)
    series/partners/index.md          every trading partner; partners/<partner>/index.md its series
    series/compare/index.md, series/map/index.md
    api/index.md                      the static API's documentation

Series pages themselves (``series/<id>/``) are filled into the shell after the build
(:func:`series_page`). Every figure comes from the series catalogue (the tidy tables); text is
escaped by the templates and by :func:`tradesite.site.release.pages.front_matter`.
"""

from __future__ import annotations

from functools import cached_property
from importlib import resources

from markupsafe import Markup

from ....periods import month_year
from ....report.headline import headline, sentence
from ....report.series import COLUMNS, Series, slug
from ...release import cite
from ...release.pages import front_matter
from ...render import templating
from . import api, geo, series_page, shell, vintage_files
from .data import ExplorerData, SeriesData

SERIES = "series"
#: Folders of the explorer that are not series (a series id always ends in its frequency).
RESERVED = {
    "topics",
    "partners",
    "compare",
    "map",
    "api",
    "assets",
    "javascripts",
    "stylesheets",
    "search",
    "revisions",
    shell.SLUG,
}
#: The series the explorer's home leads with: exhibit 1's, then the goods and services with China.
HEADLINE = [
    "goods-and-services-balance-bop-sa-monthly",
    "goods-and-services-exports-bop-sa-monthly",
    "goods-and-services-imports-bop-sa-monthly",
    "goods-balance-bop-sa-monthly",
    "services-balance-bop-sa-monthly",
    "goods-imports-china-census-nsa-monthly",
    "goods-balance-china-census-sa-monthly",
]
FREQ_ORDER = {"monthly": 0, "quarterly": 1, "annual": 2}
FLOW_ORDER = {"exports": 0, "imports": 1, "balance": 2}
#: Lines the search ranks first: the totals of goods, services and both, in the world or with a partner.
MAIN_TOPICS = {"Goods", "Services", "Goods and services"}


def boost(s: Series) -> float | None:
    """'China imports' finds goods imports from China, monthly, before chinaware or a quarterly series."""
    if s.key.line.topic in MAIN_TOPICS and not s.key.line.path:
        return 3 if s.key.frequency == "monthly" else 1.5
    return None


def partner_slug(partner: str) -> str:
    return slug(partner)


def topic_slug(topic: str) -> str:
    return slug(topic)


def variant(s: Series) -> str:
    """What tells a series from others of its line: 'Census basis, not seasonally adjusted, monthly'."""
    return f"{s.basis_words}, {s.adjustment_words}, {s.key.frequency}"


def _order(s: Series) -> tuple:
    return (s.key.basis, s.key.seasonal_adjustment, FREQ_ORDER[s.key.frequency], s.unit, FLOW_ORDER[s.flow])


def api_page() -> str:
    """The API's documentation (``/api/``)."""
    return resources.files("tradesite.assets").joinpath("explorer/api.md").read_text(encoding="utf-8")


def cited_release(sd: SeriesData, carriers: list[str]) -> str:
    """The first release whose files carry the series at or after the newest first publication of
    any of its newest values: the values its newest-values CSV holds have been the same from that
    release on (a later release reprinted them unchanged), so citing it pins that CSV."""
    changed = max(p[2] for p in sd.latest)
    return next((r for r in carriers if r >= changed), carriers[-1])


#: Where a series' plain rows (``SeriesCatalog.rows``: its observations without the series) hold
#: the release and the file.
_RELEASE = COLUMNS.index("release") - 1
_SOURCE_FILE = COLUMNS.index("source_file") - 1


class Pages:
    """The root's pages, built from the explorer's data."""

    def __init__(self, data: ExplorerData, base: str = "") -> None:
        self.data = data
        self.base = base  # the site's root URL: a series' citation and Dataset name its page's
        self.by_line: dict[tuple, list[Series]] = {}
        for sd in data.series.values():
            s = sd.series
            self.by_line.setdefault((s.key.line.words, s.partner), []).append(s)
        for group in self.by_line.values():
            group.sort(key=_order)
        bad = [sid for sid in data.series if sid in RESERVED]
        if bad:
            raise ValueError(f"series ids {bad} are explorer folders; name the line apart in report/lines.py")

    # -- series pages (filled into the shell) --------------------------------------------------

    def series_page(self, sid: str) -> tuple[str, str, Markup]:
        """(title, description, content) of one series page."""
        sd = self.data.series[sid]
        s = sd.series
        line = self.by_line[(s.key.line.words, s.partner)]
        siblings = [{"id": o.id, "flow": o.flow, "variant": variant(o), "current": o.id == s.id} for o in line]
        content = series_page.render(
            sd,
            self.data,
            siblings,
            partner_url=f"../partners/{partner_slug(s.partner)}/" if s.partner else "",
            topic_url=f"../topics/{topic_slug(s.key.line.topic)}/",
            stats=self.stats.get(sid),
            revision_rows=self.data.revision_rows.get(sid, []),
            cite_html=self.citation(sd),
        )
        return s.title, series_page.description(sd), content

    @cached_property
    def stats(self) -> dict[str, dict]:
        from ....report.revision_stats import _plain

        return {
            r["series"]: {k: _plain(v) for k, v in r.items()} for r in self.data.revision_statistics.to_dict("records")
        }

    def citation(self, sd) -> str:
        """'Cite this' and the schema.org Dataset of a series page: the page and its newest-values CSV
        (its sha256), as of the release that made that CSV what it is (:func:`cited_release`), and
        that release's official files it comes from (never every release's: the page stays the same
        size, and a release that reprints the series unchanged leaves it unchanged)."""
        s = sd.series
        newest = cited_release(sd, self.data.carriers(s))
        meta = self.data.catalog.load(newest).meta
        printed = [r for r in self.data.cat.rows(s.id) if r[_RELEASE] == newest]  # plain rows: no frame a page
        official = cite.series_files(
            {"release": [newest] * len(printed), "source_file": [r[_SOURCE_FILE] for r in printed]}, {newest: meta}
        )
        url = f"{self.base}{SERIES}/{s.id}/"
        csv_name = api.csv_url(s.id)
        block = cite.block(
            cite.series_citation(
                s.title, meta, url, official, {csv_name.rsplit("/", 1)[-1]: (self.base + csv_name, api.series_csv(sd))}
            ),
            "series",
            "CSV file",
        )
        dataset = cite.series_dataset(
            s.title,
            series_page.description(sd),
            url,
            (s.first, s.last),
            [
                (path.rsplit("/", 1)[-1], self.base + path)
                for path in (csv_name, api.vintages_url(s.id), vintage_files.PARQUET)
            ],
            official,
            meta,
        )
        return cite.jsonld(dataset) + block

    # -- listings ------------------------------------------------------------------------------

    def topics(self) -> dict[str, list[tuple]]:
        """Topic -> its lines without a partner: (labels, series of the line)."""
        out: dict[str, list[tuple]] = {}
        for (words, partner), group in sorted(self.by_line.items()):
            if not partner:
                out.setdefault(words[0], []).append((words, group))
        return out

    def topic_page(self, topic: str, lines: list[tuple]) -> str:
        rows = [
            {
                "label": " › ".join(words[1:]) or f"{topic} (total)",
                "level": len(words) - 1,
                "series": [{"id": s.id, "flow": s.flow, "variant": variant(s)} for s in group],
            }
            for words, group in lines
        ]
        html = templating.render("explorer_list.html.j2", rows=rows, prefix="../../")
        return (
            front_matter(
                f"{topic}: series",
                f"Every line of {topic.lower()} in the report, followed across releases.",
                hide_toc=True,
            )
            + f"# {templating.escape(topic)}\n\n"
            + html
        )

    def partner_page(self, partner: str, series: list[Series]) -> str:
        groups: dict[tuple, list[Series]] = {}
        for s in sorted(series, key=_order):
            groups.setdefault(s.key.line.words, []).append(s)
        rows = [
            {
                "label": " › ".join(words),
                "level": 0,
                "series": [{"id": s.id, "flow": s.flow, "variant": variant(s)} for s in group],
            }
            for words, group in sorted(groups.items())
        ]
        compare = [s.id for s in series if s.key.line.words == ("Goods",) and s.key.frequency == "monthly"][:3]
        html = templating.render("explorer_partner.html.j2", partner=partner, rows=rows, compare=",".join(compare))
        return (
            front_matter(
                f"{partner}: every series",
                f"U.S. trade with {partner}: every series of the report, followed across releases.",
                hide_toc=True,
            )
            + html
        )

    def partners_index(self) -> str:
        partners = [
            {"name": p, "slug": partner_slug(p), "count": len(ss)} for p, ss in self.data.cat.partners().items()
        ]
        html = templating.render("explorer_partners.html.j2", partners=partners)
        return (
            front_matter("Trading partners", "Every country and area the report names, with its series.", hide_toc=True)
            + html
        )

    def explorer_home(self, topics: dict[str, list[tuple]]) -> str:
        headline_series = [self.data.series[i].series for i in HEADLINE if i in self.data.series]
        html = templating.render(
            "explorer_home.html.j2",
            headline=[{"id": s.id, "title": s.title} for s in headline_series],
            topics=[
                {"name": t, "slug": topic_slug(t), "count": sum(len(g) for _, g in lines)}
                for t, lines in topics.items()
            ],
            count=len(self.data.series),
            partners=len(self.data.cat.partners()),
            releases=len(self.data.release_ids),
        )
        return (
            front_matter(
                "Series explorer",
                "Follow any number of the report across every release: "
                "vintages, revisions, charts, downloads and a static API.",
                hide_toc=True,
            )
            + html
        )

    def site_home(self) -> str:
        """The site's home: the newest release's headline and a link to it, every release, the
        explorer and the API."""
        newest = self.data.newest
        h = headline(self.data.catalog.load(newest))
        releases = [{"id": r, "month": self.data.release_months[r]} for r in reversed(self.data.release_ids)]
        said = f"{month_year(h.period)}: {sentence(h)[:1].lower()}{sentence(h)[1:]}" if h else ""
        html = templating.render(
            "site_home.html.j2",
            newest={"id": newest, "month": self.data.release_months[newest]},
            headline=said,
            releases=releases,
        )
        return (
            front_matter(
                "U.S. International Trade in Goods and Services",
                "The monthly FT-900 report of the Census Bureau and BEA, every release as a site of its "
                "own, every number from the official files, and each number followed across releases.",
                hide_toc=True,
            )
            + html
        )

    def ranking_page(self) -> str:
        """The headline series ranked by their typical revision (report.revision_stats.ranking)."""
        from ....report.revision_stats import ranking

        ranked = ranking(self.data.revision_statistics)
        values = [
            r[k]
            for r in ranked
            for k in ("mean_abs_revision", "mean_revision", "mean_abs_revision_next")
            if r.get(k) is not None
        ]
        d = series_page.decimals(values)

        def num(v, signed=False):
            return "–" if v is None else (("+" if signed and v > 0 else "") + series_page.figure(v, d))

        rows = [
            {
                "rank": r["rank"],
                "series": r["series"],
                "title": self.data.series[r["series"]].series.title,
                "mar": num(r["mean_abs_revision"]),
                "bias": num(r["mean_revision"], True),
                "share": "–" if r.get("share_revised") is None else f"{round(100 * r['share_revised'])} %",
                "periods": r["periods"],
                "mar_next": num(r.get("mean_abs_revision_next")),
                "periods_next": r.get("periods_next") or 0,
            }
            for r in ranked
            if r["series"] in self.data.series
        ]
        return front_matter(
            "How much first estimates move",
            "The headline series of the report ranked by how much "
            "their first estimate is revised: mean absolute revision, bias, share revised.",
            hide_toc=True,
        ) + templating.render("explorer_revisions.html.j2", rows=rows)

    def files(self) -> dict[str, str | bytes]:
        topics = self.topics()
        out: dict[str, str | bytes] = {
            "index.md": self.site_home(),
            f"{SERIES}/index.md": self.explorer_home(topics),
            f"{SERIES}/{shell.SLUG}/index.md": shell.page(),
        }
        for topic, lines in topics.items():
            out[f"{SERIES}/topics/{topic_slug(topic)}/index.md"] = self.topic_page(topic, lines)
        out[f"{SERIES}/partners/index.md"] = self.partners_index()
        for partner, series in self.data.cat.partners().items():
            out[f"{SERIES}/partners/{partner_slug(partner)}/index.md"] = self.partner_page(partner, series)
        out[f"{SERIES}/compare/index.md"] = front_matter(
            "Compare series", "Several series of the report on one chart.", hide_toc=True
        ) + templating.render("explorer_compare.html.j2", title="Compare series")
        out[f"{SERIES}/revisions/index.md"] = self.ranking_page()
        out.update(geo.pages(self.data))
        out["api/index.md"] = (
            front_matter(
                "Static API", "Every series and release as plain JSON, CSV and Parquet files, with JSON Schemas."
            )
            + api_page()
        )
        return out

"""What this release revised: the figures of earlier months it changed, computed from the files.

Two sources (:mod:`tradesite.report.revisions`): the release's own "as published last month" rows,
and a comparison with the previous bundled release carrying the same exhibit. The
release's own "Revisions" text (release PDF, ``notes.json`` section ``revisions``) stands
beside the computed figures, so a reader can check one against the other; the sentences
we write for last month use the release's wording ("Exports of goods were revised down
less than $0.1 billion.").
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import altair as alt
import pandas as pd

from ... import periods
from ...periods import month, month_year
from ...report import revisions as rv
from ...report.coverage import COMPLETE, NONE, Status
from ...report.numbers import billions
from ...report.vocabulary import FLOW_NAMES, exhibit_order, exhibits_in_words
from ..builders.explain import pdf_of
from ..builders.revision_tables import SUMMARY_FROM, period_text, summary_table, table
from ..render import theme
from ..render.markup import md
from ..render.model import Chapter, Chart, Text

SLUG = "what-changed"
TITLE = "What this release revised"

#: The four series the release's "Revisions" section speaks of, in its order.
SENTENCE_SERIES = [("exports", "Goods"), ("exports", "Services"), ("imports", "Goods"), ("imports", "Services")]


def headline_revisions(revs: pd.DataFrame, period: str) -> pd.DataFrame:
    """Revisions of exhibit 1's monthly series for ``period``, from the first exhibit of
    :data:`tradesite.report.revisions.EXHIBIT_1` that has any (the release's own exhibit 1 first)."""
    rows = revs[
        (revs["period"] == period)
        & (revs["period_type"] == "month")
        & (revs["seasonal_adjustment"] == "seasonally_adjusted")
        & (revs["basis"] == "balance_of_payments")
        & revs["line_item"].isin(rv.PARTS)
    ]
    for exhibit in rv.EXHIBIT_1:
        found = rows[rows["exhibit"] == exhibit]
        if not found.empty:
            return found
    return rows.iloc[0:0]


def revision_sentence(flow: str, part: str, revision: float | None) -> str:
    """'Exports of goods were revised down less than $0.1 billion.' (trad0325.pdf page 3);
    ``revision`` in millions of dollars, None or 0 when the figure did not move."""
    what = f"{FLOW_NAMES[flow]} of {part.lower()}"
    if not revision:
        return f"{what} were not revised."
    amount = abs(billions(revision))
    size = "less than $0.1 billion" if amount == 0 else f"${amount} billion"
    return f"{what} were revised {'up' if revision > 0 else 'down'} {size}."


def revision_sentences(revs: pd.DataFrame, period: str) -> dict[str, list[str]]:
    """{'Revisions to February exports': [...], 'Revisions to February imports': [...]},
    or {} when nothing shows how exhibit 1's figures for ``period`` were revised."""
    rows = headline_revisions(revs, period)
    if rows.empty:
        return {}
    out: dict[str, list[str]] = {}
    for flow, part in SENTENCE_SERIES:
        found = rows[(rows["flow"] == flow) & (rows["line_item"] == part)]
        value: float | None = None
        if not found.empty:
            value = float(found["revision"].iloc[0])
            if found["unit"].iloc[0] == "billions of dollars":
                value *= 1000
        out.setdefault(f"Revisions to {month(period)} {flow}", []).append(revision_sentence(flow, part, value))
    return out


def release_notes(release) -> list[dict]:
    """The release's own "Revisions" section(s) (notes.json, written by the PDF reader)."""
    return [
        n
        for n in release.notes
        if n.get("section") == "revisions" or str(n.get("heading", "")).strip().lower().startswith("revisions")
    ]


def _paragraph(p: str) -> str:
    """A notes.json paragraph as Markdown: its bullets ('• ', second level '◦ ') as list items."""
    if p.startswith("• "):
        return "- " + md(p[2:])
    if p.startswith("◦ "):
        return "    - " + md(p[2:])
    return md(p)


def notes_text(notes: list[dict], release) -> Text:
    """The release's "Revisions" section as printed, naming the file and page."""
    pdf = pdf_of(release)
    parts = ["## In the release's own words", ""]
    for n in notes:
        page = f", page {md(n['page'])}" if n.get("page") else ""
        parts += [f"**{md(n.get('heading', 'Revisions'))}** ({md(pdf)}{page})", ""]
        items = [_paragraph(p) for p in n.get("paragraphs", [])]
        for item, following in zip(items, items[1:] + [""]):
            # list items stay together; a blank line closes a list or a paragraph
            parts.append(item)
            if not (item.lstrip().startswith("- ") and following.lstrip().startswith("- ")):
                parts.append("")
    return Text("\n".join(parts).strip())


def _series(row) -> str:
    return f"{FLOW_NAMES.get(row['flow'], row['flow'])}: {row['line_item'].lower() if row['line_item'] in rv.PARTS else row['line_item']}"


def _words(row) -> str:
    """'services exports' for a part of exhibit 1, else 'exports: <line item>'."""
    if row["part"] in PARTS:
        return f"{row['part'].lower()} {row['flow'].lower()}"
    return row["series"].lower()


#: Revised exhibit-1 parts are coloured as the parts they are (theme); others by their flow.
PARTS = ("Goods", "Services")


def chart(revs: pd.DataFrame) -> Chart | None:
    """Bars: each revised month of exhibit 1's goods and services exports and imports
    (or, without exhibit 1, the top lines of the first revised exhibit), in billions: one panel
    per flow, goods and services each in its colour."""
    months = revs[
        (revs["period_type"] == "month")
        & (revs["seasonal_adjustment"] == "seasonally_adjusted")
        & revs["unit"].isin(["millions of dollars", "billions of dollars"])
    ]
    picked = (
        pd.concat([headline_revisions(months, m) for m in sorted(months["period"].unique())])
        if not months.empty
        else months
    )
    picked = picked[(picked["line_item"] != "Total") & (picked["flow"] != "balance")] if not picked.empty else picked
    if picked.empty and not months.empty:
        exhibit = months["exhibit"].iloc[0]
        picked = months[(months["exhibit"] == exhibit) & (months["level"] == 0)]
    if picked.empty:
        return None
    scale = picked["unit"].map({"millions of dollars": 1 / 1000, "billions of dollars": 1.0})
    data = pd.DataFrame(
        {
            "month": picked["period"].map(month_year),
            "order": picked["period"],
            "series": picked.apply(_series, axis=1),
            "flow": picked["flow"].map(lambda f: FLOW_NAMES.get(f, f)),
            "part": picked["line_item"],
            "revision": (picked["revision"] * scale).round(3),
            "earlier": (picked["earlier"] * scale).round(3),
            "later": (picked["later"] * scale).round(3),
            "as_published_in": picked["earlier_release"],
        }
    )
    order = list(dict.fromkeys(data.sort_values("order")["month"]))
    by_part = set(data["part"]) <= set(PARTS)
    key = "part" if by_part else "flow"
    base = alt.Chart()
    bars = base.mark_bar().encode(
        x=alt.X("month:N", sort=order, title=None, axis=alt.Axis(labelAngle=0 if len(order) <= 3 else -40)),
        xOffset=alt.XOffset(
            f"{key}:N" if by_part else "series:N", sort=theme.ordered(data[key], theme.SERIES) if by_part else None
        ),
        y=alt.Y("revision:Q", title="Revision, billions of dollars"),
        color=theme.color(key, data[key]),
        tooltip=[
            alt.Tooltip("month:N", title="Month"),
            alt.Tooltip("series:N", title="Series"),
            alt.Tooltip("earlier:Q", title="As published earlier", format=",.3f"),
            alt.Tooltip("as_published_in:N", title="in release"),
            alt.Tooltip("later:Q", title="As revised", format=",.3f"),
            alt.Tooltip("revision:Q", title="Revision", format="+,.3f"),
        ],
    )
    zero = base.mark_rule().encode(y=alt.datum(0))
    if by_part:
        flows = theme.ordered(data["flow"], theme.SERIES)
        width = (theme.WIDTH - 40) // len(flows)
        spec = (
            alt.layer(bars, zero, data=data)
            .properties(width=width)
            .facet(
                column=alt.Column(
                    "flow:N", title=None, sort=flows, header=alt.Header(labelFontSize=12, labelFontWeight="bold")
                )
            )
        )
    else:
        spec = alt.layer(bars, zero, data=data).properties(width=theme.WIDTH)
    ups, downs = (data["revision"] > 0).sum(), (data["revision"] < 0).sum()
    top = data.loc[data["revision"].abs().idxmax()]
    said = (
        f"This release revised {_count(len(data), 'figure')} of {_count(len(order), 'earlier month')}, "
        f"{ups} up and {downs} down; the largest revision was to {_words(top)} for {top['month']}, "
        f"{'up' if top['revision'] > 0 else 'down'} ${abs(top['revision']) * 1000:,.0f} million."
    )
    return Chart(
        id="revisions-by-month",
        title="Revisions to earlier months",
        chart=spec,
        summary=said,
        description=(
            f"Bar chart of the revisions this release made to exports and imports of goods and of "
            f"services for {_count(len(order), 'earlier month')}: "
            f"{', '.join(order[:6])}{'…' if len(order) > 6 else ''}; {_count(ups, 'figure')} revised up, "
            f"{downs} down, in billions of dollars; bars above zero are upward revisions."
        ),
        source="revised figures of this release against the figures as published earlier (table below)",
        unit="billions of dollars, seasonally adjusted",
    )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _span(months: pd.Series) -> str:
    first, last = month_year(months.min()), month_year(months.max())
    n = months.nunique()
    return f" of {first}" if n == 1 else f" of {n} earlier months, {first} to {last}"


def intro(release, revs: pd.DataFrame) -> str:
    prev = periods.previous(release.id)
    own = revs[revs["how"] == rv.OWN]
    earlier = sorted(set(revs.loc[revs["how"] == rv.PREVIOUS, "earlier_release"]))
    months = revs.loc[revs["period_type"] == "month", "period"]
    lines = [
        f"The files of the {release.month_name} release show {_count(len(revs), 'revised figure')}"
        f"{_span(months) if not months.empty else ''} (one figure can appear in several exhibits or files)."
    ]
    if not own.empty:
        lines.append(
            f"{len(own):,} of them come from the release's own rows of {month_year(prev)} “as published last month”."
        )
    if earlier:
        names = ", ".join(month_year(r) for r in earlier)
        lines.append(
            f"{'The others' if not own.empty else 'They'} come from comparing this release with the "
            f"previous release on this site carrying the same exhibit ({names})."
        )
    return " ".join(lines)


def _file_exhibits(file: str, exhibits: list[str]) -> str:
    """'exh7.xlsx', or 'trad0325.pdf (exhibits 10, 11)' where the name does not say the exhibit."""
    if [file] == [f"exh{e}.xlsx" for e in exhibits]:
        return file
    if exhibits == ["headlines"]:
        return "the headline figures of the release page"
    return f"{file} ({exhibits_in_words(exhibits)})"


def marked_text(marked: pd.DataFrame, revs: pd.DataFrame, release: str) -> Text | None:
    """Periods the files mark revised "(R)" whose earlier figures are not bundled here."""
    shown = set(zip(revs["exhibit"], revs["period"]))
    rest = marked[[(e, p) not in shown for e, p in zip(marked["exhibit"], marked["period"])]]
    # the release's own month is first published here, whatever a country table's "(R)" column says
    rest = rest[~((rest["period_type"] != "year") & (rest["period"] == release))]
    if rest.empty:
        return None
    items = []
    for (period, kind), group in rest.groupby(["period", "period_type"], sort=True):
        files = ", ".join(
            _file_exhibits(f, sorted(g["exhibit"], key=exhibit_order))
            for f, g in sorted(group.groupby("source_file"), key=lambda fg: exhibit_order(fg[1]["exhibit"].iloc[0]))
        )
        items.append(f"- {period_text(kind, period)}: {files}")
    lead = (
        "The files also mark these periods revised “(R)”"
        if not revs.empty
        else "The files mark these periods revised “(R)”"
    )
    return Text(
        lead + "; the figures as published before are not among the releases on this site, so the size of "
        "these revisions is not shown here:\n\n" + "\n".join(items)
    )


@lru_cache(maxsize=32)
def _facts(release_id: str, data_dir: str) -> tuple[pd.DataFrame, list[dict], pd.DataFrame]:
    """(revisions, the release's own "Revisions" text, periods marked revised), computed once
    for the coverage table and the page."""
    release = rv.load(release_id, Path(data_dir))
    return rv.revisions(release, Path(data_dir)), release_notes(release), rv.marked_revised(release)


def facts(release):
    return _facts(release.id, str(release.release.folder.parent))


def status(release) -> Status:
    """Complete when the files show any revision: in the release's own words, marked "(R)", in its
    "as published last month" rows or against the previous release with the same exhibit. The
    cheap checks come first (the coverage table asks this of every release of the site)."""
    if release_notes(release) or not rv.own(release.release).empty:
        return Status(COMPLETE)
    if marked_text(rv.marked_revised(release.release), rv.own(release.release), release.id) is not None:
        return Status(COMPLETE)
    revs, _, _ = facts(release)
    return Status(COMPLETE) if not revs.empty else Status(NONE)


def build(release, status: Status) -> Chapter:
    revs, notes, marked_rows = facts(release)
    marked = marked_text(marked_rows, revs, release.id)
    blocks: list = [Text(intro(release, revs))] if not revs.empty else []
    sentences = revision_sentences(revs, periods.previous(release.id))
    if sentences:
        lines = ["## Revisions to last month, computed from the files", ""]
        for heading, items in sentences.items():
            lines += [f"**{heading}**", ""] + [f"- {s}" for s in items] + [""]
        blocks.append(Text("\n".join(lines).strip()))
    if notes:
        blocks.append(notes_text(notes, release))
    if marked is not None:
        blocks.append(marked)
    if not revs.empty:
        c = chart(revs)
        if c is not None:
            blocks.append(c)
        blocks.append(summary_table(revs) if len(revs) >= SUMMARY_FROM else table(revs))
    return Chapter(
        slug=SLUG,
        title=TITLE,
        summary="The figures of earlier months this release revised, by how much and in which direction.",
        blocks=blocks,
        exhibits=sorted(set(revs["exhibit"]) | set(marked_rows["exhibit"]), key=exhibit_order),
    )

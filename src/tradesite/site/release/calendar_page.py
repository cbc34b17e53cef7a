"""The release calendar page (``/RELEASE/calendar/``), the release home's dates line and the
``.ics`` file of known release dates (:mod:`tradesite.report.calendar` has the dates).

Every version's page lists the dates known when it was built; ``calendar.ics`` at the root of the
versioned site is written again by each publish (:mod:`..versioned.feeds`), so a subscribed calendar learns
the next date as soon as a release states it. The page's own ``releases.ics`` is its copy.
"""

from __future__ import annotations

import pandas as pd

from ...periods import month_year
from ...report.calendar import UNKNOWN, Dates, Event, calendar, dates, events
from ...report.catalog import ReleaseView
from ..render import templating

SLUG = "calendar"
TITLE = "Release calendar"
ICS = "calendar.ics"  # at the root of the versioned site
OWN_ICS = "releases.ics"  # beside the page
PRODID = "-//tradesite//FT-900 release calendar//EN"


def when(iso: str | None) -> str:
    """'2025-05-06' -> 'May 6, 2025'."""
    if not iso:
        return ""
    ts = pd.Timestamp(iso)
    return f"{ts.strftime('%B')} {ts.day}, {ts.year}"


def release_dates(release: ReleaseView) -> Dates:
    """The release's dates, with the next month's release of the site where it has one."""
    following = next((r for r in release.catalog.ids if r > release.id), None)
    meta = release.catalog.load(following).meta if following else None
    return dates(release.meta, meta if meta and meta["release"] == _next(release.id) else None)


def _next(rid: str) -> str:
    from ...periods import add

    return add(rid, 1)


def dates_line(release: ReleaseView, calendar_href: str = f"{SLUG}/") -> str:
    """The release home's line: 'Published on May 6, 2025; next release on June 5, 2025.' with
    where each date is stated, or that it is not known."""
    d = release_dates(release)
    return (
        templating.render(
            "release_dates.html.j2",
            published=when(d.published),
            published_source=d.published_source,
            published_iso=d.published,
            next_iso=d.next_release,
            next_release=when(d.next_release),
            next_source=d.next_source,
            next_month=month_year(d.next_id),
            unknown=UNKNOWN,
            href=calendar_href,
        )
        + "\n"
    )


def site_calendar(release: ReleaseView) -> list[Dates]:
    return calendar({r: release.catalog.load(r).meta for r in release.catalog.ids})


def page(release: ReleaseView) -> str:
    """The calendar page: every release of the site with its dates and their sources, the dates
    announced for releases not on the site yet, and the .ics files."""
    cal = site_calendar(release)
    rows = [
        {
            "month": month_year(d.release),
            "href": f"../../{d.release}/",
            "published": when(d.published),
            "published_source": d.published_source if d.published else "",
            "next": when(d.next_release),
            "next_source": d.next_source if d.next_release else "",
        }
        for d in reversed(cal)
    ]
    announced = [e for e in events(cal) if e.kind == "announced"]
    table = templating.render(
        "calendar_table.html.j2",
        rows=rows,
        unknown=UNKNOWN,
        announced=[{"month": month_year(e.release), "date": when(e.date), "source": e.source} for e in announced],
    )
    known = sum(1 for d in cal if d.published)
    return (
        f"# {TITLE}\n\n"
        f"When each release on this site was published and when the next one came or comes, as the release's "
        f"own files state it (the release PDF's first page, BEA's workbooks, the release page): "
        f"{known} of the {len(cal)} releases state their date. A date no file states is left unknown, "
        f"never taken from a schedule.\n\n"
        + table
        + "\n\n"
        + templating.render("calendar_files.html.j2", own=OWN_ICS, root=f"../../{ICS}")
        + "\n"
    )


# ------------------------------------------------------------------------------ iCalendar


def _ics_text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma escaped, a line break as \\n."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space (RFC 5545, 3.1)."""
    out: list[str] = []
    current = b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += b
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _day(iso: str) -> str:
    return iso.replace("-", "")


def ics(evs: list[Event], url: str) -> str:
    """An iCalendar file: one all-day event per known release date (the files state the day, not
    always the hour). ``url``: the site's root, for each event's link. DTSTAMP is the newest date
    in it, so the same dates give the same bytes."""
    stamp = (_day(max(e.date for e in evs)) if evs else "19700101") + "T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + _ics_text("U.S. International Trade in Goods and Services: releases"),
    ]
    for e in evs:
        day = pd.Timestamp(e.date)
        lines += [
            "BEGIN:VEVENT",
            f"UID:ft900-{e.release}-{e.kind}@tradesite",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_day(e.date)}",
            f"DTEND;VALUE=DATE:{(day + pd.Timedelta(days=1)).strftime('%Y%m%d')}",
            "SUMMARY:" + _ics_text(e.title + (" (announced)" if e.kind == "announced" else "")),
            "DESCRIPTION:" + _ics_text(f"The {month_year(e.release)} report. Date: {e.source}."),
            "URL:" + _ics_text(f"{url}{e.release}/" if e.kind == "published" else url),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def release_events(metas: dict[str, dict]) -> list[Event]:
    """Every known release date of the releases in ``metas`` (release id -> release.json)."""
    return events(calendar(metas))

"""What changed, and when, according to the content: the Atom feed (``feed.xml``) and each page's sitemap date.

Pure and clock-free: every date comes from the data (document dates, round result dates, round end/due dates,
OIT update dates, or the fiscal year's first day), so two builds of the same content are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from functools import partial

from generator.memo import Memo, remembered
from generator.model.site import Site, YearContent
from generator.render.xml_text import xml_attribute, xml_text
from generator.thai import DigitStyle, fiscal_year_bounds, format_number, is_ascii_digits, show_digits
from generator.urls import (
    FEED_FILE,
    UrlScheme,
    measure_page,
    measures_page,
    oit_item_page,
    oit_page,
    year_page,
)

THAI_OFFSET = "+07:00"  # dates are Thai calendar days


@dataclass(frozen=True)
class Update:
    """One change a citizen may want to hear about. ``key`` is stable: it names the thing, not the change."""

    date: dt.date
    key: str
    title: str
    summary: str
    page: str  # the generated page (Markdown path) that shows it
    scopes: tuple[str, ...]  # pages whose last-modified date it sets: exact paths, or folders ending in "/"


def _fy_start(year: int) -> dt.date:
    return fiscal_year_bounds(year)[0]


def _result_update(year: YearContent, digits: DigitStyle) -> Update:
    result = year.result
    assert result is not None
    y = year.year
    doc_date = result.document.date if result.document else None
    return Update(
        date=doc_date or _fy_start(y),
        key=f"{y}/result",
        title=f"ผลการประเมิน ITA ปีงบประมาณ {show_digits(str(y), digits)}: "
        f"{format_number(result.total, digits)} คะแนน ระดับ {result.level}",
        summary="\n\n".join(result.summary),
        page=year_page(y),
        scopes=(year_page(y), f"{y}/indicators/", f"{y}/oit/"),
    )


def _plan_updates(year: YearContent, digits: DigitStyle) -> list[Update]:
    plan = year.plan
    assert plan is not None
    y = year.year
    doc_date = plan.document.date if plan.document else None
    updates = [Update(
        date=doc_date or _fy_start(y),
        key=f"{y}/measures",
        title=f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ {show_digits(str(y), digits)} "
        f"({show_digits(str(len(plan.measures)), digits)} มาตรการ)",
        summary="\n\n".join(plan.intro),
        page=measures_page(y),
        scopes=(year_page(y), f"{y}/measures/"),
    )]
    rounds = {r.id: r for r in plan.rounds}
    for m in plan.measures:
        for res in m.results:
            rnd = rounds.get(res.round)
            label = show_digits(rnd.label if rnd else res.round, digits)
            status = f" — {res.status.label}" if res.status else ""
            updates.append(Update(
                date=res.date or (rnd.end if rnd else None) or (rnd.due if rnd else None) or _fy_start(y),
                key=f"{y}/measures/{m.id}/{res.round}",
                title=f"มาตรการ {m.number or m.id} {m.title}: {label}{status}",
                summary="\n\n".join(res.actions + res.outcome),
                page=measure_page(y, m.id),
                scopes=(year_page(y), measures_page(y), measure_page(y, m.id)),
            ))
    return updates


def _oit_updates(year: YearContent, digits: DigitStyle) -> list[Update]:
    if year.oit is None:
        return []
    y = year.year
    titles = {item.code: item.title for item in year.framework.items}
    return [
        Update(
            date=d.updated,
            key=f"{y}/oit/{d.item}",
            title=f"ปรับปรุงข้อมูล OIT ปีงบประมาณ {show_digits(str(y), digits)} ข้อ {d.item}"
            + (f" {titles[d.item]}" if titles.get(d.item) else ""),
            summary="\n".join(f"{title}: {url}" for title, url in d.documents()),
            page=oit_item_page(y, d.item),
            scopes=(year_page(y), oit_page(y), oit_item_page(y, d.item)),
        )
        for d in year.oit.items
        if d.updated
    ]


def collect_updates(site: Site, digits: DigitStyle = "thai", memo: Memo | None = None) -> list[Update]:
    """Every update the content records, newest first (ties in key order, so the order is stable). With ``memo``,
    only the years that changed are gone through again."""
    updates: list[Update] = []
    for year in site.years.values():
        updates += remembered(memo, ("updates", year.year, digits), year, partial(_year_updates, year, digits))
    updates.sort(key=lambda u: u.key)
    updates.sort(key=lambda u: u.date, reverse=True)
    return updates


def _year_updates(year: YearContent, digits: DigitStyle) -> list[Update]:
    updates = [_result_update(year, digits)] if year.result else []
    if year.plan:
        updates += _plan_updates(year, digits)
    return updates + _oit_updates(year, digits)


def site_date(site: Site, updates: list[Update]) -> dt.date:
    """The date of the site as a whole: its latest update, else the first day of its latest fiscal year."""
    if updates:
        return max(u.date for u in updates)
    return _fy_start(max(site.years)) if site.years else dt.date(2000, 1, 1)


def page_dates(site: Site, pages: list[str], updates: list[Update]) -> dict[str, dt.date]:
    """The last-modified date of each page (Markdown path) for the sitemap, from the updates that touch it.

    A page of a year that no update touches gets that fiscal year's first day; other pages (home, downloads,
    hand-written pages) the site's date."""
    whole = site_date(site, updates)
    latest: dict[str, dt.date] = {}  # scope (a page, or a folder ending in "/") → its latest update
    for update in updates:
        for scope in update.scopes:
            latest[scope] = max(latest.get(scope, update.date), update.date)
    dates = {}
    for page in pages:
        parts = page.split("/")
        scopes = [page, *("/".join(parts[:n]) + "/" for n in range(1, len(parts)))]
        touching = [latest[s] for s in scopes if s in latest]
        head = parts[0]
        if touching:
            dates[page] = max(touching)
        elif is_ascii_digits(head) and "/" in page and int(head) in site.years:
            dates[page] = _fy_start(int(head))
        else:
            dates[page] = whole
    return dates


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00{THAI_OFFSET}"


def _entry_id(base: str, org: str, key: str) -> str:
    """An id no other site's feed shares: the feed's address, or without ``site_url`` a name-based UUID of the
    organisation (name, district, province) and the entry's key, so readers never mix up two municipalities."""
    if base:
        return f"{base}{FEED_FILE}#{key}"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"itasite:{org}:{key}").urn


def render_feed(site: Site, updates: list[Update], urls: UrlScheme, site_url: str | None = None) -> str:
    """The Atom feed. With ``site_url`` links and ids are absolute; without, links are relative to the feed
    (which sits at the site root) and ids are ``urn:uuid:`` names of the organisation and the entry."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    org = site.organisation.name
    o = site.organisation
    identity = "|".join((o.name, o.district or "", o.province or ""))
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="th">',
        f"  <id>{xml_text(_entry_id(base, identity, 'feed'))}</id>",
        f"  <title>{xml_text(f'ความเคลื่อนไหว ITA {org}')}</title>",
        f"  <subtitle>{xml_text('ผลการประเมิน มาตรการและผลการดำเนินงานรายรอบ และการเปิดเผยข้อมูลสาธารณะ (OIT)')}</subtitle>",
        f"  <updated>{_timestamp(site_date(site, updates))}</updated>",
        f"  <author><name>{xml_text(org)}</name></author>",
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={xml_attribute(base + FEED_FILE)}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={xml_attribute(base or './')}/>",
        "  <generator>itasite</generator>",
    ]
    for u in updates:
        lines += [
            "  <entry>",
            f"    <id>{xml_text(_entry_id(base, identity, u.key))}</id>",
            f"    <title>{xml_text(u.title)}</title>",
            f"    <updated>{_timestamp(u.date)}</updated>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={xml_attribute(urls.absolute(u.page, site_url) or './')}/>",
        ]
        if u.summary:
            lines.append(f"    <summary type=\"text\">{xml_text(u.summary)}</summary>")
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def render_robots(site_url: str | None) -> str:
    """``robots.txt``: every page may be indexed; names the sitemap when the site knows its address."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"

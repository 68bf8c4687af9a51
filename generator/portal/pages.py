"""The portal's pages as Markdown, in the organisation site's theme: Thai, every value escaped, every number linked
to the page of the organisation's own site it came from. Pure: the view in, ``{source: markdown}`` out."""

from __future__ import annotations

from pathlib import Path
from statistics import fmean
from typing import Any

import jinja2
from markupsafe import Markup

from generator.model.types import Organisation
from generator.portal import addresses as at
from generator.portal import tables as tb
from generator.portal.config import GROUP_LABELS
from generator.portal.record import ItemCoverage
from generator.portal.view import UNSTATED, Member, PortalView, YearSummary, counts_by_state
from generator.render import charts as svg
from generator.render.nav import sitemap_entries
from generator.render.pages import RenderSettings, make_environment
from generator.render.word_breaks import keep_words_whole
from generator.thai import DigitStyle, format_date, format_number, show_digits
from generator.urls import ABOUT_PAGE, ACCESSIBILITY_PAGE, DATA_PAGE, FEED_FILE, HOME_PAGE, PRIVACY_PAGE, SITE_PAGES, SITEMAP_PAGE

TEMPLATES = Path(__file__).parent / "templates"


def portal_organisation(view: PortalView) -> Organisation:
    """The portal as the theme and the shared pages (privacy, accessibility) name a site's owner."""
    return Organisation(name=view.portal.name, type="พอร์ทัลข้อมูล ITA/OIT")


def _environment(settings: RenderSettings, view: PortalView) -> jinja2.Environment:
    env = make_environment(settings)

    def writer(page: str, marks: bool = True) -> tb.TableWriter:
        return tb.TableWriter(page, settings.urls, settings.digits, settings.date_style, marks)

    env.loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(TEMPLATES), env.loader]) if env.loader else None
    env.globals.update(
        member_page=at.member_page, portal_year_page=at.portal_year_page, ranking_page=at.ranking_page,
        group_page=at.group_page, coverage_page=at.coverage_page, coverage_group_page=at.coverage_group_page,
        members_csv=at.members_csv, coverage_csv=at.coverage_csv, portal_json=at.PORTAL_JSON,
        organisations_page=at.ORGANISATIONS_PAGE, feed_file=FEED_FILE, counts=counts_by_state, mean_total=_mean_total,
        dict_of=_by_code, label=lambda key: GROUP_LABELS.get(key, key), unstated=UNSTATED,
        matrix_page=lambda member, year: matrix_page(view, member, year),
        ranking_html=lambda page, caption, rows: tb.ranking_table(writer(page, marks=False), caption, rows),
        matrix_html=lambda page, caption, year, members: tb.matrix_table(writer(page, marks=False), view, caption, year, members),
        members_html=lambda page, caption, members: tb.members_table(writer(page, marks=False), caption, members),
        items_html=lambda page, caption, items: tb.items_table(writer(page), caption, items),
        years_html=lambda page, caption, m: tb.years_table(writer(page), caption, m, lambda mm, y: matrix_page(view, mm, y)),
        facts_html=lambda page, m: tb.facts_table(writer(page), "ข้อมูลของ" + m.name, member_facts(writer(page), m)),
    )
    return env


def member_facts(w: tb.TableWriter, m: Member) -> list[tuple[str, Markup]]:
    """What the organisation page says of its data: whether it is current, when it was updated and read, its groups."""
    r, reading = m.record, m.reading
    updated = tb.words(format_date(r.updated, w.date_style, w.digits)) if r and r.updated else Markup("–")
    if reading.read_at:
        read = tb.words(format_date(reading.read_at.date(), w.date_style, w.digits))
    else:
        read = tb.words("ทุกครั้งที่สร้างพอร์ทัล (จากโฟลเดอร์ของหน่วยงาน)" if reading.entry.folder else "ยังไม่เคยอ่าน")
    facts = [("สถานะข้อมูล", w.status(m)), ("ข้อมูลของหน่วยงานปรับปรุงล่าสุด", updated), ("พอร์ทัลอ่านข้อมูลเมื่อ", read)]
    return facts + [(GROUP_LABELS.get(key, key), tb.words(value)) for key, value in m.groups.items() if value != UNSTATED]


def matrix_page(view: PortalView, member: Member, year: int) -> str:
    """The page whose OIT matrix has ``member``'s row for ``year``: its group's of the finest grouping, else the
    year's one matrix."""
    group = view.group_of(member, view.split_key) if view.split_key else None
    return at.coverage_group_page(year, group.slug) if group else at.coverage_page(year)


def _mean_total(summary: YearSummary) -> float:
    return fmean(r.year.total or 0.0 for r in summary.ranking)


def _by_code(items: list[ItemCoverage]) -> dict[str, ItemCoverage]:
    return {i.item: i for i in items}


def trend_chart(member: Member, settings: RenderSettings) -> str:
    """The organisation's totals across years, drawn as its own site's trend page draws them (one line)."""
    record = member.record
    years = [y for y in record.years if y.total is not None] if record else []
    if len(years) < 2:
        return ""
    return svg.line_chart(
        f"chart-trend-{member.slug}",
        "แผนภูมิแนวโน้มคะแนนรวมของหน่วยงาน ทุกปีงบประมาณ",  # no data in the markup: the heading names it
        [show_digits(str(y.year), settings.digits) for y in years],
        [svg.Series("คะแนนรวม", tuple(y.total for y in years))],
        caption="ตัวเลขของแผนภูมิอยู่ในตารางถัดไป",
        fmt=lambda v: format_number(v, settings.digits, 2),
    )


def portal_nav(view: PortalView, digits: DigitStyle = "thai") -> list[Any]:
    """Every page in the navigation, each section small enough for ``navigation.prune``: the organisations, then
    per year (newest first) its overview, ranking, groups and OIT matrices."""
    split = view.groups.get(view.split_key, []) if view.split_key else []
    # By the finest group: a page's navigation then lists its group's organisations, not all 8,304 of them.
    members: list[Any] = [{g.value: [at.member_page(m.slug) for m in g.members]} for g in split] if split else [
        at.member_page(m.slug) for m in view.members]
    nav: list[Any] = [{"หน้าแรก": HOME_PAGE}, {"หน่วยงานในพอร์ทัล": [at.ORGANISATIONS_PAGE, *members]}]
    for year in reversed(view.years):
        section: list[Any] = [at.portal_year_page(year), at.ranking_page(year)]
        for groups in view.groups.values():
            section.append({f"แยกตาม{groups[0].label}": [at.group_page(year, g.slug) for g in groups]})
        section.append({"การเปิดเผยข้อมูลสาธารณะ (OIT)": [at.coverage_page(year), *(at.coverage_group_page(year, g.slug) for g in split)]})
        nav.append({f"ปีงบประมาณ {show_digits(str(year), digits)}": section})
    nav.append({"ข้อมูลเปิด (Open Data)": DATA_PAGE})
    nav.append({"เกี่ยวกับเว็บไซต์": [*SITE_PAGES, SITEMAP_PAGE]})
    return nav


def render_portal_pages(view: PortalView, settings: RenderSettings, date: Any) -> dict[str, str]:
    env = _environment(settings, view)
    base = {"view": view, "org": portal_organisation(view), "settings": settings, "date": date}
    pages: dict[str, str] = {}
    matrices: set[str] = set()

    def page(path: str, template: str, **context: Any) -> None:
        try:
            pages[path] = env.get_template(template).render(page=path, **base, **context)
        except Exception as exc:  # a template bug: say which page, keep the traceback
            raise RuntimeError(f"error rendering {path} with {template}: {exc}") from exc

    tb.cut_words_of(view)
    summaries = [view.summary(y) for y in reversed(view.years)]
    page(HOME_PAGE, "portal_home.md.j2", summaries=summaries)
    page(at.ORGANISATIONS_PAGE, "portal_members.md.j2")
    for member in view.members:
        page(at.member_page(member.slug), "portal_member.md.j2", m=member, trend=trend_chart(member, settings))
    split = view.groups.get(view.split_key) if view.split_key else None
    for summary in summaries:
        year = summary.year
        page(at.portal_year_page(year), "portal_year.md.j2", s=summary, group=None)
        page(at.ranking_page(year), "portal_ranking.md.j2", s=summary)
        page(at.coverage_page(year), "portal_coverage.md.j2", year=year, group=None, split=split, members=view.members)
        for groups in view.groups.values():
            for group in groups:
                page(at.group_page(year, group.slug), "portal_year.md.j2", s=view.summary(year, group.members), group=group)
        for group in split or []:
            page(at.coverage_group_page(year, group.slug), "portal_coverage.md.j2", year=year, group=group, split=split,
                 members=group.members)
            matrices.add(at.coverage_group_page(year, group.slug))
    page(ABOUT_PAGE, "portal_about.md.j2")
    page(PRIVACY_PAGE, "privacy.md.j2")
    page(ACCESSIBILITY_PAGE, "accessibility.md.j2")
    page(DATA_PAGE, "portal_data.md.j2")
    page(SITEMAP_PAGE, "sitemap.md.j2", entries=sitemap_entries(portal_nav(view, settings.digits), pages))
    # A matrix's cells repeat three short words thousands of times: marking each word whole tripled the Markdown
    # and the engine's time on those pages (0.93 s against 0.32 s for a page of 100 organisations × 43 items).
    # Only pages with a Markdown table are marked (the large tables are HTML, marked as they are written): the
    # marking makes a new copy of every page it is given, 8,304 organisation pages among them.
    kept = keep_words_whole({path: text for path, text in pages.items() if path not in matrices and "\n|" in text})
    return dict(sorted({**pages, **kept}.items()))

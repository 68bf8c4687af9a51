"""The navigation of a site and the human-readable sitemap page made from it.

The navigation is MkDocs' ``nav`` shape (a list of ``{title: source}`` and ``{title: [sources]}``): newest year
first, then per year the indicators, the measures and the OIT items, each section small enough that a page with
``navigation.prune`` carries only its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.model.site import Site, sorted_items
from generator.render.markdown import escape_markdown
from generator.thai import DigitStyle, show_digits
from generator.urls import (
    HOME_PAGE,
    SITE_PAGES,
    SITEMAP_PAGE,
    TRENDS_PAGE,
    indicator_page,
    indicators_page,
    measure_page,
    measures_page,
    oit_item_page,
    oit_page,
    year_page,
)


@dataclass(frozen=True)
class SitemapEntry:
    """A line of the human-readable sitemap: a section title (``path`` None) or a page, at a nesting depth."""

    depth: int
    title: Markup
    path: str | None


def _heading(markdown: str) -> Markup:
    """The H1 of a generated page, kept as the (already escaped) Markdown it is written in."""
    first = next((line for line in markdown.splitlines() if line.startswith("# ")), "# –")
    return Markup(first[2:].strip())


def sitemap_entries(nav: list[Any], pages: dict[str, str], depth: int = 0) -> list[SitemapEntry]:
    """The navigation as a flat list of entries; page titles come from each page's H1."""
    entries: list[SitemapEntry] = []
    for item in nav:
        if isinstance(item, str):
            if item in pages:  # the sitemap itself is rendered last and does not list itself
                entries.append(SitemapEntry(depth, _heading(pages[item]), item))
            continue
        for title, value in item.items():
            if isinstance(value, str):
                entries.append(SitemapEntry(depth, escape_markdown(title), value))
                continue
            # A section whose first page is its index (navigation.indexes) shows as that page.
            has_index = bool(value) and isinstance(value[0], str) and value[0].endswith("index.md")
            first, rest = (value[0], value[1:]) if has_index else (None, value)
            entries.append(SitemapEntry(depth, escape_markdown(title), first))
            entries.extend(sitemap_entries(rest, pages, depth + 1))
    return entries


def render_nav(site: Site, digits: DigitStyle, extra_pages: list[Any]) -> list[Any]:
    """MkDocs ``nav``: newest year first; page titles come from each page's heading (already escaped)."""
    nav: list[Any] = [{"หน้าแรก": HOME_PAGE}, {"แนวโน้มผลการประเมิน": TRENDS_PAGE}]
    for year in reversed(site.years.values()):
        section: list[Any] = [year_page(year.year)]
        if year.result:
            section.append({"ผลการประเมินรายตัวชี้วัด": [indicators_page(year.year)] + [
                indicator_page(year.year, i.indicator) for i in sorted(year.result.indicators, key=lambda i: i.indicator)
            ]})
        if year.plan:
            section.append({"มาตรการ": [measures_page(year.year)] + [
                measure_page(year.year, m.id) for m in year.plan.measures
            ]})
        section.append({"การเปิดเผยข้อมูลสาธารณะ (OIT)": [oit_page(year.year)] + [
            oit_item_page(year.year, i.code) for i in sorted_items(year.framework)
        ]})
        nav.append({f"ปีงบประมาณ {show_digits(str(year.year), digits)}": section})
    nav.extend(extra_pages)
    nav.append({"เกี่ยวกับเว็บไซต์": [*SITE_PAGES, SITEMAP_PAGE]})
    return nav

"""The pipeline, start to finish: load → validate → check → render once. Nothing is written here.

Every front end calls this module and nothing else of the stages: ``itasite check`` (:func:`check_content`), the
MkDocs plugin and ``itasite render`` (:func:`build_site`). The result, :class:`RenderedSite`, holds everything a
builder needs: the Markdown of every page, every other generated file, the navigation and the dates.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator.check.links import check_links
from generator.check.pages import check_published_files
from generator.check.redirects import check_redirects
from generator.check.rules import check_site
from generator.errors import ContentError, Finding, Severity, display_path
from generator.load.content import LoadMemo, load_content
from generator.memo import Memo
from generator.messages import Lang
from generator.model.site import Site
from generator.portal.config import is_portal
from generator.render.feed import collect_updates, page_dates, render_feed, site_date
from generator.render.nav import render_nav
from generator.render.opendata import render_open_data
from generator.render.pages import RenderSettings, render_pages
from generator.render.redirects import render_redirects
from generator.render.rendered import RenderedSite, robots_file, take_hand_written
from generator.render.reports.common import Formats
from generator.render.reports.document import Report
from generator.render.reports.files import site_reports
from generator.urls import DATA_PAGE, DIRECTORY_URLS, FEED_FILE, SITE_PAGES, UrlScheme


def check_content(
    content_dir: Path, root: Path, lang: Lang = "th", urls: UrlScheme = DIRECTORY_URLS, memo: LoadMemo | None = None,
    kept: Memo | None = None,
) -> tuple[Site | None, list[Finding]]:
    """Load, validate and cross-check everything; returns every finding, errors and warnings together. ``memo``
    keeps the files read between calls and ``kept`` the checks' findings (a preview's). A portal folder
    (``content/portal.yml``) is checked as a portal: its sources read, each gap a warning."""
    if is_portal(content_dir):
        from generator.portal.site import check_portal  # noqa: PLC0415 - an organisation's build never pays for it

        return check_portal(content_dir, root, lang)
    # Phase 1: read and validate every file (a file that fails stops nothing: all findings are collected).
    site, findings = load_content(content_dir, root, lang, memo)
    if site is None:
        return None, findings
    # Phase 2: rules across files; addresses come from the address scheme, nothing is rendered.
    published = check_published_files(site, content_dir, display_path(content_dir, root), lang)
    rules = check_site(site, lang, kept) + check_links(site, lang, kept)
    return site, rules + check_redirects(site, urls, lang) + published


def checked_site(content_dir: Path, root: Path, lang: Lang, urls: UrlScheme,
                 memo: LoadMemo | None = None, kept: Memo | None = None) -> tuple[Site, list[Finding]]:
    """The site and its warnings, or :class:`ContentError` with every error when the content is not right."""
    site, findings = check_content(content_dir, root, lang, urls, memo, kept)
    if site is None or any(f.severity is Severity.error for f in findings):
        raise ContentError(findings)
    return site, findings


def build_site(content_dir: Path, root: Path, settings: RenderSettings, lang: Lang = "th",
               memo: LoadMemo | None = None, kept: Memo | None = None) -> RenderedSite:
    """Everything the site publishes, or :class:`ContentError` with every error when the content is not right.
    A preview passes ``memo`` (the files read) and ``kept`` (what was rendered from them) from its last call."""
    if is_portal(content_dir):
        from generator.portal.site import render_portal  # noqa: PLC0415

        return render_portal(content_dir, root, settings, lang)
    site, findings = checked_site(content_dir, root, lang, settings.urls, memo, kept)
    return render_site(site, findings, settings, kept)


def compose_reports(content_dir: Path, root: Path, settings: RenderSettings, lang: Lang = "th") -> tuple[list[Report], dt.date]:
    """The report documents of a checked site and the site's date (their fixed creation date), without rendering
    its pages: what ``itasite report`` needs."""
    site, _ = checked_site(content_dir, root, lang, settings.urls)
    return _reports(site, settings), site_date(site, collect_updates(site, settings.digits))


def _reports(site: Site, settings: RenderSettings, kept: Memo | None = None) -> list[Report]:
    return site_reports(site, Formats(settings.digits, settings.date_style), memo=kept)


def render_site(site: Site, warnings: list[Finding], settings: RenderSettings, kept: Memo | None = None) -> RenderedSite:
    """Render a checked site once: pages, open data, feed, redirect pages, navigation, dates and the reports. With
    ``kept``, what did not change since the last call is not made again."""
    pages = render_pages(site, settings, kept)
    hand_written = take_hand_written(site, pages)
    updates = collect_updates(site, settings.digits, kept)
    files = {
        **render_open_data(site, settings.urls, settings.site_url, kept),
        FEED_FILE: render_feed(site, updates, settings.urls, settings.site_url),
        **render_redirects(site, settings.urls, settings.site_name, settings.site_url),
        **robots_file(site, settings.site_url),
    }
    extra_nav: list[Any] = [p for p in hand_written if p not in SITE_PAGES] + [DATA_PAGE]
    return RenderedSite(
        site=site,
        warnings=[f for f in warnings if f.severity is Severity.warning],
        pages=pages,
        files=dict(sorted(files.items())),
        hand_written=hand_written,
        nav=render_nav(site, settings.digits, extra_nav),
        page_dates=page_dates(site, sorted([*pages, *hand_written]), updates),
        date=site_date(site, updates),
        reports=_reports(site, settings, kept),
    )

"""What rendering a site gives a builder (an organisation's site or a portal alike)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.errors import Finding
from generator.model.site import Site
from generator.render.feed import render_robots
from generator.render.reports.document import Report
from generator.urls import ROBOTS_FILE, SITE_PAGES


@dataclass(frozen=True)
class RenderedSite:
    """A site ready for a builder: its pages as Markdown (by source), its other files (by output path), the
    navigation, each page's last-modified date and the site's own date."""

    site: Site
    warnings: list[Finding]
    pages: dict[str, str]
    files: dict[str, str]
    hand_written: list[str]
    nav: list[Any]
    page_dates: dict[str, dt.date]
    date: dt.date
    reports: list[Report]
    """The report documents (PDF and DOCX), composed but not yet laid out: :mod:`generator.publish.reports`."""


def take_hand_written(site: Site, pages: dict[str, str]) -> list[str]:
    """The site's own Markdown pages: those at an address the generator makes none for, and its own about, privacy
    or accessibility page, which replaces the generated one (removed from ``pages``)."""
    hand_written = [p for p in site.files if p.endswith(".md") and (p not in pages or p in SITE_PAGES)]
    for path in SITE_PAGES:
        if path in hand_written:
            del pages[path]
    return hand_written


def robots_file(site: Site, site_url: str | None) -> dict[str, str]:
    """robots.txt, unless the site has its own."""
    return {} if ROBOTS_FILE in site.files else {ROBOTS_FILE: render_robots(site_url)}

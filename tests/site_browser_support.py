"""What the site browser tests share: the pages of each site they open, its build (once per run, shared by both
modules: tests/built_sites.py), and opening a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from built_sites import built_site
from playwright.sync_api import Browser, Page

# Every page type of each site: home, trends, the site pages, a year with a result, its indicators, a year with
# measures, the measures list and one measure, the OIT list and one item, the open-data page, the 404 page.
PAGES = {
    "default": [
        "/", "/trends/", "/about/", "/privacy/", "/accessibility/", "/sitemap/", "/2568/", "/2568/indicators/",
        "/2568/indicators/1/", "/2569/", "/2569/measures/", "/2569/measures/m1/", "/2568/oit/", "/2568/oit/o1/",
        "/data/", "/404.html", "/2569/oit/", "/2569/oit/o26/",
    ],
    "muang-mu": ["/", "/trends/", "/2566/", "/2567/", "/2567/indicators/10/", "/2567/measures/", "/2567/measures/m1/"],
    # the OIT checklist with the NACC's sub-indicator and group headings, and an item page
    "kong-koi": ["/2566/oit/", "/2566/oit/o1/"],
}
SITES = ["default", "muang-mu", "kong-koi"]
WIDTHS = [375, 1280]


def build_sites(factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each site built (``itasite build --strict``, as `make site`/`make examples` do) from its own copy of its
    folder, once per run; returns {site: the built site's folder}, to read only."""
    return {name: built_site(name, factory) / "site" for name in SITES}


def open_page(browser: Browser, url: str, width: int = 1280, javascript: bool = True) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return page


def all_pages() -> list[tuple[str, str]]:
    return [(site, path) for site, paths in PAGES.items() for path in paths]


def serious_violations(page: Page) -> list[str]:
    """What axe-core finds serious or critical on the page as it is shown."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]

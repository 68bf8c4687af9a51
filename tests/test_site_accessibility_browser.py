"""The built sites in a real browser (Debian chromium, headless, through Playwright), served on 127.0.0.1, on a
375 px phone screen: nothing runs off it on any page type, and axe-core finds no serious or critical accessibility
problem (at 1280 px: tests/test_site_browser.py, on the page load of its privacy check). Apart from
tests/test_site_browser.py so that the two halves run in parallel (make test).

These tests fail (never skip) when chromium is missing: CI installs it (.ci/run).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from browser_support import serve
from playwright.sync_api import Browser
from site_browser_support import WIDTHS, all_pages, build_sites, open_page, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
PHONE = WIDTHS[0]  # 375 px


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Each site built and served on its own 127.0.0.1 port; returns {site: base url without the final slash}."""
    with ExitStack() as stack:
        yield {name: stack.enter_context(serve(folder)).rstrip("/") for name, folder in build_sites(tmp_path_factory).items()}


# -- accessibility --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("site", "path"), all_pages())
def test_on_a_375px_screen_nothing_runs_off_it_and_axe_finds_no_serious_violation(
    servers: dict[str, str], browser: Browser, site: str, path: str
) -> None:
    """The page never scrolls sideways; a table wider than the screen (a data table may be, WCAG 1.4.10) scrolls
    inside Material's keyboard-focusable wrapper, and its text stays at least 12 px. Then axe-core, on the same
    page load (measured first, so axe's own markup cannot change the widths)."""
    page = open_page(browser, servers[site] + path, PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    tables = page.evaluate(
        """Array.from(document.querySelectorAll('article table')).map(t => {
             const wrap = t.closest('.md-typeset__scrollwrap');
             const fits = t.getBoundingClientRect().width <= document.documentElement.clientWidth;
             return [fits || (!!wrap && wrap.tabIndex === 0), parseFloat(getComputedStyle(t).fontSize) >= 12];
           })"""
    )
    violations = serious_violations(page)
    page.context.close()
    assert width <= PHONE
    assert all(t == [True, True] for t in tables)
    assert violations == []

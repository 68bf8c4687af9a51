"""The example portal's pages pass the organisation site's browser bar: nothing is requested from another origin
and no cookie is set; axe-core finds no serious or critical problem at 375 px and 1280 px; nothing runs off a
phone screen; the search box finds an organisation by its Thai name. Each page is loaded once per width: the
privacy checks and axe-core share the 1280 px load, the width check and axe-core the 375 px one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import block_other_origins, serve, type_thai
from conftest import ROOT
from playwright.sync_api import Browser, Page
from site_browser_support import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

PAGES = ["/", "/organisations/", "/2567/", "/2567/ranking/", "/2569/oit/", "/about/", "/data/", "/sitemap/"]


def _member_pages(site: Path) -> list[str]:
    """Two organisation pages and the widest OIT matrix (a group's organisation × item table)."""
    members = sorted(f"/organisations/{p.parent.name}/" for p in (site / "organisations").glob("*/index.html"))[:2]
    matrices = sorted((site / "2569" / "oit").glob("*/index.html"), key=lambda p: -p.stat().st_size)
    return members + [f"/2569/oit/{p.parent.name}/" for p in matrices[:1]]


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """The example portal built with MkDocs from a copy of the examples (its sources are folders beside it)."""
    root = tmp_path_factory.mktemp("portal-src")
    shutil.copytree(ROOT / "examples", root / "examples", ignore=shutil.ignore_patterns("site", ".itasite-cache"))
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    out = tmp_path_factory.mktemp("portal") / "site"
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "examples" / "portal" / "site_config.yml"),
                            "-d", str(out)], env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
                           capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    with serve(out) as url:
        yield url.rstrip("/"), PAGES + _member_pages(out)


def _open(browser: Browser, url: str, width: int = 1280) -> Page:
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(url, wait_until="networkidle")
    return page


def test_no_request_leaves_the_origin_no_cookie_is_set_and_axe_finds_no_serious_violation(
    portal: tuple[str, list[str]], browser: Browser
) -> None:
    """At 1280 px, each page loaded once for both (at 375 px: the test below)."""
    base, paths = portal
    origin = urlsplit(base).netloc
    found = {}
    for path in paths:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        elsewhere = block_other_origins(context, origin)
        page = context.new_page()
        page.goto(base + path, wait_until="networkidle")
        found[path] = {"elsewhere": elsewhere, "cookies": context.cookies(), "axe": serious_violations(page)}
        context.close()
    assert {p: problems for p, problems in found.items() if any(problems.values())} == {}


def test_on_a_375px_screen_nothing_runs_off_it_and_axe_finds_no_serious_violation(
    portal: tuple[str, list[str]], browser: Browser
) -> None:
    """The page never scrolls sideways and a table wider than the screen scrolls inside Material's
    keyboard-focusable wrapper; then axe-core on the same page load (measured first, so axe's own markup cannot
    change the widths)."""
    base, paths = portal
    found = {}
    for path in paths:
        page = _open(browser, base + path, 375)
        width = page.evaluate("document.documentElement.scrollWidth")
        tables = page.evaluate(
            """Array.from(document.querySelectorAll('article table')).map(t => {
                 const wrap = t.closest('.md-typeset__scrollwrap');
                 const fits = t.getBoundingClientRect().width <= document.documentElement.clientWidth;
                 return fits || (!!wrap && wrap.tabIndex === 0);
               })"""
        )
        found[path] = {"wider than 375 px": width > 375, "tables off the screen": not all(tables),
                       "axe": serious_violations(page)}
        page.context.close()
    assert {p: problems for p, problems in found.items() if any(problems.values())} == {}


def test_the_search_box_finds_an_organisation_by_its_thai_name(portal: tuple[str, list[str]], browser: Browser) -> None:
    base, _ = portal
    page = _open(browser, base + "/", 1280)
    type_thai(page, "input.md-search__input", "ปากช่อง")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    assert "ปากช่อง" in page.inner_text(".md-search-result")
    page.context.close()

"""Helpers for the browser tests: build a site in-process, serve it on 127.0.0.1, drive Debian chromium with Playwright,
and read what Material's search box shows for a query.

Only Debian's chromium is used (never a browser download). When it or the ``playwright`` package is missing the
tests fail with a message that says what to install: CI must not pass without running them.
"""

from __future__ import annotations

import logging
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from generator.cli import main
from tools.browser import CHROMIUM, launch_chromium, serve  # noqa: F401 (launch_chromium, serve: for the browser tests)

ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"


def require_chromium() -> Path:
    """The Debian chromium binary, or a test failure (not a skip) saying how to get it."""
    if not CHROMIUM.exists():
        pytest.fail(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium; .ci/run does it)",
                    pytrace=False)
    return CHROMIUM


def build_site(root: Path) -> Path:
    """Build ``root/site_config.yml`` the way ``make site`` does and return the site folder; leaves no process state."""
    logger = logging.getLogger("mkdocs")
    saved = (logger.handlers[:], logger.level, logger.propagate, os.environ.get("SOURCE_DATE_EPOCH"))
    try:
        assert main(["build", "-q", "--strict", "-f", str(root / "site_config.yml")]) == 0
    finally:
        logger.handlers[:], logger.level, logger.propagate = saved[:3]
        if saved[3] is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved[3]
    return root / "site"


def compact(text: str) -> str:
    """The search's compact form (generator/search.py), to compare what a <mark> covers with what was typed."""
    from generator.render.search import compact as search_compact

    return search_compact(text)


@dataclass(frozen=True)
class SearchView:
    """What the search box shows: page addresses in order (site-relative, no ?h= or #anchor) and the list's HTML."""

    pages: list[str]
    html: str
    text: str
    marks: list[str]
    meta: str


def read_results(page, timeout: float = 15_000) -> SearchView:  # type: ignore[no-untyped-def]
    """Wait until Material reports the search finished, scroll until every result is rendered, and read it."""
    # Material's meta line first says "initialising", then the placeholder, and once results arrive one of these,
    # with the number of results found.
    count = page.wait_for_function(
        """() => {
          const t = JSON.parse(document.getElementById('__config').textContent).translations
          const meta = document.querySelector('.md-search-result__meta')?.textContent.trim() ?? ''
          if (meta === t['search.result.none']) return {n: 0}
          if (meta === t['search.result.one']) return {n: 1}
          const [before, after] = t['search.result.other'].split('#')
          const number = meta.slice(before.length, meta.length - after.length)
          return meta.startsWith(before) && meta.endsWith(after) && /^[0-9]+$/.test(number) && {n: Number(number)}
        }""", timeout=timeout).json_value()["n"]
    # Material renders the first ten results, then more as the end of the list scrolls into view; a list that holds
    # as many as the meta line counts is complete (the site's own box shows its first results only: it scrolls on).
    items = -1
    while items != (items := page.locator(".md-search-result__item").count()) and items != count:
        page.evaluate("() => { const l = document.querySelector('.md-search-result__list');"
                      " if (l && l.lastElementChild) l.lastElementChild.scrollIntoView() }")
        page.wait_for_timeout(150)
    hrefs = page.eval_on_selector_all(".md-search-result__item", "items => items.map(i => i.querySelector('a').href)")
    return SearchView(
        pages=[site_path(h) for h in hrefs],
        html=page.inner_html(".md-search-result"),
        text=page.inner_text(".md-search-result"),
        marks=page.eval_on_selector_all(".md-search-result mark", "ms => ms.map(m => m.textContent)"),
        meta=page.inner_text(".md-search-result__meta"),
    )


SEARCH_BOXES = "input.md-search__input, input.itasite-search__input"  # Material's, or the site's own on Zensical


def search_each(page, base: str, queries: list[str]) -> dict[str, SearchView]:  # type: ignore[no-untyped-def]
    """Every query's results, read in one page: the first through the site's shareable address (``/?q=…``), which
    opens the search box; each next one set in that box at once (as pasting it does), then a key released, as
    Material reads the box. The count line is blanked before each, so what is read is the new query's results."""
    views: dict[str, SearchView] = {}
    for query in queries:
        if not views:
            page.goto(search_url(base, query))
        else:
            box = page.locator(SEARCH_BOXES).locator("visible=true")
            page.evaluate("() => { document.querySelector('.md-search-result__meta').textContent = '' }")
            box.fill(query)
            box.dispatch_event("keyup")
        views[query] = read_results(page)
    return views


def type_thai(page, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` key by key as a Thai keyboard does: each key inserts its character, then a ``keyup``.

    Playwright types characters missing from its US layout as bare text insertion with no key events, while Material
    reads the search box on ``keyup`` (as every real keyboard, physical or on screen, sends one).
    """
    page.click(selector)
    for char in text:
        page.keyboard.insert_text(char)
        page.dispatch_event(selector, "keyup")
        page.wait_for_timeout(20)


def search_url(base: str, query: str) -> str:
    """Material's shareable search address: any page with ?q=words opens the search with those words."""
    return f"{base}?q={quote(query)}"


def site_path(href: str) -> str:
    """``http://127.0.0.1:1234/2568/oit/o15/?h=o15#x`` → ``2568/oit/o15/``."""
    return urlsplit(href).path.lstrip("/")


def zero_width_in(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in text if c in ZERO_WIDTH or unicodedata.category(c) == "Cf"]


def orphan_marks_in(text: str) -> list[str]:
    """Thai vowels or tone marks cut off their consonant (shown on a dotted circle): a mark after a space or a cut."""
    return [text[max(0, i - 10) : i + 10] for i, c in enumerate(text)
            if unicodedata.category(c).startswith("M") and (i == 0 or text[i - 1].isspace() or text[i - 1] == "…")]


def block_other_origins(context, origin: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Abort every request of ``context`` that leaves ``origin`` (``data:`` and ``blob:`` stay); returns the list
    the aborted addresses are appended to."""
    elsewhere: list[str] = []

    def route(r):  # type: ignore[no-untyped-def]
        if urlsplit(r.request.url).netloc != origin and not r.request.url.startswith(("data:", "blob:")):
            elsewhere.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    context.route("**/*", route)
    return elsewhere

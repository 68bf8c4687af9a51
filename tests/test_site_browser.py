"""The built site in a real browser (Debian chromium, headless, through Playwright), served on 127.0.0.1.

What a citizen gets: no request leaves the site's origin and no cookie is set, and axe-core finds no serious or
critical accessibility problem at 1280 px (on the same page load); the skip link comes first and focus
is visible; the measures filter works by keyboard and the list is complete without JavaScript; charts carry a Thai
title and sit next to their table; printing gives A4 pages with the organisation and year and without navigation.
On a 375 px phone the measures list is one card per measure with every cell on the screen; printed, it shows every
column, and no page ends with a heading; Thai words in tables (ตัวชี้วัด, งบประมาณ …) and status badges stay on one
line. The phone-width run-off check and axe-core at 375 px are in tests/test_site_accessibility_browser.py.

These tests fail (never skip) when chromium is missing: CI installs it (.ci/run).
"""

from __future__ import annotations

import http.server
import io
import shutil
import unicodedata
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import block_other_origins, serve, type_thai
from playwright.sync_api import Browser, Page
from pypdf import PdfReader
from site_browser_support import all_pages, build_sites, open_page, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

NAVIGATION_TEXT = ["ข้ามไปที่เนื้อหา", "แนวโน้มผลการประเมิน", "นโยบายความเป็นส่วนตัว", "แผนผังเว็บไซต์"]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_sites(tmp_path_factory)


@pytest.fixture(scope="module")
def servers(sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    """Each built site served on its own 127.0.0.1 port; returns {site: base url without the final slash}."""
    with ExitStack() as stack:
        yield {name: stack.enter_context(serve(folder)).rstrip("/") for name, folder in sites.items()}


# -- privacy and self-containment -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("site", "path"), all_pages())
def test_no_request_leaves_the_origin_no_cookie_is_set_and_axe_finds_no_serious_violation(
    servers: dict[str, str], browser: Browser, site: str, path: str
) -> None:
    """At 1280 px; axe-core runs on the page as loaded, before the search is opened (at 375 px:
    tests/test_site_accessibility_browser.py)."""
    base = servers[site]
    origin = urlsplit(base).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    elsewhere = block_other_origins(context, origin)
    page = context.new_page()
    page.goto(base + path, wait_until="networkidle")
    violations = serious_violations(page)
    type_thai(page, "input.md-search__input", "มาตรการ")  # the search worker loads its index shards
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert violations == []
    assert elsewhere == []
    assert context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0  # privacy.md says nothing is stored
    fonts = page.evaluate("Array.from(document.fonts).filter(f => f.status === 'loaded').map(f => f.family)")
    assert '"Sarabun"' in fonts or "Sarabun" in fonts
    context.close()


def test_no_page_downloads_the_sitemap_and_feed_readers_still_find_the_feed(servers: dict[str, str],
                                                                           browser: Browser) -> None:
    """Material takes every `link[rel=alternate]` for a language version and fetches its sitemap.xml on each page view
    (theme/main.html says why ours reads "alternate feed"); feed discovery reads rel as a list of words. Also: every
    file a page asks for exists (theme/main.html names Material's bundle), and the preloaded font is fetched once (a
    preload that does not match the @font-face, e.g. without `crossorigin`, makes Chromium fetch it twice)."""
    base = servers["default"]
    context = browser.new_context(viewport={"width": 375, "height": 812})
    requested: list[str] = []
    missing: list[str] = []
    context.on("request", lambda r: requested.append(urlsplit(r.url).path))
    context.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    page = context.new_page()
    for path in ["/", "/2568/", "/2569/measures/", "/2569/measures/m1/", "/2568/oit/", "/2568/oit/o1/"]:
        requested.clear()
        page.goto(base + path, wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(200)
        feeds = page.evaluate("""Array.from(document.querySelectorAll('link[type="application/atom+xml"]'))
                                   .filter(l => l.relList.contains('alternate')).map(l => l.href)""")
        assert feeds == [base + "/feed.xml"], path
        assert page.evaluate("document.querySelectorAll('link[rel=alternate]').length") == 0, path  # Material's query
        assert path in requested
        assert [p for p in requested if p.endswith("sitemap.xml")] == [], path
        assert requested.count("/assets/fonts/sarabun-400.woff2") == 1, path
    assert missing == []
    context.close()


# -- keyboard ----------------------------------------------------------------------------------------------------


def test_skip_link_comes_first_and_focus_is_visible(servers: dict[str, str], browser: Browser) -> None:
    page = open_page(browser, servers["default"] + "/2568/")
    page.keyboard.press("Tab")
    skip = page.evaluate(
        "[document.activeElement.classList.contains('md-skip'), document.activeElement.textContent.trim(),"
        " document.activeElement.getBoundingClientRect().height > 0]"
    )
    assert skip == [True, "ข้ามไปที่เนื้อหา", True]
    page.locator("article a[href]").first.focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    page.context.close()
    assert outline == "solid"


# -- measures: filters, badges ---------------------------------------------------------------------------------------


def _visible_rows(page: Page) -> int:
    return page.evaluate("Array.from(document.querySelectorAll('.itasite-row')).filter(s => !s.closest('tr').hidden).length")


def _focus_by_tab(page: Page, element_id: str) -> None:
    """Press Tab from where the focus is until ``element_id`` has it (as a keyboard user would)."""
    for _ in range(60):
        if page.evaluate("document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} never got the keyboard focus")


def test_measure_filters_are_labelled_and_work_by_keyboard(servers: dict[str, str], browser: Browser) -> None:
    page = open_page(browser, servers["default"] + "/2569/measures/")
    assert page.locator(".itasite-row").count() == _visible_rows(page) == 7
    labels = page.locator("form.itasite-filters label").all_inner_texts()
    assert labels == ["สถานะ", "ตัวชี้วัด", "หน่วยงานผู้รับผิดชอบ"]
    assert page.locator(".itasite-filters__count").inner_text() == "แสดง ๗ จาก ๗ มาตรการ"

    _focus_by_tab(page, "filter-indicator")
    page.keyboard.press("ArrowDown")  # ทุกตัวชี้วัด → ๑. การปฏิบัติหน้าที่
    assert page.evaluate("document.activeElement.value") == "1"
    assert _visible_rows(page) == 1
    assert page.locator(".itasite-filters__count").inner_text() == "แสดง ๑ จาก ๗ มาตรการ"

    _focus_by_tab(page, "filter-unit")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # งานธุรการ (กองยุทธศาสตร์และงบประมาณ): owner of measure 1
    assert page.evaluate("document.activeElement.selectedOptions[0].textContent") == "งานธุรการ (กองยุทธศาสตร์และงบประมาณ)"
    assert _visible_rows(page) == 1

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "filter-status"
    page.keyboard.press("ArrowDown")  # ดำเนินการแล้วเสร็จ: no measure of 2569 is done yet
    assert _visible_rows(page) == 0
    assert page.locator(".itasite-filters__count").inner_text() == "แสดง ๐ จาก ๗ มาตรการ"
    page.context.close()


def test_measure_list_is_complete_without_javascript(servers: dict[str, str], browser: Browser) -> None:
    page = open_page(browser, servers["default"] + "/2569/measures/", javascript=False)
    assert page.locator("form.itasite-filters").is_hidden()
    assert _visible_rows(page) == page.locator(".itasite-row").count() == 7
    page.context.close()


def test_status_badges_say_the_status_in_words(servers: dict[str, str], browser: Browser) -> None:
    page = open_page(browser, servers["muang-mu"] + "/2567/measures/")
    badges = page.locator("table .itasite-status").all_inner_texts()
    page.context.close()
    assert badges and set(badges) <= {"ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ", "ยังไม่ดำเนินการ", "อยู่ในแผน"}


# -- charts ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("site", "path"), [("default", "/2568/"), ("muang-mu", "/trends/")])
def test_every_chart_has_a_thai_title_and_its_table_next_to_it(servers: dict[str, str], browser: Browser, site: str,
                                                               path: str) -> None:
    page = open_page(browser, servers[site] + path)
    charts = page.evaluate(
        """Array.from(document.querySelectorAll('figure.itasite-chart')).map(f => {
             const svg = f.querySelector('svg');
             const next = f.nextElementSibling;
             return [svg.getAttribute('role'), svg.getAttribute('aria-label') === svg.querySelector('title').textContent,
                     /[ก-๙]/.test(svg.getAttribute('aria-label')), !!(next && (next.matches('table') || next.querySelector('table')))];
           })"""
    )
    page.context.close()
    assert len(charts) == 2
    assert all(c == ["img", True, True, True] for c in charts)


# -- print ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "year"), [("/2568/", "๒๕๖๘"), ("/2568/indicators/1/", "๒๕๖๘"), ("/2569/measures/", "๒๕๖๙")]
)
def test_printing_gives_a4_pages_with_organisation_and_year_and_no_navigation(
    servers: dict[str, str], browser: Browser, path: str, year: str
) -> None:
    page = open_page(browser, servers["default"] + path)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)  # the size comes from the site's @page
    header = page.evaluate("getComputedStyle(document.querySelector('.itasite-print-header')).display")
    page.context.close()
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4 in points
    text = "\n".join(p.extract_text() for p in reader.pages)
    first = reader.pages[0].extract_text()
    assert "เทศบาลเมืองดอนสัก" in first.replace(" ", "")
    assert year in first
    assert [t for t in NAVIGATION_TEXT if t in text.replace(" ", "")] == []
    assert header == "none"  # on screen the print header is hidden


# -- the 404 page, the footer ----------------------------------------------------------------------------------------


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """A web server that publishes the site under ``/ita/`` and answers a missing address with the site's 404.html
    and status 404, as GitHub Pages, GitLab Pages and a configured nginx do."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "ita" / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_404_page_is_thai_with_search_and_a_way_home_under_a_sub_path(
    browser: Browser, sites: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """muang-mu's site_url ends in /ita/: a missing address deep under it gets a styled Thai page whose links and
    search lead into the site (issue 13)."""
    root = tmp_path_factory.mktemp("subpath")
    shutil.copytree(sites["muang-mu"], root / "ita")
    with serve(root, _SubPathHandler) as served:
        base = served.rstrip("/")
        page = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
        failed: list[str] = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.request.resource_type != "document" else None)
        response = page.goto(base + "/ita/2567/no/such/page/", wait_until="networkidle")
        assert response is not None and response.status == 404
        assert page.inner_text("h1") == "ไม่พบหน้าที่ต้องการ"
        assert "Not found" not in page.inner_text("body")
        assert failed == []  # stylesheet, scripts and fonts load from /ita/
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        page.fill("#itasite-404-q", "มาตรการ")
        page.click(".itasite-404-search button")
        page.wait_for_selector(".md-search-result__item", timeout=10000)
        assert urlsplit(page.url).path == "/ita/"
        page.goto(base + "/ita/missing", wait_until="networkidle")
        page.click("article a:has-text('หน้าหลัก')")
        page.wait_for_load_state("networkidle")
        assert urlsplit(page.url).path == "/ita/" and "องค์การบริหารส่วนตำบลม่วงหมู่" in page.inner_text("h1")
        page.context.close()


@pytest.mark.parametrize(("site", "path"), [("default", "/2569/"), ("muang-mu", "/2567/")])
def test_footer_names_the_organisation_in_thai_and_not_the_software(
    servers: dict[str, str], browser: Browser, site: str, path: str
) -> None:
    page = open_page(browser, servers[site] + path)
    footer = page.inner_text(".itasite-footer-links") + "\n" + page.inner_text(".md-footer")
    page.context.close()
    assert "Made with" not in footer and "Material" not in footer
    assert "ข้อมูลปรับปรุงล่าสุด" in footer and "นโยบายความเป็นส่วนตัว" in footer
    assert ("เทศบาลเมืองดอนสัก" if site == "default" else "องค์การบริหารส่วนตำบลม่วงหมู่") in footer


def test_the_oit_checklist_shows_the_nacc_headings_and_groups(servers: dict[str, str], browser: Browser) -> None:
    page = open_page(browser, servers["kong-koi"] + "/2566/oit/", width=375)
    headings = page.eval_on_selector_all("article h2, article h3", "hs => hs.map(h => h.textContent.replace('¶', '').trim())")
    groups = page.eval_on_selector_all("article p > strong:only-child", "ss => ss.map(s => s.textContent)")
    visible = page.is_visible("text=การประชาสัมพันธ์")
    page.context.close()
    assert "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล" in headings
    assert "๙.๑ ข้อมูลพื้นฐาน" in headings
    assert "การประชาสัมพันธ์" in groups and visible
# -- the measures list on a phone and on paper; Thai words kept whole (issue 13) ----------------------------------

MEASURES_LISTS = [("default", "/2569/measures/"), ("muang-mu", "/2567/measures/")]
MEASURES_TABLE = "article table:has(.itasite-row)"


@pytest.mark.parametrize(("site", "path"), MEASURES_LISTS)
def test_every_cell_of_the_measures_list_is_on_a_375px_screen(servers: dict[str, str], browser: Browser, site: str,
                                                              path: str) -> None:
    """Each measure is a card: every cell inside the screen, visible, and named by its column's header."""
    page = open_page(browser, servers[site] + path, 375)
    cells = page.evaluate(
        """sel => {
             const table = document.querySelector(sel);
             const heads = Array.from(table.querySelectorAll('thead th')).map(th => th.textContent.trim());
             const width = document.documentElement.clientWidth;
             return Array.from(table.querySelectorAll('tbody tr')).flatMap(tr => Array.from(tr.cells).map((td, i) => {
               const box = td.getBoundingClientRect();
               const label = td.querySelector('.itasite-label');
               const shown = label ? getComputedStyle(label, '::before').content.replace(/^"|"$/g, '') : null;
               return {inside: box.left >= 0 && box.right <= width && box.width > 0 && box.height > 0,
                       named: shown === heads[i], overflow: td.scrollWidth <= td.clientWidth + 1};
             }));
           }""",
        MEASURES_TABLE,
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    page.context.close()
    assert len(cells) >= 6 * 7  # six or more measures, seven or more columns
    assert [c for c in cells if c != {"inside": True, "named": True, "overflow": True}] == []
    assert width <= 375


def test_the_measures_filter_hides_cards_on_a_phone(servers: dict[str, str], browser: Browser) -> None:
    page = open_page(browser, servers["default"] + "/2569/measures/", 375)
    page.select_option("#filter-indicator", "1")
    shown = page.evaluate(f"Array.from(document.querySelectorAll('{MEASURES_TABLE} tbody tr'))"
                          ".filter(tr => tr.getBoundingClientRect().height > 0).length")
    page.context.close()
    assert shown == 1


def _pdf_letters(text: str) -> str:
    """Text as pypdf reads it back, reduced to what survives extraction: no spaces, no combining marks (tone marks
    and some vowels come out as NUL or go missing), compatibility forms folded (ำ is read as ํ + า)."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c)[0] in "LN")


@pytest.mark.parametrize(("site", "path"), MEASURES_LISTS)
def test_printed_measures_list_shows_every_column(servers: dict[str, str], browser: Browser, site: str, path: str) -> None:
    page = open_page(browser, servers[site] + path)
    page.emulate_media(media="print")
    columns = page.evaluate(
        """sel => {
             const table = document.querySelector(sel);
             const heads = Array.from(table.querySelectorAll('thead th')).map(th => th.textContent.trim());
             const first = Array.from(table.querySelector('tbody tr').cells).map(td => td.textContent.trim());
             const right = table.getBoundingClientRect().right;
             const inside = Array.from(table.querySelectorAll('th, td')).every(c => c.getBoundingClientRect().right <= right + 1);
             return {heads, first, fits: inside && right <= document.documentElement.clientWidth};
           }""",
        MEASURES_TABLE,
    )
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    page.context.close()
    printed = _pdf_letters("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert len(columns["heads"]) >= 7 and columns["fits"]
    # The header row, whole and in order (repeated on each page): its last column, "รอบ ๑๒ เดือน", was cut to "ร".
    # (The rounds table above the list names the rounds too, so each header alone would prove nothing.)
    assert _pdf_letters("".join(columns["heads"])) in printed
    assert [v for v in columns["first"] if _pdf_letters(v) not in printed] == []


# Compounds issue 13 saw cut in narrow cells at 375 px, and where they are.
WHOLE_WORDS = ["ตัวชี้วัด", "เผยแพร่", "งบประมาณ", "ผู้รับผิดชอบ", "ยุทธศาสตร์"]
NARROW_TABLES = [("default", "/2569/measures/"), ("default", "/2568/oit/"), ("default", "/2568/indicators/"),
                 ("muang-mu", "/2567/measures/")]


@pytest.mark.parametrize(("site", "path"), NARROW_TABLES)
def test_thai_words_and_status_badges_stay_on_one_line_at_375px(servers: dict[str, str], browser: Browser, site: str,
                                                                path: str) -> None:
    """Every occurrence of the listed words in a table lies on one line (its characters' boxes share a top), and
    every status badge is one line high."""
    page = open_page(browser, servers[site] + path, 375)
    found = page.evaluate(
        """words => {
             const split = [], seen = {};
             for (const table of document.querySelectorAll('article table')) {
               const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
               let node;
               while ((node = walker.nextNode())) {
                 for (const word of words) {
                   for (let at = node.data.indexOf(word); at >= 0; at = node.data.indexOf(word, at + 1)) {
                     const range = document.createRange();
                     range.setStart(node, at);
                     range.setEnd(node, at + word.length);
                     const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
                     if (tops.size === 0) continue;  // not shown (the list's header row on a phone)
                     seen[word] = (seen[word] || 0) + 1;
                     if (tops.size > 1) split.push(word);
                   }
                 }
               }
             }
             const tall = Array.from(document.querySelectorAll('article .itasite-status')).filter(b =>
               b.getClientRects().length !== 1 || b.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(b).fontSize) * 1.4);
             return {split, seen: Object.keys(seen).length, tall: tall.map(b => b.textContent)};
           }""",
        WHOLE_WORDS,
    )
    page.context.close()
    assert found["seen"] >= 1
    assert found["split"] == [] and found["tall"] == []


@pytest.mark.parametrize("path", ["/2568/", "/2568/indicators/1/", "/2569/measures/"])
def test_no_printed_page_ends_with_a_heading(servers: dict[str, str], browser: Browser, path: str) -> None:
    """A heading (with at most one line of its text) is never left at the foot of an A4 page: /2568/ left
    "คะแนนรายตัวชี้วัด" and its one-line lead there, their chart on the next page."""
    page = open_page(browser, servers["default"] + path)
    headings = {_pdf_letters(h) for h in page.eval_on_selector_all(
        "article :is(h1, h2, h3, h4)", "hs => hs.map(h => h.textContent.replace('¶', ''))")}
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    page.context.close()
    pages = PdfReader(io.BytesIO(pdf)).pages
    feet = [[_pdf_letters(line) for line in p.extract_text().splitlines() if _pdf_letters(line)][-2:] for p in pages[:-1]]
    assert len(pages) > 1
    assert [(i + 1, foot) for i, foot in enumerate(feet) if set(foot) & headings] == []

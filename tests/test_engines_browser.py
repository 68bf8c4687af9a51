"""The default site on every site engine (issue 21): ``itasite render --out T`` built by each engine's own command
(``mkdocs build``, ``properdocs build``, ``zensical build``) from its own venv (tools/engines.py, pinned versions),
served on 127.0.0.1 and searched in Debian's chromium through the search box each engine's theme shows.

Every engine must find at least 95 % of what the queries of tests/test_search_browser.py should find, with the same
first results as on MkDocs, download no whole-site search index, and publish no page that asks for a local script
or stylesheet that is not there. ``ITASITE_ENGINES=mkdocs,zensical`` limits the engines (all by default); the first
run makes the venvs from the package index (``make engines`` does it beforehand).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from browser_support import read_results, search_each, serve, type_thai
from built_sites import seed_reports
from conftest import copy_site
from test_search_browser import QUERIES, RECALL_TARGET

from generator.cli import main
from tools.engines import PINS, build_command

try:
    from playwright.sync_api import Browser, Page
except ImportError:  # pragma: no cover - a broken test environment must fail, not skip
    raise ImportError("browser tests need the playwright package: pip install -e '.[test]' (make test does)") from None

pytestmark = pytest.mark.browser

REFERENCE = "mkdocs"  # the others are compared with it (or with the first engine chosen, without it)
TOP = 3  # the first results every engine must show alike
LOCAL_ASSET = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"#?]+\.(?:js|css))(?:[?#][^"]*)?"', re.I)


def selected_engines() -> list[str]:
    chosen = os.environ.get("ITASITE_ENGINES", "")
    names = [n.strip() for n in chosen.split(",") if n.strip()] or list(PINS)
    unknown = sorted(set(names) - set(PINS))
    assert not unknown, f"ITASITE_ENGINES names unknown engines {unknown}; known: {list(PINS)}"
    return names


def engine_param(name: str) -> object:
    if name in selected_engines():
        return name
    return pytest.param(name, marks=pytest.mark.skip(reason=f"ITASITE_ENGINES={os.environ.get('ITASITE_ENGINES')} excludes {name}"))


ENGINE_PARAMS = [engine_param(name) for name in PINS]
if REFERENCE not in selected_engines():
    REFERENCE = selected_engines()[0]


@dataclass(frozen=True)
class Built:
    engine: str
    site: Path
    seconds: float
    pages: list[str]  # every HTML file, site-relative


@pytest.fixture(scope="session")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default site rendered once as the engine-neutral Markdown tree."""
    root = seed_reports(copy_site("default", tmp_path_factory.mktemp("engines")), "default", tmp_path_factory)
    out = root / "tree"
    assert main(["render", "--out", str(out), "-f", str(root / "site_config.yml")]) == 0
    return out


_built: dict[str, Built] = {}


def built(engine: str, tree: Path) -> Built:
    """The tree built by ``engine``'s own command, once per session."""
    if engine not in _built:
        copy = tree.parent / f"tree-{engine}"
        shutil.copytree(tree, copy)
        command = build_command(engine, copy / "mkdocs.yml")
        started = time.perf_counter()
        done = subprocess.run(command, check=False, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        seconds = time.perf_counter() - started
        assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}\n{done.stderr}"
        site = copy / "site"
        pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
        _built[engine] = Built(engine, site, seconds, pages)
        print(f"\n{engine}: {len(pages)} pages built in {seconds:.2f} s ({' '.join(command[1:3])})")
    return _built[engine]


@dataclass(frozen=True)
class Searched:
    results: dict[str, list[str]]  # query -> page addresses in order
    requests: list[str]


_searched: dict[str, Searched] = {}


def searched(engine: str, tree: Path, browser: Browser) -> Searched:
    """Every query of the search test through the engine's search box (the first by its ?q= address), once per session."""
    if engine not in _searched:
        site = built(engine, tree).site
        with serve(site) as base:
            context = browser.new_context()
            requests: list[str] = []
            local = len(base) - 1  # addresses kept from the site's root: /search/itasite/...
            context.on("request", lambda r: requests.append(r.url[local:] if r.url.startswith(base) else r.url))
            views = search_each(context.new_page(), base, [query for query, _ in QUERIES])
            results = {query: view.pages for query, view in views.items()}
            context.close()
        _searched[engine] = Searched(results, requests)
    return _searched[engine]


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_the_engine_builds_the_same_pages_as_mkdocs(engine: str, tree: Path) -> None:
    site = built(engine, tree)
    assert len(site.pages) > 80
    assert site.pages == built(REFERENCE, tree).pages


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_no_page_asks_for_a_local_script_or_stylesheet_that_is_missing(engine: str, tree: Path) -> None:
    site = built(engine, tree).site
    missing, checked = [], 0
    for rel in built(engine, tree).pages:
        html = (site / rel).read_text(encoding="utf-8")
        for ref in LOCAL_ASSET.findall(html):
            if urlsplit(ref).scheme or ref.startswith("//"):
                continue
            target = urlsplit(urljoin(f"http://site/{rel}", ref)).path.lstrip("/")
            checked += 1
            if not (site / target).is_file():
                missing.append(f"{rel}: {ref}")
    assert checked > 3 * len(built(engine, tree).pages)
    assert missing == []


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_every_page_has_the_sites_own_head_footer_and_print_header(engine: str, tree: Path) -> None:
    site = built(engine, tree).site
    for rel in ("index.html", "2568/index.html", "2569/oit/o15/index.html"):
        html = (site / rel).read_text(encoding="utf-8")
        assert '<meta name="generator" content="itasite">' in html, rel
        assert re.search(r'<link rel="alternate feed" type="application/atom\+xml" [^>]*href="[./]*feed.xml">', html), rel
        assert 'class="itasite-footer-links md-typeset" aria-label="ข้อมูลเว็บไซต์"' in html, rel
        assert "ข้อมูลปรับปรุงล่าสุด" in html and "Made with" not in html, rel
        assert '<p class="itasite-print-header" aria-hidden="true">เทศบาลเมืองดอนสัก · ' in html, rel
        assert re.search(r'<link rel="preload" href="[./]*assets/fonts/sarabun-400.woff2" as="font"', html), rel


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_the_404_page_is_the_same_thai_page_on_every_engine(engine: str, tree: Path) -> None:
    def body(site: Path) -> str:
        html = (site / "404.html").read_text(encoding="utf-8")
        found = re.search(r"<h1>ไม่พบหน้าที่ต้องการ</h1>.*?</ul>", html, re.S)
        assert found, html[-2000:]
        return re.sub(r"\s+", " ", found.group(0))

    assert body(built(engine, tree).site) == body(built(REFERENCE, tree).site)


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_thai_search_finds_the_same_pages_on_every_engine(engine: str, tree: Path, browser: Browser) -> None:
    results = searched(engine, tree, browser).results
    found = [query for query, expected in QUERIES if set(results[query]) & set(expected)]
    recall = len(found) / len(QUERIES)
    print(f"\n{engine}: recall {recall:.3f} over {len(QUERIES)} queries")
    assert recall >= RECALL_TARGET, [(q, results[q][:5]) for q, _ in QUERIES if q not in found]
    reference = searched(REFERENCE, tree, browser).results
    differ = {q: (results[q][:TOP], reference[q][:TOP]) for q, _ in QUERIES if results[q][:TOP] != reference[q][:TOP]}
    assert differ == {}


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_searching_downloads_no_whole_site_index(engine: str, tree: Path, browser: Browser) -> None:
    """The Thai worker fetches index shards; neither Material's search_index.json nor Zensical's search.json may
    bring the whole site to every visitor (an empty one, as the itasite plugin leaves Material's, is fine)."""
    run = searched(engine, tree, browser)
    site = built(engine, tree).site
    assert any(url.startswith("/search/itasite/s/") for url in run.requests)
    for url in sorted(set(run.requests)):
        if url.split("?")[0] in ("/search/search_index.json", "/search.json"):
            index = json.loads((site / url.lstrip("/").split("?")[0]).read_text(encoding="utf-8"))
            assert index.get("docs", []) == [] and index.get("items", []) == [], f"{engine} downloads {url} with the whole site"


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_typing_into_the_header_search_box_shows_results(engine: str, tree: Path, page: Page) -> None:
    with serve(built(engine, tree).site) as base:
        page.goto(base + "2569/")
        if page.locator("input.md-search__input").count():  # Material's box sits in the header
            box = "input.md-search__input"
        else:  # the site's own box on Zensical's theme opens from the header's search button
            page.locator(".itasite-search-open button").click()
            box = "input.itasite-search__input"
        type_thai(page, box, "ผู้ใต้บังคับบัญชา")
        view = read_results(page)
        assert "2569/measures/m6/" in view.pages[:5]
        assert "ผู้ใต้บังคับบัญชา" in view.marks
        page.locator(".md-search-result__item a[href*='2569/measures/m6/']").first.click()
        page.wait_for_url("**/2569/measures/m6/**")
        # search.highlight: the page marks the words that found it
        page.wait_for_function("() => [...document.querySelectorAll('article mark')].some(m => m.textContent === 'ผู้ใต้บังคับบัญชา')")

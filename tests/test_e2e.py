"""Whole sites built with MkDocs in strict mode: the default site and every example.

Each site is copied to a temporary folder and built the way `make site` / `make examples` do (``itasite build``,
strict). The tests check the addresses assessors use, that two builds are byte-identical, and that every piece of
text in the YAML reaches the published pages (no field silently dropped by a template).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from built_sites import REPORT_CACHE, built_site
from conftest import ROOT
from document_files import make_docx, make_pdf
from page_text import remove_word_marks

from generator.cli import main
from generator.load.content import load_content
from generator.load.yaml import load_yaml
from generator.render.documents import format_size
from generator.render.search import compact
from generator.thai import to_thai_digits

pytestmark = pytest.mark.e2e

SITES = ["default", *sorted(p.parent.parent.name for p in (ROOT / "examples").glob("*/content/organisation.yml"))]

# Keys whose string values are identifiers, addresses, codes, states or dates: validated, linked or reformatted
# (e.g. 2568-10-01 → ๑ ตุลาคม ๒๕๖๘), so not expected on the page as typed.
NOT_TEXT_KEYS = {
    "id", "parent", "owners", "url", "website", "code", "item", "questions", "indicator", "indicators", "round",
    "status", "date", "start", "end", "due", "updated", "based_on", "extends", "remove_items", "confidence",
    "score", "total", "change", "total_change", "state", "scope",
}




@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """A site copied into a folder of its own and built (strict), once per run (tests/built_sites.py): the tests
    only read what was built. Returns the site's folder."""
    return lambda name: built_site(name, tmp_path_factory)


def _content_dir(name: str) -> Path:
    return ROOT / "content" if name == "default" else ROOT / "examples" / name / "content"


def _article_text(page: Path) -> str:
    """The visible text of a page's content (what the page says, without the navigation around it)."""
    source = page.read_text(encoding="utf-8")
    start, end = source.find("<article"), source.find("</article>")
    assert start != -1 and end != -1, page
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", source[start:end], flags=re.S)
    body = re.sub(r'<p class="itasite-print-header".*?</p>', " ", body, flags=re.S)  # shown on paper only
    body = remove_word_marks(body)  # a word's own <span> and the <wbr> between words show no space
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


# -- pages at their addresses ------------------------------------------------------------------------------------


def _expected_pages(name: str) -> set[str]:
    """Every HTML page the content calls for, derived from the YAML files themselves."""
    content = _content_dir(name)
    site, findings = load_content(content, content.parent)
    assert site is not None, findings
    pages = {"index.html", "404.html", "data/index.html"}
    pages |= {f"{p}/index.html" for p in ("trends", "about", "privacy", "accessibility", "sitemap")}
    for year_dir in sorted(p for p in content.iterdir() if p.is_dir() and p.name.isdigit()):
        year = year_dir.name
        pages.add(f"{year}/index.html")
        if (year_dir / "result.yml").exists():
            result, _ = load_yaml(year_dir / "result.yml", "result.yml")
            assert result is not None
            pages.add(f"{year}/indicators/index.html")
            pages |= {f"{year}/indicators/{i['indicator']}/index.html" for i in result.data.get("indicators", [])}
        if (year_dir / "measures.yml").exists():
            plan, _ = load_yaml(year_dir / "measures.yml", "measures.yml")
            assert plan is not None
            pages.add(f"{year}/measures/index.html")
            pages |= {f"{year}/measures/{m['id']}/index.html" for m in plan.data.get("measures", [])}
        pages.add(f"{year}/oit/index.html")
        pages |= {f"{year}/oit/{item.code}/index.html" for item in site.years[int(year)].framework.items}
    return pages


@pytest.mark.parametrize("name", SITES)
def test_site_builds_with_every_page_at_its_address(name: str, built: Callable[[str], Path]) -> None:
    site = built(name) / "site"
    published = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert published == _expected_pages(name)
    assert (site / "search" / "search_index.json").is_file()
    assert (site / "sitemap.xml").is_file()
    assert not any(p.suffix in (".yml", ".yaml") for p in site.rglob("*"))


def test_default_site_bookmarked_addresses(built: Callable[[str], Path]) -> None:
    site = built("default") / "site"
    for page in (
        "index.html",
        "2568/index.html",
        "2568/indicators/1/index.html",
        "2568/indicators/10/index.html",
        "2569/measures/index.html",
        "2569/measures/m1/index.html",
        "2569/measures/m7/index.html",
        "2568/oit/index.html",
        "2568/oit/o15/index.html",
        "2569/oit/o1/index.html",
    ):
        assert (site / page).is_file(), page
    home = _article_text(site / "index.html")
    assert home.startswith("เทศบาลเมืองดอนสัก")
    assert "๙๔.๕๐" in home and "ผ่านดี" in home
    indicator = _article_text(site / "2568" / "indicators" / "9" / "index.html")
    assert indicator.startswith("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล (ปีงบประมาณ ๒๕๖๘)")
    assert "o1–o5" in indicator and "๘๖.๕๐" in indicator


@pytest.mark.parametrize("name", SITES)
def test_every_internal_link_resolves(name: str, built: Callable[[str], Path]) -> None:
    site = built(name) / "site"
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue  # MkDocs writes it with absolute links for any depth
        for href in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8")):
            if href.startswith(("http://", "https://", "mailto:", "#")):
                continue
            target = (page.parent / html.unescape(href).split("#")[0]).resolve()
            if href.split("#")[0].endswith("/") or target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(site)} links to missing {href}"


# -- reproducible builds ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SITES)
def test_two_builds_in_different_folders_are_byte_identical(
    name: str, built: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The default site's second build lays its reports out again, so their bytes are compared too (laid out in
    worker processes and from the cache: tests/test_reports.py); an example's starts from the first build's report
    cache, as a clerk's second build does, and compares the pages and every other file."""
    first = built(name) / "site"
    # the second build: another folder, another process, MkDocs' own command line
    other = tmp_path_factory.mktemp("again")

    shutil.copytree(first.parent / "content", other / "content")
    shutil.copytree(first.parent / "theme", other / "theme")
    shutil.copy(first.parent / "site_config.yml", other / "site_config.yml")
    if name != "default":
        shutil.copytree(first.parent / REPORT_CACHE, other / REPORT_CACHE)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-q", "-f", "site_config.yml"],
        cwd=other, capture_output=True, text=True, timeout=300, check=False, env=env,
    )
    assert result.returncode == 0, result.stderr
    second = other / "site"
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    assert "search/search_index.json" in files and "sitemap.xml.gz" in files
    assert "feed.xml" in files and "data/datapackage.json" in files and "data/site.json" in files
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


# -- fidelity: every text of the YAML is on the site ---------------------------------------------------------------


def _text_leaves(data: object, path: tuple[str | int, ...] = (), key: str = "") -> Iterator[tuple[str, str]]:
    """(dotted path, text) of every string in the data, except identifiers, codes, dates and states."""
    if isinstance(data, dict):
        for k, value in data.items():
            yield from _text_leaves(value, (*path, k), str(k))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _text_leaves(value, (*path, i), key)
    elif isinstance(data, str) and key not in NOT_TEXT_KEYS and not (len(path) >= 2 and path[-2] == "tools"
                                                                   and key in ("IIT", "EIT", "OIT")):
        dotted = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        yield dotted, data


@pytest.mark.parametrize("name", SITES)
def test_every_text_in_the_yaml_is_on_the_pages_of_its_year(name: str, built: Callable[[str], Path]) -> None:
    """A year's result, measures and OIT texts must show on that year's pages; organisation and framework texts
    on some page. Proves that no template drops a field (a dropped field is listed with its file and key)."""
    site = built(name) / "site"
    texts = {p.relative_to(site).as_posix(): _article_text(p) for p in sorted(site.rglob("*.html"))}
    content = _content_dir(name)
    dropped = []
    checked = 0
    for path in sorted(content.rglob("*.y*ml")):
        rel = path.relative_to(content).as_posix()
        year = rel.split("/")[0] if rel.split("/")[0].isdigit() else None
        scope = " \n ".join(t for page, t in texts.items() if year is None or page.startswith(f"{year}/"))
        source, findings = load_yaml(path, rel)
        assert source is not None and findings == []
        for where, text in _text_leaves(source.data):
            checked += 1
            if re.search(r"rounds\[\d+\]\.label$", where):
                text = to_thai_digits(text)  # noqa: PLW2901 (a round's name is shown in the site's digits; every site here: Thai)
            if " ".join(text.split()) not in scope:
                dropped.append(f"{rel}: {where}: {text[:80]!r}")
    assert checked > 0
    assert dropped == [], "text in the YAML that no page shows:\n" + "\n".join(dropped)


RESEARCH_WORDS = re.compile(
    r"ความน่าเชื่อถือของรายการ|ยังไม่ทราบชื่อ|\b(?:provisional|verified|supported|unverified)\b|github\.com|\bseed\b|commit",
    re.IGNORECASE,
)


@pytest.mark.parametrize("name", SITES)
def test_no_public_page_shows_the_generators_research(name: str, built: Callable[[str], Path]) -> None:
    """Confidence marks, research sources and 'unknown name' placeholders belong in the framework files and
    itasite check, never on a page a citizen reads."""
    site = built(name) / "site"
    found = {}
    for page in site.rglob("*.html"):
        text = _article_text(page)
        if match := RESEARCH_WORDS.search(text):
            found[page.relative_to(site).as_posix()] = match.group()
    assert found == {}


# -- documents hosted with the site (issue 12) ---------------------------------------------------------------------


def test_hosted_documents_show_type_and_size_and_their_text_is_searchable(site_dir: Callable[..., Path]) -> None:
    root = site_dir({
        "organisation.yml": "name: องค์การบริหารส่วนตำบลทดสอบ\ntype: องค์การบริหารส่วนตำบล\n",
        "2568/oit.yml": (
            "items:\n  - item: o15\n    links:\n"
            "      - {title: แผนการบริหารทรัพยากรบุคคล, url: files/plan.pdf}\n"
            "      - {title: รายงานผลการดำเนินงาน, url: files/report.docx}\n"
        ),
    })
    files = root / "content" / "files"
    files.mkdir()
    (files / "plan.pdf").write_bytes(make_pdf(["Personnel Rotation Policy", "Second page phrase"]))
    (files / "report.docx").write_bytes(make_docx(["ผลการสำรวจความพึงพอใจของผู้รับบริการ"]))
    assert main(["build", "-q", "--strict", "-f", str(root / "site_config.yml")]) == 0
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    site = root / "site"

    item = _article_text(site / "2568" / "oit" / "o15" / "index.html")
    pdf_size, docx_size = (files / "plan.pdf").stat().st_size, (files / "report.docx").stat().st_size
    assert f"แผนการบริหารทรัพยากรบุคคล (PDF · {format_size(pdf_size)}) รายงานผลการดำเนินงาน (DOCX · {format_size(docx_size)})" in item
    assert (site / "files" / "plan.pdf").read_bytes() == (files / "plan.pdf").read_bytes()

    index = site / "search" / "itasite"
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((index / "p").glob("*.json"))]
    by_url = {d["u"]: d for d in docs}
    assert by_url["files/plan.pdf"]["t"] == "แผนการบริหารทรัพยากรบุคคล"
    assert by_url["files/report.docx"]["t"] == "รายงานผลการดำเนินงาน"
    for url, phrase in [("files/plan.pdf", "Personnel Rotation Policy"), ("files/plan.pdf", "Second page phrase"),
                        ("files/report.docx", "ผลการสำรวจความพึงพอใจของผู้รับบริการ")]:
        text = compact(" ".join(f"{h} {t}" for _, h, t in by_url[url]["s"]))
        assert compact(phrase) in text, url
        assert [d["u"] for d in docs if compact(phrase) in compact(json.dumps(d["s"], ensure_ascii=False))] == [url]
    assert ["page=2", "หน้า 2", "Second page phrase"] in by_url["files/plan.pdf"]["s"]
    shards = "".join(p.read_text(encoding="utf-8") for p in (index / "s").glob("*.json"))
    assert all(f'"{compact(phrase)[i:i + 2]}"' in shards for phrase in ("ความพึงพอใจ",) for i in range(len(compact(phrase)) - 1))

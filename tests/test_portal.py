"""The portal (issue 24): portal.yml, the reader of data/site.json, the honest gaps, the pages against each
organisation's own site, and build/check in a portal folder (URL sources from a fake cache written here)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import posixpath
import re
import shutil
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, minimal_config
from page_text import remove_word_marks

from generator.cli import main
from generator.load.content import load_content
from generator.pipeline import RenderedSite, build_site
from generator.portal.config import load_portal
from generator.portal.record import RecordError, read_record
from generator.render.opendata import render_open_data
from generator.render.pages import RenderSettings, render_pages
from generator.thai import format_number, show_digits
from generator.urls import DIRECTORY_URLS, SITE_JSON, oit_page, page_candidates

EXAMPLE = ROOT / "examples" / "portal"
ORGANISATIONS = {"default": ROOT, **{p.parent.parent.name: p.parent.parent for p in (ROOT / "examples").glob("*/content/organisation.yml")}}
SITE_URLS = {name: re.search(r"^site_url: (\S+)", (folder / "site_config.yml").read_text(encoding="utf-8"), re.M).group(1)
             for name, folder in ORGANISATIONS.items()}


def _text(markdown: str) -> str:
    return remove_word_marks(markdown)


@pytest.fixture(scope="module")
def portal() -> RenderedSite:
    return build_site(EXAMPLE / "content", EXAMPLE, RenderSettings(site_url="https://portal.example/"))


def _org(name: str) -> Any:
    site, findings = load_content(ORGANISATIONS[name] / "content", ORGANISATIONS[name])
    assert site is not None, findings
    return site


def _member_page(portal: RenderedSite, org_name: str) -> tuple[str, str]:
    for path, text in portal.pages.items():
        if path.startswith("organisations/") and path != "organisations/index.md" and f"# {org_name}\n" in _text(text):
            return path, _text(text)
    raise AssertionError(f"no portal page for {org_name}")


def _linked_pages(portal: RenderedSite, path: str, text: str) -> set[str]:
    """The portal's pages a page links to: by their sources (Markdown links) or by their addresses (HTML tables)."""
    found = {posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) for target in re.findall(r"\]\(([^)]+\.md)\)", text)}
    here = posixpath.dirname(DIRECTORY_URLS.output_file(path))
    for href in re.findall(r'href="([^":]+)"', text):
        address = posixpath.normpath(posixpath.join(here, href)) + ("/" if href.endswith("/") else "")
        found.update(c for c in page_candidates(address.removeprefix("./")) if c in portal.pages)
    return found


# -- the example portal --------------------------------------------------------------------------------------


def test_the_example_portal_builds_with_strict(tmp_path: Path) -> None:
    target = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", target, ignore=shutil.ignore_patterns("site", ".itasite-cache"))
    for name in ("site_config.yml",):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    assert main(["build", "--strict", "-q", "-f", str(target / "portal" / "site_config.yml")]) == 0
    built = target / "portal" / "site"
    home = (built / "index.html").read_text(encoding="utf-8")
    assert "ข้อมูล ITA/OIT ของหน่วยงานตัวอย่าง" in home
    assert (built / "data" / "portal.json").is_file() and (built / "feed.xml").is_file()
    assert (built / "search" / "itasite" / "meta.json").is_file()


@pytest.mark.parametrize("name", sorted(ORGANISATIONS))
def test_each_organisation_s_name_and_latest_total_appear_as_its_own_site_shows_them(portal: RenderedSite, name: str) -> None:
    site = _org(name)
    own_home = _text(render_pages(site)["index.md"])
    _, page = _member_page(portal, site.organisation.name)
    latest = next((y for y in reversed(site.years.values()) if y.result), None)
    if latest is None:
        assert "ผลการประเมิน ITA ล่าสุด" not in page
        return
    shown = format_number(latest.result.total, "thai")
    assert shown in own_home  # the organisation's own home page shows this figure
    assert f"คะแนนรวม [{shown}]({SITE_URLS[name]}{latest.year}/)" in page
    ranking = _text(portal.pages[f"{latest.year}/ranking.md"])
    assert site.organisation.name in ranking and f'<a href="{SITE_URLS[name]}{latest.year}/">{shown}</a>' in ranking


@pytest.mark.parametrize("name", sorted(ORGANISATIONS))
def test_every_number_links_to_the_page_of_its_own_site_it_came_from(portal: RenderedSite, name: str) -> None:
    site = _org(name)
    own_pages = {DIRECTORY_URLS.url(source) for source in render_pages(site)}
    base = SITE_URLS[name]
    linked = 0
    for text in portal.pages.values():
        for found in re.findall(r"\]\((https?://[^)]+)\)|href=\"(https?://[^\"]+)\"", _text(text)):
            address = "".join(found)  # a Markdown link's, or an HTML table's
            if address.startswith(base) and address != base:
                assert address.removeprefix(base) in own_pages, address
                linked += 1
    assert linked


@pytest.mark.parametrize("name", sorted(ORGANISATIONS))
def test_the_coverage_matrix_agrees_with_each_organisation_s_own_oit_page_item_by_item(portal: RenderedSite, name: str) -> None:
    site = _org(name)
    own = render_pages(site)
    path, _ = _member_page(portal, site.organisation.name)
    slug = path.removeprefix("organisations/").removesuffix(".md")
    data = json.loads(portal.files["data/portal.json"])
    assert any(o["page"].endswith(f"organisations/{slug}/") for o in data["organisations"])
    for year in site.years.values():
        rows = [r for r in (portal.files.get(f"data/{year.year}/oit-coverage.csv") or "").splitlines()[1:]
                if f",{site.organisation.name}," in r]
        states = {r.split(",")[2]: r.split(",")[4] for r in rows}
        oit = _text(own[oit_page(year.year)])
        cells = {m.group(1): m.group(2) for m in re.finditer(r"^\| \[(o\d+)\]\([^)]*\) \|.*\| ([^|]*) \|$", oit, re.M)}
        assert set(states) == set(cells), year.year
        for code, cell in cells.items():
            state = states[code]
            if state == "linked":
                assert "](" in cell, (year.year, code, cell)
            elif state == "not_recorded":
                assert cell.strip() in ("ยังไม่ได้บันทึก", "–"), (year.year, code, cell)
            elif state == "elsewhere":
                assert "เว็บไซต์หลัก" in cell
            else:
                assert "](" not in cell.split(":")[0], (year.year, code, cell)
        matrix = "".join(_text(t) for p, t in portal.pages.items() if p.startswith(f"{year.year}/oit/"))
        for code, state in states.items():
            word = {"linked": "มีลิงก์", "unlinked": "ไม่มีลิงก์", "not_recorded": "ไม่ได้บันทึก", "elsewhere": "เว็บไซต์หลัก"}[state]
            assert f'<a href="{SITE_URLS[name]}{year.year}/oit/{code}/">{word}</a>' in matrix


@pytest.mark.parametrize("name", sorted(ORGANISATIONS))
def test_every_year_of_an_organisation_is_reachable_from_its_page(portal: RenderedSite, name: str) -> None:
    """The organisation page shows the latest year's OIT items; each earlier year's are one link away, on the matrix
    page that holds the organisation's row of that year (nothing a supervisor needs is lost)."""
    site = _org(name)
    path, page = _member_page(portal, site.organisation.name)
    links = _linked_pages(portal, path, page)
    own_link = re.compile(r"\(\.\./(?:\.\./)?" + re.escape(path) + r"\)|href=\"[./]*" + re.escape(path.removesuffix(".md")) + r"/\"")
    for year in site.years.values():
        matrices = [p for p in links if p.startswith(f"{year.year}/oit/") and own_link.search(_text(portal.pages[p]))]
        assert matrices, (year.year, sorted(links))
        states = [r.split(",")[4] for r in portal.files[f"data/{year.year}/oit-coverage.csv"].splitlines()[1:]
                  if f",{site.organisation.name}," in r]
        words = {"linked": "มีลิงก์", "unlinked": "ไม่มีลิงก์", "not_recorded": "ไม่ได้บันทึก", "elsewhere": "เว็บไซต์หลัก"}
        for state in set(states):
            assert words[state] in _text(portal.pages[matrices[0]]), (year.year, state)
    latest = max(site.years)
    assert f"\n## ปีงบประมาณ {show_digits(str(latest), 'thai')}\n" in page
    earlier = [y for y in site.years if y != latest]
    for year in earlier:  # an earlier year's items are on its matrix page, not repeated here
        assert f"]({SITE_URLS[name]}{year}/oit/o1/)" not in page, year


def test_a_published_total_that_disagrees_with_its_indicators_is_flagged(portal: RenderedSite) -> None:
    home = _text(portal.pages["index.md"])
    assert "คะแนนรวมที่ไม่ตรงกับคะแนนรายตัวชี้วัด" in home and "องค์การบริหารส่วนตำบลม่วงหมู่" in home
    assert any("97.72" in w.message and "97.69" in w.message for w in portal.warnings)


def test_the_portal_is_deterministic(portal: RenderedSite) -> None:
    again = build_site(EXAMPLE / "content", EXAMPLE, RenderSettings(site_url="https://portal.example/"))
    assert (again.pages, again.files) == (portal.pages, portal.files)


# -- portal.yml ----------------------------------------------------------------------------------------------


def _portal_folder(tmp_path: Path, portal_yml: str) -> Path:
    (tmp_path / "site_config.yml").write_text(minimal_config(site_url="https://portal.test/"), encoding="utf-8")
    (tmp_path / "content").mkdir(exist_ok=True)
    (tmp_path / "content" / "portal.yml").write_text(portal_yml, encoding="utf-8")
    return tmp_path


def test_portal_yml_errors_are_located_in_thai(tmp_path: Path) -> None:
    folder = _portal_folder(tmp_path, "name: พอร์ทัล\nsources:\n  - colour: red\n  - url: javascript:alert(1)\n")
    config, findings = load_portal(folder / "content", folder)
    assert config is None
    shown = [f.format() for f in findings]
    assert any(s.startswith("content/portal.yml:3:5: sources[1].colour: ไม่รู้จักคีย์") for s in shown), shown
    assert any(s.startswith("content/portal.yml:4:10: sources[2].url: ลิงก์ใช้ได้เฉพาะ") for s in shown), shown
    folder = _portal_folder(tmp_path, "name: พอร์ทัล\nsources:\n  - url: https://a.example\n  - groups: {type: อบต.}\n  - url: https://a.example/\n")
    config, findings = load_portal(folder / "content", folder)
    shown = [f.format() for f in findings]
    assert config is None and len(shown) == 2, shown
    assert shown[0].startswith("content/portal.yml:4:5: sources[2]: ต้องมี path: (โฟลเดอร์ของหน่วยงาน) หรือ url:"), shown
    assert shown[1] == "content/portal.yml:5:5: sources[3]: หน่วยงานนี้ซ้ำกับรายการที่ 1", shown


def test_a_path_that_is_not_an_organisation_folder_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _portal_folder(tmp_path, "name: พอร์ทัล\nsources:\n  - path: nowhere\n")
    assert main(["check", "-f", str(folder / "site_config.yml")]) == 1
    err = capsys.readouterr()
    assert "content/portal.yml:3:11: sources[1].path: ไม่พบ site_config.yml" in err.out + err.err


# -- URL sources from the cache (a fake one: the fetching side writes the real one) ---------------------------


@dataclass(frozen=True)
class FakeCached:
    url: str
    status: str
    reason: str
    data: dict[str, Any] | None
    fetched_at: dt.datetime | None
    good_at: dt.datetime | None


def _site_json(name: str, site_url: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render_open_data(_org(name), site_url=site_url)[SITE_JSON])
    return document


READ = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def fake_cache(monkeypatch: pytest.MonkeyPatch) -> dict[str, FakeCached]:
    answers: dict[str, FakeCached] = {}
    module = types.ModuleType("generator.portal.cache")

    def read_cached(portal_folder: Path, url: str) -> FakeCached:
        return answers.get(url) or FakeCached(url, "never-fetched", "", None, None, None)

    module.read_cached = read_cached  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "generator.portal.cache", module)
    return answers


GAPS_YML = """name: พอร์ทัลทดสอบ
sources:
  - url: https://dead.example/
    groups: {district: ก}
  - url: https://html.example/
    groups: {district: ก}
  - url: https://wrong.example/
    groups: {district: ข}
  - url: https://good.example/ita/
    groups: {district: ข}
  - url: https://never.example/
"""


def _gaps(fake_cache: dict[str, FakeCached]) -> None:
    good = _site_json("kong-koi", "https://good.example/ita/")
    wrong = copy.deepcopy(_site_json("pak-chong", "https://wrong.example/"))
    year = next(y for y in wrong["years"] if y["result"])
    year["result"]["total"] = round(year["result"]["total"] - 7, 2)
    fake_cache["https://dead.example/"] = FakeCached(
        "https://dead.example/", "down", "เว็บไซต์ https://dead.example/ ไม่ตอบ", _site_json("talad-sai", "https://dead.example/"),
        READ, READ - dt.timedelta(days=30))
    fake_cache["https://html.example/"] = FakeCached(
        "https://html.example/", "not-itasite", "ที่อยู่นี้ไม่ได้เผยแพร่ข้อมูลเปิดของ itasite", None, READ, None)
    fake_cache["https://wrong.example/"] = FakeCached("https://wrong.example/", "ok", "", wrong, READ, READ)
    fake_cache["https://good.example/ita/"] = FakeCached("https://good.example/ita/", "ok", "", good, READ, READ)


def test_a_portal_with_a_dead_a_non_itasite_and_a_wrong_source_builds_shows_each_and_check_strict_lists_them(
    tmp_path: Path, fake_cache: dict[str, FakeCached], capsys: pytest.CaptureFixture[str]
) -> None:
    _gaps(fake_cache)
    folder = _portal_folder(tmp_path, GAPS_YML)
    config = str(folder / "site_config.yml")
    assert main(["build", "--strict", "-q", "-f", config]) == 0
    home = (folder / "site" / "index.html").read_text(encoding="utf-8")
    for shown in ("เว็บไซต์ https://dead.example/ ไม่ตอบ", "แสดงสำเนาล่าสุดที่อ่านได้", "ที่อยู่นี้ไม่ได้เผยแพร่ข้อมูลเปิดของ itasite",
                  "ยังไม่เคยอ่านข้อมูลจาก https://never.example/", "คะแนนรวมที่ไม่ตรงกับคะแนนรายตัวชี้วัด", "องค์การบริหารส่วนตำบลปากช่อง"):
        assert shown in re.sub(r"<[^>]+>", "", home), shown
    members = re.sub(r"<[^>]+>", "", (folder / "site" / "organisations" / "index.html").read_text(encoding="utf-8"))
    assert "องค์การบริหารส่วนตำบลตลาดไทร" in members  # the dead source's last good copy
    assert "https://html.example/" in members  # listed by its address, never dropped
    capsys.readouterr()
    assert main(["check", "-f", config]) == 0
    assert main(["check", "--strict", "-f", config]) == 1
    out = capsys.readouterr().out
    assert "content/portal.yml:3:5: sources[1]: warning:" in out and "ไม่ตอบ" in out
    assert "content/portal.yml:5:5: sources[2]: warning:" in out
    assert re.search(r"content/portal\.yml:7:5: sources\[3\]: warning: องค์การบริหารส่วนตำบลปากช่อง: คะแนนรวมปี \d+ ที่เผยแพร่", out)
    assert "content/portal.yml:11:5: sources[5]: warning:" in out
    assert "sources[4]" not in out
    assert main(["check", "--strict", "--lang", "en", "-f", config]) == 1
    assert "the site did not answer (the portal shows the last good copy)" in capsys.readouterr().out


def test_the_reader_refuses_a_newer_version_and_what_is_not_itasite() -> None:
    document = _site_json("pak-chong", "https://a.example/")
    with pytest.raises(RecordError) as newer:
        read_record({**document, "version": 2}, "https://a.example/data/site.json")
    assert newer.value.status == "newer-version" and "รุ่นใหม่กว่า" in newer.value.reason
    for junk in ([], "<html>", {"format": "other"}):
        with pytest.raises(RecordError) as refused:
            read_record(junk, None)
        assert refused.value.status == "not-itasite"
    with pytest.raises(RecordError) as broken:
        read_record({"format": "itasite-site", "version": 1, "organisation": {}, "years": []}, None)
    assert broken.value.status == "invalid"


def test_hostile_data_is_escaped_and_foreign_schemes_are_dropped(tmp_path: Path, fake_cache: dict[str, FakeCached]) -> None:
    hostile = copy.deepcopy(_site_json("muang-mu", "https://evil.example/"))
    hostile["organisation"]["name"] = '<script>alert("x")</script>\n\n[อบต.](javascript:alert(1))'  # a blank line in it
    hostile["organisation"]["type"] = "<img src=x onerror=alert(1)>"
    hostile["pages"]["home"] = "javascript:alert(1)"
    for year in hostile["years"]:
        year["pages"]["year"] = "javascript:alert(2)"
        for row in year["oit_coverage"]:
            row["url"], row["title"] = "data:text/html,<script>alert(3)</script>", "<b>x</b>"
    fake_cache["https://evil.example/"] = FakeCached("https://evil.example/", "ok", "", hostile, READ, READ)
    folder = _portal_folder(tmp_path, "name: พอร์ทัล <script>\nsources:\n  - url: https://evil.example/\n")
    rendered = build_site(folder / "content", folder, RenderSettings())
    pages = "\n".join(rendered.pages.values())
    assert "<script>" not in pages and "<img" not in pages and "<b>" not in pages
    assert not re.search(r"(?<!\\)\]\((?:javascript|data):", pages)  # shown as text, never a link
    assert "javascript:alert(2)" not in pages + "".join(rendered.files.values())  # a page address of another scheme is dropped
    assert "data:text/html" not in pages + "".join(rendered.files.values())
    assert "&lt;script&gt;" in rendered.pages["index.md"]
    assert main(["build", "-q", "-f", str(folder / "site_config.yml")]) == 0
    for page in (folder / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html
        assert not re.search(r"""href=["']?(?:javascript|data):""", html)


def test_new_portal_lists_every_organisation_folder_and_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "orgs", ignore=shutil.ignore_patterns("site", ".itasite-cache", "portal"))
    assert main(["new-portal", str(tmp_path / "province"), "--from", str(tmp_path / "orgs"), "--name", "จังหวัดทดสอบ"]) == 0
    written = (tmp_path / "province" / "content" / "portal.yml").read_text(encoding="utf-8")
    assert written.count("  - path: ") == 4 and 'groups: {province: "นครราชสีมา", district: "ปากช่อง"}' in written
    assert main(["build", "--strict", "-q", "-f", str(tmp_path / "province" / "site_config.yml")]) == 0
    assert "จังหวัดทดสอบ" in (tmp_path / "province" / "site" / "index.html").read_text(encoding="utf-8")
    assert main(["new-portal", str(tmp_path / "province")]) == 1  # never over an existing site
    assert "ไม่ได้เขียนทับ" in capsys.readouterr().err

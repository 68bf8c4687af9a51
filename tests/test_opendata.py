"""Open data files: the Frictionless package validates, and the CSVs read back into the numbers the pages show."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT
from frictionless import validate
from page_text import remove_word_marks
from test_plugin import FILES, mkdocs_build

from generator.load.content import load_content
from generator.model.site import Site, sorted_items
from generator.render.catalogue import package_name, year_downloads
from generator.render.opendata import neutralise_formula, render_open_data
from generator.render.pages import RenderSettings, render_pages
from generator.thai import to_arabic_digits, to_thai_digits
from generator.urls import DATA_PAGE, PACKAGE

SITES = {"default": ROOT / "content", **{p.parent.parent.name: p.parent for p in (ROOT / "examples").glob("*/content/organisation.yml")}}


def _site(content: Path) -> Site:
    site, findings = load_content(content, content.parent)
    assert site is not None, findings
    return site


def _write(files: dict[str, str], folder: Path) -> Path:
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return folder / PACKAGE


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("name", sorted(SITES))
def test_the_package_is_valid_frictionless_and_describes_every_file(name: str, tmp_path: Path) -> None:
    files = render_open_data(_site(SITES[name]))
    report = validate(str(_write(files, tmp_path)))
    assert report.valid, report.flatten(["title", "note"])
    package = json.loads(files[PACKAGE])
    described = {f"data/{r['path']}" for r in package["resources"]}
    assert described == set(files) - {PACKAGE}
    for resource in package["resources"]:
        assert resource["title"] and resource["description"]
        for field in resource.get("schema", {}).get("fields", []):
            assert field["title"], (resource["name"], field["name"])
    assert len(report.tasks) == len(package["resources"])


def test_a_broken_csv_fails_the_package_validation(tmp_path: Path) -> None:
    """The validation above can fail: a score that is not a number is caught against the schema."""
    files = render_open_data(_site(SITES["default"]))
    files["data/2568/scores.csv"] = files["data/2568/scores.csv"].replace("94.50", "ninety-four", 1)
    report = validate(str(_write(files, tmp_path)))
    assert not report.valid
    assert "type-error" in {err.type for task in report.tasks for err in task.errors}


def test_package_metadata_is_in_thai_with_a_ckan_safe_name() -> None:
    site = _site(SITES["default"])
    package = json.loads(render_open_data(site)[PACKAGE])
    assert package["name"] == package_name(site)
    assert re.fullmatch(r"[a-z0-9._-]+", package["name"])
    assert package["title"] == "ข้อมูลการประเมินคุณธรรมและความโปร่งใส (ITA) เทศบาลเมืองดอนสัก"
    scores = next(r for r in package["resources"] if r["path"] == "2568/scores.csv")
    assert scores["title"] == "ผลคะแนนการประเมิน ITA ปีงบประมาณ 2568"
    assert {f["name"]: f["type"] for f in scores["schema"]["fields"]}["score"] == "number"


def _page_number(text: str) -> float:
    return float(to_arabic_digits(text))


def test_csv_scores_are_the_numbers_the_year_page_shows() -> None:
    site = _site(SITES["default"])
    files = render_open_data(site)
    page = remove_word_marks(render_pages(site, RenderSettings())["2568/index.md"])
    rows = _rows(files["data/2568/scores.csv"])
    total = next(r for r in rows if r["kind"] == "total")
    shown_total = re.search(r"คะแนนรวม \*\*([๐-๙.]+)\*\* ระดับผลการประเมิน \*\*(.+?)\*\*", page)
    assert shown_total is not None
    assert float(total["score"]) == _page_number(shown_total.group(1)) == 94.50
    assert total["level"] == shown_total.group(2) == "ผ่านดี"
    for row in (r for r in rows if r["kind"] == "tool"):
        shown = re.search(rf"\| {row['code']} [^|]+ \| ([๐-๙.]+) \|", page)
        assert shown is not None and float(row["score"]) == _page_number(shown.group(1)), row["code"]
    indicators = [r for r in rows if r["kind"] == "indicator"]
    assert len(indicators) == 10
    for row in indicators:
        shown = re.search(rf"\[{to_thai(row['code'])}\. [^]]+\]\([^)]+\) \| \w+ \| ([๐-๙.]+) \| (ผ่านเกณฑ์|ต่ำกว่าเกณฑ์) \|",
                          page)
        assert shown is not None, row
        assert float(row["score"]) == _page_number(shown.group(1))
        assert (row["passed"] == "true") == (shown.group(2) == "ผ่านเกณฑ์")


def to_thai(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def test_csv_question_scores_are_the_numbers_the_indicator_pages_show() -> None:
    site = _site(SITES["default"])
    pages = render_pages(site, RenderSettings())
    rows = _rows(render_open_data(site)["data/2568/questions.csv"])
    assert rows
    for row in rows:
        page = pages[f"2568/indicators/{row['indicator']}.md"]
        shown = to_thai(f"{float(row['score']):.2f}")
        code = row["code"].replace("-", "–")
        assert re.search(rf"{re.escape(code)}.*\| {shown} \|", page), row


def test_csv_measure_statuses_are_the_counts_the_measures_page_shows() -> None:
    site = _site(SITES["default"])
    page = render_pages(site, RenderSettings())["2569/measures/index.md"]
    rows = _rows(render_open_data(site)["data/2569/measures.csv"])
    counts = Counter(r["status_label"] for r in rows)
    assert len(rows) == 7 and counts == {"อยู่ในแผน": 7}
    for label, count in counts.items():
        assert re.search(rf"{label}.*\| {to_thai(str(count))} \|", page), label
    assert [r["id"] for r in rows] == [f"m{i}" for i in range(1, 8)]


def test_measure_results_per_round_read_back() -> None:
    site = _site(SITES["muang-mu"])
    files = render_open_data(site)
    rows = _rows(files["data/2567/measure-results.csv"])
    plan = site.years[2567].plan
    assert plan is not None
    assert len(rows) == sum(len(m.results) for m in plan.measures) == 6
    first = rows[0]
    assert (first["measure_id"], first["round"], first["round_label"], first["status_label"]) == (
        "m1", "12m", "รอบ 12 เดือน", "ดำเนินการแล้วเสร็จ")
    assert first["round_end"] == "2024-09-30"  # ISO 8601 (Common Era) in open data
    assert first["actions"].split("\n\n") == list(plan.measures[0].results[0].actions)
    nested = json.loads(files["data/2567/measures.json"])
    assert nested["measures"][0]["results"][0]["round"] == "12m"


def test_oit_csv_counts_the_published_items_the_year_page_shows(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "2568").mkdir(parents=True)
    (content / "organisation.yml").write_text("name: อบต.ทดสอบ\ntype: องค์การบริหารส่วนตำบล\n", encoding="utf-8")
    (content / "2568" / "oit.yml").write_text(
        "items:\n"
        "  - item: o1\n    updated: 2568-11-02\n    links:\n"
        "      - {title: โครงสร้าง, url: https://example.go.th/a.pdf}\n"
        "      - {title: แผนผัง, url: https://example.go.th/b.pdf}\n"
        "  - item: o2\n    links: [{title: ผู้บริหาร, url: https://example.go.th/c}]\n",
        encoding="utf-8",
    )
    site = _site(content)
    rows = _rows(render_open_data(site)["data/2568/oit.csv"])
    page = render_pages(site, RenderSettings())["2568/index.md"]
    published = {r["item"] for r in rows if r["published"] == "true"}
    assert published == {"o1", "o2"}
    assert f"บันทึกการเผยแพร่ไว้ในเว็บไซต์นี้ {to_thai(str(len(published)))} ข้อ" in page
    o1 = [r for r in rows if r["item"] == "o1"]
    assert [(r["link_title"], r["updated"]) for r in o1] == [("โครงสร้าง", "2025-11-02"), ("แผนผัง", "2025-11-02")]
    assert len({r["item"] for r in rows}) == len(site.years[2568].framework.items)


def test_download_page_lists_every_file_with_a_thai_description_and_escapes_content(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "2568").mkdir(parents=True)
    (content / "organisation.yml").write_text(
        'name: "<script>alert(1)</script> [x](javascript:y)"\ntype: อบต.\n', encoding="utf-8")
    (content / "2568" / "result.yml").write_text("total: 90\nlevel: ผ่านดี\n", encoding="utf-8")
    site = _site(content)
    page = remove_word_marks(render_pages(site)[DATA_PAGE])
    assert "<script>" not in page and not re.search(r"(?<!\\)\]\(javascript", page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:y)" in page
    for download in year_downloads(site.years[2568]):
        description = to_thai_digits(download.description)  # in the site's digits, as every number on its pages
        assert f"]({download.path.removeprefix('data/')}) | {download.format} | {description} |" in page
    assert "## ปีงบประมาณ ๒๕๖๘" in page
    assert "| [ข้อมูลทั้งเว็บไซต์](site.json) | JSON |" in page
    assert "[คำอธิบายชุดข้อมูล (Data Package)](datapackage.json)" in page


def test_whole_site_json_holds_every_year() -> None:
    site = _site(SITES["muang-mu"])
    data = json.loads(render_open_data(site)["data/site.json"])
    assert (data["format"], data["version"]) == ("itasite-site", 1)  # what a portal checks before it reads on
    assert data["organisation"]["name"] == site.organisation.name
    assert [y["year"] for y in data["years"]] == [2566, 2567]
    assert data["years"][0]["result"]["total"] == 97.72
    assert data["years"][1]["measures"]["measures"][0]["id"] == "m1"


def test_whole_site_json_gives_the_page_of_every_figure_and_each_oit_item_as_the_oit_page_shows_it() -> None:
    site = _site(SITES["muang-mu"])
    data = json.loads(render_open_data(site, site_url="https://muangmu.example/ita/")["data/site.json"])
    assert data["pages"]["home"] == "https://muangmu.example/ita/"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["updated"])
    first, second = data["years"]
    assert first["pages"] == {"year": "https://muangmu.example/ita/2566/", "indicators": "https://muangmu.example/ita/2566/indicators/",
                              "measures": None, "oit": "https://muangmu.example/ita/2566/oit/"}
    assert second["pages"]["measures"] == "https://muangmu.example/ita/2567/measures/"
    items = {row["item"]: row for row in second["oit_coverage"]}
    assert [row["item"] for row in second["oit_coverage"]] == [i.code for i in sorted_items(site.years[2567].framework)]
    assert {row["state"] for row in items.values()} <= {"linked", "unlinked", "not_recorded", "elsewhere"}
    assert items["o1"]["url"] == "https://muangmu.example/ita/2567/oit/o1/"
    recorded = {d.item for d in site.years[2567].oit.items} if site.years[2567].oit else set()
    assert all(row["state"] == "not_recorded" for code, row in items.items() if code not in recorded and row["state"] != "linked")


def test_open_data_is_deterministic() -> None:
    site = _site(SITES["default"])
    assert render_open_data(site) == render_open_data(_site(SITES["default"]))
    assert list(render_open_data(site)) == sorted(render_open_data(site))


@pytest.mark.slow
def test_the_build_publishes_the_files_byte_for_byte_and_the_package_validates(site_dir: Callable[..., Path]) -> None:
    root = site_dir(FILES)
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    config = next(p for p in root.glob("*.yml") if "site_url:" in p.read_text(encoding="utf-8"))
    site_url = re.search(r"(?m)^site_url: *(\S+)", config.read_text(encoding="utf-8"))
    assert site_url is not None
    expected = render_open_data(_site(root / "content"), site_url=site_url.group(1))
    for rel, text in expected.items():
        assert (site / rel).read_bytes() == text.encode("utf-8"), rel
    assert validate(str(site / PACKAGE)).valid
    page = remove_word_marks((site / "data" / "index.html").read_text(encoding="utf-8"))
    assert '<a href="2568/scores.csv">ผลคะแนนการประเมิน ITA ปีงบประมาณ 2568</a>' in page
    year = remove_word_marks((site / "2568" / "index.html").read_text(encoding="utf-8"))
    assert '<a href="../data/2568/oit.csv">การเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ 2568 (CSV)</a>' in year


@pytest.mark.parametrize(("text", "written"), [
    ('=HYPERLINK("http://evil.example/","x")', '\'=HYPERLINK("http://evil.example/","x")'),
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("+66 2 123 4567", "'+66 2 123 4567"),
    ("-เจ้าหน้าที่", "'-เจ้าหน้าที่"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("-2.50", "-2.50"),  # a plain number stays a number
    ("+5", "+5"),
    ("'ในเครื่องหมายคำพูด'", "'ในเครื่องหมายคำพูด'"),
    ("ข้อความ = สูตร", "ข้อความ = สูตร"),
    ("", ""),
])
def test_neutralise_formula(text: str, written: str) -> None:
    assert neutralise_formula(text) == written


def test_csv_text_a_spreadsheet_would_run_starts_with_a_quote(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "2568").mkdir(parents=True)
    (content / "organisation.yml").write_text("name: อบต.ทดสอบ\ntype: องค์การบริหารส่วนตำบล\n", encoding="utf-8")
    (content / "2568" / "result.yml").write_text("total: 90\nlevel: '=1+1'\n", encoding="utf-8")
    (content / "2568" / "oit.yml").write_text(
        "items:\n  - item: o1\n    links:\n"
        '      - {title: "=HYPERLINK(\\"http://evil.example/\\",\\"x\\")", url: https://example.go.th/a.pdf}\n'
        '      - {title: "@SUM(1+1)", url: https://example.go.th/b.pdf}\n',
        encoding="utf-8",
    )
    site = _site(content)
    files = render_open_data(site)
    oit = [r for r in _rows(files["data/2568/oit.csv"]) if r["item"] == "o1"]
    assert [r["link_title"] for r in oit] == ['\'=HYPERLINK("http://evil.example/","x")', "'@SUM(1+1)"]
    total = next(r for r in _rows(files["data/2568/scores.csv"]) if r["kind"] == "total")
    assert (total["level"], total["score"]) == ("'=1+1", "90.00")
    assert json.loads(files["data/2568/oit.json"])["items"][0]["links"][0]["title"].startswith("=HYPERLINK")  # JSON as written
    assert validate(str(_write(files, tmp_path / "site"))).valid


@pytest.mark.parametrize("directory_urls", [True, False])
def test_without_a_site_url_addresses_are_relative_to_their_own_file(directory_urls: bool) -> None:
    """A client resolving an address against the file it read it from (RFC 3986) reaches the page: from
    ``data/2569/measures.csv`` the measure page is ``../../2569/measures/m1/``, not ``2569/measures/m1/``."""
    from urllib.parse import urljoin

    from generator.urls import UrlScheme

    urls = UrlScheme(directory_urls=directory_urls)
    files = render_open_data(_site(SITES["default"]), urls)
    base = "https://anywhere.example/site/"
    page = urls.url("2569/measures/m1.md")
    for path in ("data/2569/measures.csv", "data/2569/measures.json"):
        text = files[path]
        written = next(a for a in re.findall(r"[^\s,\"]*2569/measures/m1[^\s,\"]*", text))
        assert written == "../../" + page
        assert urljoin(base + path, written) == base + page
    links = re.findall(r'"url": "([^"]*)"', files["data/site.json"])
    assert "../2569/measures/" + ("" if directory_urls else "index.html") in links  # the clerk typed 2569/measures/

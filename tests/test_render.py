"""generator.render: the Markdown of every generated page (golden files), the URL scheme and determinism."""

from __future__ import annotations

import functools
import html
import json
import logging
import os
import re
import typing
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import markdown as python_markdown
import pytest
import yaml
from conftest import GOLDEN, ROOT, minimal_config
from page_text import remove_word_marks
from pydantic import BaseModel

from generator.load.content import load_content
from generator.model.site import Site
from generator.model.types import FrameworkOverride, MeasurePlan, OitDisclosures, Organisation, Result
from generator.render.opendata import render_open_data
from generator.render.pages import RenderSettings, render_pages
from generator.thai import to_thai_digits
from generator.urls import report_files, site_pages

DEFAULT_GOLDEN = GOLDEN / "render" / "default"
THAI_DIGIT = re.compile("[๐-๙]")


def _load(content_dir: Path, root: Path) -> Site:
    site, findings = load_content(content_dir, root)
    assert findings == []
    assert site is not None
    return site


@functools.cache
def _default_pages() -> dict[str, str]:
    return render_pages(_load(ROOT / "content", ROOT), RenderSettings())


@pytest.fixture
def default_pages() -> dict[str, str]:
    return _default_pages()


# -- golden Markdown of the default site: one golden file per page ------------------------------------------------

DEFAULT_PAGE_PATHS = sorted(_default_pages())


@pytest.mark.parametrize("path", DEFAULT_PAGE_PATHS)
def test_default_site_page_matches_its_golden_file(path: str, golden: Callable[[str, str], None]) -> None:
    golden(f"render/default/{path}", _default_pages()[path])


def test_default_site_has_exactly_the_pages_of_the_golden_files(request: pytest.FixtureRequest) -> None:
    pages = set(_default_pages())
    if request.config.getoption("--update-goldens"):
        for stale in DEFAULT_GOLDEN.rglob("*.md"):
            if stale.relative_to(DEFAULT_GOLDEN).as_posix() not in pages:
                stale.unlink()
    goldens = {p.relative_to(DEFAULT_GOLDEN).as_posix() for p in DEFAULT_GOLDEN.rglob("*.md")}
    assert goldens - pages == set(), "pages no longer generated: review and run pytest --update-goldens"
    assert pages - goldens == set(), "new pages without a golden file: review and run pytest --update-goldens"


def test_default_site_url_scheme(default_pages: dict[str, str]) -> None:
    site = _load(ROOT / "content", ROOT)
    expected = {"index.md", "2568/index.md", "2569/index.md"}
    expected |= {"trends.md", "about.md", "privacy.md", "accessibility.md", "sitemap.md", "data/index.md"}
    expected |= {"2568/indicators/index.md"} | {f"2568/indicators/{n}.md" for n in range(1, 11)}
    expected |= {"2569/measures/index.md"} | {f"2569/measures/m{n}.md" for n in range(1, 8)}
    for year in (2568, 2569):
        expected |= {f"{year}/oit/index.md"} | {f"{year}/oit/{i.code}.md" for i in site.years[year].framework.items}
    assert set(default_pages) == expected
    assert set(site_pages(site)) == expected  # the checks know the pages without rendering them
    # the addresses assessors bookmark
    for path in ("2568/indicators/1.md", "2568/indicators/10.md", "2569/measures/m1.md", "2568/oit/o15.md"):
        assert path in default_pages
    assert {f"2568/oit/o{n}.md" for n in range(1, 29)} <= set(default_pages)


def test_pages_start_with_their_one_heading(default_pages: dict[str, str]) -> None:
    for path, markdown in default_pages.items():
        assert markdown.startswith("# "), path
        assert markdown.count("\n# ") == 0, f"{path} has a second top-level heading"


def test_default_site_headings(default_pages: dict[str, str]) -> None:
    first = {path: text.splitlines()[0] for path, text in default_pages.items()}
    assert first["index.md"] == "# เทศบาลเมืองดอนสัก"
    assert first["2568/index.md"] == "# ปีงบประมาณ พ.ศ. ๒๕๖๘"
    assert first["2568/indicators/1.md"] == "# ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ (ปีงบประมาณ ๒๕๖๘)"
    assert first["2569/measures/index.md"] == "# มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ ๒๕๖๙"
    assert first["2569/measures/m1.md"] == "# กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ"
    assert first["2568/oit/o15.md"] == "# o15 รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี (ปีงบประมาณ ๒๕๖๘)"
    measures = default_pages["2569/measures/index.md"]
    assert "\n## ๑ กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ\n" in measures  # printed number, a space, title
    assert "\n### รายละเอียดขั้นตอนการดำเนินการ\n" in measures  # steps_title as printed


def test_owners_are_shown_with_the_units_they_belong_to(default_pages: dict[str, str]) -> None:
    measures = remove_word_marks(default_pages["2569/measures/index.md"])
    measures = re.sub(r'<span class="itasite-label" data-label="[^"]*"></span>', "", measures)
    assert "| งานพัสดุ (กองคลัง) |" in measures  # printed "งานพัสดุ/กองคลัง"
    assert "| งานธุรการ (กองยุทธศาสตร์และงบประมาณ) |" in measures
    assert "| กองยุทธศาสตร์และงบประมาณ |" in measures  # a unit without a parent: its name alone


def test_default_site_links_between_pages_are_relative_and_resolve(default_pages: dict[str, str]) -> None:
    site = _load(ROOT / "content", ROOT)
    downloads = {*render_open_data(site), *report_files(site)}  # year pages link their open data and report files
    for path, markdown in default_pages.items():
        for target in re.findall(r"\]\(([^)\s]+)\)", markdown):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            assert not target.startswith("/"), f"{path}: absolute link {target}"
            resolved = (Path("/") / path).parent.joinpath(target).resolve().as_posix().lstrip("/")
            assert resolved in default_pages or resolved in downloads, f"{path}: link {target} goes nowhere"


SITES = ["default", *sorted(p.parent.parent.name for p in (ROOT / "examples").glob("*/content/organisation.yml"))]


def _site_pages(name: str) -> dict[str, str]:
    content = ROOT / "content" if name == "default" else ROOT / "examples" / name / "content"
    return render_pages(_load(content, content.parent), RenderSettings())


@pytest.mark.parametrize("name", SITES)
def test_no_list_table_or_heading_is_swallowed_into_a_paragraph(name: str) -> None:
    """Every block a template writes stays a block: a list, table or heading line glued to the paragraph above
    (a missing blank line) would show as raw ``1. …`` or ``| a | b |`` text on the page."""
    for path, markdown in _site_pages(name).items():
        rendered = python_markdown.markdown(markdown, extensions=["tables", "toc"])
        for paragraph in re.findall(r"<p>(.*?)</p>", rendered, re.S):
            glued = re.search(r"\n(?:\d+\.|[-*+]|#+|\|)\s", paragraph)
            assert glued is None, f"{name} {path}: block glued into a paragraph: {paragraph[:300]!r}"


def test_document_signatories_are_separate_paragraphs(default_pages: dict[str, str]) -> None:
    rendered = python_markdown.markdown(default_pages["2568/index.md"], extensions=["tables", "toc"])
    for name in ("นางสาวศศิธร เต็มังกรพันธ์", "นางสาวสมฤดี ขนอม", "นายฉัตรชัย กันเที่ยง", "นายชวิน ปพนศักดิ์"):
        assert f"<p>({name})<br>" in rendered


def test_year_page_shows_the_tool_table_as_a_table(default_pages: dict[str, str]) -> None:
    rendered = python_markdown.markdown(remove_word_marks(default_pages["2568/index.md"]), extensions=["tables", "toc"])
    assert "<th>เครื่องมือ</th>" in rendered
    assert "<td>IIT แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน</td>" in rendered


def test_render_is_deterministic(default_pages: dict[str, str]) -> None:
    again = render_pages(_load(ROOT / "content", ROOT), RenderSettings())
    assert again == default_pages
    assert list(again) == list(default_pages) == sorted(default_pages)


# -- a small inline site: Arabic digits, short dates ---------------------------------------------------------

INLINE_FILES = {
    "organisation.yml": """\
name: องค์การบริหารส่วนตำบลทดสอบ
type: องค์การบริหารส่วนตำบล
subdistrict: ทดสอบ
district: เมืองทดสอบ
province: ตัวอย่าง
description: |
  องค์การบริหารส่วนตำบลทดสอบตั้งอยู่ริมแม่น้ำ

  ย่อหน้าที่สองของคำแนะนำ
contact:
  address: 99 หมู่ 1 ตำบลทดสอบ
  phone: 0 7700 0000
  email: saraban@example.go.th
  website: https://example.go.th/
  links:
    - title: Facebook อบต.ทดสอบ
      url: https://facebook.com/example
units:
  - id: palad
    name: สำนักปลัด
  - id: klang
    name: กองคลัง
""",
    "2568/result.yml": """\
total: 90.50
level: ผ่าน
tools:
  IIT: 92.00
indicators:
  - indicator: 1
    score: 92.00
    questions:
      - code: i1
        score: 90.00
        question: เจ้าหน้าที่ปฏิบัติงานตามขั้นตอนหรือไม่
        finding:
          - ควรจัดทำคู่มือการปฏิบัติงาน
      - code: i2
        score: 94.00
    guidelines:
      - จัดทำคู่มือการปฏิบัติงาน
      - อบรมเจ้าหน้าที่
  - indicator: 9
    score: 80.25
    questions:
      - code: o1-o5
        score: 100
      - code: o15
        score: 0
        finding: ไม่มีรายงานผลการบริหารทรัพยากรบุคคล
summary:
  - คะแนนรวม 90.50 ระดับผ่าน
document:
  kind: บันทึกข้อความ
  title: รายงานผลการวิเคราะห์ ITA 2568
  date: 2568-12-01
  signatories:
    - name: นายทดสอบ ใจดี
      position: [ปลัด อบต.]
""",
    "2568/oit.yml": """\
items:
  - item: o1
    links:
      - title: โครงสร้างองค์กร
        url: https://example.go.th/structure
    updated: 17 เม.ย. 2569
  - item: o15
    note: อยู่ระหว่างจัดทำ
""",
    "2569/measures.yml": """\
title: มาตรการส่งเสริมคุณธรรม 2569
rounds:
  - id: 6m
    label: รอบ 6 เดือน
    start: 2568-10-01
    end: 2569-03-31
    due: 2569-04-30
measures:
  - id: m1
    title: จัดทำรายงานผลการบริหารทรัพยากรบุคคล
    indicators: [9]
    questions: [o15]
    issue: ไม่มีรายงานผลการบริหารทรัพยากรบุคคล
    steps:
      - text: รวบรวมข้อมูล
        steps: [ขอข้อมูลจากทุกกอง]
      - เผยแพร่รายงาน
    owners: [palad]
    timeframe:
      text: ต.ค. 68 – ก.ย. 69
      start: 2568-10-01
      end: 2569-09-30
    status: done
    results:
      - round: 6m
        status: done
        date: 2569-03-31
        actions: [จัดทำรายงานแล้ว]
        evidence:
          - title: รายงานผลการบริหารทรัพยากรบุคคล
            url: https://example.go.th/hr-report.pdf
""",
}

INLINE_GOLDEN_PAGES = [
    "index.md",
    "2568/index.md",
    "2568/indicators/index.md",
    "2568/indicators/1.md",
    "2568/indicators/9.md",
    "2568/oit/index.md",
    "2568/oit/o1.md",
    "2568/oit/o15.md",
    "2569/index.md",
    "2569/measures/index.md",
    "2569/measures/m1.md",
]


@pytest.fixture
def inline_pages(site_dir: Callable[..., Path]) -> dict[str, str]:
    root = site_dir(INLINE_FILES)
    return render_pages(_load(root / "content", root), RenderSettings(digits="arabic", date_style="short"))


@pytest.mark.parametrize("path", INLINE_GOLDEN_PAGES)
def test_inline_site_arabic_digits_short_dates_matches_goldens(
    path: str, inline_pages: dict[str, str], golden: Callable[[str, str], None]
) -> None:
    golden(f"render/arabic_short/{path}", inline_pages[path])


def test_inline_site_uses_arabic_digits_and_short_dates_everywhere(inline_pages: dict[str, str]) -> None:
    for path, markdown in inline_pages.items():
        assert not THAI_DIGIT.search(markdown), f"{path} shows a Thai digit"
    assert "# ปีงบประมาณ พ.ศ. 2568" in remove_word_marks(inline_pages["2568/index.md"])
    assert "17 เม.ย. 2569" in remove_word_marks(inline_pages["2568/oit/o1.md"])
    assert "1 ต.ค. 2568 – 31 มี.ค. 2569 (รายงานภายใน 30 เม.ย. 2569)" in remove_word_marks(inline_pages["2569/measures/index.md"])
    assert "**90.50**" in remove_word_marks(inline_pages["index.md"])


def test_round_labels_are_shown_in_the_site_digits(site_dir: Callable[..., Path]) -> None:
    """Issue 13: a Thai-digit site showed "รอบ 6 เดือน" in Arabic digits (the label is the clerk's text)."""
    root = site_dir(INLINE_FILES)
    pages = {k: remove_word_marks(v) for k, v in render_pages(_load(root / "content", root), RenderSettings(digits="thai")).items()}
    shown = [(path, line) for path, markdown in pages.items() for line in markdown.splitlines() if re.search(r"รอบ [0-9]", line)]
    assert shown == []
    assert "| รอบ ๖ เดือน | ๑ ตุลาคม ๒๕๖๘ – ๓๑ มีนาคม ๒๕๖๙" in pages["2569/measures/index.md"]
    assert "ระยะเวลา | รอบ ๖ เดือน |" in pages["2569/measures/index.md"]
    assert "**รอบ ๖ เดือน** — " in pages["2569/measures/m1.md"]


def test_inline_site_pages_link_measures_indicators_and_oit_items(inline_pages: dict[str, str]) -> None:
    measure = inline_pages["2569/measures/m1.md"]
    assert "[9\\. การเปิดเผยข้อมูล](../../2568/indicators/9.md)" in measure
    assert "[o15](../../2568/oit/o15.md)" in measure
    assert "[จัดทำรายงานผลการบริหารทรัพยากรบุคคล](../../2569/measures/m1.md)" in inline_pages["2568/oit/o15.md"]
    assert "[รายงานผลการบริหารทรัพยากรบุคคล](https://example.go.th/hr-report.pdf)" in measure


# -- escaping and safety: hostile text in every text field, built with MkDocs ------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](http://evil/x.png)",
    '<a href="javascript:alert(1)">x</a>',
    "*bold* _em_ | pipe",
    "# heading",
    "1. list",
    '{: onclick="x"}',
    "&lt;script&gt;",
    "</title><script>alert(2)</script>",
]
ALL_PAYLOADS = " ".join(PAYLOADS)


class _Values:
    """Hands out one hostile value per text field, each labelled so the page showing it can be found."""

    def __init__(self) -> None:
        self.issued: dict[str, str] = {}

    def __call__(self, label: str, *, newline: bool = False) -> str:
        start = PAYLOADS[len(self.issued) % len(PAYLOADS)]  # every payload also opens some value (block syntax)
        sep = "\n" if newline else " "
        value = f"{start}{sep}{ALL_PAYLOADS}{sep}«{label}»"
        self.issued[label] = value
        return value


def hostile_site(v: _Values) -> dict[str, object]:
    """Content data (file → YAML data) with a hostile value in every text field the model has."""
    link = lambda label: {"title": v(label), "url": "https://example.go.th/doc.pdf"}  # noqa: E731

    def document(prefix: str) -> dict[str, object]:
        return {
            "title": v(f"{prefix}.title"),
            "kind": v(f"{prefix}.kind"),
            "issued_by": v(f"{prefix}.issued_by"),
            "phone": v(f"{prefix}.phone"),
            "number": v(f"{prefix}.number"),
            "date": "2569-04-17",
            "to": v(f"{prefix}.to"),
            "sections": [
                {"heading": v(f"{prefix}.sections.heading"), "paragraphs": [v(f"{prefix}.sections.p1"),
                                                                             v(f"{prefix}.sections.p2", newline=True)]},
                {"paragraphs": [v(f"{prefix}.sections.untitled")]},
            ],
            "signatories": [
                {"name": v(f"{prefix}.signatory1.name"), "position": [v(f"{prefix}.signatory1.position1"),
                                                                      v(f"{prefix}.signatory1.position2")],
                 "note": v(f"{prefix}.signatory1.note")},
                {"name": v(f"{prefix}.signatory2.name"), "position": v(f"{prefix}.signatory2.position")},
            ],
            "links": [link(f"{prefix}.links")],
        }

    organisation = {
        "name": v("org.name"),
        "name_en": v("org.name_en"),
        "short_name": v("org.short_name"),
        "type": v("org.type"),
        "subdistrict": v("org.subdistrict"),
        "district": v("org.district"),
        "province": v("org.province"),
        "description": [v("org.description1"), v("org.description2", newline=True)],
        "contact": {
            "address": v("org.contact.address", newline=True),
            "phone": v("org.contact.phone"),
            "fax": v("org.contact.fax"),
            "email": v("org.contact.email"),
            "website": "https://example.go.th/",
            "links": [link("org.contact.links")],
        },
        "units": [{"id": "palad", "name": v("org.units.palad")}, {"id": "klang", "name": v("org.units.klang")}],
        "signatures": {
            "reporter": {"name": v("org.signatures.reporter.name"), "position": [v("org.signatures.reporter.position")]},
            "executive": {"name": v("org.signatures.executive.name"), "position": [v("org.signatures.executive.position")]},
        },
    }
    level = v("result.level")  # a level name of the year's bands, given below in frameworks/2568.yml
    result = {
        "total": 90.0,
        "level": level,
        "indicators": [
            {
                "indicator": 1,
                "name": v("result.indicator1.name"),
                "score": 92.0,
                "questions": [
                    {"code": "i1", "score": 90, "question": v("result.i1.question"),
                     "finding": [v("result.i1.finding1"), v("result.i1.finding2", newline=True)]},
                    {"code": "i2", "score": 94, "finding": v("result.i2.finding")},
                ],
                "guidelines_title": v("result.indicator1.guidelines_title"),
                "guidelines": [v("result.indicator1.guideline1"), v("result.indicator1.guideline2", newline=True)],
                "notes": [v("result.indicator1.notes")],
            },
            {
                "indicator": 9,
                "score": 80.0,
                "questions": [{"code": "o1-o5", "score": 100, "finding": v("result.o1-o5.finding")},
                              {"code": "o15", "score": 0, "finding": v("result.o15.finding")}],
                "guidelines": v("result.indicator9.guideline"),
            },
        ],
        "summary": [v("result.summary1"), v("result.summary2", newline=True)],
        "tool_notes": {"IIT": [v("result.tool_notes.IIT")], "OIT": v("result.tool_notes.OIT")},
        "conclusion": [v("result.conclusion")],
        "document": document("result.document"),
    }
    measures = {
        "title": v("plan.title"),
        "intro": [v("plan.intro")],
        "rounds": [
            {"id": "6m", "label": v("plan.rounds.6m"), "start": "2568-10-01", "end": "2569-03-31"},
            {"id": "12m", "label": v("plan.rounds.12m")},
        ],
        "measures": [
            {
                "id": "m1",
                "number": v("m1.number"),
                "title": v("m1.title"),
                "indicators": [1, 9],
                "questions": ["i1", "o15", "o1-o5"],
                "issue": [v("m1.issue1"), v("m1.issue2", newline=True)],
                "approach": [v("m1.approach1"), v("m1.approach2")],
                "steps_title": v("m1.steps_title"),
                "steps": [
                    {"text": v("m1.step1"), "steps": [v("m1.step1.sub1"), v("m1.step1.sub2", newline=True)]},
                    v("m1.step2"),
                ],
                "owners": ["palad", "klang"],
                "owners_text": [v("m1.owners_text")],
                "timeframe": {"text": v("m1.timeframe"), "start": "2568-10-01", "end": "2569-09-30"},
                "monitoring": [v("m1.monitoring1"), v("m1.monitoring2")],
                "status": "in_progress",
                "results": [
                    {
                        "round": "6m",
                        "status": "in_progress",
                        "date": "2569-03-31",
                        "actions": [v("m1.6m.action1"), v("m1.6m.action2", newline=True)],
                        "outcome": [v("m1.6m.outcome1"), v("m1.6m.outcome2")],
                        "evidence": [link("m1.6m.evidence")],
                    },
                    {"round": "12m", "actions": v("m1.12m.action"), "outcome": v("m1.12m.outcome")},
                ],
                "evidence": [link("m1.evidence")],
                "notes": [v("m1.notes")],
            },
            {
                "id": "m2",
                "title": v("m2.title"),
                "owners": ["klang"],
                "timeframe": v("m2.timeframe"),
                "monitoring": v("m2.monitoring"),
                "status": "planned",
            },
        ],
        "conclusion_title": v("plan.conclusion_title"),
        "conclusion": [v("plan.conclusion")],
        "document": document("plan.document"),
    }
    oit = {
        "items": [
            {"item": "o1", "title": v("oit.o1.title"), "description": [v("oit.o1.description")],
             "links": [link("oit.o1.link1"), {"title": v("oit.o1.group"), "links": [link("oit.o1.group.link")]}],
             "note": [v("oit.o1.note")], "updated": "2569-01-15"},
            {"item": "o15", "state": "not_yet", "note": v("oit.o15.note", newline=True)},
        ]
    }
    framework = {
        "source": [v("framework.source")],
        "tools": [
            {"code": "IIT", "name": v("framework.tools.IIT"), "weight": 0.3, "indicators": [1, 2, 3, 4, 5]},
            {"code": "EIT", "name": v("framework.tools.EIT"), "weight": 0.3, "indicators": [6, 7, 8]},
            {"code": "OIT", "name": v("framework.tools.OIT"), "weight": 0.4, "indicators": [9, 10]},
        ],
        "levels": [{"name": level, "min_total": 0, "passed": True}],
        "questions": [{"code": "i2", "indicator": 1, "text": v("framework.questions.i2.text")}],
        "indicators": [
            {"number": 9, "name": v("framework.indicator9.name"),
             "subindicators": [{"code": "9.1", "name": v("framework.sub9.1.name")}]},
        ],
        "items": [
            {"code": "o1", "indicator": 9, "sub": "9.1", "group": v("framework.o1.group"),
             "title": v("framework.o1.title")},
        ],
    }
    return {
        "organisation.yml": organisation,
        "2568/result.yml": result,
        "2568/oit.yml": oit,
        "2569/measures.yml": measures,
        "frameworks/2568.yml": framework,
    }


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


class _Page(HTMLParser):
    """What a browser would run and show: scripts, attributes, images, the title and the visible text.

    Like a browser (and unlike html.parser's default), <title> and <textarea> are raw text up to their end tag:
    a payload that closes the title early is seen escaping from it.
    """

    RCDATA = ("title", "textarea")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.titles: list[str] = []
        self.text: list[str] = []
        self._style = 0
        self._script: str | None = None
        self._rcdata: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._script = ""
            self.scripts.append((dict(attrs), ""))
        elif tag == "style":
            self._style += 1
        elif tag in self.RCDATA:
            self._rcdata = ""
            self.set_cdata_mode(tag)
        self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            attrs, _ = self.scripts[-1]
            self.scripts[-1] = (attrs, self._script)
            self._script = None
        elif tag == "style" and self._style:
            self._style -= 1
        elif tag in self.RCDATA and self._rcdata is not None:
            text = html.unescape(self._rcdata)
            self.text.append(text)
            if tag == "title":
                self.titles.append(text)
            self._rcdata = None
        self.text.append(" ")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script += data
        elif self._rcdata is not None:
            self._rcdata += data
        elif not self._style:
            self.text.append(data)

    def visible_text(self) -> str:
        return " ".join("".join(self.text).split())


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _material_inline_scripts() -> list[str]:
    """The opening of every inline script Material's own templates write (before any template expression)."""
    import material

    partials = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    prefixes = []
    for template in partials.glob("*.html"):
        for body in re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"), re.S):
            prefixes.append(body.split("{{")[0].split("{%")[0][:40])
    assert any(p.startswith("__md_scope=") for p in prefixes)
    return prefixes


DANGEROUS_SCHEMES = re.compile(r"^\s*(javascript|data|vbscript):", re.I)
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "background", "data", "xlink:href"}


def _build(root: Path) -> int:
    from generator.cli import main

    return main(["build", "-f", str(root / "site_config.yml"), "-q"])




@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    values = _Values()
    files = {path: _dump(data) for path, data in hostile_site(values).items()}
    root = tmp_path_factory.mktemp("hostile")
    (root / "site_config.yml").write_text(minimal_config(digits="thai"), encoding="utf-8")
    for rel, text in files.items():
        (root / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / rel).write_text(text, encoding="utf-8")
    logger = logging.getLogger("mkdocs")
    saved = (logger.handlers[:], logger.level, logger.propagate)
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        assert _build(root) == 0
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    logger.handlers[:], logger.level, logger.propagate = saved
    return root / "site", values.issued


def _html_pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert pages
    return pages


def test_hostile_text_runs_no_script(hostile_build: tuple[Path, dict[str, str]]) -> None:
    site, _ = hostile_build
    allowed_inline = _material_inline_scripts()
    for path in _html_pages(site):
        page = _parse(path)
        for attrs, body in page.scripts:
            where = f"{path.relative_to(site)}: script {attrs} {body[:80]!r}"
            assert "alert" not in body, where
            if attrs.get("src") is not None:
                src = str(attrs["src"])
                assert re.fullmatch(r"/?(\.\./)*assets/javascripts/[\w./-]+\.js", src), where
            elif attrs.get("id") == "__config":
                assert attrs.get("type") == "application/json", where
                json.loads(body)
            else:
                assert any(body.startswith(prefix) for prefix in allowed_inline), where


def test_hostile_text_adds_no_event_handler_dangerous_url_or_image(hostile_build: tuple[Path, dict[str, str]]) -> None:
    site, _ = hostile_build
    for path in _html_pages(site):
        for tag, attrs in _parse(path).elements:
            where = f"{path.relative_to(site)}: <{tag} {attrs}>"
            for name, value in attrs.items():
                assert not name.startswith("on"), where
                if (name in URL_ATTRIBUTES or name == "style") and not (value or "").startswith("#"):
                    assert not DANGEROUS_SCHEMES.match(value or ""), where
                    for fragment in ("javascript:", "alert", "evil"):  # a same-page #anchor slug may hold them
                        assert fragment not in (value or "").lower(), where
            if tag == "meta" and str(attrs.get("http-equiv", "")).lower() == "refresh":
                raise AssertionError(where)
            assert tag != "img", where  # neither Material nor any content writes an image here
            assert tag not in ("iframe", "object", "embed", "base"), where


def test_hostile_text_is_shown_as_text(hostile_build: tuple[Path, dict[str, str]]) -> None:
    site, issued = hostile_build
    texts = {path.relative_to(site).as_posix(): _parse(path).visible_text() for path in _html_pages(site)}
    home = texts["index.html"]
    for payload in PAYLOADS:
        assert payload in home, payload
    measure = texts["2569/measures/m1/index.html"]
    assert "<script>alert(1)</script>" in measure
    assert "&lt;script&gt;" in measure  # shown as typed, not decoded into a tag
    assert '{: onclick="x"}' in measure
    # every value, whole, on some page: nothing dropped, nothing cut at a payload
    shown = {label: to_thai_digits(v) if label in SHOWN_IN_SITE_DIGITS else v for label, v in issued.items()}
    missing = [label for label, value in shown.items() if not any(" ".join(value.split()) in t for t in texts.values())]
    assert sorted(missing) == sorted(KNOWN_NOT_SHOWN)


# Labels shown in the site's digits (this site: Thai), as every number on its pages: the reporting rounds' names.
SHOWN_IN_SITE_DIGITS = {"plan.rounds.6m", "plan.rounds.12m"}


# Text fields the model accepts that no public page shows: a framework's sources are the generator's research notes,
# which belong in the framework files and the docs, not in front of citizens.
# The signatories are printed only in the report documents (tests/test_reports.py reads them there).
KNOWN_NOT_SHOWN: list[str] = [
    "framework.source",
    "org.signatures.reporter.name",
    "org.signatures.reporter.position",
    "org.signatures.executive.name",
    "org.signatures.executive.position",
]

# Model fields that are not free text: addresses, ids and codes (checked by validation, never shown as typed text).
NOT_TEXT = {
    "Organisation": {"contact.links.url", "contact.website", "logo", "units.id", "units.parent"},
    "Result": {"document.links.url"},
    "MeasurePlan": {"document.links.url", "measures.evidence.url", "measures.id", "measures.owners",
                    "measures.results.evidence.url", "measures.results.round", "rounds.id"},
    "OitDisclosures": {"items.item", "items.links.url"},
    "FrameworkOverride": {"indicators.subindicators.code", "items.code", "questions.code", "remove_items"},
}


def _text_fields(model: type[BaseModel], prefix: str = "", seen: frozenset[type] = frozenset()) -> set[str]:
    """Dotted paths of every field of ``model`` (recursively, a model inside itself once) that holds text."""

    def visit(annotation: object, path: str) -> set[str]:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return set() if annotation in seen else _text_fields(annotation, path + ".", seen | {model})
        if annotation is str:
            return {path}
        args = typing.get_args(annotation)
        if typing.get_origin(annotation) is dict:
            args = args[1:]
        if typing.get_origin(annotation) is typing.Annotated:
            args = args[:1]
        return set().union(*(visit(a, path) for a in args)) if args else set()

    return set().union(*(visit(f.annotation, prefix + name) for name, f in model.model_fields.items()))


def _data_fields(data: object, prefix: str = "") -> set[str]:
    if isinstance(data, dict):
        out = set()
        for key, value in data.items():
            path = prefix + key if key not in ("IIT", "EIT", "OIT") else prefix.rstrip(".")  # tool_notes keys
            out |= {path} | _data_fields(value, path + ".")
        return out
    if isinstance(data, list):
        return set().union(*(_data_fields(item, prefix) for item in data)) if data else set()
    return set()


def test_hostile_site_puts_a_payload_in_every_text_field_of_the_model() -> None:
    """When a text field is added to the model, this fails until the hostile site above fills it too."""
    site = hostile_site(_Values())
    for model, file in ((Organisation, "organisation.yml"), (Result, "2568/result.yml"), (MeasurePlan, "2569/measures.yml"),
                        (OitDisclosures, "2568/oit.yml"), (FrameworkOverride, "frameworks/2568.yml")):
        wanted = _text_fields(model) - NOT_TEXT[model.__name__]
        assert wanted - _data_fields(site[file]) == set(), f"{file}: no hostile value in these fields"


def test_hostile_text_keeps_page_structure(hostile_build: tuple[Path, dict[str, str]]) -> None:
    site, _ = hostile_build
    source = (site / "2569" / "measures" / "m1" / "index.html").read_text(encoding="utf-8")
    article = source[source.index("<article") : source.index("</article>")]
    assert article.count("<h1") == 1  # "# heading" forged no heading
    assert "<em>" not in article and "<code>" not in article
    # the link titles are the hostile text; the addresses are the ones the content gave
    hrefs = re.findall(r'<a href="([^"]+)"', article)
    assert "https://example.go.th/doc.pdf" in hrefs
    assert all(not DANGEROUS_SCHEMES.match(h) for h in hrefs)


def test_hostile_text_is_plain_text_in_the_search_index(hostile_build: tuple[Path, dict[str, str]]) -> None:
    """The Thai search index holds page text as plain text (the worker escapes it before showing it), and
    Material's own index is emptied so its worker never receives page HTML."""
    site, _ = hostile_build
    material = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert material["docs"] == []
    texts = [
        " ".join([page["t"], *(f"{h} {t}" for _, h, t in page["s"])])
        for path in sorted((site / "search" / "itasite" / "p").glob("*.json"))
        for page in [json.loads(path.read_text(encoding="utf-8"))]
    ]
    assert any("<script>alert(1)</script>" in text for text in texts)  # the characters as typed, not markup


def test_hostile_page_titles_are_text(hostile_build: tuple[Path, dict[str, str]]) -> None:
    site, issued = hostile_build
    source = (site / "2569" / "measures" / "m1" / "index.html").read_text(encoding="utf-8")
    page = _parse(site / "2569" / "measures" / "m1" / "index.html")
    assert page.titles == [f"{' '.join(issued['m1.title'].split())} - Test"]
    title = re.search(r"<title>(.*?)</title>", source, re.S)
    assert title is not None and "<" not in title.group(1)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "//evil.example/x.pdf",
        'https://example.go.th/"onmouseover="alert(1)',
    ],
)
def test_dangerous_link_address_is_refused_with_its_location(
    url: str, site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    measures = _dump({"measures": [{"id": "m1", "title": "มาตรการ", "evidence": [{"title": "หลักฐาน", "url": url}]}]})
    root = site_dir({"organisation.yml": "name: อบต.ทดสอบ\ntype: อบต.\n", "2569/measures.yml": measures})
    line = next(i for i, text in enumerate(measures.splitlines(), 1) if "url:" in text)
    assert _build(root) == 1
    err = capsys.readouterr().err
    assert re.search(rf"^content/2569/measures\.yml:{line}:\d+: measures\[1\]\.evidence\[1\]\.url: ", err, re.M), err
    assert "Traceback" not in err
    assert not (root / "site").exists()


# -- what citizens see: home changes, trends, charts, measure filters, site pages (issue 4) --------------------------


@functools.cache
def _muang_mu_pages() -> dict[str, str]:
    return render_pages(_load(ROOT / "examples" / "muang-mu" / "content", ROOT / "examples" / "muang-mu"), RenderSettings())


def test_home_says_what_changed_since_the_previous_result_year() -> None:
    home = remove_word_marks(_muang_mu_pages()["index.md"])
    assert "## สิ่งที่เปลี่ยนไปจากปีงบประมาณ ๒๕๖๖" in home
    assert "| **คะแนนรวม** | ๙๗.๗๒ | ๙๔.๖๙ | -๓.๐๓ |" in home
    assert "| OIT | ๑๐๐.๐๐ | ๘๖.๙๑ | -๑๓.๐๙ |" in home
    assert "| [๑๐\\. การป้องกันการทุจริต](2567/indicators/10.md) | ๑๐๐.๐๐ | ๗๖.๖๗ | -๒๓.๓๓ |" in home


def test_home_of_a_site_with_one_result_year_shows_no_changes(default_pages: dict[str, str]) -> None:
    assert "สิ่งที่เปลี่ยนไป" not in default_pages["index.md"]


def test_trends_page_lists_every_score_with_computed_changes() -> None:
    trends = remove_word_marks(_muang_mu_pages()["trends.md"])
    assert "| รายการ | ปี ๒๕๖๖ | ปี ๒๕๖๗ | เปลี่ยนแปลง ๒๕๖๖–๒๕๖๗ |" in trends
    assert "| EIT | ๙๒.๓๙ | ๙๙.๗๔ (+๗.๓๕) | +๗.๓๕ |" in trends
    assert trends.count("<figure class=\"itasite-chart\"") == 2
    # each chart is followed by its table
    for chart_end in re.finditer("</figure>\n\n", trends):
        assert trends[chart_end.end():].startswith("| ")


def test_year_page_charts_sit_right_before_their_tables(default_pages: dict[str, str]) -> None:
    year = remove_word_marks(default_pages["2568/index.md"])
    assert 'aria-label="แผนภูมิคะแนนรายตัวชี้วัด ปีงบประมาณ ๒๕๖๘ เทียบเกณฑ์ผ่าน ๘๕.๐๐ คะแนน"' in year
    assert "</figure>\n\n| เครื่องมือ | คะแนน | น้ำหนัก |" in year
    assert "</figure>\n\n| ตัวชี้วัด | เครื่องมือ | คะแนน | เทียบเกณฑ์ |" in year


def test_measures_list_rows_carry_filter_data_and_status_badges(default_pages: dict[str, str]) -> None:
    page = default_pages["2569/measures/index.md"]
    assert '<label for="filter-unit">หน่วยงานผู้รับผิดชอบ</label>' in page
    assert '<option value="u2">งานธุรการ (กองยุทธศาสตร์และงบประมาณ)</option>' in page
    row = next(line for line in page.splitlines() if "(m1.md)" in line and line.startswith("| "))
    label = '<span class="itasite-label" data-label="{}"></span>'.format  # each cell names its column (phones)
    assert row.startswith(f'| {label("ลำดับ")}<span class="itasite-row" data-status="planned" data-indicators="1"'
                          ' data-owners="u2"></span>๑ |')
    assert f'| {label("สถานะ")}<span class="itasite-status itasite-status--planned">อยู่ในแผน</span> | {label("ตัวชี้วัด")}๑ |' in row
    assert row.endswith(f'| {label("รอบ ๖ เดือน")}– | {label("รอบ ๑๒ เดือน")}– |')  # nothing reported yet for either round


def test_cell_labels_carry_any_round_name_as_attribute_text(site_dir: Callable[..., Path]) -> None:
    """A round's name is the clerk's text: in data-label it must neither end the attribute nor split the table row."""
    files = dict(INLINE_FILES)
    files["2569/measures.yml"] = files["2569/measures.yml"].replace("label: รอบ 6 เดือน", "label: 'a|b \"c\" *d* <i>'")
    root = site_dir(files)
    page = render_pages(_load(root / "content", root), RenderSettings(digits="thai"))["2569/measures/index.md"]
    row = next(line for line in page.splitlines() if "(m1.md)" in line)
    assert '<span class="itasite-label" data-label="a&#124;b &#34;c&#34; &#42;d&#42; &#60;i&#62;"></span>' in row
    html = python_markdown.markdown(page, extensions=["tables"])
    assert html.count('data-label="a&#124;b &#34;c&#34; &#42;d&#42; &#60;i&#62;"') == 1
    tr = next(r for r in html.split("<tr>") if "m1.md" in r)
    assert tr.count("<td") == 7 and "<em>" not in tr  # six columns and the one round: no cell split, no emphasis


def test_filter_options_escape_unit_names_and_use_our_own_values(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "2568").mkdir(parents=True)
    (content / "organisation.yml").write_text("name: อบต.ทดสอบ\ntype: อบต.\nunits:\n  - id: a|b\n    name: '<b>กอง</b>'\n",
                                              encoding="utf-8")
    (content / "2568" / "measures.yml").write_text("based_on: 2567\nmeasures:\n  - id: m1\n    title: ม\n    owners: a|b\n",
                                                   encoding="utf-8")
    page = render_pages(_load(content, tmp_path), RenderSettings())["2568/measures/index.md"]
    assert '<option value="u1">&lt;b&gt;กอง&lt;/b&gt;</option>' in page
    assert 'data-owners="u1"' in page and "a|b" not in page.split("## รายการมาตรการ")[1].split("\n| ")[0]


def test_sitemap_lists_every_page_once_in_navigation_order(default_pages: dict[str, str]) -> None:
    sitemap = default_pages["sitemap.md"]
    targets = re.findall(r"\]\(([^)]+\.md)\)", sitemap)
    assert sorted(targets) == sorted(p for p in default_pages if p != "sitemap.md")
    assert sitemap.splitlines()[4:7] == ["- [หน้าแรก](index.md)", "- [แนวโน้มผลการประเมิน](trends.md)",
                                         "- [ปีงบประมาณ ๒๕๖๙](2569/index.md)"]


def test_about_privacy_and_accessibility_pages(default_pages: dict[str, str]) -> None:
    assert default_pages["about.md"].startswith("# เกี่ยวกับหน่วยงานและการติดต่อ\n\n## เทศบาลเมืองดอนสัก\n")
    assert "- งานพัสดุ (กองคลัง)" in default_pages["about.md"]
    assert "ไม่ใช้คุกกี้" in default_pages["privacy.md"]
    assert "WCAG 2.1 ระดับ AA" in default_pages["accessibility.md"]


def test_a_measure_links_only_to_indicator_pages_that_exist(tmp_path: Path) -> None:
    """Found by tools/careless_inputs.py: a result without indicator 10 has no page for it, so a measure answering
    indicator 10 names it without a link (the strict build failed on the dead link while check passed)."""
    content = tmp_path / "content"
    (content / "2568").mkdir(parents=True)
    (content / "2569").mkdir()
    (content / "organisation.yml").write_text("name: อบต.ทดสอบ\ntype: อบต.\n", encoding="utf-8")
    (content / "2568" / "result.yml").write_text("total: 90\nlevel: ผ่าน\nindicators:\n  - indicator: 1\n    score: 90\n", encoding="utf-8")
    (content / "2569" / "measures.yml").write_text("measures:\n  - id: m1\n    title: x\n    indicators: [1, 10]\n", encoding="utf-8")
    page = render_pages(_load(content, tmp_path), RenderSettings(digits="arabic"))["2569/measures/m1.md"]
    assert "](../../2568/indicators/1.md)" in page and "2568/indicators/10.md" not in page


def test_the_compiled_template_cache_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.render import pages

    cached = render_pages(_load(ROOT / "content", ROOT), RenderSettings())
    monkeypatch.setattr(pages, "use_compiled_templates", lambda env: env)
    assert render_pages(_load(ROOT / "content", ROOT), RenderSettings()) == cached


def test_the_oit_checklist_states_each_item_honestly_and_keeps_nested_documents(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "2568").mkdir(parents=True)
    (content / "organisation.yml").write_text("name: อบต.ทดสอบ\ntype: อบต.\ncontact: {phone: 077-123456}\n",
                                              encoding="utf-8")
    (content / "2568" / "oit.yml").write_text("""\
items:
  - item: o1
    description: เมนู เกี่ยวกับเรา > โครงสร้าง
    links:
      - title: โครงสร้างองค์กร
        url: https://example.go.th/structure
      - title: รายงานประจำเดือน
        links:
          - title: ตุลาคม
            url: https://example.go.th/oct.pdf
  - item: o2
    state: ไม่เกี่ยวข้องกับหน่วยงาน
    note: หน่วยงานไม่มีภารกิจนี้
  - item: o4
""", encoding="utf-8")
    pages = render_pages(_load(content, tmp_path), RenderSettings(digits="arabic"))
    checklist = remove_word_marks(pages["2568/oit/index.md"])
    assert "บันทึกไว้ 3 จาก 28 ข้อ: เผยแพร่แล้ว 1 ข้อ ไม่เกี่ยวข้องกับหน่วยงาน 1 ข้อ ยังไม่ได้เผยแพร่ 1 ข้อ" in checklist
    assert "[รายงานประจำเดือน › ตุลาคม](https://example.go.th/oct.pdf)" in checklist
    assert "| ไม่เกี่ยวข้องกับหน่วยงาน: หน่วยงานไม่มีภารกิจนี้ |" in checklist
    assert "| ยังไม่ได้เผยแพร่ |" in checklist and "| ยังไม่ได้บันทึก |" in checklist  # o4 recorded, o5 not at all
    # o3 (contact) is answered by the site's own about page, which the framework marks
    assert "| ตอบโดยหน้าของเว็บไซต์นี้: [เกี่ยวกับหน่วยงานและการติดต่อ](../../about.md) |" in checklist
    item = pages["2568/oit/o1.md"]
    assert "**เผยแพร่แล้ว**\n\nเมนู เกี่ยวกับเรา &gt; โครงสร้าง\n" in item
    assert "- รายงานประจำเดือน\n    - [ตุลาคม](https://example.go.th/oct.pdf)\n" in item


def test_the_oit_checklist_shows_the_nacc_headings() -> None:
    root = ROOT / "examples" / "kong-koi"
    checklist = remove_word_marks(render_pages(_load(root / "content", root), RenderSettings())["2566/oit/index.md"])
    assert checklist.count("### ๙\\.๑ ข้อมูลพื้นฐาน") == 1  # in the site's digits, as every other number
    assert "\n**การประชาสัมพันธ์**\n\n| ข้อ |" in checklist


def test_an_oit_file_of_this_sites_items_sends_the_others_to_the_main_website(tmp_path: Path) -> None:
    """scope: this_site — the agency keeps its OIT page on its main website and records here only what this site
    publishes: the other items say where they are, the about page without any contact answers nothing."""
    content = tmp_path / "content"
    (content / "2568").mkdir(parents=True)
    (content / "organisation.yml").write_text(
        "name: อบต.ทดสอบ\ntype: อบต.\ncontact: {website: 'https://www.example.go.th/'}\n", encoding="utf-8")
    (content / "2568" / "oit.yml").write_text(
        "scope: เฉพาะข้อที่เว็บไซต์นี้เผยแพร่\nitems:\n  - item: o1\n    links: [{title: โครงสร้าง, url: files/x.pdf}]\n",
        encoding="utf-8")
    (content / "files").mkdir()
    (content / "files" / "x.pdf").write_bytes(b"%PDF-1.4\n")
    pages = {k: remove_word_marks(v) for k, v in render_pages(_load(content, tmp_path), RenderSettings(digits="arabic")).items()}
    checklist = pages["2568/oit/index.md"]
    assert "เว็บไซต์นี้เผยแพร่ 1 จาก 28 ข้อ ข้ออื่นเผยแพร่ที่[เว็บไซต์หลักของหน่วยงาน](https://www.example.go.th/)" in checklist
    assert "ยังไม่ได้บันทึก" not in checklist and "บันทึกไว้" not in checklist
    assert checklist.count("| เผยแพร่ที่[เว็บไซต์หลักของหน่วยงาน](https://www.example.go.th/) |") == 26  # o1 recorded, o3 answered here
    assert "ข้อนี้เผยแพร่ที่[เว็บไซต์หลักของหน่วยงาน](https://www.example.go.th/)" in pages["2568/oit/o2.md"]
    assert "ตอบโดยหน้าของเว็บไซต์นี้" in checklist  # o3: the about page shows the website, a contact
    (content / "organisation.yml").write_text("name: อบต.ทดสอบ\ntype: อบต.\n", encoding="utf-8")
    bare = remove_word_marks(render_pages(_load(content, tmp_path), RenderSettings(digits="arabic"))["2568/oit/index.md"])
    assert "ตอบโดยหน้าของเว็บไซต์นี้" not in bare  # nothing to contact: the about page answers no contact item
    assert "| เผยแพร่ที่เว็บไซต์หลักของหน่วยงาน |" in bare

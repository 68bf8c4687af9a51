"""The report documents (generator/render/reports, generator/publish/reports): what a reader of the PDF and the
Word file gets, for the default site and every example."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, copy_site
from pypdf import PdfReader

from generator.cli import main
from generator.load.content import load_content
from generator.model.site import Site
from generator.pipeline import RenderedSite, build_site
from generator.publish import reports as publish_reports
from generator.publish.reports import build_reports
from generator.publish.settings import load_settings
from generator.render.reports import pdf_html
from generator.render.reports.document import Line, Paragraph, Report, Table
from generator.render.reports.pdf import render_pdf
from generator.render.reports.pdf_html import render_report_html

pytestmark = pytest.mark.slow  # builds whole sites with MkDocs or runs scripts: left out of make test-fast

SITES = ["default", *sorted(p.parent.parent.name for p in (ROOT / "examples").glob("*/content/organisation.yml"))]
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Common words of these reports that a line end must never split (Pango's libthai takes several as two words).
COMMON_WORDS = (
    "ส่งเสริม", "ประเมิน", "คุณธรรม", "ความโปร่งใส", "ดำเนินการ", "ดำเนินงาน", "หน่วยงาน", "ประสิทธิภาพ", "มาตรการ",
    "ผู้รับผิดชอบ", "งบประมาณ", "ประชาสัมพันธ์", "เจ้าหน้าที่", "ตัวชี้วัด", "เผยแพร่", "ป้องกัน", "ปรับปรุง",
    "ประชาชน", "ข้อมูล", "ภาครัฐ", "พัฒนา", "รายงาน", "ผู้บริหาร", "เทศบาล",
)


def squash(text: str) -> str:
    """Text as compared with the PDF's, code point for code point (no Unicode normalisation: a reader's Ctrl+F
    for กำกับ does not normalise either), without the spaces, line ends and zero-width spaces that line breaking
    adds or moves."""
    return re.sub(r"[\s\u200b-\u200d\u2060]", "", text)


@functools.cache
def page_texts(data: bytes) -> tuple[str, ...]:
    """Each page's text as pypdf extracts it, read once per document (several tests read the same reports)."""
    return tuple(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_text(data: bytes) -> str:
    return "".join(page_texts(data))


def pdf_lines(data: bytes) -> list[list[str]]:
    return [text.splitlines() for text in page_texts(data)]


def split_words(lines: list[str], words: tuple[str, ...] = COMMON_WORDS) -> list[str]:
    """Every common word cut by a line end: ``ส่ง|เสริม``."""
    found = []
    for before, after in zip(lines, lines[1:], strict=False):
        end, start = squash(before), squash(after)
        for word in map(squash, words):
            for k in range(1, len(word)):
                if end.endswith(word[:k]) and start.startswith(word[k:]):
                    found.append(f"{word[:k]}|{word[k:]}: {before[-20:]!r} / {after[:20]!r}")
    return found


def docx_text(data: bytes, part: str = "word/document.xml") -> str:
    """The Word document's text, one paragraph a line (runs joined)."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read(part))
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")) + "\n"


class Built:
    def __init__(self, root: Path, site: Site, files: dict[str, bytes]) -> None:
        self.root, self.site, self.files = root, site, files


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Built]:
    """The reports of a site as ``itasite report`` writes them (each site once per module)."""
    made: dict[str, Built] = {}

    def get(name: str) -> Built:
        if name not in made:
            root = copy_site(name, tmp_path_factory.mktemp("reports"))
            assert main(["report", "-f", str(root / "site_config.yml"), "-o", str(root / "out")]) == 0
            site, _ = load_content(root / "content", root)
            assert site is not None
            files = {p.relative_to(root / "out").as_posix(): p.read_bytes() for p in sorted((root / "out").rglob("*.*"))}
            made[name] = Built(root, site, files)
        return made[name]

    return get


def _pdfs(built: Built) -> dict[str, bytes]:
    return {path: data for path, data in built.files.items() if path.endswith(".pdf")}


@pytest.mark.parametrize("name", SITES)
def test_every_year_gets_its_reports(name: str, reports: Callable[[str], Built]) -> None:
    built = reports(name)
    expected = set()
    for year in built.site.years.values():
        for kind, present in (("measures", year.plan), ("result", year.result)):
            if present:
                expected |= {f"{year.year}/{kind}.pdf", f"{year.year}/{kind}.docx"}
    assert set(built.files) == expected and expected


@pytest.mark.parametrize("name", SITES)
def test_pdf_text_holds_the_organisation_every_measure_and_every_reported_result(
    name: str, reports: Callable[[str], Built]
) -> None:
    built = reports(name)
    org = built.site.organisation.name
    for year in built.site.years.values():
        if year.plan:
            text = squash(pdf_text(built.files[f"{year.year}/measures.pdf"]))
            assert squash(org) in text
            for m in year.plan.measures:
                assert squash(m.title) in text, m.title
                for result in m.results:
                    for paragraph in [*result.actions, *result.outcome]:
                        assert squash(paragraph) in text, paragraph[:60]
        if year.result:
            text = squash(pdf_text(built.files[f"{year.year}/result.pdf"]))
            assert squash(org) in text
            for ind in year.result.indicators:
                for q in ind.questions:
                    for finding in q.finding:
                        assert squash(finding) in text, finding[:60]
                for guideline in ind.guidelines:
                    assert squash(guideline) in text, guideline[:60]


@pytest.mark.parametrize("name", SITES)
def test_pdf_text_reads_back_thai_as_typed_with_sara_am_as_one_code_point(name: str, reports: Callable[[str], Built]) -> None:
    """HarfBuzz draws ำ as NIKHAHIT + SARA AA; the text layer still gives U+0E33, and the text is NFC."""
    built = reports(name)
    for path, data in _pdfs(built).items():
        text = pdf_text(data)
        assert "\u0e4d\u0e32" not in text and "\u0e4d" not in text, path
        assert unicodedata.is_normalized("NFC", text), path
        assert "\u0e33" in text, path
    titles = [m.title for year in built.site.years.values() if year.plan for m in year.plan.measures]
    measures = "".join(squash(pdf_text(data)) for path, data in _pdfs(built).items() if path.endswith("measures.pdf"))
    assert [t for t in titles if squash(t) not in measures] == []


def test_thai_marks_read_back_as_typed_in_every_combination() -> None:
    """Tone marks over ำ and over upper vowels, ฤ, ๆ, ฯ, below vowels, and a ํ + า typed as two characters (which
    stays two: only a typed ำ reads as ำ), code point for code point."""
    words = (
        "กำกับ ดำเนินการ น้ำ ค่ำ ล้ำ ต่ำ กว้ำ ป๊ำ จ๋ำ ที่ นี้ ผู้ ปั๊ม ฤดู ฤๅษี ฦๅ เด็กๆ ฯลฯ ธรรมนูญ ญาติ ฎีกา "
        "ปู่ ฏิ ศึกษา ซื่อ ไก่ เก๋ โต๊ะ ดํา สิ่ง ๑๒๓"
    )
    report = Report("measures", 2569, ("ทดสอบ",), "หัว", True, [Paragraph(words)])
    text = pdf_text(render_pdf(render_report_html(report, dt.date(2026, 1, 1))))
    # pypdf reads the gap after a tone mark Sarabun draws shifted left (ปั๊ม) as a space: squash drops spaces
    assert [word for word in words.split() if word not in squash(text)] == []
    assert text.count("\u0e4d\u0e32") == words.count("\u0e4d\u0e32") == 1


@pytest.mark.parametrize("name", SITES)
def test_no_common_word_is_split_across_a_line_end(name: str, reports: Callable[[str], Built]) -> None:
    for path, data in _pdfs(reports(name)).items():
        for number, lines in enumerate(pdf_lines(data), 1):
            assert split_words(lines) == [], f"{path} page {number}"


def test_the_split_check_finds_what_libthai_alone_splits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the kept words, Pango breaks หน่วย|งาน and ดำเนิน|การ in a narrow column: the check above sees it."""
    sentence = "หน่วยงานได้ดำเนินการส่งเสริมคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ " * 4
    report = Report("measures", 2569, ("ทดสอบ",), "หัว", True, [Table(("ก", "ข"), (((Line(sentence),), (Line("x"),)),), (1, 3))])
    kept = pdf_lines(render_pdf(render_report_html(report, dt.date(2026, 1, 1))))
    monkeypatch.setattr(pdf_html, "keep_words", pdf_html.escape)
    plain = pdf_lines(render_pdf(render_report_html(report, dt.date(2026, 1, 1))))
    assert split_words(plain[0]) != []
    assert split_words(kept[0]) == []


@pytest.mark.parametrize("name", SITES)
def test_every_page_is_a4_numbered_and_names_the_organisation_and_year(name: str, reports: Callable[[str], Built]) -> None:
    built = reports(name)
    org = squash(built.site.organisation.name)
    for path, data in _pdfs(built).items():
        reader = PdfReader(io.BytesIO(data))
        texts = page_texts(data)
        year = path.split("/")[0]
        thai = any(c in texts[0] for c in THAI_DIGITS)
        shown = year.translate(str.maketrans("0123456789", THAI_DIGITS)) if thai else year
        for number, (page, page_text) in enumerate(zip(reader.pages, texts, strict=True), 1):
            size = sorted((round(float(page.mediabox.width)), round(float(page.mediabox.height))))
            assert size == [595, 842], f"{path} page {number}: {size}"
            text = squash(page_text)
            assert org in text and shown in text, f"{path} page {number}"
            assert re.search("หน้า[0-9๐-๙]+/[0-9๐-๙]+", text), f"{path} page {number}"


def test_default_site_reports_use_thai_digits_and_embed_sarabun(reports: Callable[[str], Built]) -> None:
    built = reports("default")
    reader = PdfReader(io.BytesIO(built.files["2569/measures.pdf"]))
    first = reader.pages[0].extract_text()
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๙" in first and "2569" not in first
    assert re.search(r"หน้า ๑ / [๐-๙]+", first)
    fonts = {str(f["/BaseFont"]): f for f in (x.get_object() for x in reader.pages[0]["/Resources"]["/Font"].values())}
    assert any("Sarabun" in name for name in fonts), fonts
    for font in fonts.values():
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font else font["/FontDescriptor"]
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]


def test_measures_report_has_the_seeds_columns_status_counts_and_signatures(reports: Callable[[str], Built]) -> None:
    text = "\n".join("\n".join(lines) for lines in pdf_lines(reports("default").files["2569/measures.pdf"]))
    for column in ("ผู้รับผิดชอบ", "ขั้นตอนหรือวิธีการ", "กำหนดเวลา", "การดำเนินการ", "ประเด็นที่ต้องปรับปรุงแก้ไข"):
        assert squash(column) in squash(text), column
    assert squash("สรุปสถานะของมาตรการ") in squash(text) and squash("อยู่ในแผน๗") in squash(text)
    assert "(นางสาวศศิธร เต็มังกรพันธ์)" in text and squash("ผู้อำนวยการกองยุทธศาสตร์และงบประมาณ") in squash(text)
    assert "(" + "." * 48 + ")" in text  # the executive's name is not given: a line to write it on
    assert squash("นายกเทศมนตรีเมืองดอนสัก") in squash(text)


def test_table_headers_repeat_on_every_page_of_the_measures_table(reports: Callable[[str], Built]) -> None:
    pages = pdf_lines(reports("default").files["2569/measures.pdf"])
    with_rows = [lines for lines in pages if any("ตัวชี้วัดที่" in line for line in lines)]
    assert len(with_rows) >= 3
    for lines in with_rows:
        assert any(line.startswith("ประเด็นที่ต้องปรับปรุงแก้ไข") for line in lines)


def test_result_report_has_the_scores_chart_questions_and_guidelines(reports: Callable[[str], Built]) -> None:
    text = "\n".join("\n".join(lines) for lines in pdf_lines(reports("default").files["2568/result.pdf"]))
    assert "๙๔.๕๐" in text and "ผ่านดี" in text
    assert "เกณฑ์ผ่าน ๘๕.๐๐" in text  # the chart's pass line
    assert "ตัวชี้วัดที่ ๑๐" in text and "i1" in text and squash("แนวทางการพัฒนา") in squash(text)


def test_docx_document_text_matches_its_golden_file(reports: Callable[[str], Built], golden: Callable[[str, str], None]) -> None:
    files = reports("default").files
    for path in ("2569/measures.docx", "2568/result.docx"):
        golden(f"reports/default/{path}.txt", docx_text(files[path]))


def test_docx_sets_the_thai_complex_script_font_repeats_headers_and_keeps_rows(reports: Callable[[str], Built]) -> None:
    data = reports("default").files["2569/measures.docx"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = archive.read("word/styles.xml").decode()
        document = archive.read("word/document.xml").decode()
        core = archive.read("docProps/core.xml").decode()
        dates = {info.date_time for info in archive.infolist()}
    assert 'w:cs="TH SarabunPSK"' in styles and '<w:szCs w:val="32"/>' in styles and 'w:bidi="th-TH"' in styles
    assert "<w:tblHeader/>" in document and document.count("<w:cantSplit/>") > 10
    assert "2026-04-17T00:00:00Z" in core
    assert dates == {(2026, 4, 17, 0, 0, 0)}
    assert "เทศบาลเมืองดอนสัก" in docx_text(data, "word/header1.xml")
    assert "PAGE" in archive_text(data, "word/footer1.xml") and 'w:fmt="thaiNumbers"' in document


def archive_text(data: bytes, part: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(part).decode()


@pytest.mark.parametrize("name", ["default", "muang-mu"])
def test_the_same_content_gives_the_same_bytes_rendered_again_or_from_the_cache(
    name: str, reports: Callable[[str], Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    built = reports(name)
    assert main(["report", "-f", str(built.root / "site_config.yml"), "-o", str(built.root / "again")]) == 0  # cached
    again = {p.relative_to(built.root / "again").as_posix(): p.read_bytes() for p in (built.root / "again").rglob("*.*")}
    assert again == built.files
    rendered = _rendered(built.root)
    fresh = build_reports(rendered.reports, rendered.date, cache_dir=None)  # rendered anew, no cache
    assert {k.replace("/reports/", "/"): v for k, v in fresh.items()} == built.files


def test_reports_laid_out_in_worker_processes_are_the_same_bytes(
    reports: Callable[[str], Built], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    built = reports("default")
    monkeypatch.setattr(publish_reports, "_workers", lambda pdfs: 2)
    rendered = _rendered(built.root)
    assert len(rendered.reports) == 2
    parallel = build_reports([*rendered.reports, rendered.reports[0]], rendered.date, tmp_path / "cache")
    assert {k.replace("/reports/", "/"): v for k, v in parallel.items()} == built.files
    assert len(list((tmp_path / "cache" / "reports").iterdir())) == 4  # a repeated report is laid out once


def _rendered(root: Path) -> RenderedSite:
    settings = load_settings(root / "site_config.yml")
    return build_site(settings.content_dir, root, settings.render)


def test_a_cached_report_is_not_rendered_again_and_a_changed_one_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = Report("measures", 2569, ("ทดสอบ",), "หัว", True, [])
    first = build_reports([report], dt.date(2026, 1, 1), tmp_path, prune=True)

    def refuse(*args: object) -> bytes:
        raise AssertionError("rendered again")

    monkeypatch.setattr(publish_reports, "render_report_pdf", refuse)
    monkeypatch.setattr(publish_reports, "render_report_docx", refuse)
    # in this process: a local stand-in cannot be sent to a worker process (which one is used depends on the load)
    monkeypatch.setattr(publish_reports, "_workers", lambda pdfs: 1)
    assert build_reports([report], dt.date(2026, 1, 1), tmp_path) == first
    with pytest.raises(AssertionError, match="rendered again"):
        build_reports([report], dt.date(2026, 1, 2), tmp_path)  # another date: another document


def test_signatories_are_data_and_are_printed_as_text(site_dir: Callable[..., Path], tmp_path: Path) -> None:
    root = site_dir({
        "organisation.yml": "name: อบต.<b>ทดสอบ</b>\ntype: อบต.\nsignatures:\n  reporter:\n    name: '<script>alert(1)</script>'\n"
                            "    position: ['&lt;i&gt;ปลัด']\n",
        "2569/measures.yml": "measures:\n  - id: m1\n    title: 'มาตรการ <img src=x onerror=alert(1)>'\n"
                             "    results:\n      - round: 6m\n        actions: ทำแล้ว & เสร็จ\n",
    })
    assert main(["report", "-f", str(root / "site_config.yml"), "-o", str(tmp_path / "out")]) == 0
    pdf = (tmp_path / "out" / "2569" / "measures.pdf").read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for shown in ("(<script>alert(1)</script>)", "&lt;i&gt;ปลัด", "อบต.<b>ทดสอบ</b>", "<img src=x onerror=alert(1)>", "ทำแล้ว & เสร็จ"):
        assert squash(shown) in squash(text), shown
    word = docx_text((tmp_path / "out" / "2569" / "measures.docx").read_bytes())
    assert "(<script>alert(1)</script>)" in word and "ทำแล้ว & เสร็จ" in word


def test_report_command_says_which_reports_exist(site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = site_dir({"organisation.yml": "name: อบต.ทดสอบ\ntype: อบต.\n", "2569/measures.yml": "measures: []\n"})
    assert main(["report", "-f", str(root / "site_config.yml"), "--year", "2568", "-o", str(root / "out")]) == 1
    err = capsys.readouterr().err
    assert "ไม่มีรายงาน 2568" in err and "measures 2569" in err and "Traceback" not in err
    assert not (root / "out").exists()


def test_a_machine_without_pango_gets_the_packages_to_install_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, copy_example: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pango(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    root = copy_example("default")
    assert main(["report", "-f", str(root / "site_config.yml"), "-o", str(root / "out")]) == 1
    err = capsys.readouterr().err
    assert "สร้างรายงาน PDF ไม่ได้ เพราะเครื่องนี้ไม่มีไลบรารี Pango" in err and "apt-get install -y libpango-1.0-0" in err
    assert "Traceback" not in err
    assert main(["build", "-q", "-f", str(root / "site_config.yml")]) == 1
    assert "apt-get install -y libpango-1.0-0" in capsys.readouterr().err
    assert not (root / "site").exists()

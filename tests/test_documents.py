"""Documents the site hosts (issue 12): their type and size after each link, and their text in the search index."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from document_files import make_docx, make_pdf

from generator.load.content import load_content
from generator.model.site import Site
from generator.publish import files
from generator.publish.files import document_page, document_search_pages, hosted_documents, read_document_text
from generator.render.documents import document_info, document_type, format_size
from generator.render.pages import RenderSettings, render_pages
from generator.urls import DIRECTORY_URLS, link_sources

ORGANISATION = "name: องค์การบริหารส่วนตำบลทดสอบ\ntype: องค์การบริหารส่วนตำบล\n"
OIT = """\
items:
  - item: o15
    links:
      - title: แผนการบริหารทรัพยากรบุคคล
        url: files/plan.pdf
      - title: รายงานประจำเดือน
        links:
          - {title: มกราคม, url: /files/report.docx}
      - {title: เว็บไซต์, url: https://example.go.th/plan.pdf}
"""


@pytest.mark.parametrize(("size", "shown"), [
    (0, "0 B"), (999, "999 B"), (1000, "1.0 kB"), (8_540, "8.5 kB"), (9_949, "9.9 kB"), (9_950, "10 kB"),
    (85_000, "85 kB"), (999_499, "999 kB"), (999_500, "1.0 MB"), (1_234_567, "1.2 MB"), (20_000_000, "20.0 MB"),
    (1_234_567_890, "1,234.6 MB"),
])
def test_format_size(size: int, shown: str) -> None:
    assert format_size(size) == shown


def test_document_type_is_the_extension_in_capitals() -> None:
    assert document_type("files/แผน 2569.pdf") == "PDF"
    assert document_type("2569/report.Docx") == "DOCX"
    assert document_type("files/README") == ""


@pytest.fixture
def site(site_dir: Callable[..., Path]) -> Site:
    root = site_dir({"organisation.yml": ORGANISATION, "2568/oit.yml": OIT, "about.md": "# เกี่ยวกับ\n"})
    (root / "content" / "files").mkdir()
    (root / "content" / "files" / "plan.pdf").write_bytes(b"%PDF" + b"x" * 1_234_563)
    (root / "content" / "files" / "report.docx").write_bytes(b"x" * 85_000)
    (root / "content" / "files" / "other.pdf").write_bytes(make_pdf(["only on disk"]))
    loaded, findings = load_content(root / "content", root)
    assert loaded is not None, findings
    return loaded


def test_sizes_are_read_when_the_content_is_loaded(site: Site) -> None:
    assert site.file_sizes["files/plan.pdf"] == 1_234_567
    assert site.file_sizes["files/report.docx"] == 85_000
    assert set(site.file_sizes) == set(site.files)


def test_document_info_only_for_files_of_the_content_folder(site: Site) -> None:
    sources = link_sources(site)
    assert document_info(site, "files/plan.pdf", sources, "arabic") == "PDF · 1.2 MB"
    assert document_info(site, "/files/report.docx", sources, "arabic") == "DOCX · 85 kB"
    assert document_info(site, "files/plan.pdf", sources, "thai") == "PDF · ๑.๒ MB"
    assert document_info(site, "https://example.go.th/plan.pdf", sources, "arabic") == ""
    assert document_info(site, "about.md", sources, "arabic") == ""  # a hand-written page, not a download
    assert document_info(site, "2568/oit/o15/", sources, "arabic") == ""
    assert document_info(site, "files/missing.pdf", sources, "arabic") == ""


def test_hosted_documents_are_titled_by_their_link_else_their_name(site: Site) -> None:
    assert hosted_documents(site) == [
        files.HostedDocument("files/other.pdf", "other.pdf", site.file_sizes["files/other.pdf"]),
        files.HostedDocument("files/plan.pdf", "แผนการบริหารทรัพยากรบุคคล", 1_234_567),
        files.HostedDocument("files/report.docx", "รายงานประจำเดือน › มกราคม", 85_000),
    ]


# -- text --------------------------------------------------------------------------------------------------------


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_pdf_text_page_by_page(tmp_path: Path) -> None:
    path = _write(tmp_path, "plan.pdf", make_pdf(["Integrity   plan 2569", "", "Annual (HR) report"]))
    assert read_document_text(path, path.stat().st_size) == ["Integrity plan 2569", "", "Annual (HR) report"]


def test_docx_text_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    path = _write(tmp_path, "report.docx", make_docx(["รายงานผลการดำเนินงาน", "", "ประจำเดือนมกราคม"], [["ก", "ข"], ["ค", "ง"]]))
    assert read_document_text(path, path.stat().st_size) == ["รายงานผลการดำเนินงาน", "ประจำเดือนมกราคม", "ก", "ข", "ค", "ง"]


def test_limits_pages_and_characters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "plan.pdf", make_pdf(["one two", "three", "four"]))
    monkeypatch.setattr(files, "MAX_DOCUMENT_PAGES", 2)
    assert read_document_text(path, path.stat().st_size) == ["one two", "three"]
    monkeypatch.setattr(files, "MAX_DOCUMENT_CHARS", 9)
    assert read_document_text(path, path.stat().st_size) == ["one two", "th"]


def test_unreadable_large_or_empty_documents_are_skipped_with_an_info_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    broken = _write(tmp_path, "broken.pdf", b"%PDF-1.4\nnot really")
    fake = _write(tmp_path, "fake.docx", b"PK not a zip")
    empty = _write(tmp_path, "empty.pdf", make_pdf(["   "]))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.itasite"):
        assert read_document_text(broken, broken.stat().st_size) is None
        assert read_document_text(fake, fake.stat().st_size) is None
        assert read_document_text(empty, empty.stat().st_size) is None
        assert read_document_text(tmp_path / "never-read.pdf", 20_000_001) is None
    messages = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.itasite"]
    assert [m.split(" ")[1] for m in messages] == ["broken.pdf", "fake.docx", "empty.pdf", "never-read.pdf"]
    assert all(r.levelno == logging.INFO for r in caplog.records if r.name == "mkdocs.plugins.itasite")
    assert messages[3] == "itasite: never-read.pdf is larger than 20 MB; its text is not searchable"


def test_a_pdf_page_is_a_section_that_opens_the_viewer_there() -> None:
    page = document_page("files/plan.pdf", "แผน", ["first", "", "third"], paged=True)
    assert page.sections == [("", "แผน", "first"), ("page=3", "หน้า 3", "third")]


def test_a_long_docx_is_cut_into_chunk_sized_sections() -> None:
    parts = ["ก" * 4000, "ข" * 4000, "ค" * 10]
    page = document_page("files/r.docx", "รายงาน", parts, paged=False)
    assert page.sections == [("", "รายงาน", "ก" * 4000), ("", "", "ข" * 4000 + " " + "ค" * 10)]


def test_document_search_pages_at_the_documents_addresses(site: Site, tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "files" / "plan.pdf").write_bytes(make_pdf(["Personnel plan"]))
    (content / "files" / "report.docx").write_bytes(make_docx(["รายงานเดือนมกราคม"]))
    documents = [files.HostedDocument(d.source, d.title, (content / d.source).stat().st_size) for d in hosted_documents(site)]
    pages = document_search_pages(content, documents, DIRECTORY_URLS)
    assert [(p.url, p.title, p.sections) for p in pages] == [
        ("files/other.pdf", "other.pdf", [("", "other.pdf", "only on disk")]),
        ("files/plan.pdf", "แผนการบริหารทรัพยากรบุคคล", [("", "แผนการบริหารทรัพยากรบุคคล", "Personnel plan")]),
        ("files/report.docx", "รายงานประจำเดือน › มกราคม", [("", "รายงานประจำเดือน › มกราคม", "รายงานเดือนมกราคม")]),
    ]


def test_item_page_and_checklist_show_type_and_size(site: Site) -> None:
    pages = render_pages(site, RenderSettings(digits="arabic"))
    item = pages["2568/oit/o15.md"]
    assert "[แผนการบริหารทรัพยากรบุคคล](../../files/plan.pdf) (PDF · 1.2 MB)\n" in item
    assert "[มกราคม](../../files/report.docx) (DOCX · 85 kB)\n" in item
    assert "[เว็บไซต์](https://example.go.th/plan.pdf)\n" in item
    checklist = pages["2568/oit/index.md"]
    assert "(../../files/plan.pdf) (PDF · 1.2 MB)<br>" in checklist

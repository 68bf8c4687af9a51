"""content/redirects.yml: old addresses keep working after an OIT item or a measure id changes.

Covers the model (address forms), the content checks (located errors), the redirect pages and the MkDocs build."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError
from test_plugin import FILES, mkdocs_build

from generator.load.content import is_content_file
from generator.model.types import Redirects
from generator.pipeline import check_content
from generator.render.redirects import redirect_page
from generator.urls import redirect_file

# -- the model ----------------------------------------------------------------------------------------------------


def test_addresses_are_normalised_to_the_folder_form() -> None:
    redirects = Redirects.model_validate({
        "/2568/oit/o30": "/2568/oit/o27/",
        "2569/measures/m-old/index.html": "2569/measures/m1",
        "ita2568.html": "/",
    })
    assert redirects.root == {"2568/oit/o30/": "2568/oit/o27/", "2569/measures/m-old/": "2569/measures/m1/",
                              "ita2568.html": ""}


@pytest.mark.parametrize("bad", ["https://other.example/x", "//other.example/x", "javascript:alert(1)", "../etc/passwd",
                                 "a b/", "x?y=1", "a/#top", "<script>/"])
def test_addresses_outside_the_site_or_with_odd_characters_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        Redirects.model_validate({bad: "2568/"})
    with pytest.raises(ValidationError):
        Redirects.model_validate({"old/": bad})


def test_redirects_yml_is_content_data_and_never_published() -> None:
    assert is_content_file("redirects.yml")
    assert not is_content_file("files/redirects.yml")


# -- the checks ------------------------------------------------------------------------------------------------------


def _check(site_dir: Callable[..., Path], redirects: str, lang: str = "th") -> list[str]:
    root = site_dir({**FILES, "redirects.yml": redirects})
    site, findings = check_content(root / "content", root, lang)  # type: ignore[arg-type]
    return [f.format() for f in findings]


def test_good_redirects_pass_the_checks(site_dir: Callable[..., Path]) -> None:
    assert _check(site_dir, "2568/oit/o30/: 2568/oit/o15/\nold.html: /\n2569/measures/m-old/: 2569/measures/m1/\n") == []


def test_a_target_that_is_not_a_page_is_a_located_error(site_dir: Callable[..., Path]) -> None:
    findings = _check(site_dir, "# old links\n2568/oit/o30/: 2568/oit/o15/\n2568/oit/o31/: 2568/oit/o99/\n")
    assert findings == [
        "content/redirects.yml:3:16: 2568/oit/o31/: ที่อยู่ใหม่ '/2568/oit/o99/' ไม่ใช่หน้าที่ระบบสร้าง "
        "ให้ใช้ที่อยู่ของหน้าที่มีอยู่ เช่น 2568/oit/o15/"
    ]


def test_an_old_address_that_is_a_generated_page_is_a_located_error(site_dir: Callable[..., Path]) -> None:
    findings = _check(site_dir, "2568/oit/o15: 2568/oit/o1/\ndata/: 2568/\nfeed.xml: 2568/\n", lang="en")
    assert findings == [
        "content/redirects.yml:1:1: 2568/oit/o15: old address '/2568/oit/o15/' is a page the generator makes; "
        "remove the line or give an address that is gone",
        "content/redirects.yml:2:1: data/: old address '/data/' is a page the generator makes; "
        "remove the line or give an address that is gone",
        "content/redirects.yml:3:1: feed.xml: old address '/feed.xml/' is a page the generator makes; "
        "remove the line or give an address that is gone",
    ]


def test_a_bad_address_is_reported_in_thai_at_its_line(site_dir: Callable[..., Path]) -> None:
    findings = _check(site_dir, "2568/oit/o30/: https://evil.example/\n")
    assert findings == [
        "content/redirects.yml:1:16: 2568/oit/o30/: ต้องเป็นที่อยู่ภายในเว็บไซต์นี้ เช่น 2568/oit/o15/ "
        "ไม่ใช่ลิงก์ไปเว็บไซต์อื่น (ได้ 'https://evil.example/')"
    ]


def test_the_same_old_address_written_twice_is_an_error(site_dir: Callable[..., Path]) -> None:
    findings = _check(site_dir, "2568/oit/o30/: 2568/oit/o15/\n/2568/oit/o30: 2568/\n")
    assert findings == ["content/redirects.yml:2:1: /2568/oit/o30: ที่อยู่เดิมนี้ซ้ำกับ '2568/oit/o30/' (คือที่อยู่เดียวกัน)"]


# -- the pages ---------------------------------------------------------------------------------------------------------


def test_redirect_page_refreshes_links_canonically_and_shows_a_thai_link() -> None:
    page = redirect_page("2568/oit/o30/", "2568/oit/o15/", "ITA <ทดสอบ>")
    assert redirect_file("2568/oit/o30/") == "2568/oit/o30/index.html"
    assert '<meta http-equiv="refresh" content="0; url=../o15/">' in page
    assert '<link rel="canonical" href="../o15/">' in page
    assert '<p>หน้านี้ย้ายไปที่อยู่ใหม่แล้ว: <a href="../o15/">/2568/oit/o15/</a></p>' in page
    assert "<title>ย้ายไปที่อยู่ใหม่ - ITA &lt;ทดสอบ&gt;</title>" in page


def test_redirect_page_of_an_old_html_file_and_with_a_site_url() -> None:
    page = redirect_page("ita/2568.html", "", "ITA", "https://ita.example.go.th/")
    assert redirect_file("ita/2568.html") == "ita/2568.html"
    assert 'content="0; url=../"' in page
    assert '<link rel="canonical" href="https://ita.example.go.th/">' in page


def test_thai_addresses_are_percent_encoded_and_text_is_escaped() -> None:
    page = redirect_page("ข่าว/ita/", "2568/", "ITA")
    assert 'url=../../2568/"' in page and ">/2568/</a>" in page
    odd = redirect_page("old/", "2568/a&b/", "ITA")
    assert 'href="../2568/a&amp;b/"' in odd and ">/2568/a&amp;b/</a>" in odd


# -- the build ---------------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_build_writes_redirect_pages_that_lead_to_real_pages(site_dir: Callable[..., Path]) -> None:
    root = site_dir({**FILES, "redirects.yml": "2568/oit/o30/: 2568/oit/o15/\nold/ita.html: 2569/measures/m1/\n"})
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    page = (site / "2568" / "oit" / "o30" / "index.html").read_text(encoding="utf-8")
    target = re.search(r'url=([^"]+)"', page)
    assert target is not None and (site / "2568/oit/o30" / target.group(1) / "index.html").resolve().is_file()
    assert (site / "old" / "ita.html").is_file()
    assert not (site / "redirects.yml").exists()


@pytest.mark.slow
def test_build_refuses_a_redirect_over_a_hand_written_page(site_dir: Callable[..., Path]) -> None:
    root = site_dir({**FILES, "notes/index.md": "# บันทึก\n", "redirects.yml": "notes/: 2568/\n"})
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert "notes/index.html" in result.stderr

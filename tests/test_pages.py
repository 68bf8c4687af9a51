"""The trust boundary of files published as they are (generator/check/pages.py): active content in hand-written
pages and SVG images, and HTML or script files, is refused at its line; harmless HTML stays."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.pipeline import check_content

ORG = "name: อบต.ทดสอบ\ntype: องค์การบริหารส่วนตำบล\n"


def _errors(root: Path) -> list[str]:
    _, findings = check_content(root / "content", root)
    return [f.format() for f in findings]


@pytest.mark.parametrize(("text", "where"), [
    ("# หน้า\n\nข้อความ\n<script>alert(1)</script>\n", "4:1"),
    ("# หน้า\n\n<img src=x onerror=alert(1)>\n", "3:1"),
    ("# หน้า\n\n[คลิก](javascript:alert(1))\n", "3:6"),
    ("# หน้า\n\n[คลิก](javascript&#58;alert(1))\n", "3:6"),
    ('# หน้า\n\n<a href="jav&#x09;ascript:alert(1)">x</a>\n', "3:4"),
    ("# หน้า\n\n<iframe src=https://evil.example></iframe>\n", "3:1"),
])
def test_active_content_in_a_page_is_refused_at_its_line(site_dir: Callable[..., Path], text: str, where: str) -> None:
    root = site_dir({"organisation.yml": ORG, "notes.md": text})
    errors = _errors(root)
    assert len(errors) == 1 and errors[0].startswith(f"content/notes.md:{where}: "), errors
    assert "อาจเป็นสคริปต์ที่ทำงานในเบราว์เซอร์ของผู้เข้าชม" in errors[0]


def test_harmless_html_and_text_about_scripts_stay(site_dir: Callable[..., Path]) -> None:
    page = "# หน้า\n\nบรรทัด<br>ใหม่ <b>หนา</b> ระบบ online = ใช้งานได้ [เว็บ](https://a.example/?x=1&y=2)\n"
    root = site_dir({"organisation.yml": ORG, "notes.md": page, "images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>'})
    assert _errors(root) == []


def test_svg_with_a_script_and_html_files_are_refused(site_dir: Callable[..., Path]) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>'
    root = site_dir({"organisation.yml": ORG, "images/logo.svg": svg, "old/index.html": "<p>เก่า</p>", "js/x.js": "alert(1)"})
    errors = sorted(_errors(root))
    assert [e.split(": ", 1)[0] for e in errors] == ["content/images/logo.svg:2:1", "content/js/x.js:1:1", "content/old/index.html:1:1"]
    assert "ให้เขียนหน้าเป็นไฟล์ .md แทน หรือใส่ที่อยู่เดิมใน redirects.yml" in errors[2]

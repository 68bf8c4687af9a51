"""itasite edit in Debian chromium, on a copy of the default site: a clerk adds a 6-month result to a 2569 measure and
changes its status; the YAML changes by exactly that, every comment kept, the check passes and the preview's measure
page shows it. Score 105 is shown at its field in Thai with nothing written. No request leaves 127.0.0.1, and axe
finds no serious or critical violation."""

from __future__ import annotations

import difflib
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from editor_support import running_editor
from playwright.sync_api import Browser, BrowserContext, expect

from generator.cli import main
from tests.browser_support import build_site

pytestmark = pytest.mark.browser


@pytest.fixture
def editor(copy_example: Callable[[str], Path]) -> Iterator[tuple[str, Path]]:
    site = copy_example("default")
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "the default site"]):
        subprocess.run([*git, *args], cwd=site, check=True, capture_output=True)
    with running_editor(site) as url:
        yield url, site


def _context(browser: Browser, elsewhere: list[str]) -> BrowserContext:
    """A browser context that refuses (and records) every request that is not for 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def route(r):  # type: ignore[no-untyped-def]
        if urlsplit(r.request.url).hostname != "127.0.0.1" and not r.request.url.startswith(("data:", "blob:")):
            elsewhere.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    context.route("**/*", route)
    return context


def _serious(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in Axe().run(page).response["violations"]
            if v["impact"] in ("serious", "critical")]


def test_a_clerk_adds_a_6_month_result_and_changes_the_status(editor: tuple[str, Path], browser: Browser,
                                                              tmp_path: Path) -> None:
    url, site = editor
    before = (site / "content/2569/measures.yml").read_text(encoding="utf-8")
    elsewhere: list[str] = []
    context = _context(browser, elsewhere)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(url + "/")
    assert _serious(page) == []
    page.get_by_role("link", name="กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ").click()
    page.get_by_role("button", name="เพิ่ม: ผลการดำเนินงานรายรอบ").click()
    # the keyboard is in the new entry's first field (autofocus, which also scrolls to it)
    expect(page.locator("#f-measures-0-results-0-round")).to_be_focused(timeout=5_000)  # no eval: the editor's CSP
    page.get_by_label("รหัสรอบ (ตรงกับ rounds ของปี)").select_option("6m")
    page.get_by_label("สถานะ ณ สิ้นรอบ").select_option("in_progress")
    page.get_by_label("วันที่รายงาน").fill("2569-04-17")
    page.get_by_label("การดำเนินการ/ผลการดำเนินงาน").fill("จัดทำคู่มือการปฏิบัติงานและแจกเวียนแล้ว")
    page.get_by_label("สถานะล่าสุด").select_option("in_progress")
    assert _serious(page) == []
    page.screenshot(path=str(tmp_path / "editor-measure.png"))  # what the clerk sees before saving
    page.get_by_role("button", name="บันทึก").click()
    assert "บันทึกแล้ว" in page.get_by_role("status").inner_text()
    after = (site / "content/2569/measures.yml").read_text(encoding="utf-8")
    changed = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
               if not line.startswith(("---", "+++", "@@"))]
    assert changed == [
        "-    status: planned  # plan only; no report of a round in the seed",
        "+    status: in_progress  # plan only; no report of a round in the seed",
        "+    results:",
        "+      - round: 6m",
        "+        status: in_progress",
        "+        date: 2569-04-17",
        "+        actions:",
        "+          - จัดทำคู่มือการปฏิบัติงานและแจกเวียนแล้ว",
    ]
    assert main(["check", "-f", str(site / "site_config.yml")]) == 0
    page.get_by_role("link", name="ดูสิ่งที่เปลี่ยนในไฟล์").click()  # git diff of what the editor changed
    assert "+    results:" in page.locator("pre").nth(1).inner_text() and _serious(page) == []
    page.go_back()
    page.locator("#preview-link").click()  # the preview is one click away: the built measure page
    assert page.url.endswith("/preview/2569/measures/m1/")
    body = page.locator("main").inner_text()
    assert "จัดทำคู่มือการปฏิบัติงานและแจกเวียนแล้ว" in body and "อยู่ระหว่างดำเนินการ" in body
    page.wait_for_load_state("networkidle")
    assert [m for m in console if "Content Security Policy" in m] == []  # the editor's and the preview's policies fit them
    built = (build_site(site) / "2569/measures/m1/index.html").read_text(encoding="utf-8")  # and so does itasite build
    assert "จัดทำคู่มือการปฏิบัติงานและแจกเวียนแล้ว" in built
    assert elsewhere == []
    context.close()


def test_score_105_is_shown_at_its_field_in_thai_and_nothing_is_written(editor: tuple[str, Path], browser: Browser) -> None:
    url, site = editor
    before = (site / "content/2568/result.yml").read_bytes()
    elsewhere: list[str] = []
    context = _context(browser, elsewhere)
    page = context.new_page()
    page.goto(url + "/edit?file=2568/result.yml&at=indicators.0")
    page.get_by_label("คะแนนตัวชี้วัด").fill("105")
    page.get_by_role("button", name="บันทึก").click()
    field = page.locator("#f-indicators-0-score")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.input_value() == "105"  # what the clerk typed stays in the form
    assert page.locator("#f-indicators-0-score-error").inner_text() == "ต้องไม่เกิน 100 (ได้ 105)"
    assert "ไม่ได้บันทึก" in page.get_by_role("alert").inner_text()
    assert (site / "content/2568/result.yml").read_bytes() == before
    assert _serious(page) == []
    page.get_by_role("link", name="คะแนนตัวชี้วัด").click()  # the summary names the field and leads to it
    assert page.url.endswith("#f-indicators-0-score")
    assert elsewhere == []
    context.close()


def test_upload_a_document_and_link_it_from_an_oit_record(editor: tuple[str, Path], browser: Browser, tmp_path: Path) -> None:
    url, site = editor
    document = tmp_path / "คู่มือ 2569.pdf"
    document.write_bytes(b"%PDF-1.4\n%%EOF\n")
    context = _context(browser, [])
    page = context.new_page()
    page.goto(url + "/")
    page.get_by_role("link", name="เพิ่มรายการ OIT").first.click()
    page.get_by_label("รหัสข้อ OIT ของปีนั้น เช่น o1").select_option("o1")
    page.get_by_role("button", name="บันทึก").click()
    assert "บันทึกแล้ว" in page.get_by_role("status").inner_text()
    page.get_by_label("ชื่อเอกสาร (ข้อความลิงก์)").fill("คู่มือการปฏิบัติงาน")
    page.get_by_label("ไฟล์ (PDF, Word, Excel, รูปภาพ ไม่เกิน 20 MB)").set_input_files(str(document))
    page.get_by_role("button", name="อัปโหลดและเพิ่มลิงก์").click()
    assert "บันทึกแล้ว" in page.get_by_role("status").inner_text()
    assert (site / "content/files/คู่มือ 2569.pdf").is_file()
    assert "url: files/คู่มือ 2569.pdf" in (site / "content/2569/oit.yml").read_text(encoding="utf-8")
    assert page.locator("#f-items-2-links-0-url").input_value() == "files/คู่มือ 2569.pdf"
    assert main(["check", "-f", str(site / "site_config.yml")]) == 0
    context.close()

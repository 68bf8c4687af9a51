"""itasite edit without a browser: the command serves the years and measures, saves keep every comment and change
only what was edited, a wrong value or a file changed on disk is refused with nothing written, an upload lands in
content/files/ linked from an OIT record, and requests for another host are refused."""

from __future__ import annotations

import difflib
import io
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
from editor_support import running_editor

from generator.clerk.editor.fields import file_spec, spec_at
from generator.clerk.editor.formdata import Entry, plain_value
from generator.clerk.editor.preview import Preview
from generator.clerk.editor.records import open_file, save_record, upload_document, upload_name, value_at
from generator.clerk.editor.routes import editor_app
from generator.clerk.editor.session import Editor
from generator.clerk.editor.view import finding_path
from generator.cli import main
from generator.messages import Lang

MEASURE = ("measures", 0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, host: str | None = None) -> str:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return str(answer.read().decode("utf-8"))


def _diff(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if not line.startswith(("---", "+++", "@@"))]


def _measure_form(site: Path) -> tuple[object, str]:
    opened = open_file(site / "content", "2569/measures.yml")
    spec = spec_at(file_spec("2569/measures.yml"), MEASURE)
    assert spec is not None
    return plain_value(spec, value_at(opened.doc, MEASURE)), opened.fingerprint


def test_itasite_edit_lists_the_years_and_the_2569_measures_by_title(copy_example: Callable[[str], Path]) -> None:
    site = copy_example("default")
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "generator", "edit", "--port", str(port), "--no-browser"], cwd=site,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        page = ""
        for _ in range(100):
            try:
                page = _get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                time.sleep(0.1)
        assert 'id="y2569"' in page and 'id="y2568"' in page
        section = page.split('id="y2569"')[1].split('id="y2568"')[0]
        for title in ("กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ", "การให้บริการและระบบ E-Service",
                      "ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ"):
            assert f">{title}</a>" in section
        with pytest.raises(urllib.error.HTTPError) as refused:
            _get(f"http://127.0.0.1:{port}/", host="evil.example")
        assert refused.value.code == 403
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0  # stopped cleanly (SIGTERM as Ctrl+C)


def test_a_busy_port_is_a_thai_message_and_exit_1(copy_example: Callable[[str], Path], capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    site = copy_example("default")
    monkeypatch.chdir(site)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert main(["edit", "--port", str(taken.getsockname()[1]), "--no-browser"]) == 1
    assert "เปิดพอร์ต" in capsys.readouterr().err


def test_a_round_result_and_a_status_are_the_only_change_and_comments_stay(copy_example: Callable[[str], Path]) -> None:
    site = copy_example("default")
    before = (site / "content/2569/measures.yml").read_text(encoding="utf-8")
    value, opened = _measure_form(site)
    assert isinstance(value, dict)
    value["status"] = "in_progress"
    value["results"] = [Entry(None, {"round": "6m", "status": "in_progress", "date": "2569-04-17",
                                     "actions": ["จัดทำคู่มือการปฏิบัติงานแล้ว"], "outcome": [], "evidence": []})]
    spec = spec_at(file_spec("2569/measures.yml"), MEASURE)
    assert spec is not None
    result = save_record(site / "content", site, "2569/measures.yml", MEASURE, spec, value, opened, "th")
    assert result.written == ["2569/measures.yml"] and result.findings == []
    after = (site / "content/2569/measures.yml").read_text(encoding="utf-8")
    assert _diff(before, after) == [
        "-    status: planned  # plan only; no report of a round in the seed",
        "+    status: in_progress  # plan only; no report of a round in the seed",
        "+    results:",
        "+      - round: 6m",
        "+        status: in_progress",
        "+        date: 2569-04-17",
        "+        actions:",
        "+          - จัดทำคู่มือการปฏิบัติงานแล้ว",
    ]
    comments = [[line.split("#", 1)[1] for line in text.splitlines() if "#" in line] for text in (before, after)]
    assert comments[0] == comments[1] and len(comments[0]) > 20
    assert main(["check", "-f", str(site / "site_config.yml")]) == 0


def test_an_unchanged_form_writes_nothing(copy_example: Callable[[str], Path]) -> None:
    site = copy_example("default")
    before = (site / "content/2569/measures.yml").read_bytes()
    value, opened = _measure_form(site)
    spec = spec_at(file_spec("2569/measures.yml"), MEASURE)
    assert spec is not None
    assert save_record(site / "content", site, "2569/measures.yml", MEASURE, spec, value, opened, "th").unchanged
    assert (site / "content/2569/measures.yml").read_bytes() == before


def test_score_105_is_refused_at_its_field_in_thai_and_nothing_is_written(copy_example: Callable[[str], Path]) -> None:
    site = copy_example("default")
    before = (site / "content/2568/result.yml").read_bytes()
    at = ("indicators", 0)
    opened = open_file(site / "content", "2568/result.yml")
    spec = spec_at(file_spec("2568/result.yml"), at)
    assert spec is not None
    value = plain_value(spec, value_at(opened.doc, at))
    value["score"] = "105"
    result = save_record(site / "content", site, "2568/result.yml", at, spec, value, opened.fingerprint, "th")
    assert result.written == []
    assert [(f.file, f.path, f.message) for f in result.findings] == [
        ("content/2568/result.yml", "indicators[1].score", "ต้องไม่เกิน 100 (ได้ 105)")]
    assert finding_path("indicators[1].score") == ("indicators", 0, "score")
    assert (site / "content/2568/result.yml").read_bytes() == before
    assert not list((site / "content/2568").glob(".*tmp"))


def test_a_file_changed_since_the_form_was_opened_is_not_overwritten(copy_example: Callable[[str], Path]) -> None:
    site = copy_example("default")
    value, opened = _measure_form(site)
    assert isinstance(value, dict)
    path = site / "content/2569/measures.yml"
    theirs = path.read_text(encoding="utf-8").replace("status: planned  # plan only", "status: done  # plan only", 1)
    path.write_text(theirs, encoding="utf-8")
    value["title"] = "ชื่อใหม่"
    spec = spec_at(file_spec("2569/measures.yml"), MEASURE)
    assert spec is not None
    result = save_record(site / "content", site, "2569/measures.yml", MEASURE, spec, value, opened, "th")
    assert result.written == [] and "มีผู้แก้ไฟล์ 2569/measures.yml หลังจากที่คุณเปิดแบบฟอร์มนี้" in result.conflict
    assert path.read_text(encoding="utf-8") == theirs


def test_an_upload_lands_in_content_files_and_is_linked_from_the_oit_record(copy_example: Callable[[str], Path]) -> None:
    site = copy_example("default")
    content = site / "content"  # its 2569/oit.yml records o25 and o26: the new record is the third
    spec = spec_at(file_spec("2569/oit.yml"), ("items", 2))
    assert spec is not None
    new = plain_value(spec, None)
    new["item"] = "o1"
    created = save_record(content, site, "2569/oit.yml", ("items", 2), spec, new,
                          open_file(content, "2569/oit.yml").fingerprint, "th")
    assert created.written == ["2569/oit.yml"], created.findings
    opened = open_file(content, "2569/oit.yml")
    pdf = b"%PDF-1.4\n%%EOF\n"
    result = upload_document(content, site, "2569/oit.yml", ("items", 2), "โครงสร้างหน่วยงาน", "โครงสร้าง 2569.pdf", pdf,
                             opened.fingerprint, "th")
    assert result.findings == [] and result.written == ["2569/oit.yml", "files/โครงสร้าง 2569.pdf"]
    assert (content / "files/โครงสร้าง 2569.pdf").read_bytes() == pdf
    assert "url: files/โครงสร้าง 2569.pdf" in (content / "2569/oit.yml").read_text(encoding="utf-8")
    assert main(["check", "-f", str(site / "site_config.yml")]) == 0
    refused = upload_document(content, site, "2569/oit.yml", ("items", 2), "สคริปต์", "x.html", b"<script>",
                              open_file(content, "2569/oit.yml").fingerprint, "th")
    assert refused.written == [] and "รับเฉพาะไฟล์" in refused.findings[0].message
    assert not (content / "files/x.html").exists()


def test_upload_names_keep_thai_and_lose_paths() -> None:
    assert upload_name("..\\..\\แผน 2569.PDF") == "แผน 2569.pdf"
    assert upload_name("../a/<b>.pdf") == "b.pdf"


@pytest.fixture
def editor_url(copy_example: Callable[[str], Path]) -> Iterator[tuple[str, Path]]:
    site = copy_example("default")
    with running_editor(site) as url:
        yield url, site


def test_a_post_from_another_origin_is_refused(editor_url: tuple[str, Path]) -> None:
    url, site = editor_url
    before = (site / "content/2569/measures.yml").read_bytes()
    data = urllib.parse.urlencode({"measures.0.title": "x", "_hash": "new", "_save": "1"}).encode()
    request = urllib.request.Request(f"{url}/edit?file=2569/measures.yml&at=measures.0", data=data,
                                     headers={"Origin": "https://evil.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    assert (site / "content/2569/measures.yml").read_bytes() == before


def test_every_record_form_renders_with_a_label_for_every_field(editor_url: tuple[str, Path]) -> None:
    url, _ = editor_url
    for address in ("/edit?file=organisation.yml", "/edit?file=2568/result.yml", "/edit?file=2568/result.yml&at=indicators.0",
                    "/edit?file=2569/measures.yml", "/edit?file=2569/measures.yml&at=measures.4",
                    "/edit?file=2569/oit.yml&at=items.0", "/git"):
        page = _get(url + address)
        ids = {chunk.split('"', 1)[0] for chunk in page.split('<input id="')[1:] + page.split('<textarea id="')[1:]
               + page.split('<select id="')[1:]}
        assert all(f'for="{i}"' in page for i in ids), address
    assert "<script" not in _get(url + "/edit?file=2569/measures.yml&at=measures.0")
    assert "ไม่ได้อยู่ใน git" in _get(url + "/git")  # a copy outside git: said, not a git error


def _post(url: str, fields: dict[str, str] | Sequence[tuple[str, str]]) -> str:
    origin = "/".join(url.split("/", 3)[:3])
    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), headers={"Origin": origin})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return str(answer.read().decode("utf-8"))


def test_a_measure_is_removed_after_a_confirmation(editor_url: tuple[str, Path]) -> None:
    url, site = editor_url
    path = site / "content/2569/measures.yml"
    opened = open_file(site / "content", "2569/measures.yml").fingerprint
    address = f"{url}/edit?file=2569/measures.yml&at=measures.4"
    asking = _post(address, {"_hash": opened, "_delete": "1"})
    assert "ยืนยันการลบ" in asking and "m5" in path.read_text(encoding="utf-8")
    done = _post(address, {"_hash": opened, "_delete": "1", "_confirm": "1"})
    assert "ลบแล้ว" in done
    text = path.read_text(encoding="utf-8")
    assert "- id: m5" not in text and "- id: m4" in text and text.startswith("# Seed: the NACC-format report")
    assert main(["check", "-f", str(site / "site_config.yml")]) == 0


def test_a_new_year_is_started_from_the_editor(editor_url: tuple[str, Path]) -> None:
    url, site = editor_url
    page = _post(f"{url}/new-year", {"year": "๒๕๗๐"})
    assert (site / "content/2570/measures.yml").is_file() and (site / "content/2570/oit.yml").is_file()
    assert 'id="y2570"' in page
    assert "ไม่เขียนทับ" in _post(f"{url}/new-year", {"year": "2570"})


def test_the_english_editor_names_each_key(copy_example: Callable[[str], Path]) -> None:
    site = copy_example("default")
    with running_editor(site, "en") as url:
        page = _get(f"{url}/edit?file=2569/measures.yml&at=measures.0")
    assert '<html lang="en">' in page and ">title (ชื่อมาตรการ/หัวข้อ) *</label>" in page and ">Save</button>" in page


def test_content_is_escaped_in_the_forms(copy_example: Callable[[str], Path]) -> None:
    site = copy_example("default")
    path = site / "content/2569/measures.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ", 'title: "<img src=x onerror=alert(1)>\\"x"', 1), encoding="utf-8")
    with running_editor(site) as base:
        pages = [_get(base + "/"), _get(base + "/edit?file=2569/measures.yml&at=measures.0")]
    for page in pages:
        assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'value="&lt;img src=x onerror=alert(1)&gt;&#34;x"' in pages[1]


class _FormFields(HTMLParser):
    """What a browser submits for the first form of a page: inputs, checked boxes, textareas, selected options."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.forms = 0
        self._textarea: str | None = None
        self._select: str | None = None
        self._first_option = ""
        self._selected = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.forms += tag == "form"
        if self.forms != 1:
            return
        if tag == "input" and a.get("type") not in ("file",) and (a.get("type") != "checkbox" or "checked" in a):
            if a.get("name"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea = a.get("name", "")
            self.fields.append((self._textarea, ""))
        elif tag == "select":
            self._select, self._selected, self._first_option = a.get("name", ""), False, ""
        elif tag == "option" and self._select is not None and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
            self._selected = True

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.fields[-1] = (self._textarea, self.fields[-1][1] + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            if not self._selected:
                self.fields.append((self._select, ""))
            self._select = None


def _form_of(page: str) -> list[tuple[str, str]]:
    parser = _FormFields()
    parser.feed(page)
    return parser.fields


@pytest.mark.parametrize("file", ["2569/oit.yml", "2569/measures.yml", "2568/result.yml"])
def test_saving_a_year_files_top_page_unchanged_keeps_its_long_list(editor_url: tuple[str, Path], file: str) -> None:
    url, site = editor_url
    before = (site / "content" / file).read_bytes()
    fields = _form_of(_get(f"{url}/edit?file={file}"))
    assert ("_hash", open_file(site / "content", file).fingerprint) in fields
    page = _post(f"{url}/edit?file={file}", [*fields, ("_save", "1")])
    assert "ไม่มีค่าที่เปลี่ยน ไม่ได้แก้ไฟล์" in page
    assert (site / "content" / file).read_bytes() == before


def test_a_change_on_the_oit_top_page_saves_only_that(editor_url: tuple[str, Path]) -> None:
    url, site = editor_url
    before = (site / "content/2569/oit.yml").read_text(encoding="utf-8")
    fields = [(k, "all" if k == "scope" else v) for k, v in _form_of(_get(f"{url}/edit?file=2569/oit.yml"))]
    _post(f"{url}/edit?file=2569/oit.yml", [*fields, ("_save", "1")])
    after = (site / "content/2569/oit.yml").read_text(encoding="utf-8")
    assert _diff(before, after) == ["-scope: this_site", "+scope: all"]


HOST = "127.0.0.1:8010"


def _app(site: Path, lang: Lang = "th") -> Callable[..., tuple[int, str, dict[str, str]]]:
    """The editor's WSGI app called directly (no socket): (status, page, headers) of a request."""
    app = editor_app(Editor(site / "content", site, site / "site_config.yml", lang, {HOST}))

    def call(method: str, address: str, body: bytes = b"", headers: dict[str, str] | None = None,
             length: int | None = None) -> tuple[int, str, dict[str, str]]:
        path, _, query = address.partition("?")
        environ: dict[str, object] = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
                                      "HTTP_HOST": HOST, "CONTENT_LENGTH": str(len(body) if length is None else length),
                                      "CONTENT_TYPE": "application/x-www-form-urlencoded", "wsgi.input": io.BytesIO(body),
                                      "wsgi.errors": io.StringIO()}
        if method == "POST":
            environ["HTTP_ORIGIN"] = f"http://{HOST}"
        for name, value in (headers or {}).items():
            environ[name if name.isupper() else "HTTP_" + name.upper().replace("-", "_")] = value
        setup_testing_defaults(environ)
        answer: dict[str, object] = {}
        page = b"".join(app(environ, lambda status, heads, exc=None: answer.update(status=status, headers=heads)))
        return int(str(answer["status"])[:3]), page.decode("utf-8"), dict(answer["headers"])  # type: ignore[call-overload]

    return call


def test_a_form_over_bottles_100_kb_is_read_and_one_over_5_mb_is_a_thai_page(copy_example: Callable[[str], Path]) -> None:
    site = copy_example("default")
    call = _app(site)
    _, page, _ = call("GET", "/edit?file=2568/result.yml&at=indicators.0")
    fields = [*_form_of(page), ("_pad", "ก" * 40_000), ("_save", "1")]
    body = urllib.parse.urlencode(fields).encode()
    assert len(body) > 102_400
    status, page, _ = call("POST", "/edit?file=2568/result.yml&at=indicators.0", body)
    assert status == 200 and "ไม่มีค่าที่เปลี่ยน ไม่ได้แก้ไฟล์" in page
    status, page, _ = call("POST", "/edit?file=2568/result.yml&at=indicators.0", b"", length=6_000_000)
    assert status == 413 and "ใหญ่เกิน 5 MB" in page and '<html lang="th">' in page


def test_error_pages_are_thai_or_english_and_never_a_traceback(copy_example: Callable[[str], Path],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    site = copy_example("default")
    status, page, _ = _app(site)("GET", "/nope")
    assert status == 404 and "ไม่พบหน้าที่ต้องการ" in page
    status, page, _ = _app(site)("GET", "/edit?file=2569/nope.yml")
    assert status == 404 and "ไม่มีแบบฟอร์มของไฟล์นี้" in page

    def broken(*args: object) -> str:
        raise RuntimeError("secret detail")

    monkeypatch.setattr("generator.clerk.editor.routes.home_page", broken)
    status, page, _ = _app(site)("GET", "/")
    assert status == 500 and "เกิดข้อผิดพลาดภายใน ไฟล์ไม่ถูกแก้ไข" in page
    assert "secret" not in page and "Traceback" not in page
    status, page, _ = _app(site, "en")("GET", "/")
    assert status == 500 and "Internal error; no file was changed" in page and '<html lang="en">' in page


def _multipart(fields: dict[str, str], filename: str | bytes, data: bytes) -> tuple[bytes, str]:
    boundary = "itasite-test-boundary"
    name = filename.encode("utf-8") if isinstance(filename, str) else filename
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="document"; filename="'.encode() + name
                 + b'"\r\nContent-Type: application/octet-stream\r\n\r\n' + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _urlencoded(fields: dict[str, str]) -> bytes:
    return urllib.parse.urlencode(fields).encode()


def test_malformed_requests_are_thai_refusals_and_write_nothing(copy_example: Callable[[str], Path]) -> None:
    site = copy_example("default")
    call = _app(site)
    files = {f: (site / "content" / f).read_bytes() for f in ("2568/result.yml", "2569/measures.yml", "2569/oit.yml")}
    measures = open_file(site / "content", "2569/measures.yml").fingerprint
    result = open_file(site / "content", "2568/result.yml").fingerprint
    oit = open_file(site / "content", "2569/oit.yml").fingerprint
    refused = [
        ("GET", "/edit?file=2569/oit.yml&at=items.%C2%B2", b"", 404),
        ("GET", "/edit?file=2569/oit.yml&at=items.99999999999999999999999", b"", 404),
        ("GET", "/edit?file=2570/oit.yml", b"", 404),
        ("POST", "/edit?file=2570/oit.yml", _urlencoded({"scope": "all", "_hash": "new", "_save": "1"}), 404),
        ("POST", "/edit?file=2569/measures.yml&at=measures.0", _urlencoded({"_hash": measures, "_remove": "measures.0.nope.0"}), 400),
        ("POST", "/edit?file=2569/measures.yml&at=measures.0", _urlencoded({"_hash": measures, "_add": "measures.0.title"}), 400),
        ("POST", "/edit?file=2569/measures.yml&at=measures.0", b"measures.0.title=%FF&_hash=x&_save=1", 400),
    ]
    for method, address, body, status in refused:
        code, page, _ = call(method, address, body)
        assert (code, '<html lang="th">' in page) == (status, True), address
    _, page, _ = call("GET", "/edit?file=2569/measures.yml&at=measures.0")
    form = _form_of(page)
    for extra in ([("measures.0.results.99999999999999999.round", "6m"), ("measures.0.results.².round", "6m"), ("_save", "1")],
                  [("measures.0.results.0.round", "6m"), ("measures.0.results.0._from", "²"), ("_add", "measures.0.results")]):
        code, page, _ = call("POST", "/edit?file=2569/measures.yml&at=measures.0", urllib.parse.urlencode([*form, *extra]).encode())
        assert code == 200 and "ข้อผิดพลาด" not in page, extra
    _, page, _ = call("GET", "/edit?file=2568/result.yml&at=indicators.0")
    huge = [(k, "9" * 5000 if k == "indicators.0.score" else v) for k, v in _form_of(page)]
    code, page, _ = call("POST", "/edit?file=2568/result.yml&at=indicators.0", _urlencoded(dict([*huge, ("_save", "1")])))
    assert code == 200 and "ไม่ได้บันทึก" in page and result
    for at in ("items.99", "items.x", "scope", ""):
        body, kind = _multipart({"_hash": oit, "title": "เอกสาร"}, "a.pdf", b"%PDF-1.4\n")
        code, page, _ = call("POST", f"/upload?file=2569/oit.yml&at={at}", body, {"CONTENT_TYPE": kind})
        assert code == 400 and "อัปโหลดได้เฉพาะรายการ OIT ที่บันทึกไว้แล้ว" in page, at
    body, kind = _multipart({"_hash": oit, "title": "เอกสาร"}, b"a\x00b.pdf", b"%PDF-1.4\n")
    code, page, _ = call("POST", "/upload?file=2569/oit.yml&at=items.0", body, {"CONTENT_TYPE": kind})
    assert code == 400 and "เปลี่ยนชื่อไฟล์" in page
    assert {f: (site / "content" / f).read_bytes() for f in files} == files
    assert not (site / "content/2570").exists() and not (site / "content/files/a.pdf").exists()


def test_upload_names_fit_a_file_system_and_windows() -> None:
    long = upload_name("😀" * 100 + ".pdf")
    assert long.endswith(".pdf") and len(long.encode("utf-8")) <= 210 and long.startswith("😀")
    assert len(upload_name("ก" * 300 + ".pdf").encode("utf-8")) <= 210
    for device in ("CON.pdf", "con.pdf", "Aux .pdf", "nul..pdf", "COM1.pdf", "lpt9.tar.pdf", "PRN"):
        assert upload_name(device).startswith("_"), device
    assert upload_name("CONTROL.pdf") == "CONTROL.pdf" and upload_name("com10.pdf") == "com10.pdf"


def test_an_upload_named_with_100_emoji_or_only_pdf_is_handled(copy_example: Callable[[str], Path]) -> None:
    site = copy_example("default")
    call = _app(site)
    body, kind = _multipart({"_hash": open_file(site / "content", "2569/oit.yml").fingerprint, "title": "เอกสาร"},
                            "😀" * 100 + ".pdf", b"%PDF-1.4\n")
    code, _, _ = call("POST", "/upload?file=2569/oit.yml&at=items.0", body, {"CONTENT_TYPE": kind})
    assert code == 303 and [p.suffix for p in (site / "content/files").iterdir() if p.name.startswith("😀")] == [".pdf"]
    body, kind = _multipart({"_hash": open_file(site / "content", "2569/oit.yml").fingerprint, "title": "เอกสาร"},
                            ".pdf", b"%PDF-1.4\n")
    code, page, _ = call("POST", "/upload?file=2569/oit.yml&at=items.0", body, {"CONTENT_TYPE": kind})
    assert code == 200 and "ไฟล์ชื่อ &#39;.pdf&#39; มีแต่นามสกุล ไม่มีชื่อไฟล์" in page


def test_a_post_must_come_from_the_editors_own_pages(copy_example: Callable[[str], Path]) -> None:
    site = copy_example("default")
    call = _app(site)
    before = (site / "content/2569/measures.yml").read_bytes()
    body = _urlencoded({"measures.0.title": "x", "_hash": "new", "_save": "1"})
    own = f"http://{HOST}/edit?file=2569/measures.yml"
    refused = [{"HTTP_ORIGIN": "", "Referer": "https://evil.example/page"}, {"HTTP_ORIGIN": ""},
               {"HTTP_ORIGIN": "null"}, {"HTTP_ORIGIN": f"http://{HOST}.evil.example"},
               {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
               {"HTTP_ORIGIN": "", "Referer": own, "Sec-Fetch-Site": "cross-site"}]
    for headers in refused:
        code, page, _ = call("POST", "/edit?file=2569/measures.yml&at=measures.0", body, headers)
        assert code == 403 and "ไม่รับแบบฟอร์มที่ส่งมาจากเว็บไซต์อื่น" in page, headers
    for headers in ({"HTTP_ORIGIN": "", "Referer": own}, {"Sec-Fetch-Site": "same-origin"}):
        code, page, _ = call("POST", "/edit?file=2569/measures.yml&at=measures.0", body, headers)
        assert code == 200 and "มีผู้แก้ไฟล์" in page, headers  # accepted, then refused as a conflict ("new")
    assert (site / "content/2569/measures.yml").read_bytes() == before


def test_every_editor_answer_forbids_framing_and_sniffing(copy_example: Callable[[str], Path],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    site = copy_example("default")
    call = _app(site)
    answers = [call("GET", "/"), call("GET", "/nope"), call("GET", "/static/editor.css"),
               call("POST", "/edit?file=2569/measures.yml&at=measures.0", b"_hash=x", {"HTTP_ORIGIN": "https://evil.example"})]
    monkeypatch.setattr("generator.clerk.editor.routes.home_page", lambda *args: 1 / 0)
    answers.append(call("GET", "/"))
    assert [code for code, _, _ in answers] == [200, 404, 200, 403, 500]
    for _, _, headers in answers:
        assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "form-action 'self'" in headers["Content-Security-Policy"]


@pytest.mark.slow
def test_the_preview_may_not_run_or_reach_anything_elsewhere(copy_example_with_reports: Callable[[str], Path]) -> None:
    with running_editor(copy_example_with_reports("default")) as url, \
            urllib.request.urlopen(f"{url}/preview/2569/", timeout=60) as answer:
        policy = answer.headers["Content-Security-Policy"]
        assert answer.headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_after_an_upload_conflict_the_title_typed_is_still_in_the_form(copy_example: Callable[[str], Path]) -> None:
    site = copy_example("default")
    body, kind = _multipart({"_hash": "an older fingerprint", "title": "คู่มือ <2569>"}, "a.pdf", b"%PDF-1.4\n")
    code, page, _ = _app(site)("POST", "/upload?file=2569/oit.yml&at=items.0", body, {"CONTENT_TYPE": kind})
    assert code == 200 and "มีผู้แก้ไฟล์ 2569/oit.yml" in page
    assert 'name="title" value="คู่มือ &lt;2569&gt;"' in page and "ให้เลือกไฟล์อีกครั้ง" in page
    assert not (site / "content/files/a.pdf").exists()


def test_the_readme_proxy_is_https_and_passes_the_host_with_its_port(copy_example: Callable[[str], Path]) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Putting the editor online for a team.**")[1].split("**How edits reach git.**")[0]
    assert "proxy_set_header Host $http_host;" in section and "Host $host;" not in section
    assert "listen 443 ssl" in section and "HTTPS only" in section
    site = copy_example("default")  # behind TLS the browser's Origin is https:// while the editor is plain HTTP
    body = _urlencoded({"measures.0.title": "x", "_hash": "new", "_save": "1"})
    code, _, _ = _app(site)("POST", "/edit?file=2569/measures.yml&at=measures.0", body, {"HTTP_ORIGIN": f"https://{HOST}"})
    assert code == 200


def test_the_editor_serves_the_fonts_its_stylesheet_names(editor_url: tuple[str, Path]) -> None:
    """editor.css asks for Sarabun by name; every file it names is served (not a 404 and a silent system font)."""
    url, _ = editor_url
    css = _get(url + "/static/editor.css")
    names = re.findall(r'url\("/fonts/([^"]+)"\)', css)
    assert len(names) == 4
    for name in names:
        with urllib.request.urlopen(url + "/fonts/" + name, timeout=10) as answer:
            assert answer.status == 200 and answer.read(4) == b"wOF2"


@pytest.mark.slow
@pytest.mark.parametrize(("directory_urls", "expected"), [(True, "/preview/2569/measures/m1/"), (False, "/preview/2569/measures/m1.html")])
def test_the_preview_link_follows_the_sites_address_scheme(copy_example_with_reports: Callable[[str], Path],
                                                           directory_urls: bool, expected: str) -> None:
    """The "see this page" link is the address the built site has, with use_directory_urls true or false."""
    site = copy_example_with_reports("default")
    config = site / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nuse_directory_urls: {str(directory_urls).lower()}\n", encoding="utf-8")
    editor = Editor(site / "content", site, config, "th", {HOST})
    editor.preview = Preview(config)
    app = editor_app(editor)
    try:
        status, page = _get_from(app, "/edit?file=2569/measures.yml&at=measures.0&saved=1")  # shown after a save
        assert status == 200
        link = re.search(r'href="([^"]*)" id="preview-link"', page)
        assert link and link.group(1) == expected
        status, built = _get_from(app, link.group(1))
        assert status == 200 and "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ" in built
    finally:
        editor.preview.remove()


def _get_from(app: Callable[..., Any], address: str) -> tuple[int, str]:
    path, _, query = address.partition("?")
    environ: dict[str, object] = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": HOST}
    setup_testing_defaults(environ)
    answer: dict[str, object] = {}
    body = b"".join(app(environ, lambda status, heads, exc=None: answer.update(status=status)))
    return int(str(answer["status"])[:3]), body.decode("utf-8")

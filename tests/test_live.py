"""``itasite serve`` on MkDocs: an edit rebuilds only its pages, and what it shows is what a whole build shows."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import markdown
import pytest

from generator.errors import Finding
from generator.publish.live import SITE_DIR, MkDocsSession, PreviewServer, finish_start, problem_box, start
from generator.publish.preview import Preview, user_error_notice
from generator.render.error_page import error_notice

pytestmark = pytest.mark.slow  # whole MkDocs builds: not part of make test-fast

SERVE_URL = "http://127.0.0.1:8000/"


class _Ready:
    """Counts the preview's calls that its reports are laid out."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1

    def wait(self, calls: int = 1, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while self.calls < calls and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.calls >= calls, "the reports were never laid out"


def _session(site: Path) -> tuple[Preview, MkDocsSession, _Ready]:
    """A preview built whole, its reports laid out (as a preview a minute after it started)."""
    ready = _Ready()
    preview = Preview(site / "site_config.yml", on_reports=ready)
    preview.update()
    if ready.calls == 0 and not list((preview.folder / "docs").rglob("*.pdf")):
        ready.wait()
        preview.update()
    session = MkDocsSession(preview, preview.folder / SITE_DIR, SERVE_URL)
    session.build_all()
    return preview, session, ready


def _settle(preview: Preview, session: MkDocsSession, ready: _Ready, calls: int) -> None:
    """After an edit that changed a report: its new layout, published as the preview publishes it."""
    ready.wait(calls)
    session.update(preview.update())


def _pages(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def default_site(copy_example_with_reports: Callable[[str], Path]) -> Iterator[Path]:
    """A copy of the default site with the report cache of its build (tests/built_sites.py), as a clerk's folder
    has it after a first build: only the reports an edit changes are laid out (a cold cache: ``cold_site``)."""
    site = copy_example_with_reports("default")
    yield site
    shutil.rmtree(site, ignore_errors=True)


@pytest.fixture
def cold_site(copy_example: Callable[[str], Path]) -> Iterator[Path]:
    """A copy of the default site that was never built: no report is laid out yet."""
    site = copy_example("default")
    yield site
    shutil.rmtree(site, ignore_errors=True)


def _whole_build(site: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a fresh ``itasite serve`` of the same content shows: a whole build of a copy."""
    fresh = tmp_path / "fresh"
    shutil.copytree(site / "content", fresh / "content")
    shutil.copytree(site / "theme", fresh / "theme")
    shutil.copy(site / "site_config.yml", fresh / "site_config.yml")
    shutil.copytree(site / ".itasite-cache" / "reports", fresh / ".itasite-cache" / "reports")
    preview, session, _ = _session(fresh)
    preview.close()
    return _pages(session.site_dir)


def test_an_edit_rebuilds_its_pages_only_and_they_match_a_whole_build(default_site: Path, tmp_path: Path) -> None:
    preview, session, ready = _session(default_site)
    before = _pages(session.site_dir)
    _edit(default_site / "content" / "2569" / "measures.yml", "      - กำหนดผู้รับผิดชอบ\n",
          "      - กำหนดผู้รับผิดชอบและแจ้งเวียน\n")
    laid_out = ready.calls
    changed = preview.update()
    done = session.update(changed)
    assert done.startswith("2 page(s)"), done  # the measure's page and the year's list of measures
    after = _pages(session.site_dir)
    assert "กำหนดผู้รับผิดชอบและแจ้งเวียน" in after["2569/measures/m2/index.html"].decode()
    rebuilt = sorted(p for p in after if p.endswith(".html") and after[p] != before.get(p))
    assert rebuilt == ["2569/measures/index.html", "2569/measures/m2/index.html"]
    assert after["2569/reports/measures.pdf"] == before["2569/reports/measures.pdf"]  # until the new one is ready
    _settle(preview, session, ready, laid_out + 1)
    preview.close()
    after = _pages(session.site_dir)
    assert after["2569/reports/measures.pdf"] != before["2569/reports/measures.pdf"]
    whole = _whole_build(default_site, tmp_path)
    assert sorted(whole) == sorted(after)
    assert [p for p in whole if whole[p] != after[p]] == []


def test_the_pages_come_first_and_the_index_after_and_both_match_a_whole_build(default_site: Path, tmp_path: Path) -> None:
    preview, session, ready = _session(default_site)
    _edit(default_site / "content" / "2569" / "measures.yml", "      - กำหนดผู้รับผิดชอบ\n",
          "      - กำหนดผู้รับผิดชอบและแจ้งเวียนทุกกอง\n")
    laid_out = ready.calls
    changed = preview.update(search=False)  # what ``itasite serve`` shows first
    assert preview.search_due
    assert [p for p in changed if "/search/" in p] == []
    assert session.update(changed).startswith("2 page(s)")
    index = preview.write_search()
    assert index and all(p.startswith("docs/search/itasite/") for p in index)
    assert not preview.search_due
    assert preview.write_search() == []  # written once
    session.update(index)
    _settle(preview, session, ready, laid_out + 1)
    preview.close()
    after = _pages(session.site_dir)
    whole = _whole_build(default_site, tmp_path)
    assert sorted(whole) == sorted(after)
    assert [p for p in whole if whole[p] != after[p]] == []


def test_a_new_title_rebuilds_every_page_whose_navigation_shows_it(default_site: Path, tmp_path: Path) -> None:
    preview, session, ready = _session(default_site)
    laid_out = ready.calls
    measures = default_site / "content" / "2569" / "measures.yml"
    title = re.search(r"^    title: (.+)$", measures.read_text(encoding="utf-8"), re.M)
    assert title is not None
    _edit(measures, f"    title: {title[1]}\n", f"    title: {title[1]}ฉบับแก้ไข\n")
    changed = preview.update()
    assert "docs/2569/measures/m2.md" not in changed
    done = session.update(changed)
    assert done.startswith(f"{len(_docs(preview))} page(s)"), done
    _settle(preview, session, ready, laid_out + 1)
    preview.close()
    after = _pages(session.site_dir)
    assert f"{title[1]}ฉบับแก้ไข" in after["2569/measures/m2/index.html"].decode()  # its neighbour's link to it
    whole = _whole_build(default_site, tmp_path)
    assert [p for p in whole if whole[p] != after.get(p)] == []


def _docs(preview: Preview) -> list[str]:
    return [p.as_posix() for p in (preview.folder / "docs").rglob("*.md")]


def test_a_new_page_builds_the_whole_site(default_site: Path, tmp_path: Path) -> None:
    preview, session, _ = _session(default_site)
    (default_site / "content" / "notes.md").write_text("# บันทึกใหม่\n\nข้อความ\n", encoding="utf-8")
    assert session.update(preview.update()) == "all"
    preview.close()
    assert "บันทึกใหม่" in (session.site_dir / "notes" / "index.html").read_text(encoding="utf-8")
    assert "บันทึกใหม่" in (session.site_dir / "index.html").read_text(encoding="utf-8")  # in the navigation


def test_content_errors_keep_the_last_good_pages_and_say_where(default_site: Path) -> None:
    preview, session, _ = _session(default_site)
    before = _pages(session.site_dir)
    measures = default_site / "content" / "2569" / "measures.yml"
    good = measures.read_text(encoding="utf-8")
    measures.write_text(good.replace("    steps:\n", "    steps: [\n", 1), encoding="utf-8")
    assert preview.update() == []
    assert preview.problem is not None
    assert any(e.startswith("content/2569/measures.yml:") for e in preview.problem.errors)
    assert _pages(session.site_dir) == before
    measures.write_text(good, encoding="utf-8")
    preview.update()
    preview.close()
    assert preview.problem is None


def test_the_error_box_escapes_what_the_content_says() -> None:
    finding = Finding("content/a.yml", 1, 1, "name", "<script>alert(1)</script> [x](javascript:y) <b>")
    for notice in (error_notice([finding]), user_error_notice("<script>alert(1)</script>", "th")):
        box = problem_box(notice)
        assert "<script>" not in box
        assert "&lt;script&gt;" in box
        assert "href" not in box
    assert "<b>" not in problem_box(error_notice([finding]))


def test_the_server_puts_the_errors_over_every_page_while_there_are_some() -> None:
    server = PreviewServer(builder=lambda: None, host="127.0.0.1", port=0, root=".")
    page = b"<!doctype html><html><head></head><body class=\"x\"><h1>t</h1></body></html>"
    assert b"itasite-preview-errors" not in server._inject_js_into_html(page, 1)
    server.problem_html = problem_box(user_error_notice("เนื้อหามีข้อผิดพลาด", "th"))
    shown = server._inject_js_into_html(page, 1)
    assert shown.index(b"itasite-preview-errors") > shown.index(b"<body class=\"x\">")
    assert shown.index(b"itasite-preview-errors") < shown.index(b"<h1>")
    server.server_close()


def test_reports_are_laid_out_after_the_pages_and_then_published(cold_site: Path) -> None:
    ready = _Ready()
    preview = Preview(cold_site / "site_config.yml", on_reports=ready)
    try:
        preview.update()  # a cold cache: the pages first
        assert not list((preview.folder / "docs").rglob("*.pdf"))
        ready.wait()
        changed = preview.update()
    finally:
        preview.close()
    assert "docs/2569/reports/measures.pdf" in changed
    assert (preview.folder / "docs" / "2569" / "reports" / "measures.pdf").read_bytes().startswith(b"%PDF")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError):
        return None


def _wait_for(url: str, text: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _get(url)
        if page is not None and text in page:
            return page
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never showed at {url}")


@contextlib.contextmanager
def _serving(folder: Path) -> Iterator[str]:
    """``itasite serve`` of ``folder`` on a free port (its address), stopped afterwards; it must say no traceback."""
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert b"Traceback" not in errors, errors.decode()


def test_itasite_serve_shows_an_edit_and_then_the_errors_over_the_last_good_page(default_site: Path) -> None:
    with _serving(default_site) as address:
        url = f"{address}2569/measures/m2/"
        _wait_for(url, "กำหนดผู้รับผิดชอบ")
        _wait_for(f"{address}search/itasite/meta.json", "{")  # written after the pages are served
        measures = default_site / "content" / "2569" / "measures.yml"
        _edit(measures, "      - กำหนดผู้รับผิดชอบ\n", "      - กำหนดผู้รับผิดชอบทันที\n")
        _wait_for(url, "กำหนดผู้รับผิดชอบทันที")
        _edit(measures, "    steps:\n", "    steps: [\n")
        page = _wait_for(url, "itasite-preview-errors")
        assert "content/2569/measures.yml:" in page
        assert "กำหนดผู้รับผิดชอบทันที" in page  # the last good page, under the errors
        _edit(measures, "    steps: [\n", "    steps:\n")
        deadline = time.monotonic() + 60
        while "itasite-preview-errors" in (_get(url) or "itasite-preview-errors") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "itasite-preview-errors" not in (_get(url) or "")


def test_the_first_build_converts_each_page_once_and_publishes_the_same_index(default_site: Path) -> None:
    preview = Preview(default_site / "site_config.yml")
    session = MkDocsSession(preview, preview.folder / SITE_DIR, SERVE_URL)
    converted: list[str] = []
    real = markdown.Markdown.convert

    def convert(self: markdown.Markdown, text: str) -> str:
        converted.append(text)
        return real(self, text)

    try:
        preview.update(search=False)
        markdown.Markdown.convert = convert  # type: ignore[method-assign]
        start(session, preview)
        assert (session.site_dir / "2569" / "index.html").is_file()  # the pages can be served from here
        assert not (session.site_dir / "search" / "itasite" / "meta.json").exists()
        finish_start(session, preview)  # the index follows, from the same conversion
    finally:
        markdown.Markdown.convert = real  # type: ignore[method-assign]
        preview.close()
    pages = sum(1 for _ in (preview.folder / "docs").rglob("*.md"))
    assert len(converted) == pages  # MkDocs' own conversion only; the index reads its HTML
    index = {p.relative_to(session.site_dir).as_posix(): p.read_bytes() for p in (session.site_dir / "search" / "itasite").rglob("*")
             if p.is_file()}
    again = Preview(default_site / "site_config.yml")
    try:
        again.update()  # the index from the Markdown, as `itasite render` makes it
    finally:
        again.close()
    docs = again.folder / "docs"
    assert index == {p.relative_to(docs).as_posix(): p.read_bytes() for p in (docs / "search" / "itasite").rglob("*") if p.is_file()}


def _portal_over(copy_example: Callable[[str], Path], *names: str) -> Path:
    """The example portal's configuration over copies of the named example organisations (``path: ../NAME``)."""
    portal = copy_example("portal")
    for name in names:
        copy_example(name)
    text = (portal / "content" / "portal.yml").read_text(encoding="utf-8").partition("sources:\n")[0]
    (portal / "content" / "portal.yml").write_text(
        text + "sources:\n" + "".join(f"  - path: ../{name}\n" for name in names), encoding="utf-8")
    return portal


def test_a_portal_preview_watches_its_organisations_folders(copy_example: Callable[[str], Path]) -> None:
    portal = _portal_over(copy_example, "talad-sai", "pak-chong")
    preview = Preview(portal / "site_config.yml")
    try:
        watched = set(preview.watched())
    finally:
        preview.close()
    for name in ("talad-sai", "pak-chong"):
        assert {portal.parent / name / "site_config.yml", portal.parent / name / "content"} <= watched
    assert not any((portal.parent / name / "site") in watched for name in ("talad-sai", "pak-chong"))


def test_itasite_serve_of_a_portal_shows_an_edit_of_an_organisation(copy_example: Callable[[str], Path]) -> None:
    portal = _portal_over(copy_example, "talad-sai")
    with _serving(portal) as address:
        url = f"{address}organisations/"
        _wait_for(url, "องค์การบริหารส่วนตำบลตลาดไทร")
        _edit(portal.parent / "talad-sai" / "content" / "organisation.yml",
              "name: องค์การบริหารส่วนตำบลตลาดไทร", "name: องค์การบริหารส่วนตำบลตลาดไทรใหม่")
        _wait_for(url, "องค์การบริหารส่วนตำบลตลาดไทรใหม่")

"""The MkDocs plugin, driven by MkDocs' own ``mkdocs build``: generated pages, options, and safe publishing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import minimal_config

pytestmark = pytest.mark.slow  # builds whole sites with MkDocs or runs scripts: left out of make test-fast

MKDOCS = Path(sys.executable).parent / "mkdocs"

ORGANISATION = """\
name: องค์การบริหารส่วนตำบลทดสอบ
type: องค์การบริหารส่วนตำบล
units:
  - id: palad
    name: สำนักปลัด
"""
RESULT = """\
total: 90
level: ผ่าน
indicators:
  - indicator: 1
    score: 92
  - indicator: 9
    score: 80
    questions:
      - {code: o15, score: 0, finding: ไม่มีรายงาน}
document:
  title: รายงานผลการวิเคราะห์
  date: 2569-04-17
"""
MEASURES = """\
measures:
  - id: m1
    title: จัดทำรายงานผลการบริหารทรัพยากรบุคคล
    indicators: [9]
    questions: [o15]
    owners: [palad]
    status: planned
"""
OIT = """\
items:
  - item: o15
    links:
      - title: รายงานผลการบริหารทรัพยากรบุคคล
        url: https://example.go.th/hr.pdf
"""
FILES = {
    "organisation.yml": ORGANISATION,
    "2568/result.yml": RESULT,
    "2568/oit.yml": OIT,
    "2569/measures.yml": MEASURES,
}


REPORT_CACHE = Path(".itasite-cache") / "reports"


@pytest.fixture(scope="module")
def files_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report cache of one build of ``FILES``, made once per module (no test here is about the reports)."""
    root = tmp_path_factory.mktemp("plugin-reports")
    (root / "site_config.yml").write_text(minimal_config(), encoding="utf-8")
    for rel, text in FILES.items():
        (root / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / rel).write_text(text, encoding="utf-8")
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / REPORT_CACHE


@pytest.fixture
def site_dir(site_dir: Callable[..., Path], files_reports: Path) -> Callable[..., Path]:
    """conftest's ``site_dir``, its folder given the report cache of a build of ``FILES``: each build here lays out
    only the reports its content changed, as a clerk's second build does."""

    def make(files: dict[str, str], config: str | None = None) -> Path:
        root = site_dir(files, config)
        shutil.copytree(files_reports, root / REPORT_CACHE, dirs_exist_ok=True)
        return root

    return make


def mkdocs_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MKDOCS), "build", "-f", str(root / "site_config.yml"), *args],
        cwd=root, capture_output=True, text=True, timeout=120, check=False,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else b"<dir>" for p in folder.rglob("*")}


def old_site(root: Path) -> dict[str, bytes]:
    (root / "site").mkdir()
    (root / "site" / "MARKER.txt").write_text("published yesterday\n", encoding="utf-8")
    (root / "site" / "index.html").write_text("<p>old home</p>\n", encoding="utf-8")
    return snapshot(root / "site")


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(("site.tmp-", "site.old-")))


def _html(root: Path, page: str) -> str:
    return (root / "site" / page).read_text(encoding="utf-8")


# -- generated pages ----------------------------------------------------------------------------------------------


def test_mkdocs_build_publishes_every_generated_page_at_its_address(site_dir: Callable[..., Path]) -> None:
    root = site_dir(FILES)
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    for page in (
        "index.html",
        "2568/index.html",
        "2568/indicators/index.html",
        "2568/indicators/1/index.html",
        "2568/indicators/9/index.html",
        "2568/oit/index.html",
        "2568/oit/o15/index.html",
        "2569/index.html",
        "2569/measures/index.html",
        "2569/measures/m1/index.html",
        "2569/oit/index.html",
    ):
        assert (site / page).is_file(), page
    assert not (site / "2569" / "indicators").exists()  # no result for 2569: no indicator pages
    assert not (site / "2568" / "measures").exists()  # no plan for 2568: no measure pages
    measure = _html(root, "2569/measures/m1/index.html")
    assert "<h1" in measure and "จัดทำรายงานผลการบริหารทรัพยากรบุคคล" in measure
    assert 'href="../../../2568/oit/o15/"' in measure  # relative .md links became directory URLs
    assert 'href="https://example.go.th/hr.pdf"' in _html(root, "2568/oit/o15/index.html")


def test_content_yaml_is_never_published(site_dir: Callable[..., Path]) -> None:
    framework = "items:\n  - {code: o15, indicator: 9, title: รายงานผลการบริหารทรัพยากรบุคคล (ชื่อตามหน่วยงาน)}\n"
    root = site_dir({**FILES, "frameworks/2568.yml": framework})
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    published = {p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*")}
    assert {p for p in published if p.endswith((".yml", ".yaml"))} == set()
    assert "frameworks" not in published
    assert "รายงานผลการบริหารทรัพยากรบุคคล (ชื่อตามหน่วยงาน)" in _html(root, "2568/oit/o15/index.html")


def test_hand_written_pages_and_files_are_kept_after_the_generated_nav(site_dir: Callable[..., Path]) -> None:
    about = "# เกี่ยวกับเว็บไซต์\n\nดู[ผลการประเมินปี 2568](2568/index.md) และ[แผน](files/plan.pdf)\n"
    root = site_dir({**FILES, "about.md": about, "files/plan.pdf": "%PDF-1.4 placeholder\n"})
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "files" / "plan.pdf").read_text(encoding="utf-8") == "%PDF-1.4 placeholder\n"
    about_html = _html(root, "about/index.html")
    assert 'href="../2568/"' in about_html and 'href="../files/plan.pdf"' in about_html
    home = _html(root, "index.html")
    nav = home[home.index('class="md-nav md-nav--primary"') :]
    labels = [" ".join(text.split()) for text in re.findall(r">([^<>]+)<", nav)]
    sections = [label for label in labels if label.startswith("ปีงบประมาณ 25") or label == "เกี่ยวกับเว็บไซต์"]
    first = sorted(set(sections), key=sections.index)
    assert first == ["ปีงบประมาณ 2569", "ปีงบประมาณ 2568", "เกี่ยวกับเว็บไซต์"], "newest year first, hand-written last"
    # the site's own about.md replaces the generated page at that address (and is listed once)
    article = about_html[about_html.index("<article") : about_html.index("</article>")]
    assert "ผลการประเมินปี 2568" in article and "เกี่ยวกับหน่วยงานและการติดต่อ" not in article
    assert nav.count('href="about/"') == 2  # once in the navigation, once in the footer


def test_plugin_options_digits_and_date_style(site_dir: Callable[..., Path]) -> None:
    thai = minimal_config(digits="thai").replace("      digits: thai\n", "      digits: thai\n      date_style: long\n")
    root = site_dir(FILES, thai)
    assert mkdocs_build(root, "--strict").returncode == 0
    year = _html(root, "2568/index.html")
    assert "๑๗ เมษายน ๒๕๖๙" in year and "๙๐.๐๐" in year
    short = minimal_config(digits="arabic").replace("      digits: arabic\n", "      digits: arabic\n      date_style: short\n")
    root2 = site_dir(FILES, short)  # same folder, new config: rebuilt
    assert mkdocs_build(root2, "--strict").returncode == 0
    year = _html(root2, "2568/index.html")
    assert "17 เม.ย. 2569" in year and "90.00" in year and "๙" not in year


def test_invalid_plugin_option_is_a_config_error(site_dir: Callable[..., Path]) -> None:
    config = minimal_config().replace("digits: arabic", "digits: roman")
    root = site_dir(FILES, config)
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert "digits" in result.stderr and "roman" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


def test_content_warnings_are_logged_but_do_not_fail_a_strict_build(site_dir: Callable[..., Path]) -> None:
    slip = RESULT.replace("  - indicator: 1\n    score: 92\n", "  - indicator: 1\n    score: 92\n    questions:\n"
                          "      - {code: i1, score: 80}\n")
    root = site_dir({**FILES, "2568/result.yml": slip})
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert "content/2568/result.yml:5:12: indicators[1].score: warning: " in result.stderr


# -- publishing only what succeeded -------------------------------------------------------------------------------


def test_successful_build_replaces_site_whole(site_dir: Callable[..., Path]) -> None:
    root = site_dir(FILES)
    old_site(root)
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert not (root / "site" / "MARKER.txt").exists()
    assert "old home" not in _html(root, "index.html")
    assert leftovers(root) == []


def _failed(root: Path, *args: str) -> str:
    """Run a build that must fail; returns what MkDocs printed (stderr, then its closing line on stdout)."""
    before = old_site(root)
    result = mkdocs_build(root, *args)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(root / "site") == before
    assert leftovers(root) == []
    return result.stderr + result.stdout


def test_content_error_stops_mkdocs_and_keeps_the_old_site(site_dir: Callable[..., Path]) -> None:
    root = site_dir({**FILES, "2569/measures.yml": MEASURES.replace("owners: [palad]", "owners: [nobody]")})
    err = _failed(root, "--strict")
    assert "itasite: the content has errors:" in err
    assert "content/2569/measures.yml:6:14: measures[1].owners[1]: ไม่พบหน่วยงาน id 'nobody'" in err


def test_hand_written_page_at_a_generated_address_stops_mkdocs(site_dir: Callable[..., Path]) -> None:
    root = site_dir({**FILES, "2568/oit/o15.md": "# เขียนเอง\n"})
    err = _failed(root, "--strict")
    assert "2568/oit/o15.md (these hand-written pages use addresses the generator owns" in err


def test_strict_warning_stops_mkdocs_and_keeps_the_old_site(site_dir: Callable[..., Path]) -> None:
    root = site_dir({**FILES, "notes.md": "# บันทึก\n\n[หลักฐาน](../missing/evidence.pdf)\n"})
    err = _failed(root, "--strict")
    assert "contains a link '../missing/evidence.pdf'" in err
    assert "Aborted with 1 warnings in strict mode!" in err
    assert "itasite: the build failed; the previous site was left untouched" in err
    # without --strict (the test config does not set strict: true) MkDocs publishes with the warning
    result = mkdocs_build(root)
    assert result.returncode == 0
    assert not (root / "site" / "MARKER.txt").exists()


# -- preview --------------------------------------------------------------------------------------------------------


def test_serve_watches_templates_and_frameworks() -> None:
    from generator.publish.plugin import ItaSitePlugin

    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    assert ItaSitePlugin().on_serve(server, config=None, builder=None) is server  # type: ignore[arg-type]
    package = Path(__file__).resolve().parent.parent / "generator"
    assert sorted(server.watched) == sorted([str(package / "render" / "templates"), str(package / "frameworks")])


def test_serve_shows_the_errors_in_the_browser_instead_of_stopping(site_dir: Callable[..., Path]) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    root = site_dir(FILES)
    config = load_config(config_file=str(root / "site_config.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)  # a good preview first: the browser may be on any of its pages
    (root / "content" / "2569" / "measures.yml").write_text("measures:\n  - id: m1\n    titel: x\n", encoding="utf-8")
    config = config.plugins.on_config(config)  # the rebuild after the edit: no exception, serve keeps running
    files = config.plugins.on_files(Files([]), config=config)
    pages = {f.src_uri: f.content_string for f in files}
    assert config.nav == [{"ข้อผิดพลาด": "index.md"}]
    assert {"index.md", "2569/measures/m1.md", "2568/oit/o1.md"} <= set(pages)
    page = pages["2569/measures/m1.md"]
    assert page.startswith("# เนื้อหามีข้อผิดพลาด ยังแสดงเว็บไซต์ไม่ได้\n")
    assert "- content/2569/measures.yml:3:5: measures\\[1\\].titel: ไม่รู้จักคีย์ 'titel'" in page

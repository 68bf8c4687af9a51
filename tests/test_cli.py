"""The ``itasite`` command: exit codes, located messages, and a site/ folder that only changes on success."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main

ORGANISATION = "name: องค์การบริหารส่วนตำบลทดสอบ\ntype: องค์การบริหารส่วนตำบล\n"
MEASURES = """\
measures:
  - id: m1
    title: จัดทำคู่มือการปฏิบัติงาน
    indicators: [1]
    status: planned
"""
# Indicator 1's score is not the mean of its questions (90): a warning, not an error.
RESULT_WITH_WARNING = """\
total: 90
level: ผ่าน
indicators:
  - indicator: 1
    score: 95
    questions:
      - {code: i1, score: 90}
      - {code: i2, score: 90}
      - {code: i3, score: 90}
"""
MEASURES_WITH_ERRORS = """\
measures:
  - id: m1
    titel: มาตรการ
    status: finished
  - id: M2
    title: มาตรการที่สอง
"""
FINDING = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<path>[\w\[\].-]+): (?P<message>.+)$")
SITE_FILES = {"organisation.yml": ORGANISATION, "2569/measures.yml": MEASURES}




def _config(root: Path) -> str:
    return str(root / "site_config.yml")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (and every empty folder), to compare before and after."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else b"<dir>" for p in folder.rglob("*")}


def old_site(root: Path) -> dict[str, bytes]:
    """A previously published site/ with a marker file; returns its snapshot."""
    (root / "site" / "2569").mkdir(parents=True)
    (root / "site" / "MARKER.txt").write_text("published yesterday\n", encoding="utf-8")
    (root / "site" / "2569" / "index.html").write_text("<p>old page</p>\n", encoding="utf-8")
    return snapshot(root / "site")


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(("site.tmp-", "site.old-")))


# -- itasite check -----------------------------------------------------------------------------------------------


def test_check_clean_content_exits_0(site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = site_dir(SITE_FILES)
    assert main(["check", "-f", _config(root)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == "ตรวจแล้ว: ข้อผิดพลาด 0 รายการ คำเตือน 0 รายการ"
    assert main(["check", "-f", _config(root), "--strict"]) == 0


def test_check_errors_exit_1_with_located_messages(site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = site_dir({"organisation.yml": ORGANISATION, "2569/measures.yml": MEASURES_WITH_ERRORS})
    assert main(["check", "-f", _config(root)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert all(FINDING.match(line) for line in lines), out
    found = [(m["file"], int(m["line"]), int(m["col"]), m["path"]) for m in map(FINDING.match, lines) if m]
    assert found == [
        ("content/2569/measures.yml", 2, 5, "measures[1].title"),  # missing: reported at the measure
        ("content/2569/measures.yml", 3, 5, "measures[1].titel"),  # unknown key: reported at the key
        ("content/2569/measures.yml", 4, 13, "measures[1].status"),
        ("content/2569/measures.yml", 5, 9, "measures[2].id"),
    ]
    assert "ขาดข้อมูลที่ต้องมี ให้เพิ่ม 'title'" in lines[0]
    assert "ไม่รู้จักคีย์ 'titel'" in lines[1]
    assert "(ได้ 'finished')" in lines[2]
    assert err.strip() == "ตรวจแล้ว: ข้อผิดพลาด 4 รายการ คำเตือน 0 รายการ"


def test_check_lang_en(site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = site_dir({"organisation.yml": ORGANISATION, "2569/measures.yml": MEASURES_WITH_ERRORS})
    assert main(["check", "-f", _config(root), "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "content/2569/measures.yml:2:5: measures[1].title: required field 'title' is missing; add it",
        "content/2569/measures.yml:3:5: measures[1].titel: unknown key 'titel'; check the spelling or see the README "
        "for the keys allowed here",
        "content/2569/measures.yml:4:13: measures[1].status: the status must be one of done, in_progress, not_started or "
        "planned (or the Thai labels ดำเนินการแล้วเสร็จ, อยู่ระหว่างดำเนินการ, …) (got 'finished')",
        "content/2569/measures.yml:5:9: measures[2].id: invalid form: only a-z 0-9 and -, e.g. m1",
    ]
    assert err.strip() == "checked: 4 error(s), 0 warning(s)"


def test_check_rejects_an_unknown_language(site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = site_dir(SITE_FILES)
    assert main(["check", "-f", _config(root), "--lang", "fr"]) == 2
    assert "'fr' is not one of 'th', 'en'" in capsys.readouterr().err


def test_check_warnings_fail_only_with_strict(site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = site_dir({"organisation.yml": ORGANISATION, "2568/result.yml": RESULT_WITH_WARNING})
    assert main(["check", "-f", _config(root)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "content/2568/result.yml:5:12: indicators[1].score: warning: คะแนนตัวชี้วัด 95.00 ไม่เท่ากับค่าเฉลี่ยของข้อคำถาม "
        "90.00 ตรวจคะแนนรายข้ออีกครั้ง"
    ]
    assert err.strip() == "ตรวจแล้ว: ข้อผิดพลาด 0 รายการ คำเตือน 1 รายการ"
    assert main(["check", "-f", _config(root), "--strict"]) == 1
    assert main(["check", "-f", _config(root), "-s", "--lang", "en"]) == 1
    out, _ = capsys.readouterr()
    assert "indicators[1].score: warning: indicator score 95.00 differs from the mean of its questions 90.00" in out


def test_check_reports_yaml_syntax_errors_at_their_line(
    site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_dir({"organisation.yml": ORGANISATION, "2569/measures.yml": "measures:\n  - id: m1\n    title: [unclosed\n"})
    assert main(["check", "-f", _config(root)]) == 1
    out = capsys.readouterr().out
    match = FINDING.match(out.splitlines()[0]) or re.match(r"^content/2569/measures\.yml:\d+:\d+: ", out)
    assert match, out
    assert "YAML" in out


def test_check_uses_the_lang_set_in_the_plugin_config(
    site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import minimal_config

    config = minimal_config().replace("      digits: arabic\n", "      digits: arabic\n      lang: en\n")
    root = site_dir({"organisation.yml": ORGANISATION, "2569/measures.yml": MEASURES_WITH_ERRORS}, config)
    assert main(["check", "-f", _config(root)]) == 1
    assert "required field 'title' is missing" in capsys.readouterr().out
    assert main(["check", "-f", _config(root), "--lang", "th"]) == 1  # the option wins over the config
    assert "ขาดข้อมูลที่ต้องมี" in capsys.readouterr().out


# -- config discovery -------------------------------------------------------------------------------------------


def test_check_finds_site_config_in_the_current_folder(
    site_dir: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_dir(SITE_FILES)
    monkeypatch.chdir(root)
    assert main(["check"]) == 0
    assert main(["build", "-q"]) == 0
    assert (root / "site" / "index.html").is_file()


def test_config_file_from_another_folder(
    site_dir: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = site_dir({"organisation.yml": ORGANISATION, "2569/measures.yml": MEASURES_WITH_ERRORS})
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    assert main(["check", "-f", _config(root)]) == 1
    # file names are given relative to the site folder, as the clerk knows them
    assert capsys.readouterr().out.startswith("content/2569/measures.yml:2:5: ")
    (root / "content" / "2569" / "measures.yml").write_text(MEASURES, encoding="utf-8")
    assert main(["build", "-q", "-f", _config(root)]) == 0
    assert (root / "site" / "2569" / "measures" / "m1" / "index.html").is_file()
    assert list(elsewhere.iterdir()) == []  # nothing written where the command ran


def test_no_config_here_exits_1_with_advice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert "site_config.yml" in capsys.readouterr().err
    assert main(["build", "-f", "missing.yml"]) == 1
    assert "missing.yml" in capsys.readouterr().err


def test_missing_content_folder_exits_1_naming_it(site_dir: Callable[..., Path]) -> None:
    root = site_dir({})
    for command in ("check", "build"):
        result = _run(sys.executable, "-m", "generator", command, "-f", _config(root), cwd=root)
        assert result.returncode == 1
        assert f"The path '{root / 'content'}' isn't an existing directory" in result.stderr
        assert "Traceback" not in result.stdout + result.stderr


# -- itasite build ----------------------------------------------------------------------------------------------


def test_build_writes_site_and_replaces_the_old_one_whole(
    site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_dir(SITE_FILES)
    old_site(root)
    assert main(["build", "-f", _config(root)]) == 0
    site = root / "site"
    assert not (site / "MARKER.txt").exists()
    assert (site / "index.html").is_file()
    assert (site / "2569" / "measures" / "m1" / "index.html").is_file()
    assert "old page" not in (site / "2569" / "index.html").read_text(encoding="utf-8")
    assert leftovers(root) == []
    assert "Traceback" not in capsys.readouterr().err


def test_build_does_not_publish_yaml(site_dir: Callable[..., Path]) -> None:
    root = site_dir({**SITE_FILES, "2568/result.yml": RESULT_WITH_WARNING})
    assert main(["build", "-q", "-f", _config(root)]) == 0
    published = [p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*")]
    assert [p for p in published if p.endswith((".yml", ".yaml"))] == []
    assert "2568/indicators/1/index.html" in published  # the warning did not stop the build


def _failed_build_leaves_site_untouched(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    before = old_site(root)
    assert main(["build", "-f", _config(root), *args]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert snapshot(root / "site") == before
    assert leftovers(root) == []
    return err


def test_build_with_content_errors_exits_1_and_keeps_the_old_site(
    site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_dir({"organisation.yml": ORGANISATION, "2569/measures.yml": MEASURES_WITH_ERRORS})
    err = _failed_build_leaves_site_untouched(root, capsys)
    assert "content/2569/measures.yml:3:5: measures[1].titel: " in err
    assert "พบข้อผิดพลาด 4 รายการ ยังไม่ได้สร้างเว็บไซต์ (found 4 error(s); nothing was written)" in err


def test_build_refuses_a_hand_written_page_at_a_generated_address(
    site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_dir({**SITE_FILES, "2568/result.yml": RESULT_WITH_WARNING, "2568/index.md": "# หน้าที่เขียนเอง\n"})
    err = _failed_build_leaves_site_untouched(root, capsys)
    assert "2568/index.md (these hand-written pages use addresses the generator owns" in err


def test_build_fails_on_a_strict_mkdocs_warning(
    site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # A hand-written page's own Markdown is MkDocs' to check (links in the YAML are itasite check's).
    notes = "# บันทึก\n\n[แผน](missing.pdf)\n"
    root = site_dir({"organisation.yml": ORGANISATION, "2569/measures.yml": MEASURES, "notes.md": notes})
    err = _failed_build_leaves_site_untouched(root, capsys)
    assert "contains a link 'missing.pdf'" in err
    assert "Aborted with 1 warnings in strict mode!" in err
    # --no-strict publishes anyway (the link stays broken)
    assert main(["build", "-q", "--no-strict", "-f", _config(root)]) == 0
    assert not (root / "site" / "MARKER.txt").exists()
    assert 'href="missing.pdf"' in (root / "site" / "notes" / "index.html").read_text("utf-8")


def test_check_and_build_refuse_a_link_to_nothing_at_the_same_place(
    site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    broken = MEASURES + "    evidence:\n      - title: หลักฐาน\n        url: files/missing.pdf\n"
    root = site_dir({"organisation.yml": ORGANISATION, "2569/measures.yml": broken})
    where = "content/2569/measures.yml:8:14: measures[1].evidence[1].url: ไม่พบหน้าหรือไฟล์ 'files/missing.pdf' ในเว็บไซต์นี้"
    assert main(["check", "-f", _config(root)]) == 1
    assert where in capsys.readouterr().out
    err = _failed_build_leaves_site_untouched(root, capsys)
    assert where in err and "Traceback" not in err


def test_build_fails_on_a_dangerous_link_with_its_location(
    site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = MEASURES + "    evidence:\n      - title: หลักฐาน\n        url: javascript:alert(1)\n"
    root = site_dir({"organisation.yml": ORGANISATION, "2569/measures.yml": hostile})
    err = _failed_build_leaves_site_untouched(root, capsys)
    assert (
        "content/2569/measures.yml:8:14: measures[1].evidence[1].url: ลิงก์ใช้ได้เฉพาะ http://, https://, mailto: "
        "หรือที่อยู่ภายในเว็บไซต์ (ได้ 'javascript:')"
    ) in err
    assert main(["check", "-f", _config(root)]) == 1


# -- the real command line ----------------------------------------------------------------------------------------


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def test_python_m_generator_help(tmp_path: Path) -> None:
    result = _run(sys.executable, "-m", "generator", "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for command in ("build", "check", "serve"):
        assert re.search(rf"^\s+{command}\s", result.stdout, re.M), result.stdout
    version = _run(sys.executable, "-m", "generator", "--version", cwd=tmp_path)
    assert version.returncode == 0 and importlib.metadata.version("itasite") in version.stdout


@pytest.mark.slow
def test_itasite_script_build_and_failure_from_another_folder(
    site_dir: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    itasite = Path(sys.executable).parent / "itasite"
    root = site_dir({"organisation.yml": ORGANISATION, "2569/measures.yml": MEASURES_WITH_ERRORS})
    elsewhere = tmp_path_factory.mktemp("cwd")
    failed = _run(str(itasite), "build", "-f", _config(root), cwd=elsewhere)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert "content/2569/measures.yml:4:13: measures[1].status: " in failed.stderr
    assert not (root / "site").exists()
    (root / "content" / "2569" / "measures.yml").write_text(MEASURES, encoding="utf-8")
    built = _run(str(itasite), "build", "-q", "-f", _config(root), cwd=elsewhere)
    assert built.returncode == 0, built.stderr
    assert (root / "site" / "2569" / "measures" / "m1" / "index.html").is_file()
    checked = _run(str(itasite), "check", "-f", _config(root), "--strict", cwd=elsewhere)
    assert checked.returncode == 0, checked.stdout + checked.stderr



def test_check_today_reports_overdue_measures_only_after_their_deadline(
    copy_example: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_example("default")
    config = str(root / "site_config.yml")
    assert main(["check", "-f", config, "--strict", "--today", "2569-09-30"]) == 0
    assert capsys.readouterr().out == ""
    # Reminders are printed but never fail --strict: the same commit passes CI on any day (issue 13).
    assert main(["check", "-f", config, "--strict", "--today", "1 ต.ค. 2569"]) == 0
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    assert len(out) == 7
    overdue = r"content/2569/measures\.yml:\d+:13: measures\[1\]\.status: reminder: มาตรการ m1 เลยกำหนดแล้วเสร็จ \(30 ก\.ย\. 2569\)"
    assert re.match(overdue, out[0])
    assert "เรื่องที่ถึงกำหนดแล้ว 7 รายการ (ไม่ทำให้การตรวจไม่ผ่าน)" in captured.err
    assert main(["check", "-f", config, "--today", "soon"]) == 2
    assert "Invalid value for '--today': วันที่ไม่ถูกต้อง 'soon'" in capsys.readouterr().err


def test_check_asks_for_site_url_which_strict_requires(
    site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Without site_url the sitemap lists no page: a warning at site_config.yml, an error under --strict (issue 13)."""
    from conftest import minimal_config

    root = site_dir(SITE_FILES, minimal_config(site_url=None))
    assert main(["check", "-f", _config(root)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("site_config.yml:1:1: site_url: warning: ยังไม่ได้ใส่ที่อยู่เว็บไซต์ ให้เพิ่มบรรทัด site_url: https://…")
    assert main(["check", "-f", _config(root), "--strict"]) == 1
    # an empty value is reported at its own line
    (root / "site_config.yml").write_text(minimal_config(site_url=None) + "site_url:\n", encoding="utf-8")
    assert main(["check", "-f", _config(root), "--strict", "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("site_config.yml:16:1: site_url: warning: the site's address")
    (root / "site_config.yml").write_text(minimal_config(), encoding="utf-8")
    assert main(["check", "-f", _config(root), "--strict"]) == 0


def test_build_writes_robots_naming_the_sitemap(site_dir: Callable[..., Path]) -> None:
    root = site_dir(SITE_FILES)
    assert main(["build", "-q", "-f", _config(root)]) == 0
    assert (root / "site" / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\nSitemap: https://test.example/sitemap.xml\n")
    assert "<loc>https://test.example/2569/measures/m1/</loc>" in (root / "site" / "sitemap.xml").read_text(encoding="utf-8")
    own = "User-agent: *\nDisallow: /drafts/\n"
    (root / "content" / "robots.txt").write_text(own, encoding="utf-8")
    assert main(["build", "-q", "-f", _config(root)]) == 0
    assert (root / "site" / "robots.txt").read_text(encoding="utf-8") == own  # the organisation's own is kept

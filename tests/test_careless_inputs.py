"""Careless and hostile inputs that used to crash ``itasite check`` or ``itasite build`` with a traceback (issue 11).
Each must give a located message (or faithful output), exit 1 without a traceback, and leave site/ untouched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from built_sites import seed_reports

from generator.cli import main

ORG = "name: อบต.ทดสอบ\ntype: องค์การบริหารส่วนตำบล\n"
PLAN = "measures:\n  - id: m1\n    title: จัดทำคู่มือ\n    indicators: [1]\n"


def _run(root: Path, command: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main([command, "-f", str(root / "site_config.yml")] + (["-q"] if command == "build" else []))
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "Traceback" not in out
    return code, out


@pytest.mark.e2e
def test_a_date_centuries_ahead_builds(site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    """A round date typed 2669 for 2569 is 2126 CE: the compressed sitemap's 32-bit time used to overflow."""
    plan = PLAN + "    results:\n      - round: 6m\n        date: 2669-04-30\n        actions: ประชุม\n"
    root = site_dir({"organisation.yml": ORG, "2569/measures.yml": plan})
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "site_url: https://ita.example.go.th/\n", encoding="utf-8")
    code, _ = _run(root, "build", capsys)
    assert code == 0 and (root / "site" / "sitemap.xml.gz").is_file()
    code, out = _run(root, "check", capsys)
    assert "content/2569/measures.yml:7:15: measures[1].results[1].date: warning: วันที่ 2669-04-30 อยู่หลังปีงบประมาณ 2569 หลายปี" in out


@pytest.mark.parametrize(("line", "expected"), [
    ('"2568/oit/o30\\0/": 2568/\n', "content/redirects.yml:1:1: 2568/oit/o30\\x00/: มีอักขระควบคุมที่มองไม่เห็น (U+0000)"),
    (f"{'ก' * 300}/: 2568/\n", "content/redirects.yml:1:1: " + "ก" * 300 + "/: ที่อยู่ยาวเกินไป"),
    ("files/plan.pdf: 2568/\n", "content/redirects.yml:1:1: files/plan.pdf: ที่อยู่เดิม '/files/plan.pdf/' เป็นหน้าที่ระบบสร้างอยู่แล้ว"),
])
def test_redirects_that_could_not_be_written_are_located(
    site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str], line: str, expected: str
) -> None:
    root = site_dir({"organisation.yml": ORG, "2568/result.yml": "total: 90\nlevel: ผ่าน\n", "redirects.yml": line,
                     "files/plan.pdf": "%PDF"})
    for command in ("check", "build"):
        code, out = _run(root, command, capsys)
        assert code == 1 and expected in out, out
    assert not (root / "site").exists()


def test_a_year_folder_in_superscript_digits_is_located(site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = site_dir({"organisation.yml": ORG, "²⁵⁶⁸/result.yml": "total: 90\n"})
    code, out = _run(root, "check", capsys)
    assert code == 1 and "content/²⁵⁶⁸:1:1: โฟลเดอร์ ²⁵⁶⁸ ต้องตั้งชื่อเป็นปี พ.ศ." in out


def test_hundreds_of_digits_are_a_located_message(site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = site_dir({"organisation.yml": ORG, "2568/result.yml": f"total: {'9' * 400}\nlevel: ผ่าน\n"})
    code, out = _run(root, "check", capsys)
    assert code == 1 and "content/2568/result.yml:1:8: total: ต้องเป็นตัวเลข" in out


def test_a_machine_without_a_utf8_locale_still_prints_thai(site_dir: Callable[..., Path]) -> None:
    root = site_dir({"organisation.yml": "name: อบต.ทดสอบ\n"})
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "latin-1", "PYTHONUTF8": "0"}
    result = subprocess.run([sys.executable, "-m", "generator", "check", "-f", str(root / "site_config.yml")],
                            capture_output=True, env=env, check=False)
    stderr, stdout = result.stderr.decode("utf-8"), result.stdout.decode("utf-8")
    assert result.returncode == 1 and "Traceback" not in stderr
    assert "content/organisation.yml:1:1: type: ขาดข้อมูลที่ต้องมี ให้เพิ่ม 'type'" in stdout


@pytest.mark.e2e
def test_a_clerks_mistakes_on_a_real_site_end_in_a_located_message_or_a_faithful_build(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """tools/careless_inputs.py on one example (the whole corpus: python -m tools.careless_inputs). Each mutated copy
    starts with the report cache of the example's own build, as a clerk's folder has it: the mutations that pass the
    check are built whole, and only the reports a mutation changed are laid out again."""
    from tools.careless_inputs import MUTATIONS, sites, try_case

    source = sites()["talad-sai"]
    cases = []
    for rel in sorted(p.relative_to(source / "content").as_posix() for p in (source / "content").rglob("*.yml")):
        for mutation in MUTATIONS:
            work = tmp_path / str(len(cases))
            seed_reports(work / "talad-sai", "talad-sai", tmp_path_factory)
            cases.append(try_case("talad-sai", source, rel, mutation, work))
            shutil.rmtree(work)
    assert len(cases) == 2 * len(MUTATIONS)
    bugs = [f"{c.outcome} {c.file} [{c.mutation}]: {c.detail}" for c in cases if c.outcome in ("traceback", "disagree")]
    assert bugs == []
    assert {c.outcome for c in cases} == {"located", "faithful"}  # both paths ran: some were built

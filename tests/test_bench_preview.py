"""bench/preview.py edits the step a clerk would edit, as an editor saves it, and finds it again on the next edit."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.preview import Target, edit_step, last_words, latest_measure

PLAN = """\
# แผนปี 2569: the comment stays
based_on: 2568
measures:
  - id: m0
    title: ไม่มีขั้นตอน
  - id: m7
    title: มาตรการ
    steps:
      - จัดทำคู่มือ/แนวทาง & ประกาศ
      - จัดทำคู่มือ/แนวทาง & ประกาศ
"""


def site(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    for year, text in (("2568", PLAN.replace("m7", "m1")), ("2569", PLAN), ("frameworks", PLAN)):
        (content / year).mkdir(parents=True)
        (content / year / "measures.yml").write_text(text, encoding="utf-8")
    return content


def test_the_edited_step_is_the_first_of_the_latest_years_first_measure_with_steps(tmp_path: Path) -> None:
    assert latest_measure(site(tmp_path)) == (2569, "m7", "จัดทำคู่มือ/แนวทาง & ประกาศ")


def test_each_edit_changes_only_the_first_step_and_replaces_the_previous_edit(tmp_path: Path) -> None:
    plan = site(tmp_path) / "2569" / "measures.yml"
    target = Target(plan, "จัดทำคู่มือ/แนวทาง & ประกาศ", "2569/measures/m7/")
    assert edit_step(target, "ก") == "จัดทำคู่มือ/แนวทาง & ประกาศ แก้ไขก"
    assert edit_step(target, "ข") == "จัดทำคู่มือ/แนวทาง & ประกาศ แก้ไขข"
    assert plan.read_text(encoding="utf-8") == PLAN.replace("ประกาศ\n", "ประกาศ แก้ไขข\n", 1)


def test_a_step_that_is_not_in_the_file_stops_the_benchmark_with_the_file(tmp_path: Path) -> None:
    plan = site(tmp_path) / "2569" / "measures.yml"
    with pytest.raises(SystemExit, match="measures.yml"):
        edit_step(Target(plan, "ไม่มีข้อความนี้", "2569/measures/m7/"), "ก")


def test_a_failed_server_is_told_by_its_warning_and_last_line(tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    log.write_text("INFO    -  Building documentation...\nWARNING -  A 'dirty' build\n\nAborted with 1 warnings in strict mode!\n",
                   encoding="utf-8")
    assert last_words(log) == "WARNING -  A 'dirty' build / Aborted with 1 warnings in strict mode!"
    log.write_text("", encoding="utf-8")
    assert last_words(log) == "no output"

"""itasite export (generator/clerk/export.py): four sheets with Thai headers, and one CSV per sheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.cli import main


def test_export_writes_thai_headers_and_csv(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_example("muang-mu")
    out = tmp_path / "x.xlsx"
    assert main(["export", "-f", str(root / "site_config.yml"), "--year", "2567", "-o", str(out), "--csv", str(tmp_path / "csv")]) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["มาตรการ", "ผลการดำเนินงาน", "คะแนน", "OIT"]
    assert [c.value for c in book["มาตรการ"][1]][:3] == ["รหัส", "ลำดับ", "มาตรการ"]
    assert [c.value for c in book["คะแนน"][2]] == ["คะแนนรวม", None, None, book["คะแนน"]["D2"].value]
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == ["x.measures.csv", "x.oit.csv", "x.results.csv", "x.scores.csv"]
    text = (tmp_path / "csv" / "x.scores.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("ประเภท,ตัวชี้วัด,รหัส,คะแนน\nคะแนนรวม,,,")


def test_export_of_an_unknown_year_names_the_known_ones(
    copy_example: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_example("muang-mu")
    out = tmp_path / "x.xlsx"
    assert main(["export", "-f", str(root / "site_config.yml"), "--year", "2599", "-o", str(out)]) == 1
    assert capsys.readouterr().err == "ไม่มีข้อมูลปี 2599 ในเนื้อหา (no content for 2599); มี/has: 2566, 2567\n"
    assert not out.exists()

"""itasite import (generator/clerk/workbook_import.py and sheet_readers.py): export → import without edits changes
nothing; edits land in the YAML with comments kept; any error writes nothing and is a finding located at the
workbook cell (``ita-2569.xlsx:มาตรการ!D3: message``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.clerk.workbook_import import import_workbook
from generator.cli import main
from generator.errors import Finding

EXAMPLES = ["default", "talad-sai", "pak-chong", "kong-koi", "muang-mu"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def years(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "content").iterdir() if p.is_dir() and p.name.isdigit())


@pytest.mark.parametrize("name", EXAMPLES)
def test_export_then_import_changes_nothing(name: str, copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_example(name)
    before = snapshot(root / "content")
    for year in years(root):
        out = tmp_path / f"{year}.xlsx"
        assert main(["export", "-f", str(root / "site_config.yml"), "--year", year, "-o", str(out)]) == 0
        assert main(["import", str(out), "-f", str(root / "site_config.yml")]) == 0
    assert snapshot(root / "content") == before


def test_edited_values_are_written_keeping_comments(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_example("default")
    out = tmp_path / "y.xlsx"
    main(["export", "-f", str(root / "site_config.yml"), "--year", "2568", "-o", str(out)])
    book = load_workbook(out)
    book["คะแนน"]["D2"] = 94.6
    book.save(out)
    before = (root / "content/2568/result.yml").read_text(encoding="utf-8").splitlines()
    assert main(["import", str(out), "-f", str(root / "site_config.yml")]) == 0
    after = (root / "content/2568/result.yml").read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("total: 94.50  # ข้อเท็จจริง + summary: ๙๔.๕๐", "total: 94.6   # ข้อเท็จจริง + summary: ๙๔.๕๐")]


def test_new_round_result_and_oit_link_are_added(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_example("default")
    out = tmp_path / "y.xlsx"
    main(["export", "-f", str(root / "site_config.yml"), "--year", "2569", "-o", str(out)])
    book = load_workbook(out)
    book["ผลการดำเนินงาน"].append(["m1", "6m", "อยู่ระหว่างดำเนินการ", "2569-04-01", "จัดทำคู่มือแล้ว", ""])
    book["OIT"]["C2"], book["OIT"]["D2"] = "โครงสร้าง", "https://example.org/o1"
    book.save(out)
    assert main(["import", str(out), "-f", str(root / "site_config.yml")]) == 0
    measures = (root / "content/2569/measures.yml").read_text(encoding="utf-8")
    added = ("    results:\n      - round: 6m\n        status: in_progress\n        date: '2569-04-01'\n"
             "        actions:\n          - จัดทำคู่มือแล้ว\n")
    assert added in measures
    oit = (root / "content/2569/oit.yml").read_text(encoding="utf-8")
    assert oit == "items:\n  - item: o1\n    links:\n      - title: โครงสร้าง\n        url: https://example.org/o1\n"


def test_errors_name_sheet_row_column_and_write_nothing(
    copy_example: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_example("default")
    out = tmp_path / "y.xlsx"
    main(["export", "-f", str(root / "site_config.yml"), "--year", "2569", "-o", str(out)])
    book = load_workbook(out)
    book["มาตรการ"]["C2"] = "ชื่อใหม่"      # valid on its own
    book["มาตรการ"]["D3"] = "99"           # indicator out of range
    book["มาตรการ"]["F4"] = "nobody"       # unknown unit: found by the whole check
    book["OIT"]["C2"], book["OIT"]["D2"] = "x", "javascript:alert(1)"
    book.save(out)
    before = snapshot(root / "content")
    capsys.readouterr()
    assert main(["import", str(out), "-f", str(root / "site_config.yml")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "y.xlsx:มาตรการ!D3: ต้องไม่เกิน 10 (ได้ 99)",
        "y.xlsx:OIT!D2: ลิงก์ใช้ได้เฉพาะ http://, https://, mailto: หรือที่อยู่ภายในเว็บไซต์ (ได้ 'javascript:')",
        "พบข้อผิดพลาด 2 รายการ ไม่ได้แก้ไฟล์ใด (found 2 error(s); no file was changed)",
    ]
    book["มาตรการ"]["D3"] = "6, 8"
    book["OIT"]["D2"] = "https://example.org/o1"
    book.save(out)
    assert main(["import", str(out), "-f", str(root / "site_config.yml"), "--lang", "en"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "y.xlsx:มาตรการ!F4: no unit with id 'nobody'; add it to units in organisation.yml or fix the id"
    )
    assert snapshot(root / "content") == before


def test_header_changed_or_not_a_workbook(copy_example: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_example("default")
    out = tmp_path / "y.xlsx"
    main(["export", "-f", str(root / "site_config.yml"), "--year", "2569", "-o", str(out)])
    book = load_workbook(out)
    book["คะแนน"]["B1"] = "indicator"
    book.save(out)
    capsys.readouterr()
    assert main(["import", str(out), "-f", str(root / "site_config.yml")]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "y.xlsx:คะแนน!B1: หัวคอลัมน์ต้องเป็น 'ตัวชี้วัด' (ได้ 'indicator') อย่าเปลี่ยนชื่อหรือย้ายคอลัมน์"
    )
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    assert main(["import", str(bad), "-f", str(root / "site_config.yml")]) == 1
    assert "bad.xlsx: อ่านไฟล์ Excel ไม่ได้" in capsys.readouterr().err


def test_import_errors_are_findings_located_at_cells(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_example("default")
    out = tmp_path / "ita-2569.xlsx"
    main(["export", "-f", str(root / "site_config.yml"), "--year", "2569", "-o", str(out)])
    book = load_workbook(out)
    book["มาตรการ"]["D3"] = "99"
    book.save(out)
    errors, written = import_workbook(out, root / "content", root)
    assert errors == [Finding("ita-2569.xlsx", 3, 4, "", "ต้องไม่เกิน 10 (ได้ 99)", cell="มาตรการ!D3")]
    assert [f.format() for f in errors] == ["ita-2569.xlsx:มาตรการ!D3: ต้องไม่เกิน 10 (ได้ 99)"]
    assert written == []
    book["มาตรการ"]["D3"] = "6"
    book["มาตรการ"]["F4"] = "nobody"  # found only by checking the changed YAML as a whole
    book.save(out)
    errors, written = import_workbook(out, root / "content", root, lang="en")
    message = "no unit with id 'nobody'; add it to units in organisation.yml or fix the id"
    assert errors == [Finding("ita-2569.xlsx", 4, 6, "", message, cell="มาตรการ!F4")]
    assert written == []


def test_missing_sheet_is_located_at_the_sheet(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_example("default")
    out = tmp_path / "y.xlsx"
    main(["export", "-f", str(root / "site_config.yml"), "--year", "2569", "-o", str(out)])
    book = load_workbook(out)
    del book["OIT"]
    book.save(out)
    errors, _ = import_workbook(out, root / "content", root)
    assert [f.format() for f in errors] == ["y.xlsx:OIT: ไม่พบชีต 'OIT' ให้ใช้ไฟล์ที่ได้จาก itasite export"]

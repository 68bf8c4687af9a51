"""itasite export --oit (generator/clerk/oit_form.py): the assessor's form, one row per OIT item of the framework."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import minimal_config
from openpyxl import load_workbook

from generator.cli import main

HEADER = ["ข้อ", "ตัวชี้วัด/ตัวชี้วัดย่อย", "ชื่อรายการ", "สถานะ", "URL", "คำอธิบาย", "หมายเหตุ", "ปรับปรุงล่าสุด"]
INDICATOR_9 = "9 การเปิดเผยข้อมูล"
SITE_URL = "https://ita.example.go.th/"

ORGANISATION = "name: องค์การบริหารส่วนตำบลทดสอบ\ntype: องค์การบริหารส่วนตำบล\n"
OIT = """\
items:
  - item: o1
    description:
      - โครงสร้างอยู่ที่เมนูเกี่ยวกับเรา
      - แผนผังอยู่ในไฟล์ PDF
    links:
      - title: แผนผังองค์กร
        url: files/structure.pdf
      - title: หน้าเกี่ยวกับเรา
        url: https://www.example.go.th/about
    updated: 2569-04-17
  - item: o2
    state: not_applicable
    note:
      - หน่วยงานไม่มีภารกิจนี้
  - item: o4
    description:
      - '=HYPERLINK("http://evil.example/","คลิก")'
    links:
      - title: "=1+1"
        url: https://example.org/a
  - item: o11
    links:
      - title: รายงานรายเดือน
        links:
          - title: ตุลาคม 2568
            url: files/oct.pdf
          - title: หน้าข้อ o12
            url: 2569/oit/o12/#top
"""
FILES = {"organisation.yml": ORGANISATION, "2569/oit.yml": OIT, "files/structure.pdf": "%PDF-1.4\n", "files/oct.pdf": "%PDF-1.4\n"}


def export(root: Path, out: Path) -> int:
    return main(["export", "-f", str(root / "site_config.yml"), "--year", "2569", "--oit", "-o", str(out)])


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel on Thai Windows needs to read UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def unrecorded(code: str, title: str) -> list[str]:
    return [code, INDICATOR_9, title, "ยังไม่ได้บันทึก", "", "", "", ""]


def expected_rows(base: str) -> list[list[str]]:
    """The first rows of the small site's form; ``base`` is what site addresses start with."""
    return [
        HEADER,
        ["o1", INDICATOR_9, "โครงสร้าง หน้าที่และอำนาจ", "เผยแพร่แล้ว",
         f"{base}files/structure.pdf\nhttps://www.example.go.th/about",
         "โครงสร้างอยู่ที่เมนูเกี่ยวกับเรา\nแผนผังอยู่ในไฟล์ PDF", "", "2569-04-17"],
        ["o2", INDICATOR_9, "ข้อมูลผู้บริหาร", "ไม่เกี่ยวข้องกับหน่วยงาน", "", "", "หน่วยงานไม่มีภารกิจนี้", ""],
        unrecorded("o3", "ข้อมูลการติดต่อและช่องทางการสอบถาม"),
        ["o4", INDICATOR_9, "ข่าวประชาสัมพันธ์", "เผยแพร่แล้ว", "https://example.org/a",
         "'=HYPERLINK(\"http://evil.example/\",\"คลิก\")", "", ""],
    ]


def test_default_site_lists_its_own_items_and_sends_the_others_to_the_main_website(
    copy_example: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The default site's 2569 oit.yml records only what this site publishes (scope: this_site)."""
    root = copy_example("default")
    out = tmp_path / "out" / "oit-2569.xlsx"
    assert export(root, out) == 0
    assert capsys.readouterr() == (
        f"เขียนแล้ว (written): {out}\nเขียนแล้ว (written): {out.parent / 'oit-2569.csv'}\n", "")
    rows = read_csv(out.parent / "oit-2569.csv")
    assert rows[0] == HEADER
    assert [r[0] for r in rows[1:]] == [f"o{n}" for n in range(1, 27)]  # the framework's order
    assert rows[1][3:5] == ["เผยแพร่ที่เว็บไซต์หลักของหน่วยงาน", ""]  # organisation.yml gives no website
    assert rows[25][3:5] == ["เผยแพร่แล้ว", "https://donsak.example/2569/measures/\nhttps://donsak.example/2568/"]
    assert rows[26][:4] == ["o26", "10 การป้องกันการทุจริต", rows[26][2], "ยังไม่ได้เผยแพร่"]
    assert rows[26][6].startswith("ข้อมูลชุดนี้มาจากรายงานมาตรการ")
    assert {r[3] for r in rows[1:25]} == {"เผยแพร่ที่เว็บไซต์หลักของหน่วยงาน"}
    sheet = load_workbook(out)["OIT"]
    assert [[c or "" for c in r] for r in sheet.iter_rows(values_only=True)] == rows


def test_records_with_site_url_give_full_addresses(
    site_dir: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_dir(FILES, minimal_config(site_url=SITE_URL))
    out = tmp_path / "oit-2569.xlsx"
    assert export(root, out) == 0
    assert capsys.readouterr().err == ""
    rows = read_csv(tmp_path / "oit-2569.csv")
    assert rows[:5] == expected_rows(SITE_URL)
    o11 = rows[11]
    assert o11 == ["o11", INDICATOR_9, "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน", "เผยแพร่แล้ว",
                   f"{SITE_URL}files/oct.pdf\n{SITE_URL}2569/oit/o12/#top", "", "", ""]


def test_without_site_url_addresses_are_relative_and_the_clerk_is_warned(
    site_dir: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_dir(FILES, minimal_config(site_url=None))
    out = tmp_path / "oit-2569.xlsx"
    assert export(root, out) == 0
    printed = capsys.readouterr()
    assert printed.out == f"เขียนแล้ว (written): {out}\nเขียนแล้ว (written): {tmp_path / 'oit-2569.csv'}\n"
    assert printed.err == (
        "คำเตือน (warning): ที่อยู่หน้าและไฟล์ของเว็บไซต์ในคอลัมน์ URL ยังไม่เต็ม (นับจากรากของเว็บไซต์) เพราะ site_config.yml "
        "ไม่มี site_url ให้ใส่ site_url: ที่อยู่เว็บไซต์ เช่น https://ita.example.go.th/ ใน site_config.yml แล้วส่งออกใหม่ "
        "(site addresses in the URL column are relative to the site root; set site_url in site_config.yml and export again)\n"
    )  # once, though three addresses are relative
    rows = read_csv(tmp_path / "oit-2569.csv")
    assert rows[:5] == expected_rows("")
    assert rows[11][4] == "files/oct.pdf\n2569/oit/o12/#top"


def test_workbook_keeps_text_as_text_wrapped_and_sized(site_dir: Callable[..., Path], tmp_path: Path) -> None:
    root = site_dir(FILES, minimal_config(site_url=SITE_URL))
    out = tmp_path / "oit-2569.xlsx"
    assert export(root, out) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["OIT"]
    sheet = book["OIT"]
    rows = [[c or "" for c in r] for r in sheet.iter_rows(values_only=True)]
    hostile = '=HYPERLINK("http://evil.example/","คลิก")'
    assert rows[:5] == [r[:5] + [hostile if v.startswith("'=") else v for v in r[5:]] for r in expected_rows(SITE_URL)]
    cell = sheet["F5"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (hostile, "s", True)
    assert sheet["H2"].data_type == "s"  # the date as the clerk types it, not a date Excel reformats
    assert sheet["E2"].alignment.wrap_text and sheet["A1"].font.bold
    assert sheet.column_dimensions["E"].width == 60
    assert sheet.freeze_panes == "A2"


def test_an_unknown_year_names_the_known_ones(
    site_dir: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_dir(FILES)
    out = tmp_path / "oit.xlsx"
    assert main(["export", "-f", str(root / "site_config.yml"), "--year", "2570", "--oit", "-o", str(out)]) == 1
    assert capsys.readouterr().err == "ไม่มีข้อมูลปี 2570 ในเนื้อหา (no content for 2570); มี/has: 2569\n"
    assert not out.exists()

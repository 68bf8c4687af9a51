"""itasite import (generator/clerk/workbook_import.py and sheet_readers.py): export → import without edits changes
nothing; edits land in the YAML with comments kept; any error writes nothing and is a finding located at the
workbook cell (``ita-2569.xlsx:มาตรการ!D3: message``)."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT
from openpyxl import load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from test_export import HOSTILE, export_hostile

from generator.clerk import sheet_scan
from generator.clerk.sheet_scan import scan_sheet
from generator.clerk.workbook_import import import_workbook
from generator.clerk.workbook_open import excel_date
from generator.cli import main
from generator.errors import Finding
from generator.load.content import load_content
from generator.model.site import Site

EXAMPLES = ["default", "talad-sai", "pak-chong", "kong-koi", "muang-mu"]
NO_UNIT = (
    "no unit with id 'nobody'; add it to units in organisation.yml or fix the id (known: yutthasat = กองยุทธศาสตร์และงบประมาณ, "
    "thurakan = งานธุรการ, prachasamphan = งานประชาสัมพันธ์, klang = กองคลัง, phatsadu = งานพัสดุ, palad = สำนักปลัดเทศบาล, "
    "bukkhon = งานทรัพยากรบุคคล)"
)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _site(root: Path) -> Site:
    site, findings = load_content(root / "content", root)
    assert site is not None, findings
    return site


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
    shipped = (ROOT / "content/2569/oit.yml").read_text(encoding="utf-8")
    assert oit == shipped + "  - item: o1\n    links:\n      - title: โครงสร้าง\n        url: https://example.org/o1\n"


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
        f"y.xlsx:มาตรการ!F4: {NO_UNIT}"
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
    assert errors == [Finding("ita-2569.xlsx", 4, 6, "", NO_UNIT, cell="มาตรการ!F4")]
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


# -- text a spreadsheet would run, and quotes typed by hand -----------------------------------------------------


def export(root: Path, out: Path, year: str = "2569") -> Path:
    assert main(["export", "-f", str(root / "site_config.yml"), "--year", year, "-o", str(out)]) == 0
    return out


def test_formula_like_text_round_trips_unchanged(
    copy_example: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, out = export_hostile(copy_example, tmp_path)
    before = snapshot(root / "content")
    capsys.readouterr()
    assert main(["import", str(out), "-f", str(root / "site_config.yml")]) == 0
    assert capsys.readouterr().out == "ไม่มีค่าที่เปลี่ยน ไม่ได้แก้ไฟล์ใด (nothing changed)\n"
    assert snapshot(root / "content") == before
    plan = _site(root).years[2569].plan
    assert plan is not None and list(plan.measures[0].results[0].actions) == HOSTILE


def test_text_typed_with_a_leading_quote_is_imported_as_typed(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    """Excel keeps a typed ' out of the value ('=ชื่อ is the text =ชื่อ, marked as text); a second ' is part of it."""
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx")
    book = load_workbook(out)
    for ref, typed in (("C2", "=ชื่อใหม่"), ("C3", "'ชื่อในเครื่องหมายคำพูด'"), ("C4", "@ชื่อ")):
        cell = book["มาตรการ"][ref]
        cell.value = typed
        cell.data_type, cell.quotePrefix = "s", True
    book.save(out)
    assert main(["import", str(out), "-f", str(root / "site_config.yml")]) == 0
    plan = _site(root).years[2569].plan
    assert plan is not None
    assert [m.title for m in plan.measures[:3]] == ["=ชื่อใหม่", "'ชื่อในเครื่องหมายคำพูด'", "@ชื่อ"]
    before = snapshot(root / "content")
    assert main(["import", str(export(root, tmp_path / "again.xlsx")), "-f", str(root / "site_config.yml")]) == 0
    assert snapshot(root / "content") == before


# -- formulas, error values and merged cells: read as shown, or refused where they are -----------------------------


def set_cell_xml(path: Path, sheet: int, ref: str, xml: str) -> None:
    """Replace one cell's XML in the saved workbook, as Excel would have written it."""
    rewrite_sheet(path, sheet, lambda text: re.sub(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', xml, text, count=1))


def rewrite_sheet(path: Path, sheet: int, edit: Callable[[str], str]) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = f"xl/worksheets/sheet{sheet}.xml"
    parts[name] = edit(parts[name].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


def test_a_formula_without_a_saved_value_is_refused_at_its_cell(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx")
    book = load_workbook(out)
    book["มาตรการ"]["C2"] = '=B2&"!"'  # written by a script: a formula Excel has never calculated
    book.save(out)
    before = snapshot(root / "content")
    errors, written = import_workbook(out, root / "content", root)
    assert [f.format() for f in errors] == [
        "y.xlsx:มาตรการ!C2: ช่องนี้เป็นสูตรที่ยังไม่มีค่า ให้เปิดไฟล์ใน Excel แล้วบันทึกใหม่ หรือพิมพ์ค่าแทนสูตร"
    ]
    assert written == [] and snapshot(root / "content") == before
    errors, _ = import_workbook(out, root / "content", root, lang="en")
    assert [f.format() for f in errors] == [
        "y.xlsx:มาตรการ!C2: this cell is a formula saved without its value; open the file in Excel and save it again, "
        "or type the value instead of the formula"
    ]


def test_a_formula_with_a_saved_value_imports_the_value(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx", "2568")
    set_cell_xml(out, 3, "D2", '<c r="D2"><f>90+4.6</f><v>94.6</v></c>')
    set_cell_xml(out, 4, "C2", '<c r="C2" t="str"><f>""</f><v></v></c>')  # a formula whose value is empty text
    assert main(["import", str(out), "-f", str(root / "site_config.yml")]) == 0
    assert "total: 94.6 " in (root / "content/2568/result.yml").read_text(encoding="utf-8")


def test_an_error_value_is_refused_at_its_cell(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx", "2568")
    set_cell_xml(out, 3, "D2", '<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    errors, _ = import_workbook(out, root / "content", root)
    assert [f.format() for f in errors] == [
        "y.xlsx:คะแนน!D2: ช่องนี้มีค่าผิดพลาด #DIV/0! ให้แก้สูตรหรือพิมพ์ค่าแทน (ข้อความที่ขึ้นต้นด้วย = ให้พิมพ์ ' นำหน้า)"
    ]


def test_merged_cells_are_refused_at_every_cell_read(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    """Excel keeps only the first cell's value of a merge, while the sheet shows it in every row."""
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx")
    book = load_workbook(out)
    book["มาตรการ"].merge_cells("F2:F3")  # one owner for two measures
    book["OIT"].merge_cells("A2:A3")
    book["คะแนน"].merge_cells("A1:B1")
    book.save(out)
    before = snapshot(root / "content")
    errors, written = import_workbook(out, root / "content", root)
    message = "ช่องนี้อยู่ในกลุ่มเซลล์ที่ผสานกัน ({}) ให้ยกเลิกการผสานเซลล์ แล้วพิมพ์ค่าให้ครบทุกช่อง"
    assert [f.format() for f in errors] == [
        f"y.xlsx:มาตรการ!F2: {message.format('F2:F3')}",
        f"y.xlsx:มาตรการ!F3: {message.format('F2:F3')}",
        f"y.xlsx:คะแนน!A1: {message.format('A1:B1')}",
        f"y.xlsx:OIT!A2: {message.format('A2:A3')}",
        f"y.xlsx:OIT!A3: {message.format('A2:A3')}",
    ]
    assert written == [] and snapshot(root / "content") == before


# -- dates and numbers as a clerk types them ---------------------------------------------------------------------


@pytest.mark.parametrize("typed", [
    dt.datetime(2569, 4, 17),  # 17/04/2569 typed in a Thai-locale Excel: a date of the year 2569 of the Common Era
    dt.datetime(2026, 4, 17),  # 17/04/2026 typed in a Common-Era Excel
    "17/04/2569", "2569-04-17", "17 เม.ย. 2569", " ๑๗ เมษายน ๒๕๖๙ ",
])
def test_a_date_is_the_day_the_clerk_meant(typed: object, copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx")
    book = load_workbook(out)
    book["ผลการดำเนินงาน"].append(["m1", "6m", "อยู่ระหว่างดำเนินการ", typed, "จัดทำคู่มือแล้ว", ""])
    book.save(out)
    assert main(["import", str(out), "-f", str(root / "site_config.yml")]) == 0
    assert "        date: '2569-04-17'\n" in (root / "content/2569/measures.yml").read_text(encoding="utf-8")
    plan = _site(root).years[2569].plan
    assert plan is not None and plan.measures[0].results[0].date == dt.date(2026, 4, 17)


@pytest.mark.parametrize(("value", "day"), [
    (dt.datetime(2569, 4, 17, 9, 30), dt.date(2026, 4, 17)),
    (dt.date(2026, 4, 17), dt.date(2026, 4, 17)),
    (dt.date(2400, 1, 1), dt.date(1857, 1, 1)),
    (dt.date(2399, 12, 31), dt.date(2399, 12, 31)),
    (dt.date(2567, 2, 28), dt.date(2024, 2, 28)),
])
def test_excel_dates_from_2400_on_are_buddhist_era(value: dt.date, day: dt.date) -> None:
    assert excel_date(value) == day


def test_a_buddhist_era_date_that_does_not_exist_is_refused(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx")
    book = load_workbook(out)
    book["ผลการดำเนินงาน"].append(["m1", "6m", "", dt.datetime(2568, 2, 29), "", ""])  # 2568 = 2025: no 29 February
    book["ผลการดำเนินงาน"].append(["m2", "6m", "", "31/04/2569", "", ""])
    book.save(out)
    errors, _ = import_workbook(out, root / "content", root)
    assert [f.format() for f in errors] == [
        "y.xlsx:ผลการดำเนินงาน!D2: ไม่มีวันที่ 29/2/2568 ในปฏิทิน ให้ตรวจวันที่",
        "y.xlsx:ผลการดำเนินงาน!D3: วันที่ไม่ถูกต้อง ให้เขียนเช่น 2568-10-01 หรือ 1 ต.ค. 2568",
    ]


@pytest.mark.parametrize(("typed", "line"), [
    ("94,60", "total: 94.6   #"),  # a decimal comma, as typed in a Thai-locale spreadsheet
    ("๙๔,๖๐", "total: 94.6   #"),
    (94.6, "total: 94.6   #"),
    (" 94.60 ", "total: '94.60' #"),
])
def test_a_score_with_a_decimal_comma_is_read_as_meant(
    typed: object, line: str, copy_example: Callable[[str], Path], tmp_path: Path
) -> None:
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx", "2568")
    book = load_workbook(out)
    book["คะแนน"]["D2"] = typed
    book.save(out)
    assert main(["import", str(out), "-f", str(root / "site_config.yml")]) == 0
    lines = (root / "content/2568/result.yml").read_text(encoding="utf-8").splitlines()
    assert next(x for x in lines if x.startswith("total:")).startswith(line)
    result = _site(root).years[2568].result
    assert result is not None and result.total == 94.6


def test_the_same_score_with_a_decimal_comma_changes_nothing(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx", "2568")
    book = load_workbook(out)
    book["คะแนน"]["D2"] = "94,50"
    book.save(out)
    before = snapshot(root / "content")
    assert import_workbook(out, root / "content", root) == ([], [])
    assert snapshot(root / "content") == before


def test_every_error_of_every_kind_is_reported_in_one_run(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx")
    book = load_workbook(out)
    book["มาตรการ"]["C2"] = "=B2"                 # a formula without its value
    book["มาตรการ"]["D3"] = "99"                  # out of range
    book["ผลการดำเนินงาน"].append(["m1", "6m", "", dt.datetime(2568, 2, 29), "", ""])
    book["OIT"].merge_cells("A2:A3")
    book["OIT"]["C5"], book["OIT"]["D5"] = "ลิงก์", "#REF!"  # an error value
    book.save(out)
    errors, written = import_workbook(out, root / "content", root)
    assert [f.cell for f in errors] == ["มาตรการ!C2", "มาตรการ!D3", "ผลการดำเนินงาน!D2", "OIT!A2", "OIT!A3", "OIT!D5"]
    assert written == []


# -- size limits: a hostile workbook is refused before a cell is read -----------------------------------------------


@pytest.fixture
def no_cell_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading any cell fails the test: the refusal must come from the limits, checked first."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("cells were read")

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", refuse)


FAR = "ชีตนี้ใช้พื้นที่ถึงช่องนี้ เกินขนาดที่รับได้ (5,000 แถว 50 คอลัมน์) ให้ลบแถวและคอลัมน์ที่ไม่ใช้ (รวมถึงช่องว่างที่จัดรูปแบบหรือผสานไว้) แล้วบันทึกใหม่"


def refuse_quickly(out: Path, root: Path) -> list[str]:
    """The findings of an import, checking it stayed small in memory (the old reader took 5.4 GB here)."""
    before = snapshot(root / "content")
    tracemalloc.start()
    try:
        errors, written = import_workbook(out, root / "content", root)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000 and written == [] and snapshot(root / "content") == before
    return [f.format() for f in errors]


def test_one_cell_at_xfd1048576_is_refused_before_any_cell_is_read(
    copy_example: Callable[[str], Path], tmp_path: Path, no_cell_reading: None
) -> None:
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx")
    book = load_workbook(out)
    book["มาตรการ"]["XFD1048576"] = "x"
    book.save(out)
    assert out.stat().st_size < 20_000
    assert refuse_quickly(out, root) == [f"y.xlsx:มาตรการ!XFD1048576: {FAR}"]


def test_a_sheet_whose_declared_size_lies_is_refused_at_the_far_cell(
    copy_example: Callable[[str], Path], tmp_path: Path, no_cell_reading: None
) -> None:
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx")
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    rewrite_sheet(out, 4, lambda text: text.replace("</sheetData>", far))
    assert '<dimension ref="A1:E' in zipfile.ZipFile(out).read("xl/worksheets/sheet4.xml").decode()
    assert refuse_quickly(out, root) == [f"y.xlsx:OIT!XFD1048576: {FAR}"]


def test_a_merge_over_the_whole_sheet_is_refused(copy_example: Callable[[str], Path], tmp_path: Path, no_cell_reading: None) -> None:
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx")
    merge = '</sheetData><mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>'
    rewrite_sheet(out, 2, lambda text: text.replace("</sheetData>", merge))
    assert refuse_quickly(out, root) == [f"y.xlsx:ผลการดำเนินงาน!XFD1048576: {FAR}"]


def test_a_sheet_at_the_limits_is_read_and_one_row_past_them_is_refused(copy_example: Callable[[str], Path], tmp_path: Path) -> None:
    """Careless rather than hostile: a clerk formatted empty cells far down the sheet."""
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx")
    book = load_workbook(out)
    book["OIT"]["AX5000"] = ""
    book.save(out)
    assert import_workbook(out, root / "content", root) == ([], [])
    book["OIT"]["A5001"] = ""
    book.save(out)
    assert refuse_quickly(out, root) == [f"y.xlsx:OIT!AX5001: {FAR}"]  # the corner of the sheet's used range


def test_an_oversized_file_or_a_zip_bomb_is_refused_before_it_is_opened(
    copy_example: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx")
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/image1.bin", bytes(60_000_000))  # unzips to 60 MB
    assert out.stat().st_size < 200_000
    capsys.readouterr()
    assert main(["import", str(out), "-f", str(root / "site_config.yml")]) == 1
    assert capsys.readouterr().err == (
        "y.xlsx: ข้อมูลในไฟล์เมื่อขยายออกมีขนาด 60 MB เกินที่รับได้ (50 MB) ให้ใช้ไฟล์ที่ได้จาก itasite export "
        "(the file unpacks to 60 MB, more than 50 MB; use a file made by itasite export)\n"
    )
    big = export(root, tmp_path / "big.xlsx")
    with zipfile.ZipFile(big, "a", zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/media/image1.png", random.Random(0).randbytes(10_500_000))
    assert main(["import", str(big), "-f", str(root / "site_config.yml")]) == 1
    assert capsys.readouterr().err.startswith("big.xlsx: ไฟล์ใหญ่ 10.5 MB เกินที่รับได้ (10 MB)")


def sheet_xml(rows: str) -> io.BytesIO:
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return io.BytesIO(f'<worksheet xmlns="{main_ns}"><sheetData>{rows}</sheetData></worksheet>'.encode())


def test_the_scan_stops_at_cells_without_addresses_duplicates_and_clutter(monkeypatch: pytest.MonkeyPatch) -> None:
    assert scan_sheet(sheet_xml("<row>" + "<c><v>1</v></c>" * 51 + "</row>")).too_far == (1, 51)
    assert scan_sheet(sheet_xml('<row r="7">' + '<c r="A7"/>' * 60 + "</row>")).too_far == (7, 51)
    monkeypatch.setattr(sheet_scan, "MAX_ELEMENTS", 100)
    assert scan_sheet(sheet_xml('<row r="2"><c r="B2"/></row>' + "<x/>" * 200)).too_far == (2, 2)
    scan = scan_sheet(sheet_xml('<row r="3"><c r="C3"><f>A1</f></c><c r="D3" t="str"><f>""</f><v></v></c></row>'))
    assert (scan.too_far, scan.rows, scan.columns, scan.uncalculated) == (None, 3, 4, {(3, 3)})


def test_a_workbook_with_broken_xml_is_not_a_workbook(
    copy_example: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_example("default")
    out = export(root, tmp_path / "y.xlsx")
    rewrite_sheet(out, 1, lambda text: text.replace("</sheetData>", "<row>"))
    capsys.readouterr()
    assert main(["import", str(out), "-f", str(root / "site_config.yml")]) == 1
    assert capsys.readouterr().err == "y.xlsx: อ่านไฟล์ Excel ไม่ได้ (not an .xlsx workbook): ParseError\n"

"""Opening a clerk's workbook without trusting it: the file's size, then how far each sheet reaches
(:mod:`generator.clerk.sheet_scan`), are checked before a cell is read, and openpyxl then reads only that far, in
read-only mode. A cell whose value cannot be taken as the clerk sees it becomes :class:`Unreadable`, which the sheet
readers report at the cell when they read it."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from openpyxl.reader.excel import ExcelReader

from generator.clerk.sheet_scan import MAX_COLUMNS, MAX_ROWS, Place, SheetScan, scan_sheet
from generator.clerk.sheets import Cell
from generator.errors import Finding, UserError
from generator.messages import Lang, both, say
from generator.thai import BE_OFFSET

MAX_FILE_BYTES = 10_000_000  # a year's workbook is tens of kilobytes
MAX_UNPACKED_BYTES = 50_000_000  # the parts of the file once unzipped: a zip bomb stops here
BE_DATES_FROM = 2400  # a year this late in an Excel date is a Buddhist-era year typed in a Thai-locale Excel

SheetValues = list[list[Any]]  # a sheet's cell values, row by row from row 1
Sheets = dict[str, SheetValues]  # sheet name → its values


@dataclass(frozen=True)
class Unreadable:
    """A cell whose value cannot be taken as the clerk sees it, and what the clerk should do."""

    th: str
    en: str


@dataclass
class OpenedWorkbook:
    keywords: str  # from the workbook's properties, where export writes the year
    sheets: Sheets = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)  # sheets past the size limits; then no value is read


def open_workbook(path: Path, names: Iterable[str], lang: Lang) -> OpenedWorkbook:
    """The values of the sheets called ``names`` (other sheets are not read). A missing, broken or oversized file is a
    :class:`UserError`; a sheet past the limits is a finding at the first cell past them."""
    _check_file(path)
    try:
        return _read_workbook(path, list(names), lang)
    except Exception as exc:  # openpyxl and the XML parser raise many kinds for a file that is not a workbook
        raise _broken(path, exc) from None


def excel_date(value: dt.date) -> dt.date | Unreadable:
    """The day an Excel date cell means: ``17/04/2569`` typed in a Thai-locale Excel is stored in the year 2569 of the
    Common Era, so a year from 2400 on is read as Buddhist-era; an earlier one is already the right day."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if day.year < BE_DATES_FROM:
        return day
    try:
        return day.replace(year=day.year - BE_OFFSET)
    except ValueError:  # 29 February of a Buddhist-era year whose Common-Era year has none
        shown = f"{day.day}/{day.month}/{day.year}"
        return Unreadable(f"ไม่มีวันที่ {shown} ในปฏิทิน ให้ตรวจวันที่", f"there is no {shown} (B.E.) in the calendar; check the date")


def _check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(both(f"ไม่พบไฟล์ {path}", "file not found")) from None
    if size > MAX_FILE_BYTES:
        raise UserError(f"{path.name}: " + both(
            f"ไฟล์ใหญ่ {_mb(size)} MB เกินที่รับได้ ({_mb(MAX_FILE_BYTES)} MB) ให้ใช้ไฟล์ที่ได้จาก itasite export "
            "โดยไม่เพิ่มรูปภาพหรือชีตอื่น",
            f"the file is {_mb(size)} MB, more than {_mb(MAX_FILE_BYTES)} MB; use a file made by itasite export, "
            "without pictures or other sheets"))
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except Exception as exc:
        raise _broken(path, exc) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UserError(f"{path.name}: " + both(
            f"ข้อมูลในไฟล์เมื่อขยายออกมีขนาด {_mb(unpacked)} MB เกินที่รับได้ ({_mb(MAX_UNPACKED_BYTES)} MB) "
            "ให้ใช้ไฟล์ที่ได้จาก itasite export",
            f"the file unpacks to {_mb(unpacked)} MB, more than {_mb(MAX_UNPACKED_BYTES)} MB; use a file made by itasite export"))


def _read_workbook(path: Path, names: list[str], lang: Lang) -> OpenedWorkbook:
    reader = ExcelReader(path, read_only=True, data_only=True)  # data_only: a formula's saved value, not its text
    try:
        reader.read()
        book = reader.wb
        opened = OpenedWorkbook(book.properties.keywords or "")
        parts = {sheet.name: rel.target for sheet, rel in reader.parser.find_sheets()}
        sheets = {ws.title: ws for ws in book.worksheets if ws.title in names}
        scans: dict[str, SheetScan] = {}
        for name in sheets:  # every sheet is measured before any is read
            with reader.archive.open(parts[name]) as source:
                scans[name] = scan_sheet(source)
            if too_far := scans[name].too_far:
                opened.findings.append(_too_far(Cell(name, *too_far), path.name, lang))
        if not opened.findings:
            opened.sheets = {name: _read_values(ws, scans[name]) for name, ws in sheets.items()}
        return opened
    finally:
        reader.archive.close()  # read-only sheets read from it until now


def _read_values(sheet: Any, scan: SheetScan) -> SheetValues:
    """The cells up to the sheet's reach, which the scan has checked against the limits."""
    if not (scan.rows and scan.columns):
        return []
    rows = sheet.iter_rows(min_row=1, max_row=scan.rows, min_col=1, max_col=scan.columns)
    return [
        [_typed_value(cell, (r, c), scan) for c, cell in enumerate(cells, start=1)]
        for r, cells in enumerate(islice(rows, scan.rows), start=1)
    ]


def _typed_value(cell: Any, place: Place, scan: SheetScan) -> Any:
    """The value as the clerk sees it in Excel, or why it cannot be read."""
    if place in scan.merged:
        ref = scan.merged[place]
        return Unreadable(f"ช่องนี้อยู่ในกลุ่มเซลล์ที่ผสานกัน ({ref}) ให้ยกเลิกการผสานเซลล์ แล้วพิมพ์ค่าให้ครบทุกช่อง",
                          f"this cell is part of the merged cells {ref}; unmerge them and type the value in every cell")
    if place in scan.uncalculated:
        return Unreadable("ช่องนี้เป็นสูตรที่ยังไม่มีค่า ให้เปิดไฟล์ใน Excel แล้วบันทึกใหม่ หรือพิมพ์ค่าแทนสูตร",
                          "this cell is a formula saved without its value; open the file in Excel and save it again, "
                          "or type the value instead of the formula")
    if cell.data_type == "e":
        return Unreadable(f"ช่องนี้มีค่าผิดพลาด {cell.value} ให้แก้สูตรหรือพิมพ์ค่าแทน (ข้อความที่ขึ้นต้นด้วย = ให้พิมพ์ ' นำหน้า)",
                          f"this cell holds the error {cell.value}; fix the formula or type the value "
                          "(to type text that starts with =, put ' before it)")
    if isinstance(cell.value, dt.date):
        return excel_date(cell.value)
    return cell.value


def _too_far(cell: Cell, workbook: str, lang: Lang) -> Finding:
    limits = f"{MAX_ROWS:,} แถว {MAX_COLUMNS} คอลัมน์", f"{MAX_ROWS:,} rows, {MAX_COLUMNS} columns"
    return cell.finding(workbook, say(
        lang,
        f"ชีตนี้ใช้พื้นที่ถึงช่องนี้ เกินขนาดที่รับได้ ({limits[0]}) ให้ลบแถวและคอลัมน์ที่ไม่ใช้ "
        "(รวมถึงช่องว่างที่จัดรูปแบบหรือผสานไว้) แล้วบันทึกใหม่",
        f"the sheet reaches this cell, past the limit ({limits[1]}); delete the unused rows and columns "
        "(formatted or merged empty cells too) and save again",
    ))


def _broken(path: Path, exc: Exception) -> UserError:
    return UserError(f"{path.name}: {both('อ่านไฟล์ Excel ไม่ได้', 'not an .xlsx workbook')}: {type(exc).__name__}")


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".removesuffix(".0")

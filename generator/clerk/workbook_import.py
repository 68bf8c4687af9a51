"""``itasite import``: a workbook made by ``itasite export``, edited by a clerk, back into the YAML of its year.

All or nothing: the sheets are read, the changed YAML is checked as a whole in a scratch copy of the content, and
only then are files replaced. A file or sheet past the size limits is refused before a cell is read
(:mod:`generator.clerk.workbook_open`). An unedited workbook changes nothing. Every error is a :class:`Finding`
located at the cell it came from (``ita-2569.xlsx:มาตรการ!D3: ต้องไม่เกิน 10 (ได้ 99)``), or at the YAML when no cell
holds it.
"""

from __future__ import annotations

from pathlib import Path

from generator.clerk.sheet_readers import read_sheets
from generator.clerk.sheets import SHEET_NAMES, YEAR_KEYWORD
from generator.clerk.staging import check_in_copy, content_prefix, replace_files
from generator.clerk.workbook_open import open_workbook
from generator.clerk.yaml_edit import edited_texts
from generator.errors import Finding, Severity, UserError
from generator.messages import Lang, both
from generator.pipeline import check_content


def import_workbook(
    workbook: Path, content_dir: Path, root: Path, *, year: int | None = None, lang: Lang = "th"
) -> tuple[list[Finding], list[str]]:
    """Read a workbook back into the YAML of its year. Returns (errors, files written); nothing is written on error."""
    # Phase 0: the file and its sheets within the size limits, before a cell is read.
    book = open_workbook(workbook, SHEET_NAMES, lang)
    if book.findings:
        return book.findings, []
    if year is None:
        year = workbook_year(book.keywords, workbook.name)
    # Phase 1: the content as it is must be right, since the workbook is compared with it.
    site, findings = check_content(content_dir, root, lang)
    if site is None or any(f.severity is Severity.error for f in findings):
        return [f for f in findings if f.severity is Severity.error], []
    if year not in site.years:
        raise UserError(both(f"ไม่มีโฟลเดอร์ปี {year} ในเนื้อหา ให้สร้างด้วย itasite new-year {year}", f"no content for {year}"))
    # Phase 2: every cell, each on its own.
    draft = read_sheets(book.sheets, site.years[year], workbook.name, lang)
    if draft.findings or not draft.changes:
        return draft.findings, []
    # Phase 3: the changed content as a whole, its errors pointed back at the cells.
    texts = edited_texts(content_dir, draft.changes)
    errors = check_in_copy(content_dir, root, texts, lang)
    if errors:
        prefix = content_prefix(content_dir, root)
        return [draft.locate(f, prefix) for f in errors], []
    # Phase 4: write.
    return [], replace_files(content_dir, texts)


def workbook_year(keywords: str, name: str) -> int:
    """The year ``itasite export`` wrote in the workbook's properties (their keywords)."""
    number = keywords.removeprefix(YEAR_KEYWORD)
    if not keywords.startswith(YEAR_KEYWORD) or not number.isdigit():
        raise UserError(f"{name}: {both('ไม่ทราบปีของไฟล์นี้ ให้ระบุ --year', 'the workbook does not say its year; pass --year')}")
    return int(number)

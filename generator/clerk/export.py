"""``itasite export``: a year's measures, results, scores and OIT links as a workbook, and as CSV files, for clerks
who work in Excel."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from generator.clerk.sheets import (
    CSV_NAMES,
    DATE,
    MEASURE_COLUMNS,
    MEASURES,
    OIT,
    OIT_HEADERS,
    RESULT_COLUMNS,
    RESULTS,
    SCORE_HEADERS,
    SCORE_TYPES,
    SCORES,
    YEAR_KEYWORD,
    column_value,
)
from generator.errors import ContentError, Severity, UserError
from generator.messages import Lang, both
from generator.model.site import YearContent
from generator.pipeline import check_content
from generator.render.opendata import FORMULA_START, neutralise_formula

SheetRows = dict[str, list[list[Any]]]  # sheet name → rows of cells, header first


def sheet_rows(year: YearContent) -> SheetRows:
    """Every sheet of a year as rows of cells, header first."""
    measures: list[list[Any]] = [[c.header for c in MEASURE_COLUMNS]]
    results: list[list[Any]] = [[c.header for c in RESULT_COLUMNS]]
    for m in year.plan.measures if year.plan else []:
        measures.append([c.kind.to_cell(column_value(m, c)) for c in MEASURE_COLUMNS])
        for r in m.results:
            results.append([m.id] + [c.kind.to_cell(column_value(r, c)) for c in RESULT_COLUMNS[1:]])
    scores: list[list[Any]] = [list(SCORE_HEADERS)]
    if year.result:
        scores.append([SCORE_TYPES["total"], "", "", year.result.total])
        for tool in ("IIT", "EIT", "OIT"):
            scores.append([SCORE_TYPES["tool"], "", tool, getattr(year.result.tools, tool)])
        for ind in year.result.indicators:
            scores.append([SCORE_TYPES["indicator"], ind.indicator, "", ind.score])
            scores += [[SCORE_TYPES["question"], ind.indicator, str(q.code), q.score] for q in ind.questions]
    oit: list[list[Any]] = [list(OIT_HEADERS)]
    disclosed = {d.item: d for d in year.oit.items} if year.oit else {}
    codes = [i.code for i in year.framework.items] + [c for c in disclosed if c not in {i.code for i in year.framework.items}]
    titles = {i.code: i.title or "" for i in year.framework.items}
    for code in codes:
        d = disclosed.get(code)
        updated = DATE.to_cell(d.updated if d else None)
        documents: list[tuple[str, str] | None] = list(d.documents()) if d else []
        for k, document in enumerate(documents or [None]):
            title, url = document or ("", "")
            oit.append([code, titles.get(code, ""), title, url, updated if k == 0 else ""])
    return {MEASURES: measures, RESULTS: results, SCORES: scores, OIT: oit}


def write_workbook(rows: SheetRows, year: int, path: Path) -> None:
    """One sheet per entry of ``rows``; the year goes in the properties for import to find."""
    book = Workbook()
    book.remove(book.active)
    book.properties.title = f"ITA {year}"
    book.properties.keywords = f"{YEAR_KEYWORD}{year}"
    fixed = dt.datetime(2000, 1, 1)  # the same content gives the same file
    book.properties.created = book.properties.modified = fixed
    for name, sheet_data in rows.items():
        sheet = book.create_sheet(name)
        for row in sheet_data:
            sheet.append(["" if v is None else v for v in row])
            for cell in sheet[sheet.max_row]:
                keep_text(cell)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for col in range(1, len(sheet_data[0]) + 1):
            sheet.column_dimensions[get_column_letter(col)].width = 14 if col < 3 else 40
            for cell in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
                cell[0].alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def keep_text(cell: Any) -> None:
    """Text stays text, exactly as typed: Excel neither runs ``=HYPERLINK(…)`` nor makes ``#N/A`` an error, and the
    quote prefix (Excel's hidden ``'``, not part of the value) keeps it text when the clerk edits the cell."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_START) or cell.value in ERROR_CODES:
            cell.quotePrefix = True


def write_csvs(rows: SheetRows, folder: Path, stem: str) -> list[Path]:
    """One UTF-8 CSV per sheet (with a byte-order mark, so Excel shows Thai correctly); text that a spreadsheet would
    run as a formula starts with ``'``, as in the open data. Import reads the workbook only, never these."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, sheet_data in rows.items():
        path = folder / f"{stem}.{CSV_NAMES[name]}.csv"
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([[_csv_value(v) for v in row] for row in sheet_data])
        path.write_text(buffer.getvalue(), encoding="utf-8-sig")
        written.append(path)
    return written


def _csv_value(value: Any) -> Any:
    return "" if value is None else neutralise_formula(value) if isinstance(value, str) else value


def export_year(content_dir: Path, root: Path, year: int, out: Path, csv_dir: Path | None, lang: Lang = "th") -> list[Path]:
    """Write the workbook and its CSV files; returns what was written. The content must have no errors."""
    site, findings = check_content(content_dir, root, lang)
    if site is None or any(f.severity is Severity.error for f in findings):
        raise ContentError(findings)
    if year not in site.years:
        known = ", ".join(map(str, site.years))
        raise UserError(both(f"ไม่มีข้อมูลปี {year} ในเนื้อหา", f"no content for {year}") + f"; มี/has: {known}")
    rows = sheet_rows(site.years[year])
    write_workbook(rows, year, out)
    return [out, *write_csvs(rows, csv_dir or out.parent, out.stem)]

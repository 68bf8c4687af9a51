"""A year's measures, results, scores and OIT links as a workbook (and CSV files) for clerks who work in Excel,
and back into the YAML.

Import is all-or-nothing: every cell is read with the same types as the models, the changed YAML is validated and
checked as a whole in a scratch copy of the content, and only then are files replaced. Only values that differ from
the YAML (as the models read them) are written, through ruamel.yaml's round-trip mode, so comments, key order and
untouched values stay as they were; an unedited workbook changes nothing. Rows removed from a sheet are not
deleted from the YAML (remove a measure or a score in the YAML itself); OIT links are the exception, since a row
there is one link.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.errors import ContentError, Finding, Severity, UserError, format_path
from generator.load.validate import describe_error
from generator.messages import Lang
from generator.model.site import Site, YearContent
from generator.model.types import STATUS_LABELS, CodeSpan, Date, IndicatorNumber, Paragraphs, Score, StatusValue, Text, UnitId, Url
from generator.pipeline import check_content
from generator.thai import be_iso

YEAR_KEYWORD = "itasite-year:"

# -- sheets and columns --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """How one column's values travel: model value → cell, cell → model value (validated), cell → YAML value."""

    adapter: TypeAdapter[Any]
    to_cell: Callable[[Any], Any]
    to_yaml: Callable[[Any, Any], Any]  # (cell, validated value) → what is written in the YAML
    many: bool = False  # a comma-separated list in one cell


def _plain(cell: Any, value: Any) -> Any:
    return value


TEXT = Kind(TypeAdapter(Text | None), lambda v: v or "", lambda c, v: v)
PARAGRAPHS = Kind(TypeAdapter(Paragraphs), lambda v: "\n\n".join(v), lambda c, v: list(v))
SCORE = Kind(TypeAdapter(Score | None), lambda v: v, lambda c, v: c if isinstance(c, str) else v)
DATE = Kind(TypeAdapter(Date | None), lambda v: be_iso(v) if v else "", lambda c, v: be_iso(v) if v else None)
STATUS = Kind(TypeAdapter(StatusValue | None), lambda v: STATUS_LABELS[v] if v else "", lambda c, v: v.value if v else None)
INDICATORS = Kind(TypeAdapter(list[IndicatorNumber]), lambda v: ", ".join(str(n) for n in v), lambda c, v: list(v), many=True)
CODES = Kind(TypeAdapter(list[CodeSpan]), lambda v: ", ".join(str(s) for s in v), lambda c, v: [str(s) for s in v], many=True)
UNITS = Kind(TypeAdapter(list[UnitId]), lambda v: ", ".join(v), lambda c, v: list(v), many=True)
URL = Kind(TypeAdapter(Url | None), lambda v: v or "", lambda c, v: v)


@dataclass(frozen=True)
class Column:
    header: str
    path: tuple[str, ...]  # inside the record the row stands for
    kind: Kind


MEASURES = "มาตรการ"
RESULTS = "ผลการดำเนินงาน"
SCORES = "คะแนน"
OIT = "OIT"
CSV_NAMES = {MEASURES: "measures", RESULTS: "results", SCORES: "scores", OIT: "oit"}

MEASURE_COLUMNS = (
    Column("รหัส", ("id",), TEXT),
    Column("ลำดับ", ("number",), TEXT),
    Column("มาตรการ", ("title",), TEXT),
    Column("ตัวชี้วัด", ("indicators",), INDICATORS),
    Column("ข้อคำถาม/ข้อ OIT", ("questions",), CODES),
    Column("ผู้รับผิดชอบ", ("owners",), UNITS),
    Column("ระยะเวลาดำเนินการ", ("timeframe", "text"), TEXT),
    Column("วันเริ่ม", ("timeframe", "start"), DATE),
    Column("กำหนดแล้วเสร็จ", ("timeframe", "end"), DATE),
    Column("สถานะ", ("status",), STATUS),
)
RESULT_COLUMNS = (
    Column("รหัสมาตรการ", (), TEXT),
    Column("รอบ", ("round",), TEXT),
    Column("สถานะ", ("status",), STATUS),
    Column("วันที่รายงาน", ("date",), DATE),
    Column("การดำเนินการ", ("actions",), PARAGRAPHS),
    Column("ผลลัพธ์", ("outcome",), PARAGRAPHS),
)
SCORE_HEADERS = ("ประเภท", "ตัวชี้วัด", "รหัส", "คะแนน")
SCORE_TYPES = {"total": "คะแนนรวม", "tool": "เครื่องมือ", "indicator": "ตัวชี้วัด", "question": "ข้อคำถาม"}
OIT_HEADERS = ("ข้อ", "ชื่อข้อ (จากกรอบการประเมิน ไม่นำเข้า)", "ชื่อลิงก์", "ลิงก์", "ปรับปรุงล่าสุด")


# -- export --------------------------------------------------------------------------------------------------


def _get(obj: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        obj = getattr(obj, part)
    return obj


def sheet_rows(year: YearContent) -> dict[str, list[list[Any]]]:
    """Every sheet of a year as rows of cells, header first."""
    measures: list[list[Any]] = [[c.header for c in MEASURE_COLUMNS]]
    results: list[list[Any]] = [[c.header for c in RESULT_COLUMNS]]
    for m in year.plan.measures if year.plan else []:
        measures.append([c.kind.to_cell(_get(m, c.path)) for c in MEASURE_COLUMNS])
        for r in m.results:
            results.append([m.id] + [c.kind.to_cell(_get(r, c.path)) for c in RESULT_COLUMNS[1:]])
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
        links = d.links if d else []
        for k, link in enumerate(links or [None]):
            oit.append([code, titles.get(code, ""), link.title if link else "", link.url if link else "", updated if k == 0 else ""])
    return {MEASURES: measures, RESULTS: results, SCORES: scores, OIT: oit}


def write_workbook(rows: dict[str, list[list[Any]]], year: int, path: Path) -> None:
    book = Workbook()
    book.remove(book.active)
    book.properties.title = f"ITA {year}"
    book.properties.keywords = f"{YEAR_KEYWORD}{year}"
    fixed = dt.datetime(2000, 1, 1)
    book.properties.created = book.properties.modified = fixed
    for name, sheet_data in rows.items():
        sheet = book.create_sheet(name)
        for row in sheet_data:
            sheet.append(["" if v is None else v for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for col in range(1, len(sheet_data[0]) + 1):
            sheet.column_dimensions[get_column_letter(col)].width = 14 if col < 3 else 40
            for cell in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
                cell[0].alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def write_csvs(rows: dict[str, list[list[Any]]], folder: Path, stem: str) -> list[Path]:
    """One UTF-8 CSV per sheet (with a byte-order mark, so Excel shows Thai correctly)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, sheet_data in rows.items():
        path = folder / f"{stem}.{CSV_NAMES[name]}.csv"
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([["" if v is None else v for v in row] for row in sheet_data])
        path.write_text(buffer.getvalue(), encoding="utf-8-sig")
        written.append(path)
    return written


def export_year(content_dir: Path, root: Path, year: int, out: Path, csv_dir: Path | None, lang: Lang = "th") -> list[Path]:
    """Write the workbook and its CSV files; returns what was written. The content must have no errors."""
    site, findings = check_content(content_dir, root, lang)
    if site is None or any(f.severity is Severity.error for f in findings):
        raise ContentError(findings)
    if year not in site.years:
        raise UserError(f"ไม่มีข้อมูลปี {year} ในเนื้อหา (no content for {year}); มี/has: {', '.join(map(str, site.years))}")
    rows = sheet_rows(site.years[year])
    write_workbook(rows, year, out)
    return [out, *write_csvs(rows, csv_dir or out.parent, out.stem)]


# -- import: reading cells -----------------------------------------------------------------------------------


@dataclass
class Change:
    """A value to set (or remove, when ``value`` is None) at ``path`` of a content file."""

    file: str  # "2569/measures.yml"
    path: tuple[str | int, ...]
    value: Any
    cell: str  # "มาตรการ!C12"


@dataclass
class _Import:
    site: Site
    year: YearContent
    workbook: str
    lang: Lang
    errors: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    cells: dict[tuple[str, str], str] = field(default_factory=dict)  # (file, key path) → cell, for messages

    def say(self, th: str, en: str) -> str:
        return th if self.lang == "th" else en

    def error(self, cell: str, th: str, en: str) -> None:
        self.errors.append(f"{self.workbook}:{cell}: {self.say(th, en)}")

    def read(self, kind: Kind, raw: Any, cell: str) -> tuple[bool, Any]:
        """(ok, validated value) of one cell."""
        value: Any = raw
        if isinstance(raw, str):
            value = raw.strip() or None
        if isinstance(raw, dt.datetime):
            value = raw.date()
        if kind.many:
            value = [p.strip() for p in str(value).split(",") if p.strip()] if value is not None else []
        if kind is PARAGRAPHS and value is None:
            value = []
        try:
            return True, kind.adapter.validate_python(value)
        except ValidationError as exc:
            for err in exc.errors():
                self.errors.append(f"{self.workbook}:{cell}: {describe_error(err, self.lang)}")
            return False, None

    def compare(self, file: str, base: tuple[str | int, ...], column: Column, current: Any, raw: Any, cell: str) -> None:
        """Queue a change when the cell, read as the model reads it, differs from the current value."""
        ok, value = self.read(column.kind, raw, cell)
        path = (*base, *column.path)
        self.cells[(file, format_path(path))] = cell
        if not ok or _same(value, current):
            return
        self.changes.append(Change(file, path, column.kind.to_yaml(raw, value) if value not in (None, []) else None, cell))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return [str(x) for x in a] == [str(x) for x in b]
    return a == b or (a in (None, []) and b in (None, []))


def _cell(sheet: str, row: int, col: int) -> str:
    return f"{sheet}!{get_column_letter(col)}{row}"


def _rows(book: Any, imp: _Import, name: str, headers: tuple[str, ...]) -> Iterator[tuple[int, list[Any]]]:
    """Data rows (row number, cells) of a sheet whose header row is as exported; blank rows are skipped."""
    if name not in book.sheetnames:
        imp.error(name, f"ไม่พบชีต '{name}' ให้ใช้ไฟล์ที่ได้จาก itasite export", f"sheet '{name}' is missing; use a file made by itasite export")
        return
    sheet = book[name]
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(v).strip() if v is not None else "" for v in (rows[0] if rows else ())]
    for col, expected in enumerate(headers, start=1):
        got = header[col - 1] if col <= len(header) else ""
        if got != expected:
            imp.error(_cell(name, 1, col), f"หัวคอลัมน์ต้องเป็น '{expected}' (ได้ '{got}') อย่าเปลี่ยนชื่อหรือย้ายคอลัมน์",
                      f"column header must be '{expected}' (got '{got}'); do not rename or move columns")
            return
    for number, row in enumerate(rows[1:], start=2):
        cells = list(row[: len(headers)]) + [None] * (len(headers) - len(row))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            continue
        yield number, cells


# -- import: rows → changes ----------------------------------------------------------------------------------


def _read_measures(book: Any, imp: _Import) -> None:
    file = f"{imp.year.year}/measures.yml"
    plan = imp.year.plan
    index = {m.id: i for i, m in enumerate(plan.measures)} if plan else {}
    added = len(index)
    for row, cells in _rows(book, imp, MEASURES, tuple(c.header for c in MEASURE_COLUMNS)):
        ok, mid = imp.read(TEXT, cells[0], _cell(MEASURES, row, 1))
        if not ok or mid is None:
            if ok:
                imp.error(_cell(MEASURES, row, 1), "ต้องใส่รหัสมาตรการ", "the measure id is required")
            continue
        if plan is None:
            imp.error(_cell(MEASURES, row, 1), f"ยังไม่มีไฟล์ {file} ให้สร้างก่อน (itasite new-year {imp.year.year})",
                      f"{file} does not exist yet; create it first (itasite new-year {imp.year.year})")
            return
        if mid in index:
            i, current = index[mid], plan.measures[index[mid]]
        else:
            i, current, added = added, None, added + 1
            index[mid] = i
            imp.changes.append(Change(file, ("measures", i), CommentedMap(id=mid), _cell(MEASURES, row, 1)))
        imp.cells[(file, format_path(("measures", i)))] = _cell(MEASURES, row, 1)
        for col, column in enumerate(MEASURE_COLUMNS[1:], start=2):
            now = _get(current, column.path) if current else None
            imp.compare(file, ("measures", i), column, now, cells[col - 1], _cell(MEASURES, row, col))


def _read_results(book: Any, imp: _Import) -> None:
    file = f"{imp.year.year}/measures.yml"
    plan = imp.year.plan
    measures = {m.id: (i, m) for i, m in enumerate(plan.measures)} if plan else {}
    appended: dict[str, int] = {}
    for row, cells in _rows(book, imp, RESULTS, tuple(c.header for c in RESULT_COLUMNS)):
        ok, mid = imp.read(TEXT, cells[0], _cell(RESULTS, row, 1))
        ok2, rid = imp.read(TEXT, cells[1], _cell(RESULTS, row, 2))
        if not (ok and ok2):
            continue
        if mid not in measures:
            imp.error(_cell(RESULTS, row, 1), f"ไม่มีมาตรการรหัส '{mid}' ใน {file} ให้เพิ่มในชีต {MEASURES} หรือแก้รหัส",
                      f"no measure '{mid}' in {file}; add it in YAML or fix the id")
            continue
        if rid is None:
            imp.error(_cell(RESULTS, row, 2), "ต้องใส่รหัสรอบ เช่น 6m หรือ 12m", "the round is required, e.g. 6m or 12m")
            continue
        i, measure = measures[mid]
        rounds = [r.round for r in measure.results]
        if rid in rounds:
            j, current = rounds.index(rid), measure.results[rounds.index(rid)]
        else:
            j = len(rounds) + appended.get(mid, 0)
            appended[mid] = appended.get(mid, 0) + 1
            current = None
            imp.changes.append(Change(file, ("measures", i, "results", j), CommentedMap(round=rid), _cell(RESULTS, row, 2)))
        base = ("measures", i, "results", j)
        imp.cells[(file, format_path(base))] = _cell(RESULTS, row, 2)
        for col, column in enumerate(RESULT_COLUMNS[2:], start=3):
            now = _get(current, column.path) if current else None
            imp.compare(file, base, column, now, cells[col - 1], _cell(RESULTS, row, col))


def _read_scores(book: Any, imp: _Import) -> None:
    file = f"{imp.year.year}/result.yml"
    result = imp.year.result
    types = {label: kind for kind, label in SCORE_TYPES.items()}
    score = Column(SCORE_HEADERS[3], (), SCORE)
    for row, cells in _rows(book, imp, SCORES, SCORE_HEADERS):
        where = _cell(SCORES, row, 4)
        kind = types.get(str(cells[0] or "").strip())
        if kind is None:
            imp.error(_cell(SCORES, row, 1), f"ประเภทต้องเป็น {', '.join(SCORE_TYPES.values())}",
                      f"the type must be one of {', '.join(SCORE_TYPES.values())}")
            continue
        if result is None:
            imp.error(where, f"ยังไม่มีไฟล์ {file} ให้สร้างก่อนแล้วใส่ total และ level",
                      f"{file} does not exist yet; create it with total and level")
            return
        number = str(cells[1] or "").strip()
        code = str(cells[2] or "").strip()
        found = _score_path(imp, kind, number, code)
        if found is None:
            imp.error(_cell(SCORES, row, 2), f"ไม่มีแถวนี้ใน {file} (ตัวชี้วัด '{number}' รหัส '{code}') ให้เพิ่มใน YAML ก่อน",
                      f"no such row in {file} (indicator '{number}', code '{code}'); add it in the YAML first")
            continue
        path, current = found
        imp.compare(file, path, score, current, cells[3], where)


def _score_path(imp: _Import, kind: str, number: str, code: str) -> tuple[tuple[str | int, ...], Any] | None:
    result = imp.year.result
    assert result is not None
    if kind == "total":
        return ("total",), result.total
    if kind == "tool":
        return (("tools", code.upper()), getattr(result.tools, code.upper())) if code.upper() in ("IIT", "EIT", "OIT") else None
    for i, ind in enumerate(result.indicators):
        if str(ind.indicator) != number:
            continue
        if kind == "indicator":
            return ("indicators", i, "score"), ind.score
        for j, q in enumerate(ind.questions):
            if str(q.code) == code:
                return ("indicators", i, "questions", j, "score"), q.score
    return None


def _read_oit(book: Any, imp: _Import) -> None:
    file = f"{imp.year.year}/oit.yml"
    oit = imp.year.oit
    items = {d.item: (k, d) for k, d in enumerate(oit.items)} if oit else {}
    grouped: dict[str, list[tuple[int, list[Any]]]] = {}
    for row, cells in _rows(book, imp, OIT, OIT_HEADERS):
        ok, code = imp.read(TEXT, cells[0], _cell(OIT, row, 1))
        if ok and code is None:
            imp.error(_cell(OIT, row, 1), "ต้องใส่รหัสข้อ เช่น o1", "the item code is required, e.g. o1")
        elif ok:
            grouped.setdefault(code, []).append((row, cells))
    appended = len(items)
    for code, rows in grouped.items():
        links: list[CommentedMap] = []
        updated = None
        for row, cells in rows:
            if cells[2] not in (None, "") or cells[3] not in (None, ""):
                ok1, title = imp.read(TEXT, cells[2], _cell(OIT, row, 3))
                ok2, url = imp.read(URL, cells[3], _cell(OIT, row, 4))
                link = CommentedMap()
                link["title"], link["url"] = title, url
                links.append(link)
            if cells[4] not in (None, "") and updated is None:
                ok3, updated = imp.read(DATE, cells[4], _cell(OIT, row, 5))
        k, current = items.get(code, (None, None))
        if current is None and not links and updated is None:
            continue
        if k is None:
            k, appended = appended, appended + 1
            imp.changes.append(Change(file, ("items", k), CommentedMap(item=code), _cell(OIT, rows[0][0], 1)))
        imp.cells[(file, format_path(("items", k)))] = _cell(OIT, rows[0][0], 1)
        now = [(link.title, link.url) for link in current.links] if current else []
        if [(link["title"], link["url"]) for link in links] != now:
            imp.changes.append(Change(file, ("items", k, "links"), CommentedSeq(links), _cell(OIT, rows[0][0], 3)))
        link_rows = [row for row, cells in rows if cells[2] not in (None, "") or cells[3] not in (None, "")]
        for m, row in enumerate(link_rows):
            imp.cells[(file, format_path(("items", k, "links", m, "title")))] = _cell(OIT, row, 3)
            imp.cells[(file, format_path(("items", k, "links", m, "url")))] = _cell(OIT, row, 4)
        if updated != (current.updated if current else None):
            imp.changes.append(Change(file, ("items", k, "updated"), be_iso(updated) if updated else None, _cell(OIT, rows[0][0], 5)))


# -- import: applying --------------------------------------------------------------------------------------


def roundtrip_yaml() -> YAML:
    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = 100_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _apply(doc: Any, change: Change) -> Any:
    """Set (or remove) one value in a round-trip document; returns the document (a new one if it was empty)."""
    if doc is None:
        doc = CommentedMap()
    node = doc
    for n, part in enumerate(change.path[:-1]):
        nxt = change.path[n + 1]
        child = None
        if isinstance(node, list) and isinstance(part, int) and part < len(node):
            child = node[part]
        elif isinstance(node, dict) and part in node:
            child = node[part]
        if isinstance(child, str) and nxt == "text":
            child = CommentedMap(text=child)  # `timeframe: ต.ค.66 – ก.ย.67` becomes a mapping when a date is set
        elif child is None:
            child = CommentedSeq() if isinstance(nxt, int) else CommentedMap()
        else:
            node = child
            continue
        if isinstance(node, list) and isinstance(part, int):
            node.append(child) if part == len(node) else node.__setitem__(part, child)
        else:
            node[part] = child
        node = child
    last = change.path[-1]
    if change.value is None:
        if isinstance(node, dict) and last in node:
            del node[last]
    elif isinstance(node, list) and isinstance(last, int) and last >= len(node):
        node.append(change.value)
    else:
        node[last] = change.value
    return doc


def _dump(doc: Any) -> str:
    buffer = io.StringIO()
    roundtrip_yaml().dump(doc, buffer)
    return buffer.getvalue()


def _changed_texts(content_dir: Path, changes: list[Change]) -> dict[str, str]:
    """New text of every file a change touches."""
    docs: dict[str, Any] = {}
    for change in changes:
        if change.file not in docs:
            path = content_dir / change.file
            docs[change.file] = roundtrip_yaml().load(path.read_text(encoding="utf-8-sig")) if path.exists() else None
        docs[change.file] = _apply(docs[change.file], change)
    return {file: _dump(doc) for file, doc in docs.items()}


def _locate(imp: _Import, finding: Finding, content_prefix: str) -> str:
    """A finding of the scratch copy, pointed at the cell it came from when there is one."""
    file = finding.file.removeprefix(content_prefix)
    path = finding.path
    while path:
        if (file, path) in imp.cells:
            return f"{imp.workbook}:{imp.cells[(file, path)]}: {finding.message}"
        path = path.rsplit(".", 1)[0] if "." in path.rsplit("]", 1)[-1] else path.rsplit("[", 1)[0]
    return finding.format()


def import_workbook(
    workbook: Path, content_dir: Path, root: Path, *, year: int | None = None, lang: Lang = "th"
) -> tuple[list[str], list[str]]:
    """Read a workbook back into the YAML of its year. Returns (errors, files written); nothing is written on error."""
    name = workbook.name
    try:
        book = load_workbook(workbook, data_only=True)
    except FileNotFoundError:
        raise UserError(f"ไม่พบไฟล์ {workbook} (file not found)") from None
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UserError(f"{name}: อ่านไฟล์ Excel ไม่ได้ (not an .xlsx workbook): {type(exc).__name__}") from None
    if year is None:
        keywords = book.properties.keywords or ""
        if not keywords.startswith(YEAR_KEYWORD) or not keywords[len(YEAR_KEYWORD):].isdigit():
            raise UserError(f"{name}: ไม่ทราบปีของไฟล์นี้ ให้ระบุ --year (the workbook does not say its year; pass --year)")
        year = int(keywords[len(YEAR_KEYWORD):])
    site, findings = check_content(content_dir, root, lang)
    if site is None or any(f.severity is Severity.error for f in findings):
        return [f.format() for f in findings if f.severity is Severity.error], []
    if year not in site.years:
        raise UserError(f"ไม่มีโฟลเดอร์ปี {year} ในเนื้อหา ให้สร้างด้วย itasite new-year {year} (no content for {year})")
    imp = _Import(site, site.years[year], name, lang)
    for read in (_read_measures, _read_results, _read_scores, _read_oit):
        read(book, imp)
    if imp.errors or not imp.changes:
        return imp.errors, []
    texts = _changed_texts(content_dir, imp.changes)
    errors = _validate_in_copy(imp, content_dir, root, texts)
    if errors:
        return errors, []
    return [], _replace_files(content_dir, texts)


def _validate_in_copy(imp: _Import, content_dir: Path, root: Path, texts: dict[str, str]) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="itasite-import-") as tmp:
        copy_root = Path(tmp)
        rel = content_dir.resolve().relative_to(root.resolve()) if content_dir.resolve().is_relative_to(root.resolve()) else Path("content")
        copy = copy_root / rel
        shutil.copytree(content_dir, copy)
        for file, text in texts.items():
            (copy / file).write_text(text, encoding="utf-8")
        site, findings = check_content(copy, copy_root, imp.lang)
    prefix = f"{rel.as_posix()}/" if rel.as_posix() != "." else ""
    return [_locate(imp, f, prefix) for f in findings if f.severity is Severity.error]


def _replace_files(content_dir: Path, texts: dict[str, str]) -> list[str]:
    staged = []
    for file, text in sorted(texts.items()):
        target = content_dir / file
        tmp = target.with_name(f".{target.name}.import-tmp")
        tmp.write_text(text, encoding="utf-8")
        staged.append((tmp, target))
    for tmp, target in staged:
        os.replace(tmp, target)
    return sorted(texts)

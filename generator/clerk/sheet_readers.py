"""Reading the sheets of a clerk's workbook against one year's content: every cell is read with the same types as
the models, and only values that differ from the YAML (as the models read them) become changes. Rows removed from a
sheet are not deleted from the YAML; OIT links are the exception, since a row there is one link."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.clerk.sheets import (
    DATE,
    MEASURE_COLUMNS,
    MEASURES,
    OIT,
    OIT_HEADERS,
    PARAGRAPHS,
    RESULT_COLUMNS,
    RESULTS,
    SCORE,
    SCORE_HEADERS,
    SCORE_TYPES,
    SCORES,
    TEXT,
    URL,
    Cell,
    Column,
    Kind,
    column_value,
)
from generator.clerk.workbook_open import Sheets, Unreadable
from generator.clerk.yaml_edit import Change
from generator.errors import Finding, format_path
from generator.load.validate import describe_error
from generator.messages import Lang, say
from generator.model.site import YearContent
from generator.model.source import KeyPath
from generator.thai import be_iso


@dataclass
class ImportDraft:
    """What a workbook asks to change in one year's content, and what is wrong with it, as its sheets are read."""

    year: YearContent
    workbook: str  # the file name findings start with
    lang: Lang
    findings: list[Finding] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)  # (content file, key path) → where it was read

    def error(self, cell: Cell, th: str, en: str) -> None:
        self.findings.append(cell.finding(self.workbook, say(self.lang, th, en)))

    def read_cell(self, kind: Kind, raw: Any, cell: Cell) -> tuple[bool, Any]:
        """(ok, validated value) of one cell."""
        if isinstance(raw, Unreadable):
            self.error(cell, raw.th, raw.en)
            return False, None
        value: Any = raw
        if isinstance(raw, str):
            value = raw.strip() or None
        if kind.many:
            value = [p.strip() for p in str(value).split(",") if p.strip()] if value is not None else []
        if kind is PARAGRAPHS and value is None:
            value = []
        try:
            return True, kind.adapter.validate_python(value)
        except ValidationError as exc:
            self.findings += [cell.finding(self.workbook, describe_error(err, self.lang)) for err in exc.errors()]
            return False, None

    def compare(self, file: str, base: KeyPath, column: Column, current: Any, raw: Any, cell: Cell) -> None:
        """Queue a change when the cell, read as the model reads it, differs from the current value."""
        ok, value = self.read_cell(column.kind, raw, cell)
        path = (*base, *column.path)
        self.cells[(file, format_path(path))] = cell
        if not ok or _same(value, current):
            return
        self.changes.append(Change(file, path, column.kind.to_yaml(raw, value) if value not in (None, []) else None))

    def locate(self, finding: Finding, content_prefix: str) -> Finding:
        """A finding about the changed content, moved to the cell its value came from when there is one."""
        file = finding.file.removeprefix(content_prefix)
        path = finding.path
        while path:
            if (file, path) in self.cells:
                return self.cells[(file, path)].finding(self.workbook, finding.message)
            path = path.rsplit(".", 1)[0] if "." in path.rsplit("]", 1)[-1] else path.rsplit("[", 1)[0]
        return finding


def read_sheets(book: Sheets, year: YearContent, workbook: str, lang: Lang) -> ImportDraft:
    """Read every sheet, in workbook order, into the changes it asks for and its findings (in reading order)."""
    draft = ImportDraft(year, workbook, lang)
    for read in (_read_measures, _read_results, _read_scores, _read_oit):
        read(book, draft)
    return draft


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return [str(x) for x in a] == [str(x) for x in b]
    return a == b or (a in (None, []) and b in (None, []))


def _rows(book: Sheets, draft: ImportDraft, name: str, headers: tuple[str, ...]) -> Iterator[tuple[int, list[Any]]]:
    """Data rows (row number, cells) of a sheet whose header row is as exported; blank rows are skipped."""
    if name not in book:
        draft.error(Cell(name), f"ไม่พบชีต '{name}' ให้ใช้ไฟล์ที่ได้จาก itasite export",
                    f"sheet '{name}' is missing; use a file made by itasite export")
        return
    rows = book[name]
    header = rows[0] if rows else []
    for col, expected in enumerate(headers, start=1):
        raw = header[col - 1] if col <= len(header) else None
        if isinstance(raw, Unreadable):
            draft.error(Cell(name, 1, col), raw.th, raw.en)
            return
        got = "" if raw is None else str(raw).strip()
        if got != expected:
            draft.error(Cell(name, 1, col), f"หัวคอลัมน์ต้องเป็น '{expected}' (ได้ '{got}') อย่าเปลี่ยนชื่อหรือย้ายคอลัมน์",
                        f"column header must be '{expected}' (got '{got}'); do not rename or move columns")
            return
    for number, row in enumerate(rows[1:], start=2):
        cells = list(row[: len(headers)]) + [None] * (len(headers) - len(row))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            continue
        yield number, cells


def _read_measures(book: Sheets, draft: ImportDraft) -> None:
    file = f"{draft.year.year}/measures.yml"
    plan = draft.year.plan
    index = {m.id: i for i, m in enumerate(plan.measures)} if plan else {}
    added = len(index)
    for row, cells in _rows(book, draft, MEASURES, tuple(c.header for c in MEASURE_COLUMNS)):
        id_cell = Cell(MEASURES, row, 1)
        ok, mid = draft.read_cell(TEXT, cells[0], id_cell)
        if not ok or mid is None:
            if ok:
                draft.error(id_cell, "ต้องใส่รหัสมาตรการ", "the measure id is required")
            continue
        if plan is None:
            draft.error(id_cell, f"ยังไม่มีไฟล์ {file} ให้สร้างก่อน (itasite new-year {draft.year.year})",
                        f"{file} does not exist yet; create it first (itasite new-year {draft.year.year})")
            return
        if mid in index:
            i, current = index[mid], plan.measures[index[mid]]
        else:
            i, current, added = added, None, added + 1
            index[mid] = i
            draft.changes.append(Change(file, ("measures", i), CommentedMap(id=mid)))
        draft.cells[(file, format_path(("measures", i)))] = id_cell
        for col, column in enumerate(MEASURE_COLUMNS[1:], start=2):
            now = column_value(current, column) if current else None
            draft.compare(file, ("measures", i), column, now, cells[col - 1], Cell(MEASURES, row, col))


def _read_results(book: Sheets, draft: ImportDraft) -> None:
    file = f"{draft.year.year}/measures.yml"
    plan = draft.year.plan
    measures = {m.id: (i, m) for i, m in enumerate(plan.measures)} if plan else {}
    appended: dict[str, int] = {}
    for row, cells in _rows(book, draft, RESULTS, tuple(c.header for c in RESULT_COLUMNS)):
        ok, mid = draft.read_cell(TEXT, cells[0], Cell(RESULTS, row, 1))
        ok2, rid = draft.read_cell(TEXT, cells[1], Cell(RESULTS, row, 2))
        if not (ok and ok2):
            continue
        if mid not in measures:
            draft.error(Cell(RESULTS, row, 1), f"ไม่มีมาตรการรหัส '{mid}' ใน {file} ให้เพิ่มในชีต {MEASURES} หรือแก้รหัส",
                        f"no measure '{mid}' in {file}; add it in YAML or fix the id")
            continue
        if rid is None:
            draft.error(Cell(RESULTS, row, 2), "ต้องใส่รหัสรอบ เช่น 6m หรือ 12m", "the round is required, e.g. 6m or 12m")
            continue
        i, measure = measures[mid]
        rounds = [r.round for r in measure.results]
        if rid in rounds:
            j, current = rounds.index(rid), measure.results[rounds.index(rid)]
        else:
            j = len(rounds) + appended.get(mid, 0)
            appended[mid] = appended.get(mid, 0) + 1
            current = None
            draft.changes.append(Change(file, ("measures", i, "results", j), CommentedMap(round=rid)))
        base = ("measures", i, "results", j)
        draft.cells[(file, format_path(base))] = Cell(RESULTS, row, 2)
        for col, column in enumerate(RESULT_COLUMNS[2:], start=3):
            now = column_value(current, column) if current else None
            draft.compare(file, base, column, now, cells[col - 1], Cell(RESULTS, row, col))


def _read_scores(book: Sheets, draft: ImportDraft) -> None:
    file = f"{draft.year.year}/result.yml"
    result = draft.year.result
    types = {label: kind for kind, label in SCORE_TYPES.items()}
    score = Column(SCORE_HEADERS[3], (), SCORE)
    for row, cells in _rows(book, draft, SCORES, SCORE_HEADERS):
        where = Cell(SCORES, row, 4)
        keys = [draft.read_cell(TEXT, cells[c], Cell(SCORES, row, c + 1)) for c in range(3)]
        if not all(ok for ok, _ in keys):
            continue
        label, number, code = (value or "" for _, value in keys)
        kind = types.get(label)
        if kind is None:
            draft.error(Cell(SCORES, row, 1), f"ประเภทต้องเป็น {', '.join(SCORE_TYPES.values())}",
                        f"the type must be one of {', '.join(SCORE_TYPES.values())}")
            continue
        if result is None:
            draft.error(where, f"ยังไม่มีไฟล์ {file} ให้สร้างก่อนแล้วใส่ total และ level",
                        f"{file} does not exist yet; create it with total and level")
            return
        found = _score_path(draft.year, kind, number, code)
        if found is None:
            draft.error(Cell(SCORES, row, 2), f"ไม่มีแถวนี้ใน {file} (ตัวชี้วัด '{number}' รหัส '{code}') ให้เพิ่มใน YAML ก่อน",
                        f"no such row in {file} (indicator '{number}', code '{code}'); add it in the YAML first")
            continue
        path, current = found
        draft.compare(file, path, score, current, cells[3], where)


def _score_path(year: YearContent, kind: str, number: str, code: str) -> tuple[KeyPath, Any] | None:
    """Where a score row's value lives in result.yml, and its current value; None when there is no such score."""
    result = year.result
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


def _read_oit(book: Sheets, draft: ImportDraft) -> None:
    file = f"{draft.year.year}/oit.yml"
    oit = draft.year.oit
    items = {d.item: (k, d) for k, d in enumerate(oit.items)} if oit else {}
    grouped: dict[str, list[tuple[int, list[Any]]]] = {}
    for row, cells in _rows(book, draft, OIT, OIT_HEADERS):
        ok, code = draft.read_cell(TEXT, cells[0], Cell(OIT, row, 1))
        if ok and code is None:
            draft.error(Cell(OIT, row, 1), "ต้องใส่รหัสข้อ เช่น o1", "the item code is required, e.g. o1")
        elif ok:
            grouped.setdefault(code, []).append((row, cells))
    appended = len(items)
    for code, rows in grouped.items():
        links: list[CommentedMap] = []
        updated = None
        for row, cells in rows:
            if cells[2] not in (None, "") or cells[3] not in (None, ""):
                _, title = draft.read_cell(TEXT, cells[2], Cell(OIT, row, 3))
                _, url = draft.read_cell(URL, cells[3], Cell(OIT, row, 4))
                link = CommentedMap()
                link["title"], link["url"] = title, url
                links.append(link)
            if cells[4] not in (None, "") and updated is None:
                _, updated = draft.read_cell(DATE, cells[4], Cell(OIT, row, 5))
        k, current = items.get(code, (None, None))
        if current is None and not links and updated is None:
            continue
        first = rows[0][0]
        if k is None:
            k, appended = appended, appended + 1
            draft.changes.append(Change(file, ("items", k), CommentedMap(item=code)))
        draft.cells[(file, format_path(("items", k)))] = Cell(OIT, first, 1)
        now = current.documents() if current else []
        nested = current is not None and any(link.links or link.url is None for link in current.links)
        if [(link["title"], link["url"]) for link in links] != now:
            if nested:  # the sheet holds one row a document; writing it back would flatten the agency's groups
                draft.error(Cell(OIT, first, 3), f"ข้อ {code} มีเอกสารย่อยเป็นกลุ่มใน oit.yml ให้แก้ลิงก์ของข้อนี้ใน oit.yml โดยตรง",
                            f"{code} groups documents under headings in oit.yml; edit its links in oit.yml itself")
            else:
                draft.changes.append(Change(file, ("items", k, "links"), CommentedSeq(links)))
        link_rows = [row for row, cells in rows if cells[2] not in (None, "") or cells[3] not in (None, "")]
        for m, row in enumerate(link_rows):
            draft.cells[(file, format_path(("items", k, "links", m, "title")))] = Cell(OIT, row, 3)
            draft.cells[(file, format_path(("items", k, "links", m, "url")))] = Cell(OIT, row, 4)
        if updated != (current.updated if current else None):
            draft.changes.append(Change(file, ("items", k, "updated"), be_iso(updated) if updated else None))

"""The layout of the clerk's workbook, shared by export and import: its sheets, their columns, and how each kind of
value travels between the models, a cell and the YAML."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter
from pydantic import TypeAdapter

from generator.errors import Finding
from generator.model.types import STATUS_LABELS, CodeSpan, Date, IndicatorNumber, Paragraphs, Score, StatusValue, Text, UnitId, Url
from generator.thai import be_iso

YEAR_KEYWORD = "itasite-year:"  # in the workbook's properties, so import knows the year without --year


@dataclass(frozen=True)
class Kind:
    """How one column's values travel: model value → cell, cell → model value (validated), cell → YAML value."""

    adapter: TypeAdapter[Any]
    to_cell: Callable[[Any], Any]
    to_yaml: Callable[[Any, Any], Any]  # (cell, validated value) → what is written in the YAML
    many: bool = False  # a comma-separated list in one cell


TEXT = Kind(TypeAdapter(Text | None), lambda v: v or "", lambda c, v: v)
PARAGRAPHS = Kind(TypeAdapter(Paragraphs), "\n\n".join, lambda c, v: list(v))
# A score typed as text keeps its digits in the YAML (๙๔.๕๐); one with a decimal comma (94,50) is written as the number.
SCORE = Kind(TypeAdapter(Score | None), lambda v: v, lambda c, v: c.strip() if isinstance(c, str) and "," not in c else v)
DATE = Kind(TypeAdapter(Date | None), lambda v: be_iso(v) if v else "", lambda c, v: be_iso(v) if v else None)
STATUS = Kind(TypeAdapter(StatusValue | None), lambda v: STATUS_LABELS[v] if v else "", lambda c, v: v.value if v else None)
INDICATORS = Kind(TypeAdapter(list[IndicatorNumber]), lambda v: ", ".join(str(n) for n in v), lambda c, v: list(v), many=True)
CODES = Kind(TypeAdapter(list[CodeSpan]), lambda v: ", ".join(str(s) for s in v), lambda c, v: [str(s) for s in v], many=True)
UNITS = Kind(TypeAdapter(list[UnitId]), ", ".join, lambda c, v: list(v), many=True)
URL = Kind(TypeAdapter(Url | None), lambda v: v or "", lambda c, v: v)


@dataclass(frozen=True)
class Column:
    header: str
    path: tuple[str, ...]  # inside the record the row stands for
    kind: Kind


@dataclass(frozen=True)
class Cell:
    """A place in the workbook: one cell, or a whole sheet when ``row`` is 0."""

    sheet: str
    row: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.sheet}!{get_column_letter(self.col)}{self.row}" if self.row else self.sheet

    def finding(self, workbook: str, message: str) -> Finding:
        """An error located here, printed ``ita-2569.xlsx:มาตรการ!D3: message``."""
        return Finding(workbook, self.row, self.col, "", message, cell=str(self))


MEASURES = "มาตรการ"
RESULTS = "ผลการดำเนินงาน"
SCORES = "คะแนน"
OIT = "OIT"
SHEET_NAMES = (MEASURES, RESULTS, SCORES, OIT)
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


def column_value(record: Any, column: Column) -> Any:
    """The model value a column shows for a record (a measure, a result)."""
    value = record
    for part in column.path:
        value = getattr(value, part)
    return value

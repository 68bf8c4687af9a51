"""Content models (generator/model.py): how values written the Thai way become typed data."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from generator.model.codes import CodeRange
from generator.model.types import Disclosure, Link, Measure, MeasurePlan, Organisation, Result, Round, Status, Step, Timeframe, Tool


def measure(**fields: object) -> Measure:
    return Measure.model_validate({"id": "m1", "title": "มาตรการ", **fields})


def test_scores_and_dates_written_with_thai_digits() -> None:
    result = Result.model_validate({"total": "๙๔.๕๐", "level": "ผ่านดี", "tools": {"IIT": "๙๕.๒๙", "OIT": 100}})
    assert result.total == 94.5
    assert (result.tools.IIT, result.tools.EIT, result.tools.OIT) == (95.29, None, 100.0)
    disclosure = Disclosure.model_validate({"item": "ข้อ O๑", "updated": "๒๘ ตุลาคม ๒๕๖๕"})
    assert disclosure.item == "o1"
    assert disclosure.updated == dt.date(2022, 10, 28)


def test_numbers_typed_where_text_is_expected_stay_text() -> None:
    m = measure(number=1, title=2568)
    assert (m.number, m.title) == ("1", "2568")
    assert measure(number="๑").number == "๑"


def test_paragraphs_from_one_string_or_a_list_drop_blank_ones() -> None:
    assert measure(notes="ย่อหน้าแรก\n\nย่อหน้าที่สอง\n   \nย่อหน้าที่สาม").notes == ["ย่อหน้าแรก", "ย่อหน้าที่สอง", "ย่อหน้าที่สาม"]
    assert measure(notes=["  ก  ", "", "   ", "ข"]).notes == ["ก", "ข"]
    assert measure(notes=None).notes == []
    assert measure().notes == []


def test_one_value_where_a_list_is_expected() -> None:
    m = measure(indicators="๓", questions="o1-o5", owners="palad")
    assert m.indicators == [3]
    assert m.questions == [CodeRange("o", 1, 5)]
    assert m.owners == ["palad"]
    assert measure(indicators=[1, "๒", 3.0]).indicators == [1, 2, 3]


def test_steps_may_be_plain_text_or_have_sub_steps() -> None:
    m = measure(steps=["จัดทำคู่มือ", {"text": "เผยแพร่", "steps": ["เว็บไซต์", "บอร์ด"]}, 3])
    assert m.steps == [Step(text="จัดทำคู่มือ"), Step(text="เผยแพร่", steps=["เว็บไซต์", "บอร์ด"]), Step(text="3")]


def test_timeframe_may_be_the_printed_text_or_dates() -> None:
    assert measure(timeframe="ต.ค.๖๖- ก.ย.๖๗").timeframe == Timeframe(text="ต.ค.๖๖- ก.ย.๖๗")
    tf = measure(timeframe={"start": "1 ต.ค. 2568", "end": "2569-09-30"}).timeframe
    assert (tf.start, tf.end) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    assert measure().timeframe == Timeframe()


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("done", Status.done),
        ("ดำเนินการแล้วเสร็จ", Status.done),
        ("แล้วเสร็จ", Status.done),
        ("เสร็จสิ้น", Status.done),
        ("อยู่ระหว่างดำเนินการ", Status.in_progress),
        ("ยังไม่ได้ดำเนินการ", Status.not_started),
        (" ตามแผน ", Status.planned),
    ],
)
def test_status_by_code_or_thai_label(written: str, status: Status) -> None:
    assert measure(status=written).status is status


def test_status_labels_and_default() -> None:
    assert measure().status is Status.planned
    assert [s.label for s in Status] == ["ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ", "ยังไม่ดำเนินการ", "อยู่ในแผน"]


def test_default_rounds_are_6_and_12_months() -> None:
    assert MeasurePlan().rounds == [Round(id="6m", label="รอบ 6 เดือน"), Round(id="12m", label="รอบ 12 เดือน")]
    assert MeasurePlan(rounds=[{"id": "12m", "label": "ปีเดียว"}]).rounds == [Round(id="12m", label="ปีเดียว")]  # type: ignore[list-item]


def test_tool_notes_are_keyed_by_tool() -> None:
    result = Result.model_validate({"total": 90, "level": "ผ่าน", "tool_notes": {"IIT": "ข้อความ", "OIT": ["ก", "ข"]}})
    assert result.tool_notes == {Tool.IIT: ["ข้อความ"], Tool.OIT: ["ก", "ข"]}


def test_models_are_immutable_and_refuse_unknown_keys() -> None:
    org = Organisation.model_validate({"name": "อบต.ทดสอบ", "type": "องค์การบริหารส่วนตำบล"})
    with pytest.raises(ValidationError):
        org.name = "อื่น"  # type: ignore[misc]
    with pytest.raises(ValidationError) as exc:
        Organisation.model_validate({"name": "ก", "type": "ข", "nmae": "ค"})
    assert [(e["type"], e["loc"]) for e in exc.value.errors()] == [("extra_forbidden", ("nmae",))]


def test_links_are_stripped_and_kept_as_written() -> None:
    assert Link.model_validate({"title": " ประกาศ ", "url": "  https://example.go.th/a.pdf  "}) == Link(
        title="ประกาศ", url="https://example.go.th/a.pdf"
    )


def test_json_dump_writes_dates_as_iso_and_code_ranges_as_printed() -> None:
    m = measure(questions=["o7 – o14", "I1"], timeframe={"start": "1 ต.ค. 2568"})
    dumped = m.model_dump(mode="json")
    assert dumped["questions"] == ["o7–o14", "i1"]
    assert dumped["timeframe"] == {"text": None, "start": "2025-10-01", "end": None}
    assert dumped["status"] == "planned"

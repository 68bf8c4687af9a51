"""The editor's forms from the JSON Schemas, and the edits a submitted form becomes: only what changed, Thai digits
and Thai dates kept as typed, one-line steps kept one line, removed entries removed, labels and menus."""

from __future__ import annotations

from pathlib import Path

from generator.clerk.editor.fields import file_spec, spec_at
from generator.clerk.editor.formdata import Edit, Entry, diff_value, form_value, name_path, plain_value, yaml_value
from generator.clerk.editor.menus import year_menus
from generator.clerk.editor.records import apply_edits
from generator.clerk.yaml_edit import dump_yaml, roundtrip_yaml

ROOT = Path(__file__).resolve().parent.parent
PLAN = """\
measures:
  - id: m1
    title: มาตรการ  # title as printed
    steps:
      - ขั้นแรก  # one line
      - text: ขั้นสอง
        steps:
          - ย่อย
    status: ดำเนินการแล้วเสร็จ
    results:
      - round: 6m
        actions: [ทำแล้ว]
      - round: 12m  # second round
        actions: [ทำต่อ]
"""
MEASURE = ("measures", 0)


def _measure() -> tuple[object, object]:
    spec = spec_at(file_spec("2569/measures.yml"), MEASURE)
    doc = roundtrip_yaml().load(PLAN)
    return spec, doc


def test_the_measure_form_has_thai_labels_menus_and_lists() -> None:
    spec = spec_at(file_spec("2569/measures.yml"), MEASURE)
    assert spec is not None
    kinds = {c.key: (c.kind, c.label) for c in spec.children}
    assert kinds["title"] == ("text", "ชื่อมาตรการ/หัวข้อ")
    assert kinds["status"][0] == "choice" and kinds["owners"][0] == "multi" and kinds["indicators"][0] == "multi"
    assert kinds["results"][0] == "list" and kinds["approach"][0] == "lines" and kinds["timeframe"][0] == "object"
    results = spec.child("results")
    assert results is not None and results.item is not None
    assert [(c.key, c.kind) for c in results.item.children][:3] == [("round", "choice"), ("status", "choice"), ("date", "date")]
    result = file_spec("2568/result.yml")
    assert result.child("indicators").kind == "list"  # type: ignore[union-attr]
    assert result.child("tool_notes").kind == "raw"  # type: ignore[union-attr]


def test_an_unchanged_form_is_no_edit_even_for_a_thai_status_label_and_a_one_line_step() -> None:
    spec, doc = _measure()
    value = plain_value(spec, doc["measures"][0])  # type: ignore[arg-type,index]
    assert value["status"] == "done"
    assert value["steps"][0] == Entry(0, {"text": "ขั้นแรก", "steps": []})
    assert diff_value(spec, doc["measures"][0], value, MEASURE) == []  # type: ignore[arg-type,index]


def test_a_one_line_step_stays_one_line_and_its_comment_stays() -> None:
    spec, doc = _measure()
    value = plain_value(spec, doc["measures"][0])  # type: ignore[arg-type,index]
    value["steps"][0] = Entry(0, {"text": "ขั้นแรก (แก้)", "steps": []})
    edits = diff_value(spec, doc["measures"][0], value, MEASURE)  # type: ignore[arg-type,index]
    assert edits == [Edit(("measures", 0, "steps", 0), "ขั้นแรก (แก้)")]
    assert "      - ขั้นแรก (แก้)  # one line\n" in dump_yaml(apply_edits(doc, "2569/measures.yml", edits))


def test_removing_an_entry_removes_only_it() -> None:
    spec, doc = _measure()
    value = plain_value(spec, doc["measures"][0])  # type: ignore[arg-type,index]
    value["results"] = value["results"][1:]
    edits = diff_value(spec, doc["measures"][0], value, MEASURE)  # type: ignore[arg-type,index]
    assert edits == [Edit(("measures", 0, "results", 0), remove=True)]
    text = dump_yaml(apply_edits(doc, "2569/measures.yml", edits))
    assert "round: 6m" not in text and "      - round: 12m  # second round\n" in text


def test_typed_values_are_written_as_the_models_read_them() -> None:
    score = spec_at(file_spec("2568/result.yml"), ("indicators", 0, "score"))
    date = spec_at(file_spec("2569/measures.yml"), ("measures", 0, "timeframe", "end"))
    assert score is not None and date is not None
    assert dump_yaml({"s": yaml_value(score, "94.50")}) == "s: 94.50\n"
    assert yaml_value(score, "๙๔.๕๐") == "๙๔.๕๐"  # Thai digits stay as typed; the model reads them
    assert dump_yaml({"d": yaml_value(date, "2569-09-30")}) == "d: 2569-09-30\n"
    assert yaml_value(date, "30 ก.ย. 2569") == "30 ก.ย. 2569"


def test_a_submitted_form_is_read_back_with_entry_origins() -> None:
    spec = spec_at(file_spec("2569/measures.yml"), MEASURE)
    assert spec is not None
    form = {"measures.0.title": [" ชื่อ "], "measures.0.results.0._from": ["1"], "measures.0.results.0.round": ["12m"],
            "measures.0.results.1._from": [""], "measures.0.results.1.round": ["6m"],
            "measures.0.owners._multi": ["1"], "measures.0.owners": ["klang", "palad"], "measures.0.approach": ["ก\n\nข\n"]}
    value = form_value(spec, form, "measures.0")
    assert value["title"] == "ชื่อ" and value["owners"] == ["klang", "palad"] and value["approach"] == ["ก", "ข"]
    assert [(e.origin, e.value["round"]) for e in value["results"]] == [(1, "12m"), (None, "6m")]
    assert value["indicators"] is None  # not in the form: left alone


def test_menus_come_from_the_site() -> None:
    menus = year_menus(ROOT / "content", None, 2569)
    spec = spec_at(file_spec("2569/measures.yml"), MEASURE)
    assert spec is not None
    owners = menus.options(spec.child("owners"), ["gone"])  # type: ignore[arg-type]
    assert ("thurakan", "งานธุรการ (thurakan)") in owners and ("gone", "gone") in owners
    assert menus.options(spec.child("status"), "") == [  # type: ignore[arg-type]
        ("done", "ดำเนินการแล้วเสร็จ"), ("in_progress", "อยู่ระหว่างดำเนินการ"), ("not_started", "ยังไม่ดำเนินการ"), ("planned", "อยู่ในแผน")]
    assert menus.rounds == [("6m", "รอบ 6 เดือน"), ("12m", "รอบ 12 เดือน")]
    assert menus.indicators[0] == ("1", "1. การปฏิบัติหน้าที่")


def test_only_short_ascii_digits_are_list_positions_and_only_short_numbers_go_through_yaml() -> None:
    assert name_path("items.0.links.12") == ("items", 0, "links", 12)
    assert name_path("items.²") == ("items", "²") and name_path("items.๑") == ("items", "๑")
    assert name_path("items.1234567") == ("items", "1234567")
    score = spec_at(file_spec("2568/result.yml"), ("indicators", 0, "score"))
    assert score is not None and score.kind == "number"
    assert yaml_value(score, "94.50") == 94.5 and yaml_value(score, "9" * 5000) == "9" * 5000

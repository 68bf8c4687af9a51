"""Round-trip YAML edits (generator/clerk/yaml_edit.py): comments, key order and untouched values stay as they were."""

from __future__ import annotations

from pathlib import Path

from generator.clerk.yaml_edit import Change, edited_texts
from generator.load.yaml import load_yaml

MEASURES = """\
# plan
measures:
  - id: m1  # first
    title: เดิม
    timeframe: ต.ค.68 – ก.ย.69
    notes:
      - a
"""


def edit(tmp_path: Path, *changes: Change) -> str:
    (tmp_path / "measures.yml").write_text(MEASURES, encoding="utf-8")
    return edited_texts(tmp_path, list(changes))["measures.yml"]


def test_set_keeps_comments_and_order(tmp_path: Path) -> None:
    text = edit(tmp_path, Change("measures.yml", ("measures", 0, "title"), "ใหม่"))
    assert text == MEASURES.replace("title: เดิม", "title: ใหม่")


def test_removing_a_value_deletes_its_key(tmp_path: Path) -> None:
    text = edit(tmp_path, Change("measures.yml", ("measures", 0, "notes"), None))
    assert text == MEASURES.replace("    notes:\n      - a\n", "")


def test_a_date_turns_a_text_timeframe_into_a_mapping(tmp_path: Path) -> None:
    text = edit(tmp_path, Change("measures.yml", ("measures", 0, "timeframe", "end"), "2569-09-30"))
    assert "    timeframe:\n      text: ต.ค.68 – ก.ย.69\n      end: '2569-09-30'\n" in text


def test_new_items_are_appended_and_new_files_start_empty(tmp_path: Path) -> None:
    text = edit(tmp_path, Change("measures.yml", ("measures", 1, "id"), "m2"))
    assert text.endswith("      - a\n  - id: m2\n")
    new = edited_texts(tmp_path, [Change("2570/oit.yml", ("items", 0, "item"), "o1")])
    assert new == {"2570/oit.yml": "items:\n  - item: o1\n"}


# Text a clerk may type that YAML or a spreadsheet would read as something else.
LOOKALIKES = [
    "=> จัดประชุมคณะทำงาน", '=HYPERLINK("http://evil.example/","x")', "+66 2 123 4567", "-เจ้าหน้าที่", "- ข้อ ๑", "@SUM(1)",
    "#N/A", "# ไม่ใช่หมายเหตุ", "'ในเครื่องหมายคำพูด'", "''", "'=1+1", '"คำพูด"', ": x", "x: y", "true", "null", "~", "94,50",
    "2569-04-17", "010", "1e3", "*ref", "&anchor", "!tag", "%x", "|", ">", "[a]", "{a: b}", "`x`", " ช่องว่างรอบ ",
]


def test_text_that_looks_like_a_formula_or_yaml_reads_back_as_written(tmp_path: Path) -> None:
    changes = [Change("measures.yml", ("measures", 0, "notes", i), text) for i, text in enumerate(LOOKALIKES)]
    (tmp_path / "out.yml").write_text(edit(tmp_path, *changes), encoding="utf-8")
    source, findings = load_yaml(tmp_path / "out.yml", "out.yml")
    assert findings == [] and source is not None
    assert source.data["measures"][0]["notes"] == LOOKALIKES

"""YAML loading (generator/load.py): every problem located at file:line:col, positions kept for validation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.errors import Finding
from generator.load import yaml as load
from generator.load.yaml import load_yaml
from generator.model.source import SourceFile

NOT_UTF8 = "ไฟล์ไม่ได้บันทึกเป็น UTF-8 ให้บันทึกใหม่โดยเลือกการเข้ารหัส UTF-8 (file is not UTF-8)"
TOO_DEEP = "ซ้อนกันลึกเกินไป (nested too deeply)"


def load_text(tmp_path: Path, content: str | bytes, name: str = "content/2568/result.yml") -> tuple[SourceFile | None, list[str]]:
    path = tmp_path / "f.yml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    source, findings = load_yaml(path, name)
    return source, [f.format() for f in findings]


# -- syntax ------------------------------------------------------------------------------------------------


# The mistakes clerks make most, each with the message and the line it points at (golden, in both languages).
SYNTAX_CASES = {
    "tab": "summary:\n\t- x\n",
    "missing colon": "total 90\nlevel: ผ่าน\n",
    "missing colon in a list": "measures:\n  - id: m1\n    title จัดทำ\n    status: done\n",
    "deeper indentation": "total: 90\n  level: ผ่าน\n",
    "shallower indentation": "measures:\n  - id: m1\n    title: x\n   status: done\n",
    "list item under a text": "title: x\n- item\n",
    "colon inside a text": "measures:\n  - id: m1\n    title: ขั้นตอน: ประชุม\n",
    "curly quotes from Word": "title: “ข้อความ: ยาว”\n",
    "non-breaking spaces from Word": "measures:\n  - id: m1\n\u00a0\u00a0\u00a0\u00a0title: x\n",
    "unclosed quote": 'title: "abc\nlevel: x\n',
    "unclosed bracket": "total: 90\nlevel: [ผ่าน\nsummary: x\n",
    "text starting with @": "email: @abc\n",
    "text starting with *": "total: *score\n",
    "second document": "total: 90\n---\nlevel: ผ่าน\n",
}


@pytest.mark.parametrize("lang", ["th", "en"])
def test_syntax_errors_name_the_cause_and_the_line_to_fix(tmp_path: Path, lang: str, golden: Callable[[str, str], None]) -> None:
    report = []
    for name, text in SYNTAX_CASES.items():
        path = tmp_path / "f.yml"
        path.write_text(text, encoding="utf-8")
        source, findings = load_yaml(path, "f.yml", lang)  # type: ignore[arg-type]
        assert source is None and len(findings) == 1, name
        report += [f"## {name}", text.rstrip("\n"), "->", findings[0].format(), ""]
    golden(f"errors/yaml-syntax{'.en' if lang == 'en' else ''}.txt", "\n".join(report))


def test_a_key_that_is_not_plain_text_is_refused_at_the_key(tmp_path: Path) -> None:
    source, findings = load_text(tmp_path, "total: 90\n? [a, b]\n: 1\n", name="f.yml")
    assert findings == ["f.yml:2:3: คีย์ต้องเป็นข้อความธรรมดา (a key must be plain text)"]
    assert source is not None and source.data == {"total": "90"}


# -- duplicate keys ----------------------------------------------------------------------------------------


def test_duplicate_key_is_located_at_the_second_key(tmp_path: Path) -> None:
    source, findings = load_text(tmp_path, "total: 94.50\nlevel: ผ่านดี\ntotal: 95\n")
    assert findings == [
        "content/2568/result.yml:3:1: total: คีย์ 'total' ซ้ำกับบรรทัด 1 ให้ลบหรือรวมเป็นคีย์เดียว (duplicate key, first defined on line 1)"
    ]
    assert source is not None and source.data == {"total": "94.50", "level": "ผ่านดี"}  # the first one is kept


def test_duplicate_key_inside_a_list_item_names_its_full_path(tmp_path: Path) -> None:
    text = "indicators:\n  - indicator: 1\n    score: 90\n  - indicator: 2\n    score: 80\n    score: 85\n"
    _, findings = load_text(tmp_path, text)
    assert findings == [
        "content/2568/result.yml:6:5: indicators[2].score: คีย์ 'score' ซ้ำกับบรรทัด 5 ให้ลบหรือรวมเป็นคีย์เดียว "
        "(duplicate key, first defined on line 5)"
    ]


def test_the_same_key_in_two_list_items_is_not_a_duplicate(tmp_path: Path) -> None:
    source, findings = load_text(tmp_path, "items:\n  - item: o1\n  - item: o2\n")
    assert findings == []
    assert source is not None and source.data == {"items": [{"item": "o1"}, {"item": "o2"}]}


# -- encoding ----------------------------------------------------------------------------------------------


def test_invalid_utf8_is_located_by_character_column(tmp_path: Path) -> None:
    # "ไทย" is 3 characters but 9 bytes: the column counts characters, as editors and YAML positions do.
    raw = "name: a\ntitle: ไทย".encode() + b"\xff\n"
    source, findings = load_text(tmp_path, raw)
    assert source is None
    assert findings == [f"content/2568/result.yml:2:11: {NOT_UTF8}"]


def test_a_file_saved_in_a_thai_legacy_encoding_is_refused(tmp_path: Path) -> None:
    raw = "total: 90\nlevel: ผ่านดี\n".encode("cp874")
    _, findings = load_text(tmp_path, raw)
    assert findings == [f"content/2568/result.yml:2:8: {NOT_UTF8}"]


def test_byte_order_mark_is_accepted_and_not_counted(tmp_path: Path) -> None:
    source, findings = load_text(tmp_path, b"\xef\xbb\xbftotal: 90\n")
    assert findings == []
    assert source is not None and source.data == {"total": "90"} and source.values[("total",)] == (1, 8)
    _, findings = load_text(tmp_path, b"\xef\xbb\xbftotal: 90\nlevel: \xe0\xb8\x81\xff\n")
    assert findings == [f"content/2568/result.yml:2:9: {NOT_UTF8}"]


# -- empty, unreadable, too large ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_an_empty_file_loads_as_no_data(tmp_path: Path, text: str) -> None:
    source, findings = load_text(tmp_path, text)
    assert findings == []
    assert source is not None and source.data is None


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    source, findings = load_yaml(tmp_path / "missing.yml", "content/missing.yml")
    assert source is None
    assert [f.format() for f in findings] == ["content/missing.yml:1:1: อ่านไฟล์ไม่ได้ (cannot read file): No such file or directory"]


def test_a_too_large_file_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_BYTES", 1_000_000)
    source, findings = load_text(tmp_path, "a: " + "x" * 1_000_000 + "\n")
    assert source is None
    assert findings == ["content/2568/result.yml:1:1: ไฟล์ใหญ่เกิน 1 MB (file too large)"]


# -- nesting and size limits -------------------------------------------------------------------------------


def test_deep_nesting_is_refused_where_it_gets_too_deep(tmp_path: Path) -> None:
    text = "a:" + "".join("\n" + "  " * i + "a:" for i in range(1, 60)) + " 1\n"
    source, findings = load_text(tmp_path, text)
    assert source is None
    # depth 51 is the value of the 51st nested key, on line 51 + 1, indented 2 × 51
    assert findings == [f"content/2568/result.yml:52:103: {TOO_DEEP}"]


def test_fifty_levels_are_still_accepted(tmp_path: Path) -> None:
    text = "a:" + "".join("\n" + "  " * i + "a:" for i in range(1, 50)) + " 1\n"
    source, findings = load_text(tmp_path, text)
    assert findings == []
    assert source is not None


def test_pathological_flow_nesting_does_not_crash(tmp_path: Path) -> None:
    source, findings = load_text(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert source is None
    assert findings == [f"content/2568/result.yml:1:1: {TOO_DEEP}"]


def test_a_recursive_alias_is_refused(tmp_path: Path) -> None:
    source, findings = load_text(tmp_path, "a: &x [*x]\n")
    assert source is None
    assert findings == [f"content/2568/result.yml:1:4: {TOO_DEEP}"]


def test_an_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcde", "bcdef", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    source, findings = load_text(tmp_path, "\n".join(lines) + "\n")
    assert source is None
    # 10 × 10⁵ values: the limit is crossed inside the list that every alias repeats (line 1)
    assert findings == ["content/2568/result.yml:1:32: มีข้อมูลมากเกินไป (too many values)"]


def test_aliases_within_the_limits_are_expanded(tmp_path: Path) -> None:
    source, findings = load_text(tmp_path, "a: &x [1, 2]\nb: *x\n")
    assert findings == []
    assert source is not None and source.data == {"a": ["1", "2"], "b": ["1", "2"]}


# -- values ------------------------------------------------------------------------------------------------


def test_timestamps_stay_text(tmp_path: Path) -> None:
    text = "date: 2568-10-01\nwhen: 2025-10-01 10:00:00\nupdated: 2025-10-01\n"
    source, _ = load_text(tmp_path, text)
    assert source is not None
    assert source.data == {"date": "2568-10-01", "when": "2025-10-01 10:00:00", "updated": "2025-10-01"}


def test_numbers_stay_text_for_the_models_to_read(tmp_path: Path) -> None:
    source, _ = load_text(tmp_path, "score: 94.50\nnumber: 3\ncode: o01\npassed: true\nnote: ~\nthai: ๙๔.๕๐\n")
    assert source is not None
    assert source.data == {"score": "94.50", "number": "3", "code": "o01", "passed": True, "note": None, "thai": "๙๔.๕๐"}


# -- positions ---------------------------------------------------------------------------------------------

POSITIONS = """\
name: อบต.ทดสอบ
contact:
  phone: '๐๗๗'
  links:
    - title: เฟซบุ๊ก
      url: https://example.org
"""


def test_positions_of_every_key_and_value_are_recorded(tmp_path: Path) -> None:
    source, findings = load_text(tmp_path, POSITIONS, name="content/organisation.yml")
    assert findings == [] and source is not None
    assert source.values == {
        (): (1, 1),
        ("name",): (1, 7),
        ("contact",): (3, 3),
        ("contact", "phone"): (3, 10),
        ("contact", "links"): (5, 5),
        ("contact", "links", 0): (5, 7),
        ("contact", "links", 0, "title"): (5, 14),
        ("contact", "links", 0, "url"): (6, 12),
    }
    assert source.keys == {
        ("name",): (1, 1),
        ("contact",): (2, 1),
        ("contact", "phone"): (3, 3),
        ("contact", "links"): (4, 3),
        ("contact", "links", 0, "title"): (5, 7),
        ("contact", "links", 0, "url"): (6, 7),
    }


def test_position_of_a_missing_entry_is_its_closest_existing_parent(tmp_path: Path) -> None:
    source, _ = load_text(tmp_path, POSITIONS, name="content/organisation.yml")
    assert source is not None
    assert source.position(("contact", "links", 0, "note")) == (5, 7)
    assert source.position(("contact", "fax")) == (3, 3)
    assert source.position(("units", 3, "id")) == (1, 1)
    assert source.position(("contact", "phone"), key=True) == (3, 3)
    assert source.position(("contact", "fax"), key=True) == (3, 3)  # no such key: falls back to values


def test_finding_formats_location_and_key_path(tmp_path: Path) -> None:
    source, _ = load_text(tmp_path, POSITIONS, name="content/organisation.yml")
    assert source is not None
    finding = source.finding(("contact", "links", 0, "url"), "ข้อความ")
    assert finding == Finding("content/organisation.yml", 6, 12, "contact.links[1].url", "ข้อความ")
    assert finding.format() == "content/organisation.yml:6:12: contact.links[1].url: ข้อความ"
    assert source.finding(("contact", "links"), "x", key=True).format() == "content/organisation.yml:4:3: contact.links: x"
    assert source.finding((), "x").format() == "content/organisation.yml:1:1: x"


def test_libyaml_and_pure_python_record_the_same_positions() -> None:
    """Valid files are read by libyaml for speed; its positions must be the ones the pure-Python parser gives."""
    import yaml as pyyaml

    from generator.load import yaml as load

    assert hasattr(pyyaml, "CSafeLoader"), "PyYAML was installed without libyaml"
    root = Path(__file__).resolve().parent.parent
    for path in sorted((root / "content").rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        fast = load.SourceFile(path, path.name, None)
        assert load._build_fast(text, fast) == []
        pure = load.SourceFile(path, path.name, None)
        loader = load._Loader(text)
        pure.data = load._Builder(pure, loader).build(loader.get_single_node(), ())
        assert (fast.data, fast.values, fast.keys) == (pure.data, pure.values, pure.keys), path


@pytest.mark.parametrize(("text", "tag"), [
    ("total: !!python/object:os.system x\n", "!!python/object:os.system"),
    ("total: !!timestamp 2568-10-01\n", "!!timestamp"),
    ("total: !custom 90\n", "!custom"),
])
def test_explicit_tags_are_refused_at_their_place_and_the_text_kept(tmp_path: Path, text: str, tag: str) -> None:
    source, findings = load_text(tmp_path, text, name="f.yml")
    assert source is not None and source.data == {"total": text.split(" ", 2)[2].strip()}
    assert [f.format() for f in findings] == [
        f"f.yml:1:8: total: ไม่รองรับแท็ก YAML '{tag}' ให้ลบแท็กนี้ออก เหลือแต่ค่า "
        f"(YAML tag '{tag}' is not supported; remove the tag and keep the value)"
    ]


@pytest.mark.parametrize(("typed", "kept"), [
    ("075612345", "075612345"),  # YAML 1.1: octal 16192741
    ("010", "010"),  # YAML 1.1: 8
    ("0x1F", "0x1F"),
    ("1:30", "1:30"),  # YAML 1.1: sexagesimal 90
    ("1_0", "1_0"),
    ("1.10", "1.10"),
    ("2568-10-01", "2568-10-01"),
    ("yes", "yes"),
    (".nan", ".nan"),
    ("๙๔.๕๐", "๙๔.๕๐"),
])
def test_plain_scalars_stay_the_text_typed(tmp_path: Path, typed: str, kept: str) -> None:
    source, findings = load_text(tmp_path, f"value: {typed}\n")
    assert findings == [] and source is not None and source.data == {"value": kept}


def test_null_and_true_false_keep_their_meaning(tmp_path: Path) -> None:
    source, _ = load_text(tmp_path, "a: ~\nb:\nc: null\nd: true\ne: False\n")
    assert source is not None and source.data == {"a": None, "b": None, "c": None, "d": True, "e": False}

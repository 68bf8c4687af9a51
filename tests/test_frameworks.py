"""ITA frameworks (generator/frameworks.py): the shipped years and a site's overrides of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import frameworks
from generator.load.content import load_content
from generator.load.frameworks import apply_override, load_shipped_framework, resolve_framework, shipped_years
from generator.load.validate import validate_file
from generator.load.yaml import load_yaml
from generator.messages import Lang
from generator.model.source import SourceFile
from generator.model.types import FrameworkOverride, LevelDef, Tool

ORG = "name: อบต.ทดสอบ\ntype: องค์การบริหารส่วนตำบล\n"


def override(tmp_path: Path, year: int, text: str) -> tuple[SourceFile, FrameworkOverride]:
    path = tmp_path / f"{year}.yml"
    path.write_text(text, encoding="utf-8")
    source, findings = load_yaml(path, f"content/frameworks/{year}.yml")
    assert source is not None and findings == []
    model, findings = validate_file(source, FrameworkOverride)
    assert model is not None and findings == []
    return source, model


# -- shipped frameworks ------------------------------------------------------------------------------------


def test_shipped_years() -> None:
    assert shipped_years() == [2563, 2564, 2565, 2566, 2567, 2568, 2569]


@pytest.mark.parametrize("year", [2563, 2564, 2565, 2566, 2567, 2568, 2569])
def test_every_shipped_framework_is_consistent(year: int) -> None:
    fw = load_shipped_framework(year)
    assert fw is not None and fw.year == year
    assert [t.code for t in fw.tools] == [Tool.IIT, Tool.EIT, Tool.OIT]
    assert sum(t.weight for t in fw.tools) == pytest.approx(1.0)
    assert sorted(n for t in fw.tools for n in t.indicators) == list(range(1, 11))
    assert [i.number for i in fw.indicators] == list(range(1, 11))
    oit = next(t for t in fw.tools if t.code is Tool.OIT).indicators
    assert [i.code for i in fw.items] == [f"o{n}" for n in range(1, len(fw.items) + 1)]
    assert all(i.indicator in oit for i in fw.items)
    for q in fw.questions:
        tool = {"i": Tool.IIT, "e": Tool.EIT}[q.code[0]]
        assert q.indicator in next(t for t in fw.tools if t.code is tool).indicators, q.code
    bands = [lv.min_total for lv in fw.levels]
    assert bands == sorted(bands, reverse=True), "levels are tried from the highest band down"


def test_the_shipped_oit_lists_of_the_years_differ() -> None:
    counts = {year: len(load_shipped_framework(year).items) for year in shipped_years()}  # type: ignore[union-attr]
    assert counts == {2563: 43, 2564: 43, 2565: 43, 2566: 43, 2567: 43, 2568: 28, 2569: 26}


def test_letter_grades_up_to_2565_and_pass_levels_after() -> None:
    assert [lv.name for lv in load_shipped_framework(2565).levels][:2] == ["AA", "A"]  # type: ignore[union-attr]
    assert [lv.name for lv in load_shipped_framework(2566).levels] == ["ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ไม่ผ่าน"]  # type: ignore[union-attr]


def test_no_shipped_framework_for_an_unknown_year() -> None:
    assert load_shipped_framework(2570) is None
    assert resolve_framework(2570, {}) == (None, [])


def test_a_broken_shipped_framework_is_a_bug_not_a_user_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "2568.yml").write_text("year: 2568\nconfidence: sure\n", encoding="utf-8")
    monkeypatch.setattr(frameworks, "SHIPPED_DIR", tmp_path)
    with pytest.raises(RuntimeError) as exc:
        load_shipped_framework(2568)
    assert str(exc.value).startswith("invalid shipped framework:\ngenerator/frameworks/2568.yml:2:13: confidence: ")


# -- overrides ---------------------------------------------------------------------------------------------

OVERRIDE = """\
extends: 2569
source: [หนังสือ ป.ป.ช. ที่ ปช 0001/2570]
confidence: verified
indicators:
  - {number: 9, name: การเปิดเผยข้อมูลสาธารณะ}
questions:
  - {code: i1, indicator: 1, text: ข้อคำถามใหม่}
items:
  - {code: o3, indicator: 9, title: ข้อมูลการติดต่อ (ฉบับแก้)}
  - {code: o30, indicator: 10, title: ข้อใหม่ของปี}
remove_items: [o5, ข้อ O06]
levels:
  - {name: ดีมาก, min_total: 90, passed: true}
  - {name: ต้องปรับปรุง, min_total: 0, passed: false}
"""


def test_apply_override_merges_items_by_code_removes_and_replaces_levels(tmp_path: Path) -> None:
    base = load_shipped_framework(2569)
    assert base is not None
    _, ov = override(tmp_path, 2570, OVERRIDE)
    fw = apply_override(base, 2570, ov)
    assert fw.year == 2570
    # items: o3 replaced, o30 added, o5 and o6 removed, numeric order kept
    codes = [i.code for i in fw.items]
    assert codes == [f"o{n}" for n in range(1, 27) if n not in (5, 6)] + ["o30"]
    assert next(i for i in fw.items if i.code == "o3").title == "ข้อมูลการติดต่อ (ฉบับแก้)"
    assert next(i for i in fw.items if i.code == "o4") == next(i for i in base.items if i.code == "o4")
    # levels replaced as a whole
    assert fw.levels == [
        LevelDef(name="ดีมาก", min_total=90, passed=True),
        LevelDef(name="ต้องปรับปรุง", min_total=0, passed=False),
    ]
    # indicators replaced by number, still ten in order
    assert [i.number for i in fw.indicators] == list(range(1, 11))
    assert fw.indicators[8].name == "การเปิดเผยข้อมูลสาธารณะ"
    assert fw.indicators[0] == base.indicators[0]
    # questions added by code
    assert [(q.code, q.text) for q in fw.questions] == [("i1", "ข้อคำถามใหม่")]
    # what the override does not set stays as in the base
    assert (fw.tools, fw.pass_mark) == (base.tools, base.pass_mark)
    assert fw.confidence == "verified"
    assert fw.source == [*base.source, "หนังสือ ป.ป.ช. ที่ ปช 0001/2570"]
    assert base.year == 2569 and len(base.items) == 26  # the base is not changed


def test_an_override_of_a_shipped_year_without_extends(tmp_path: Path) -> None:
    overrides = {2568: override(tmp_path, 2568, "remove_items: [o28]\npass_mark: 90\n")}
    fw, findings = resolve_framework(2568, overrides)
    assert findings == [] and fw is not None
    assert (fw.year, fw.pass_mark, fw.items[-1].code, fw.confidence) == (2568, 90, "o27", "provisional")


def test_an_override_may_extend_another_overridden_year(tmp_path: Path) -> None:
    overrides = {
        2570: override(tmp_path, 2570, "extends: 2569\nitems:\n  - {code: o27, indicator: 10, title: ข้อของ 2570}\n"),
        2571: override(tmp_path, 2571, "extends: 2570\nitems:\n  - {code: o28, indicator: 10, title: ข้อของ 2571}\n"),
    }
    fw, findings = resolve_framework(2571, overrides)
    assert findings == [] and fw is not None
    assert fw.year == 2571
    assert [i.code for i in fw.items][-3:] == ["o26", "o27", "o28"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("th", "content/frameworks/2571.yml:1:10: extends: ไม่มีกรอบการประเมินของปี 2580 ให้ใส่ extends: ปีที่มีกรอบแล้ว (เช่น 2569)"),
        ("en", "content/frameworks/2571.yml:1:10: extends: no framework for 2580; set extends: to a year that has one (e.g. 2569)"),
    ],
)
def test_extending_a_year_without_framework_is_located_at_extends(tmp_path: Path, lang: Lang, expected: str) -> None:
    fw, findings = resolve_framework(2571, {2571: override(tmp_path, 2571, "extends: 2580\n")}, lang)
    assert fw is None
    assert [f.format() for f in findings] == [expected]


def test_an_override_of_a_new_year_without_extends(tmp_path: Path) -> None:
    fw, findings = resolve_framework(2571, {2571: override(tmp_path, 2571, "source: [x]\n")})
    assert fw is None
    assert [f.format() for f in findings] == [
        "content/frameworks/2571.yml:1:1: ไม่มีกรอบการประเมินของปี 2571 ให้ใส่ extends: ปีที่มีกรอบแล้ว (เช่น 2569)"
    ]


def test_two_overrides_extending_each_other_are_both_reported(tmp_path: Path) -> None:
    overrides = {
        2571: override(tmp_path, 2571, "extends: 2572\n"),
        2572: override(tmp_path, 2572, "extends: 2571\n"),
    }
    assert [f.format() for f in resolve_framework(2571, overrides)[1]] == [
        "content/frameworks/2572.yml:1:10: extends: ไม่มีกรอบการประเมินของปี 2571 ให้ใส่ extends: ปีที่มีกรอบแล้ว (เช่น 2569)"
    ]
    assert [f.format() for f in resolve_framework(2572, overrides)[1]] == [
        "content/frameworks/2571.yml:1:10: extends: ไม่มีกรอบการประเมินของปี 2572 ให้ใส่ extends: ปีที่มีกรอบแล้ว (เช่น 2569)"
    ]


def test_a_site_override_is_the_framework_its_year_uses(site_dir) -> None:  # type: ignore[no-untyped-def]
    root = site_dir({
        "organisation.yml": ORG,
        "frameworks/2570.yml": OVERRIDE,
        "2570/result.yml": "total: 92\nlevel: ดีมาก\n",
    })
    site, findings = load_content(root / "content", root)
    assert findings == []
    assert site is not None
    fw = site.years[2570].framework
    assert fw is site.frameworks[2570]
    assert [lv.name for lv in fw.levels] == ["ดีมาก", "ต้องปรับปรุง"]
    assert "o30" in [i.code for i in fw.items] and "o5" not in [i.code for i in fw.items]
    assert sorted(site.sources) == ["2570/result.yml", "frameworks/2570", "organisation.yml"]

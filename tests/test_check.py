"""Rules across files and arithmetic (generator/check.py), and the full error report a clerk reads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import ContentError, Severity, sort_findings
from generator.messages import Lang
from generator.model.scoring import computed_total, indicator_mean, level_for
from generator.model.types import Tool
from generator.pipeline import check_content

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_INPUTS = Path(__file__).resolve().parent / "golden_inputs" / "errors"

ORG = """\
name: อบต.ทดสอบ
type: องค์การบริหารส่วนตำบล
units:
  - id: palad
    name: สำนักปลัด
  - id: klang
    name: กองคลัง
"""


def report(root: Path, lang: Lang = "th") -> list[str]:
    """Every finding of the site (load, validate and check), formatted and sorted as `itasite check` prints them."""
    site, findings = check_content(root / "content", root, lang)
    assert site is not None, "\n".join(f.format() for f in findings)
    return [f.format() for f in sort_findings(findings)]


def result(total: float, level: str, scores: dict[int, float], *, tools: str = "", extra: str = "") -> str:
    lines = [f"total: {total}", f"level: {level}"]
    if tools:
        lines.append(f"tools: {tools}")
    lines.append("indicators:")
    for number, score in scores.items():
        lines += [f"  - indicator: {number}", f"    score: {score}"]
    return "\n".join(lines) + "\n" + extra


# IIT mean 97, EIT mean 91, OIT mean 99: 0.3 × 97 + 0.3 × 91 + 0.4 × 99 = 96.00; EIT < 95, so ผ่านดี in 2568.
SCORES = {1: 95, 2: 96, 3: 97, 4: 98, 5: 99, 6: 90, 7: 91, 8: 92, 9: 100, 10: 98}


def test_consistent_scores_give_no_finding(site_dir) -> None:  # type: ignore[no-untyped-def]
    assert report(site_dir({"organisation.yml": ORG, "2568/result.yml": result(96.00, "ผ่านดี", SCORES)})) == []


# -- question and item codes -------------------------------------------------------------------------------

QUESTIONS = """\
total: 90
level: ผ่าน
indicators:
  - indicator: 1
    score: 90
    questions:
      - {code: i1, score: 90}
      - {code: i4, score: 90}
      - {code: i99, score: 90}
      - {code: I1, score: 90}
  - indicator: 9
    score: 90
    questions:
      - {code: o27 - o30, score: 90}
      - {code: e1, score: 90}
"""


def test_unknown_codes_and_codes_in_the_wrong_indicator(site_dir) -> None:  # type: ignore[no-untyped-def]
    root = site_dir({"organisation.yml": ORG, "2568/result.yml": QUESTIONS})
    assert report(root) == [
        "content/2568/result.yml:8:16: indicators[1].questions[2].code: ข้อ i4 อยู่ในตัวชี้วัดที่ 2 ไม่ใช่ตัวชี้วัดที่ 1 (กรอบปี 2568)",
        "content/2568/result.yml:9:16: indicators[1].questions[3].code: "
        "ไม่มีข้อ i99 ในกรอบการประเมินปี 2568 ตรวจรหัส หรือเพิ่มใน frameworks/2568.yml",
        "content/2568/result.yml:10:16: indicators[1].questions[4].code: ข้อ i1 ซ้ำในตัวชี้วัดนี้",
        "content/2568/result.yml:14:16: indicators[2].questions[1].code: ข้อ o27 อยู่ในตัวชี้วัดที่ 10 ไม่ใช่ตัวชี้วัดที่ 9 (กรอบปี 2568)",
        "content/2568/result.yml:14:16: indicators[2].questions[1].code: ข้อ o28 อยู่ในตัวชี้วัดที่ 10 ไม่ใช่ตัวชี้วัดที่ 9 (กรอบปี 2568)",
        "content/2568/result.yml:14:16: indicators[2].questions[1].code: "
        "ไม่มีข้อ o29 ในกรอบการประเมินปี 2568 ตรวจรหัส หรือเพิ่มใน frameworks/2568.yml",
        "content/2568/result.yml:14:16: indicators[2].questions[1].code: "
        "ไม่มีข้อ o30 ในกรอบการประเมินปี 2568 ตรวจรหัส หรือเพิ่มใน frameworks/2568.yml",
        "content/2568/result.yml:15:16: indicators[2].questions[2].code: ข้อ e1 อยู่ในตัวชี้วัดที่ 6 ไม่ใช่ตัวชี้วัดที่ 9 (กรอบปี 2568)",
    ]
    assert report(root, "en") == [
        "content/2568/result.yml:8:16: indicators[1].questions[2].code: i4 belongs to indicator 2, not 1 (2568 framework)",
        "content/2568/result.yml:9:16: indicators[1].questions[3].code: "
        "i99 is not in the 2568 framework; check the code or add it in frameworks/2568.yml",
        "content/2568/result.yml:10:16: indicators[1].questions[4].code: i1 appears twice in this indicator",
        "content/2568/result.yml:14:16: indicators[2].questions[1].code: o27 belongs to indicator 10, not 9 (2568 framework)",
        "content/2568/result.yml:14:16: indicators[2].questions[1].code: o28 belongs to indicator 10, not 9 (2568 framework)",
        "content/2568/result.yml:14:16: indicators[2].questions[1].code: "
        "o29 is not in the 2568 framework; check the code or add it in frameworks/2568.yml",
        "content/2568/result.yml:14:16: indicators[2].questions[1].code: "
        "o30 is not in the 2568 framework; check the code or add it in frameworks/2568.yml",
        "content/2568/result.yml:15:16: indicators[2].questions[2].code: e1 belongs to indicator 6, not 9 (2568 framework)",
    ]


def test_when_a_year_lists_no_questions_only_the_tool_of_a_code_is_checked(site_dir) -> None:  # type: ignore[no-untyped-def]
    # 2566 lists OIT items but no IIT/EIT questions: e1 cannot be checked by number, but EIT is not indicator 9.
    root = site_dir({"organisation.yml": ORG, "2566/result.yml": QUESTIONS.replace("o27 - o30", "o43-o44")})
    assert report(root) == [
        "content/2566/result.yml:10:16: indicators[1].questions[4].code: ข้อ i1 ซ้ำในตัวชี้วัดนี้",
        "content/2566/result.yml:14:16: indicators[2].questions[1].code: ข้อ o43 อยู่ในตัวชี้วัดที่ 10 ไม่ใช่ตัวชี้วัดที่ 9 (กรอบปี 2566)",
        "content/2566/result.yml:14:16: indicators[2].questions[1].code: "
        "ไม่มีข้อ o44 ในกรอบการประเมินปี 2566 ตรวจรหัส หรือเพิ่มใน frameworks/2566.yml",
        "content/2566/result.yml:15:16: indicators[2].questions[2].code: ข้อ e1 เป็นของเครื่องมือ EIT แต่ตัวชี้วัดที่ 9 ไม่ใช่",
    ]
    assert report(root, "en")[-1] == (
        "content/2566/result.yml:15:16: indicators[2].questions[2].code: "
        "e1 belongs to EIT, but indicator 9 does not"
    )


def test_the_same_indicator_twice(site_dir) -> None:  # type: ignore[no-untyped-def]
    text = "total: 90\nlevel: ผ่าน\nindicators:\n  - {indicator: 1, score: 90}\n  - {indicator: ๑, score: 91}\n"
    root = site_dir({"organisation.yml": ORG, "2568/result.yml": text})
    assert report(root) == ["content/2568/result.yml:5:17: indicators[2].indicator: ตัวชี้วัดที่ 1 ซ้ำกับ indicators[1]"]
    assert report(root, "en") == ["content/2568/result.yml:5:17: indicators[2].indicator: indicator 1 repeats indicators[1]"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("th", "content/2568/result.yml:2:8: level: ระดับ 'ดีมาก' ไม่มีในเกณฑ์ปี 2568 ค่าที่ใช้ได้: ผ่านดีเยี่ยม, ผ่านดี, ผ่าน, ไม่ผ่าน"),
        ("en", "content/2568/result.yml:2:8: level: level 'ดีมาก' is not a 2568 level; use one of: ผ่านดีเยี่ยม, ผ่านดี, ผ่าน, ไม่ผ่าน"),
    ],
)
def test_unknown_level(site_dir, lang: Lang, expected: str) -> None:  # type: ignore[no-untyped-def]
    root = site_dir({"organisation.yml": ORG, "2568/result.yml": "total: 90\nlevel: ดีมาก\n"})
    assert report(root, lang) == [expected]


def test_letter_grades_are_the_levels_up_to_2565(site_dir) -> None:  # type: ignore[no-untyped-def]
    root = site_dir({"organisation.yml": ORG, "2563/result.yml": "total: 90\nlevel: ผ่านดี\n"})
    assert report(root, "en") == [
        "content/2563/result.yml:2:8: level: level 'ผ่านดี' is not a 2563 level; use one of: AA, A, B, C, D, E, F"
    ]


# -- organisation ------------------------------------------------------------------------------------------


def test_duplicate_unit_ids_and_unknown_parents(site_dir) -> None:  # type: ignore[no-untyped-def]
    org = ORG + "  - id: palad\n    name: สำนักปลัด (ซ้ำ)\n  - id: phatsadu\n    name: งานพัสดุ\n    parent: khlang\n"
    root = site_dir({"organisation.yml": org})
    assert report(root) == [
        "content/organisation.yml:8:9: units[3].id: id 'palad' ซ้ำกับ units[1] ให้ตั้ง id ใหม่",
        "content/organisation.yml:12:13: units[4].parent: ไม่พบหน่วยงาน id 'khlang' ใน units",
    ]
    assert report(root, "en") == [
        "content/organisation.yml:8:9: units[3].id: id 'palad' repeats units[1]; choose another id",
        "content/organisation.yml:12:13: units[4].parent: no unit with id 'khlang' in units",
    ]


def test_logo_must_be_an_image_file_in_the_content_folder(site_dir) -> None:  # type: ignore[no-untyped-def]
    root = site_dir({"organisation.yml": "logo: images/logo.png\n" + ORG})
    assert report(root) == ["content/organisation.yml:1:7: logo: ไม่พบไฟล์ตราหน่วยงาน 'images/logo.png' ในโฟลเดอร์ content"]
    assert report(root, "en") == ["content/organisation.yml:1:7: logo: the logo file 'images/logo.png' is not in the content folder"]
    (root / "content" / "images").mkdir()
    (root / "content" / "images" / "logo.png").write_bytes(b"\x89PNG")
    assert report(root) == []


def test_logo_outside_the_content_folder_is_refused(site_dir) -> None:  # type: ignore[no-untyped-def]
    root = site_dir({"organisation.yml": "logo: ../secret.png\n" + ORG})
    site, findings = check_content(root / "content", root)
    assert [f.format() for f in findings] == [
        "content/organisation.yml:1:7: logo: ต้องเป็นไฟล์รูปในโฟลเดอร์ content เช่น images/logo.png"
        " (a-z 0-9 _ - / ห้ามมี .. หรือ / นำหน้า) ได้ '../secret.png'"
    ]


# -- measures ----------------------------------------------------------------------------------------------

MEASURES = """\
rounds:
  - {id: 6m, label: รอบ 6 เดือน}
  - {id: 12m, label: รอบ 12 เดือน}
  - {id: 6m, label: รอบ 6 เดือน (ซ้ำ)}
measures:
  - id: m1
    title: คู่มือการปฏิบัติงาน
    owners: [palad, nitikorn]
    questions: [i1, i99, o27-o29]
    results:
      - round: 6m
      - round: 9m
      - round: 6m
  - id: m1
    title: E-Service
    owners: phatsadu
"""


def test_measure_references(site_dir) -> None:  # type: ignore[no-untyped-def]
    root = site_dir({"organisation.yml": ORG, "2569/measures.yml": MEASURES})
    assert report(root) == [
        "content/2569/measures.yml:4:10: rounds[3].id: รอบ '6m' ซ้ำกับ rounds[1]",
        "content/2569/measures.yml:8:21: measures[1].owners[2]: "
        "ไม่พบหน่วยงาน id 'nitikorn' ให้เพิ่มใน units ของ organisation.yml หรือแก้ id (ที่มี: palad = สำนักปลัด, klang = กองคลัง)",
        "content/2569/measures.yml:9:21: measures[1].questions[2]: "
        "ไม่มีข้อ i99 ในกรอบการประเมินปี 2568 ตรวจรหัส หรือเพิ่มใน frameworks/2568.yml",
        "content/2569/measures.yml:9:26: measures[1].questions[3]: "
        "ไม่มีข้อ o29 ในกรอบการประเมินปี 2568 ตรวจรหัส หรือเพิ่มใน frameworks/2568.yml",
        "content/2569/measures.yml:12:16: measures[1].results[2].round: ไม่มีรอบ '9m' ใน rounds ค่าที่ใช้ได้: 6m, 12m, 6m",
        "content/2569/measures.yml:13:16: measures[1].results[3].round: รายงานรอบ '6m' ซ้ำ",
        "content/2569/measures.yml:14:9: measures[2].id: id 'm1' ซ้ำกับ measures[1] ทุกมาตรการต้องมี id ไม่ซ้ำกัน",
        "content/2569/measures.yml:16:13: measures[2].owners[1]: "
        "ไม่พบหน่วยงาน id 'phatsadu' ให้เพิ่มใน units ของ organisation.yml หรือแก้ id (ที่มี: palad = สำนักปลัด, klang = กองคลัง)",
    ]
    assert report(root, "en") == [
        "content/2569/measures.yml:4:10: rounds[3].id: round '6m' repeats rounds[1]",
        "content/2569/measures.yml:8:21: measures[1].owners[2]: "
        "no unit with id 'nitikorn'; add it to units in organisation.yml or fix the id (known: palad = สำนักปลัด, klang = กองคลัง)",
        "content/2569/measures.yml:9:21: measures[1].questions[2]: "
        "i99 is not in the 2568 framework; check the code or add it in frameworks/2568.yml",
        "content/2569/measures.yml:9:26: measures[1].questions[3]: "
        "o29 is not in the 2568 framework; check the code or add it in frameworks/2568.yml",
        "content/2569/measures.yml:12:16: measures[1].results[2].round: no round '9m' in rounds; use one of: 6m, 12m, 6m",
        "content/2569/measures.yml:13:16: measures[1].results[3].round: round '6m' is reported twice",
        "content/2569/measures.yml:14:9: measures[2].id: id 'm1' repeats measures[1]; every measure needs its own id",
        "content/2569/measures.yml:16:13: measures[2].owners[1]: "
        "no unit with id 'phatsadu'; add it to units in organisation.yml or fix the id (known: palad = สำนักปลัด, klang = กองคลัง)",
    ]


def test_measure_codes_are_checked_against_the_year_they_answer(site_dir) -> None:  # type: ignore[no-untyped-def]
    # o27 exists in 2568 (28 items) but not in 2569 (26 items): based_on decides.
    text = "based_on: 2569\nmeasures:\n  - id: m1\n    title: t\n    questions: o27\n"
    root = site_dir({"organisation.yml": ORG, "2570/measures.yml": text, "frameworks/2570.yml": "extends: 2569\n"})
    assert report(root) == [
        "content/2570/measures.yml:5:16: measures[1].questions[1]: "
        "ไม่มีข้อ o27 ในกรอบการประเมินปี 2569 ตรวจรหัส หรือเพิ่มใน frameworks/2569.yml"
    ]


def test_the_default_rounds_are_6m_and_12m(site_dir) -> None:  # type: ignore[no-untyped-def]
    text = "measures:\n  - id: m1\n    title: t\n    results:\n      - round: 6m\n      - round: 12m\n      - round: 3m\n"
    root = site_dir({"organisation.yml": ORG, "2569/measures.yml": text})
    assert report(root, "en") == [
        "content/2569/measures.yml:7:16: measures[1].results[3].round: no round '3m' in rounds; use one of: 6m, 12m"
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("th", "content/2564/measures.yml:1:11: based_on: ไม่มีกรอบการประเมินของปี 2560 ที่มาตรการอ้างถึง ให้สร้าง frameworks/2560.yml"),
        ("en", (
            "content/2564/measures.yml:1:11: based_on: "
            "no framework for 2560, the year these measures answer; create frameworks/2560.yml"
        )),
    ],
)
def test_measures_answering_a_year_without_framework(site_dir, lang: Lang, expected: str) -> None:  # type: ignore[no-untyped-def]
    root = site_dir({"organisation.yml": ORG, "2564/measures.yml": "based_on: 2560\n"})
    assert report(root, lang) == [expected]


def test_measures_of_the_first_framework_year_answer_a_year_without_one(site_dir) -> None:  # type: ignore[no-untyped-def]
    root = site_dir({"organisation.yml": ORG, "2563/measures.yml": "measures: []\n"})
    assert report(root) == [
        "content/2563/measures.yml:1:1: ไม่มีกรอบการประเมินของปี 2562 ที่มาตรการอ้างถึง ให้สร้าง frameworks/2562.yml"
    ]


# -- OIT disclosures ---------------------------------------------------------------------------------------

OIT = "items:\n  - item: o1\n  - item: o2\n  - item: ข้อ O1\n  - item: o27\n"


def test_duplicate_and_unknown_oit_items(site_dir) -> None:  # type: ignore[no-untyped-def]
    root = site_dir({"organisation.yml": ORG, "2569/oit.yml": OIT})
    assert report(root) == [
        "content/2569/oit.yml:4:11: items[3].item: ข้อ o1 ซ้ำกับ items[1] ให้รวมลิงก์ไว้ในรายการเดียว",
        "content/2569/oit.yml:5:11: items[4].item: ไม่มีข้อ o27 ในรายการ OIT ปี 2569 (มี o1–o26) ตรวจรหัสของปีนั้น",
    ]
    assert report(root, "en") == [
        "content/2569/oit.yml:4:11: items[3].item: o1 repeats items[1]; keep its links in one entry",
        "content/2569/oit.yml:5:11: items[4].item: o27 is not an OIT item of 2569 (o1–o26); check that year's numbering",
    ]


def test_unknown_oit_item_names_the_items_left_after_an_override(site_dir) -> None:  # type: ignore[no-untyped-def]
    fw = "extends: 2569\nremove_items: [o5, o6]\nitems:\n  - {code: o30, indicator: 10, title: ข้อใหม่}\n"
    root = site_dir({"organisation.yml": ORG, "frameworks/2570.yml": fw, "2570/oit.yml": "items:\n  - item: o5\n  - item: o30\n"})
    assert report(root, "en") == [
        "content/2570/oit.yml:2:11: items[1].item: o5 is not an OIT item of 2570 (o1–o4, o7–o26, o30); check that year's numbering"
    ]


# -- arithmetic --------------------------------------------------------------------------------------------

MUANG_MU = ROOT / "examples" / "muang-mu"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("th", "content/2566/result.yml:6:8: total: warning: คะแนนรวม 97.72 ไม่ตรงกับที่คำนวณจากตัวชี้วัด 97.69 "
               "(0.3×IIT + 0.3×EIT + 0.4×OIT) ตรวจคะแนนกับประกาศของ ป.ป.ช."),
        ("en", "content/2566/result.yml:6:8: total: warning: total 97.72 differs from 97.69 computed from the indicators "
               "(0.3×IIT + 0.3×EIT + 0.4×OIT); check against the NACC announcement"),
    ],
)
def test_total_against_the_weighted_indicators_muang_mu_2566(lang: Lang, expected: str) -> None:
    site, findings = check_content(MUANG_MU / "content", MUANG_MU, lang)
    assert site is not None
    assert [f.format() for f in findings] == [expected]
    assert findings[0].severity is Severity.warning
    year = site.years[2566]
    assert year.result is not None
    assert round(indicator_mean(year.result, year.framework, Tool.IIT), 2) == 99.89  # type: ignore[arg-type]
    assert round(indicator_mean(year.result, year.framework, Tool.EIT), 2) == 92.39  # type: ignore[arg-type]
    assert indicator_mean(year.result, year.framework, Tool.OIT) == 100
    assert round(computed_total(year.result, year.framework), 2) == 97.69  # type: ignore[arg-type]


@pytest.mark.parametrize(("total", "warned"), [(96.01, False), (95.99, False), (96.02, True), (95.98, True)])
def test_total_may_differ_by_the_rounding_of_two_decimals(site_dir, total: float, warned: bool) -> None:  # type: ignore[no-untyped-def]
    findings = report(site_dir({"organisation.yml": ORG, "2568/result.yml": result(total, "ผ่านดี", SCORES)}), "en")
    expected = (
        [f"content/2568/result.yml:1:8: total: warning: total {total:.2f} differs from 96.00 computed from the indicators "
         "(0.3×IIT + 0.3×EIT + 0.4×OIT); check against the NACC announcement"]
        if warned else []
    )
    assert findings == expected


def test_stated_tool_scores_against_their_indicators(site_dir) -> None:  # type: ignore[no-untyped-def]
    text = result(96.00, "ผ่านดี", SCORES, tools="{IIT: 97.00, EIT: 93.50, OIT: ๙๙.๐๐}")
    root = site_dir({"organisation.yml": ORG, "2568/result.yml": text})
    assert report(root) == ["content/2568/result.yml:3:26: tools.EIT: warning: คะแนน EIT 93.50 ไม่เท่ากับค่าเฉลี่ยของตัวชี้วัด 91.00"]
    assert report(root, "en") == [(
        "content/2568/result.yml:3:26: tools.EIT: "
        "warning: EIT score 93.50 differs from the mean of its indicators 91.00"
    )]


def test_iit_indicator_against_the_mean_of_its_questions(site_dir) -> None:  # type: ignore[no-untyped-def]
    text = """\
total: 90
level: ผ่าน
indicators:
  - indicator: 1
    score: 95.29
    questions:
      - {code: i1, score: 94.12}
      - {code: i2, score: 91.76}
      - {code: i3, score: 100}
  - indicator: 2
    score: 90.00
    questions:
      - {code: i4, score: 90}
      - {code: i5-i6, score: 100}
  - indicator: 6
    score: 50
    questions:
      - {code: e1, score: 100}
"""
    root = site_dir({"organisation.yml": ORG, "2568/result.yml": text})
    # indicator 1: mean 95.293 matches; indicator 2: a range counts once per code, (90 + 100 + 100) / 3 = 96.67;
    # indicator 6 is EIT, whose scores are not plain means, so it is not checked.
    assert report(root) == [
        "content/2568/result.yml:11:12: indicators[2].score: "
        "warning: คะแนนตัวชี้วัด 90.00 ไม่เท่ากับค่าเฉลี่ยของข้อคำถาม 96.67 ตรวจคะแนนรายข้ออีกครั้ง"
    ]
    assert report(root, "en") == [
        "content/2568/result.yml:11:12: indicators[2].score: warning: indicator score 90.00 differs from the mean of its questions 96.67; "
        "recheck the question scores"
    ]


@pytest.mark.parametrize(
    ("total", "level", "tools", "expected"),
    [
        (96.00, "ผ่านดี", "", None),
        (96.00, "ผ่านดีเยี่ยม", "", "ผ่านดี"),  # EIT 91 < 95
        (96.00, "ผ่าน", "", "ผ่านดี"),
        (96.00, "ผ่านดี", "{EIT: 95}", "ผ่านดีเยี่ยม"),  # announced tool scores count, not the indicator means
        (96.00, "ผ่านดี", "{EIT: 84.99}", "ผ่าน"),
        (84.99, "ผ่าน", "", "ไม่ผ่าน"),
    ],
)
def test_level_against_the_bands_of_the_year(  # type: ignore[no-untyped-def]
    site_dir, total: float, level: str, tools: str, expected: str | None
) -> None:
    root = site_dir({"organisation.yml": ORG, "2568/result.yml": result(total, level, SCORES, tools=tools)})
    levels = [line for line in report(root) if ": level: " in line]
    if expected is None:
        assert levels == []
    else:
        assert levels == [f"content/2568/result.yml:2:8: level: warning: ตามเกณฑ์ปี 2568 คะแนนนี้ได้ระดับ '{expected}' ไม่ใช่ '{level}'"]


def test_level_warning_in_english(site_dir) -> None:  # type: ignore[no-untyped-def]
    root = site_dir({"organisation.yml": ORG, "2568/result.yml": result(96.00, "ผ่าน", SCORES)})
    assert report(root, "en") == ["content/2568/result.yml:2:8: level: warning: by the 2568 bands these scores give 'ผ่านดี', not 'ผ่าน'"]


@pytest.mark.parametrize(("total", "level", "expected"), [(90, "ผ่านดี", None), (90, "ผ่าน", None), (80, "ผ่านดี", "ไม่ผ่าน")])
def test_level_without_tool_scores_is_checked_only_as_far_as_the_total_tells(
    site_dir, total: float, level: str, expected: str | None  # type: ignore[no-untyped-def]
) -> None:
    # Many reports print only the total and the level: a band that needs every tool ≥ 85 cannot be judged then.
    root = site_dir({"organisation.yml": ORG, "2568/result.yml": f"total: {total}\nlevel: {level}\n"})
    site, _ = check_content(root / "content", root)
    assert site is not None and site.years[2568].result is not None
    assert level_for(site.years[2568].result, site.years[2568].framework) == expected
    expected_lines = [] if expected is None else [
        f"content/2568/result.yml:2:8: level: warning: ตามเกณฑ์ปี 2568 คะแนนนี้ได้ระดับ '{expected}' ไม่ใช่ '{level}'"
    ]
    assert report(root) == expected_lines


def test_letter_grade_against_the_bands(site_dir) -> None:  # type: ignore[no-untyped-def]
    root = site_dir({"organisation.yml": ORG, "2565/result.yml": "total: 95.5\nlevel: A\n"})
    assert report(root) == ["content/2565/result.yml:2:8: level: warning: ตามเกณฑ์ปี 2565 คะแนนนี้ได้ระดับ 'AA' ไม่ใช่ 'A'"]


def test_stated_changes_against_the_scores_of_the_year_before(site_dir) -> None:  # type: ignore[no-untyped-def]
    before = "total: 90.00\nlevel: ผ่าน\nindicators:\n  - {indicator: 1, score: 90}\n  - {indicator: 2, score: 95}\n"
    after = """\
total: 92.50
total_change: 2.00
level: ผ่าน
indicators:
  - {indicator: 1, score: 92.5, change: 1.5}
  - {indicator: 2, score: 97.62, change: '+๒.๖๒'}
  - {indicator: 3, score: 80, change: -5}
"""
    root = site_dir({"organisation.yml": ORG, "2567/result.yml": before, "2568/result.yml": after})
    # indicator 2 matches (Thai digits, explicit sign); indicator 3 has no score the year before
    assert report(root) == [
        "content/2568/result.yml:2:15: total_change: warning: ผลต่างคะแนนรวมที่พิมพ์ 2.00 ไม่ตรงกับ 92.50 − 90.00 = 2.50",
        "content/2568/result.yml:5:41: indicators[1].change: warning: ผลต่างที่พิมพ์ 1.50 ไม่ตรงกับ 92.50 − 90.00 = 2.50",
    ]
    assert report(root, "en") == [
        "content/2568/result.yml:2:15: total_change: warning: stated total change 2.00 differs from 92.50 − 90.00 = 2.50",
        "content/2568/result.yml:5:41: indicators[1].change: warning: stated change 1.50 differs from 92.50 − 90.00 = 2.50",
    ]


def test_changes_may_differ_by_the_rounding_of_two_decimals(site_dir) -> None:  # type: ignore[no-untyped-def]
    before = "total: 95.00\nlevel: ผ่าน\nindicators:\n  - {indicator: 1, score: 95.00}\n"
    after = "total: 97.62\ntotal_change: 2.61\nlevel: ผ่าน\nindicators:\n  - {indicator: 1, score: 97.62, change: 2.63}\n"
    root = site_dir({"organisation.yml": ORG, "2567/result.yml": before, "2568/result.yml": after})
    assert report(root) == []


def test_changes_are_not_checked_without_the_year_before(site_dir) -> None:  # type: ignore[no-untyped-def]
    after = "total: 92.50\ntotal_change: 50\nlevel: ผ่าน\nindicators:\n  - {indicator: 1, score: 92.5, change: 50}\n"
    assert report(site_dir({"organisation.yml": ORG, "2568/result.yml": after})) == []


def test_a_changed_copy_of_muang_mu_2567_reports_the_wrong_change(copy_example) -> None:  # type: ignore[no-untyped-def]
    root = copy_example("muang-mu")
    path = root / "content" / "2567" / "result.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("change: 6.71", "change: 6.17"), encoding="utf-8")
    assert [line for line in report(root, "en") if "2567" in line] == [
        "content/2567/result.yml:27:13: indicators[6].change: warning: stated change 6.17 differs from 99.22 − 92.51 = 6.71"
    ]


# -- warnings and errors -----------------------------------------------------------------------------------


def test_warnings_do_not_stop_the_build_but_errors_do(site_dir) -> None:  # type: ignore[no-untyped-def]
    root = site_dir({"organisation.yml": ORG, "2568/result.yml": result(97.00, "ผ่าน", SCORES), "2569/oit.yml": OIT})
    site, findings = check_content(root / "content", root)
    assert site is not None
    assert [(f.severity, f.path) for f in sort_findings(findings)] == [
        (Severity.warning, "total"),
        (Severity.warning, "level"),
        (Severity.error, "items[3].item"),
        (Severity.error, "items[4].item"),
    ]
    text = ContentError(findings).report()
    assert text.endswith("\nพบข้อผิดพลาด 2 รายการ ยังไม่ได้สร้างเว็บไซต์ (found 2 error(s); nothing was written)")


# -- full reports (golden files) ---------------------------------------------------------------------------

CASES = sorted(p.name for p in GOLDEN_INPUTS.iterdir()) if GOLDEN_INPUTS.is_dir() else []


def test_golden_cases_exist() -> None:
    assert CASES == ["content-errors", "layout", "references"]


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("case", CASES)
def test_full_error_report(case: str, lang: Lang, golden, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every finding of a multi-error site, sorted, then the summary line: what `itasite build` prints."""
    root = tmp_path / case
    shutil.copytree(GOLDEN_INPUTS / case, root)
    _, findings = check_content(root / "content", root, lang)
    assert findings, "a golden case must have findings"
    golden(f"errors/{case}{'' if lang == 'th' else '.en'}.txt", ContentError(findings).report() + "\n")


# -- completeness and privacy ------------------------------------------------------------------------------

PLAN = """\
based_on: 2568
rounds:
  - {id: 6m, label: รอบ 6 เดือน, end: 2569-03-31}
  - {id: 12m, label: รอบ 12 เดือน, end: 2569-09-30}
measures:
  - id: m1
    title: คู่มือ
    indicators: [6]
    timeframe: {start: 2568-10-01, end: 2569-03-31}
    status: in_progress
    results:
      - round: 6m
        status: in_progress
"""


def completeness(root: Path, today: str, lang: Lang = "th") -> list[str]:
    from generator.check.completeness import check_completeness
    from generator.thai import parse_date

    site, findings = check_content(root / "content", root, lang)
    assert site is not None
    return [f.format() for f in sort_findings(check_completeness(site, parse_date(today), lang))]


def test_completeness_against_today(site_dir) -> None:  # type: ignore[no-untyped-def]
    low = SCORES | {7: 80.0, 6: 84.0}
    root = site_dir({"organisation.yml": ORG, "2568/result.yml": result(95.1, "ผ่าน", low),
                     "2569/measures.yml": PLAN, "2569/oit.yml": "items:\n  - item: o1\n" + "".join(
                         f"  - item: o{n}\n    links: [{{title: t, url: https://x.org/{n}}}]\n" for n in range(2, 26))})
    assert completeness(root, "2569-03-31") == [
        "content/2568/result.yml:17:12: indicators[7].score: warning: ตัวชี้วัดที่ 7 ได้ 80.00 ต่ำกว่าเกณฑ์ 85.00 แต่ยังไม่มีมาตรการที่ตอบตัวชี้วัดนี้ "
        "ให้เพิ่มมาตรการใน 2569/measures.yml (based_on: 2568) โดยใส่ indicators: [7]",
        "content/2569/oit.yml:2:3: items: warning: ยังไม่มีข้อ o26 (รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) "
        "ให้เพิ่ม '- item: o26' พร้อม links: ที่เผยแพร่ข้อมูล",
        "content/2569/oit.yml:2:11: items[1].item: warning: ข้อ o1 ยังไม่มีลิงก์ที่เผยแพร่ ให้ใส่ links: (title และ url) ของหน้าที่เผยแพร่ข้อมูล",
    ]
    late = completeness(root, "2569-10-01", "en")
    assert late[1:3] == [
        "content/2569/measures.yml:10:13: measures[1].status: reminder: measure m1 passed its deadline (2569-03-31) but its status is "
        "still 'in_progress'; set status: done if it is finished, or explain in notes and move timeframe.end",
        "content/2569/measures.yml:12:7: measures[1].results: reminder: measure m1 has no report for 12m (due 2569-09-30); "
        "add results: - round: 12m with status and actions",
    ]


@pytest.mark.parametrize(("text", "kinds"), [
    ("เลขบัตร 1-1017-00230-70-8 ของผู้ร้อง", ["id"]),
    ("๑๑๐๑๗๐๐๒๓๐๗๐๘", ["id"]),
    ("1101700230709", []),            # checksum does not match: not an ID
    ("ติดต่อ 081-234-5678", ["mobile"]),
    ("โทร ๐๙๑๒๓๔๕๖๗๘", ["mobile"]),
    ("สำนักงาน 077-123456", []),     # landline: an office number
])
def test_personal_data_patterns(text: str, kinds: list[str]) -> None:
    from generator.check.privacy import find_personal_data

    assert [k for k, _ in find_personal_data(text)] == kinds


def test_privacy_warning_names_the_key(site_dir) -> None:  # type: ignore[no-untyped-def]
    org = ORG + "description: ผู้ประสานงาน 0812345678\n"
    assert report(site_dir({"organisation.yml": org})) == [
        "content/organisation.yml:8:14: description: warning: ข้อความ '0812345678' ดูเหมือนเบอร์โทรศัพท์มือถือส่วนตัว "
        "ให้ใช้เบอร์สำนักงานแทน หรือลบออกถ้าไม่ได้รับอนุญาตให้เผยแพร่"
    ]


def test_a_range_longer_than_the_year_list_is_one_finding(site_dir) -> None:  # type: ignore[no-untyped-def]
    plan = "measures:\n  - id: m1\n    title: x\n    questions: [o1-o150]\n"
    root = site_dir({"organisation.yml": "name: อบต.ทดสอบ\ntype: อบต.\n", "2569/measures.yml": plan})
    _, findings = check_content(root / "content", root)
    assert [f.format() for f in findings] == [
        "content/2569/measures.yml:4:17: measures[1].questions[1]: ช่วง o1–o150 ยาวกว่ารายการทั้งหมดของกรอบการประเมินปี 2568 "
        "(มี o1–o28) ตรวจเลขข้อของช่วง"
    ]
    hang = "measures:\n  - id: m1\n    title: x\n    questions: [o1-o999999999]\n"
    (root / "content" / "2569" / "measures.yml").write_text(hang, encoding="utf-8")
    _, findings = check_content(root / "content", root)
    assert [f.format() for f in findings] == [
        "content/2569/measures.yml:4:17: measures[1].questions[1]: ช่วงรหัส 'o1-o999999999' ยาวเกินไป "
        "(ไม่มีเครื่องมือใดมีถึง 200 ข้อ) ตรวจเลขข้อสุดท้ายของช่วง"
    ]


def test_an_oit_file_of_this_sites_items_is_not_asked_for_the_others(site_dir) -> None:  # type: ignore[no-untyped-def]
    oit = "scope: this_site\nitems:\n  - item: o1\n  - item: o2\n    state: not_yet\n    note: รอประกาศ\n"
    root = site_dir({"organisation.yml": ORG, "2569/oit.yml": oit})
    assert completeness(root, "2569-03-31") == [
        "content/2569/oit.yml:3:11: items[1].item: warning: ข้อ o1 ยังไม่มีลิงก์ที่เผยแพร่ ให้ใส่ links: (title และ url) ของหน้าที่เผยแพร่ข้อมูล",
    ]  # o2 is recorded as not yet published, with the reason: nothing to ask

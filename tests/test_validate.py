"""Validation messages (generator/validate.py): every error worded for a clerk and located at file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.load.validate import validate_file
from generator.load.yaml import load_yaml
from generator.messages import Lang
from generator.model.types import Disclosure, LevelDef, Link, MeasurePlan, Organisation, Result, ToolDef


@pytest.fixture
def check(tmp_path: Path):  # type: ignore[no-untyped-def]
    """check(Model, yaml_text, lang) → (validated object or None, formatted findings)."""

    def run(model: type[BaseModel], text: str, lang: Lang = "th") -> tuple[BaseModel | None, list[str]]:
        path = tmp_path / "f.yml"
        path.write_text(text, encoding="utf-8")
        source, findings = load_yaml(path, "content/f.yml")
        assert source is not None and findings == []
        obj, findings = validate_file(source, model, lang)
        return obj, [f.format() for f in findings]

    return run


ORG = "name: อบต.ทดสอบ\ntype: องค์การบริหารส่วนตำบล\n"

# -- unknown keys ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("th", "content/f.yml:3:1: nmae: ไม่รู้จักคีย์ 'nmae' ตรวจการสะกด หรือดูรายชื่อคีย์ที่ใช้ได้ใน README"),
        ("en", "content/f.yml:3:1: nmae: unknown key 'nmae'; check the spelling or see the README for the keys allowed here"),
    ],
)
def test_unknown_key_is_located_at_the_key(check, lang: Lang, expected: str) -> None:  # type: ignore[no-untyped-def]
    obj, findings = check(Organisation, ORG + "nmae: x\n", lang)
    assert obj is None
    assert findings == [expected]


def test_unknown_key_deep_in_the_file_names_its_path(check) -> None:  # type: ignore[no-untyped-def]
    _, findings = check(Organisation, ORG + "units:\n  - id: palad\n    name: สำนักปลัด\n    colour: red\n")
    assert findings == [
        "content/f.yml:6:5: units[1].colour: ไม่รู้จักคีย์ 'colour' ตรวจการสะกด หรือดูรายชื่อคีย์ที่ใช้ได้ใน README"
    ]


# -- missing fields ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("th", "content/f.yml:5:7: contact.links[1].url: ขาดข้อมูลที่ต้องมี ให้เพิ่ม 'url'"),
        ("en", "content/f.yml:5:7: contact.links[1].url: required field 'url' is missing; add it"),
    ],
)
def test_missing_field_is_located_at_its_parent(check, lang: Lang, expected: str) -> None:  # type: ignore[no-untyped-def]
    _, findings = check(Organisation, ORG + "contact:\n  links:\n    - title: เฟซบุ๊ก\n", lang)
    assert findings == [expected]


def test_missing_top_level_fields_are_located_at_the_start_of_the_file(check) -> None:  # type: ignore[no-untyped-def]
    _, findings = check(Organisation, "name: อบต.ทดสอบ\n")
    assert findings == ["content/f.yml:1:1: type: ขาดข้อมูลที่ต้องมี ให้เพิ่ม 'type'"]


def test_an_empty_file_reports_every_required_field(check) -> None:  # type: ignore[no-untyped-def]
    _, findings = check(Result, "# not written yet\n", "en")
    assert findings == [
        "content/f.yml:1:1: total: required field 'total' is missing; add it",
        "content/f.yml:1:1: level: required field 'level' is missing; add it",
    ]


def test_a_missing_field_and_an_unknown_key_in_the_same_item(check) -> None:  # type: ignore[no-untyped-def]
    _, findings = check(Organisation, ORG + "units:\n  - id: palad\n    name: สำนักปลัด\n  - nam: กองคลัง\n")
    assert sorted(findings) == [
        "content/f.yml:6:5: units[2].id: ขาดข้อมูลที่ต้องมี ให้เพิ่ม 'id'",
        "content/f.yml:6:5: units[2].nam: ไม่รู้จักคีย์ 'nam' ตรวจการสะกด หรือดูรายชื่อคีย์ที่ใช้ได้ใน README",
        "content/f.yml:6:5: units[2].name: ขาดข้อมูลที่ต้องมี ให้เพิ่ม 'name'",
    ]


# -- wrong types -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "text", "th", "en"),
    [
        (Organisation, ORG + "units: กองคลัง\n", "content/f.yml:3:8: units: ต้องเป็นรายการ (ขึ้นบรรทัดด้วย '- ')",
         "content/f.yml:3:8: units: must be a list (lines starting with '- ')"),
        (Organisation, ORG + "contact: 077-123456\n", "content/f.yml:3:10: contact: ต้องเป็นชุดข้อมูลแบบ คีย์: ค่า",
         "content/f.yml:3:10: contact: must be a mapping of key: value"),
        (Organisation, ORG + "units:\n  - id: [a]\n    name: x\n", "content/f.yml:4:9: units[1].id: ต้องเป็นข้อความ",
         "content/f.yml:4:9: units[1].id: must be text"),
        (Organisation, "name:\ntype: x\n", "content/f.yml:1:6: name: ต้องเป็นข้อความ", "content/f.yml:1:6: name: must be text"),
        (LevelDef, "name: ผ่าน\nmin_total: 85\npassed: maybe\n", "content/f.yml:3:9: passed: ต้องเป็น true หรือ false",
         "content/f.yml:3:9: passed: must be true or false"),
        (Result, "total: 90\nlevel: ผ่าน\nindicators:\n  - indicator: 1.5\n    score: 90\n",
         "content/f.yml:4:16: indicators[1].indicator: ต้องเป็นจำนวนเต็ม (ได้ '1.5')",
         "content/f.yml:4:16: indicators[1].indicator: must be a whole number (got '1.5')"),
        (Result, "total: 90\nlevel: ผ่าน\ntool_notes:\n  XIT: x\n",
         "content/f.yml:4:3: tool_notes.XIT: ค่าที่ใช้ได้คือ 'IIT', 'EIT' or 'OIT' (ได้ 'XIT')",
         "content/f.yml:4:3: tool_notes.XIT: must be one of 'IIT', 'EIT' or 'OIT' (got 'XIT')"),
        (MeasurePlan, "measures:\n  - id: m1\n    title: t\n    status: finished\n",
         "content/f.yml:4:13: measures[1].status: สถานะที่ใช้ได้คือ ดำเนินการแล้วเสร็จ, "
         "อยู่ระหว่างดำเนินการ, ยังไม่ดำเนินการ หรือ อยู่ในแผน (หรือรหัส done, in_progress, not_started, planned) (ได้ 'finished')",
         "content/f.yml:4:13: measures[1].status: the status must be one of done, in_progress, "
         "not_started or planned (or the Thai labels ดำเนินการแล้วเสร็จ, อยู่ระหว่างดำเนินการ, …) (got 'finished')"),
        (MeasurePlan, "measures:\n  - id: m1\n    title: t\n    timeframe: [ต.ค. 68]\n",
         "content/f.yml:4:16: measures[1].timeframe: ต้องเป็นชุดข้อมูลแบบ คีย์: ค่า",
         "content/f.yml:4:16: measures[1].timeframe: must be a mapping of key: value"),
    ],
)
def test_wrong_types_in_both_languages(check, model: type[BaseModel], text: str, th: str, en: str) -> None:  # type: ignore[no-untyped-def]
    assert check(model, text, "th")[1] == [th]
    assert check(model, text, "en")[1] == [en]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("th", "content/f.yml:1:1: ไฟล์นี้ต้องเป็นชุดข้อมูลแบบ คีย์: ค่า"), ("en", "content/f.yml:1:1: this file must be a mapping of key: value")],
)
def test_a_file_that_is_not_a_mapping(check, lang: Lang, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert check(Organisation, "- name: x\n- type: y\n", lang)[1] == [expected]


@pytest.mark.parametrize(
    ("text", "th", "en"),
    [
        ("name: ''\ntype: x\n", "content/f.yml:1:7: name: ต้องไม่เว้นว่าง", "content/f.yml:1:7: name: must not be empty"),
        ("name: '   '\ntype: x\n", "content/f.yml:1:7: name: ต้องไม่เว้นว่าง", "content/f.yml:1:7: name: must not be empty"),
        (ORG + f"units:\n  - id: {'u' * 65}\n    name: x\n", "content/f.yml:4:9: units[1].id: ยาวเกินไป (ไม่เกิน 64 ตัวอักษร)",
         "content/f.yml:4:9: units[1].id: too long (at most 64 characters)"),
        (ORG + "units:\n  - id: กอง คลัง\n    name: x\n", "content/f.yml:4:9: units[1].id: รูปแบบไม่ถูกต้อง ห้ามมีช่องว่างหรือ / # ?",
         "content/f.yml:4:9: units[1].id: invalid form: no spaces or / # ?"),
    ],
)
def test_text_length_and_form(check, text: str, th: str, en: str) -> None:  # type: ignore[no-untyped-def]
    assert check(Organisation, text, "th")[1] == [th]
    assert check(Organisation, text, "en")[1] == [en]


def test_slug_form(check) -> None:  # type: ignore[no-untyped-def]
    text = "measures:\n  - id: M 1\n    title: t\n"
    assert check(MeasurePlan, text, "th")[1] == ["content/f.yml:2:9: measures[1].id: รูปแบบไม่ถูกต้อง ใช้ได้เฉพาะ a-z 0-9 และ - เช่น m1"]
    assert check(MeasurePlan, text, "en")[1] == ["content/f.yml:2:9: measures[1].id: invalid form: only a-z 0-9 and -, e.g. m1"]


# -- numbers and scores ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "th", "en"),
    [
        ("105", "total: ต้องไม่เกิน 100 (ได้ 105)", "total: must be at most 100 (got 105)"),
        ("100.01", "total: ต้องไม่เกิน 100 (ได้ 100.01)", "total: must be at most 100 (got 100.01)"),
        ("'๑๐๕'", "total: ต้องไม่เกิน 100 (ได้ ๑๐๕)", "total: must be at most 100 (got ๑๐๕)"),
        ("-1", "total: ต้องไม่น้อยกว่า 0 (ได้ -1)", "total: must be at least 0 (got -1)"),
        ("abc", "total: ต้องเป็นตัวเลข เช่น 94.50 หรือ ๙๔.๕๐", "total: must be a number such as 94.50 or ๙๔.๕๐"),
        ("true", "total: ต้องเป็นตัวเลข เช่น 94.50 หรือ ๙๔.๕๐", "total: must be a number such as 94.50 or ๙๔.๕๐"),
    ],
)
def test_score_outside_0_to_100_or_not_a_number(check, value: str, th: str, en: str) -> None:  # type: ignore[no-untyped-def]
    text = f"total: {value}\nlevel: ผ่าน\n"
    assert check(Result, text, "th")[1] == [f"content/f.yml:1:8: {th}"]
    assert check(Result, text, "en")[1] == [f"content/f.yml:1:8: {en}"]


@pytest.mark.parametrize("value", ["0", "100", "๑๐๐", "'๙๔.๕๐'", "94.50"])
def test_scores_at_the_bounds_and_in_thai_digits_are_accepted(check, value: str) -> None:  # type: ignore[no-untyped-def]
    obj, findings = check(Result, f"total: {value}\nlevel: ผ่าน\n")
    assert findings == []
    assert isinstance(obj, Result) and obj.total == {"0": 0, "100": 100, "๑๐๐": 100}.get(value, 94.5)


def test_indicator_number_outside_1_to_10(check) -> None:  # type: ignore[no-untyped-def]
    text = "total: 90\nlevel: ผ่าน\nindicators:\n  - indicator: 11\n    score: 5\n  - indicator: 0\n    score: 5\n"
    assert check(Result, text)[1] == [
        "content/f.yml:4:16: indicators[1].indicator: ต้องไม่เกิน 10 (ได้ 11)",
        "content/f.yml:6:16: indicators[2].indicator: ต้องไม่น้อยกว่า 1 (ได้ 0)",
    ]


def test_weight_above_one(check) -> None:  # type: ignore[no-untyped-def]
    assert check(ToolDef, "code: IIT\nname: x\nweight: 30\nindicators: [1]\n", "en")[1] == [
        "content/f.yml:3:9: weight: must be at most 1.0 (got 30)"
    ]


# -- links -------------------------------------------------------------------------------------------------

SCHEME_TH = "ลิงก์ใช้ได้เฉพาะ http://, https://, mailto: หรือที่อยู่ภายในเว็บไซต์ (ได้ '{}:')"
SCHEME_EN = "links may only use http://, https://, mailto: or a relative address (got '{}:')"
HOST_TH = "ลิงก์ไปเว็บไซต์อื่นต้องขึ้นต้นด้วย https:// หรือ http:// ไม่ใช่ //"
HOST_EN = "a link to another site must start with https:// or http://, not //"
FORM_TH = "ลิงก์ต้องไม่มีช่องว่างหรือเครื่องหมาย < > \" ให้คัดลอกที่อยู่จากแถบที่อยู่ของเบราว์เซอร์"
FORM_EN = "a link must not contain spaces or < > \"; copy the address from the browser's address bar"


@pytest.mark.parametrize(
    ("url", "th", "en"),
    [
        ("javascript:alert(1)", SCHEME_TH.format("javascript"), SCHEME_EN.format("javascript")),
        ("JavaScript:alert(1)", SCHEME_TH.format("javascript"), SCHEME_EN.format("javascript")),
        (" javascript:alert(1)", SCHEME_TH.format("javascript"), SCHEME_EN.format("javascript")),
        ("data:text/html;base64,PHNjcmlwdD4=", SCHEME_TH.format("data"), SCHEME_EN.format("data")),
        ("vbscript:msgbox(1)", SCHEME_TH.format("vbscript"), SCHEME_EN.format("vbscript")),
        ("file:///etc/passwd", SCHEME_TH.format("file"), SCHEME_EN.format("file")),
        ("ftp://example.org/a.pdf", SCHEME_TH.format("ftp"), SCHEME_EN.format("ftp")),
        ("//evil.example/x", HOST_TH, HOST_EN),
        ("https://example.org/a b.pdf", FORM_TH, FORM_EN),
        ("https://example.org/<script>", FORM_TH, FORM_EN),
        ("https:evil.example", FORM_TH, FORM_EN),
        # entities and invisible characters do not hide a scheme (browsers decode them before following a link)
        ("javascript&#58;alert(1)", SCHEME_TH.format("javascript"), SCHEME_EN.format("javascript")),
        ("javascript&colon;alert(1)", SCHEME_TH.format("javascript"), SCHEME_EN.format("javascript")),
        ("javascript&#x3A;alert(1)", SCHEME_TH.format("javascript"), SCHEME_EN.format("javascript")),
        ("&#106;avascript:alert(1)", SCHEME_TH.format("javascript"), SCHEME_EN.format("javascript")),
        ("jav&#x09;ascript:alert(1)", SCHEME_TH.format("javascript"), SCHEME_EN.format("javascript")),
        ("java\u200bscript:alert(1)", SCHEME_TH.format("javascript"), SCHEME_EN.format("javascript")),
        ("data&#58;text/html,x", SCHEME_TH.format("data"), SCHEME_EN.format("data")),
        ("&amp;#106;avascript&amp;#58;alert(1)", SCHEME_TH.format("javascript"), SCHEME_EN.format("javascript")),
        ("\\\\server\\share\\a.pdf", HOST_TH, HOST_EN),
        # an address of another site without its scheme, and a relative path from a hidden place
        ("www.donsak.go.th/ita/o1.pdf", "ลิงก์ไปเว็บไซต์อื่นต้องขึ้นต้นด้วย https:// ให้แก้เป็น https://www.donsak.go.th/ita/o1.pdf",
         "a link to another site must start with https://; write https://www.donsak.go.th/ita/o1.pdf"),
        ("donsak.go.th", "ลิงก์ไปเว็บไซต์อื่นต้องขึ้นต้นด้วย https:// ให้แก้เป็น https://donsak.go.th",
         "a link to another site must start with https://; write https://donsak.go.th"),
        ("../2569/", "ที่อยู่ภายในเว็บไซต์ให้เขียนนับจากหน้าแรก เช่น 2569/measures/m1/ หรือ files/report.pdf ไม่ต้องมี ../ หรือ ./ (ได้ '../2569/')",
         "write addresses inside the site from the home page, e.g. 2569/measures/m1/ or files/report.pdf, without ../ or ./ "
         "(got '../2569/')"),
    ],
)
def test_unsafe_links_are_refused(check, url: str, th: str, en: str) -> None:  # type: ignore[no-untyped-def]
    text = f"title: เอกสาร\nurl: '{url}'\n"
    assert check(Link, text, "th")[1] == [f"content/f.yml:2:6: url: {th}"]
    assert check(Link, text, "en")[1] == [f"content/f.yml:2:6: url: {en}"]


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org",
        "https://www.example.go.th/ita/o1.pdf?x=1#p2",
        "HTTPS://WWW.EXAMPLE.GO.TH/",
        "mailto:saraban@example.go.th",
        "docs/แผน.pdf",
        "2568/index.md",
        "/files/a.pdf",
        "#o1",
    ],
)
def test_http_https_mailto_and_relative_links_are_allowed(check, url: str) -> None:  # type: ignore[no-untyped-def]
    obj, findings = check(Link, f"title: เอกสาร\nurl: '  {url} '\n")
    assert findings == []
    assert isinstance(obj, Link) and obj.url == url


def test_contact_website_is_checked_like_a_link(check) -> None:  # type: ignore[no-untyped-def]
    _, findings = check(Organisation, ORG + "contact:\n  website: javascript:alert(1)\n")
    assert findings == [f"content/f.yml:4:12: contact.website: {SCHEME_TH.format('javascript')}"]


# -- years, dates, codes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "th", "en"),
    [
        ("2025", "ใช้ปี พ.ศ. ไม่ใช่ ค.ศ. (ค.ศ. 2025 คือ พ.ศ. 2568)", "use the Buddhist-era year, not the Common Era (CE 2025 is BE 2568)"),
        ("'๒๐๒๔'", "ใช้ปี พ.ศ. ไม่ใช่ ค.ศ. (ค.ศ. 2024 คือ พ.ศ. 2567)", "use the Buddhist-era year, not the Common Era (CE 2024 is BE 2567)"),
        ("3000", "ปี พ.ศ. ไม่อยู่ในช่วงที่ใช้ได้ (2500–2700): 3000", "Buddhist-era year out of range (2500–2700): 3000"),
        ("ปีหน้า", "ต้องเป็นปี พ.ศ. เช่น 2568", "must be a Buddhist-era year such as 2568"),
    ],
)
def test_year_messages(check, value: str, th: str, en: str) -> None:  # type: ignore[no-untyped-def]
    assert check(MeasurePlan, f"based_on: {value}\n", "th")[1] == [f"content/f.yml:1:11: based_on: {th}"]
    assert check(MeasurePlan, f"based_on: {value}\n", "en")[1] == [f"content/f.yml:1:11: based_on: {en}"]


def test_buddhist_era_year_in_thai_digits_is_accepted(check) -> None:  # type: ignore[no-untyped-def]
    obj, findings = check(MeasurePlan, "based_on: พ.ศ. ๒๕๖๘\n")
    assert findings == [] and isinstance(obj, MeasurePlan) and obj.based_on == 2568


def test_date_and_timeframe_messages(check) -> None:  # type: ignore[no-untyped-def]
    text = (
        "measures:\n"
        "  - id: m1\n"
        "    title: t\n"
        "    timeframe: {start: 2568-10-01, end: 1 ก.ย. 2568}\n"
        "    results:\n"
        "      - round: 6m\n"
        "        date: 31 ก.พ. 2568\n"
    )
    assert check(MeasurePlan, text, "th")[1] == [
        "content/f.yml:4:16: measures[1].timeframe: วันสิ้นสุด (end) มาก่อนวันเริ่ม (start)",
        "content/f.yml:7:15: measures[1].results[1].date: วันที่ไม่ถูกต้อง ให้เขียนเช่น 2568-10-01 หรือ 1 ต.ค. 2568",
    ]
    assert check(MeasurePlan, text, "en")[1] == [
        "content/f.yml:4:16: measures[1].timeframe: end date is before start date",
        "content/f.yml:7:15: measures[1].results[1].date: invalid date; write e.g. 2568-10-01 or 1 ต.ค. 2568",
    ]


def test_code_messages(check) -> None:  # type: ignore[no-untyped-def]
    text = (
        "total: 90\nlevel: ผ่าน\nindicators:\n  - indicator: 9\n    score: 90\n    questions:\n"
        "      - {code: x1, score: 1}\n"
        "      - {code: o5-o1, score: 1}\n"
        "      - {code: 15, score: 1}\n"
        "      - {code: true, score: 1}\n"
    )
    assert check(Result, text, "th")[1] == [
        "content/f.yml:7:16: indicators[1].questions[1].code: รหัสข้อไม่ถูกต้อง 'x1' ให้เขียนเช่น i1, e4, o15",
        "content/f.yml:8:16: indicators[1].questions[2].code: ช่วงรหัสไม่ถูกต้อง 'o5-o1' ให้เขียนเช่น o1-o5 (รหัสแรกน้อยกว่ารหัสหลัง)",
        "content/f.yml:9:16: indicators[1].questions[3].code: รหัสข้อไม่ถูกต้อง '15' ให้เขียนเช่น i1, e4, o15",
        "content/f.yml:10:16: indicators[1].questions[4].code: รหัสข้อต้องเป็นข้อความ เช่น i1",
    ]
    assert check(Result, text, "en")[1] == [
        "content/f.yml:7:16: indicators[1].questions[1].code: invalid question code 'x1'; write e.g. i1, e4, o15",
        "content/f.yml:8:16: indicators[1].questions[2].code: invalid code range 'o5-o1'; write e.g. o1-o5 (first lower than last)",
        "content/f.yml:9:16: indicators[1].questions[3].code: invalid question code '15'; write e.g. i1, e4, o15",
        "content/f.yml:10:16: indicators[1].questions[4].code: a question code must be text such as i1",
    ]


def test_a_single_value_where_a_list_is_allowed_is_located_at_that_value(check) -> None:  # type: ignore[no-untyped-def]
    _, findings = check(MeasurePlan, "measures:\n  - id: m1\n    title: t\n    questions: o9-o1\n")
    assert findings == [
        "content/f.yml:4:16: measures[1].questions[1]: ช่วงรหัสไม่ถูกต้อง 'o9-o1' ให้เขียนเช่น o1-o5 (รหัสแรกน้อยกว่ารหัสหลัง)"
    ]


def test_literal_choice_message(check) -> None:  # type: ignore[no-untyped-def]
    from generator.model.types import FrameworkOverride

    assert check(FrameworkOverride, "confidence: sure\n", "en")[1] == [
        "content/f.yml:1:13: confidence: must be one of 'verified', 'supported', 'provisional' or 'unverified' (got 'sure')"
    ]


def test_every_error_of_a_file_is_reported_at_once(check) -> None:  # type: ignore[no-untyped-def]
    text = "item: o1\nlinks:\n  - title: ''\n    url: javascript:x\nupdated: 2025-02-30\nnotes: x\n"
    assert sorted(check(Disclosure, text, "en")[1]) == [
        "content/f.yml:3:12: links[1].title: must not be empty",
        "content/f.yml:4:10: links[1].url: links may only use http://, https://, mailto: or a relative address (got 'javascript:')",
        "content/f.yml:5:10: updated: invalid date; write e.g. 2568-10-01 or 1 ต.ค. 2568",
        "content/f.yml:6:1: notes: unknown key 'notes'; check the spelling or see the README for the keys allowed here",
    ]


def test_control_characters_pasted_from_word_are_refused_at_their_place(check) -> None:  # type: ignore[no-untyped-def]
    _, findings = check(Link, 'title: "เอกสาร\\vแนบ"\nurl: https://a.example/x\n', "th")
    assert findings == [
        "content/f.yml:1:8: title: มีอักขระควบคุมที่มองไม่เห็น (U+000B) ซึ่งมักติดมาจากการคัดลอกจาก Word ให้ลบออก หรือพิมพ์ข้อความนี้ใหม่"
    ]


def test_a_round_typed_as_its_label_is_told_the_round_ids(check) -> None:  # type: ignore[no-untyped-def]
    from generator.model.types import RoundResult

    _, findings = check(RoundResult, "round: 6 เดือน\n", "th")
    assert findings == [
        "content/f.yml:1:8: round: รูปแบบไม่ถูกต้อง ให้ใช้รหัสรอบ เช่น 6m (รอบ 6 เดือน) หรือ 12m (รอบ 12 เดือน) ตามที่ตั้งไว้ใน rounds"
    ]

"""Validated types of the content: what a clerk writes in YAML, and the ITA framework of each year.

Every model forbids unknown keys, so a misspelt key is reported instead of silently ignored. Values are read
the way Thai documents write them: Thai or Arabic digits, Buddhist-era years, Thai month names.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    RootModel,
    field_validator,
    model_validator,
)

from generator.model.codes import CodeRange, parse_code, parse_code_range
from generator.model.url_safety import safe_image_path, safe_url
from generator.thai import parse_date, parse_number, parse_year


class Strict(BaseModel):
    """Base of every content model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# ---------------------------------------------------------------------------------------------------------
# Scalar types


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _text(value: object) -> object:
    """Numbers typed where text is expected (``"๑"``, ``2568``) are kept as text. Control characters (pasted from
    Word: vertical tab, form feed) are refused: pages, the feed and the open data could not show them."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and (found := _CONTROL.search(value)):
        raise ValueError(f"text_control:U+{ord(found.group()):04X}")
    return value


def _paragraphs(value: object) -> object:
    """A block of text may be one string or a list of paragraphs; blank paragraphs are dropped."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [p for p in re.split(r"\n\s*\n", value)]
    if isinstance(value, list):
        return [p for p in value if not (isinstance(p, str) and not p.strip())]
    return value


def _one_or_many(value: object) -> object:
    return [value] if isinstance(value, str | int | float) and not isinstance(value, bool) else value


Text = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
Paragraphs = Annotated[list[Text], BeforeValidator(_paragraphs)]
Score = Annotated[float, BeforeValidator(parse_number), Field(ge=0, le=100)]
Number = Annotated[float, BeforeValidator(parse_number)]
Year = Annotated[int, BeforeValidator(parse_year)]
Date = Annotated[dt.date, BeforeValidator(parse_date), PlainSerializer(lambda d: d.isoformat(), return_type=str)]
Code = Annotated[str, BeforeValidator(parse_code)]
CodeSpan = Annotated[CodeRange, BeforeValidator(parse_code_range), PlainSerializer(str, return_type=str)]
Slug = Annotated[str, BeforeValidator(_text), Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
UnitId = Annotated[str, BeforeValidator(_text), Field(pattern=r"^[^\s/\\#?]+$", max_length=64)]
IndicatorNumber = Annotated[int, BeforeValidator(parse_number), Field(ge=1, le=10)]

Url = Annotated[str, BeforeValidator(safe_url), Field(min_length=1)]

ImagePath = Annotated[str, BeforeValidator(safe_image_path)]


class Status(enum.StrEnum):
    """Where a measure stands. YAML may use the code or the Thai label."""

    done = "done"
    in_progress = "in_progress"
    not_started = "not_started"
    planned = "planned"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.done: "ดำเนินการแล้วเสร็จ",
    Status.in_progress: "อยู่ระหว่างดำเนินการ",
    Status.not_started: "ยังไม่ดำเนินการ",
    Status.planned: "อยู่ในแผน",
}
_STATUS_BY_LABEL = {label: status for status, label in STATUS_LABELS.items()} | {
    "ดำเนินการแล้ว": Status.done,
    "แล้วเสร็จ": Status.done,
    "เสร็จสิ้น": Status.done,
    "ยังไม่ได้ดำเนินการ": Status.not_started,
    "ตามแผน": Status.planned,
}


def _code_or_label(by_label: Mapping[str, enum.StrEnum]) -> Callable[[object], object]:
    """A reader of a value YAML may give as its code or its Thai label (surrounding spaces ignored)."""

    def read(value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            return by_label.get(text, text)
        return value

    return read


StatusValue = Annotated[Status, BeforeValidator(_code_or_label(_STATUS_BY_LABEL))]


class Tool(enum.StrEnum):
    IIT = "IIT"
    EIT = "EIT"
    OIT = "OIT"


# ---------------------------------------------------------------------------------------------------------
# Shared records


class Link(Strict):
    """A published document or page: an http(s), mailto or relative address."""

    title: Text = Field(description="ชื่อเอกสารหรือหน้าเว็บที่แสดงเป็นข้อความลิงก์")
    url: Url = Field(description="ที่อยู่ลิงก์ (http, https, mailto หรือที่อยู่สัมพัทธ์ภายในเว็บไซต์)")


class OitLink(Strict):
    """A document or page published for an OIT item; it may group documents under it (a year's monthly reports),
    kept nested as the agency lists them."""

    title: Text = Field(description="ชื่อเอกสารหรือหน้าเว็บ")
    url: Url | None = Field(default=None, description="ที่อยู่ลิงก์ (ว่างได้ถ้าเป็นหัวข้อที่มีเอกสารย่อยใน links)")
    links: list[OitLink] = Field(default_factory=list, description="เอกสารย่อยภายใต้หัวข้อนี้")

    @model_validator(mode="after")
    def _somewhere(self) -> OitLink:
        if self.url is None and not self.links:
            raise ValueError("document_empty")
        return self


class Signatory(Strict):
    name: Text = Field(description="ชื่อผู้ลงนาม ตามที่พิมพ์ในเอกสาร")
    position: Paragraphs = Field(default_factory=list, description="ตำแหน่ง (หลายบรรทัดได้)")
    note: Text | None = Field(default=None, description="หมายเหตุที่พิมพ์ใต้ชื่อ เช่น วันที่ลงนาม")


class Document(Strict):
    """The printed report a record comes from (memo, report cover)."""

    title: Text = Field(description="ชื่อเรื่องของเอกสาร ตามที่พิมพ์")
    kind: Text | None = Field(default=None, description="ประเภทเอกสาร เช่น บันทึกข้อความ รายงาน")
    issued_by: Text | None = Field(default=None, description="ส่วนราชการเจ้าของเรื่อง")
    phone: Text | None = Field(default=None, description="โทรศัพท์ของส่วนราชการเจ้าของเรื่อง")
    number: Text | None = Field(default=None, description="เลขที่หนังสือ")
    date: Date | None = Field(default=None, description="วันที่ของเอกสาร")
    to: Text | None = Field(default=None, description="เรียน")
    sections: list[DocumentSection] = Field(default_factory=list, description="ส่วนของเนื้อความ")
    signatories: list[Signatory] = Field(default_factory=list, description="ผู้ลงนาม ตามลำดับในเอกสาร")
    links: list[Link] = Field(default_factory=list, description="ที่เผยแพร่เอกสารฉบับเต็ม")


class DocumentSection(Strict):
    heading: Text | None = Field(default=None, description="หัวข้อ เช่น เรื่องเดิม ข้อเท็จจริง ข้อพิจารณา")
    paragraphs: Paragraphs = Field(default_factory=list, description="ย่อหน้า")


# ---------------------------------------------------------------------------------------------------------
# organisation.yml


class Unit(Strict):
    """A responsible unit (สำนัก/กอง/งาน) that measures name as owner."""

    id: UnitId = Field(description="รหัสอ้างอิงของหน่วยงาน ใช้ใน owners ของมาตรการ (ไม่มีช่องว่าง)")
    name: Text = Field(description="ชื่อหน่วยงานที่แสดงบนเว็บไซต์")
    parent: UnitId | None = Field(default=None, description="id ของหน่วยงานต้นสังกัด (ถ้ามี)")


class Contact(Strict):
    address: Text | None = Field(default=None, description="ที่อยู่")
    phone: Text | None = Field(default=None, description="โทรศัพท์สำนักงาน")
    fax: Text | None = Field(default=None, description="โทรสาร")
    email: Text | None = Field(default=None, description="อีเมล")
    website: Url | None = Field(default=None, description="เว็บไซต์หลักของหน่วยงาน")
    links: list[Link] = Field(default_factory=list, description="ช่องทางอื่น เช่น Facebook, LINE")


class ReportSigner(Strict):
    """Who signs the generated reports; what is missing is printed as a blank line to write on."""

    name: Text | None = Field(default=None, description="ชื่อ-สกุล ที่พิมพ์ใต้ลายมือชื่อ (ไม่ใส่: เว้นบรรทัดให้เขียน)")
    position: Paragraphs = Field(default_factory=list, description="ตำแหน่ง หลายบรรทัดได้ (ไม่ใส่: เว้นบรรทัดให้เขียน)")


class ReportSigners(Strict):
    """The signature block of the generated measures and result reports."""

    reporter: ReportSigner = Field(default_factory=ReportSigner, description="ผู้รายงาน (ผู้จัดทำรายงาน)")
    executive: ReportSigner = Field(default_factory=ReportSigner, description="ผู้บริหารที่ลงนามรับทราบ/เห็นชอบ")


class Organisation(Strict):
    """The public body the site is about."""

    name: Text = Field(description="ชื่อหน่วยงานเต็ม เช่น เทศบาลเมืองดอนสัก")
    name_en: Text | None = Field(default=None, description="ชื่อภาษาอังกฤษ (ถ้ามี)")
    short_name: Text | None = Field(default=None, description="ชื่อย่อ เช่น อบต.ม่วงหมู่")
    type: Text = Field(description="ประเภทหน่วยงาน เช่น เทศบาลเมือง องค์การบริหารส่วนตำบล")
    subdistrict: Text | None = Field(default=None, description="ตำบล")
    district: Text | None = Field(default=None, description="อำเภอ")
    province: Text | None = Field(default=None, description="จังหวัด")
    description: Paragraphs = Field(default_factory=list, description="คำแนะนำหน่วยงานบนหน้าแรก")
    contact: Contact = Field(default_factory=Contact, description="ช่องทางติดต่อ")
    logo: ImagePath | None = Field(
        default=None, description="ตราหน่วยงาน: ไฟล์รูปในโฟลเดอร์ content เช่น images/logo.png (png svg jpg webp gif)"
    )
    units: list[Unit] = Field(default_factory=list, description="หน่วยงานภายในที่รับผิดชอบมาตรการ")
    signatures: ReportSigners = Field(
        default_factory=ReportSigners, description="ผู้ลงนามท้ายรายงานมาตรการและรายงานผลการประเมินที่เว็บไซต์สร้างให้ (PDF/DOCX)"
    )


# ---------------------------------------------------------------------------------------------------------
# <year>/result.yml


class QuestionScore(Strict):
    """One row of a question table: a code (or a printed range such as o1–o5), its score and the finding."""

    code: CodeSpan = Field(description="รหัสข้อคำถาม เช่น i1, e4, o15 หรือช่วง o1-o5")
    score: Score = Field(description="คะแนนของข้อ (0–100)")
    question: Text | None = Field(default=None, description="ข้อความคำถาม (ถ้ารายงานพิมพ์ไว้)")
    finding: Paragraphs = Field(default_factory=list, description="ข้อบกพร่อง/ข้อแก้ไข/ปรับปรุง/รักษาระดับ")


class IndicatorResult(Strict):
    """Score of one of the ten indicators, with its questions and development guidelines."""

    indicator: IndicatorNumber = Field(description="ตัวชี้วัดที่ 1–10")
    name: Text | None = Field(default=None, description="ชื่อตัวชี้วัดตามที่รายงานพิมพ์ (ถ้าต่างจากกรอบการประเมิน)")
    score: Score = Field(description="คะแนนตัวชี้วัด")
    change: Number | None = Field(default=None, description="ผลต่างจากปีก่อนตามที่รายงานพิมพ์ (ระบบตรวจเทียบให้)")
    questions: list[QuestionScore] = Field(default_factory=list, description="คะแนนรายข้อ")
    guidelines: Paragraphs = Field(default_factory=list, description="แนวทางการพัฒนา/แนวทางการแก้ไขปรับปรุง")
    guidelines_title: Text | None = Field(default=None, description="หัวข้อแนวทางตามที่รายงานพิมพ์")
    notes: Paragraphs = Field(default_factory=list, description="ข้อความอื่นของตัวชี้วัดนี้")


class ToolScores(Strict):
    IIT: Score | None = None
    EIT: Score | None = None
    OIT: Score | None = None


class Result(Strict):
    """The ITA result of one fiscal year, as announced by the NACC and analysed by the agency."""

    total: Score = Field(description="คะแนนรวม ITA ตามที่ประกาศ")
    total_change: Number | None = Field(default=None, description="ผลต่างคะแนนรวมจากปีก่อนตามที่รายงานพิมพ์ (ระบบตรวจเทียบให้)")
    level: Text = Field(description="ระดับผลการประเมิน เช่น ผ่านดี หรือ A ตามเกณฑ์ของปีนั้น")
    tools: ToolScores = Field(default_factory=ToolScores, description="คะแนนรายเครื่องมือ ถ้าประกาศไว้")
    indicators: list[IndicatorResult] = Field(default_factory=list, description="คะแนนรายตัวชี้วัด")
    summary: Paragraphs = Field(default_factory=list, description="บทสรุปผลการประเมิน")
    tool_notes: dict[Tool, Paragraphs] = Field(default_factory=dict, description="คำอธิบายรายเครื่องมือ")
    conclusion: Paragraphs = Field(default_factory=list, description="ข้อความท้ายรายงาน")
    document: Document | None = Field(default=None, description="เอกสารต้นทาง")


# ---------------------------------------------------------------------------------------------------------
# <year>/measures.yml


class Step(Strict):
    """A step of a measure; a step may have sub-steps (๑.๑, ๑.๒ …)."""

    text: Text = Field(description="ข้อความขั้นตอน")
    steps: list[Text] = Field(default_factory=list, description="ขั้นตอนย่อย")


def _step(value: object) -> object:
    return {"text": value} if isinstance(value, str | int | float) and not isinstance(value, bool) else value


StepEntry = Annotated[Step, BeforeValidator(_step)]


class Timeframe(Strict):
    text: Text | None = Field(default=None, description="ระยะเวลาตามที่พิมพ์ เช่น ต.ค.๖๖- ก.ย.๖๗")
    start: Date | None = Field(default=None, description="วันเริ่ม")
    end: Date | None = Field(default=None, description="วันกำหนดแล้วเสร็จ")

    @model_validator(mode="after")
    def _ordered(self) -> Timeframe:
        if self.start and self.end and self.end < self.start:
            raise ValueError("timeframe_order")
        return self


def _timeframe(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


class Round(Strict):
    """A reporting round of a fiscal year."""

    id: Slug = Field(description="รหัสรอบ เช่น 6m หรือ 12m")
    label: Text = Field(description="ชื่อรอบ เช่น รอบ 6 เดือน")
    start: Date | None = Field(default=None, description="วันแรกของรอบ")
    end: Date | None = Field(default=None, description="วันสุดท้ายของรอบ")
    due: Date | None = Field(default=None, description="กำหนดรายงานผลของรอบ")


class RoundResult(Strict):
    """What was done for a measure in one reporting round."""

    round: Slug = Field(description="รหัสรอบ (ตรงกับ rounds ของปี)")
    status: StatusValue | None = Field(default=None, description="สถานะ ณ สิ้นรอบ")
    date: Date | None = Field(default=None, description="วันที่รายงาน")
    actions: Paragraphs = Field(default_factory=list, description="การดำเนินการ/ผลการดำเนินงาน")
    outcome: Paragraphs = Field(default_factory=list, description="ผลลัพธ์/ความสำเร็จ")
    evidence: list[Link] = Field(default_factory=list, description="หลักฐาน")


class Measure(Strict):
    """A measure (มาตรการ) set from the analysis of an ITA result."""

    id: Slug = Field(description="รหัสมาตรการ ใช้เป็น URL (a-z 0-9 -)")
    number: Text | None = Field(default=None, description="ลำดับตามที่พิมพ์ในรายงาน")
    title: Text = Field(description="ชื่อมาตรการ/หัวข้อ")
    indicators: list[IndicatorNumber] = Field(default_factory=list, description="ตัวชี้วัดที่มาตรการนี้ตอบ")
    questions: list[CodeSpan] = Field(default_factory=list, description="ข้อคำถาม/ข้อ OIT ที่มาตรการนี้ตอบ")
    issue: Paragraphs = Field(default_factory=list, description="ประเด็นที่ต้องปรับปรุงแก้ไข/พัฒนา")
    approach: Paragraphs = Field(default_factory=list, description="วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ")
    steps: list[StepEntry] = Field(default_factory=list, description="ขั้นตอน/วิธีการปฏิบัติ ตามลำดับ")
    steps_title: Text | None = Field(default=None, description="หัวข้อของขั้นตอนตามที่พิมพ์")
    owners: list[UnitId] = Field(default_factory=list, description="id ของหน่วยงานผู้รับผิดชอบ")
    owners_text: Paragraphs = Field(default_factory=list, description="ผู้รับผิดชอบตามที่พิมพ์ ถ้ามีรายละเอียดมากกว่ารายชื่อหน่วยงาน")
    timeframe: Annotated[Timeframe, BeforeValidator(_timeframe)] = Field(
        default_factory=Timeframe, description="ระยะเวลาดำเนินการ/กำหนดแล้วเสร็จ"
    )
    monitoring: Paragraphs = Field(default_factory=list, description="การรายงานผลและการกำกับติดตาม")
    status: StatusValue = Field(default=Status.planned, description="สถานะล่าสุด")
    results: list[RoundResult] = Field(default_factory=list, description="ผลการดำเนินงานรายรอบ")
    evidence: list[Link] = Field(default_factory=list, description="หลักฐาน/เอกสารที่เผยแพร่")
    notes: Paragraphs = Field(default_factory=list, description="หมายเหตุ")

    @field_validator("indicators", mode="before")
    @classmethod
    def _indicator_list(cls, value: Any) -> Any:
        return _one_or_many(value)

    @field_validator("questions", "owners", mode="before")
    @classmethod
    def _code_list(cls, value: Any) -> Any:
        return _one_or_many(value)


def _default_rounds() -> list[Round]:
    return [Round(id="6m", label="รอบ 6 เดือน"), Round(id="12m", label="รอบ 12 เดือน")]


class MeasurePlan(Strict):
    """The measures of one fiscal year and their reports."""

    title: Text | None = Field(default=None, description="ชื่อรายงาน/แผนตามที่พิมพ์")
    based_on: Year | None = Field(default=None, description="ปีของผลการประเมินที่นำมาวิเคราะห์ (ปกติคือปีก่อน)")
    intro: Paragraphs = Field(default_factory=list, description="ข้อความนำ")
    rounds: list[Round] = Field(default_factory=_default_rounds, description="รอบการรายงานของปี")
    measures: list[Measure] = Field(default_factory=list, description="มาตรการ")
    conclusion_title: Text | None = Field(default=None, description="หัวข้อของส่วนสรุปตามที่พิมพ์")
    conclusion: Paragraphs = Field(default_factory=list, description="สรุปผลการดำเนินการ")
    document: Document | None = Field(default=None, description="เอกสารต้นทาง")


# ---------------------------------------------------------------------------------------------------------
# <year>/oit.yml


def flat_documents(links: list[OitLink], heading: str = "") -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for link in links:
        title = f"{heading} › {link.title}" if heading else link.title
        if link.url is not None:
            found.append((title, link.url))
        found += flat_documents(link.links, title)
    return found


class DisclosureState(enum.StrEnum):
    """Where an OIT item stands. Without a state, an item with links is published and one without is not yet."""

    published = "published"
    not_applicable = "not_applicable"
    not_yet = "not_yet"

    @property
    def label(self) -> str:
        return DISCLOSURE_LABELS[self]


DISCLOSURE_LABELS = {
    DisclosureState.published: "เผยแพร่แล้ว",
    DisclosureState.not_applicable: "ไม่เกี่ยวข้องกับหน่วยงาน",
    DisclosureState.not_yet: "ยังไม่ได้เผยแพร่",
}
_DISCLOSURE_BY_LABEL = {label: state for state, label in DISCLOSURE_LABELS.items()} | {
    "ไม่เกี่ยวข้อง": DisclosureState.not_applicable,
    "ไม่มีภารกิจ": DisclosureState.not_applicable,
    "ยังไม่เผยแพร่": DisclosureState.not_yet,
}




class Disclosure(Strict):
    """Where one OIT item of the year is published on the agency's website, as the agency lists it."""

    item: Code = Field(description="รหัสข้อ OIT ของปีนั้น เช่น o1")
    title: Text | None = Field(default=None, description="ชื่อรายการตามที่หน่วยงานใช้ (แสดงเมื่อกรอบการประเมินไม่มีชื่อข้อนี้)")
    description: Paragraphs = Field(
        default_factory=list, description="คำอธิบายว่าข้อมูลอยู่ที่ใดและดูอย่างไร (ระบบ ITAS ขอทั้งลิงก์และคำอธิบาย)"
    )
    state: Annotated[DisclosureState, BeforeValidator(_code_or_label(_DISCLOSURE_BY_LABEL))] | None = Field(
        default=None,
        description="published (เผยแพร่แล้ว), not_applicable (ไม่เกี่ยวข้องกับหน่วยงาน) หรือ not_yet (ยังไม่ได้เผยแพร่) "
        "ว่างได้: มีลิงก์คือเผยแพร่แล้ว ไม่มีคือยังไม่ได้เผยแพร่",
    )
    links: list[OitLink] = Field(default_factory=list, description="ลิงก์ที่เผยแพร่ข้อมูล (ใส่ links ย่อยใต้ลิงก์ได้)")
    note: Paragraphs = Field(default_factory=list, description="หมายเหตุ หรือเหตุผลที่ไม่เกี่ยวข้อง/ยังไม่ได้เผยแพร่")
    updated: Date | None = Field(default=None, description="วันที่ปรับปรุงข้อมูลล่าสุด")

    def documents(self) -> list[tuple[str, str]]:
        """(title, address) of every linked document, nested titles joined as ``heading › document``."""
        return flat_documents(self.links)

    @property
    def shown_state(self) -> DisclosureState:
        if self.state is not None:
            return self.state
        return DisclosureState.published if self.links else DisclosureState.not_yet


class OitScope(enum.StrEnum):
    """What a year's ``oit.yml`` covers: the agency's whole checklist, or only the items this site publishes (the
    agency keeps its OIT page elsewhere, usually on its main website)."""

    all = "all"
    this_site = "this_site"


_OIT_SCOPE_BY_LABEL = {"ทุกข้อ": OitScope.all, "เฉพาะข้อที่เว็บไซต์นี้เผยแพร่": OitScope.this_site}


class OitDisclosures(Strict):
    scope: Annotated[OitScope, BeforeValidator(_code_or_label(_OIT_SCOPE_BY_LABEL))] = Field(
        default=OitScope.all,
        description="all (ทุกข้อ: ไฟล์นี้คือรายการ OIT ทั้งหมดของหน่วยงาน ข้อที่ไม่มีจะถูกเตือน) หรือ this_site "
        "(เฉพาะข้อที่เว็บไซต์นี้เผยแพร่: ข้ออื่นหน่วยงานเผยแพร่ที่เว็บไซต์หลัก contact.website)",
    )
    items: list[Disclosure] = Field(default_factory=list, description="รายการข้อ OIT ที่เผยแพร่")


# ---------------------------------------------------------------------------------------------------------
# Framework of a fiscal year (shipped in generator/frameworks/, overridable from content/frameworks/)

Confidence = Literal["verified", "supported", "provisional", "unverified"]


class ToolDef(Strict):
    code: Tool
    name: Text
    weight: float = Field(ge=0, le=1, description="น้ำหนักในคะแนนรวม")
    indicators: list[IndicatorNumber]


class SubIndicatorDef(Strict):
    code: Text = Field(description="เช่น 9.1")
    name: Text


class IndicatorDef(Strict):
    number: IndicatorNumber
    name: Text
    subindicators: list[SubIndicatorDef] = Field(default_factory=list)


class QuestionDef(Strict):
    code: Code
    indicator: IndicatorNumber
    text: Text | None = None


class ItemDef(Strict):
    code: Code
    indicator: IndicatorNumber
    sub: Text | None = Field(default=None, description="ตัวชี้วัดย่อย เช่น 9.1")
    group: Text | None = None
    title: Text | None = Field(default=None, description="ชื่อข้อ; ว่างได้ถ้ายังไม่ทราบ")
    confidence: Confidence | None = None
    answered_by: Literal["about", "measures"] | None = Field(
        default=None,
        description="หน้าของเว็บไซต์นี้ที่ตอบข้อนี้เอง: about (ข้อมูลการติดต่อ) หรือ measures (มาตรการและรายงานผลของปี) "
        "หน่วยงานใส่ลิงก์ของตนเองใน oit.yml แทนได้",
    )
    reports: list[Literal["measures", "result"]] = Field(
        default_factory=list,
        description="รายงานที่เว็บไซต์สร้างให้ (PDF และ DOCX) ซึ่งเป็นเอกสารที่ข้อนี้ขอ: measures (รายงานมาตรการและผลการดำเนินงาน"
        "ของปีนั้น) หรือ result (รายงานวิเคราะห์ผลการประเมินของปีที่มาตรการอ้างอิง) หน่วยงานใส่ลิงก์ของตนเองใน oit.yml แทนได้",
    )


class LevelDef(Strict):
    name: Text
    min_total: Score
    min_each_tool: Score | None = Field(default=None, description="ทุกเครื่องมือต้องได้อย่างน้อยเท่านี้")
    passed: bool = Field(description="นับว่าผ่านเกณฑ์หรือไม่")


class Framework(Strict):
    """Tools, indicators, questions, OIT items and level bands of one fiscal year."""

    year: Year
    source: Paragraphs = Field(default_factory=list, description="ที่มาของข้อมูล")
    confidence: Confidence
    pass_mark: Score
    tools: list[ToolDef]
    indicators: list[IndicatorDef]
    questions: list[QuestionDef] = Field(default_factory=list)
    items: list[ItemDef]
    levels: list[LevelDef]


class FrameworkOverride(Strict):
    """A content file that corrects or extends the shipped framework of a year."""

    extends: Year | None = Field(default=None, description="ปีของกรอบที่ใช้เป็นฐาน (ค่าเริ่มต้นคือปีเดียวกัน)")
    source: Paragraphs = Field(default_factory=list)
    confidence: Confidence | None = None
    pass_mark: Score | None = None
    tools: list[ToolDef] | None = None
    indicators: list[IndicatorDef] = Field(default_factory=list, description="แทนที่ตามหมายเลข")
    questions: list[QuestionDef] = Field(default_factory=list, description="เพิ่มหรือแทนที่ตามรหัส")
    items: list[ItemDef] = Field(default_factory=list, description="เพิ่มหรือแทนที่ตามรหัส")
    remove_items: list[Code] = Field(default_factory=list, description="รหัสข้อ OIT ที่ไม่มีในปีนั้น")
    levels: list[LevelDef] | None = None


# ---------------------------------------------------------------------------------------------------------
# redirects.yml: old address → new address, so links kept by assessors and citizens keep working

_SITE_PATH = re.compile(r"^[^\s\x00-\x1f\x7f\\?#<>\"'`%]*$")
MAX_SEGMENT = 100  # characters of one part of an address (file systems allow 255 bytes; Thai takes 3 a character)


def site_path(value: object) -> object:
    """An address inside the site, written ``2568/oit/o30/`` (a leading / is optional): normalised to the folder
    form ``2568/oit/o30/`` (or ``""`` for the home page); an old ``.html`` file name is kept as it is."""
    value = _text(value)
    if not isinstance(value, str):
        return value
    path = value.strip().lstrip("/")
    if ":" in path.split("/", 1)[0] or value.strip().startswith("//"):
        raise ValueError(f"site_path_external:{value.strip()}")
    if not _SITE_PATH.match(path) or any(part in (".", "..") for part in path.split("/")):
        shown = ascii(value.strip())[1:-1] if _CONTROL.search(path) else value.strip()  # a NUL shown as \x00
        raise ValueError(f"site_path_form:{shown[:120]}")
    if any(len(part) > MAX_SEGMENT for part in path.split("/")):
        raise ValueError(f"site_path_long:{value.strip()[:60]}…")
    if path.endswith("index.html"):
        path = path.removesuffix("index.html")
    if path and not path.endswith((".html", "/")):
        path += "/"
    return path.replace("//", "/")


SitePath = Annotated[str, BeforeValidator(site_path)]


class Redirects(RootModel[dict[SitePath, SitePath]]):
    """``content/redirects.yml``: each line ``old address: new address``; the new one must be a generated page."""

    model_config = ConfigDict(frozen=True)


Document.model_rebuild()
OitLink.model_rebuild()

"""The catalogue of the open data: each kind of file with its Thai title and description, every CSV column, and the
Frictionless ``datapackage.json`` that describes them all (so CKAN portals such as data.go.th can harvest them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.model.site import Site, YearContent
from generator.model.types import Status
from generator.urls import DATA_DIR, SITE_JSON, data_file, year_data_files


@dataclass(frozen=True)
class Field:
    """A column of a CSV table, as the Frictionless table schema describes it."""

    name: str
    type: str  # string | integer | number | boolean | date
    title: str
    description: str = ""
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A kind of per-year file: its name, Thai title and description, and the columns of its CSV form."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    json_description: str = ""


YEAR_FIELD = Field("year", "integer", "ปีงบประมาณ (พ.ศ.)")
STATUS_CODES = tuple(s.value for s in Status)

MEASURES = Table(
    "measures",
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    "มาตรการของปีงบประมาณ หนึ่งแถวต่อหนึ่งมาตรการ พร้อมตัวชี้วัด ผู้รับผิดชอบ ระยะเวลา และสถานะล่าสุด",
    (
        YEAR_FIELD,
        Field("based_on", "integer", "ปีของผลการประเมินที่นำมาวิเคราะห์ (พ.ศ.)"),
        Field("id", "string", "รหัสมาตรการ"),
        Field("number", "string", "ลำดับตามที่พิมพ์ในรายงาน"),
        Field("title", "string", "ชื่อมาตรการ"),
        Field("indicators", "string", "ตัวชี้วัดที่มาตรการนี้ตอบ", "หมายเลขตัวชี้วัด คั่นด้วย ;"),
        Field("questions", "string", "ข้อคำถาม/ข้อ OIT ที่มาตรการนี้ตอบ", "รหัสข้อ คั่นด้วย ;"),
        Field("owners", "string", "หน่วยงานผู้รับผิดชอบ", "ชื่อหน่วยงาน คั่นด้วย ;"),
        Field("timeframe", "string", "ระยะเวลาดำเนินการตามที่พิมพ์"),
        Field("start", "date", "วันเริ่ม (ค.ศ. ปี-เดือน-วัน)"),
        Field("end", "date", "วันกำหนดแล้วเสร็จ (ค.ศ. ปี-เดือน-วัน)"),
        Field("status", "string", "รหัสสถานะล่าสุด", "done, in_progress, not_started หรือ planned", STATUS_CODES),
        Field("status_label", "string", "สถานะล่าสุด"),
        Field("url", "string", "ที่อยู่หน้าของมาตรการบนเว็บไซต์ (เต็มเมื่อตั้ง site_url ไม่เช่นนั้นเทียบกับที่อยู่ของไฟล์นี้)"),
    ),
    "มาตรการของปีงบประมาณครบทุกช่อง รวมขั้นตอน รอบการรายงาน และผลการดำเนินงานรายรอบ",
)
MEASURE_RESULTS = Table(
    "measure-results",
    "ผลการดำเนินงานของมาตรการรายรอบ",
    "หนึ่งแถวต่อผลการดำเนินงานของหนึ่งมาตรการในหนึ่งรอบการรายงาน (รอบ 6 เดือน รอบ 12 เดือน)",
    (
        YEAR_FIELD,
        Field("measure_id", "string", "รหัสมาตรการ"),
        Field("round", "string", "รหัสรอบการรายงาน"),
        Field("round_label", "string", "ชื่อรอบการรายงาน"),
        Field("round_start", "date", "วันแรกของรอบ (ค.ศ.)"),
        Field("round_end", "date", "วันสุดท้ายของรอบ (ค.ศ.)"),
        Field("status", "string", "รหัสสถานะ ณ สิ้นรอบ", "done, in_progress, not_started หรือ planned", STATUS_CODES),
        Field("status_label", "string", "สถานะ ณ สิ้นรอบ"),
        Field("date", "date", "วันที่รายงาน (ค.ศ.)"),
        Field("actions", "string", "การดำเนินการ/ผลการดำเนินงาน", "ย่อหน้าคั่นด้วยบรรทัดว่าง"),
        Field("outcome", "string", "ผลลัพธ์/ความสำเร็จ", "ย่อหน้าคั่นด้วยบรรทัดว่าง"),
        Field("evidence", "string", "ลิงก์หลักฐาน", "ที่อยู่ลิงก์ คั่นด้วย ;"),
    ),
)
SCORES = Table(
    "scores",
    "ผลคะแนนการประเมิน ITA",
    "คะแนนรวม คะแนนรายเครื่องมือ (IIT EIT OIT) และคะแนนรายตัวชี้วัด หนึ่งแถวต่อหนึ่งคะแนน",
    (
        YEAR_FIELD,
        Field("kind", "string", "ประเภทคะแนน", "total (คะแนนรวม), tool (เครื่องมือ) หรือ indicator (ตัวชี้วัด)",
              ("total", "tool", "indicator")),
        Field("code", "string", "รหัส", "total, รหัสเครื่องมือ หรือหมายเลขตัวชี้วัด"),
        Field("name", "string", "ชื่อ"),
        Field("tool", "string", "เครื่องมือ"),
        Field("score", "number", "คะแนน (0–100)"),
        Field("stated", "boolean", "ประกาศไว้ในรายงาน", "false = คำนวณจากค่าเฉลี่ยของตัวชี้วัดในเครื่องมือ"),
        Field("level", "string", "ระดับผลการประเมิน (เฉพาะคะแนนรวม)"),
        Field("pass_mark", "number", "เกณฑ์ผ่านของตัวชี้วัด"),
        Field("passed", "boolean", "ผ่านเกณฑ์ (เฉพาะตัวชี้วัด)"),
    ),
    "คะแนนรวม ระดับ คะแนนรายเครื่องมือ รายตัวชี้วัด และรายข้อ พร้อมข้อบกพร่องและแนวทางการพัฒนา",
)
QUESTIONS = Table(
    "questions",
    "คะแนนรายข้อคำถาม",
    "คะแนนของแต่ละข้อคำถามหรือข้อ OIT พร้อมข้อบกพร่องที่รายงานระบุ",
    (
        YEAR_FIELD,
        Field("indicator", "integer", "ตัวชี้วัด"),
        Field("code", "string", "รหัสข้อ", "เช่น i1, e4, o15 หรือช่วง o1-o5"),
        Field("question", "string", "ข้อคำถาม"),
        Field("score", "number", "คะแนน (0–100)"),
        Field("finding", "string", "ข้อบกพร่อง/ข้อแก้ไข", "ย่อหน้าคั่นด้วยบรรทัดว่าง"),
    ),
)
OIT = Table(
    "oit",
    "การเปิดเผยข้อมูลสาธารณะ (OIT)",
    "รายการข้อ OIT ของปี หนึ่งแถวต่อหนึ่งลิงก์ที่เผยแพร่ (ข้อที่ยังไม่มีข้อมูลการเผยแพร่มีหนึ่งแถวโดยไม่มีลิงก์)",
    (
        YEAR_FIELD,
        Field("item", "string", "รหัสข้อ OIT"),
        Field("indicator", "integer", "ตัวชี้วัด"),
        Field("sub", "string", "ตัวชี้วัดย่อย"),
        Field("title", "string", "ชื่อรายการ"),
        Field("published", "boolean", "เผยแพร่แล้ว"),
        Field("updated", "date", "วันที่ปรับปรุงข้อมูลล่าสุด (ค.ศ.)"),
        Field("link_title", "string", "ชื่อเอกสารที่เผยแพร่"),
        Field("link_url", "string", "ที่อยู่ลิงก์ที่เผยแพร่"),
        Field("url", "string", "ที่อยู่หน้าของข้อนี้บนเว็บไซต์ (เต็มเมื่อตั้ง site_url ไม่เช่นนั้นเทียบกับที่อยู่ของไฟล์นี้)"),
    ),
    "รายการข้อ OIT ของปี หนึ่งรายการต่อหนึ่งข้อ พร้อมสถานะการเผยแพร่ ลิงก์ หมายเหตุ และวันที่ปรับปรุง",
)


@dataclass(frozen=True)
class Download:
    """One downloadable file: where it is, what it holds, and (for CSV) its table."""

    path: str
    title: str
    description: str
    format: str  # "CSV" or "JSON"
    table: Table | None = None

    @property
    def name(self) -> str:
        """Frictionless resource name: lower-case letters, digits, ``-``, ``.`` and ``_``."""
        return self.path.removeprefix(f"{DATA_DIR}/").replace("/", "-").lower()


TABLES = {table.name: table for table in (SCORES, QUESTIONS, MEASURES, MEASURE_RESULTS, OIT)}


def year_downloads(year: YearContent) -> list[Download]:
    """The files of one fiscal year, in the order the download page lists them."""
    downloads = []
    for name, fmt in year_data_files(year):
        table = TABLES[name]
        title = f"{table.title} ปีงบประมาณ {year.year}"
        if fmt == "json":
            downloads.append(Download(data_file(year.year, name, fmt), title, table.json_description, "JSON"))
        else:
            downloads.append(Download(data_file(year.year, name, fmt), title, table.description, "CSV", table))
    return downloads


def site_downloads(site: Site) -> list[Download]:
    """Every file under ``data/`` except the package descriptor itself."""
    whole = Download(SITE_JSON, "ข้อมูลทั้งเว็บไซต์", "หน่วยงาน ผลการประเมิน มาตรการ รายการ OIT และกรอบการประเมินของทุกปี", "JSON")
    return [whole] + [d for year in site.years.values() for d in year_downloads(year)]


# -- the package descriptor ---------------------------------------------------------------------


def _schema(table: Table) -> dict[str, Any]:
    fields = []
    for f in table.fields:
        field: dict[str, Any] = {"name": f.name, "type": f.type, "title": f.title}
        if f.description:
            field["description"] = f.description
        if f.enum:
            field["constraints"] = {"enum": list(f.enum)}
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


def _resource(download: Download, text: str) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "name": download.name,
        "path": download.path.removeprefix(f"{DATA_DIR}/"),
        "title": download.title,
        "description": download.description,
        "format": download.format.lower(),
        "mediatype": "text/csv" if download.table else "application/json",
        "encoding": "utf-8",
        "bytes": len(text.encode("utf-8")),
    }
    if download.table:
        resource["profile"] = "tabular-data-resource"
        resource["dialect"] = {"delimiter": ",", "lineTerminator": "\r\n", "header": True}
        resource["schema"] = _schema(download.table)
    else:
        resource["profile"] = "data-resource"
    return resource


def package_name(site: Site) -> str:
    """A Frictionless/CKAN package name (lower-case ASCII) from the organisation's English name, if any."""
    english = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in (site.organisation.name_en or "").lower())
    slug = "-".join(part for part in english.split("-") if part)
    return f"ita-{slug}" if slug else "ita-open-data"


def datapackage(site: Site, files: dict[str, str]) -> dict[str, Any]:
    org = site.organisation
    years = list(site.years)
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]) if years else ""
    return {
        "profile": "data-package",
        "name": package_name(site),
        "title": f"ข้อมูลการประเมินคุณธรรมและความโปร่งใส (ITA) {org.name}",
        "description": (
            f"ผลการประเมิน ITA มาตรการส่งเสริมคุณธรรมและความโปร่งใส และการเปิดเผยข้อมูลสาธารณะ (OIT) ของ{org.name}"
            f" ปีงบประมาณ {span} ปีเป็นปีงบประมาณ พ.ศ. วันที่เป็น ค.ศ. รูปแบบ ISO 8601"
        ),
        "keywords": ["ITA", "OIT", "คุณธรรมและความโปร่งใส", "มาตรการส่งเสริมคุณธรรม", org.name],
        "contributors": [{"title": org.name, "role": "publisher"}],
        "resources": [_resource(d, files[d.path]) for d in site_downloads(site)],
    }

"""Model → open data files under ``data/``: JSON and CSV per year, one JSON of the whole site, a Frictionless
``datapackage.json`` (so CKAN portals such as data.go.th can harvest it) and the tables the ``data/index.md``
download page lists (that page is rendered with the other pages).

Pure: :func:`render_open_data` returns ``{path: text}`` with paths relative to the docs folder. Numbers are plain
(Arabic digits, two decimals as the reports print them), dates are ISO 8601 (Common Era, as the standard wants),
years are Buddhist-era fiscal years.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from generator.model.scoring import tool_score
from generator.model.site import Site, YearContent, indicator_name, sorted_items, tool_of
from generator.model.types import Measure, MeasurePlan, Status
from generator.urls import (
    DATA_DIR,
    DIRECTORY_URLS,
    PACKAGE,
    SITE_JSON,
    UrlScheme,
    data_file,
    indicator_page,
    measure_page,
    oit_item_page,
    year_data_files,
)

LIST_SEPARATOR = ";"


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
        Field("url", "string", "ที่อยู่หน้าของมาตรการบนเว็บไซต์ (เทียบกับหน้าแรก)"),
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
        Field("url", "string", "ที่อยู่หน้าของข้อนี้บนเว็บไซต์ (เทียบกับหน้าแรก)"),
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


# -- rows ----------------------------------------------------------------------------------------------------


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _joined(values: Iterable[object]) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def _text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _unit_names(site: Site, measure: Measure) -> list[str]:
    return [site.unit_name(owner) for owner in measure.owners]


def measure_rows(site: Site, year: YearContent, urls: UrlScheme) -> list[dict[str, str]]:
    plan = year.plan
    assert plan is not None
    return [
        {
            "year": str(year.year), "based_on": str(year.based_on), "id": m.id, "number": m.number or "", "title": m.title,
            "indicators": _joined(m.indicators), "questions": _joined(m.questions), "owners": _joined(_unit_names(site, m)),
            "timeframe": m.timeframe.text or "", "start": _iso(m.timeframe.start), "end": _iso(m.timeframe.end),
            "status": m.status.value, "status_label": m.status.label, "url": urls.url(measure_page(year.year, m.id)),
        }
        for m in plan.measures
    ]


def measure_result_rows(year: YearContent) -> list[dict[str, str]]:
    plan = year.plan
    assert plan is not None
    rounds = {r.id: r for r in plan.rounds}
    rows = []
    for m in plan.measures:
        for res in m.results:
            rnd = rounds.get(res.round)
            rows.append({
                "year": str(year.year), "measure_id": m.id, "round": res.round,
                "round_label": rnd.label if rnd else res.round,
                "round_start": _iso(rnd.start if rnd else None), "round_end": _iso(rnd.end if rnd else None),
                "status": res.status.value if res.status else "", "status_label": res.status.label if res.status else "",
                "date": _iso(res.date), "actions": _text(res.actions), "outcome": _text(res.outcome),
                "evidence": _joined(link.url for link in res.evidence),
            })
    return rows


def _iso(day: Any) -> str:
    return day.isoformat() if day else ""


def _tool_rows(year: YearContent) -> list[dict[str, Any]]:
    result, framework = year.result, year.framework
    assert result is not None
    return [
        {"tool": t.code.value, "name": t.name, "weight": t.weight, "score": tool_score(result, framework, t.code),
         "stated": getattr(result.tools, t.code.value) is not None}
        for t in framework.tools
    ]


def score_rows(year: YearContent) -> list[dict[str, str]]:
    result, framework = year.result, year.framework
    assert result is not None
    empty = {"tool": "", "stated": "", "level": "", "pass_mark": "", "passed": ""}
    rows = [{**empty, "year": str(year.year), "kind": "total", "code": "total", "name": "คะแนนรวม",
             "score": _score(result.total), "stated": "true", "level": result.level}]
    for tool in _tool_rows(year):
        rows.append({**empty, "year": str(year.year), "kind": "tool", "code": tool["tool"], "name": tool["name"],
                     "tool": tool["tool"], "score": _score(tool["score"]), "stated": _bool(tool["stated"])})
    for ind in sorted(result.indicators, key=lambda i: i.indicator):
        rows.append({**empty, "year": str(year.year), "kind": "indicator", "code": str(ind.indicator),
                     "name": indicator_name(framework, ind.indicator), "tool": tool_of(framework, ind.indicator),
                     "score": _score(ind.score), "stated": "true", "pass_mark": _score(framework.pass_mark),
                     "passed": _bool(ind.score >= framework.pass_mark)})
    return rows


def question_rows(year: YearContent) -> list[dict[str, str]]:
    assert year.result is not None
    return [
        {"year": str(year.year), "indicator": str(ind.indicator), "code": str(q.code), "question": q.question or "",
         "score": _score(q.score), "finding": _text(q.finding)}
        for ind in sorted(year.result.indicators, key=lambda i: i.indicator)
        for q in ind.questions
    ]


def oit_rows(year: YearContent, urls: UrlScheme) -> list[dict[str, str]]:
    rows = []
    for item in sorted_items(year.framework):
        d = year.disclosure(item.code)
        base = {"year": str(year.year), "item": item.code, "indicator": str(item.indicator), "sub": item.sub or "",
                "title": item.title or "", "published": _bool(bool(d and d.links)), "updated": _iso(d.updated if d else None),
                "link_title": "", "link_url": "", "url": urls.url(oit_item_page(year.year, item.code))}
        links = d.links if d else []
        rows += [{**base, "link_title": lk.title, "link_url": lk.url} for lk in links] or [base]
    return rows


def write_csv(table: Table, rows: list[dict[str, str]]) -> str:
    """RFC 4180 CSV (CRLF line ends, UTF-8), columns in the table's order."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[f.name for f in table.fields], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# -- JSON documents ------------------------------------------------------------------------------------------------


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def measures_json(site: Site, year: YearContent, urls: UrlScheme) -> dict[str, Any]:
    plan: MeasurePlan | None = year.plan
    assert plan is not None
    return {
        "year": year.year,
        "based_on": year.based_on,
        "title": plan.title,
        "rounds": [r.model_dump(mode="json") for r in plan.rounds],
        "measures": [
            {**m.model_dump(mode="json"), "status_label": m.status.label, "owner_names": _unit_names(site, m),
             "url": urls.url(measure_page(year.year, m.id))}
            for m in plan.measures
        ],
    }


def scores_json(year: YearContent, urls: UrlScheme) -> dict[str, Any]:
    result, framework = year.result, year.framework
    assert result is not None
    return {
        "year": year.year,
        "total": result.total,
        "level": result.level,
        "total_change": result.total_change,
        "pass_mark": framework.pass_mark,
        "tools": _tool_rows(year),
        "indicators": [
            {"indicator": i.indicator, "name": indicator_name(framework, i.indicator), "tool": tool_of(framework, i.indicator),
             "score": i.score, "passed": i.score >= framework.pass_mark, "change": i.change,
             "questions": [q.model_dump(mode="json") for q in i.questions], "guidelines": i.guidelines,
             "url": urls.url(indicator_page(year.year, i.indicator))}
            for i in sorted(result.indicators, key=lambda i: i.indicator)
        ],
    }


def oit_json(year: YearContent, urls: UrlScheme) -> dict[str, Any]:
    items = []
    for item in sorted_items(year.framework):
        d = year.disclosure(item.code)
        items.append({
            "item": item.code, "indicator": item.indicator, "sub": item.sub, "title": item.title,
            "published": bool(d and d.links), "updated": _iso(d.updated if d else None) or None,
            "links": [lk.model_dump(mode="json") for lk in d.links] if d else [], "note": d.note if d else [],
            "url": urls.url(oit_item_page(year.year, item.code)),
        })
    return {"year": year.year, "items": items}


def site_json(site: Site) -> dict[str, Any]:
    def dump(model: Any) -> Any:
        return model.model_dump(mode="json") if model is not None else None

    return {
        "organisation": dump(site.organisation),
        "years": [
            {"year": y.year, "result": dump(y.result), "measures": dump(y.plan), "oit": dump(y.oit),
             "framework": dump(y.framework)}
            for y in site.years.values()
        ],
    }


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


def _year_files(site: Site, year: YearContent, urls: UrlScheme) -> dict[str, str]:
    makers: dict[str, Callable[[], str]] = {}
    if year.result:
        makers["scores.json"] = lambda: _dump(scores_json(year, urls))
        makers["scores.csv"] = lambda: write_csv(SCORES, score_rows(year))
        makers["questions.csv"] = lambda: write_csv(QUESTIONS, question_rows(year))
    if year.plan:
        makers["measures.json"] = lambda: _dump(measures_json(site, year, urls))
        makers["measures.csv"] = lambda: write_csv(MEASURES, measure_rows(site, year, urls))
        makers["measure-results.csv"] = lambda: write_csv(MEASURE_RESULTS, measure_result_rows(year))
    makers["oit.json"] = lambda: _dump(oit_json(year, urls))
    makers["oit.csv"] = lambda: write_csv(OIT, oit_rows(year, urls))
    return {f"{DATA_DIR}/{year.year}/{name}": make() for name, make in makers.items()}


def render_open_data(site: Site, urls: UrlScheme = DIRECTORY_URLS) -> dict[str, str]:
    """Every file under ``data/`` (its download page is rendered with the pages), keyed by its path relative to the
    docs folder, in a stable order."""
    files: dict[str, str] = {SITE_JSON: _dump(site_json(site))}
    for year in site.years.values():
        files |= _year_files(site, year, urls)
    files[PACKAGE] = _dump(datapackage(site, files))
    return dict(sorted(files.items()))

"""The portal's aggregate as open data: ``data/portal.json`` (every organisation, its reading and its years), per
year ``organisations.csv`` and ``oit-coverage.csv`` (CSV-injection rules of :func:`write_csv`), the Data Package
descriptor; and the Atom feed of what changed across organisations. Pure and clock-free."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from generator.portal import addresses as at
from generator.portal.view import Member, PortalView
from generator.render.catalogue import Field, Table
from generator.render.feed import Update
from generator.render.opendata import COVERAGE_STATES, write_csv
from generator.thai import fiscal_year_bounds, format_number
from generator.urls import DATA_DIR, PACKAGE, UrlScheme, published_address

PORTAL_FORMAT = "itasite-portal"
PORTAL_VERSION = 1
STATUSES = ("ok", "down", "not-itasite", "newer-version", "invalid", "never-fetched")

YEAR = Field("year", "integer", "ปีงบประมาณ (พ.ศ.)")
ORG = Field("organisation", "string", "ชื่อหน่วยงาน")
MEMBERS = Table("organisations", "หน่วยงานรายปี", "หนึ่งแถวต่อหน่วยงาน: คะแนนรวม ระดับ มาตรการ และ OIT", (
    YEAR, ORG,
    Field("type", "string", "ประเภทหน่วยงาน"),
    Field("groups", "string", "กลุ่มตาม portal.yml (คีย์=ค่า คั่นด้วย ;)"),
    Field("status", "string", "สถานะการอ่านข้อมูล", enum=STATUSES),
    Field("total", "number", "คะแนนรวมที่เผยแพร่"),
    Field("computed_total", "number", "คะแนนรวมที่คำนวณจากคะแนนรายตัวชี้วัด"),
    Field("total_differs", "boolean", "คะแนนรวมไม่ตรงกับที่คำนวณ"),
    Field("level", "string", "ระดับผลการประเมิน"),
    Field("measures", "integer", "จำนวนมาตรการ"),
    *(Field(f"oit_{s}", "integer", f"จำนวนข้อ OIT สถานะ {s}") for s in COVERAGE_STATES),
    Field("result_url", "string", "หน้าผลการประเมินบนเว็บไซต์ของหน่วยงาน"),
    Field("measures_url", "string", "หน้ามาตรการบนเว็บไซต์ของหน่วยงาน"),
    Field("oit_url", "string", "หน้า OIT บนเว็บไซต์ของหน่วยงาน"),
    Field("portal_page", "string", "หน้าของหน่วยงานในพอร์ทัล"),
))
COVERAGE = Table("oit-coverage", "การเปิดเผยข้อมูล OIT รายข้อ", "หนึ่งแถวต่อหน่วยงานต่อข้อ OIT", (
    YEAR, ORG,
    Field("item", "string", "ข้อ OIT"),
    Field("title", "string", "ชื่อรายการ"),
    Field("state", "string", "สถานะ", enum=COVERAGE_STATES),
    Field("label", "string", "สถานะตามที่หน้า OIT ของหน่วยงานแสดง"),
    Field("links", "integer", "จำนวนลิงก์เอกสาร"),
    Field("url", "string", "หน้าข้อ OIT บนเว็บไซต์ของหน่วยงาน"),
))


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _portal_page(member: Member, file: str, urls: UrlScheme, site_url: str | None) -> str:
    return published_address(urls.url(at.member_page(member.slug)), file, site_url)


def portal_json(view: PortalView, urls: UrlScheme, site_url: str | None) -> dict[str, Any]:
    organisations = []
    for m in view.members:
        r, reading = m.record, m.reading
        organisations.append({
            "name": m.name, "page": _portal_page(m, at.PORTAL_JSON, urls, site_url), "site": reading.site_url,
            "groups": m.groups, "status": reading.status, "reason": reading.reason or None,
            "read_at": _iso(reading.read_at), "good_at": _iso(reading.good_at), "updated": _iso(r.updated) if r else None,
            "years": [
                {"year": y.year, "total": y.total, "computed_total": y.computed_total, "total_differs": y.total_differs,
                 "level": y.level, "measures": {s.value: n for s, n in y.measures.items()},
                 "oit": y.coverage_counts() if y.oit_recorded else None, "pages": y.pages}
                for y in (r.years if r else [])
            ],
        })
    return {"format": PORTAL_FORMAT, "version": PORTAL_VERSION, "name": view.portal.name, "organisations": organisations}


def member_rows(view: PortalView, year: int, urls: UrlScheme, site_url: str | None) -> list[dict[str, str]]:
    rows = []
    for m in view.members:
        y = m.year(year)
        if y is None:
            continue
        counts = y.coverage_counts()
        rows.append({
            "year": str(year), "organisation": m.name, "type": m.groups.get("type", ""),
            "groups": ";".join(f"{k}={v}" for k, v in m.groups.items() if k != "type"), "status": m.reading.status,
            "total": _score(y.total), "computed_total": _score(y.computed_total),
            "total_differs": "true" if y.total_differs else "false", "level": y.level or "",
            "measures": str(sum(y.measures.values())), **{f"oit_{s}": str(counts[s]) for s in COVERAGE_STATES},
            "result_url": y.pages.get("year") or "", "measures_url": y.pages.get("measures") or "",
            "oit_url": y.pages.get("oit") or "", "portal_page": _portal_page(m, at.members_csv(year), urls, site_url),
        })
    return rows


def coverage_rows(view: PortalView, year: int) -> list[dict[str, str]]:
    rows = []
    for m in view.members:
        y = m.year(year)
        for item in y.oit if y else []:
            rows.append({"year": str(year), "organisation": m.name, "item": item.item, "title": item.title,
                         "state": item.state, "label": item.label, "links": str(item.links), "url": item.url or ""})
    return rows


def _resource(path: str, table: Table | None, text: str, title: str) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "name": path.removeprefix(f"{DATA_DIR}/").replace("/", "-").rsplit(".", 1)[0],
        "path": path.removeprefix(f"{DATA_DIR}/"), "title": title, "format": path.rsplit(".", 1)[1],
        "mediatype": "text/csv" if table else "application/json", "encoding": "utf-8", "bytes": len(text.encode("utf-8")),
    }
    if table:
        resource["profile"] = "tabular-data-resource"
        resource["dialect"] = {"delimiter": ",", "lineTerminator": "\r\n", "header": True}
        fields = []
        for f in table.fields:
            field: dict[str, Any] = {"name": f.name, "type": f.type, "title": f.title}
            if f.enum:
                field["constraints"] = {"enum": list(f.enum)}
            fields.append(field)
        resource["schema"] = {"fields": fields, "missingValues": [""]}
    else:
        resource["profile"] = "data-resource"
    return resource


def render_portal_data(view: PortalView, urls: UrlScheme, site_url: str | None) -> dict[str, str]:
    files = {at.PORTAL_JSON: _dump(portal_json(view, urls, site_url))}
    resources = [_resource(at.PORTAL_JSON, None, files[at.PORTAL_JSON], "ข้อมูลทั้งพอร์ทัล")]
    for year in view.years:
        files[at.members_csv(year)] = write_csv(MEMBERS, member_rows(view, year, urls, site_url))
        files[at.coverage_csv(year)] = write_csv(COVERAGE, coverage_rows(view, year))
        resources.append(_resource(at.members_csv(year), MEMBERS, files[at.members_csv(year)], f"หน่วยงาน ปี {year}"))
        resources.append(_resource(at.coverage_csv(year), COVERAGE, files[at.coverage_csv(year)], f"การเปิดเผยข้อมูล OIT ปี {year}"))
    files[PACKAGE] = _dump({
        "profile": "data-package", "name": "ita-portal", "title": f"ข้อมูล ITA/OIT รวม: {view.portal.name}",
        "description": "ข้อมูลรวมจากข้อมูลเปิดของแต่ละหน่วยงาน ปีเป็นปีงบประมาณ พ.ศ. วันที่เป็น ค.ศ. รูปแบบ ISO 8601",
        "keywords": ["ITA", "OIT", "คุณธรรมและความโปร่งใส"], "resources": resources,
    })
    return dict(sorted(files.items()))


def portal_updates(view: PortalView) -> list[Update]:
    """What changed across organisations: each published result (dated by the organisation's data) and each
    organisation whose data could not be read (dated by the last attempt)."""
    updates = []
    for m in view.members:
        r = m.record
        for y in r.years if r else []:
            if y.total is None:
                continue
            day = r.updated if r and r.updated else fiscal_year_bounds(y.year)[0]
            updates.append(Update(
                date=day, key=f"{m.slug}/{y.year}/result",
                title=f"{m.name}: ผลการประเมิน ITA ปีงบประมาณ {y.year} {format_number(y.total, 'arabic')} คะแนน ระดับ {y.level or '–'}",
                summary="", page=at.member_page(m.slug), scopes=(at.member_page(m.slug),),
            ))
        if not m.reading.ok:
            read = m.reading.read_at.date() if m.reading.read_at else None
            updates.append(Update(
                date=read or (r.updated if r and r.updated else dt.date(2000, 1, 1)), key=f"{m.slug}/status/{m.reading.status}",
                title=f"{m.name}: อ่านข้อมูลล่าสุดไม่ได้", summary=m.reading.reason, page=at.member_page(m.slug),
                scopes=(at.member_page(m.slug),),
            ))
    return sorted(updates, key=lambda u: (u.date, u.key), reverse=True)

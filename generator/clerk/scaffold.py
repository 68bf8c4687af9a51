"""``itasite new-year``: the starting files of a fiscal year, with nothing invented.

- ``<year>/measures.yml``: ``based_on`` the latest year with a result; the measures of the previous plan that are
  not done, carried forward with their history (a note and a link to the old measure's page); their reports per
  round are not copied, since they belong to the old year.
- ``<year>/oit.yml``: every OIT item of the year's framework, with no link yet.
- ``frameworks/<year>.yml`` with ``extends:`` the latest shipped year, when the generator has no framework for it.

Existing files are never overwritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.clerk.yaml_edit import dump_yaml
from generator.errors import ContentError, Severity, UserError
from generator.load.content import FRAMEWORKS_DIR
from generator.load.frameworks import load_shipped_framework, shipped_years
from generator.messages import Lang
from generator.model.site import Site
from generator.model.types import ItemDef, Measure, Status
from generator.pipeline import check_content
from generator.urls import DIRECTORY_URLS, measure_page


def carried_measure(measure: Measure, old_year: int) -> dict[str, Any]:
    """An unfinished measure for the next plan: what it is, without the old year's reports and dates."""
    data = measure.model_dump(mode="json", exclude_defaults=True, exclude={"results", "timeframe", "status", "number"})
    data["status"] = Status.planned.value
    note = f"ต่อเนื่องจากมาตรการ {measure.id} ปีงบประมาณ {old_year} (สถานะเดิม: {measure.status.label})"
    data["notes"] = [note, *data.get("notes", [])]
    # A link typed in the content names a page by its directory address on every scheme (urls.resolve_link).
    history = {"title": f"มาตรการ {measure.id} ปีงบประมาณ {old_year}", "url": DIRECTORY_URLS.url(measure_page(old_year, measure.id))}
    data["evidence"] = [history, *data.get("evidence", [])]
    return data


def plan_data(site: Site, year: int) -> dict[str, Any]:
    results = [y for y in site.years if y < year and site.years[y].result]
    data: dict[str, Any] = {"based_on": max(results) if results else year - 1}
    previous = [y for y in site.years if y < year and site.years[y].plan]
    if previous:
        old = max(previous)
        plan = site.years[old].plan
        assert plan is not None
        data["measures"] = [carried_measure(m, old) for m in plan.measures if m.status is not Status.done]
    else:
        data["measures"] = []
    return data


OIT_HEADER = """\
# ข้อ OIT ปีงบประมาณ {year}: ใต้แต่ละข้อ ใส่ links: พร้อม title และ url ของที่เผยแพร่ข้อมูล เช่น
#   - item: o1
#     links:
#       - title: โครงสร้างองค์กร
#         url: https://www.example.go.th/structure
# (ที่อยู่ในเว็บไซต์นี้ หรือไฟล์ในโฟลเดอร์ content เขียนนับจากหน้าแรก เช่น files/plan.pdf)
"""


def oit_text(year: int, items: list[ItemDef]) -> str:
    """Every item of the year, named in a comment (the clerk sees which is which); nothing to fill in wrongly."""
    listed = CommentedSeq()
    for item in items:
        entry = CommentedMap(item=item.code)
        if item.title:
            entry.yaml_add_eol_comment(item.title, "item")
        listed.append(entry)
    return OIT_HEADER.format(year=year) + dump_yaml(CommentedMap(items=listed))


def scaffold_year(content_dir: Path, root: Path, year: int, lang: Lang = "th") -> list[str]:
    """Write the year's starting files; returns the lines to print. Refuses to overwrite anything."""
    site, findings = check_content(content_dir, root, lang)
    if site is None or any(f.severity is Severity.error for f in findings):
        raise ContentError(findings)
    folder = content_dir / str(year)
    targets = [folder / "measures.yml", folder / "oit.yml"]
    framework_file = content_dir / FRAMEWORKS_DIR / f"{year}.yml"
    shipped = load_shipped_framework(year)
    existing = [p for p in targets if p.exists()]
    if existing:
        names = ", ".join(str(p) for p in existing)
        raise UserError(f"มีไฟล์อยู่แล้ว ไม่เขียนทับ: {names} (already exists; nothing was written)")
    lines: list[str] = []
    framework = site.frameworks.get(year)
    if framework is None and shipped is None and not framework_file.exists():
        base = shipped_years()[-1]
        framework_file.parent.mkdir(parents=True, exist_ok=True)
        framework_file.write_text(
            f"# กรอบการประเมินปี {year}: ยังไม่มีในโปรแกรม จึงใช้ของปี {base} ไปก่อน\n"
            f"# แก้ไข/เพิ่มรายการข้อ OIT (items:) ตามคู่มือการประเมินของ ป.ป.ช. ปี {year}\n"
            f"extends: {base}\n",
            encoding="utf-8",
        )
        lines.append(f"{framework_file}: ยังไม่มีกรอบการประเมินปี {year} ในโปรแกรม จึงสร้างไฟล์นี้โดยใช้ของปี {base} (extends: {base}) "
                     f"ให้ตรวจรายการข้อ OIT กับคู่มือของ ป.ป.ช. (no {year} framework shipped; extends {base}: check its OIT items)")
        shipped = load_shipped_framework(base)
    chosen = framework or shipped
    items = chosen.items if chosen is not None else []
    folder.mkdir(parents=True, exist_ok=True)
    plan = plan_data(site, year)
    targets[0].write_text(f"# มาตรการปีงบประมาณ {year} จากผลการประเมินปี {plan['based_on']}\n" + dump_yaml(plan), encoding="utf-8")
    carried = len(plan["measures"])
    lines.append(f"{targets[0]}: based_on {plan['based_on']}, ยกมาตรการที่ยังไม่แล้วเสร็จมา {carried} มาตรการ "
                 f"({carried} unfinished measure(s) carried forward)")
    targets[1].write_text(oit_text(year, items), encoding="utf-8")
    lines.append(f"{targets[1]}: {len(items)} ข้อ OIT ยังไม่มีลิงก์ ({len(items)} OIT items, no links yet)")
    return lines

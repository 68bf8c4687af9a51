"""Gaps a clerk should close: missing OIT disclosures and low indicators without a measure (warnings), unreported
rounds and overdue measures (reminders: they depend on today's date, so they never fail ``check --strict`` and the
same commit passes CI on any day). Only ``itasite check`` runs these; builds stay deterministic.
"""

from __future__ import annotations

import datetime as dt

from generator.check.checker import Checker
from generator.errors import Finding
from generator.messages import Lang
from generator.model.scoring import known_codes
from generator.model.site import MEASURES_FILE, OIT_FILE, RESULT_FILE, Site, YearContent
from generator.model.types import DisclosureState, OitScope, Round, Status
from generator.thai import be_iso, format_date

_UNFINISHED = (Status.in_progress, Status.not_started, Status.planned)


def check_completeness(site: Site, today: dt.date, lang: Lang = "th") -> list[Finding]:
    """Gaps a clerk should close: missing OIT disclosures, unreported rounds, low indicators without a measure,
    overdue measures. Warnings only. OIT items are checked only for years that have an oit.yml: a site that does
    not keep its OIT links here (most record them on the agency's own website) is not nagged about 20–40 items."""
    checker = Checker(site, lang)
    for year in site.years.values():
        if year.oit:
            _check_oit_complete(checker, year)
        if year.result:
            _check_low_indicators(checker, year)
        if year.plan:
            _check_plan_progress(checker, year, today)
    return checker.findings


def _check_oit_complete(c: Checker, year: YearContent) -> None:
    assert year.oit is not None
    source = c.site.source(year.year, OIT_FILE)
    listed = {d.item: i for i, d in enumerate(year.oit.items)}
    kept_elsewhere = year.oit.scope is OitScope.this_site
    for item in year.framework.items:
        if item.code not in listed:
            if kept_elsewhere:
                continue
            c.warn(source, ("items",),
                   f"ยังไม่มีข้อ {item.code} ({item.title or 'ไม่ทราบชื่อข้อ'}) ให้เพิ่ม '- item: {item.code}' พร้อม links: ที่เผยแพร่ข้อมูล",
                   f"{item.code} ({item.title or 'title unknown'}) is missing; add '- item: {item.code}' with its links")
        elif (d := year.oit.items[listed[item.code]]).shown_state is DisclosureState.not_yet and not (d.state and d.note):
            c.warn(source, ("items", listed[item.code], "item"),
                   f"ข้อ {item.code} ยังไม่มีลิงก์ที่เผยแพร่ ให้ใส่ links: (title และ url) ของหน้าที่เผยแพร่ข้อมูล",
                   f"{item.code} has no link yet; add links: (title and url) of the page that publishes it")


def _addressed_indicators(site: Site, year: int) -> set[int] | None:
    """Indicators the measures based on ``year`` answer; None when no plan is based on that year."""
    plans = [y.plan for y in site.years.values() if y.plan and y.based_on == year]
    if not plans:
        return None
    framework = site.frameworks.get(year)
    codes = known_codes(framework) if framework else {}
    found: set[int] = set()
    for plan in plans:
        for m in plan.measures:
            found.update(m.indicators)
            found.update(codes[code] for span in m.questions for code in span.codes() if code in codes)
    return found


def _check_low_indicators(c: Checker, year: YearContent) -> None:
    assert year.result is not None
    source = c.site.source(year.year, RESULT_FILE)
    addressed = _addressed_indicators(c.site, year.year)
    mark = year.framework.pass_mark
    for i, ind in enumerate(year.result.indicators):
        if ind.score + 1e-9 >= mark or (addressed is not None and ind.indicator in addressed):
            continue
        c.warn(source, ("indicators", i, "score"),
               f"ตัวชี้วัดที่ {ind.indicator} ได้ {ind.score:.2f} ต่ำกว่าเกณฑ์ {mark:.2f} แต่ยังไม่มีมาตรการที่ตอบตัวชี้วัดนี้ "
               f"ให้เพิ่มมาตรการใน {year.year + 1}/measures.yml (based_on: {year.year}) โดยใส่ indicators: [{ind.indicator}]",
               f"indicator {ind.indicator} scored {ind.score:.2f}, below the pass mark {mark:.2f}, and no measure answers it; "
               f"add a measure in {year.year + 1}/measures.yml (based_on: {year.year}) with indicators: [{ind.indicator}]")


def _round_deadline(rnd: Round) -> dt.date | None:
    return rnd.due or rnd.end


def _check_plan_progress(c: Checker, year: YearContent, today: dt.date) -> None:
    plan = year.plan
    assert plan is not None
    source = c.site.source(year.year, MEASURES_FILE)
    passed = [r for r in plan.rounds if (d := _round_deadline(r)) is not None and d < today]
    for i, measure in enumerate(plan.measures):
        reported = {r.round for r in measure.results}
        for rnd in passed:
            if rnd.id not in reported:
                c.remind(source, ("measures", i, "results"),
                       f"มาตรการ {measure.id} ยังไม่มีผลการดำเนินงาน{rnd.label} (ครบกำหนด {_thai_date(_round_deadline(rnd))}) "
                       f"ให้เพิ่ม results: - round: {rnd.id} พร้อม status และ actions",
                       f"measure {measure.id} has no report for {rnd.id} (due {be_iso(_round_deadline(rnd))}); "
                       f"add results: - round: {rnd.id} with status and actions")
        end = measure.timeframe.end
        if end is not None and end < today and measure.status in _UNFINISHED:
            c.remind(source, ("measures", i, "status"),
                   f"มาตรการ {measure.id} เลยกำหนดแล้วเสร็จ ({_thai_date(end)}) แต่สถานะยังเป็น '{measure.status.label}' "
                   "ให้ปรับ status เป็น done ถ้าเสร็จแล้ว หรือบันทึกเหตุผลใน notes และขยาย timeframe.end",
                   f"measure {measure.id} passed its deadline ({be_iso(end)}) but its status is still '{measure.status.value}'; "
                   "set status: done if it is finished, or explain in notes and move timeframe.end")


def _thai_date(day: dt.date | None) -> str:
    return format_date(day, "short", "arabic") if day else ""

"""Rules across files and arithmetic: references, duplicates, totals and levels.

Errors stop the build. Warnings (numbers that do not add up as printed) are reported by ``itasite check`` and fail
only with ``--strict``: real reports contain such slips (seed 004 states 97.72 where its indicators give 97.69), and
the site must still show what was announced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterator, Sequence
from functools import partial
from statistics import fmean

from generator.check.checker import Checker
from generator.check.privacy import check_privacy
from generator.errors import Finding
from generator.memo import Memo, remembered
from generator.messages import Lang
from generator.model.codes import TOOL_OF_PREFIX, CodeRange
from generator.model.scoring import TOLERANCE, computed_total, differs, indicator_mean, known_codes, level_for
from generator.model.site import MEASURES_FILE, OIT_FILE, RESULT_FILE, Site, YearContent, tool_indicators
from generator.model.source import KeyPath, SourceFile
from generator.model.types import Framework, IndicatorResult, Tool
from generator.thai import be_iso, fiscal_year_bounds


def check_site(site: Site, lang: Lang = "th", memo: Memo | None = None) -> list[Finding]:
    """Every cross-file and arithmetic finding of the site (errors and warnings). With ``memo`` (a preview's), a
    year is checked again only when it, the year before it, the organisation or a framework changed."""
    checker = Checker(site, lang)
    _check_organisation(checker)
    findings = checker.findings
    shape = (site.organisation, site.frameworks, lang)
    for year in site.years.values():
        sources = tuple(site.sources.get(f"{year.year}/{name}") for name in (RESULT_FILE, MEASURES_FILE, OIT_FILE))
        inputs = (year, site.years.get(year.year - 1), sources, shape)
        findings += remembered(memo, ("check", year.year), inputs, partial(_check_year, site, year, lang))
    return findings + check_privacy(site, lang, memo)


def _check_year(site: Site, year: YearContent, lang: Lang) -> list[Finding]:
    checker = Checker(site, lang)
    if year.result:
        _check_result(checker, year, site.source(year.year, RESULT_FILE))
    if year.plan:
        _check_plan(checker, year, site.source(year.year, MEASURES_FILE))
    if year.oit:
        _check_oit(checker, year, site.source(year.year, OIT_FILE))
    return checker.findings


def _duplicates(values: Sequence[Hashable]) -> Iterator[tuple[int, int]]:
    """(index of a repeat, index of its first occurrence)."""
    seen: dict[Hashable, int] = {}
    for i, value in enumerate(values):
        if value in seen:
            yield i, seen[value]
        else:
            seen[value] = i


def _check_organisation(c: Checker) -> None:
    source = c.site.sources["organisation.yml"]
    units = c.site.organisation.units
    for i, first in _duplicates([u.id for u in units]):
        c.error(source, ("units", i, "id"), f"id '{units[i].id}' ซ้ำกับ units[{first + 1}] ให้ตั้ง id ใหม่",
                f"id '{units[i].id}' repeats units[{first + 1}]; choose another id")
    ids = {u.id for u in units}
    for i, unit in enumerate(units):
        if unit.parent is not None and unit.parent not in ids:
            c.error(source, ("units", i, "parent"), f"ไม่พบหน่วยงาน id '{unit.parent}' ใน units",
                    f"no unit with id '{unit.parent}' in units")
    logo = c.site.organisation.logo
    if logo is not None and not (source.path.parent / logo).is_file():
        c.error(source, ("logo",), f"ไม่พบไฟล์ตราหน่วยงาน '{logo}' ในโฟลเดอร์ content",
                f"the logo file '{logo}' is not in the content folder")


# -- result ------------------------------------------------------------------------------------------------


def _unit_list(c: Checker) -> tuple[str, str]:
    """The units a measure may name, for a message: ``ที่มี: palad = สำนักปลัด, …`` (the first ten)."""
    units = c.site.organisation.units
    if not units:
        return "organisation.yml ยังไม่มี units", "organisation.yml has no units yet"
    shown = ", ".join(f"{u.id} = {u.name}" for u in units[:10]) + (" …" if len(units) > 10 else "")
    return f"ที่มี: {shown}", f"known: {shown}"


def _check_code(
    c: Checker, source: SourceFile, path: KeyPath, code: str, framework: Framework, indicator: int | None
) -> None:
    codes = known_codes(framework)
    tool = TOOL_OF_PREFIX[code[0]]
    listed = any(k[0] == code[0] for k in codes)
    if code not in codes:
        if listed:
            c.error(source, path, f"ไม่มีข้อ {code} ในกรอบการประเมินปี {framework.year} ตรวจรหัส หรือเพิ่มใน frameworks/{framework.year}.yml",
                    f"{code} is not in the {framework.year} framework; check the code or add it in frameworks/{framework.year}.yml")
        elif indicator is not None and indicator not in tool_indicators(framework, tool):
            c.error(source, path, f"ข้อ {code} เป็นของเครื่องมือ {tool} แต่ตัวชี้วัดที่ {indicator} ไม่ใช่",
                    f"{code} belongs to {tool}, but indicator {indicator} does not")
        return
    if indicator is not None and codes[code] != indicator:
        c.error(source, path, f"ข้อ {code} อยู่ในตัวชี้วัดที่ {codes[code]} ไม่ใช่ตัวชี้วัดที่ {indicator} (กรอบปี {framework.year})",
                f"{code} belongs to indicator {codes[code]}, not {indicator} ({framework.year} framework)")


def _check_span(
    c: Checker, source: SourceFile, path: KeyPath, span: CodeRange, framework: Framework, indicator: int | None
) -> None:
    """Each code of a span; a range longer than the year's whole list is one finding, not one per code."""
    codes = known_codes(framework)
    listed = sorted(int(k[1:]) for k in codes if k[0] == span.prefix)
    if listed and span.last - span.first + 1 > len(listed):
        shown = ", ".join(_code_ranges(listed, span.prefix).split(", ")[:6])
        c.error(source, path, f"ช่วง {span} ยาวกว่ารายการทั้งหมดของกรอบการประเมินปี {framework.year} (มี {shown}) ตรวจเลขข้อของช่วง",
                f"range {span} is longer than the whole list of the {framework.year} framework ({shown}); check the range")
        return
    for code in span.codes():
        _check_code(c, source, path, code, framework, indicator)


def _check_result(c: Checker, year: YearContent, source: SourceFile) -> None:
    result, framework = year.result, year.framework
    assert result is not None
    numbers = [i.indicator for i in result.indicators]
    for i, first in _duplicates(numbers):
        c.error(source, ("indicators", i, "indicator"), f"ตัวชี้วัดที่ {numbers[i]} ซ้ำกับ indicators[{first + 1}]",
                f"indicator {numbers[i]} repeats indicators[{first + 1}]")
    level_names = [lv.name for lv in framework.levels]
    if result.level not in level_names:
        c.error(source, ("level",), f"ระดับ '{result.level}' ไม่มีในเกณฑ์ปี {year.year} ค่าที่ใช้ได้: {', '.join(level_names)}",
                f"level '{result.level}' is not a {year.year} level; use one of: {', '.join(level_names)}")
    for i, ind in enumerate(result.indicators):
        _check_indicator_result(c, source, i, ind, framework)
    _check_arithmetic(c, year, source)


def _check_indicator_result(c: Checker, source: SourceFile, i: int, ind: IndicatorResult, framework: Framework) -> None:
    codes: list[str] = []
    for j, q in enumerate(ind.questions):
        _check_span(c, source, ("indicators", i, "questions", j, "code"), q.code, framework, ind.indicator)
        for code in q.code.codes():
            if code in codes:
                c.error(source, ("indicators", i, "questions", j, "code"), f"ข้อ {code} ซ้ำในตัวชี้วัดนี้",
                        f"{code} appears twice in this indicator")
            codes.append(code)
    if ind.indicator not in tool_indicators(framework, "IIT") or not ind.questions:
        return
    # IIT indicator scores are the mean of their questions. EIT and OIT are not plain means (seed 003's 2568
    # EIT rows give 96.44 for an announced 97.62), so only IIT is checked.
    scores = [q.score for q in ind.questions for _ in q.code.codes()]
    mean = fmean(scores)
    if differs(mean, ind.score, TOLERANCE + 0.005):
        c.warn(source, ("indicators", i, "score"),
               f"คะแนนตัวชี้วัด {ind.score:.2f} ไม่เท่ากับค่าเฉลี่ยของข้อคำถาม {mean:.2f} ตรวจคะแนนรายข้ออีกครั้ง",
               f"indicator score {ind.score:.2f} differs from the mean of its questions {mean:.2f}; recheck the question scores")


def _check_arithmetic(c: Checker, year: YearContent, source: SourceFile) -> None:
    result, framework = year.result, year.framework
    assert result is not None
    total = computed_total(result, framework)
    if total is not None and differs(total, result.total):
        c.warn(source, ("total",),
               f"คะแนนรวม {result.total:.2f} ไม่ตรงกับที่คำนวณจากตัวชี้วัด {total:.2f} "
               "(0.3×IIT + 0.3×EIT + 0.4×OIT) ตรวจคะแนนกับประกาศของ ป.ป.ช.",
               f"total {result.total:.2f} differs from {total:.2f} computed from the indicators "
               "(0.3×IIT + 0.3×EIT + 0.4×OIT); check against the NACC announcement")
    for tool in Tool:
        stated = getattr(result.tools, tool.value)
        mean = indicator_mean(result, framework, tool)
        if stated is not None and mean is not None and differs(stated, mean, TOLERANCE + 0.005):
            c.warn(source, ("tools", tool.value),
                   f"คะแนน {tool.value} {stated:.2f} ไม่เท่ากับค่าเฉลี่ยของตัวชี้วัด {mean:.2f}",
                   f"{tool.value} score {stated:.2f} differs from the mean of its indicators {mean:.2f}")
    expected = level_for(result, framework)
    if expected is not None and expected != result.level and result.level in [lv.name for lv in framework.levels]:
        c.warn(source, ("level",), f"ตามเกณฑ์ปี {year.year} คะแนนนี้ได้ระดับ '{expected}' ไม่ใช่ '{result.level}'",
               f"by the {year.year} bands these scores give '{expected}', not '{result.level}'")
    previous = c.site.years.get(year.year - 1)
    if previous is None or previous.result is None:
        return
    if result.total_change is not None:
        delta = result.total - previous.result.total
        if differs(delta, result.total_change):
            c.warn(source, ("total_change",),
                   f"ผลต่างคะแนนรวมที่พิมพ์ {result.total_change:.2f} ไม่ตรงกับ "
                   f"{result.total:.2f} − {previous.result.total:.2f} = {delta:.2f}",
                   f"stated total change {result.total_change:.2f} differs from "
                   f"{result.total:.2f} − {previous.result.total:.2f} = {delta:.2f}")
    before = {i.indicator: i.score for i in previous.result.indicators}
    for i, ind in enumerate(result.indicators):
        if ind.change is None or ind.indicator not in before:
            continue
        delta = ind.score - before[ind.indicator]
        if differs(delta, ind.change):
            c.warn(source, ("indicators", i, "change"),
                   f"ผลต่างที่พิมพ์ {ind.change:.2f} ไม่ตรงกับ {ind.score:.2f} − {before[ind.indicator]:.2f} = {delta:.2f}",
                   f"stated change {ind.change:.2f} differs from {ind.score:.2f} − {before[ind.indicator]:.2f} = {delta:.2f}")


# -- measures ----------------------------------------------------------------------------------------------


def _check_plan(c: Checker, year: YearContent, source: SourceFile) -> None:
    plan = year.plan
    assert plan is not None
    framework = c.site.frameworks.get(year.based_on)
    based_path: KeyPath = ("based_on",) if plan.based_on else ()
    if framework is None:
        c.error(source, based_path, f"ไม่มีกรอบการประเมินของปี {year.based_on} ที่มาตรการอ้างถึง ให้สร้าง frameworks/{year.based_on}.yml",
                f"no framework for {year.based_on}, the year these measures answer; create frameworks/{year.based_on}.yml")
        framework = year.framework
    rounds = [r.id for r in plan.rounds]
    for i, first in _duplicates(rounds):
        c.error(source, ("rounds", i, "id"), f"รอบ '{rounds[i]}' ซ้ำกับ rounds[{first + 1}]",
                f"round '{rounds[i]}' repeats rounds[{first + 1}]")
    ids = [m.id for m in plan.measures]
    for i, first in _duplicates(ids):
        c.error(source, ("measures", i, "id"), f"id '{ids[i]}' ซ้ำกับ measures[{first + 1}] ทุกมาตรการต้องมี id ไม่ซ้ำกัน",
                f"id '{ids[i]}' repeats measures[{first + 1}]; every measure needs its own id")
    units = {u.id for u in c.site.organisation.units}
    known = _unit_list(c)
    indicators = {ind.number for ind in framework.indicators}
    for i, measure in enumerate(plan.measures):
        for j, owner in enumerate(measure.owners):
            if owner not in units:
                c.error(source, ("measures", i, "owners", j),
                        f"ไม่พบหน่วยงาน id '{owner}' ให้เพิ่มใน units ของ organisation.yml หรือแก้ id ({known[0]})",
                        f"no unit with id '{owner}'; add it to units in organisation.yml or fix the id ({known[1]})")
        for j, number in enumerate(measure.indicators):
            if number not in indicators:
                c.error(source, ("measures", i, "indicators", j), f"ไม่มีตัวชี้วัดที่ {number} ในกรอบปี {framework.year}",
                        f"no indicator {number} in the {framework.year} framework")
        for j, span in enumerate(measure.questions):
            _check_span(c, source, ("measures", i, "questions", j), span, framework, None)
        seen: list[str] = []
        for j, result in enumerate(measure.results):
            if result.round not in rounds:
                c.error(source, ("measures", i, "results", j, "round"),
                        f"ไม่มีรอบ '{result.round}' ใน rounds ค่าที่ใช้ได้: {', '.join(rounds)}",
                        f"no round '{result.round}' in rounds; use one of: {', '.join(rounds)}")
            if result.round in seen:
                c.error(source, ("measures", i, "results", j, "round"), f"รายงานรอบ '{result.round}' ซ้ำ",
                        f"round '{result.round}' is reported twice")
            seen.append(result.round)
            _check_date_in_reach(c, source, ("measures", i, "results", j, "date"), result.date, year.year)


def _check_date_in_reach(c: Checker, source: SourceFile, path: KeyPath, day: dt.date | None, year: int) -> None:
    """A report dated years after its fiscal year is a typo of the Buddhist-era year (2669 for 2569)."""
    if day is None or day <= fiscal_year_bounds(year)[1] + dt.timedelta(days=2 * 366):
        return
    typed = be_iso(day)
    c.warn(source, path, f"วันที่ {typed} อยู่หลังปีงบประมาณ {year} หลายปี ตรวจปี พ.ศ. ที่พิมพ์",
           f"the date {typed} is years after fiscal year {year}; check the Buddhist-era year typed")


def _check_oit(c: Checker, year: YearContent, source: SourceFile) -> None:
    oit = year.oit
    assert oit is not None
    items = [d.item for d in oit.items]
    for i, first in _duplicates(items):
        c.error(source, ("items", i, "item"), f"ข้อ {items[i]} ซ้ำกับ items[{first + 1}] ให้รวมลิงก์ไว้ในรายการเดียว",
                f"{items[i]} repeats items[{first + 1}]; keep its links in one entry")
    for i, disclosure in enumerate(oit.items):
        _check_date_in_reach(c, source, ("items", i, "updated"), disclosure.updated, year.year)
    codes = {i.code for i in year.framework.items}
    listed = _code_ranges(sorted(int(code[1:]) for code in codes))
    for i, code in enumerate(items):
        if code not in codes:
            c.error(source, ("items", i, "item"),
                    f"ไม่มีข้อ {code} ในรายการ OIT ปี {year.year} (มี {listed}) ตรวจรหัสของปีนั้น",
                    f"{code} is not an OIT item of {year.year} ({listed}); check that year's numbering")


def _code_ranges(numbers: list[int], prefix: str = "o") -> str:
    """``[1, 2, 3, 4, 7, 8, 30]`` → ``o1–o4, o7–o8, o30``: the items a year has, even after remove_items."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(f"{prefix}{a}" if a == b else f"{prefix}{a}–{prefix}{b}" for a, b in spans)



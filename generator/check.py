"""Rules across files and arithmetic: references, duplicates, totals and levels.

Errors stop the build. Warnings (numbers that do not add up as printed) are reported by ``itasite check`` and fail
only with ``--strict``: real reports contain such slips (seed 004 states 97.72 where its indicators give 97.69), and
the site must still show what was announced.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Iterator, Sequence
from statistics import fmean

from generator.codes import TOOL_OF_PREFIX
from generator.content import Site, YearContent
from generator.errors import Finding, Severity
from generator.load import KeyPath, SourceFile
from generator.model import Framework, IndicatorResult, Result, Round, Status, Tool
from generator.thai import format_date, to_arabic_digits
from generator.validate import Lang

TOLERANCE = 0.01


def _differs(a: float, b: float, tolerance: float = TOLERANCE) -> bool:
    """More than ``tolerance`` apart. Exactly the tolerance is within it: 96.01 against 96.00 must not depend on
    how the binary float of their difference happens to round (0.010000000000005)."""
    return abs(a - b) > tolerance + 1e-9


class _Checker:
    def __init__(self, site: Site, lang: Lang) -> None:
        self.site, self.lang = site, lang
        self.findings: list[Finding] = []

    def say(self, th: str, en: str) -> str:
        return th if self.lang == "th" else en

    def error(self, source: SourceFile, path: KeyPath, th: str, en: str, *, key: bool = False) -> None:
        self.findings.append(source.finding(path, self.say(th, en), key=key))

    def warn(self, source: SourceFile, path: KeyPath, th: str, en: str) -> None:
        self.findings.append(source.finding(path, self.say(th, en), severity=Severity.warning))


def check_site(site: Site, lang: Lang = "th") -> list[Finding]:
    """Every cross-file and arithmetic finding of the site (errors and warnings)."""
    checker = _Checker(site, lang)
    _check_organisation(checker)
    for year in site.years.values():
        if year.result:
            _check_result(checker, year, site.source(year.year, "result.yml"))
        if year.plan:
            _check_plan(checker, year, site.source(year.year, "measures.yml"))
        if year.oit:
            _check_oit(checker, year, site.source(year.year, "oit.yml"))
    return checker.findings + check_privacy(site, lang)


def _duplicates(values: Sequence[Hashable]) -> Iterator[tuple[int, int]]:
    """(index of a repeat, index of its first occurrence)."""
    seen: dict[Hashable, int] = {}
    for i, value in enumerate(values):
        if value in seen:
            yield i, seen[value]
        else:
            seen[value] = i


def _check_organisation(c: _Checker) -> None:
    source = c.site.sources["organisation.yml"]
    units = c.site.organisation.units
    for i, first in _duplicates([u.id for u in units]):
        c.error(source, ("units", i, "id"), f"id '{units[i].id}' ซ้ำกับ units[{first}] ให้ตั้ง id ใหม่",
                f"id '{units[i].id}' repeats units[{first}]; choose another id")
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


def known_codes(framework: Framework) -> dict[str, int]:
    """Code → indicator for every question and OIT item the framework lists."""
    return {q.code: q.indicator for q in framework.questions} | {i.code: i.indicator for i in framework.items}


def _check_code(
    c: _Checker, source: SourceFile, path: KeyPath, code: str, framework: Framework, indicator: int | None
) -> None:
    codes = known_codes(framework)
    tool = TOOL_OF_PREFIX[code[0]]
    listed = any(k[0] == code[0] for k in codes)
    if code not in codes:
        if listed:
            c.error(source, path, f"ไม่มีข้อ {code} ในกรอบการประเมินปี {framework.year} ตรวจรหัส หรือเพิ่มใน frameworks/{framework.year}.yml",
                    f"{code} is not in the {framework.year} framework; check the code or add it in frameworks/{framework.year}.yml")
        elif indicator is not None and indicator not in _tool_indicators(framework, tool):
            c.error(source, path, f"ข้อ {code} เป็นของเครื่องมือ {tool} แต่ตัวชี้วัดที่ {indicator} ไม่ใช่",
                    f"{code} belongs to {tool}, but indicator {indicator} does not")
        return
    if indicator is not None and codes[code] != indicator:
        c.error(source, path, f"ข้อ {code} อยู่ในตัวชี้วัดที่ {codes[code]} ไม่ใช่ตัวชี้วัดที่ {indicator} (กรอบปี {framework.year})",
                f"{code} belongs to indicator {codes[code]}, not {indicator} ({framework.year} framework)")


def _tool_indicators(framework: Framework, tool: str) -> list[int]:
    return next((t.indicators for t in framework.tools if t.code.value == tool), [])


def indicator_mean(result: Result, framework: Framework, tool: Tool) -> float | None:
    scores = {i.indicator: i.score for i in result.indicators}
    wanted = _tool_indicators(framework, tool.value)
    if not wanted or any(n not in scores for n in wanted):
        return None
    return fmean(scores[n] for n in wanted)


def computed_total(result: Result, framework: Framework) -> float | None:
    """0.3·mean(IIT) + 0.3·mean(EIT) + 0.4·mean(OIT), with the year's weights; None if an indicator is missing."""
    total = 0.0
    for tool in framework.tools:
        mean = indicator_mean(result, framework, tool.code)
        if mean is None:
            return None
        total += tool.weight * mean
    return total


def tool_score(result: Result, framework: Framework, tool: Tool) -> float | None:
    """The announced tool score, or the mean of its indicators."""
    stated = getattr(result.tools, tool.value)
    return stated if stated is not None else indicator_mean(result, framework, tool)


def level_for(result: Result, framework: Framework) -> str | None:
    """The level the year's bands give for the announced total and tool scores; None when they cannot tell
    (a band that needs every tool's score is reached, but a tool score is neither announced nor computable)."""
    tools = [tool_score(result, framework, t.code) for t in framework.tools]
    for level in framework.levels:
        if result.total + 1e-9 < level.min_total:
            continue
        if level.min_each_tool is not None:
            if any(t is None for t in tools):
                return None
            if any(t + 1e-9 < level.min_each_tool for t in tools if t is not None):
                continue
        return level.name
    return None


def _check_result(c: _Checker, year: YearContent, source: SourceFile) -> None:
    result, framework = year.result, year.framework
    assert result is not None
    numbers = [i.indicator for i in result.indicators]
    for i, first in _duplicates(numbers):
        c.error(source, ("indicators", i, "indicator"), f"ตัวชี้วัดที่ {numbers[i]} ซ้ำกับ indicators[{first}]",
                f"indicator {numbers[i]} repeats indicators[{first}]")
    level_names = [lv.name for lv in framework.levels]
    if result.level not in level_names:
        c.error(source, ("level",), f"ระดับ '{result.level}' ไม่มีในเกณฑ์ปี {year.year} ค่าที่ใช้ได้: {', '.join(level_names)}",
                f"level '{result.level}' is not a {year.year} level; use one of: {', '.join(level_names)}")
    for i, ind in enumerate(result.indicators):
        _check_indicator_result(c, source, i, ind, framework)
    _check_arithmetic(c, year, source)


def _check_indicator_result(c: _Checker, source: SourceFile, i: int, ind: IndicatorResult, framework: Framework) -> None:
    codes: list[str] = []
    for j, q in enumerate(ind.questions):
        for code in q.code.codes():
            _check_code(c, source, ("indicators", i, "questions", j, "code"), code, framework, ind.indicator)
            if code in codes:
                c.error(source, ("indicators", i, "questions", j, "code"), f"ข้อ {code} ซ้ำในตัวชี้วัดนี้",
                        f"{code} appears twice in this indicator")
            codes.append(code)
    if ind.indicator not in _tool_indicators(framework, "IIT") or not ind.questions:
        return
    # IIT indicator scores are the mean of their questions. EIT and OIT are not plain means (seed 003's 2568
    # EIT rows give 96.44 for an announced 97.62), so only IIT is checked.
    scores = [q.score for q in ind.questions for _ in q.code.codes()]
    mean = fmean(scores)
    if _differs(mean, ind.score, TOLERANCE + 0.005):
        c.warn(source, ("indicators", i, "score"),
               f"คะแนนตัวชี้วัด {ind.score:.2f} ไม่เท่ากับค่าเฉลี่ยของข้อคำถาม {mean:.2f} ตรวจคะแนนรายข้ออีกครั้ง",
               f"indicator score {ind.score:.2f} differs from the mean of its questions {mean:.2f}; recheck the question scores")


def _check_arithmetic(c: _Checker, year: YearContent, source: SourceFile) -> None:
    result, framework = year.result, year.framework
    assert result is not None
    total = computed_total(result, framework)
    if total is not None and _differs(total, result.total):
        c.warn(source, ("total",),
               f"คะแนนรวม {result.total:.2f} ไม่ตรงกับที่คำนวณจากตัวชี้วัด {total:.2f} "
               "(0.3×IIT + 0.3×EIT + 0.4×OIT) ตรวจคะแนนกับประกาศของ ป.ป.ช.",
               f"total {result.total:.2f} differs from {total:.2f} computed from the indicators "
               "(0.3×IIT + 0.3×EIT + 0.4×OIT); check against the NACC announcement")
    for tool in Tool:
        stated = getattr(result.tools, tool.value)
        mean = indicator_mean(result, framework, tool)
        if stated is not None and mean is not None and _differs(stated, mean, TOLERANCE + 0.005):
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
        if _differs(delta, result.total_change):
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
        if _differs(delta, ind.change):
            c.warn(source, ("indicators", i, "change"),
                   f"ผลต่างที่พิมพ์ {ind.change:.2f} ไม่ตรงกับ {ind.score:.2f} − {before[ind.indicator]:.2f} = {delta:.2f}",
                   f"stated change {ind.change:.2f} differs from {ind.score:.2f} − {before[ind.indicator]:.2f} = {delta:.2f}")


# -- measures ----------------------------------------------------------------------------------------------


def _check_plan(c: _Checker, year: YearContent, source: SourceFile) -> None:
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
        c.error(source, ("rounds", i, "id"), f"รอบ '{rounds[i]}' ซ้ำกับ rounds[{first}]", f"round '{rounds[i]}' repeats rounds[{first}]")
    ids = [m.id for m in plan.measures]
    for i, first in _duplicates(ids):
        c.error(source, ("measures", i, "id"), f"id '{ids[i]}' ซ้ำกับ measures[{first}] ทุกมาตรการต้องมี id ไม่ซ้ำกัน",
                f"id '{ids[i]}' repeats measures[{first}]; every measure needs its own id")
    units = {u.id for u in c.site.organisation.units}
    indicators = {ind.number for ind in framework.indicators}
    for i, measure in enumerate(plan.measures):
        for j, owner in enumerate(measure.owners):
            if owner not in units:
                c.error(source, ("measures", i, "owners", j),
                        f"ไม่พบหน่วยงาน id '{owner}' ให้เพิ่มใน units ของ organisation.yml หรือแก้ id",
                        f"no unit with id '{owner}'; add it to units in organisation.yml or fix the id")
        for j, number in enumerate(measure.indicators):
            if number not in indicators:
                c.error(source, ("measures", i, "indicators", j), f"ไม่มีตัวชี้วัดที่ {number} ในกรอบปี {framework.year}",
                        f"no indicator {number} in the {framework.year} framework")
        for j, span in enumerate(measure.questions):
            for code in span.codes():
                _check_code(c, source, ("measures", i, "questions", j), code, framework, None)
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


def _check_oit(c: _Checker, year: YearContent, source: SourceFile) -> None:
    oit = year.oit
    assert oit is not None
    items = [d.item for d in oit.items]
    for i, first in _duplicates(items):
        c.error(source, ("items", i, "item"), f"ข้อ {items[i]} ซ้ำกับ items[{first}] ให้รวมลิงก์ไว้ในรายการเดียว",
                f"{items[i]} repeats items[{first}]; keep its links in one entry")
    codes = {i.code for i in year.framework.items}
    listed = _code_ranges(sorted(int(code[1:]) for code in codes))
    for i, code in enumerate(items):
        if code not in codes:
            c.error(source, ("items", i, "item"),
                    f"ไม่มีข้อ {code} ในรายการ OIT ปี {year.year} (มี {listed}) ตรวจรหัสของปีนั้น",
                    f"{code} is not an OIT item of {year.year} ({listed}); check that year's numbering")


def _code_ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 4, 7, 8, 30]`` → ``o1–o4, o7–o8, o30``: the items a year has, even after remove_items."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(f"o{a}" if a == b else f"o{a}–o{b}" for a, b in spans)


# -- completeness (clock-dependent: only `itasite check` runs these, so builds stay deterministic) ------------

_UNFINISHED = (Status.in_progress, Status.not_started, Status.planned)


def check_completeness(site: Site, today: dt.date, lang: Lang = "th") -> list[Finding]:
    """Gaps a clerk should close: missing OIT disclosures, unreported rounds, low indicators without a measure,
    overdue measures. Warnings only. OIT items are checked only for years that have an oit.yml: a site that does
    not keep its OIT links here (most record them on the agency's own website) is not nagged about 20–40 items."""
    checker = _Checker(site, lang)
    for year in site.years.values():
        if year.oit:
            _check_oit_complete(checker, year)
        if year.result:
            _check_low_indicators(checker, year)
        if year.plan:
            _check_plan_progress(checker, year, today)
    return checker.findings


def _check_oit_complete(c: _Checker, year: YearContent) -> None:
    assert year.oit is not None
    source = c.site.source(year.year, "oit.yml")
    listed = {d.item: i for i, d in enumerate(year.oit.items)}
    for item in year.framework.items:
        if item.code not in listed:
            c.warn(source, ("items",),
                   f"ยังไม่มีข้อ {item.code} ({item.title or 'ไม่ทราบชื่อข้อ'}) ให้เพิ่ม '- item: {item.code}' พร้อม links: ที่เผยแพร่ข้อมูล",
                   f"{item.code} ({item.title or 'title unknown'}) is missing; add '- item: {item.code}' with its links")
        elif not year.oit.items[listed[item.code]].links:
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


def _check_low_indicators(c: _Checker, year: YearContent) -> None:
    assert year.result is not None
    source = c.site.source(year.year, "result.yml")
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


def _check_plan_progress(c: _Checker, year: YearContent, today: dt.date) -> None:
    plan = year.plan
    assert plan is not None
    source = c.site.source(year.year, "measures.yml")
    passed = [r for r in plan.rounds if (d := _round_deadline(r)) is not None and d < today]
    for i, measure in enumerate(plan.measures):
        reported = {r.round for r in measure.results}
        for rnd in passed:
            if rnd.id not in reported:
                c.warn(source, ("measures", i, "results"),
                       f"มาตรการ {measure.id} ยังไม่มีผลการดำเนินงาน{rnd.label} (ครบกำหนด {_thai_date(_round_deadline(rnd))}) "
                       f"ให้เพิ่ม results: - round: {rnd.id} พร้อม status และ actions",
                       f"measure {measure.id} has no report for {rnd.id} (due {_be_iso(_round_deadline(rnd))}); "
                       f"add results: - round: {rnd.id} with status and actions")
        end = measure.timeframe.end
        if end is not None and end < today and measure.status in _UNFINISHED:
            c.warn(source, ("measures", i, "status"),
                   f"มาตรการ {measure.id} เลยกำหนดแล้วเสร็จ ({_thai_date(end)}) แต่สถานะยังเป็น '{measure.status.label}' "
                   "ให้ปรับ status เป็น done ถ้าเสร็จแล้ว หรือบันทึกเหตุผลใน notes และขยาย timeframe.end",
                   f"measure {measure.id} passed its deadline ({_be_iso(end)}) but its status is still '{measure.status.value}'; "
                   "set status: done if it is finished, or explain in notes and move timeframe.end")


def _be_iso(day: dt.date | None) -> str:
    return f"{day.year + 543:04d}-{day.month:02d}-{day.day:02d}" if day else ""


def _thai_date(day: dt.date | None) -> str:
    return format_date(day, "short", "arabic") if day else ""


# -- privacy -------------------------------------------------------------------------------------------------

_ID_CANDIDATE = re.compile(r"(?<![\d])\d(?:[- ]?\d){12}(?![\d])")
_MOBILE_CANDIDATE = re.compile(r"(?<![\d])0[689](?:[- ]?\d){8}(?![\d])")


def is_national_id(digits: str) -> bool:
    """A Thai national ID number: 13 digits whose last is the checksum of the first 12."""
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def find_personal_data(text: str) -> list[tuple[str, str]]:
    """(kind, match) for each national ID number ('id') or personal mobile number ('mobile') in ``text``."""
    arabic = to_arabic_digits(text)
    found: list[tuple[str, str]] = []
    for m in _ID_CANDIDATE.finditer(arabic):
        if is_national_id(re.sub(r"\D", "", m.group())):
            found.append(("id", text[m.start() : m.end()]))
    for m in _MOBILE_CANDIDATE.finditer(arabic):
        found.append(("mobile", text[m.start() : m.end()]))
    return found


def _strings(data: object, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


_PRIVACY_MESSAGES = {
    "id": (
        "ข้อความ '{match}' ดูเหมือนเลขประจำตัวประชาชน ห้ามเผยแพร่ข้อมูลส่วนบุคคล ให้ลบออกหรือปิดบางหลัก (เช่น 1-2345-xxxxx-xx-x)",
        "'{match}' looks like a Thai national ID number; do not publish personal data: remove it or mask digits",
    ),
    "mobile": (
        "ข้อความ '{match}' ดูเหมือนเบอร์โทรศัพท์มือถือส่วนตัว ให้ใช้เบอร์สำนักงานแทน หรือลบออกถ้าไม่ได้รับอนุญาตให้เผยแพร่",
        "'{match}' looks like a personal mobile number; use the office number instead, or remove it unless publishing it was agreed",
    ),
}


def check_privacy(site: Site, lang: Lang = "th") -> list[Finding]:
    """Text that looks like a Thai national ID number or a personal mobile number, in any content file."""
    checker = _Checker(site, lang)
    for key in sorted(site.sources):
        if key.startswith("frameworks/"):
            continue
        source = site.sources[key]
        for path, text in _strings(source.data, ()):
            for kind, match in find_personal_data(text):
                th, en = _PRIVACY_MESSAGES[kind]
                checker.warn(source, path, th.format(match=match), en.format(match=match))
    return checker.findings

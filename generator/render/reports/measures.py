"""The measures report as the seeds print it (seeds 000, 002, 004): heading with the organisation, fiscal year and
round, the status counts, then one table row per measure: ประเด็น / ผู้รับผิดชอบ / ขั้นตอนหรือวิธีการ /
กำหนดเวลาแล้วเสร็จ / การดำเนินการ (every reported round's result), and the signatures."""

from __future__ import annotations

from generator.model.site import Site, YearContent, indicator_name
from generator.model.types import Measure, MeasurePlan, Round, Status
from generator.render.reports.common import Formats, organisation_line, signature_block
from generator.render.reports.document import Block, Cell, Heading, Line, Paragraph, Report, Table, cell

TITLE = "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
COLUMNS = ("ประเด็นที่ต้องปรับปรุงแก้ไข/พัฒนา", "ผู้รับผิดชอบ", "ขั้นตอนหรือวิธีการ", "กำหนดเวลาแล้วเสร็จ", "การดำเนินการ")


def reported_rounds(plan: MeasurePlan) -> list[Round]:
    """The rounds at least one measure has reported, in the plan's order."""
    reported = {r.round for m in plan.measures for r in m.results}
    return [r for r in plan.rounds if r.id in reported]


def round_line(plan: MeasurePlan, fmt: Formats) -> str:
    """``รอบ 6 เดือน (1 ตุลาคม 2568 – 31 มีนาคม 2569)`` of the latest reported round, else that it is the plan."""
    rounds = reported_rounds(plan)
    if not rounds:
        return "แผนมาตรการ (ยังไม่มีการรายงานผลการดำเนินงาน)"
    latest = rounds[-1]
    span = fmt.span(latest.start, latest.end)
    return fmt.text(latest.label) + (f" ({span})" if span else "")


def issue_cell(site: Site, year: YearContent, m: Measure, number: str, fmt: Formats) -> Cell:
    framework = site.frameworks.get(year.based_on) or year.framework
    lines = [Line(f"{number} {m.title}".strip(), bold=True)]
    lines += [Line(f"ตัวชี้วัดที่ {fmt.text(str(n))} {indicator_name(framework, n)}") for n in m.indicators]
    lines += [Line(p) for p in m.issue]
    return tuple(lines)


def owners_cell(site: Site, m: Measure) -> Cell:
    if m.owners_text:
        return cell(*m.owners_text)
    names = {u.id: u.name for u in site.organisation.units}
    return cell(*(names.get(o, o) for o in m.owners))


def steps_cell(m: Measure, fmt: Formats) -> Cell:
    lines: list[Line] = [Line(p) for p in m.approach]
    if m.steps_title:
        lines.append(Line(m.steps_title, bold=True))
    for i, step in enumerate(m.steps, 1):
        lines.append(Line(f"{fmt.text(str(i))}. {step.text}"))
        lines += [Line(f"- {sub}", indent=1) for sub in step.steps]
    lines += [Line(p) for p in m.monitoring]
    return tuple(lines) or cell()


def results_cell(plan: MeasurePlan, m: Measure, fmt: Formats) -> Cell:
    """Each reported round of the measure: its label and status, what was done, what came of it."""
    lines: list[Line] = []
    labels = {r.id: r.label for r in plan.rounds}
    for result in sorted(m.results, key=lambda r: [r.id for r in plan.rounds].index(r.round) if r.round in labels else 99):
        head = fmt.text(labels.get(result.round, result.round))
        if result.status:
            head += f": {result.status.label}"
        lines.append(Line(head, bold=True))
        lines += [Line(p) for p in result.actions]
        lines += [Line(p) for p in result.outcome]
    if not lines:
        lines.append(Line(f"{m.status.label} (ยังไม่รายงานผล)"))
    return tuple(lines)


def status_table(plan: MeasurePlan, fmt: Formats) -> Table:
    counts = [(s, sum(m.status is s for m in plan.measures)) for s in Status]
    rows = tuple((cell(s.label), cell(fmt.text(str(n)))) for s, n in counts)
    rows += ((cell("รวม", bold=True), cell(fmt.text(str(len(plan.measures))), bold=True)),)
    return Table(("สถานะ", "จำนวนมาตรการ"), rows, (3, 1), numeric=(1,))


def compose_measures_report(site: Site, year: YearContent, fmt: Formats) -> Report:
    """The measures report of ``year`` (which has measures)."""
    assert year.plan is not None
    plan, org = year.plan, site.organisation
    shown_year = fmt.text(str(year.year))
    blocks: list[Block] = []
    intro = plan.intro or [
        f"จากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. "
        f"{fmt.text(str(year.based_on))} {org.name} กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
        f"ประจำปีงบประมาณ พ.ศ. {shown_year} และรายงานผลการดำเนินการ ดังนี้"
    ]
    blocks += [Paragraph(p) for p in intro]
    blocks.append(Heading("สรุปสถานะของมาตรการ"))
    blocks.append(status_table(plan, fmt))
    blocks.append(Heading("มาตรการและผลการดำเนินการ"))
    rows = tuple(
        (
            issue_cell(site, year, m, m.number or f"{fmt.text(str(i))}.", fmt),
            owners_cell(site, m),
            steps_cell(m, fmt),
            cell(fmt.timeframe(m.timeframe)),
            results_cell(plan, m, fmt),
        )
        for i, m in enumerate(plan.measures, 1)
    )
    blocks.append(Table(COLUMNS, rows, (20, 12, 36, 11, 21), split=True))
    if plan.conclusion:
        blocks.append(Heading(plan.conclusion_title or "สรุปผลการดำเนินการ"))
        blocks += [Paragraph(p) for p in plan.conclusion]
    blocks.append(signature_block(org))
    return Report(
        kind="measures",
        year=year.year,
        title=(
            TITLE,
            *([plan.title] if plan.title else []),
            f"ของ{organisation_line(org)}",
            f"ประจำปีงบประมาณ พ.ศ. {shown_year} {round_line(plan, fmt)}",
        ),
        running_head=f"{org.name} · มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ {shown_year}",
        thai_digits=fmt.digits == "thai",
        blocks=blocks,
        landscape=True,  # five columns, as the seeds print them
        subject=f"{TITLE} ปีงบประมาณ {shown_year}",
        author=org.name,
    )

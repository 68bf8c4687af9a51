"""The analysis of a year's ITA result as seed 003 prints it: total and level, the three tools, the ten indicators
against the pass mark (a chart, then the table), each indicator's questions with their findings and its
guidelines, and the signatures."""

from __future__ import annotations

from generator.model.scoring import tool_score
from generator.model.site import Site, YearContent, indicator_name
from generator.model.types import IndicatorResult
from generator.render.reports.common import Formats, organisation_line, signature_block
from generator.render.reports.document import Block, Chart, Heading, Paragraph, Report, Table, cell

TITLE = "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)"


def overview_table(year: YearContent, fmt: Formats) -> Table:
    assert year.result is not None
    result, framework = year.result, year.framework
    rows = [(cell("คะแนนรวม", bold=True), cell(fmt.number(result.total), bold=True))]
    rows.append((cell("ระดับผลการประเมิน"), cell(result.level)))
    for tool in framework.tools:
        score = tool_score(result, framework, tool.code)
        rows.append((cell(f"{tool.code.value} {tool.name}"), cell(fmt.number(score) if score is not None else "–")))
    return Table(("รายการ", "ผล"), tuple(rows), (3, 1), numeric=(1,))


def indicator_chart(year: YearContent, fmt: Formats) -> Chart:
    assert year.result is not None
    mark = year.framework.pass_mark
    bars = tuple(
        (f"ตัวชี้วัดที่ {fmt.text(str(i.indicator))}", i.score, fmt.number(i.score))
        for i in sorted(year.result.indicators, key=lambda i: i.indicator)
    )
    title = f"แผนภูมิคะแนนรายตัวชี้วัด ปีงบประมาณ {fmt.text(str(year.year))}"
    return Chart(title, bars, mark, f"เกณฑ์ผ่าน {fmt.number(mark)}")


def indicators_table(year: YearContent, fmt: Formats) -> Table:
    assert year.result is not None
    mark = year.framework.pass_mark
    rows = tuple(
        (
            cell(f"{fmt.text(str(i.indicator))}. {i.name or indicator_name(year.framework, i.indicator)}"),
            cell(fmt.number(i.score)),
            cell("ผ่าน" if i.score + 1e-9 >= mark else "ไม่ผ่าน"),
        )
        for i in sorted(year.result.indicators, key=lambda i: i.indicator)
    )
    return Table(("ตัวชี้วัด", "คะแนน", f"เทียบเกณฑ์ {fmt.number(mark)}"), rows, (6, 1, 2), numeric=(1,))


def indicator_blocks(year: YearContent, ind: IndicatorResult, fmt: Formats) -> list[Block]:
    texts = {q.code: q.text for q in year.framework.questions}
    name = ind.name or indicator_name(year.framework, ind.indicator)
    blocks: list[Block] = [Heading(f"ตัวชี้วัดที่ {fmt.text(str(ind.indicator))} {name} ({fmt.number(ind.score)} คะแนน)", 3)]
    if ind.questions:
        asked = [q.question or texts.get(str(q.code)) or "" for q in ind.questions]
        finding_head = "ข้อบกพร่อง/ข้อแก้ไข/ปรับปรุง/รักษาระดับ"
        if any(asked):
            rows = tuple(
                (cell(str(q.code)), cell(text), cell(fmt.number(q.score)), cell(*q.finding))
                for q, text in zip(ind.questions, asked, strict=True)
            )
            blocks.append(Table(("ข้อ", "คำถาม", "คะแนน", finding_head), rows, (2, 8, 3, 9), numeric=(2,), split=True))
        else:  # the report printed no question texts and the framework has none: no column of dashes
            short = tuple((cell(str(q.code)), cell(fmt.number(q.score)), cell(*q.finding)) for q in ind.questions)
            blocks.append(Table(("ข้อ", "คะแนน", finding_head), short, (2, 3, 17), numeric=(1,), split=True))
    blocks += [Paragraph(p) for p in ind.notes]
    if ind.guidelines:
        blocks.append(Paragraph(ind.guidelines_title or "แนวทางการพัฒนา", bold=True))
        blocks += [Paragraph(p) for p in ind.guidelines]
    return blocks


def compose_result_report(site: Site, year: YearContent, fmt: Formats) -> Report:
    """The result report of ``year`` (which has a result)."""
    assert year.result is not None
    result, org = year.result, site.organisation
    shown_year = fmt.text(str(year.year))
    blocks: list[Block] = [Heading("ผลการประเมินในภาพรวม"), overview_table(year, fmt)]
    blocks += [Paragraph(p) for p in result.summary]
    for tool, notes in result.tool_notes.items():
        blocks.append(Paragraph(tool.value, bold=True))
        blocks += [Paragraph(p) for p in notes]
    if result.indicators:
        blocks.append(Heading(f"คะแนนรายตัวชี้วัดเทียบเกณฑ์ผ่าน {fmt.number(year.framework.pass_mark)} คะแนน"))
        blocks.append(indicator_chart(year, fmt))
        blocks.append(indicators_table(year, fmt))
        blocks.append(Heading("ผลการประเมินรายข้อ ข้อบกพร่อง และแนวทางการพัฒนา"))
        for ind in sorted(result.indicators, key=lambda i: i.indicator):
            blocks += indicator_blocks(year, ind, fmt)
    if result.conclusion:
        blocks.append(Heading("สรุป"))
        blocks += [Paragraph(p) for p in result.conclusion]
    blocks.append(signature_block(org))
    return Report(
        kind="result",
        year=year.year,
        title=(TITLE, organisation_line(org), f"ประจำปีงบประมาณ พ.ศ. {shown_year}"),
        running_head=f"{org.name} · ผลการประเมิน ITA ปีงบประมาณ {shown_year}",
        thai_digits=fmt.digits == "thai",
        blocks=blocks,
        subject=f"{TITLE} ปีงบประมาณ {shown_year}",
        author=org.name,
    )

"""A :class:`Report` as a Word document (python-docx). Thai is a complex script in Word: its font, size and bold
are the ``w:cs``/``w:szCs``/``w:bCs`` properties, which python-docx's API does not set, so the document defaults are
written in its XML here (TH SarabunPSK, the government's standard font, on every machine that signs these reports).
Table headers repeat on every page (``w:tblHeader``) and rows are never cut (``w:cantSplit``); the header names the
organisation and year and the footer numbers the pages. Dates come from the site, and the ZIP is written with fixed
times, so the same content gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # python-docx is imported when a document is written, not with the build
    from docx.document import Document as WordDocument
    from docx.table import _Cell as WordCell
    from docx.text.paragraph import Paragraph as WordParagraph

from generator.render.reports.document import Block, Cell, Chart, Heading, Paragraph, Report, Signatures, Table, split_row

FONT = "TH SarabunPSK"
BODY_HALF_POINTS = 32  # 16 pt, as Thai government documents are typed
LONGEST_WHOLE_CELL = 600
"""Characters of a cell past which its row may break across pages: Word and LibreOffice move a row that must
stay whole to the next page even when no page can hold it, leaving a page blank."""
BLANK_NAME = "(" + "." * 48 + ")"
BLANK_POSITION = "ตำแหน่ง " + "." * 40


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """``text`` without the characters XML cannot hold (python-docx refuses them)."""
    return _NOT_XML.sub("", text)


def _defaults(document: WordDocument) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    styles = document.styles.element
    defaults = styles.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults"
    )
    if defaults is not None:
        styles.remove(defaults)
    styles.insert(0, parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        f'<w:sz w:val="{BODY_HALF_POINTS}"/><w:szCs w:val="{BODY_HALF_POINTS}"/><w:lang w:val="th-TH" w:bidi="th-TH"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    ))
    for style in document.styles:
        rpr = style.element.rPr
        if rpr is not None and rpr.rFonts is not None:  # the built-in headings name their own (Latin) fonts
            rpr.remove(rpr.rFonts)


def _run(paragraph: WordParagraph, text: str, bold: bool = False, size: int | None = None) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(_xml_text(text))
    if bold:
        run.bold = True
        run._r.get_or_add_rPr().append(OxmlElement("w:bCs"))
    if size:
        run.font.size = Pt(size)
        size_cs = OxmlElement("w:szCs")
        size_cs.set(qn("w:val"), str(size * 2))
        run._r.get_or_add_rPr().append(size_cs)


def _table(document: WordDocument, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import nsdecls

    # (cells, is the first part of its row, is the last part): a split row is drawn as one, without inner rules
    rows: list[tuple[tuple[Cell, ...], bool, bool]] = []
    for row in table.rows:
        parts = split_row(row) if table.split else [row]
        rows += [(part, n == 0, n == len(parts) - 1) for n, part in enumerate(parts)]
    grid = document.add_table(rows=1 + len(rows), cols=len(table.header))
    grid.style = "Table Grid"
    total = sum(table.widths)
    section = document.sections[0]
    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)  # set by _page_setup
    grid.autofit = False
    for i, column in enumerate(grid.columns):  # the grid's width for LibreOffice, each cell's for Word
        column.width = int(width * table.widths[i] / total)
        for c in column.cells:
            c.width = column.width
    for r, row in enumerate(grid.rows):
        tr_pr = row._tr.get_or_add_trPr()
        if r == 0 or max(sum(len(line.text) for line in cell) for cell in rows[r - 1][0]) <= LONGEST_WHOLE_CELL:
            tr_pr.append(OxmlElement("w:cantSplit"))
        if r == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
    for i, heading in enumerate(table.header):
        paragraph = grid.rows[0].cells[i].paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, heading, bold=True, size=14)
    for r, (cells, first, last) in enumerate(rows, 1):
        for i, lines in enumerate(cells):
            target = grid.rows[r].cells[i]
            _cell(target, lines, i in table.numeric)
            hidden = ("" if first else '<w:top w:val="nil"/>') + ("" if last else '<w:bottom w:val="nil"/>')
            if hidden:
                target._tc.get_or_add_tcPr().append(parse_xml(f"<w:tcBorders {nsdecls('w')}>{hidden}</w:tcBorders>"))


def _cell(target: WordCell, lines: Cell, numeric: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    first = True
    for line in lines:
        paragraph = target.paragraphs[0] if first else target.add_paragraph()
        first = False
        if numeric:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if line.indent:
            paragraph.paragraph_format.left_indent = Pt(10 * line.indent)
        _run(paragraph, line.text, bold=line.bold, size=14)


def _signatures(document: WordDocument, block: Signatures) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement

    grid = document.add_table(rows=1, cols=len(block.signers))
    grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell, signer in zip(grid.rows[0].cells, block.signers, strict=True):
        lines = ["", f"ลงชื่อ {'.' * 40} {signer.role}", f"({signer.name})" if signer.name else BLANK_NAME]
        lines += list(signer.position) or [BLANK_POSITION]
        for n, text in enumerate(lines):
            paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(paragraph, text)


def _block(document: WordDocument, block: Block) -> None:
    from docx.shared import Pt

    if isinstance(block, Heading):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(8)
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, block.text, bold=True, size=18 if block.level == 2 else 16)
    elif isinstance(block, Paragraph):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.keep_with_next = block.bold
        _run(paragraph, block.text, bold=block.bold)
    elif isinstance(block, Table):
        _table(document, block)
    elif isinstance(block, Signatures):
        _signatures(document, block)
    elif isinstance(block, Chart):
        pass  # the numbers are in the table that follows the chart


def _page_setup(document: WordDocument, report: Report) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = (Mm(297), Mm(210)) if report.landscape else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if report.landscape else WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(22), Mm(18), Mm(20), Mm(16)
    head = section.header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(head, report.running_head, size=12)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(foot, "หน้า ", size=12)
    foot._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    if report.thai_digits:  # the section's page numbers in Thai digits (Word and LibreOffice both read this)
        section._sectPr.append(parse_xml(f'<w:pgNumType {nsdecls("w")} w:fmt="thaiNumbers"/>'))


def _fixed_zip(data: bytes, date: dt.date) -> bytes:
    """The same ZIP with every entry dated ``date`` (python-docx stamps them with the clock)."""
    out = io.BytesIO()
    stamp = (min(max(date.year, 1980), 2107), date.month, date.day, 0, 0, 0)  # the years a ZIP entry can hold
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def render_docx(report: Report, date: dt.date) -> bytes:
    """The Word document of a report; ``date`` is its creation, modification and print date."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    _defaults(document)
    _page_setup(document, report)
    for n, line in enumerate(report.title):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, line, bold=True, size=20 if n == 0 else 18)
    for block in report.blocks:
        _block(document, block)
    stamp = dt.datetime(date.year, date.month, date.day)
    props = document.core_properties
    props.title, props.subject = _xml_text(" ".join(report.title))[:255], _xml_text(report.subject)[:255]
    props.author = props.last_modified_by = _xml_text(report.author)[:255]
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), date)

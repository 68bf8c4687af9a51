"""A :class:`Report` as one HTML document for WeasyPrint: A4, the organisation and year at the top of every page
(a running element), ``หน้า ๑ / ๔`` at the bottom, table headers repeated on every page, rows never cut. Every
text is escaped (:func:`keep_words`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import escape

from generator.render.reports.document import Block, Cell, Chart, Heading, Paragraph, Report, Signatures, Table, split_row
from generator.render.reports.words import keep_words

FONTS = Path(__file__).parent / "fonts"
NUMERIC = ' class="n"'
BOLD = ' class="b"'
BLANK_NAME = "(" + "." * 48 + ")"
BLANK_POSITION = "ตำแหน่ง " + "." * 40

_FONT_FACES = "\n".join(
    f"@font-face {{ font-family: Sarabun-{script}; font-weight: {weight}; "
    f"src: url('{(FONTS / f'sarabun-{script}-{weight}-normal.woff2').as_uri()}'); }}"
    for weight in (400, 700)
    for script in ("latin", "thai")
)
# Two families, not one family with unicode-range: WeasyPrint 70 mixes up the glyphs of a family split in subsets.
FONT = "Sarabun-latin, Sarabun-thai"

STYLE = """
@page { size: A4 ORIENTATION; margin: 24mm 16mm 20mm 20mm;
  @top-center { content: element(head); width: 100%; }
  @bottom-center { content: "หน้า " counter(page, DIGITS) " / " counter(pages, DIGITS);
    font: 10pt FONT; color: #444; } }
html { font-family: FONT; font-size: 13pt; line-height: 1.45; color: #000; }
body { margin: 0; }
.head { position: running(head); font-size: 9.5pt; color: #444; border-bottom: 0.5pt solid #888; padding-bottom: 2pt;
  text-align: center; }
.w { white-space: nowrap; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 2pt; line-height: 1.35; }
.title-line { text-align: center; font-weight: 700; margin: 0; }
.title-block { margin-bottom: 12pt; }
h2 { font-size: 14pt; margin: 12pt 0 4pt; break-after: avoid; }
h3 { font-size: 13pt; margin: 10pt 0 4pt; break-after: avoid; }
p { margin: 0 0 4pt; text-indent: 0; }
p.b { font-weight: 700; break-after: avoid; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 4pt 0 8pt; font-size: 11pt; line-height: 1.35; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { background: #e8eaf6; font-weight: 700; text-align: center; vertical-align: middle; }
th, td { border: 0.6pt solid #555; padding: 3pt 4pt; vertical-align: top; text-align: left; }
td.n { text-align: right; white-space: nowrap; }
tr.first td, tr.mid td { border-bottom-style: none; }
tr.last td, tr.mid td { border-top-style: none; }
tr.first + tr td { padding-top: 0; }
td p { margin: 0 0 2pt; }
td p.i1 { padding-left: 10pt; }
figure { margin: 4pt 0 8pt; break-inside: avoid; }
figcaption { font-size: 10pt; color: #333; margin-bottom: 14pt; }
.plot { position: relative; font-size: 10pt; }
.bar { display: flex; align-items: center; height: 16pt; }
.bar .label { width: 24%; text-align: right; padding-right: 6pt; box-sizing: border-box; }
.bar .track { width: 64%; display: flex; align-items: center; }
.bar .fill { display: inline-block; height: 11pt; background: #3949ab; }
.bar .value { padding-left: 4pt; }
.mark { position: absolute; top: -12pt; z-index: 1; border-left: 1.5pt dashed #b71c1c; }
.mark span { position: absolute; top: -2pt; right: 3pt; white-space: nowrap; color: #b71c1c; font-size: 9pt; }
.signatures { display: flex; justify-content: space-between; margin-top: 28pt; break-inside: avoid; }
.signer { width: 46%; text-align: center; }
.signer p { margin: 0 0 2pt; }
.signer .sign { margin-top: 22pt; }
"""


def _cell(lines: Cell) -> str:
    return "".join(
        f'<p class="{"b " if line.bold else ""}i{line.indent}">{keep_words(line.text)}</p>' if line.bold or line.indent
        else f"<p>{keep_words(line.text)}</p>"
        for line in lines
    )


def _table(table: Table) -> str:
    total = sum(table.widths)
    cols = "".join(f'<col style="width:{w * 100 / total:.2f}%">' for w in table.widths)
    head = "".join(f"<th>{keep_words(h)}</th>" for h in table.header)
    rows = []
    for row in table.rows:
        parts = split_row(row) if table.split else [row]
        for n, part in enumerate(parts):
            kind = "only" if len(parts) == 1 else "first" if n == 0 else "last" if n == len(parts) - 1 else "mid"
            cells = "".join(f"<td{NUMERIC if i in table.numeric else ''}>{_cell(c)}</td>" for i, c in enumerate(part))
            rows.append(f'<tr class="{kind}">{cells}</tr>')
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _chart(chart: Chart) -> str:
    """Bars as boxes whose width is the score's share of 100; the pass mark a dashed line across them."""
    bars = "".join(
        f'<div class="bar"><span class="label">{keep_words(label)}</span><span class="track">'
        f'<span class="fill" style="width:{min(max(value, 0), 100):.2f}%"></span>'
        f'<span class="value">{escape(shown)}</span></span></div>'
        for label, value, shown in chart.bars
    )
    mark = min(max(chart.mark, 0), 100)
    return (
        f'<figure class="chart" role="img" aria-label="{escape(chart.title)}"><figcaption>{keep_words(chart.title)}</figcaption>'
        f'<div class="plot"><div class="mark" style="left:calc(24% + {mark * 0.64:.2f}%); height:{16 * len(chart.bars) + 12}pt">'
        f'<span>{keep_words(chart.mark_label)}</span></div>{bars}</div></figure>'
    )


def _signatures(block: Signatures) -> str:
    parts = []
    for signer in block.signers:
        name = f"({escape(signer.name)})" if signer.name else BLANK_NAME
        positions = "".join(f"<p>{keep_words(p)}</p>" for p in signer.position) or f"<p>{BLANK_POSITION}</p>"
        parts.append(
            f'<div class="signer"><p class="sign">ลงชื่อ {"." * 40} {escape(signer.role)}</p><p>{name}</p>{positions}</div>'
        )
    return f'<div class="signatures">{"".join(parts)}</div>'


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{keep_words(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p{BOLD if block.bold else ''}>{keep_words(block.text)}</p>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        return _chart(block)
    return _signatures(block)


def render_report_html(report: Report, date: dt.date) -> str:
    """The whole document; ``date`` is written as its creation and modification date."""
    digits = "thai" if report.thai_digits else "decimal"
    orientation = "landscape" if report.landscape else "portrait"
    style = STYLE.replace("DIGITS", digits).replace("ORIENTATION", orientation).replace("FONT", FONT)
    title = " ".join(report.title)
    body = "".join(_block(b) for b in report.blocks)
    heading = f"<h1>{keep_words(report.title[0])}</h1>" + "".join(
        f'<p class="title-line">{keep_words(t)}</p>' for t in report.title[1:]
    )
    return (
        '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta name="author" content="{escape(report.author)}">'
        f'<meta name="description" content="{escape(report.subject)}">'
        f'<meta name="dcterms.created" content="{date.isoformat()}">'
        f'<meta name="dcterms.modified" content="{date.isoformat()}">'
        f"<style>{_FONT_FACES}{style}</style>"
        f'</head><body><div class="head">{keep_words(report.running_head)}</div>'
        f'<div class="title-block">{heading}</div>{body}</body></html>'
    )

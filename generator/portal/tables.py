"""The portal's large tables (the ranking, the organisation × item OIT matrix, the list of organisations) as one
block of HTML each, escaped here with markupsafe.

Python-Markdown passes a raw HTML block through without running its inline parsers over every cell: a ranking of
2,000 organisations converts in 0.21 s as one HTML block against 1.51 s as a Markdown table (bench/README: portal).
The block has no blank line (a blank line would end it), a caption, and ``scope`` on every header cell; the theme
wraps it in its scroller like any table. Links inside are final addresses (MkDocs does not rewrite raw HTML), made
with the site's :class:`~generator.urls.UrlScheme`, so the pages stay plain Markdown files every engine builds alike.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.portal import addresses as at
from generator.portal.record import ItemCoverage, YearRecord
from generator.portal.view import Member, PortalView, Ranked, counts_by_state
from generator.render.markdown import escape_attribute
from generator.render.word_breaks import BREAK, THAI_RUN, WORD_CLOSE, WORD_OPEN, segment_runs
from generator.thai import DateStyle, DigitStyle, format_date, format_number, show_digits
from generator.urls import UrlScheme, relative_address

CELL_WORDS = {"linked": "มีลิงก์", "unlinked": "ไม่มีลิงก์", "not_recorded": "ไม่ได้บันทึก", "elsewhere": "เว็บไซต์หลัก"}
NOTHING = Markup("")
RIGHT = ' style="text-align: right;"'  # as Python-Markdown's tables write a right-aligned column


@dataclass(frozen=True)
class TableWriter:
    """Cells of one page's tables: ``page`` is the Markdown source the table is on (its links are relative to it)."""

    page: str
    urls: UrlScheme
    digits: DigitStyle
    date_style: DateStyle
    marks: bool = True
    """Thai words kept whole (:func:`words`). The tables that list organisations go without: their marks were
    40-60 % of the pages' tags, and every tag is parsed twice (MkDocs' anchor scan and Python-Markdown's raw HTML
    block), as the OIT matrix already went without them in Markdown."""

    def text(self, value: str) -> Markup:
        return words(value) if self.marks else plain(value)

    def href(self, source: str) -> str:
        """The address of another page of the portal, relative to this one as it is published."""
        return relative_address(self.urls.output_file(self.page), self.urls.url(source))

    @functools.cached_property
    def root(self) -> str:
        """The site's root from this page (``../../``): an organisation's page is under it, thousands of times a page."""
        return relative_address(self.urls.output_file(self.page), "")

    def number(self, value: float | None, decimals: int = 2) -> str:
        return "–" if value is None else format_number(value, self.digits, decimals)

    def count(self, value: int) -> str:
        return show_digits(str(value), self.digits)

    def member(self, member: Member) -> Markup:
        """The organisation's name, linked to its page on the portal."""
        return Markup(f'<a href="{escape(self.root + self.urls.url(at.member_page(member.slug)))}">{self.text(member.name)}</a>')

    def status(self, member: Member) -> Markup:
        """Whether its data is current, else why not and which copy is shown."""
        reading = member.reading
        if reading.ok:
            return self.text("อ่านข้อมูลได้")
        text = f"⚠ {reading.reason}"
        if member.record:
            when = f" เมื่อ {format_date(reading.good_at.date(), self.date_style, self.digits)}" if reading.good_at else ""
            text += f" (แสดงสำเนาล่าสุดที่อ่านได้{when})"
        return self.text(text)

    def total(self, member: Member, year: YearRecord) -> Markup:
        if year.total is None:
            return Markup("–")
        shown = _linked(self.number(year.total), member.page_link("year", year.year))
        if year.total_differs:
            shown += Markup(" ⚠ {}").format(self.text(f"ไม่ตรงกับที่คำนวณจากตัวชี้วัด ({self.number(year.computed_total)})"))
        return shown

    def measures(self, member: Member, year: YearRecord) -> Markup:
        n = sum(year.measures.values())
        return Markup("–") if not n else _linked(self.count(n), member.page_link("measures", year.year))

    def oit(self, member: Member, year: YearRecord) -> Markup:
        if not year.oit_recorded:
            return self.text("ไม่ได้บันทึก")
        text = f"{self.count(year.coverage_counts()['linked'])}/{self.count(len(year.oit))}"
        return _linked(text, member.page_link("oit", year.year))


def _linked(text: str, url: str | None) -> Markup:
    """``text`` linked to an address of the organisation's own site (already an absolute http(s) address)."""
    return Markup(f'<a href="{escape(url)}">{escape(text)}</a>') if url else escape(text)


@functools.lru_cache(maxsize=65536)
def words(text: str) -> Markup:
    """Text for a cell: on one line (a blank line would end the HTML block), every character HTML or Markdown reads
    written as a character reference (:func:`~generator.render.markdown.escape_attribute`), and its Thai words kept
    whole as the organisation's Markdown tables keep them (:mod:`generator.render.word_breaks`). The same names and
    labels come back in every table: each is made once."""
    text = " ".join(text.split())
    runs = THAI_RUN.findall(text)
    if not runs:
        return escape_attribute(text)
    cuts = segment_runs(runs)
    parts, last = [], 0
    for match in THAI_RUN.finditer(text):
        parts.append(_plain(text[last:match.start()]))
        # a run holds Thai letters only: nothing in it to escape
        parts.append(BREAK.join(f"{WORD_OPEN}{w}{WORD_CLOSE}" if len(w) > 1 else w for w in cuts[match.group()]))
        last = match.end()
    parts.append(_plain(text[last:]))
    return Markup("".join(parts))


def plain(text: str) -> Markup:
    """Text for a cell of a table that lists organisations, without word marks (see :class:`TableWriter`)."""
    return escape_attribute(text)


def _plain(text: str) -> str:
    """``escape_attribute`` keeping a space at either end (it trims them)."""
    if not text:
        return ""
    inner = escape_attribute(text)
    return ("" if not text[0].isspace() else " ") + inner + (" " if text[-1].isspace() and inner else "")


def cut_words_of(view: PortalView) -> None:
    """Cut every Thai run the tables will show in one pass (one dictionary for all of them), before any page."""
    texts = [m.name for m in view.members] + [v for m in view.members for v in m.groups.values()]
    texts += [y.level or "" for m in view.members if m.record for y in m.record.years]
    texts += [i.title for m in view.members if m.record and m.record.years for i in m.record.years[-1].oit]
    texts += ["ไม่ได้บันทึก", "ไม่ตรงกับที่คำนวณจากตัวชี้วัด"]
    segment_runs(run for text in texts for run in THAI_RUN.findall(text))


def _table(caption: str, head: Sequence[tuple[str, bool]], rows: list[Markup], foot: Iterable[Markup] = (),
           more_head: Markup = NOTHING) -> Markup:
    """One HTML block without a blank line: caption, column headers (``True``: a number, right-aligned), rows."""
    cols = Markup("").join(Markup('<th scope="col"{}>{}</th>').format(Markup(RIGHT) if right else "", words(text))
                           for text, right in head)
    lines = [Markup("<table>"), Markup("<caption>{}</caption>").format(words(caption)),
             Markup("<thead><tr>{}{}</tr></thead>").format(cols, more_head), Markup("<tbody>"), *rows, Markup("</tbody>")]
    footer = list(foot)
    if footer:
        lines += [Markup("<tfoot>"), *footer, Markup("</tfoot>")]
    return Markup("\n").join([*lines, Markup("</table>")]) + Markup("\n")


def _cells(*cells: tuple[Markup, bool]) -> Markup:
    """``<td>`` of each (escaped) value, right-aligned when it is a number."""
    return Markup("".join(f"<td{RIGHT if right else ''}>{value}</td>" for value, right in cells))


END_ROW = Markup("</tr>")


RANKING_HEAD = [("อันดับ", True), ("หน่วยงาน", False), ("ประเภท", False), ("คะแนนรวม", True), ("ระดับ", False),
                ("มาตรการ", True), ("OIT มีลิงก์/ทั้งหมด", True)]


def ranking_table(w: TableWriter, caption: str, rows: list[Ranked]) -> Markup:
    """The ranking: every organisation with a total, its rank, type, total, level, measures and OIT."""
    body = []
    for r in rows:
        m, y = r.member, r.year
        body.append(
            Markup(f'<tr><td{RIGHT}>{w.count(r.rank)}</td><th scope="row">{w.member(m)}</th>')
            + _cells((w.text(m.groups.get("type", "–")), False), (w.total(m, y), True), (w.text(y.level or "–"), False),
                     (w.measures(m, y), True), (w.oit(m, y), True))
            + END_ROW
        )
    return _table(caption, RANKING_HEAD, body)


def cell(item: ItemCoverage) -> Markup:
    """One organisation's state of one OIT item, linked to that item's page on its own site."""
    return _linked(CELL_WORDS[item.state], item.url)


def matrix_table(w: TableWriter, view: PortalView, caption: str, year: int, members: list[Member]) -> Markup | None:
    """Organisation × item for ``year``: the state of each item, with counts per organisation and per item; None when
    no organisation of ``members`` lists an item that year."""
    items = view.oit_items(year, members)
    if not items:
        return None
    per_item = counts_by_state(year, members)
    head = [("หน่วยงาน", False), ("มีลิงก์", True), ("ไม่มีลิงก์", True), ("ไม่ได้บันทึก", True)]
    cols = Markup("").join(Markup('<th scope="col"><abbr title="{}">{}</abbr></th>').format(title or code, code) for code, title in items)
    body = []
    dash = "<td>–</td>"
    for m in members:
        y = m.year(year)
        # plain str pieces, each escaped here (a Markup joined to a str would escape the str again)
        row = [f'<tr><th scope="row">{w.member(m)}</th>']
        if y and y.oit:
            c = y.coverage_counts()
            by_code = {i.item: i for i in y.oit}
            row.append(str(_cells((Markup(w.count(c["linked"])), True), (Markup(w.count(c["unlinked"])), True),
                                  (Markup(w.count(c["not_recorded"] + c["elsewhere"])), True))))
            row += [f"<td>{cell(by_code[code])}</td>" if code in by_code else dash for code, _ in items]
        else:
            row.append(dash * (3 + len(items)))
        body.append(Markup("".join(row) + "</tr>"))
    foot = []
    none: Counter[str] = Counter()
    for label, states in (("รวมมีลิงก์ (หน่วยงาน)", ("linked",)), ("รวมไม่มีลิงก์", ("unlinked",)),
                          ("รวมไม่ได้บันทึก", ("not_recorded", "elsewhere"))):
        counts = Markup("").join(Markup("<td{}>{}</td>").format(Markup(RIGHT), w.count(sum(per_item.get(code, none)[s] for s in states)))
                                 for code, _ in items)
        foot.append(Markup('<tr><th scope="row">{}</th><td></td><td></td><td></td>').format(words(label)) + counts + END_ROW)
    return _table(caption, head, body, foot, cols)


MEMBERS_HEAD = [("หน่วยงาน", False), ("ประเภท", False), ("ผลการประเมินล่าสุด", True), ("ระดับ", False), ("สถานะข้อมูล", False)]


def members_table(w: TableWriter, caption: str, members: list[Member]) -> Markup:
    """Every organisation of the portal: its type, latest total (and year), level and whether its data is current."""
    body = []
    for m in members:
        y = m.record.latest_result if m.record else None
        latest = w.total(m, y) + Markup(" (ปี {})").format(w.count(y.year)) if y else Markup("–")
        body.append(Markup('<tr><th scope="row">{}</th>').format(w.member(m))
                    + _cells((w.text(m.groups.get("type", "–")), False), (latest, True),
                             (w.text(y.level if y and y.level else "–"), False), (w.status(m), False))
                    + END_ROW)
    return _table(caption, MEMBERS_HEAD, body)


ITEMS_HEAD = [("ข้อ", False), ("รายการ", False), ("การเผยแพร่", False)]


def items_table(w: TableWriter, caption: str, items: list[ItemCoverage]) -> Markup:
    """One organisation's OIT items of a year, each as its own OIT page shows it, linked to that item's page."""
    body = [Markup('<tr><th scope="row">{}</th>').format(words(i.item)) + _cells((words(i.title or "–"), False), (cell(i), False))
            + END_ROW for i in items]
    return _table(caption, ITEMS_HEAD, body)


def facts_table(w: TableWriter, caption: str, facts: list[tuple[str, Markup]]) -> Markup:
    """Label and value, one fact a row (the label is the row's header)."""
    body = [Markup('<tr><th scope="row">{}</th><td>{}</td></tr>').format(words(label), value) for label, value in facts]
    return _table(caption, [("ข้อมูลของหน่วยงาน", False), ("รายละเอียด", False)], body)


YEARS_HEAD = [("ปีงบประมาณ", False), ("คะแนนรวม", True), ("ระดับ", False), ("มาตรการ", False), ("OIT มีลิงก์/ทั้งหมด", True),
              ("ตาราง OIT รายข้อ", False)]


def years_table(w: TableWriter, caption: str, member: Member, matrix_page: Callable[[Member, int], str]) -> Markup:
    """Every year of the organisation, newest first: total, level, measures by status, OIT, and the link to the
    year's matrix that holds its OIT items."""
    body = []
    for y in reversed(member.record.years if member.record else []):
        measures = w.measures(member, y)
        if y.measures:
            statuses = " · ".join(f"{status.label} {w.count(n)}" for status, n in y.measures.items())
            measures += Markup(" ({})").format(words(statuses))
        matrix = Markup('<a href="{}">{}</a>').format(w.href(matrix_page(member, y.year)), words(f"ตาราง OIT ปี {w.count(y.year)}"))
        body.append(Markup('<tr><th scope="row">{}</th>').format(w.count(y.year))
                    + _cells((w.total(member, y), True), (words(y.level or "–"), False), (measures, False),
                             (w.oit(member, y), True), (matrix, False))
                    + END_ROW)
    return _table(caption, YEARS_HEAD, body)

"""``itasite export --oit``: a year's OIT items as the assessor's form, a CSV and a workbook laid out to copy into the
NACC assessment system (ITAS): one row per item of the year's framework, in the framework's order, every document's
full address in one cell.

Nothing is invented: an item the content does not list says so ("ยังไม่ได้บันทึก"), an empty description stays empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from generator.clerk.export import keep_text
from generator.errors import ContentError, Severity, UserError
from generator.messages import Lang, both
from generator.model.site import Site, YearContent, indicator_name
from generator.model.types import Disclosure, ItemDef, OitScope
from generator.pipeline import check_content
from generator.render.opendata import neutralise_formula
from generator.thai import be_iso
from generator.urls import DIRECTORY_URLS, UrlScheme, link_sources, resolve_link

NOT_RECORDED = "ยังไม่ได้บันทึก"
"""The state of an item the year's ``oit.yml`` does not list (or of every item when there is no ``oit.yml``)."""
ELSEWHERE = "เผยแพร่ที่เว็บไซต์หลักของหน่วยงาน"
"""The state of an item a ``scope: this_site`` oit.yml leaves to the agency's main website."""

COLUMNS = (
    ("ข้อ", 8),
    ("ตัวชี้วัด/ตัวชี้วัดย่อย", 28),
    ("ชื่อรายการ", 40),
    ("สถานะ", 20),
    ("URL", 60),
    ("คำอธิบาย", 50),
    ("หมายเหตุ", 40),
    ("ปรับปรุงล่าสุด", 14),
)
"""(header, column width in the workbook), in the order of the form."""

HEADERS = tuple(header for header, _ in COLUMNS)
SHEET = "OIT"


@dataclass(frozen=True)
class OitForm:
    """The rows of the form (header first, every cell text) and whether some address is relative to the site root
    (the site has no ``site_url``, so the clerk must complete it before the assessor can open it)."""

    rows: list[list[str]]
    relative: bool


def oit_form(site: Site, year: int, urls: UrlScheme = DIRECTORY_URLS, site_url: str | None = None) -> OitForm:
    """The form of ``year``: one row per item of the year's framework, in its order."""
    content = site.years[year]
    addresses = _Addresses(site, urls, site_url or None)
    rows = [list(HEADERS)]
    elsewhere = content.oit is not None and content.oit.scope is OitScope.this_site
    website = site.organisation.contact.website or ""
    for item in content.framework.items:
        row = _row(content, item, content.disclosure(item.code), addresses)
        if elsewhere and row[3] == NOT_RECORDED:
            row[3:5] = [ELSEWHERE, website]
        rows.append(row)
    return OitForm(rows, addresses.relative)


def _row(content: YearContent, item: ItemDef, d: Disclosure | None, addresses: _Addresses) -> list[str]:
    title = item.title or (d.title if d and d.title else "")
    state = d.shown_state.label if d else NOT_RECORDED
    urls = "\n".join(addresses.full(url) for _, url in d.documents()) if d else ""
    description = "\n".join(d.description) if d else ""
    note = "\n".join(d.note) if d else ""
    updated = be_iso(d.updated) if d else ""
    return [item.code, _indicator(content, item), title, state, urls, description, note, updated]


def _indicator(content: YearContent, item: ItemDef) -> str:
    """``9 การเปิดเผยข้อมูล``, or the sub-indicator when the framework gives one: ``9.1 ข้อมูลพื้นฐาน``."""
    framework = content.framework
    if item.sub:
        indicator = next((i for i in framework.indicators if i.number == item.indicator), None)
        sub = next((s for s in indicator.subindicators if s.code == item.sub), None) if indicator else None
        return f"{item.sub} {sub.name}" if sub else item.sub
    return f"{item.indicator} {indicator_name(framework, item.indicator)}"


class _Addresses:
    """Full addresses of the links of the content: the site's pages and files on ``site_url`` (relative to the site
    root without it), anything else as the content writes it or on the agency's main website."""

    def __init__(self, site: Site, urls: UrlScheme, site_url: str | None) -> None:
        self.sources = link_sources(site)
        self.website = site.organisation.contact.website
        self.urls, self.site_url = urls, site_url
        self.relative = False

    def full(self, written: str) -> str:
        target = resolve_link(written, self.sources, self.website)
        if target is None:
            return written
        if target.url is not None:
            return target.url
        assert target.source is not None
        if self.site_url is None:
            self.relative = True
        return self.urls.absolute(target.source, self.site_url) + target.fragment


def write_form_workbook(form: OitForm, year: int, path: Path) -> None:
    """One sheet, headers bold and frozen, text wrapped, every cell text (never a formula)."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    book.properties.title = f"OIT {year} (ITAS)"
    fixed = dt.datetime(2000, 1, 1)  # the same content gives the same file
    book.properties.created = book.properties.modified = fixed
    for row in form.rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            keep_text(cell)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for col, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def write_form_csv(form: OitForm, path: Path) -> None:
    """UTF-8 with a byte-order mark (without it Excel on Thai Windows reads the file as TIS-620 and garbles the Thai),
    RFC 4180 line ends; line breaks inside a cell stay inside the quoted cell; text a spreadsheet would run as a
    formula starts with ``'``, as in the open data."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([[neutralise_formula(v) for v in row] for row in form.rows])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")


def export_oit_form(
    content_dir: Path, root: Path, year: int, out: Path, csv_dir: Path | None, *, urls: UrlScheme = DIRECTORY_URLS,
    site_url: str | None = None, lang: Lang = "th",
) -> tuple[list[Path], list[str]]:
    """Write the workbook ``out`` and ``<stem>.csv`` next to it (or in ``csv_dir``); returns what was written and the
    warnings for the clerk. The content must have no errors."""
    site, findings = check_content(content_dir, root, lang, urls)
    if site is None or any(f.severity is Severity.error for f in findings):
        raise ContentError(findings)
    if year not in site.years:
        known = ", ".join(map(str, site.years))
        raise UserError(both(f"ไม่มีข้อมูลปี {year} ในเนื้อหา", f"no content for {year}") + f"; มี/has: {known}")
    form = oit_form(site, year, urls, site_url)
    csv_path = (csv_dir or out.parent) / f"{out.stem}.csv"
    write_form_workbook(form, year, out)
    write_form_csv(form, csv_path)
    warnings = []
    if form.relative:
        warnings.append(both(
            "ที่อยู่หน้าและไฟล์ของเว็บไซต์ในคอลัมน์ URL ยังไม่เต็ม (นับจากรากของเว็บไซต์) เพราะ site_config.yml ไม่มี site_url "
            "ให้ใส่ site_url: ที่อยู่เว็บไซต์ เช่น https://ita.example.go.th/ ใน site_config.yml แล้วส่งออกใหม่",
            "site addresses in the URL column are relative to the site root; set site_url in site_config.yml and export again",
        ))
    return [out, csv_path], warnings

"""How the editor presents a record: its title, the titles of a list's entries, and the address of its page on the
site (from generator/urls.py, following the site's use_directory_urls)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from generator.clerk.editor.fields import schema_name
from generator.clerk.editor.formdata import name_path
from generator.clerk.editor.records import value_at
from generator.messages import Lang, say
from generator.thai import parse_year
from generator.urls import (
    ABOUT_PAGE,
    UrlScheme,
    indicator_page,
    measure_page,
    measures_page,
    oit_item_page,
    oit_page,
    year_page,
)


def year_of(file: str) -> int | None:
    """The fiscal year a content file belongs to (``2569/measures.yml`` → 2569); None for organisation.yml."""
    return parse_year(file.split("/", maxsplit=1)[0]) if "/" in file else None


def list_titles(doc: Any, key: str) -> list[str]:
    """Each entry of a list as the editor's home page shows it: its code and title."""
    entries = value_at(doc, (key,))
    if not isinstance(entries, list):
        return []
    shown = []
    for entry in entries:
        record = entry if isinstance(entry, dict) else {}
        label = record.get("title") or record.get("name") or ""
        code = record.get("item") or record.get("indicator") or record.get("id") or ""
        shown.append(f"{code} {label}".strip() or "—")
    return shown


def preview_address(file: str, at: str, doc: Any, urls: UrlScheme) -> str:
    """The site's page for a record, as the site's address scheme writes it: a measure's own page, an indicator, an OIT
    item, the year's list or page, or the about page."""
    return urls.url(_preview_source(file, at, doc))


def _preview_source(file: str, at: str, doc: Any) -> str:
    year = year_of(file)
    if year is None:
        return ABOUT_PAGE
    path = name_path(at)
    record = value_at(doc, path) if path else None
    kind = schema_name(file)
    if kind == "measures" and isinstance(record, dict) and record.get("id"):
        return measure_page(year, quote(str(record["id"])))
    if kind == "result" and isinstance(record, dict) and record.get("indicator"):
        return indicator_page(year, record["indicator"])
    if kind == "oit" and isinstance(record, dict) and record.get("item"):
        return oit_item_page(year, quote(str(record["item"])))
    return oit_page(year) if kind == "oit" else measures_page(year) if kind == "measures" else year_page(year)


def record_title(lang: Lang, file: str, at: str, value: Any) -> str:
    """A record form's title: the file's kind and year, and the record's own title, indicator or item."""
    year = year_of(file)
    names = {"organisation": say(lang, "ข้อมูลหน่วยงาน", "The organisation"), "result": say(lang, "ผลการประเมิน ITA", "ITA result"),
             "measures": say(lang, "มาตรการ", "Measures"), "oit": say(lang, "การเปิดเผยข้อมูล OIT", "OIT disclosures")}
    title = names[schema_name(file)] + (f" {say(lang, 'ปี', 'year')} {year}" if year else "")
    if at and isinstance(value, dict):
        label = value.get("title") or value.get("item") or ""
        if value.get("indicator"):
            label = f"{say(lang, 'ตัวชี้วัดที่', 'indicator')} {value['indicator']}"
        title += f": {label}" if label else f" ({say(lang, 'รายการใหม่', 'new entry')})"
    return title

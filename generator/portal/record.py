"""One reader from an organisation's ``data/site.json`` document to the portal's record of it.

Everything in the document is untrusted: each value is taken only when it has the expected type, text is kept as
text (the pages escape it), and an address is kept only when it resolves to an ``http(s)`` page (relative ones
against the document's own address, as RFC 3986 says). The total is recomputed from the published indicator
scores with the year's published framework (:mod:`generator.model.scoring`), as ``itasite check`` does for one site.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, overload
from urllib.parse import urljoin, urlsplit

from pydantic import ValidationError

from generator.model.scoring import computed_total, differs
from generator.model.types import Framework, Result, Status
from generator.render.opendata import COVERAGE_STATES, DATA_FORMAT, DATA_VERSION

MAX_TEXT = 500
"""Longest text kept from a document (a name, a level, an item's title): a page is not a dumping ground."""


class RecordError(ValueError):
    """The document is not an itasite site's data the portal can read; ``status`` and the Thai ``reason`` say why."""

    def __init__(self, status: str, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


@dataclass(frozen=True, slots=True)
class ItemCoverage:
    """One OIT item of a year as the organisation's OIT page shows it."""

    item: str
    title: str
    state: str
    label: str
    links: int
    url: str | None


@dataclass(frozen=True, slots=True)
class YearRecord:
    year: int
    total: float | None
    level: str | None
    computed_total: float | None
    pass_mark: float | None
    measures: dict[Status, int]
    pages: dict[str, str | None]
    oit: list[ItemCoverage]
    oit_recorded: bool

    @property
    def total_differs(self) -> bool:
        """The published total disagrees with the one computed from the published indicator scores."""
        return self.total is not None and self.computed_total is not None and differs(self.total, self.computed_total)

    def coverage_counts(self) -> dict[str, int]:
        counts = Counter(i.state for i in self.oit)
        return {state: counts[state] for state in COVERAGE_STATES}


@dataclass(frozen=True, slots=True)
class OrgRecord:
    """What the portal shows of one organisation, read from its published data."""

    name: str
    short_name: str | None
    type: str | None
    district: str | None
    province: str | None
    updated: dt.date | None
    pages: dict[str, str | None]
    years: list[YearRecord] = field(default_factory=list)

    def year(self, year: int) -> YearRecord | None:
        return next((y for y in self.years if y.year == year), None)

    @property
    def latest_result(self) -> YearRecord | None:
        return next((y for y in reversed(self.years) if y.total is not None), None)


def read_record(document: Any, address: str | None) -> OrgRecord:
    """The record of a ``data/site.json`` document fetched from (or made for) ``address``, the address of the
    document itself (None: unknown, and then no link of it is kept); :class:`RecordError` when it cannot be read."""
    if not isinstance(document, dict) or document.get("format") != DATA_FORMAT:
        raise RecordError("not-itasite", "ข้อมูลที่อ่านได้ไม่ใช่ข้อมูลเปิดของเว็บไซต์ที่สร้างด้วย itasite")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise RecordError("invalid", "ข้อมูลเปิดของหน่วยงานไม่ระบุรุ่นของรูปแบบข้อมูล")
    if version > DATA_VERSION:
        raise RecordError("newer-version", f"ข้อมูลเปิดของหน่วยงานเป็นรูปแบบรุ่นใหม่กว่า (รุ่น {version}) "
                          "ที่โปรแกรมพอร์ทัลนี้อ่านได้ ให้ปรับรุ่นโปรแกรม itasite ของพอร์ทัล")
    org = document.get("organisation")
    years = document.get("years")
    if not isinstance(org, dict) or _text(org.get("name")) is None or not isinstance(years, list):
        raise RecordError("invalid", "ข้อมูลเปิดของหน่วยงานไม่ครบ (ไม่มีชื่อหน่วยงานหรือรายการปี)")
    pages = document.get("pages")
    read = [_year(y, address) for y in years if isinstance(y, dict) and _year_number(y.get("year")) is not None]
    return OrgRecord(
        name=_text(org.get("name")) or "",
        short_name=_text(org.get("short_name")),
        type=_text(org.get("type")),
        district=_text(org.get("district")),
        province=_text(org.get("province")),
        updated=_date(document.get("updated")),
        pages={k: _address(v, address) for k, v in pages.items()} if isinstance(pages, dict) else {},
        years=sorted(read, key=lambda y: y.year),
    )


def _year(data: dict[str, Any], address: str | None) -> YearRecord:
    year = _year_number(data.get("year"))
    assert year is not None
    result = data.get("result") if isinstance(data.get("result"), dict) else None
    framework = _framework(data.get("framework"), year)
    total = _number(result.get("total")) if result else None
    raw_pages = data.get("pages")
    pages: dict[Any, Any] = raw_pages if isinstance(raw_pages, dict) else {}
    return YearRecord(
        year=year,
        total=total,
        level=_shared(_text(result.get("level"))) if result else None,
        computed_total=_recomputed(result, framework) if result else None,
        pass_mark=framework.pass_mark if framework else None,
        measures=_measure_counts(data.get("measures")),
        pages={k: _address(v, address) for k, v in pages.items() if isinstance(k, str)},
        oit=_coverage(data.get("oit_coverage"), address),
        oit_recorded=isinstance(data.get("oit"), dict),
    )


def _framework(value: Any, year: int) -> Framework | None:
    """The year's framework as the document publishes it; thousands of organisations publish the same one, so
    each distinct text is validated once."""
    if not isinstance(value, dict):
        return None
    try:
        return _validated_framework(json.dumps(value, sort_keys=True, ensure_ascii=False))
    except (TypeError, ValueError):
        return None


@functools.lru_cache(maxsize=64)
def _validated_framework(text: str) -> Framework | None:
    try:
        return Framework.model_validate_json(text)
    except ValidationError:
        return None


def _recomputed(result: dict[str, Any], framework: Framework | None) -> float | None:
    """The total the framework's weights give for the published indicator scores (None: cannot be computed)."""
    if framework is None:
        return None
    try:
        model = Result.model_validate({
            "total": result.get("total"), "level": result.get("level"),
            "indicators": [{"indicator": i.get("indicator"), "score": i.get("score")}
                           for i in result.get("indicators") or [] if isinstance(i, dict)],
        })
    except (ValidationError, AttributeError, TypeError):
        return None
    return computed_total(model, framework)


def _measure_counts(plan: Any) -> dict[Status, int]:
    if not isinstance(plan, dict) or not isinstance(plan.get("measures"), list):
        return {}
    counts: Counter[Status] = Counter()
    for measure in plan["measures"]:
        status = measure.get("status") if isinstance(measure, dict) else None
        if isinstance(status, str) and status in Status.__members__:
            counts[Status(status)] += 1
    return {s: counts[s] for s in Status if counts[s]}


def _coverage(rows: Any, address: str | None) -> list[ItemCoverage]:
    if not isinstance(rows, list):
        return []
    items = []
    for row in rows:
        if not isinstance(row, dict) or _text(row.get("item")) is None or row.get("state") not in COVERAGE_STATES:
            continue
        links = row.get("links")
        items.append(ItemCoverage(
            item=_shared(_text(row.get("item")) or ""), title=_shared(_text(row.get("title")) or ""),
            state=_shared(str(row["state"])), label=_shared(_text(row.get("label")) or ""),
            links=links if isinstance(links, int) and links >= 0 else 0, url=_address(row.get("url"), address),
        ))
    return items


@overload
def _shared(text: str) -> str: ...
@overload
def _shared(text: None) -> None: ...
def _shared(text: str | None) -> str | None:
    """One copy of a text thousands of organisations publish alike (an item's code and title, a level): the portal
    keeps every organisation's record, so each is held once, not 8,304 times."""
    return sys.intern(text) if text is not None else None


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()[:MAX_TEXT]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        return None
    return float(value)


def _year_number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 2500 <= value <= 2700 else None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _address(value: Any, base: str | None) -> str | None:
    """An address of the document as an absolute ``http(s)`` address, or None (unknown base, another scheme)."""
    if not isinstance(value, str) or not value or any(c in value for c in "\"<>\\ \t\n\r"):
        return None
    absolute = value if value.startswith(("https://", "http://")) or not base else urljoin(base, value)
    parts = urlsplit(absolute)
    return absolute if parts.scheme in ("http", "https") and parts.netloc else None

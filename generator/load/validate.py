"""Turn a loaded YAML file into a model, reporting every validation error at its line and column.

pydantic reports errors by location (``('measures', 3, 'title')``); we map each location back to the YAML position
recorded by :mod:`generator.load.yaml` and word the message for a clerk (Thai by default, English on request).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.errors import Finding
from generator.messages import Lang, say
from generator.model.source import KeyPath, SourceFile

M = TypeVar("M", bound=BaseModel)

_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("ขาดข้อมูลที่ต้องมี ให้เพิ่ม '{field}'", "required field '{field}' is missing; add it"),
    "extra_forbidden": (
        "ไม่รู้จักคีย์ '{field}' ตรวจการสะกด หรือดูรายชื่อคีย์ที่ใช้ได้ใน README",
        "unknown key '{field}'; check the spelling or see the README for the keys allowed here",
    ),
    "string_type": ("ต้องเป็นข้อความ", "must be text"),
    "string_too_short": ("ต้องไม่เว้นว่าง", "must not be empty"),
    "string_too_long": ("ยาวเกินไป (ไม่เกิน {max_length} ตัวอักษร)", "too long (at most {max_length} characters)"),
    # Text fields check their length after a BeforeValidator, so pydantic reports the generic kinds.
    "too_short": ("ต้องไม่เว้นว่าง", "must not be empty"),
    "too_long": ("ยาวเกินไป (ไม่เกิน {max_length} ตัวอักษร)", "too long (at most {max_length} characters)"),
    "string_pattern_mismatch": ("รูปแบบไม่ถูกต้อง{hint}", "invalid form{hint}"),
    "list_type": ("ต้องเป็นรายการ (ขึ้นบรรทัดด้วย '- ')", "must be a list (lines starting with '- ')"),
    "dict_type": ("ต้องเป็นชุดข้อมูลแบบ คีย์: ค่า", "must be a mapping of key: value"),
    "model_type": ("ต้องเป็นชุดข้อมูลแบบ คีย์: ค่า", "must be a mapping of key: value"),
    "model_attributes_type": ("ต้องเป็นชุดข้อมูลแบบ คีย์: ค่า", "must be a mapping of key: value"),
    "float_type": ("ต้องเป็นตัวเลข", "must be a number"),
    "float_parsing": ("ต้องเป็นตัวเลข (ได้ '{input}')", "must be a number (got '{input}')"),
    "int_type": ("ต้องเป็นจำนวนเต็ม", "must be a whole number"),
    "int_parsing": ("ต้องเป็นจำนวนเต็ม (ได้ '{input}')", "must be a whole number (got '{input}')"),
    "int_from_float": ("ต้องเป็นจำนวนเต็ม (ได้ '{input}')", "must be a whole number (got '{input}')"),
    "finite_number": ("ต้องเป็นตัวเลขที่มีค่าจำกัด", "must be a finite number"),
    "bool_type": ("ต้องเป็น true หรือ false", "must be true or false"),
    "bool_parsing": ("ต้องเป็น true หรือ false", "must be true or false"),
    "greater_than_equal": ("ต้องไม่น้อยกว่า {ge} (ได้ {input})", "must be at least {ge} (got {input})"),
    "less_than_equal": ("ต้องไม่เกิน {le} (ได้ {input})", "must be at most {le} (got {input})"),
    "enum": ("ค่าที่ใช้ได้คือ {expected} (ได้ '{input}')", "must be one of {expected} (got '{input}')"),
    "literal_error": ("ค่าที่ใช้ได้คือ {expected} (ได้ '{input}')", "must be one of {expected} (got '{input}')"),
}

# Messages of our own value errors (raised as ``ValueError("kind:detail")`` in model/thai/codes).
_VALUE_MESSAGES: dict[str, tuple[str, str]] = {
    "url_scheme": (
        "ลิงก์ใช้ได้เฉพาะ http://, https://, mailto: หรือที่อยู่ภายในเว็บไซต์ (ได้ '{detail}:')",
        "links may only use http://, https://, mailto: or a relative address (got '{detail}:')",
    ),
    "url_form": (
        "ลิงก์ต้องไม่มีช่องว่างหรือเครื่องหมาย < > \" ให้คัดลอกที่อยู่จากแถบที่อยู่ของเบราว์เซอร์",
        "a link must not contain spaces or < > \"; copy the address from the browser's address bar",
    ),
    "url_no_scheme": (
        "ลิงก์ไปเว็บไซต์อื่นต้องขึ้นต้นด้วย https:// ให้แก้เป็น https://{detail}",
        "a link to another site must start with https://; write https://{detail}",
    ),
    "url_parent": (
        "ที่อยู่ภายในเว็บไซต์ให้เขียนนับจากหน้าแรก เช่น 2569/measures/m1/ หรือ files/report.pdf ไม่ต้องมี ../ หรือ ./ (ได้ '{detail}')",
        "write addresses inside the site from the home page, e.g. 2569/measures/m1/ or files/report.pdf, without ../ or ./ "
        "(got '{detail}')",
    ),
    "url_host": (
        "ลิงก์ไปเว็บไซต์อื่นต้องขึ้นต้นด้วย https:// หรือ http:// ไม่ใช่ //",
        "a link to another site must start with https:// or http://, not //",
    ),
    "ce_year": (
        "ใช้ปี พ.ศ. ไม่ใช่ ค.ศ. (ค.ศ. {detail} คือ พ.ศ. {be})",
        "use the Buddhist-era year, not the Common Era (CE {detail} is BE {be})",
    ),
    "year_range": ("ปี พ.ศ. ไม่อยู่ในช่วงที่ใช้ได้ (2500–2700): {detail}", "Buddhist-era year out of range (2500–2700): {detail}"),
    "code": (
        "รหัสข้อไม่ถูกต้อง '{detail}' ให้เขียนเช่น i1, e4, o15",
        "invalid question code '{detail}'; write e.g. i1, e4, o15",
    ),
    "code_range": (
        "ช่วงรหัสไม่ถูกต้อง '{detail}' ให้เขียนเช่น o1-o5 (รหัสแรกน้อยกว่ารหัสหลัง)",
        "invalid code range '{detail}'; write e.g. o1-o5 (first lower than last)",
    ),
    "document_empty": (
        "ต้องมี url หรือ links ย่อยอย่างน้อยหนึ่งรายการ",
        "needs a url, or links under it",
    ),
    "text_control": (
        "มีอักขระควบคุมที่มองไม่เห็น ({detail}) ซึ่งมักติดมาจากการคัดลอกจาก Word ให้ลบออก หรือพิมพ์ข้อความนี้ใหม่",
        "contains an invisible control character ({detail}), usually pasted from Word; delete it or retype the text",
    ),
    "code_range_long": (
        "ช่วงรหัส '{detail}' ยาวเกินไป (ไม่มีเครื่องมือใดมีถึง 200 ข้อ) ตรวจเลขข้อสุดท้ายของช่วง",
        "code range '{detail}' is too long (no tool has 200 questions or items); check the last code of the range",
    ),
    "code_type": ("รหัสข้อต้องเป็นข้อความ เช่น i1", "a question code must be text such as i1"),
    "timeframe_order": ("วันสิ้นสุด (end) มาก่อนวันเริ่ม (start)", "end date is before start date"),
    "site_path_external": (
        "ต้องเป็นที่อยู่ภายในเว็บไซต์นี้ เช่น 2568/oit/o15/ ไม่ใช่ลิงก์ไปเว็บไซต์อื่น (ได้ '{detail}')",
        "must be an address inside this site such as 2568/oit/o15/, not a link elsewhere (got '{detail}')",
    ),
    "site_path_form": (
        "ที่อยู่ไม่ถูกต้อง '{detail}' ห้ามมีช่องว่าง .. ? # % หรือเครื่องหมายคำพูด ให้เขียนเช่น 2568/oit/o15/",
        "invalid address '{detail}'; no spaces, .., ?, #, % or quotes; write e.g. 2568/oit/o15/",
    ),
    "site_path_long": (
        "ที่อยู่ยาวเกินไป (ส่วนหนึ่งของที่อยู่ต้องไม่เกิน 100 ตัวอักษร) ได้ '{detail}'",
        "address too long (each part at most 100 characters); got '{detail}'",
    ),
    "image_path": (
        "ต้องเป็นไฟล์รูปในโฟลเดอร์ content เช่น images/logo.png (a-z 0-9 _ - / ห้ามมี .. หรือ / นำหน้า) ได้ '{detail}'",
        "must be an image file inside the content folder such as images/logo.png (a-z 0-9 _ - /, no .. or leading /); got '{detail}'",
    ),
    "not a number": ("ต้องเป็นตัวเลข เช่น 94.50 หรือ ๙๔.๕๐", "must be a number such as 94.50 or ๙๔.๕๐"),
    "not a year": ("ต้องเป็นปี พ.ศ. เช่น 2568", "must be a Buddhist-era year such as 2568"),
    "not a date": (
        "วันที่ไม่ถูกต้อง ให้เขียนเช่น 2568-10-01 หรือ 1 ต.ค. 2568",
        "invalid date; write e.g. 2568-10-01 or 1 ต.ค. 2568",
    ),
}

STATUS_CHOICES_TH = (
    "ดำเนินการแล้วเสร็จ, อยู่ระหว่างดำเนินการ, ยังไม่ดำเนินการ หรือ อยู่ในแผน (หรือรหัส done, in_progress, not_started, planned)"
)
STATUS_CHOICES_EN = "done, in_progress, not_started or planned (or the Thai labels ดำเนินการแล้วเสร็จ, อยู่ระหว่างดำเนินการ, …)"

_PATTERN_HINTS = {
    "^[a-z0-9][a-z0-9-]*$": (" ใช้ได้เฉพาะ a-z 0-9 และ - เช่น m1", ": only a-z 0-9 and -, e.g. m1"),
    "^[^\\s/\\\\#?]+$": (" ห้ามมีช่องว่างหรือ / # ?", ": no spaces or / # ?"),
}


def _value_message(raw: str, lang: Lang) -> str:
    kind, _, detail = raw.partition(":")
    if kind.startswith("not a "):
        detail = ""
    if kind not in _VALUE_MESSAGES:
        return raw
    template = _VALUE_MESSAGES[kind][0 if lang == "th" else 1]
    be = int(detail) + 543 if kind == "ce_year" and detail.isdigit() else ""
    return template.format(detail=detail, be=be)


def describe_error(error: Mapping[str, Any], lang: Lang = "th") -> str:
    """A clerk-readable message for one pydantic error."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        return _value_message(str(ctx.get("error", error["msg"])), lang)
    if kind not in _MESSAGES:
        return str(error["msg"])
    loc = error["loc"]
    field = str(loc[-1]) if loc else ""
    if kind == "enum" and "'done'" in str(ctx.get("expected", "")):
        return say(lang, f"สถานะที่ใช้ได้คือ {STATUS_CHOICES_TH} (ได้ '{error.get('input')}')",
                   f"the status must be one of {STATUS_CHOICES_EN} (got '{error.get('input')}')")
    hint = _PATTERN_HINTS.get(str(ctx.get("pattern", "")), ("", ""))[0 if lang == "th" else 1]
    if kind == "string_pattern_mismatch" and field == "round":
        hint = say(lang, " ให้ใช้รหัสรอบ เช่น 6m (รอบ 6 เดือน) หรือ 12m (รอบ 12 เดือน) ตามที่ตั้งไว้ใน rounds",
                   ": use a round's id such as 6m (6 months) or 12m (12 months), as set in rounds")
    shown = error.get("input")
    shown = shown if isinstance(shown, str | int | float) else type(shown).__name__
    values = {"field": field, "input": str(shown)[:60], "hint": hint, **{k: v for k, v in ctx.items()}}
    return _MESSAGES[kind][0 if lang == "th" else 1].format(**values)


def _data_path(data: Any, loc: tuple[Any, ...]) -> KeyPath:
    """Keep the parts of a pydantic location that name real keys/indexes of the data (drop type tags)."""
    path: list[str | int] = []
    for part in loc:
        if isinstance(data, dict) and str(part) in data:
            path.append(str(part))
            data = data[str(part)]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            path.append(part)
            data = data[part]
        elif isinstance(part, str) and ("[" in part or "-" in part and part[:1].islower()):
            continue  # a type tag such as 'function-before[...]' or '[key]'
        else:
            path.append(part)
            data = None
    return tuple(path)


def validate_file(source: SourceFile, model: type[M], lang: Lang = "th") -> tuple[M | None, list[Finding]]:
    """Validate a loaded file against ``model``; on failure return every error, located."""
    data = source.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        msg = say(lang, "ไฟล์นี้ต้องเป็นชุดข้อมูลแบบ คีย์: ค่า", "this file must be a mapping of key: value")
        return None, [source.finding((), msg)]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        findings = []
        for error in exc.errors():
            path = _data_path(data, tuple(error["loc"]))
            at_key = error["type"] == "extra_forbidden" or "[key]" in error["loc"]
            findings.append(source.finding(path, describe_error(error, lang), key=at_key))
        return None, findings

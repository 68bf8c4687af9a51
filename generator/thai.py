"""Thai conventions: digits, Buddhist-era years, fiscal years and dates.

Source documents mix Thai digits (๐–๙) with Arabic ones, write years in the Buddhist era (พ.ศ. = ค.ศ. + 543)
and name a fiscal year after the calendar year it ends in (1 Oct – 30 Sep).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Literal

DigitStyle = Literal["thai", "arabic"]
DateStyle = Literal["long", "short"]

BE_OFFSET = 543
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

MONTHS_LONG = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
_MONTH_NUMBER = {name: i + 1 for i, name in enumerate(MONTHS_LONG)} | {
    name.replace(".", ""): i + 1 for i, name in enumerate(MONTHS_SHORT)
}

# Earliest and latest Buddhist-era years the tool accepts (ITA began in 2557).
MIN_YEAR = 2500
MAX_YEAR = 2700


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits with Arabic ones, leaving everything else as it is."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    """Replace Arabic digits with Thai ones, leaving everything else as it is."""
    return text.translate(_TO_THAI)


def show_digits(text: str, style: DigitStyle) -> str:
    """Write every digit of ``text`` in the configured style."""
    return to_thai_digits(text) if style == "thai" else to_arabic_digits(text)


_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]{1,2}")
MAX_NUMBER_CHARS = 40


def is_ascii_digits(text: str) -> bool:
    """Only 0–9 (``str.isdigit`` also accepts ``²⁵⁶⁸`` and other digits ``int`` cannot read)."""
    return text.isascii() and text.isdigit()


def parse_number(value: object) -> float:
    """Read a number written with Thai or Arabic digits (``๙๔.๕๐``, ``94.50``, ``1,234``), or with a decimal comma as
    typed in Thai-locale spreadsheets (``94,50`` is 94.50: a comma before one or two digits is never a thousands
    separator)."""
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int | float):
        if (isinstance(value, float) and not math.isfinite(value)) or abs(value) > 1e15:
            raise ValueError("not a number")
        return float(value)
    if not isinstance(value, str) or len(value) > MAX_NUMBER_CHARS:
        raise ValueError("not a number")
    text = to_arabic_digits(value).strip().replace("\u2212", "-").replace("–", "-")
    if _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    elif _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"not a number: {value!r}")
    return float(text)


def parse_year(value: object) -> int:
    """Read a Buddhist-era year; a Common-Era year is refused with the converted value as a hint."""
    if isinstance(value, bool):
        raise ValueError("not a year")
    if isinstance(value, str):
        text = to_arabic_digits(value).strip()
        text = re.sub(r"^(พ\.?ศ\.?|ปี(งบประมาณ)?)\s*", "", text)
        if not is_ascii_digits(text) or len(text) > 6:
            raise ValueError(f"not a year: {value!r}")
        value = int(text)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        raise ValueError(f"not a year: {value!r}")
    if 1900 <= value < 2200:
        raise ValueError(f"ce_year:{value}")
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise ValueError(f"year_range:{value}")
    return value


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_THAI_DATE = re.compile(r"(?:วันที่\s*)?(\d{1,2})\s*(?:เดือน\s*)?([ก-๙.]+?)\s*(?:พ\.?ศ\.?\s*)?(\d{2,4})")
_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2,4})")


def _full_year(year: int) -> int:
    """Two-digit years (``๖๖``) are Buddhist-era years of this century of the era."""
    if year < 100:
        return 2500 + year
    return year


def parse_date(value: object) -> dt.date:
    """Read a date: ``2568-10-01`` (พ.ศ. or ค.ศ.), ``1 ต.ค. 2568``, ``๒๘ ตุลาคม ๒๕๖๕``, ``17/4/69``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError("not a date")
    text = " ".join(to_arabic_digits(value).split())
    if m := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _SLASH_DATE.fullmatch(text):
        day, month, year = (int(g) for g in m.groups())
        year = _full_year(year)
    elif (m := _THAI_DATE.fullmatch(text)) and m.group(2).replace(".", "") in _MONTH_NUMBER:
        day, month, year = int(m.group(1)), _MONTH_NUMBER[m.group(2).replace(".", "")], _full_year(int(m.group(3)))
    else:
        raise ValueError(f"not a date: {value!r}")
    if year >= MIN_YEAR:
        year -= BE_OFFSET
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"not a date: {value!r}") from exc


def be_iso(day: dt.date | None) -> str:
    """A date as a clerk types it: ``2569-04-17`` (Buddhist era, ISO order); empty for no date."""
    return f"{day.year + BE_OFFSET:04d}-{day.month:02d}-{day.day:02d}" if day else ""


def fiscal_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of a Buddhist-era fiscal year."""
    ce = year - BE_OFFSET
    return dt.date(ce - 1, 10, 1), dt.date(ce, 9, 30)


def format_date(day: dt.date, style: DateStyle, digits: DigitStyle) -> str:
    """``๒๘ ตุลาคม ๒๕๖๕`` (long) or ``28 ต.ค. 2565`` (short), digits as configured."""
    months = MONTHS_LONG if style == "long" else MONTHS_SHORT
    return show_digits(f"{day.day} {months[day.month - 1]} {day.year + BE_OFFSET}", digits)


def format_number(value: float, digits: DigitStyle, decimals: int = 2) -> str:
    """A score as printed in ITA reports: two decimals, digits as configured."""
    return show_digits(f"{value:.{decimals}f}", digits)


def format_signed(value: float, digits: DigitStyle, decimals: int = 2) -> str:
    """A change between two scores, with an explicit sign (``+0.55``, ``-2.86``, ``0.00``)."""
    text = f"{value:+.{decimals}f}"
    if float(text) == 0:
        text = f"{0:.{decimals}f}"
    return show_digits(text, digits)

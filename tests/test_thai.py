"""Thai conventions (generator/thai.py): digits, Buddhist-era years, fiscal years, dates and number formats."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.thai import (
    fiscal_year_bounds,
    format_date,
    format_number,
    format_signed,
    parse_date,
    parse_number,
    parse_year,
    show_digits,
    to_arabic_digits,
    to_thai_digits,
)

# -- digits ------------------------------------------------------------------------------------------------


def test_digits_convert_both_ways_and_leave_other_text_alone() -> None:
    assert to_arabic_digits("ปี ๒๕๖๘ ข้อ o๑๕") == "ปี 2568 ข้อ o15"
    assert to_thai_digits("ปี 2568 ข้อ o15") == "ปี ๒๕๖๘ ข้อ o๑๕"
    assert to_thai_digits("0123456789") == "๐๑๒๓๔๕๖๗๘๙"


@pytest.mark.parametrize(("style", "expected"), [("thai", "๙๔.๕๐ คะแนน"), ("arabic", "94.50 คะแนน")])
def test_show_digits_writes_every_digit_in_the_configured_style(style: str, expected: str) -> None:
    assert show_digits("๙๔.50 คะแนน", style) == expected  # type: ignore[arg-type]


# -- numbers -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๙๔.๕๐", 94.5),
        ("94.50", 94.5),
        (" ๑๐๐ ", 100.0),
        ("1,234.5", 1234.5),
        ("๑,๒๓๔", 1234.0),
        ("−2.86", -2.86),  # U+2212 minus sign, as word processors print it
        ("–0.55", -0.55),  # en dash
        ("+0.55", 0.55),
        (".5", 0.5),
        (97, 97.0),
        (97.72, 97.72),
    ],
)
def test_parse_number_reads_thai_and_arabic_digits(text: object, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(("value", "message"), [
    ("abc", "not a number: 'abc'"),
    ("", "not a number: ''"),
    ("1e5", "not a number: '1e5'"),
    ("๙๔.๕๐ คะแนน", "not a number: '๙๔.๕๐ คะแนน'"),
    (True, "not a number"),
    (None, "not a number"),
    ([94.5], "not a number"),
])
def test_parse_number_refuses_what_is_not_a_number(value: object, message: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_number(value)
    assert str(exc.value) == message


# -- years -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [2568, "2568", "๒๕๖๘", "พ.ศ. 2568", "พ.ศ.๒๕๖๘", "พศ 2568", "ปีงบประมาณ 2568", "ปี ๒๕๖๘", 2568.0])
def test_parse_year_reads_buddhist_era_years(value: object) -> None:
    assert parse_year(value) == 2568


@pytest.mark.parametrize(("value", "message"), [
    (2025, "ce_year:2025"),
    ("2025", "ce_year:2025"),
    ("๒๐๒๕", "ce_year:2025"),
    ("ค.ศ. 2025", "not a year: 'ค.ศ. 2025'"),
    (1900, "ce_year:1900"),
    (2199, "ce_year:2199"),
])
def test_parse_year_refuses_common_era_years_with_the_year_as_hint(value: object, message: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_year(value)
    assert str(exc.value) == message


@pytest.mark.parametrize(("value", "ok"), [(2499, False), (2500, True), (2700, True), (2701, False), (1899, False), (2200, False)])
def test_parse_year_bounds(value: int, ok: bool) -> None:
    if ok:
        assert parse_year(value) == value
    else:
        with pytest.raises(ValueError, match=f"^year_range:{value}$"):
            parse_year(value)


@pytest.mark.parametrize(("value", "message"), [
    ("x", "not a year: 'x'"),
    (2568.5, "not a year: 2568.5"),
    (True, "not a year"),
    (None, "not a year: None"),
])
def test_parse_year_refuses_non_years(value: object, message: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_year(value)
    assert str(exc.value) == message


# -- dates -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2568-10-01", dt.date(2025, 10, 1)),  # ISO form with a Buddhist-era year
        ("2025-10-01", dt.date(2025, 10, 1)),  # ISO form with a Common-Era year
        ("๒๕๖๘-๑๐-๐๑", dt.date(2025, 10, 1)),
        ("1 ต.ค. 2568", dt.date(2025, 10, 1)),
        ("1 ต.ค.2568", dt.date(2025, 10, 1)),
        ("1 ตค 68", dt.date(2025, 10, 1)),
        ("1 ต.ค.๖๖", dt.date(2023, 10, 1)),  # two-digit Buddhist-era year
        ("๒๘ ตุลาคม ๒๕๖๕", dt.date(2022, 10, 28)),
        ("28  ตุลาคม   2565", dt.date(2022, 10, 28)),
        ("วันที่ 5 เดือนมกราคม พ.ศ. 2567", dt.date(2024, 1, 5)),
        ("30 กันยายน 2569", dt.date(2026, 9, 30)),
        ("17/4/69", dt.date(2026, 4, 17)),
        ("๑๗/๔/๒๕๖๙", dt.date(2026, 4, 17)),
        ("29 ก.พ. 2567", dt.date(2024, 2, 29)),  # 2567 = 2024, a leap year
    ],
)
def test_parse_date_reads_thai_and_iso_dates(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


def test_parse_date_keeps_date_objects() -> None:
    assert parse_date(dt.date(2025, 10, 1)) == dt.date(2025, 10, 1)
    assert parse_date(dt.datetime(2025, 10, 1, 9, 30)) == dt.date(2025, 10, 1)


@pytest.mark.parametrize(("value", "message"), [
    ("29 ก.พ. 2568", "not a date: '29 ก.พ. 2568'"),  # 2568 = 2025, not a leap year
    ("31 ก.พ. 2568", "not a date: '31 ก.พ. 2568'"),
    ("2568-13-01", "not a date: '2568-13-01'"),
    ("1 foo 2568", "not a date: '1 foo 2568'"),
    ("ตุลาคม 2568", "not a date: 'ตุลาคม 2568'"),
    (20251001, "not a date"),
])
def test_parse_date_refuses_impossible_or_unreadable_dates(value: object, message: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_date(value)
    assert str(exc.value) == message


# -- fiscal years ------------------------------------------------------------------------------------------


def test_fiscal_year_bounds_are_1_october_to_30_september() -> None:
    assert fiscal_year_bounds(2569) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    assert fiscal_year_bounds(2568)[1] + dt.timedelta(days=1) == fiscal_year_bounds(2569)[0]


# -- formatting --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "digits", "expected"),
    [
        ("long", "thai", "๒๘ ตุลาคม ๒๕๖๕"),
        ("long", "arabic", "28 ตุลาคม 2565"),
        ("short", "thai", "๒๘ ต.ค. ๒๕๖๕"),
        ("short", "arabic", "28 ต.ค. 2565"),
    ],
)
def test_format_date_in_both_styles_and_both_digit_styles(style: str, digits: str, expected: str) -> None:
    assert format_date(dt.date(2022, 10, 28), style, digits) == expected  # type: ignore[arg-type]


def test_a_date_read_from_thai_text_is_written_back_the_same_way() -> None:
    assert format_date(parse_date("1 ต.ค. 2568"), "short", "arabic") == "1 ต.ค. 2568"
    assert format_date(parse_date("๒๘ ตุลาคม ๒๕๖๕"), "long", "thai") == "๒๘ ตุลาคม ๒๕๖๕"


@pytest.mark.parametrize(
    ("value", "digits", "decimals", "expected"),
    [
        (94.5, "thai", 2, "๙๔.๕๐"),
        (94.5, "arabic", 2, "94.50"),
        (100, "thai", 2, "๑๐๐.๐๐"),
        (97.6949, "arabic", 2, "97.69"),
        (2568, "thai", 0, "๒๕๖๘"),
    ],
)
def test_format_number(value: float, digits: str, decimals: int, expected: str) -> None:
    assert format_number(value, digits, decimals) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (0.55, "thai", "+๐.๕๕"),
        (0.55, "arabic", "+0.55"),
        (-2.86, "arabic", "-2.86"),
        (-2.86, "thai", "-๒.๘๖"),
        (0, "arabic", "0.00"),
        (-0.001, "arabic", "0.00"),  # rounds to zero: no sign, never "-0.00"
        (0.004, "thai", "๐.๐๐"),
    ],
)
def test_format_signed_shows_the_sign_of_a_change(value: float, digits: str, expected: str) -> None:
    assert format_signed(value, digits) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "expected"), [("94,50", 94.5), ("๙๔,๕", 94.5), ("1,234", 1234.0), ("1,234.5", 1234.5)])
def test_a_comma_before_one_or_two_digits_is_a_decimal_comma(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("value", ["nan", ".nan", "inf", "1e5000", "9" * 50, float("nan"), float("inf"), 10**400, "12,34,5"])
def test_parse_number_refuses_what_is_not_a_finite_number(value: object) -> None:
    with pytest.raises(ValueError):
        parse_number(value)


@pytest.mark.parametrize("value", ["²⁵⁶⁸", "٢٥٦٨", "2568" * 3])
def test_parse_year_refuses_digits_int_cannot_read(value: str) -> None:
    with pytest.raises(ValueError, match="not a year"):
        parse_year(value)

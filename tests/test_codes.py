"""Question and item codes (generator/codes.py): normalisation, ranges and order."""

from __future__ import annotations

import pytest

from generator.model.codes import CodeRange, code_sort_key, parse_code, parse_code_range


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i1", "i1"),
        ("I1", "i1"),
        ("O15", "o15"),
        ("ข้อ i๑", "i1"),
        ("ข้อ I1", "i1"),
        ("ข้อi1", "i1"),
        ("o01", "o1"),
        ("o๐๑๐", "o10"),
        ("e 4", "e4"),
        ("  e4  ", "e4"),
    ],
)
def test_parse_code_normalises_how_reports_print_codes(text: str, expected: str) -> None:
    assert parse_code(text) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("x1", "code:x1"),
        ("i", "code:i"),
        ("i1.5", "code:i1.5"),
        ("o1-o5", "code:o1-o5"),  # a range where one code is expected
        (1, "code:1"),  # a bare number: which tool?
        (True, "code_type"),
        (None, "code_type"),
        (["i1"], "code_type"),
    ],
)
def test_parse_code_refuses_what_is_not_one_code(value: object, message: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_code(value)
    assert str(exc.value) == message


@pytest.mark.parametrize(
    ("text", "expected", "shown"),
    [
        ("o3", CodeRange("o", 3, 3), "o3"),
        ("o1-o5", CodeRange("o", 1, 5), "o1–o5"),
        ("o7 – o14", CodeRange("o", 7, 14), "o7–o14"),  # en dash with spaces, as printed
        ("o7—o14", CodeRange("o", 7, 14), "o7–o14"),  # em dash
        ("o1-5", CodeRange("o", 1, 5), "o1–o5"),  # prefix written once
        ("ข้อ o1-o5", CodeRange("o", 1, 5), "o1–o5"),
        ("O1-O5", CodeRange("o", 1, 5), "o1–o5"),
        ("o01-o05", CodeRange("o", 1, 5), "o1–o5"),
        ("o๒๑–o๒๘", CodeRange("o", 21, 28), "o21–o28"),
        ("i10", CodeRange("i", 10, 10), "i10"),
    ],
)
def test_parse_code_range_reads_codes_and_ranges(text: str, expected: CodeRange, shown: str) -> None:
    span = parse_code_range(text)
    assert span == expected
    assert str(span) == shown


def test_a_range_lists_every_code_it_covers() -> None:
    assert parse_code_range("o7 – o14").codes() == ["o7", "o8", "o9", "o10", "o11", "o12", "o13", "o14"]
    assert parse_code_range("e4").codes() == ["e4"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("o5-o1", "code_range:o5-o1"),  # backwards
        ("o1-o1", "code_range:o1-o1"),  # not a range
        ("o1-e5", "code_range:o1-e5"),  # two tools
        ("o1-", "code:o1-"),
        ("o1-o5-o9", "code:o1-o5-o9"),
        ("x1-x5", "code:x1-x5"),
        (False, "code_type"),
    ],
)
def test_parse_code_range_refuses_bad_ranges(value: object, message: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_code_range(value)
    assert str(exc.value) == message


def test_codes_sort_as_the_forms_order_them() -> None:
    codes = ["o10", "e1", "i10", "o2", "i2", "e9"]
    assert sorted(codes, key=code_sort_key) == ["i2", "i10", "e1", "e9", "o2", "o10"]

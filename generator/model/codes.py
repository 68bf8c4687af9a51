"""Question and item codes of the ITA forms: ``i1`` (IIT), ``e1`` (EIT), ``o1`` (OIT), and ranges ``o1-o5``."""

from __future__ import annotations

import re
from typing import NamedTuple

from generator.thai import to_arabic_digits

TOOL_OF_PREFIX = {"i": "IIT", "e": "EIT", "o": "OIT"}
MAX_RANGE = 200
"""No tool has this many questions or items in a year: a longer range is a typo (``o1-o999999999``)."""

_CODE = re.compile(r"(?:ข้อ\s*)?([ieo])\s*0*(\d+)")
_RANGE = re.compile(r"(?:ข้อ\s*)?([ieo])\s*0*(\d+)\s*[-–—]\s*(?:([ieo])\s*)?0*(\d+)")


class CodeRange(NamedTuple):
    """A single code (``first == last``) or a printed range such as ``o1–o5``."""

    prefix: str
    first: int
    last: int

    def codes(self) -> list[str]:
        return [f"{self.prefix}{n}" for n in range(self.first, self.last + 1)]

    def __str__(self) -> str:
        if self.first == self.last:
            return f"{self.prefix}{self.first}"
        return f"{self.prefix}{self.first}–{self.prefix}{self.last}"


def _clean(value: object) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ValueError("code_type")
    return to_arabic_digits(str(value)).strip().lower()


def parse_code(value: object) -> str:
    """Normalise ``I1``, ``i๑``, ``ข้อ i1``, ``o01`` to ``i1`` / ``o1``."""
    text = _clean(value)
    if m := _CODE.fullmatch(text):
        return f"{m.group(1)}{int(m.group(2))}"
    raise ValueError(f"code:{value}")


def parse_code_range(value: object) -> CodeRange:
    """Read a code or a range of codes of one tool (``o1-o5``, ``o7 – o14``)."""
    text = _clean(value)
    if m := _CODE.fullmatch(text):
        n = int(m.group(2))
        return CodeRange(m.group(1), n, n)
    if m := _RANGE.fullmatch(text):
        prefix, first, other, last = m.group(1), int(m.group(2)), m.group(3), int(m.group(4))
        if other not in (None, prefix) or last <= first:
            raise ValueError(f"code_range:{value}")
        if last - first >= MAX_RANGE:
            raise ValueError(f"code_range_long:{value}")
        return CodeRange(prefix, first, last)
    raise ValueError(f"code:{value}")


def code_sort_key(code: str) -> tuple[int, int]:
    """Order codes as the forms do: all i, then e, then o, each by number."""
    return ("ieo".index(code[0]), int(code[1:]))

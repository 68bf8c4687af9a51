"""Personal data that must not be published: Thai national ID numbers and personal mobile numbers, in any text of
any content file. Warnings: the clerk decides (an office mobile may be meant to be public)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from generator.check.checker import Checker
from generator.errors import Finding
from generator.memo import Memo, remembered
from generator.messages import Lang
from generator.model.site import Site
from generator.model.source import KeyPath, SourceFile
from generator.thai import to_arabic_digits

_ID_CANDIDATE = re.compile(r"(?<![\d])\d(?:[- ]?\d){12}(?![\d])")
_MOBILE_CANDIDATE = re.compile(r"(?<![\d])0[689](?:[- ]?\d){8}(?![\d])")


def is_national_id(digits: str) -> bool:
    """A Thai national ID number: 13 digits whose last is the checksum of the first 12."""
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def find_personal_data(text: str) -> list[tuple[str, str]]:
    """(kind, match) for each national ID number ('id') or personal mobile number ('mobile') in ``text``."""
    arabic = to_arabic_digits(text)
    found: list[tuple[str, str]] = []
    for m in _ID_CANDIDATE.finditer(arabic):
        if is_national_id(re.sub(r"\D", "", m.group())):
            found.append(("id", text[m.start() : m.end()]))
    for m in _MOBILE_CANDIDATE.finditer(arabic):
        found.append(("mobile", text[m.start() : m.end()]))
    return found


def _strings(data: object, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


_PRIVACY_MESSAGES = {
    "id": (
        "ข้อความ '{match}' ดูเหมือนเลขประจำตัวประชาชน ห้ามเผยแพร่ข้อมูลส่วนบุคคล ให้ลบออกหรือปิดบางหลัก (เช่น 1-2345-xxxxx-xx-x)",
        "'{match}' looks like a Thai national ID number; do not publish personal data: remove it or mask digits",
    ),
    "mobile": (
        "ข้อความ '{match}' ดูเหมือนเบอร์โทรศัพท์มือถือส่วนตัว ให้ใช้เบอร์สำนักงานแทน หรือลบออกถ้าไม่ได้รับอนุญาตให้เผยแพร่",
        "'{match}' looks like a personal mobile number; use the office number instead, or remove it unless publishing it was agreed",
    ),
}


def check_privacy(site: Site, lang: Lang = "th", memo: Memo | None = None) -> list[Finding]:
    """Text that looks like a Thai national ID number or a personal mobile number, in any content file. With
    ``memo``, a file that did not change is not read through again."""
    findings: list[Finding] = []
    for key in sorted(site.sources):
        if key.startswith("frameworks/"):
            continue
        source = site.sources[key]
        findings += remembered(memo, ("privacy", key), (source, lang), partial(_check_file, site, source, lang))
    return findings


def _check_file(site: Site, source: SourceFile, lang: Lang) -> list[Finding]:
    checker = Checker(site, lang)
    for path, text in _strings(source.data, ()):
        for kind, match in find_personal_data(text):
            th, en = _PRIVACY_MESSAGES[kind]
            checker.warn(source, path, th.format(match=match), en.format(match=match))
    return checker.findings

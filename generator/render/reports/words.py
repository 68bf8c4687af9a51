"""Thai words that a line must never split. Pango's Thai line breaking (libthai's dictionary) breaks only between
words, but it takes a compound as two words: หน่วย|งาน, ดำเนิน|การ, ความ|โปร่งใส. These common words of the reports
are kept whole inside a no-break span, with a zero-width space on each side: WeasyPrint finds no break opportunity
at a span's edge by itself, and a long line then overflowed its table cell. (A WORD JOINER inside the word does not
help: Pango's Thai breaking treats it as the end of a run and breaks there.)"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

KEPT_WORDS = (
    "ส่งเสริม", "ประเมิน", "คุณธรรม", "ความโปร่งใส", "โปร่งใส", "ดำเนินการ", "ดำเนินงาน", "หน่วยงาน",
    "ประสิทธิภาพ", "มาตรการ", "ผู้รับผิดชอบ", "งบประมาณ", "ปีงบประมาณ", "ประชาสัมพันธ์", "เจ้าหน้าที่",
    "ผู้บริหาร", "ตัวชี้วัด", "เผยแพร่", "การทุจริต", "ป้องกัน", "ปรับปรุง", "ประชาชน", "เทศบาล", "องค์การ",
    "บริหาร", "ข้อมูล", "ผลการประเมิน", "เว็บไซต์", "แนวทาง", "พัฒนา", "รายงาน", "ภาครัฐ", "จัดซื้อจัดจ้าง",
)
"""Also the list the tests look for split across a line end in the PDFs' text."""

_KEPT = re.compile("|".join(re.escape(w) for w in sorted(KEPT_WORDS, key=len, reverse=True)))


ZERO_WIDTH_SPACE = "\u200b"


def keep_words(text: str) -> Markup:
    """``text`` escaped for HTML, each kept word in ``<span class="w">`` (``white-space: nowrap``)."""
    out: list[str] = []
    last = 0
    for match in _KEPT.finditer(text):
        out.append(str(escape(text[last:match.start()])))
        out.append(f'{ZERO_WIDTH_SPACE}<span class="w">{escape(match.group())}</span>{ZERO_WIDTH_SPACE}')
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))

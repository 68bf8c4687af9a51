"""HTML → PDF with WeasyPrint: Pango lays the Thai text out with libthai's word breaks, the Sarabun font is embedded
(subset), and the dates come from the HTML, so the same HTML gives the same bytes."""

from __future__ import annotations

import functools
import io
import logging
import re
from typing import Any

from generator.errors import UserError
from generator.messages import both

# Sarabun names its Thai glyphs by what they draw: uni0E4D (NIKHAHIT), uni0E4D0E48 (NIKHAHIT with MAI EK above).
_THAI_GLYPH = re.compile(r"^uni((?:0E[0-9A-F]{2})+)(?:\.\w+)?$")
_installed = False


@functools.cache
def glyph_texts(font_data: bytes) -> dict[int, str]:
    """The text each Thai glyph of a font stands for, by glyph id, from the glyph names."""
    from fontTools.ttLib import TTFont

    texts = {}
    for gid, name in enumerate(TTFont(io.BytesIO(font_data)).getGlyphOrder()):
        match = _THAI_GLYPH.match(name)
        if match:
            codes = match.group(1)
            text = "".join(chr(int(codes[i:i + 4], 16)) for i in range(0, len(codes), 4))
            # NIKHAHIT with a tone mark above: NFKC's order is the tone mark first (ม่ำ = ม่ + ํ + า)
            texts[gid] = text[1:] + text[0] if len(text) > 1 and text[0] == "\u0e4d" else text
    return texts


def _install_thai_text_layer() -> None:
    """WeasyPrint gives a glyph the text of its place in the first cluster it is drawn in; HarfBuzz draws ำ as
    NIKHAHIT + SARA AA (and ่ำ with a NIKHAHIT–tone-mark glyph), whose first glyphs then carry no text, so a reader
    copying ดำเนินการ got ดาเนินการ and สม่ำเสมอ got สมาเสมอ. Each Thai glyph of Sarabun is given its own text from
    its name before anything is drawn (github.com/Kozea/WeasyPrint, weasyprint/draw/text.py, "Create mapping
    between glyphs and Unicode codepoints"): the text layer then reads ดำเนินการ and สม่ำเสมอ in their NFKC form
    (ดํา, ม่ํา), which PDF readers' search and pypdf compare equal after NFKC."""
    global _installed
    if _installed:
        return
    from weasyprint.pdf import stream
    from weasyprint.pdf.fonts import Font

    class ThaiTextFont(Font):  # type: ignore[misc]
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            if self.family.startswith("Sarabun-thai"):
                self.to_unicode.update(glyph_texts(self.file_content))

    stream.Font = ThaiTextFont
    _installed = True


PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libthai0"


def _weasyprint_html() -> Any:
    """WeasyPrint's ``HTML`` (about 0.4 s to import: only a build that lays out a report pays for it), or a
    :class:`UserError` naming the Debian packages when the machine lacks the Pango it loads."""
    try:
        from weasyprint import HTML
    except OSError:
        raise UserError(both(
            f"สร้างรายงาน PDF ไม่ได้ เพราะเครื่องนี้ไม่มีไลบรารี Pango ให้ติดตั้งด้วย sudo apt-get install -y {PANGO_PACKAGES} "
            "(หรือรัน make site ซึ่งติดตั้งให้) แล้วสร้างใหม่",
            f"cannot lay out the PDF reports: this machine lacks Pango; install it with sudo apt-get install -y {PANGO_PACKAGES}",
        )) from None
    return HTML


def render_pdf(html: str) -> bytes:
    """The PDF of a report's HTML (:func:`render_report_html`)."""
    HTML = _weasyprint_html()
    _install_thai_text_layer()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # it warns about CSS it ignores, never about our data
    pdf = HTML(string=html, base_url=None).write_pdf(pdf_identifier=b"itasite-report", uncompressed_pdf=False)
    assert pdf is not None
    return bytes(pdf)

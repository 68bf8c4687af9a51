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
SARA_AM, NIKHAHIT, SARA_AA = "\u0e33", "\u0e4d", "\u0e32"
_installed = False


@functools.cache
def glyph_texts(font_data: bytes) -> dict[int, str]:
    """The text each Thai glyph of a font stands for, by glyph id, from the glyph names (in drawing order)."""
    from fontTools.ttLib import TTFont

    texts = {}
    for gid, name in enumerate(TTFont(io.BytesIO(font_data)).getGlyphOrder()):
        match = _THAI_GLYPH.match(name)
        if match:
            codes = match.group(1)
            texts[gid] = "".join(chr(int(codes[i:i + 4], 16)) for i in range(0, len(codes), 4))
    return texts


def sara_am_texts(texts: list[str], cluster: str) -> list[str] | None:
    """The text each glyph of a cluster must read back as when the cluster holds ำ: HarfBuzz's Thai shaper always
    draws ำ as NIKHAHIT + SARA AA and moves the NIKHAHIT before a tone mark (ด่ำ is drawn ด ํ ่ า, or ด ํ่ า with
    Sarabun's NIKHAHIT–tone ligature), so the NIKHAHIT glyph reads as what it draws besides the NIKHAHIT (nothing,
    or the tone mark) and the SARA AA glyph after it as ำ. None when the glyphs cannot be read so."""
    result = list(texts)
    i = 0
    while i < len(result):
        if result[i].startswith(NIKHAHIT):
            aa = next((k for k in range(i + 1, len(result)) if result[k] == SARA_AA), None)
            if aa is not None:
                result[i], result[aa] = result[i][1:], SARA_AM
                i = aa
        i += 1
    return result if "".join(result) == cluster else None


def _install_thai_text_layer() -> None:
    """Make the PDF text layer read back every Thai character as typed, ำ included, as one code point (NFC).

    Why the codes and not something else (measured on the default site's reports, WeasyPrint 70, pypdf 7.1):
    HarfBuzz's Thai shaper decomposes every ำ into NIKHAHIT + SARA AA before the font is consulted, so no glyph
    map in the font can tell a typed ำ from a typed ํ + า, and WeasyPrint writes one ToUnicode entry per glyph: the
    SARA AA glyph of กำ is the glyph of กา, so any per-glyph map reads one of them wrongly (123 decomposed pairs in
    the measures PDF, 0 of U+0E33; before Sarabun's glyph names were used, ดำเนินการ even read ดาเนินการ). An
    ActualText span would need marked content around every word and pypdf's text extraction ignores ActualText
    (only its form-field writer emits it), so the check an assessor's tools make would still fail. A PDF's
    ToUnicode map is keyed by character code, not by glyph: each NIKHAHIT and SARA AA glyph drawn for an ำ is shown
    with a code of its own above the font's glyphs (which WeasyPrint's Encoding CMap sends to the same glyph),
    whose ToUnicode text is ำ for the SARA AA and nothing (or the tone mark Sarabun draws with it) for the
    NIKHAHIT. The glyphs, their places and the page stay exactly as before; only the codes and the maps change.

    Every other Thai glyph of Sarabun reads as its name says (uni0E48 is ่), not as the text of the first cluster
    WeasyPrint happened to draw it in (github.com/Kozea/WeasyPrint, weasyprint/draw/text.py, "Create mapping
    between glyphs and Unicode codepoints")."""
    global _installed
    if _installed:
        return
    from weasyprint.draw import text as draw_text
    from weasyprint.pdf import fonts as pdf_fonts
    from weasyprint.pdf import stream
    from weasyprint.text.ffi import FROM_UNITS, ffi, pango
    from weasyprint.text.line_break import Layout

    class ThaiTextFont(pdf_fonts.Font):  # type: ignore[misc]
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            self.thai = self.family.startswith("Sarabun-thai")
            self.names = glyph_texts(self.file_content) if self.thai else {}
            self.to_unicode.update(self.names)
            self.aliases: dict[int, int] = {}  # code → glyph drawn
            self.alias_codes: dict[tuple[int, str], int] = {}

        def get_unused_glyph_id(self, codepoint: int) -> int:
            if codepoint not in self.missing:
                self.missing[codepoint] = min(self.glyph_count + len(self.missing) + len(self.aliases), 2 ** 16 - 1)
            return int(self.missing[codepoint])

        def alias(self, glyph: int, text: str, width: int) -> int:
            """A code drawing ``glyph`` that reads back as ``text``."""
            if (glyph, text) not in self.alias_codes:
                code = self.glyph_count + len(self.missing) + len(self.aliases)
                self.alias_codes[glyph, text], self.aliases[code] = code, glyph
                self.to_unicode[code], self.widths[code] = text, width
            return self.alias_codes[glyph, text]

    def glyph_width(font: Any, pango_font: Any, glyph: int, font_size: float, target: Any) -> int:
        if glyph not in font.widths:  # as WeasyPrint's draw_first_line measures it
            pango.pango_font_get_glyph_extents(pango_font, glyph, target.ink_rect, target.logical_rect)
            font.widths[glyph] = round(target.logical_rect.width * 1000 * FROM_UNITS / font_size)
        return int(font.widths[glyph])

    def alias_sara_am(target: Any, textbox: Any, line: Any) -> None:
        """Show the glyphs of each ำ in ``line`` with codes that read back as ำ (see above)."""
        utf8 = textbox.pango_layout.text.encode()
        run = line.runs
        while run != ffi.NULL:
            glyph_item, run = run.data, run.next
            item = glyph_item.item
            if item.analysis.level % 2 or SARA_AM.encode() not in utf8[item.offset:item.offset + item.length]:
                continue
            font, font_size = target.add_font(item.analysis.font)
            if not getattr(font, "thai", False):
                continue
            if pango.pango_version() < 14802 or font.png:
                font_size = textbox.style["font_size"]
            glyphs, count, clusters = glyph_item.glyphs.glyphs, glyph_item.glyphs.num_glyphs, glyph_item.glyphs.log_clusters
            first = 0
            for last in range(1, count + 1):
                if last < count and clusters[last] == clusters[first]:
                    continue
                end = item.length if last == count else clusters[last]
                cluster = utf8[item.offset + clusters[first]:item.offset + end].decode()
                ids = [font.aliases.get(glyphs[i].glyph, glyphs[i].glyph) for i in range(first, last)]
                texts = [font.names.get(glyph, "") for glyph in ids]
                wanted = sara_am_texts(texts, cluster) if SARA_AM in cluster else None
                if wanted is not None:
                    for i, glyph, text, own in zip(range(first, last), ids, wanted, texts, strict=True):
                        if text != own:
                            width = glyph_width(font, item.analysis.font, glyph, font_size, target)
                            glyphs[i].glyph = font.alias(glyph, text, width)
                first = last

    drawing: list[tuple[Any, Any]] = []
    get_first_line = Layout.get_first_line

    def get_drawn_first_line(self: Any) -> Any:
        line, index = get_first_line(self)
        if drawing and drawing[-1][1].pango_layout is self:
            alias_sara_am(*drawing[-1], line)
        return line, index

    draw_first_line = draw_text.draw_first_line

    def draw_first_line_as_typed(target: Any, textbox: Any, *args: Any) -> Any:
        drawing.append((target, textbox))
        try:
            return draw_first_line(target, textbox, *args)
        finally:
            drawing.pop()

    build_vector_font = pdf_fonts._build_vector_font_dictionary

    def build_vector_font_with_aliases(font_dictionary: Any, pdf: Any, font: Any, *args: Any) -> None:
        """As WeasyPrint's, and a font with aliases gets a CIDToGIDMap sending each alias code to the glyph it
        draws (and each missing glyph's code to .notdef, which WeasyPrint's own Encoding CMap did; pypdf reads
        an Encoding CMap's codes as one byte each, but Identity-H codes as two)."""
        build_vector_font(font_dictionary, pdf, font, *args)  # args: widths, compress, font file, PDF version
        if not getattr(font, "aliases", None) or font.type != "ttf":
            return
        import pydyf

        missing = set(font.missing.values())
        glyphs = [0 if code in missing else font.aliases.get(code, code) for code in range(max(font.to_unicode) + 1)]
        cid_to_gid = pydyf.Stream([b"".join(glyph.to_bytes(2, "big") for glyph in glyphs)], compress=args[1])
        pdf.add_object(cid_to_gid)
        descendant = pdf.objects[int(font_dictionary["DescendantFonts"][0].split()[0])]
        descendant["CIDToGIDMap"] = cid_to_gid.reference
        font_dictionary["Encoding"] = "/Identity-H"

    stream.Font = ThaiTextFont
    Layout.get_first_line = get_drawn_first_line
    draw_text.draw_first_line = draw_first_line_as_typed
    pdf_fonts._build_vector_font_dictionary = build_vector_font_with_aliases
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


def load_weasyprint() -> None:
    """Import WeasyPrint and install the Thai text layer (a process about to fork workers does it once)."""
    _weasyprint_html()
    _install_thai_text_layer()


def render_pdf(html: str) -> bytes:
    """The PDF of a report's HTML (:func:`render_report_html`)."""
    HTML = _weasyprint_html()
    _install_thai_text_layer()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # it warns about CSS it ignores, never about our data
    pdf = HTML(string=html, base_url=None).write_pdf(pdf_identifier=b"itasite-report", uncompressed_pdf=False)
    assert pdf is not None
    return bytes(pdf)

"""HTML → PDF with WeasyPrint: Pango lays the Thai text out with libthai's word breaks, the Sarabun font is embedded
(subset), and the dates come from the HTML, so the same HTML gives the same bytes."""

from __future__ import annotations

import logging

# WeasyPrint takes about 0.4 s to import: only a build that renders a report pays for it.


def render_pdf(html: str) -> bytes:
    """The PDF of a report's HTML (:func:`render_report_html`)."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # it warns about CSS it ignores, never about our data
    pdf = HTML(string=html, base_url=None).write_pdf(pdf_identifier=b"itasite-report", uncompressed_pdf=False)
    assert pdf is not None
    return bytes(pdf)

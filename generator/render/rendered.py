"""What rendering a site gives a builder (an organisation's site or a portal alike)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.errors import Finding
from generator.model.site import Site
from generator.render.reports.document import Report


@dataclass(frozen=True)
class RenderedSite:
    """A site ready for a builder: its pages as Markdown (by source), its other files (by output path), the
    navigation, each page's last-modified date and the site's own date."""

    site: Site
    warnings: list[Finding]
    pages: dict[str, str]
    files: dict[str, str]
    hand_written: list[str]
    nav: list[Any]
    page_dates: dict[str, dt.date]
    date: dt.date
    reports: list[Report]
    """The report documents (PDF and DOCX), composed but not yet laid out: :mod:`generator.publish.reports`."""

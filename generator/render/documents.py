"""Documents the site hosts (a PDF or DOCX under ``content/``): their type and size, shown after each link so a citizen
knows what a click downloads, e.g. ``PDF · 1.2 MB``."""

from __future__ import annotations

import posixpath

from generator.model.site import Site
from generator.thai import DigitStyle, show_digits
from generator.urls import resolve_link

PAGE_SUFFIXES = (".md", ".html", ".htm")
"""Hand-written pages are published as pages, not downloads: no type or size after their links."""


def format_size(size: int) -> str:
    """Decimal units as phones and browsers show them: ``512 B``, ``8.5 kB``, ``85 kB``, ``1.2 MB``."""
    if size < 1000:
        return f"{size} B"
    if size < 999_500:
        kilobytes = size / 1000
        return f"{kilobytes:.1f} kB" if kilobytes < 9.95 else f"{int(kilobytes + 0.5)} kB"
    return f"{size / 1_000_000:,.1f} MB"


def document_type(source: str) -> str:
    """The file's type as its extension in capitals (``files/แผน 2569.pdf`` → ``PDF``); empty without one."""
    return posixpath.splitext(source)[1].lstrip(".").upper()


def document_info(site: Site, url: str, sources: set[str], digits: DigitStyle) -> str:
    """``PDF · 1.2 MB`` for a link to a file of the content folder; ``""`` for a page or an address elsewhere."""
    target = resolve_link(url, sources, None)
    if target is None or target.source is None or target.source.lower().endswith(PAGE_SUFFIXES):
        return ""
    size = site.file_sizes.get(target.source)
    if size is None:
        return ""
    kind = document_type(target.source)
    shown = show_digits(format_size(size), digits)
    return f"{kind} · {shown}" if kind else shown

"""Static redirect pages for ``content/redirects.yml``: an old address keeps working after an OIT item or a measure
id changes. Pure: ``{output file: HTML}``; every address is escaped (they come from the content)."""

from __future__ import annotations

import html

from generator.model.site import Site
from generator.render.markdown import escape_url
from generator.urls import UrlScheme, page_candidates, redirect_file, relative_address, site_pages


def redirect_page(old: str, new: str, site_name: str, site_url: str | None = None) -> str:
    """A page that sends browsers (meta refresh), search engines (canonical) and people (a visible link) on to
    ``new``, the address of a page (relative to the site root)."""
    here = redirect_file(old)
    target = escape_url(relative_address(here, new))
    canonical = escape_url(site_url.rstrip("/") + "/" + new) if site_url else target
    shown = html.escape("/" + new)
    return (
        "<!doctype html>\n"
        '<html lang="th">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>ย้ายไปที่อยู่ใหม่ - {html.escape(site_name)}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={html.escape(target)}">\n'
        f'<link rel="canonical" href="{html.escape(canonical)}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n"
        "<body>\n"
        f'<p>หน้านี้ย้ายไปที่อยู่ใหม่แล้ว: <a href="{html.escape(target)}">{shown}</a></p>\n'
        "</body>\n"
        "</html>\n"
    )


def render_redirects(site: Site, urls: UrlScheme, site_name: str, site_url: str | None = None) -> dict[str, str]:
    """Every redirect page, keyed by its output path relative to the site folder. The new address a clerk wrote
    (``2568/oit/o27/``) is the page's address under the site's scheme (``2568/oit/o27.html`` without directory
    URLs)."""
    pages = set(site_pages(site))
    pages_out = {}
    for old, new in sorted(site.redirects.items()):
        page = next((p for p in page_candidates(new) if p in pages), None)
        address = urls.url(page) if page is not None else new
        pages_out[redirect_file(old)] = redirect_page(old, address, site_name, site_url)
    return pages_out

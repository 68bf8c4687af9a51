"""Static redirect pages for ``content/redirects.yml``: an old address keeps working after an OIT item or a measure
id changes. Pure: ``{output file: HTML}``; every address is escaped (they come from the content)."""

from __future__ import annotations

import html
import posixpath

from generator.content import Site
from generator.markdown import escape_url


def redirect_file(old: str) -> str:
    """Where the redirect page for an old address is written: ``2568/oit/o30/`` → ``2568/oit/o30/index.html``."""
    return old if old.endswith(".html") else f"{old}index.html"


def _relative_url(from_file: str, to_address: str) -> str:
    rel = posixpath.relpath(to_address or ".", posixpath.dirname(from_file) or ".")
    return "./" if rel == "." else rel + "/"


def redirect_page(old: str, new: str, site_name: str, site_url: str | None = None) -> str:
    """A page that sends browsers (meta refresh), search engines (canonical) and people (a visible link) on."""
    here = redirect_file(old)
    target = escape_url(_relative_url(here, new))
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


def render_redirects(site: Site, site_name: str, site_url: str | None = None) -> dict[str, str]:
    """Every redirect page, keyed by its output path relative to the site folder."""
    return {redirect_file(old): redirect_page(old, new, site_name, site_url) for old, new in sorted(site.redirects.items())}

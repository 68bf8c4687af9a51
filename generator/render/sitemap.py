"""``sitemap.xml`` and ``sitemap.xml.gz`` with each page's date from the data, written the same for every engine.

An engine would date every page with the build (MkDocs: ``SOURCE_DATE_EPOCH`` or today), so the site writes its own
sitemap and the theme's is switched off. A page's ``<lastmod>`` is the latest date its data mentions
(:func:`generator.render.feed.page_dates`), else the site's date. Pages are listed only when the site knows its
address (``site_url``): a sitemap needs full addresses (sitemaps.org/protocol.html).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
from urllib.parse import quote

from generator.render.xml_text import xml_text
from generator.urls import UrlScheme

SITEMAP_FILE = "sitemap.xml"
SITEMAP_GZ_FILE = "sitemap.xml.gz"
MAX_EPOCH = 2**32 - 1
"""gzip stores its time in 32 bits: a date typed centuries ahead must not crash the build."""
LATEST_DAY = dt.date(2106, 2, 6)
"""The last day MAX_EPOCH reaches: no sitemap date goes past it."""


def epoch(day: dt.date) -> int:
    """Seconds from 1970 to the start of ``day`` (UTC), within what gzip can store."""
    seconds = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
    return min(max(seconds, 0), MAX_EPOCH)


def render_sitemap(pages: list[str], page_dates: dict[str, dt.date], site_date: dt.date, urls: UrlScheme,
                   site_url: str | None) -> str:
    """The sitemap of every page (by source), sorted by address."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    if site_url:
        base = site_url.rstrip("/") + "/"
        for address, source in sorted((urls.url(source), source) for source in pages):
            day = min(page_dates.get(source, site_date), LATEST_DAY)
            lines.append(f"  <url><loc>{xml_text(base + quote(address))}</loc><lastmod>{day.isoformat()}</lastmod></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def compress_sitemap(sitemap: str, site_date: dt.date) -> bytes:
    """The sitemap gzipped with the site's date as its time, so the same content gives the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename=SITEMAP_FILE, mode="wb", fileobj=buffer, mtime=epoch(min(site_date, LATEST_DAY))) as packed:
        packed.write(sitemap.encode("utf-8"))
    return buffer.getvalue()

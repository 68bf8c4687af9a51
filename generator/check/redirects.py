"""``redirects.yml`` against the site's addresses: every old address leads to a page the site has, and none hides
a page or a file the site still publishes. Addresses come from :mod:`generator.urls`; nothing is rendered."""

from __future__ import annotations

from generator.errors import Finding
from generator.messages import Lang, say
from generator.model.site import REDIRECTS_FILE, Site
from generator.model.types import site_path
from generator.urls import MKDOCS_FILES, UrlScheme, page_candidates, redirect_file, site_files, site_pages


def check_redirects(site: Site, urls: UrlScheme, lang: Lang = "th") -> list[Finding]:
    """Findings of ``redirects.yml``: repeated old addresses, old addresses the site still uses (a page, a download,
    the feed, the sitemap, a file of the content folder) and new addresses that are not pages of the site."""
    if not site.redirects:
        return []
    source = site.sources[REDIRECTS_FILE]
    pages = set(site_pages(site))
    files = {*site_files(site), *MKDOCS_FILES, *site.files}
    published = {urls.output_file(p) for p in pages} | files
    findings = []
    written: dict[str, str] = {}
    for key in source.data:
        old = str(site_path(key))
        if old in written:
            message = say(lang, f"ที่อยู่เดิมนี้ซ้ำกับ '{written[old]}' (คือที่อยู่เดียวกัน)", f"this old address is the same as '{written[old]}'")
            findings.append(source.finding((key,), message, key=True))
            continue
        written[old] = key
        if redirect_file(old) in published or old.rstrip("/") in files:
            findings.append(source.finding((key,), say(
                lang,
                f"ที่อยู่เดิม '/{old}' เป็นหน้าที่ระบบสร้างอยู่แล้ว ลบบรรทัดนี้ หรือแก้เป็นที่อยู่เดิมที่ไม่มีแล้ว",
                f"old address '/{old}' is a page the generator makes; remove the line or give an address that is gone",
            ), key=True))
        new = site.redirects[old]
        if not any(p in pages for p in page_candidates(new)):
            findings.append(source.finding((key,), say(
                lang,
                f"ที่อยู่ใหม่ '/{new}' ไม่ใช่หน้าที่ระบบสร้าง ให้ใช้ที่อยู่ของหน้าที่มีอยู่ เช่น 2568/oit/o15/",
                f"new address '/{new}' is not a page of the site; use the address of an existing page, e.g. 2568/oit/o15/",
            )))
    return findings

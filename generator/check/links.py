"""Links typed in the content lead somewhere: every address inside the site names a page or file the site
publishes (or the agency's main website is known), so ``itasite check`` refuses what the build would publish
broken. The same resolution renders the links (:func:`generator.urls.resolve_link`)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from generator.check.checker import Checker
from generator.errors import Finding
from generator.memo import Memo, remembered
from generator.messages import Lang
from generator.model.site import ORGANISATION_FILE, Site
from generator.model.source import KeyPath, SourceFile
from generator.model.url_safety import is_external
from generator.urls import link_sources, resolve_link

LINK_LISTS = ("links", "evidence")
LINKS_TIMEOUT = 10.0  # seconds `itasite check --links` waits for one answer


def link_urls(data: object, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """(path, url) of every ``url`` of an entry of a ``links:`` or ``evidence:`` list."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from link_urls(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            if len(path) >= 1 and path[-1] in LINK_LISTS and isinstance(value, dict) and isinstance(value.get("url"), str):
                yield (*path, i, "url"), value["url"].strip()
            else:
                yield from link_urls(value, (*path, i))


def check_links(site: Site, lang: Lang = "th", memo: Memo | None = None) -> list[Finding]:
    """Every link of the content that leads nowhere. With ``memo``, a file is checked again only when it, the site's
    addresses or the main website changed."""
    checker = Checker(site, lang)
    sources = link_sources(site)
    website = site.organisation.contact.website
    if website is not None and not website.lower().startswith(("http://", "https://")):
        checker.error(site.sources[ORGANISATION_FILE], ("contact", "website"),
                      f"เว็บไซต์หลักต้องเป็นที่อยู่เต็ม เช่น https://www.example.go.th (ได้ '{website}')",
                      f"the main website must be a full address such as https://www.example.go.th (got '{website}')")
        website = None
    findings = checker.findings
    for key in sorted(site.sources):
        if key.startswith("frameworks/"):
            continue
        source = site.sources[key]
        inputs = (source, sources, website, lang)
        findings += remembered(memo, ("links", key), inputs, partial(_check_file, site, source, sources, website, lang))
    return findings


def _check_file(site: Site, source: SourceFile, sources: set[str], website: str | None, lang: Lang) -> list[Finding]:
    checker = Checker(site, lang)
    for path, url in link_urls(source.data):
        if is_external(url) or resolve_link(url, sources, website) is not None:
            continue
        checker.error(
            source, path,
            f"ไม่พบหน้าหรือไฟล์ '{url}' ในเว็บไซต์นี้ ให้วางไฟล์ไว้ในโฟลเดอร์ content แล้วใส่ที่อยู่นับจากโฟลเดอร์ content "
            "(เช่น files/report.pdf) หรือใส่ที่อยู่เต็มที่ขึ้นต้นด้วย https:// หรือใส่ website: ใน contact ของ organisation.yml "
            "ถ้าไฟล์อยู่บนเว็บไซต์หลักของหน่วยงาน",
            f"no page or file '{url}' in this site; put the file in the content folder and give its address from there "
            "(e.g. files/report.pdf), give a full https:// address, or set contact.website in organisation.yml when "
            "the file is on the agency's main website",
        )
    return checker.findings

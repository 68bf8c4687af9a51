"""Read every source of a portal into a :class:`SourceReading`: its record (current, or the last good copy), its
state and, when it could not be read, why, in Thai.

A ``path:`` source is loaded, checked and turned into its ``data/site.json`` in this process, as its own build
would publish it; a ``url:`` source is read from the portal's cache (:mod:`generator.portal.cache`, filled only by
``itasite portal fetch``): nothing here touches the network.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

from generator.check.rules import check_site
from generator.errors import Finding, Severity
from generator.load.content import load_content
from generator.messages import Lang, say
from generator.portal.config import PortalConfig, SourceEntry
from generator.portal.record import OrgRecord, RecordError, read_record
from generator.render.opendata import Addresses, site_json
from generator.urls import SITE_JSON, UrlScheme, link_sources

SITE_CONFIGS = ("site_config.yml", "mkdocs.yml")


class CachedSource(Protocol):
    """What the portal asks of the cache's answer for one address (``generator.portal.cache.read_cached``)."""

    @property
    def url(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def data(self) -> dict[str, Any] | None: ...
    @property
    def fetched_at(self) -> dt.datetime | None: ...
    @property
    def good_at(self) -> dt.datetime | None: ...


class CacheReader(Protocol):
    def __call__(self, portal_folder: Path, url: str) -> CachedSource: ...


@dataclass(frozen=True)
class SourceReading:
    """One source as the portal read it. ``record`` is the data shown: current when ``status`` is ``ok``, else the
    last good copy (or None when there never was one); ``reason`` says in Thai why it is not current."""

    entry: SourceEntry
    status: str
    reason: str
    record: OrgRecord | None
    site_url: str | None
    read_at: dt.datetime | None = None
    good_at: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def name(self) -> str:
        if self.record is not None:
            return self.record.name
        return self.entry.url or (self.entry.folder.name if self.entry.folder else "")


class SourceError(ValueError):
    """A ``path:`` source that is not an organisation folder: the portal's own mistake, an error of portal.yml."""

    def __init__(self, th: str, en: str) -> None:
        super().__init__(en)
        self.th, self.en = th, en


def read_sources(
    config: PortalConfig, root: Path, lang: Lang = "th", cache: CacheReader | None = None
) -> tuple[list[SourceReading], list[Finding]]:
    """Every source of the portal, in portal.yml's order, and an error located in portal.yml for each ``path:``
    that is not an organisation folder (the portal's own mistake, not a gap of that organisation's data)."""
    reader = cache or default_cache_reader()
    readings, errors = [], []
    for entry in config.entries:
        try:
            readings.append(_read(entry, root, lang, reader))
        except SourceError as exc:
            errors.append(config.source_file.finding(("sources", entry.index, "path"), say(lang, exc.th, exc.en)))
    return readings, errors


def default_cache_reader() -> CacheReader | None:
    """The cache's reader, when this installation has the fetching side (``generator.portal.cache``)."""
    try:
        module = importlib.import_module("generator.portal.cache")
    except ModuleNotFoundError:
        return None
    reader: CacheReader = module.read_cached
    return reader


def _read(entry: SourceEntry, root: Path, lang: Lang, cache: CacheReader | None) -> SourceReading:
    if entry.folder is not None:
        return read_folder(entry, lang)
    assert entry.url is not None
    if cache is None:
        return SourceReading(entry, "never-fetched", _never_fetched(entry.url), None, entry.url)
    return from_cache(entry, cache(root, entry.url))


def _never_fetched(url: str) -> str:
    return f"ยังไม่เคยอ่านข้อมูลจาก {url} (ผู้ดูแลพอร์ทัลยังไม่ได้สั่ง itasite portal fetch)"


def from_cache(entry: SourceEntry, cached: CachedSource) -> SourceReading:
    """A ``url:`` source from the cache's answer: the copy is read with the same reader as every source; a copy
    that the reader refuses is reported as the cache would have."""
    url = entry.url or cached.url
    # The copy's relative addresses resolve against where it was read from (after redirects), when the cache says.
    read_from = getattr(cached, "data_url", None)
    address = read_from if isinstance(read_from, str) and read_from.startswith(("https://", "http://")) else url + SITE_JSON
    status, reason = cached.status, cached.reason
    record = None
    if cached.data is not None:
        try:
            record = read_record(cached.data, address)
        except RecordError as exc:
            if status == "ok":
                status, reason = exc.status, exc.reason
    elif status == "ok":
        status, reason = "invalid", "ไม่มีสำเนาข้อมูลที่อ่านได้ในแคชของพอร์ทัล"
    if status == "never-fetched" and not reason:
        reason = _never_fetched(url)
    return SourceReading(entry, status, reason if status != "ok" else "", record, url, cached.fetched_at, cached.good_at)


def read_folder(entry: SourceEntry, lang: Lang = "th") -> SourceReading:
    """A ``path:`` source: its content loaded and checked as its own ``itasite check`` does (rules across files),
    then made into the ``data/site.json`` its build publishes, and read back."""
    folder = entry.folder
    assert folder is not None
    config = next((folder / name for name in SITE_CONFIGS if (folder / name).is_file()), None)
    if config is None:
        raise SourceError(f"ไม่พบ site_config.yml ในโฟลเดอร์ {folder} ตรวจ path: ว่าเป็นโฟลเดอร์ของหน่วยงาน (นับจากโฟลเดอร์ของพอร์ทัล)",
                          f"no site_config.yml in {folder}; path: must name an organisation's folder (from the portal's folder)")
    settings = site_settings(config)
    site_url = entry.url or _site_url(settings.get("site_url"))
    content_dir = folder / str(settings.get("docs_dir") or "docs")
    site, findings = load_content(content_dir, folder, lang)
    if site is not None:
        findings += check_site(site, lang)
    errors = [f for f in findings if f.severity is Severity.error]
    if site is None or errors:
        reason = (f"ข้อมูลของหน่วยงานมีข้อผิดพลาด {len(errors)} รายการ ยังสร้างเว็บไซต์ของหน่วยงานไม่ได้ "
                  f"(ตรวจด้วย itasite check ในโฟลเดอร์ {folder.name})")
        return SourceReading(entry, "invalid", reason, None, site_url)
    urls = UrlScheme(directory_urls=settings.get("use_directory_urls") is not False)
    at = Addresses(urls, site_url, SITE_JSON, frozenset(link_sources(site)), site.organisation.contact.website)
    document = site_json(site, at)
    record = read_record(document, site_url + SITE_JSON if site_url else None)
    return SourceReading(entry, "ok", "", record, site_url)


class _ConfigLoader(yaml.SafeLoader):
    """Reads a MkDocs configuration's plain keys; its tags (``!ENV``, ``!!python/name:``) are read as nothing."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_settings(config: Path) -> dict[str, Any]:
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SourceError(f"อ่าน {config} ไม่ได้: {exc}", f"cannot read {config}: {exc}") from None
    return data if isinstance(data, dict) else {}


def _site_url(value: Any) -> str | None:
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        return None
    return value if value.endswith("/") else value + "/"

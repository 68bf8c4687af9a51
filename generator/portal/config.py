"""``content/portal.yml``: the portal's name and its sources, loaded like every other content file (every finding
located at its line and column, in Thai or English)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field

from generator.errors import Finding, display_path
from generator.load.validate import validate_file
from generator.load.yaml import load_yaml
from generator.messages import Lang, say
from generator.model.source import SourceFile
from generator.model.types import Paragraphs, Strict, Text, Url

PORTAL_FILE = "portal.yml"

GROUP_LABELS = {"province": "จังหวัด", "district": "อำเภอ", "subdistrict": "ตำบล", "type": "ประเภทหน่วยงาน", "region": "ภาค"}
"""Thai names of the usual group keys; any other key is shown as the portal's clerk typed it."""


class PortalSource(Strict):
    """One organisation of the portal: its folder on this machine, or where its itasite site is published."""

    path: Text | None = Field(default=None, description="โฟลเดอร์ของหน่วยงาน (ที่มี site_config.yml) นับจากโฟลเดอร์ของพอร์ทัล")
    url: Url | None = Field(
        default=None,
        description="ที่อยู่เว็บไซต์ itasite ของหน่วยงาน เช่น https://example.go.th/ita/ (คู่กับ path: ที่อยู่ที่เผยแพร่ เพื่อลิงก์ไปยังหน้าของหน่วยงาน)",
    )
    groups: dict[str, Text] = Field(
        default_factory=dict, description="กลุ่มของหน่วยงาน เช่น province: นครราชสีมา, district: ปากช่อง, type: อบต. (คีย์ใดก็ได้)"
    )


class Portal(Strict):
    """A portal over many organisations' published data."""

    name: Text = Field(description="ชื่อพอร์ทัล เช่น ข้อมูล ITA/OIT ขององค์กรปกครองส่วนท้องถิ่น จังหวัดนครราชสีมา")
    description: Paragraphs = Field(default_factory=list, description="คำแนะนำพอร์ทัลบนหน้าแรก")
    owner: Text | None = Field(default=None, description="หน่วยงานที่ดูแลพอร์ทัล เช่น สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด")
    sources: list[PortalSource] = Field(min_length=1, description="หน่วยงานในพอร์ทัล: - path: โฟลเดอร์ หรือ - url: ที่อยู่เว็บไซต์")


@dataclass(frozen=True)
class SourceEntry:
    """A source as the portal reads it: its place in portal.yml, its folder (resolved) and/or its address."""

    index: int
    path: str | None
    folder: Path | None
    url: str | None
    groups: dict[str, str]
    line: int
    col: int

    @property
    def key(self) -> str:
        """A stable name of the source: its address, else its folder."""
        return self.url or (self.folder.as_posix() if self.folder else "")


@dataclass(frozen=True)
class PortalConfig:
    portal: Portal
    source_file: SourceFile
    entries: list[SourceEntry]


def is_portal(content_dir: Path) -> bool:
    """A content folder holding ``portal.yml`` (instead of an organisation's content) is a portal."""
    return (content_dir / PORTAL_FILE).is_file()


def load_portal(content_dir: Path, root: Path, lang: Lang = "th") -> tuple[PortalConfig | None, list[Finding]]:
    """portal.yml validated, with each source's folder resolved against the portal's folder (``root``, the one
    holding its site_config.yml); None with every finding when it is not right."""
    path = content_dir / PORTAL_FILE
    source, findings = load_yaml(path, display_path(path, root), lang)
    if source is None:
        return None, findings
    portal, findings = validate_file(source, Portal, lang)
    if portal is None:
        return None, findings
    entries: list[SourceEntry] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(portal.sources):
        line, col = source.position(("sources", index))
        url = _normalised_url(item.url) if item.url else None
        if item.path is None and url is None:
            findings.append(source.finding(("sources", index), say(
                lang, "ต้องมี path: (โฟลเดอร์ของหน่วยงาน) หรือ url: (ที่อยู่เว็บไซต์ของหน่วยงาน)",
                "needs path: (the organisation's folder) or url: (its site's address)")))
            continue
        if item.url and urlsplit(item.url).scheme not in ("http", "https"):
            findings.append(source.finding(("sources", index, "url"), say(
                lang, f"ที่อยู่เว็บไซต์ต้องขึ้นต้นด้วย https:// หรือ http:// (ได้ '{item.url}')",
                f"a site's address must start with https:// or http:// (got '{item.url}')")))
            continue
        folder = (root / item.path).resolve() if item.path else None
        entry = SourceEntry(index, item.path, folder, url, dict(item.groups), line, col)
        if entry.key in seen:
            findings.append(source.finding(("sources", index), say(
                lang, f"หน่วยงานนี้ซ้ำกับรายการที่ {seen[entry.key] + 1}", f"the same source as entry {seen[entry.key] + 1}")))
            continue
        seen[entry.key] = index
        entries.append(entry)
    if findings:
        return None, findings
    return PortalConfig(portal, source, entries), []


def _normalised_url(url: str) -> str:
    """A site's address ends with ``/``: its open data is at ``<url>data/site.json``."""
    return url if url.endswith("/") else url + "/"

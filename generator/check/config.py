"""Settings of ``site_config.yml`` a publishable site needs, reported like content findings."""

from __future__ import annotations

import re
from pathlib import Path

from generator.errors import Finding, Severity, display_path
from generator.messages import Lang, say

_SITE_URL_LINE = re.compile(r"^site_url\s*:", re.MULTILINE)


def check_site_url(config_file: Path, root: Path, site_url: str | None, lang: Lang = "th") -> list[Finding]:
    """A warning (an error under ``check --strict``) when the site does not know its own address: without it the
    sitemap lists no page, ``robots.txt`` cannot name it and the assessor's form holds partial addresses."""
    if site_url:
        return []
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    match = _SITE_URL_LINE.search(text)
    line = text.count("\n", 0, match.start()) + 1 if match else 1
    message = say(
        lang,
        "ยังไม่ได้ใส่ที่อยู่เว็บไซต์ ให้เพิ่มบรรทัด site_url: https://… (ที่อยู่จริงที่จะเผยแพร่ เช่น https://www.example.go.th/ita/) "
        "ใน site_config.yml ถ้าไม่มี แผนผังเว็บไซต์ (sitemap.xml) จะไม่มีหน้าใดเลย และแบบฟอร์ม OIT จะมีที่อยู่ไม่เต็ม",
        "the site's address is missing; add site_url: https://… (the address it is published at) to site_config.yml; "
        "without it sitemap.xml lists no page and the OIT form holds partial addresses",
    )
    return [Finding(display_path(config_file, root), line, 1, "site_url", message, Severity.warning)]

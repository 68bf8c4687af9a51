"""The trust boundary of files published as they are. Text in the YAML is always escaped; hand-written pages and
files in content/ are published as written, so what could run in a citizen's browser is refused here: scripts,
frames, embedded objects, event attributes and script links in ``.md`` pages and ``.svg`` images, and ``.html``,
``.js`` files altogether (a clerk who pastes from Word or a web page must not publish someone else's script).
Harmless HTML in a page (``<br>``, ``<b>``, a table) stays allowed."""

from __future__ import annotations

import re
from pathlib import Path

from generator.errors import Finding
from generator.messages import Lang, say
from generator.model.site import Site
from generator.model.url_safety import decoded_address

ACTIVE_FILES = (".html", ".htm", ".xhtml", ".js", ".mjs")
SCANNED_FILES = (".md", ".svg")
MAX_SCANNED_BYTES = 5_000_000
_ACTIVE = re.compile(
    r"<\s*(script|iframe|frame|object|embed|applet|base|meta|link|form)\b"
    r"|<[^>]*\son[a-z]+\s*="
    r"|(?:href|src|action|xlink:href)\s*=\s*[\"']?\s*(?:javascript|vbscript|data)\s*:"
    r"|\]\(\s*<?\s*(?:javascript|vbscript|data)\s*:",
    re.IGNORECASE,
)


def _finding(name: str, text: str, at: int, lang: Lang) -> Finding:
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    snippet = text[at : at + 40].split("\n", maxsplit=1)[0].strip()
    return Finding(name, line, col, "", say(
        lang,
        f"'{snippet}' อาจเป็นสคริปต์ที่ทำงานในเบราว์เซอร์ของผู้เข้าชม ระบบไม่เผยแพร่ ให้ลบออก "
        "(ถ้าคัดลอกมาจาก Word หรือเว็บไซต์อื่น ให้วางเป็นข้อความธรรมดา)",
        f"'{snippet}' could run as a script in a visitor's browser and is not published; remove it "
        "(paste from Word or another website as plain text)",
    ))


def check_published_files(site: Site, content_dir: Path, content_name: str, lang: Lang = "th") -> list[Finding]:
    """Findings for files of content/ that would publish something active."""
    findings = []
    for rel in site.files:
        name = f"{content_name}/{rel}"
        suffix = Path(rel).suffix.lower()
        if suffix in ACTIVE_FILES:
            findings.append(Finding(name, 1, 1, "", say(
                lang,
                f"ไฟล์ {suffix} ในโฟลเดอร์ content จะทำงานในเบราว์เซอร์ของผู้เข้าชม ระบบจึงไม่เผยแพร่ "
                "ให้เขียนหน้าเป็นไฟล์ .md แทน หรือใส่ที่อยู่เดิมใน redirects.yml",
                f"a {suffix} file in the content folder would run in visitors' browsers and is not published; "
                "write the page as a .md file, or list the old address in redirects.yml",
            )))
            continue
        if suffix not in SCANNED_FILES:
            continue
        path = content_dir / rel
        if path.stat().st_size > MAX_SCANNED_BYTES:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        if (at := _active_at(text)) is not None:
            findings.append(_finding(name, text, at, lang))
    return findings


_DESTINATION = re.compile(r"\]\(\s*<?([^)\s>]+)|(?:href|src|action|xlink:href)\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_SAFE_SCHEMES = ("http", "https", "mailto", "tel")


def _active_at(text: str) -> int | None:
    """Where the first active content starts: a tag or attribute, or a link whose address, once its entities are
    decoded as a browser decodes them, runs a script (``javascript&#58;``)."""
    first = _ACTIVE.search(text)
    found = [first.start()] if first else []
    for match in _DESTINATION.finditer(text):
        address = decoded_address(match.group(1) or match.group(2) or "")
        scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", address)
        if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
            found.append(match.start())
            break
    return min(found) if found else None

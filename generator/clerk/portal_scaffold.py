"""``itasite new-portal DIR [--from FOLDER]``: a new portal folder, ready to build: ``site_config.yml`` (the
organisation sites' theme and settings) and ``content/portal.yml`` listing, with ``--from``, every organisation
folder under FOLDER (each folder with a ``site_config.yml``, at any depth, as ``build-many`` finds them), grouped
by the province and district their own organisation.yml gives."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from generator.errors import UserError
from generator.messages import both
from generator.portal.config import PORTAL_FILE

THEME = Path(__file__).resolve().parent.parent.parent / "theme"

CONFIG = """# พอร์ทัล itasite: สร้างด้วย itasite build ตรวจด้วย itasite check --strict (ดู README หัวข้อ Portal)
site_name: {name}
site_url: https://example.go.th/portal/  # ที่อยู่จริงของพอร์ทัล (แก้ก่อนเผยแพร่)
docs_dir: content
site_dir: site
strict: true

theme:
  name: material
  custom_dir: {theme}
  language: th
  font: false
  features:
    - navigation.indexes
    - navigation.prune
    - navigation.top
    - search.highlight

extra_css:
  - assets/itasite.css

plugins:
  - search
  - itasite:
      digits: thai
      date_style: long

markdown_extensions:
  - tables
  - toc:
      permalink: true
"""

PORTAL = """# แหล่งข้อมูลของพอร์ทัล: - path: โฟลเดอร์ของหน่วยงาน (นับจากโฟลเดอร์นี้) หรือ - url: ที่อยู่เว็บไซต์ itasite ของหน่วยงาน
# url: ข้าง path: บอกที่อยู่ที่หน่วยงานเผยแพร่ (ถ้าไม่ใส่ ใช้ site_url ใน site_config.yml ของหน่วยงาน)
# groups: กลุ่มของหน่วยงาน (คีย์ใดก็ได้ เช่น province, district) ตาราง OIT รายหน่วยงานแยกตามคีย์สุดท้าย
# ข้อมูลจาก url: อ่านเมื่อสั่ง itasite portal fetch เท่านั้น (build และ check ไม่ใช้อินเทอร์เน็ต)
name: {name}
sources:
{sources}"""


def _organisation_folders(folder: Path, portal: Path) -> list[Path]:
    found = []
    for config in sorted(folder.rglob("site_config.yml")):
        parent = config.parent
        if parent == portal or any(part.startswith(".") for part in parent.relative_to(folder).parts):
            continue
        if (parent / "content" / PORTAL_FILE).exists() or not (parent / "content" / "organisation.yml").is_file():
            continue
        found.append(parent)
    return found


def _groups(organisation_yml: Path) -> dict[str, str]:
    try:
        data = yaml.safe_load(organisation_yml.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: str(data[key]).strip() for key in ("province", "district") if isinstance(data.get(key), str) and data[key].strip()}


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_portal(target: Path, organisations: Path | None = None, name: str = "ข้อมูล ITA/OIT ของหน่วยงาน") -> list[str]:
    """Write the portal folder; refuses to overwrite anything. Returns the lines to print."""
    if (target / "site_config.yml").exists() or (target / "content" / PORTAL_FILE).exists():
        raise UserError(both(f"มีเว็บไซต์อยู่แล้วที่ {target} ไม่ได้เขียนทับ", f"{target} already holds a site; nothing was written"))
    folders = _organisation_folders(organisations.resolve(), target.resolve()) if organisations else []
    if organisations and not folders:
        raise UserError(both(f"ไม่พบโฟลเดอร์ของหน่วยงาน (ที่มี site_config.yml และ content/organisation.yml) ใน {organisations}",
                             f"no organisation folder (site_config.yml and content/organisation.yml) under {organisations}"))
    lines = []
    for folder in folders:
        rel = Path(os.path.relpath(folder, target.resolve())).as_posix()
        groups = _groups(folder / "content" / "organisation.yml")
        lines.append(f"  - path: {_quoted(rel)}\n")
        if groups:
            lines.append("    groups: {" + ", ".join(f"{k}: {_quoted(v)}" for k, v in groups.items()) + "}\n")
    if not lines:
        lines = ["  - url: https://example.go.th/ita/  # แก้เป็นที่อยู่เว็บไซต์ itasite ของหน่วยงาน หรือใช้ path: แทน\n"]
    theme = Path(os.path.relpath(THEME, target.resolve())).as_posix()
    try:
        (target / "content").mkdir(parents=True, exist_ok=True)
        (target / "site_config.yml").write_text(CONFIG.format(name=_quoted(name), theme=theme), encoding="utf-8")
        (target / "content" / PORTAL_FILE).write_text(PORTAL.format(name=_quoted(name), sources="".join(lines)), encoding="utf-8")
    except OSError as exc:
        raise UserError(both(f"เขียนโฟลเดอร์ {target} ไม่ได้: {exc.strerror}", f"cannot write {target}")) from None
    return [
        both(f"สร้างพอร์ทัลแล้วที่ {target} ({len(folders)} หน่วยงาน)", f"portal written to {target} ({len(folders)} organisations)"),
        both(f"แก้ชื่อและ site_url แล้วสั่ง: cd {target} && itasite build", f"edit its name and site_url, then: cd {target} && itasite build"),
    ]

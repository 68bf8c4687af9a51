"""The editor's pages as HTML, from Jinja templates with autoescaping on (every value from the content is escaped).
Findings are shown at their field: a finding's key path (``indicators[1].score``) names the form field."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from generator.clerk.editor.fields import FieldSpec
from generator.clerk.editor.formdata import Entry, field_name
from generator.clerk.editor.menus import Menus, yaml_text
from generator.errors import Finding
from generator.messages import Lang, say
from generator.model.source import KeyPath

TEMPLATES = Path(__file__).resolve().parent / "templates"
_PART = re.compile(r"([^.\[\]]+)|\[([0-9]+)\]")


def template_env(lang: Lang) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.globals.update(lang=lang, t=lambda th, en: say(lang, th, en), fid=field_id, yaml_text=yaml_text,
                       label=lambda spec: field_label(spec, lang))
    return env


def field_label(spec: FieldSpec, lang: Lang) -> str:
    """The models' Thai description; in English, the YAML key with the description after it."""
    if lang == "th" or not spec.key or spec.label == spec.key:
        return spec.label
    return f"{spec.key} ({spec.label})"


def field_id(name: str) -> str:
    """The HTML id of a field (``measures.0.status`` → ``f-measures-0-status``)."""
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", name) if name else "f-record"


def finding_path(path: str) -> KeyPath:
    """``measures[3].results[1].status`` → ``("measures", 2, "results", 0, "status")`` (findings count from 1)."""
    return tuple(key if key else int(index) - 1 for key, index in _PART.findall(path))


def field_names(spec: FieldSpec, value: Any, name: str, lang: Lang = "th") -> dict[str, str]:
    """The name and label of every field and group a form shows."""
    names = {name: field_label(spec, lang)}
    if spec.kind == "object" and isinstance(value, dict):
        for child in spec.children:
            names |= field_names(child, value.get(child.key), f"{name}.{child.key}" if name else child.key, lang)
    elif spec.kind == "list" and isinstance(value, list) and spec.item is not None:
        for i, entry in enumerate(value):
            if isinstance(entry, Entry):
                names |= field_names(spec.item, entry.value, f"{name}.{i}", lang)
                names[f"{name}.{i}"] = f"{field_label(spec, lang)} {say(lang, 'ที่', 'no.')} {i + 1}"
    return names


def place_findings(
    findings: list[Finding], file_label: str, names: dict[str, str]
) -> tuple[dict[str, list[str]], list[tuple[str, str, str]]]:
    """Each finding at the closest field the form shows (``errors``), and every finding for the summary at the top
    as (the field's label, or the file and line elsewhere; field name or ""; message)."""
    errors: dict[str, list[str]] = {}
    summary = []
    for finding in findings:
        name = ""
        if finding.file == file_label:
            path = finding_path(finding.path)
            while path and field_name(path) not in names:
                path = path[:-1]
            name = field_name(path) if path else ""
        if name:
            errors.setdefault(name, []).append(finding.message)
            where = names[name] or finding.path
        else:
            where = f"{finding.file}:{finding.line}" + (f": {finding.path}" if finding.path else "")
        summary.append((where, name, finding.message))
    return errors, summary


def render_page(env: jinja2.Environment, template: str, **values: Any) -> str:
    return env.get_template(template).render(**values)


def record_page(
    env: jinja2.Environment, *, file: str, at: str, title: str, spec: FieldSpec, value: Any, fingerprint: str,
    menus: Menus, findings: list[Finding], file_label: str, paged: str = "", paged_titles: list[str] | None = None,
    saved: bool = False, unchanged: bool = False, conflict: str = "", preview: str = "", upload: bool = False,
    removable: bool = False, focus: str = "", upload_title: str | None = None,
) -> str:
    lang: Lang = "en" if env.globals["lang"] == "en" else "th"
    errors, summary = place_findings(findings, file_label, field_names(spec, value, at, lang))
    return render_page(
        env, "record.html.j2", file=file, at=at, title=title, spec=spec, value=value, fingerprint=fingerprint,
        menus=menus, errors=errors, summary=summary, paged=paged, paged_titles=paged_titles or [], saved=saved,
        unchanged=unchanged, conflict=conflict, preview=preview, upload=upload, removable=removable,
        action=f"/edit?file={quote(file)}&at={quote(at)}", focus=focus, upload_title=upload_title,
    )

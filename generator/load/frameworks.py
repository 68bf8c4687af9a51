"""The ITA framework of each fiscal year: shipped as data in ``generator/frameworks/``, overridable from content.

The NACC renumbers OIT items almost every year and our catalogue is incomplete, so a site may correct or extend a
year with ``content/frameworks/<year>.yml`` (model :class:`FrameworkOverride`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from generator.errors import Finding
from generator.load.validate import validate_file
from generator.load.yaml import load_yaml
from generator.messages import Lang, say
from generator.model.source import SourceFile
from generator.model.types import Framework, FrameworkOverride

T = TypeVar("T")

SHIPPED_DIR = Path(__file__).parent.parent / "frameworks"


def shipped_years() -> list[int]:
    return sorted(int(p.stem) for p in SHIPPED_DIR.glob("*.yml") if p.stem.isdigit())


def load_shipped_framework(year: int, lang: Lang = "th") -> Framework | None:
    """The framework shipped with the generator for ``year``; a broken shipped file is a bug, not a user error."""
    path = SHIPPED_DIR / f"{year}.yml"
    if not path.exists():
        return None
    source, findings = load_yaml(path, f"generator/frameworks/{year}.yml")
    framework, more = validate_file(source, Framework, lang) if source else (None, [])
    if findings or more or framework is None:
        raise RuntimeError("invalid shipped framework:\n" + "\n".join(f.format() for f in findings + more))
    return framework


def _merge_by_key(base: list[T], extra: list[T], key: str) -> list[T]:
    merged = {getattr(entry, key): entry for entry in base}
    for entry in extra:
        merged[getattr(entry, key)] = entry
    return list(merged.values())


def apply_override(base: Framework, year: int, override: FrameworkOverride) -> Framework:
    """Apply a content override to a base framework; lists merge by code/number, the rest replaces."""
    items = [i for i in _merge_by_key(base.items, override.items, "code") if i.code not in override.remove_items]
    return base.model_copy(
        update={
            "year": year,
            "source": [*base.source, *override.source],
            "confidence": override.confidence or base.confidence,
            "pass_mark": override.pass_mark if override.pass_mark is not None else base.pass_mark,
            "tools": override.tools if override.tools is not None else base.tools,
            "indicators": sorted(_merge_by_key(base.indicators, override.indicators, "number"), key=lambda i: i.number),
            "questions": _merge_by_key(base.questions, override.questions, "code"),
            "items": sorted(items, key=lambda i: int(i.code[1:])),
            "levels": override.levels if override.levels is not None else base.levels,
        }
    )


def resolve_framework(
    year: int, overrides: dict[int, tuple[SourceFile, FrameworkOverride]], lang: Lang = "th"
) -> tuple[Framework | None, list[Finding]]:
    """The framework in force for ``year``: shipped data, then the site's override (which may extend another year)."""
    if year not in overrides:
        return load_shipped_framework(year, lang), []
    source, override = overrides[year]
    base_year = override.extends or year
    if base_year == year:
        base = load_shipped_framework(year, lang)
    elif base_year in overrides and base_year != year:
        base, findings = resolve_framework(base_year, {k: v for k, v in overrides.items() if k != year}, lang)
        if findings:
            return None, findings
    else:
        base = load_shipped_framework(base_year, lang)
    if base is None:
        message = say(
            lang,
            f"ไม่มีกรอบการประเมินของปี {base_year} ให้ใส่ extends: ปีที่มีกรอบแล้ว (เช่น {shipped_years()[-1]})",
            f"no framework for {base_year}; set extends: to a year that has one (e.g. {shipped_years()[-1]})",
        )
        return None, [source.finding(("extends",) if override.extends else (), message)]
    return apply_override(base, year, override), []

"""The menus of a form, from the site itself: statuses, reporting rounds, responsible units, indicators and OIT
items (with their names) of the year's framework. A value already in the file that a menu does not know is kept
as a choice of its own, so opening and saving a form never drops it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.clerk.editor.fields import FieldSpec
from generator.clerk.editor.records import ORGANISATION, open_file, value_at, year_folder
from generator.clerk.yaml_edit import roundtrip_yaml
from generator.load.frameworks import load_shipped_framework, shipped_years
from generator.model.site import Site
from generator.model.types import DISCLOSURE_LABELS, STATUS_LABELS, Framework

Option = tuple[str, str]


@dataclass(frozen=True)
class Menus:
    """The choices of one year's forms."""

    units: list[Option] = field(default_factory=list)
    rounds: list[Option] = field(default_factory=list)
    indicators: list[Option] = field(default_factory=list)
    items: list[Option] = field(default_factory=list)

    def options(self, spec: FieldSpec, current: Any) -> list[Option]:
        found = self._known(spec)
        values = current if isinstance(current, list) else [current] if current else []
        return found + [(str(v), str(v)) for v in values if str(v) not in {o for o, _ in found}]

    def _known(self, spec: FieldSpec) -> list[Option]:
        if spec.key == "status":
            return [(str(s), label) for s, label in STATUS_LABELS.items()]
        if spec.key == "state":
            return [(str(s), label) for s, label in DISCLOSURE_LABELS.items()]
        if spec.key == "round":
            return self.rounds
        if spec.key in ("indicator", "indicators"):
            return self.indicators
        if spec.key == "item":
            return self.items
        if spec.key in ("owners", "parent"):
            return self.units
        return [(v, v) for v in spec.enum]


def _framework(site: Site | None, year: int) -> Framework | None:
    if site is not None and year in site.frameworks:
        return site.frameworks[year]
    return load_shipped_framework(year) or load_shipped_framework(shipped_years()[-1])


def year_menus(content_dir: Path, site: Site | None, year: int | None) -> Menus:
    """The menus of the forms of ``year`` (None: the organisation's form)."""
    org = open_file(content_dir, ORGANISATION).doc
    units = [(str(u.get("id")), f"{u.get('name')} ({u.get('id')})") for u in value_at(org, ("units",)) or [] if isinstance(u, dict)]
    if year is None:
        return Menus(units=units)
    plan = open_file(content_dir, f"{year_folder(content_dir, year)}/measures.yml").doc
    rounds = [(str(r.get("id")), str(r.get("label", r.get("id")))) for r in value_at(plan, ("rounds",)) or [] if isinstance(r, dict)]
    framework = _framework(site, year)
    indicators = [(str(i.number), f"{i.number}. {i.name}") for i in framework.indicators] if framework else []
    items = [(i.code, f"{i.code} {i.title or ''}".strip()) for i in framework.items] if framework else []
    return Menus(units, rounds or [("6m", "รอบ 6 เดือน"), ("12m", "รอบ 12 เดือน")], indicators, items)


def yaml_text(value: Any) -> str:
    """A value the forms leave to the YAML, shown as YAML."""
    import io

    buffer = io.StringIO()
    roundtrip_yaml().dump(value, buffer)
    return buffer.getvalue()

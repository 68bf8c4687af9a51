"""The whole validated content of one site, and the lookups every later stage asks of it."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.model.codes import code_sort_key
from generator.model.source import SourceFile
from generator.model.types import Disclosure, Framework, ItemDef, MeasurePlan, OitDisclosures, Organisation, Result

ORGANISATION_FILE = "organisation.yml"
REDIRECTS_FILE = "redirects.yml"
RESULT_FILE = "result.yml"
MEASURES_FILE = "measures.yml"
OIT_FILE = "oit.yml"


@dataclass(frozen=True)
class YearContent:
    """Everything the content says about one fiscal year."""

    year: int
    framework: Framework
    result: Result | None = None
    plan: MeasurePlan | None = None
    oit: OitDisclosures | None = None

    @property
    def based_on(self) -> int:
        """The assessment year the measures of this year answer (normally the year before)."""
        return self.plan.based_on if self.plan and self.plan.based_on else self.year - 1

    def disclosure(self, code: str) -> Disclosure | None:
        """Where the year's OIT item ``code`` is published, if the content says."""
        if self.oit is None:
            return None
        return next((d for d in self.oit.items if d.item == code), None)

    def indicator_score(self, number: int) -> float | None:
        if self.result is None:
            return None
        return next((i.score for i in self.result.indicators if i.indicator == number), None)


@dataclass(frozen=True)
class Site:
    """The whole validated content of one site."""

    organisation: Organisation
    years: dict[int, YearContent]
    frameworks: dict[int, Framework]
    sources: dict[str, SourceFile] = field(default_factory=dict)
    content_files: tuple[str, ...] = ()
    redirects: dict[str, str] = field(default_factory=dict)
    file_sizes: dict[str, int] = field(default_factory=dict)
    """Every file of the content folder published as it is (hand-written pages, documents, images), by path, with
    its size in bytes, read when the content is loaded (rendering does no I/O)."""

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(self.file_sizes)

    def source(self, year: int, filename: str) -> SourceFile:
        return self.sources[f"{year}/{filename}"]

    def unit_name(self, unit_id: str) -> str:
        """A unit's name, or its id when the organisation has no such unit."""
        return next((u.name for u in self.organisation.units if u.id == unit_id), unit_id)

    def unit_with_parents(self, unit_id: str) -> str:
        """A unit with the units it belongs to, as reports print owners: ``งานพัสดุ (กองคลัง)``."""
        units = {u.id: u for u in self.organisation.units}
        unit = units.get(unit_id)
        if unit is None:
            return unit_id
        parents: list[str] = []
        seen = {unit.id}
        while unit.parent in units and unit.parent not in seen:
            unit = units[unit.parent]
            seen.add(unit.id)
            parents.append(unit.name)
        name = units[unit_id].name
        return f"{name} ({', '.join(parents)})" if parents else name


def indicator_name(framework: Framework, number: int) -> str:
    return next((i.name for i in framework.indicators if i.number == number), f"ตัวชี้วัดที่ {number}")


def tool_of(framework: Framework, number: int) -> str:
    """The tool (IIT, EIT, OIT) an indicator belongs to in that year's framework; empty when none lists it."""
    return next((t.code.value for t in framework.tools if number in t.indicators), "")


def tool_indicators(framework: Framework, tool: str) -> list[int]:
    return next((t.indicators for t in framework.tools if t.code.value == tool), [])


def sorted_items(framework: Framework) -> list[ItemDef]:
    """The year's OIT items in the order of the form (o1, o2 … o10)."""
    return sorted(framework.items, key=lambda i: code_sort_key(i.code))


def round_label(plan: MeasurePlan, round_id: str) -> str:
    return next((r.label for r in plan.rounds if r.id == round_id), round_id)

"""Model → Markdown pages. Pure: no I/O beyond reading templates, no clock, stable order.

``render_site`` returns ``{path: markdown}`` with paths relative to the docs folder (``2568/indicators/1.md``).
The Markdown is engine-neutral (plain Markdown plus tables); MkDocs integration lives in :mod:`generator.plugin`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.check import computed_total, indicator_mean, known_codes, tool_score
from generator.codes import CodeRange, code_sort_key
from generator.content import Site, YearContent
from generator.markdown import escape_markdown, link, relative
from generator.model import Framework, ItemDef, Measure, MeasurePlan, QuestionScore, Status, Tool
from generator.thai import DateStyle, DigitStyle, format_date, format_number, format_signed, show_digits

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class RenderSettings:
    """How numbers and dates are shown (``plugins: - itasite: digits/date_style`` in site_config.yml)."""

    digits: DigitStyle = "thai"
    date_style: DateStyle = "long"


# -- page paths (the public URL scheme; assessors keep these links) -----------------------------------------


def year_page(year: int) -> str:
    return f"{year}/index.md"


def indicators_page(year: int) -> str:
    return f"{year}/indicators/index.md"


def indicator_page(year: int, number: int) -> str:
    return f"{year}/indicators/{number}.md"


def measures_page(year: int) -> str:
    return f"{year}/measures/index.md"


def measure_page(year: int, measure_id: str) -> str:
    return f"{year}/measures/{measure_id}.md"


def oit_page(year: int) -> str:
    return f"{year}/oit/index.md"


def oit_item_page(year: int, code: str) -> str:
    return f"{year}/oit/{code}.md"


# -- facts derived for the templates ------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureRef:
    """A measure with the year of its plan, for pages of other years that list it."""

    year: int
    measure: Measure


def status_counts(plan: MeasurePlan) -> list[tuple[Status, int]]:
    counts = Counter(m.status for m in plan.measures)
    return [(status, counts[status]) for status in Status]


def measures_answering(site: Site, year: int, indicator: int | None = None, code: str | None = None) -> list[MeasureRef]:
    """Measures (of any plan based on ``year``) that answer an indicator or a question/item of that year."""
    framework = site.frameworks.get(year)
    codes = known_codes(framework) if framework else {}
    found = []
    for content in site.years.values():
        if content.plan is None or content.based_on != year:
            continue
        for measure in content.plan.measures:
            measure_codes = [c for span in measure.questions for c in span.codes()]
            if indicator is not None and (
                indicator in measure.indicators or any(codes.get(c) == indicator for c in measure_codes)
            ):
                found.append(MeasureRef(content.year, measure))
            elif code is not None and code in measure_codes:
                found.append(MeasureRef(content.year, measure))
    return found


def question_rows_for(year: YearContent, code: str) -> list[tuple[int, QuestionScore]]:
    """Result rows (indicator number, row) whose code or printed range covers ``code``."""
    if year.result is None:
        return []
    return [
        (ind.indicator, q) for ind in year.result.indicators for q in ind.questions if code in q.code.codes()
    ]


def disclosure_for(year: YearContent, code: str):  # type: ignore[no-untyped-def]
    if year.oit is None:
        return None
    return next((d for d in year.oit.items if d.item == code), None)


def items_by_indicator(framework: Framework) -> list[tuple[int, list[ItemDef]]]:
    groups: dict[int, list[ItemDef]] = {}
    for item in sorted(framework.items, key=lambda i: code_sort_key(i.code)):
        groups.setdefault(item.indicator, []).append(item)
    return sorted(groups.items())


# -- Jinja environment ----------------------------------------------------------------------------------------


def _finalize(value: Any) -> Any:
    """Every ``{{ }}`` output that is not already Markup is untrusted text and gets escaped."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape_markdown(value)


def make_environment(settings: RenderSettings) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    digits = settings.digits

    def num(value: float | None, decimals: int = 2) -> Markup:
        return Markup("–" if value is None else format_number(value, digits, decimals))

    env.filters.update(
        num=num,
        signed=lambda v: Markup(format_signed(v, digits)),
        digits=lambda v: Markup(show_digits(str(v), digits)),
        date=lambda d: Markup(format_date(d, settings.date_style, digits)) if d else Markup("–"),
        link=lambda title, url: link(title, url),
        rel=lambda to_page, from_page: Markup(relative(from_page, to_page)),
        md=escape_markdown,
        percent=lambda w: Markup(show_digits(f"{round(w * 100)}%", digits)),
    )
    env.globals.update(
        year_page=year_page,
        indicators_page=indicators_page,
        indicator_page=indicator_page,
        measures_page=measures_page,
        measure_page=measure_page,
        oit_page=oit_page,
        oit_item_page=oit_item_page,
        Status=Status,
    )
    return env


# -- pages ------------------------------------------------------------------------------------------------


class _Renderer:
    def __init__(self, site: Site, settings: RenderSettings) -> None:
        self.site, self.settings = site, settings
        self.env = make_environment(settings)
        self.pages: dict[str, str] = {}

    def page(self, path: str, template: str, **context: Any) -> None:
        try:
            text = self.env.get_template(template).render(
                page=path, site=self.site, org=self.site.organisation, settings=self.settings, h=self, **context
            )
        except Exception as exc:  # a template bug: say which page, keep the traceback
            raise RuntimeError(f"error rendering {path} with {template}: {exc}") from exc
        self.pages[path] = text

    # helpers the templates call as h.<name>
    def indicator_name(self, framework: Framework, number: int) -> str:
        return next((i.name for i in framework.indicators if i.number == number), f"ตัวชี้วัดที่ {number}")

    def tool_of(self, framework: Framework, number: int) -> str:
        return next((t.code.value for t in framework.tools if number in t.indicators), "")

    def item(self, framework: Framework, code: str) -> ItemDef | None:
        return next((i for i in framework.items if i.code == code), None)

    def question_text(self, framework: Framework, span: CodeRange) -> str | None:
        """The framework's wording of a single question, when the framework gives it."""
        if span.first != span.last:
            return None
        return next((q.text for q in framework.questions if q.code == str(span)), None)

    def unit_name(self, unit_id: str) -> str:
        """A unit with the units it belongs to, as reports print owners: ``งานพัสดุ (กองคลัง)``."""
        units = {u.id: u for u in self.site.organisation.units}
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

    def round_label(self, plan: MeasurePlan, round_id: str) -> str:
        return next((r.label for r in plan.rounds if r.id == round_id), round_id)

    def tool_score(self, year: YearContent, tool: Any) -> float | None:
        return tool_score(year.result, year.framework, Tool(tool)) if year.result else None

    def computed_total(self, year: YearContent) -> float | None:
        return computed_total(year.result, year.framework) if year.result else None  # type: ignore[arg-type]

    def indicator_mean(self, year: YearContent, tool: Any) -> float | None:
        return indicator_mean(year.result, year.framework, Tool(tool)) if year.result else None

    def score_of(self, year: YearContent | None, number: int) -> float | None:
        if year is None or year.result is None:
            return None
        return next((i.score for i in year.result.indicators if i.indicator == number), None)

    def measures_answering(self, year: int, indicator: int | None = None, code: str | None = None) -> list[MeasureRef]:
        return measures_answering(self.site, year, indicator, code)

    def question_rows_for(self, year: YearContent, code: str) -> list[tuple[int, QuestionScore]]:
        return question_rows_for(year, code)

    def disclosure_for(self, year: YearContent, code: str):  # type: ignore[no-untyped-def]
        return disclosure_for(year, code)

    def items_by_indicator(self, framework: Framework) -> list[tuple[int, list[ItemDef]]]:
        return items_by_indicator(framework)

    def status_counts(self, plan: MeasurePlan) -> list[tuple[Status, int]]:
        return status_counts(plan)

    def code_link(self, framework_year: int, code: str, from_page: str) -> Markup:
        """A question code; OIT item codes link to the item's page when that year has pages."""
        if code.startswith("o") and framework_year in self.site.years:
            return link(code, relative(from_page, oit_item_page(framework_year, code)))
        return escape_markdown(code)

    def indicator_link(self, year: int, number: int, from_page: str) -> Markup:
        framework = self.site.frameworks.get(year) or next(iter(self.site.frameworks.values()))
        label = f"{show_digits(str(number), self.settings.digits)}. {self.indicator_name(framework, number)}"
        content = self.site.years.get(year)
        if content is not None and content.result is not None:
            return link(label, relative(from_page, indicator_page(year, number)))
        return escape_markdown(label)

    def previous_year(self, year: int) -> YearContent | None:
        return self.site.years.get(year - 1)


def render_site(site: Site, settings: RenderSettings = RenderSettings()) -> dict[str, str]:
    """Every generated page of the site, keyed by its path relative to the docs folder."""
    r = _Renderer(site, settings)
    latest_result = next((y for y in reversed(site.years.values()) if y.result), None)
    latest_plan = next((y for y in reversed(site.years.values()) if y.plan), None)
    r.page("index.md", "home.md.j2", years=list(reversed(site.years.values())), latest_result=latest_result,
           latest_plan=latest_plan)
    for year in site.years.values():
        r.page(year_page(year.year), "year.md.j2", year=year)
        if year.result:
            r.page(indicators_page(year.year), "indicators.md.j2", year=year)
            for ind in year.result.indicators:
                r.page(indicator_page(year.year, ind.indicator), "indicator.md.j2", year=year, ind=ind)
        if year.plan:
            r.page(measures_page(year.year), "measures.md.j2", year=year, plan=year.plan)
            for measure in year.plan.measures:
                r.page(measure_page(year.year, measure.id), "measure.md.j2", year=year, plan=year.plan, m=measure)
        r.page(oit_page(year.year), "oit.md.j2", year=year)
        for item in year.framework.items:
            r.page(oit_item_page(year.year, item.code), "oit_item.md.j2", year=year, item=item)
    return dict(sorted(r.pages.items()))


def render_nav(site: Site, settings: RenderSettings, extra_pages: list[str]) -> list[Any]:
    """MkDocs ``nav``: newest year first; page titles come from each page's heading (already escaped)."""
    d = settings.digits
    nav: list[Any] = [{"หน้าแรก": "index.md"}]
    for year in reversed(site.years.values()):
        section: list[Any] = [year_page(year.year)]
        if year.result:
            section.append({"ผลการประเมินรายตัวชี้วัด": [indicators_page(year.year)] + [
                indicator_page(year.year, i.indicator) for i in sorted(year.result.indicators, key=lambda i: i.indicator)
            ]})
        if year.plan:
            section.append({"มาตรการ": [measures_page(year.year)] + [
                measure_page(year.year, m.id) for m in year.plan.measures
            ]})
        section.append({"การเปิดเผยข้อมูลสาธารณะ (OIT)": [oit_page(year.year)] + [
            oit_item_page(year.year, i.code) for i in sorted(year.framework.items, key=lambda i: code_sort_key(i.code))
        ]})
        nav.append({f"ปีงบประมาณ {show_digits(str(year.year), d)}": section})
    nav.extend(extra_pages)
    return nav

"""What the page templates ask of the site beyond its fields: related records, labels and links (``h.<name>``).

Pure lookups over the validated :class:`Site`; links are between page sources (:func:`generator.urls.relative`),
so they hold under any address scheme.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.model.codes import CodeRange
from generator.model.scoring import known_codes, tool_score
from generator.model.site import Site, YearContent, indicator_name, round_label, sorted_items, tool_of
from generator.model.trends import TrendRow, Trends
from generator.model.types import (
    Disclosure,
    Framework,
    ItemDef,
    Measure,
    MeasurePlan,
    OitScope,
    QuestionScore,
    RoundResult,
    Status,
    Tool,
)
from generator.render.documents import document_info
from generator.render.markdown import escape_markdown, link
from generator.thai import DigitStyle, show_digits
from generator.urls import (
    ABOUT_PAGE,
    REPORT_FORMATS,
    indicator_page,
    link_sources,
    measures_page,
    oit_item_page,
    relative,
    report_file,
    resolve_link,
    year_reports,
)


@dataclass(frozen=True)
class MeasureRef:
    """A measure with the year of its plan, for pages of other years that list it."""

    year: int
    measure: Measure


def status_counts(plan: MeasurePlan) -> list[tuple[Status, int]]:
    counts = Counter(m.status for m in plan.measures)
    return [(status, counts[status]) for status in Status]


def plans_based_on(site: Site) -> dict[int, list[int]]:
    """The years whose measures answer each assessment year, by that year."""
    found: dict[int, list[int]] = {}
    for content in site.years.values():
        if content.plan is not None:
            found.setdefault(content.based_on, []).append(content.year)
    return found


def measures_answering(site: Site, year: int, indicator: int | None = None, code: str | None = None,
                       plans: dict[int, list[int]] | None = None) -> list[MeasureRef]:
    """Measures (of any plan based on ``year``) that answer an indicator or a question/item of that year
    (``plans``: :func:`plans_based_on` of the site, when known)."""
    framework = site.frameworks.get(year)
    codes = known_codes(framework) if framework else {}
    found = []
    for plan_year in (plans_based_on(site) if plans is None else plans).get(year, []):
        content = site.years[plan_year]
        if content.plan is None:
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


def items_by_indicator(framework: Framework) -> list[tuple[int, list[ItemDef]]]:
    groups: dict[int, list[ItemDef]] = {}
    for item in sorted_items(framework):
        groups.setdefault(item.indicator, []).append(item)
    return sorted(groups.items())


def items_by_heading(framework: Framework) -> list[tuple[int, list[tuple[str | None, str | None, list[ItemDef]]]]]:
    """The checklist as the NACC lists it: per indicator, runs of items under the same sub-indicator and group."""
    found: list[tuple[int, list[tuple[str | None, str | None, list[ItemDef]]]]] = []
    for number, items in items_by_indicator(framework):
        sections: list[tuple[str | None, str | None, list[ItemDef]]] = []
        for item in items:
            if sections and sections[-1][0] == item.sub and sections[-1][1] == item.group:
                sections[-1][2].append(item)
            else:
                sections.append((item.sub, item.group, [item]))
        found.append((number, sections))
    return found


@dataclass(frozen=True)
class DisclosureCounts:
    recorded: int
    published: int
    not_applicable: int
    not_yet: int


class PageHelpers:
    """The ``h`` of the templates."""

    def __init__(self, site: Site, digits: DigitStyle) -> None:
        self.site, self.digits = site, digits
        self.link_sources = link_sources(site)
        self.plans = plans_based_on(site)

    def href(self, url: str, from_page: str) -> str:
        """Where a link of the content points from ``from_page``: a page or file of the site as a relative path
        (checked to exist by ``itasite check``), anything else as written or on the agency's website."""
        target = resolve_link(url, self.link_sources, self.site.organisation.contact.website)
        if target is None or target.url is not None:
            return target.url if target is not None and target.url else url
        assert target.source is not None
        return relative(from_page, target.source) + target.fragment

    def document_info(self, url: str) -> str:
        """``PDF · 1.2 MB`` after a link to a document the site hosts; ``""`` for anything else."""
        return document_info(self.site, url, self.link_sources, self.digits)

    def indicator_name(self, framework: Framework, number: int) -> str:
        return indicator_name(framework, number)

    def tool_of(self, framework: Framework, number: int) -> str:
        return tool_of(framework, number)

    def question_text(self, framework: Framework, span: CodeRange) -> str | None:
        """The framework's wording of a single question, when the framework gives it."""
        if span.first != span.last:
            return None
        return next((q.text for q in framework.questions if q.code == str(span)), None)

    def unit_name(self, unit_id: str) -> str:
        """A unit with the units it belongs to, as reports print owners: ``งานพัสดุ (กองคลัง)``."""
        return self.site.unit_with_parents(unit_id)

    def round_label(self, plan: MeasurePlan, round_id: str) -> str:
        """A round's name in the site's digits (``รอบ ๖ เดือน``), as every other number on the page."""
        return show_digits(round_label(plan, round_id), self.digits)

    def tool_score(self, year: YearContent, tool: Any) -> float | None:
        return tool_score(year.result, year.framework, Tool(tool)) if year.result else None

    def score_of(self, year: YearContent | None, number: int) -> float | None:
        return year.indicator_score(number) if year else None

    def measures_answering(self, year: int, indicator: int | None = None, code: str | None = None) -> list[MeasureRef]:
        return measures_answering(self.site, year, indicator, code, self.plans)

    def question_rows_for(self, year: YearContent, code: str) -> list[tuple[int, QuestionScore]]:
        return question_rows_for(year, code)

    def disclosure_for(self, year: YearContent, code: str) -> Disclosure | None:
        return year.disclosure(code)

    def items_by_indicator(self, framework: Framework) -> list[tuple[int, list[ItemDef]]]:
        return items_by_indicator(framework)

    def items_by_heading(self, framework: Framework) -> list[tuple[int, list[tuple[str | None, str | None, list[ItemDef]]]]]:
        return items_by_heading(framework)

    def subindicator_name(self, framework: Framework, number: int, code: str) -> str | None:
        indicator = next((i for i in framework.indicators if i.number == number), None)
        return next((s.name for s in indicator.subindicators if s.code == code), None) if indicator else None

    def item_title(self, year: YearContent, item: ItemDef) -> str | None:
        """The framework's name of an item, else the agency's own title from its records."""
        disclosure = year.disclosure(item.code)
        return item.title or (disclosure.title if disclosure else None)

    def own_page(self, year: YearContent, item: ItemDef) -> tuple[str, str] | None:
        """(title, source) of this site's page that answers an item by itself (marked in the framework), unless the
        agency recorded its own links or state for it, or the page has nothing to show (an about page without any
        contact does not answer the contact item)."""
        disclosure = year.disclosure(item.code)
        if item.answered_by is None or (disclosure is not None and (disclosure.links or disclosure.state)):
            return None
        if item.answered_by == "about":
            c = self.site.organisation.contact
            if not (c.address or c.phone or c.email or c.website or c.links):
                return None
            return "เกี่ยวกับหน่วยงานและการติดต่อ", ABOUT_PAGE
        if year.plan is None:
            return None
        return f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ {show_digits(str(year.year), self.digits)}", measures_page(year.year)

    def kept_elsewhere(self, year: YearContent) -> bool:
        """The year's oit.yml records only the items this site publishes; the others are on the agency's website."""
        return year.oit is not None and year.oit.scope is OitScope.this_site

    def report_title(self, year: int, kind: str) -> str:
        shown = show_digits(str(year), self.digits)
        if kind == "measures":
            return f"รายงานมาตรการส่งเสริมคุณธรรมและความโปร่งใสและผลการดำเนินการ ปีงบประมาณ {shown}"
        return f"รายงานการวิเคราะห์ผลการประเมิน ITA ปีงบประมาณ {shown}"

    def report_links(self, year: int, kind: str, from_page: str) -> Markup:
        """``รายงาน… (PDF · DOCX)``: the report's title linked to the PDF, then both formats named and linked."""
        files = {fmt: relative(from_page, report_file(year, kind, fmt)) for fmt in REPORT_FORMATS}
        formats = " · ".join(link(fmt.upper(), url) for fmt, url in files.items())
        return Markup(f"{link(self.report_title(year, kind), files['pdf'])} ({formats})")

    def year_report_kinds(self, year: YearContent) -> list[str]:
        return year_reports(year)

    def own_reports(self, year: YearContent, item: ItemDef) -> list[tuple[int, str]]:
        """(year, kind) of the generated reports that are the document an OIT item asks for (marked in the framework):
        the year's measures report, the result analysis of the year its measures answer; none when the agency
        recorded its own links or state for the item (as for :meth:`own_page`)."""
        disclosure = year.disclosure(item.code)
        if not item.reports or (disclosure is not None and (disclosure.links or disclosure.state)):
            return []
        found: list[tuple[int, str]] = []
        for kind in item.reports:
            source_year = self.site.years.get(year.year if kind == "measures" else year.based_on)
            if source_year is not None and kind in year_reports(source_year):
                found.append((source_year.year, kind))
        return found

    def disclosure_counts(self, year: YearContent) -> DisclosureCounts:
        codes = {i.code for i in year.framework.items}
        recorded = [d for d in (year.oit.items if year.oit else []) if d.item in codes]
        states = Counter(d.shown_state.value for d in recorded)
        return DisclosureCounts(len(recorded), states["published"], states["not_applicable"], states["not_yet"])

    def status_counts(self, plan: MeasurePlan) -> list[tuple[Status, int]]:
        return status_counts(plan)

    def code_link(self, framework_year: int, code: str, from_page: str) -> Markup:
        """A question code; OIT item codes link to the item's page when that year has pages."""
        if code.startswith("o") and framework_year in self.site.years:
            return link(code, relative(from_page, oit_item_page(framework_year, code)))
        return escape_markdown(code)

    def indicator_link(self, year: int, number: int, from_page: str) -> Markup:
        framework = self.site.frameworks.get(year) or next(iter(self.site.frameworks.values()))
        label = f"{show_digits(str(number), self.digits)}. {self.indicator_name(framework, number)}"
        content = self.site.years.get(year)
        if content is not None and content.indicator_score(number) is not None:  # the indicator has a page
            return link(label, relative(from_page, indicator_page(year, number)))
        return escape_markdown(label)

    def previous_year(self, year: int) -> YearContent | None:
        return self.site.years.get(year - 1)

    def score_rows(self, trends: Trends) -> list[tuple[Markup, TrendRow]]:
        """The total and the tools as (label, row) for a trend table."""
        return [(Markup("**คะแนนรวม**"), trends.total)] + [(escape_markdown(r.label), r) for r in trends.tools]

    def indicator_rows(self, trends: Trends, from_page: str) -> list[tuple[Markup, TrendRow]]:
        """Every indicator as (link to its page in the newest year that has it, row)."""
        rows = []
        for number, row in trends.indicators:
            newest = max(y for y, v in zip(trends.years, row.values, strict=True) if v is not None)
            rows.append((self.indicator_link(newest, number, from_page), row))
        return rows

    def filter_attributes(self, m: Measure) -> Markup:
        """``data-*`` attributes the measures-list filter script reads (theme/assets/javascripts/itasite-filters.js)."""
        indicators = " ".join(str(n) for n in m.indicators)
        owners = " ".join(self.unit_key(o) for o in m.owners)
        return Markup(f'data-status="{m.status.value}" data-indicators="{indicators}" data-owners="{owners}"')

    def unit_key(self, unit_id: str) -> str:
        """A filter value for a unit made only of our characters (unit ids may hold any text): ``u<position>``."""
        ids = [u.id for u in self.site.organisation.units]
        return f"u{ids.index(unit_id) + 1}" if unit_id in ids else "u0"

    def plan_units(self, plan: MeasurePlan) -> list[str]:
        """Owner unit ids of a plan, in the order of organisation.yml (units no measure names are left out)."""
        used = {o for m in plan.measures for o in m.owners}
        return [u.id for u in self.site.organisation.units if u.id in used]

    def round_result(self, m: Measure, round_id: str) -> RoundResult | None:
        return next((r for r in m.results if r.round == round_id), None)

    def plan_indicators(self, plan: MeasurePlan) -> list[int]:
        return sorted({n for m in plan.measures for n in m.indicators})

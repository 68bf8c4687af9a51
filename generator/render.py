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
from markupsafe import Markup, escape

from generator import charts
from generator.check import computed_total, indicator_mean, known_codes, tool_score
from generator.codes import CodeRange, code_sort_key
from generator.content import Site, YearContent
from generator.markdown import escape_markdown, link, relative
from generator.model import Framework, ItemDef, Measure, MeasurePlan, QuestionScore, Status, Tool
from generator.opendata import DATA_PAGE, year_downloads
from generator.thai import DateStyle, DigitStyle, format_date, format_number, format_signed, show_digits
from generator.trends import TrendRow, Trends, compute_trends, latest_changes

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


TRENDS_PAGE = "trends.md"
ABOUT_PAGE = "about.md"
PRIVACY_PAGE = "privacy.md"
ACCESSIBILITY_PAGE = "accessibility.md"
SITEMAP_PAGE = "sitemap.md"
# Pages about the site itself (government website standard), in the order the navigation lists them.
SITE_PAGES = {ABOUT_PAGE: "about.md.j2", PRIVACY_PAGE: "privacy.md.j2", ACCESSIBILITY_PAGE: "accessibility.md.j2"}


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
        html=escape,
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
        trends_page=TRENDS_PAGE,
        about_page=ABOUT_PAGE,
        privacy_page=PRIVACY_PAGE,
        accessibility_page=ACCESSIBILITY_PAGE,
        sitemap_page=SITEMAP_PAGE,
        data_page=DATA_PAGE,
        year_downloads=year_downloads,
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

    # charts: inline SVG from numbers (generator/charts.py); the page prints the same numbers as a table next to it
    def _fmt(self, value: float) -> str:
        return format_number(value, self.settings.digits, 2)

    def _year_label(self, year: int) -> str:
        return show_digits(str(year), self.settings.digits)

    def indicator_chart(self, year: YearContent) -> Markup:
        assert year.result is not None
        inds = sorted(year.result.indicators, key=lambda i: i.indicator)
        mark = year.framework.pass_mark
        return charts.bar_chart(
            f"chart-indicators-{year.year}",
            f"แผนภูมิคะแนนรายตัวชี้วัด ปีงบประมาณ {self._year_label(year.year)} เทียบเกณฑ์ผ่าน {self._fmt(mark)} คะแนน",
            [f"ตัวชี้วัดที่ {self._year_label(i.indicator)}" for i in inds],
            [charts.Series(self._year_label(year.year), tuple(i.score for i in inds))],
            caption="ตัวเลขของแผนภูมิอยู่ในตารางถัดไป",
            pass_mark=mark,
            pass_label=f"เกณฑ์ผ่าน {self._fmt(mark)}",
            fmt=self._fmt,
        )

    def tool_chart(self, year: YearContent) -> Markup:
        tools = [t.code for t in year.framework.tools]
        return charts.bar_chart(
            f"chart-tools-{year.year}",
            f"แผนภูมิคะแนนรายเครื่องมือ ปีงบประมาณ {self._year_label(year.year)}",
            [t.value for t in tools],
            [charts.Series(self._year_label(year.year), tuple(self.tool_score(year, t) for t in tools))],
            caption="ตัวเลขของแผนภูมิอยู่ในตารางถัดไป",
            fmt=self._fmt,
        )

    def trend_chart(self, trends: Trends) -> Markup:
        return charts.line_chart(
            "chart-trend-total",
            "แผนภูมิแนวโน้มคะแนนรวมและคะแนนรายเครื่องมือ ทุกปีงบประมาณ",
            [self._year_label(y) for y in trends.years],
            [charts.Series(r.label, r.values) for r in (trends.total, *trends.tools)],
            caption="ตัวเลขของแผนภูมิอยู่ในตารางถัดไป",
            fmt=self._fmt,
        )

    def trend_indicator_chart(self, trends: Trends) -> Markup:
        return charts.bar_chart(
            "chart-trend-indicators",
            "แผนภูมิคะแนนรายตัวชี้วัด แยกตามปีงบประมาณ",
            [f"ตัวชี้วัดที่ {self._year_label(n)}" for n, _ in trends.indicators],
            [
                charts.Series(self._year_label(y), tuple(row.values[i] for _, row in trends.indicators))
                for i, y in enumerate(trends.years)
            ],
            caption="ตัวเลขของแผนภูมิอยู่ในตารางถัดไป",
            fmt=self._fmt,
        )

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

    def round_result(self, m: Measure, round_id: str) -> Any:
        return next((r for r in m.results if r.round == round_id), None)

    def plan_indicators(self, plan: MeasurePlan) -> list[int]:
        return sorted({n for m in plan.measures for n in m.indicators})


def render_site(site: Site, settings: RenderSettings = RenderSettings()) -> dict[str, str]:
    """Every generated page of the site, keyed by its path relative to the docs folder."""
    r = _Renderer(site, settings)
    latest_result = next((y for y in reversed(site.years.values()) if y.result), None)
    latest_plan = next((y for y in reversed(site.years.values()) if y.plan), None)
    r.page("index.md", "home.md.j2", years=list(reversed(site.years.values())), latest_result=latest_result,
           latest_plan=latest_plan, changes=latest_changes(site))
    r.page(TRENDS_PAGE, "trends.md.j2", trends=compute_trends(site))
    for path, template in SITE_PAGES.items():
        r.page(path, template)
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
    # The open-data page is written by generator/opendata.py; hand-written pages are not known here.
    nav = render_nav(site, settings, [{"ข้อมูลเปิด (Open Data)": DATA_PAGE}])
    r.page(SITEMAP_PAGE, "sitemap.md.j2", entries=sitemap_entries(nav, r.pages))
    return dict(sorted(r.pages.items()))


@dataclass(frozen=True)
class SitemapEntry:
    """A line of the human-readable sitemap: a section title (``path`` None) or a page, at a nesting depth."""

    depth: int
    title: Markup
    path: str | None


def _heading(markdown: str) -> Markup:
    """The H1 of a generated page, kept as the (already escaped) Markdown it is written in."""
    first = next((line for line in markdown.splitlines() if line.startswith("# ")), "# –")
    return Markup(first[2:].strip())


def sitemap_entries(nav: list[Any], pages: dict[str, str], depth: int = 0) -> list[SitemapEntry]:
    """The navigation as a flat list of entries; page titles come from each page's H1."""
    entries: list[SitemapEntry] = []
    for item in nav:
        if isinstance(item, str):
            if item in pages:  # the sitemap itself is rendered last and does not list itself
                entries.append(SitemapEntry(depth, _heading(pages[item]), item))
            continue
        for title, value in item.items():
            if isinstance(value, str):
                entries.append(SitemapEntry(depth, escape_markdown(title), value))
                continue
            # A section whose first page is its index (navigation.indexes) shows as that page.
            has_index = bool(value) and isinstance(value[0], str) and value[0].endswith("index.md")
            first, rest = (value[0], value[1:]) if has_index else (None, value)
            entries.append(SitemapEntry(depth, escape_markdown(title), first))
            entries.extend(sitemap_entries(rest, pages, depth + 1))
    return entries


def render_nav(site: Site, settings: RenderSettings, extra_pages: list[Any]) -> list[Any]:
    """MkDocs ``nav``: newest year first; page titles come from each page's heading (already escaped)."""
    d = settings.digits
    nav: list[Any] = [{"หน้าแรก": "index.md"}, {"แนวโน้มผลการประเมิน": TRENDS_PAGE}]
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
    nav.append({"เกี่ยวกับเว็บไซต์": [ABOUT_PAGE, PRIVACY_PAGE, ACCESSIBILITY_PAGE, SITEMAP_PAGE]})
    return nav

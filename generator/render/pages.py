"""Model → Markdown pages. Pure: no I/O beyond reading templates (and Jinja's cache of them compiled), no clock,
stable order.

``render_pages`` returns ``{source: markdown}`` with sources relative to the docs folder (``2568/indicators/1.md``,
see :mod:`generator.urls`). The Markdown is engine-neutral (plain Markdown plus tables); templates are named after
what they render and escape every value that is not :class:`Markup`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup, escape

from generator.memo import Memo
from generator.model.site import Site, YearContent
from generator.model.trends import compute_trends, latest_changes
from generator.model.types import Status
from generator.render.catalogue import site_downloads, year_downloads
from generator.render.compiled import use_compiled_templates
from generator.render.helpers import PageHelpers
from generator.render.markdown import escape_attribute, escape_markdown, link
from generator.render.nav import render_nav, sitemap_entries
from generator.render.score_charts import ScoreCharts
from generator.render.word_breaks import keep_words_whole
from generator.thai import DateStyle, DigitStyle, format_date, format_number, format_signed, show_digits
from generator.urls import (
    ABOUT_PAGE,
    ACCESSIBILITY_PAGE,
    DATA_PAGE,
    HOME_PAGE,
    PACKAGE,
    PRIVACY_PAGE,
    SITEMAP_PAGE,
    TRENDS_PAGE,
    UrlScheme,
    indicator_page,
    indicators_page,
    measure_page,
    measures_page,
    oit_item_page,
    oit_page,
    relative,
    year_page,
)

if TYPE_CHECKING:
    from _collections_abc import dict_items, dict_keys, dict_values

TEMPLATES = Path(__file__).parent / "templates"
SITE_PAGE_TEMPLATES = {ABOUT_PAGE: "about.md.j2", PRIVACY_PAGE: "privacy.md.j2", ACCESSIBILITY_PAGE: "accessibility.md.j2"}
DATA_NAV_ENTRY = {"ข้อมูลเปิด (Open Data)": DATA_PAGE}


@dataclass(frozen=True)
class RenderSettings:
    """How the site shows numbers and dates (``plugins: - itasite: digits/date_style``) and where it is published
    (MkDocs' ``use_directory_urls``, ``site_name``, ``site_url``)."""

    digits: DigitStyle = "thai"
    date_style: DateStyle = "long"
    urls: UrlScheme = field(default_factory=UrlScheme)
    site_name: str = ""
    site_url: str | None = None


def _finalize(value: Any) -> Any:
    """Every ``{{ }}`` output that is not already Markup is untrusted text and gets escaped."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape_markdown(value)


_SYNTAX: dict[str, Any] = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True, "autoescape": False}


def make_environment(settings: RenderSettings) -> jinja2.Environment:
    env = use_compiled_templates(jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), finalize=_finalize, undefined=jinja2.StrictUndefined, **_SYNTAX,
    ))
    digits = settings.digits

    def num(value: float | None, decimals: int = 2) -> Markup:
        return Markup("–" if value is None else format_number(value, digits, decimals))

    env.filters.update(
        num=num,
        signed=lambda v: Markup(format_signed(v, digits)),
        digits=lambda v: Markup(show_digits(str(v), digits)),
        date=lambda d: Markup(format_date(d, settings.date_style, digits)) if d else Markup("–"),
        link=link,
        rel=lambda to_page, from_page: Markup(relative(from_page, to_page)),
        md=escape_markdown,
        html=escape,
        attribute=escape_attribute,
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
        package_file=PACKAGE,
        year_downloads=year_downloads,
        site_downloads=site_downloads,
        show_digits=lambda text: show_digits(str(text), digits),
        Status=Status,
    )
    return env


class YearsRead(dict[int, YearContent]):
    """``site.years`` as a page being rendered sees it, noting which years the page looks up (every year, when it
    goes through them all). Whether a year exists is the site's shape (:func:`site_shape`), not a read."""

    def __init__(self, years: dict[int, YearContent]) -> None:
        super().__init__(years)
        self.read: set[int] | None = set()

    def start(self) -> None:
        self.read = set()

    def _all(self) -> None:
        self.read = None

    def __getitem__(self, year: int) -> YearContent:
        if self.read is not None:
            self.read.add(year)
        return super().__getitem__(year)

    def get(self, year: int, default: Any = None) -> Any:
        if self.read is not None:
            self.read.add(year)
        return super().get(year, default)

    def __iter__(self) -> Iterator[int]:
        self._all()
        return super().__iter__()

    def __reversed__(self) -> Iterator[int]:
        self._all()
        return super().__reversed__()

    def keys(self) -> dict_keys[int, YearContent]:
        self._all()
        return super().keys()

    def values(self) -> dict_values[int, YearContent]:
        self._all()
        return super().values()

    def items(self) -> dict_items[int, YearContent]:
        self._all()
        return super().items()


def site_shape(site: Site, settings: RenderSettings, sources: set[str]) -> tuple[Any, ...]:
    """Everything a page may read besides its own arguments and the years it looks up: the organisation, the
    frameworks, the files and every address a link may name, which years there are and what each answers, and the
    templates as they are on disk (a developer may edit one during a preview)."""
    years = tuple((y.year, y.based_on) for y in dict.values(site.years))
    templates = tuple((path.name, path.stat().st_mtime_ns, path.stat().st_size) for path in sorted(TEMPLATES.iterdir()))
    return (settings, site.organisation, site.frameworks, site.file_sizes, site.redirects, site.content_files, years,
            sources, templates)


@dataclass(frozen=True)
class _PageMade:
    """A page's Markdown with what it was made from (kept in a :class:`Memo` between a preview's renders)."""

    template: str
    context: dict[str, Any]
    shape: tuple[Any, ...]
    years: dict[int, YearContent | None] | None
    """The years the page looked up as they were; None: it went through all of them (see ``all_years``)."""
    all_years: tuple[YearContent, ...]
    text: str


class _PageWriter:
    def __init__(self, site: Site, settings: RenderSettings, memo: Memo | None = None) -> None:
        self.settings, self.memo = settings, memo
        self.years = YearsRead(site.years)
        self.site = dataclasses.replace(site, years=self.years) if memo is not None else site
        self.env = make_environment(settings)
        helpers = PageHelpers(self.site, settings.digits)
        self.context = {
            "site": self.site, "org": site.organisation, "settings": settings,
            "h": helpers, "charts": ScoreCharts(settings.digits),
        }
        self.shape = self._same_shape(site_shape(site, settings, helpers.link_sources)) if memo is not None else ()
        self.pages: dict[str, str] = {}

    def _same_shape(self, shape: tuple[Any, ...]) -> tuple[Any, ...]:
        """The last render's shape object when equal (each page then compares it by identity, not field by field)."""
        assert self.memo is not None
        last = self.memo.recall(("shape",))
        shape = last if last == shape else shape
        self.memo.keep(("shape",), shape)
        return shape

    def page(self, path: str, template: str, **context: Any) -> None:
        if self.memo is None:
            self.pages[path] = self._render(path, template, context)
            return
        made = self.memo.recall(("page", path))
        if not (isinstance(made, _PageMade) and self._unchanged(made, template, context)):
            self.years.start()
            text = self._render(path, template, context)
            read = self.years.read
            years = None if read is None else {y: dict.get(self.years, y) for y in sorted(read)}
            made = _PageMade(template, context, self.shape, years, tuple(dict.values(self.years)) if read is None else (), text)
        self.memo.keep(("page", path), made)
        self.pages[path] = made.text

    def _unchanged(self, made: _PageMade, template: str, context: dict[str, Any]) -> bool:
        if made.template != template or made.shape != self.shape or made.context != context:
            return False
        if made.years is None:
            return made.all_years == tuple(dict.values(self.years))
        return all(dict.get(self.years, y) == content for y, content in made.years.items())

    def _render(self, path: str, template: str, context: dict[str, Any]) -> str:
        try:
            return self.env.get_template(template).render(page=path, **self.context, **context)
        except Exception as exc:  # a template bug: say which page, keep the traceback
            raise RuntimeError(f"error rendering {path} with {template}: {exc}") from exc


def render_pages(site: Site, settings: RenderSettings = RenderSettings(), memo: Memo | None = None) -> dict[str, str]:
    """Every generated page of the site (the open-data page included), keyed by source, in a stable order. With
    ``memo`` (a preview's), a page whose inputs did not change since the last call is not rendered again."""
    w = _PageWriter(site, settings, memo)
    latest_result = next((y for y in reversed(site.years.values()) if y.result), None)
    latest_plan = next((y for y in reversed(site.years.values()) if y.plan), None)
    w.page(HOME_PAGE, "home.md.j2", years=list(reversed(site.years.values())), latest_result=latest_result,
           latest_plan=latest_plan, changes=latest_changes(site))
    w.page(TRENDS_PAGE, "trends.md.j2", trends=compute_trends(site))
    for path, template in SITE_PAGE_TEMPLATES.items():
        w.page(path, template)
    for year in site.years.values():
        w.page(year_page(year.year), "year.md.j2", year=year)
        if year.result:
            w.page(indicators_page(year.year), "indicators.md.j2", year=year)
            for ind in year.result.indicators:
                w.page(indicator_page(year.year, ind.indicator), "indicator.md.j2", year=year, ind=ind)
        if year.plan:
            w.page(measures_page(year.year), "measures.md.j2", year=year, plan=year.plan)
            for measure in year.plan.measures:
                w.page(measure_page(year.year, measure.id), "measure.md.j2", year=year, plan=year.plan, m=measure)
        w.page(oit_page(year.year), "oit.md.j2", year=year)
        for item in year.framework.items:
            w.page(oit_item_page(year.year, item.code), "oit_item.md.j2", year=year, item=item)
    w.page(DATA_PAGE, "data.md.j2", years=list(reversed(site.years.values())))
    # Hand-written pages are not listed here: the sitemap page lists what the generator makes.
    nav = render_nav(site, settings.digits, [DATA_NAV_ENTRY])
    w.page(SITEMAP_PAGE, "sitemap.md.j2", entries=sitemap_entries(nav, w.pages))
    return dict(sorted(keep_words_whole(w.pages, memo).items()))

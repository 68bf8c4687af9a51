"""Model → open data files under ``data/``: JSON and CSV per year, one JSON of the whole site and the package
descriptor (the kinds of file and their columns are in :mod:`generator.render.catalogue`; the ``data/index.md``
download page is rendered with the other pages).

Pure: :func:`render_open_data` returns ``{path: text}`` with paths relative to the docs folder. Numbers are plain
(Arabic digits, two decimals as the reports print them), dates are ISO 8601 (Common Era, as the standard wants),
years are Buddhist-era fiscal years.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from generator.memo import Memo, remembered
from generator.model.scoring import tool_score
from generator.model.site import Site, YearContent, indicator_name, sorted_items, tool_of
from generator.model.types import Disclosure, DisclosureState, Measure, MeasurePlan
from generator.render.catalogue import MEASURE_RESULTS, MEASURES, OIT, QUESTIONS, SCORES, Table, datapackage
from generator.render.feed import collect_updates, site_date
from generator.render.helpers import PageHelpers
from generator.urls import (
    ABOUT_PAGE,
    DATA_DIR,
    DIRECTORY_URLS,
    HOME_PAGE,
    PACKAGE,
    SITE_JSON,
    TRENDS_PAGE,
    UrlScheme,
    indicator_page,
    indicators_page,
    link_sources,
    measure_page,
    measures_page,
    oit_item_page,
    oit_page,
    published_address,
    resolve_link,
    year_page,
)

LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Addresses:
    """How one open-data file writes the addresses of the site's pages and the content's links: absolute with the
    site's ``site_url``, else relative to the file's own address, so a client resolving them as RFC 3986 says
    (against the address of the file it read them from) reaches the page under either ``use_directory_urls``."""

    urls: UrlScheme
    site_url: str | None
    file: str
    sources: frozenset[str]
    website: str | None

    def page(self, source: str) -> str:
        return published_address(self.urls.url(source), self.file, self.site_url)

    def link(self, address: str) -> str:
        """A link as the content typed it (``https://…``, ``mailto:…`` or from the site's root), as this file gives
        it: a page or file of the site at its published address; anything else as typed."""
        target = resolve_link(address, self.sources, self.website)
        if target is None or target.source is None:
            return target.url or address if target is not None else address
        return self.page(target.source) + target.fragment

    def links(self, value: Any) -> Any:
        """A model dump with every ``url`` (the content's links) at its published address."""
        if isinstance(value, dict):
            return {k: self.link(v) if k == "url" and isinstance(v, str) else self.links(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.links(v) for v in value]
        return value


# -- rows ----------------------------------------------------------------------------------------------------


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _joined(values: Iterable[object]) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def _text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _unit_names(site: Site, measure: Measure) -> list[str]:
    return [site.unit_name(owner) for owner in measure.owners]


def measure_rows(site: Site, year: YearContent, at: Addresses) -> list[dict[str, str]]:
    plan = year.plan
    assert plan is not None
    return [
        {
            "year": str(year.year), "based_on": str(year.based_on), "id": m.id, "number": m.number or "", "title": m.title,
            "indicators": _joined(m.indicators), "questions": _joined(m.questions), "owners": _joined(_unit_names(site, m)),
            "timeframe": m.timeframe.text or "", "start": _iso(m.timeframe.start), "end": _iso(m.timeframe.end),
            "status": m.status.value, "status_label": m.status.label, "url": at.page(measure_page(year.year, m.id)),
        }
        for m in plan.measures
    ]


def measure_result_rows(year: YearContent, at: Addresses) -> list[dict[str, str]]:
    plan = year.plan
    assert plan is not None
    rounds = {r.id: r for r in plan.rounds}
    rows = []
    for m in plan.measures:
        for res in m.results:
            rnd = rounds.get(res.round)
            rows.append({
                "year": str(year.year), "measure_id": m.id, "round": res.round,
                "round_label": rnd.label if rnd else res.round,
                "round_start": _iso(rnd.start if rnd else None), "round_end": _iso(rnd.end if rnd else None),
                "status": res.status.value if res.status else "", "status_label": res.status.label if res.status else "",
                "date": _iso(res.date), "actions": _text(res.actions), "outcome": _text(res.outcome),
                "evidence": _joined(at.link(link.url) for link in res.evidence),
            })
    return rows


def _iso(day: Any) -> str:
    return day.isoformat() if day else ""


def _tool_rows(year: YearContent) -> list[dict[str, Any]]:
    result, framework = year.result, year.framework
    assert result is not None
    return [
        {"tool": t.code.value, "name": t.name, "weight": t.weight, "score": tool_score(result, framework, t.code),
         "stated": getattr(result.tools, t.code.value) is not None}
        for t in framework.tools
    ]


def score_rows(year: YearContent) -> list[dict[str, str]]:
    result, framework = year.result, year.framework
    assert result is not None
    empty = {"tool": "", "stated": "", "level": "", "pass_mark": "", "passed": ""}
    rows = [{**empty, "year": str(year.year), "kind": "total", "code": "total", "name": "คะแนนรวม",
             "score": _score(result.total), "stated": "true", "level": result.level}]
    for tool in _tool_rows(year):
        rows.append({**empty, "year": str(year.year), "kind": "tool", "code": tool["tool"], "name": tool["name"],
                     "tool": tool["tool"], "score": _score(tool["score"]), "stated": _bool(tool["stated"])})
    for ind in sorted(result.indicators, key=lambda i: i.indicator):
        rows.append({**empty, "year": str(year.year), "kind": "indicator", "code": str(ind.indicator),
                     "name": indicator_name(framework, ind.indicator), "tool": tool_of(framework, ind.indicator),
                     "score": _score(ind.score), "stated": "true", "pass_mark": _score(framework.pass_mark),
                     "passed": _bool(ind.score >= framework.pass_mark)})
    return rows


def question_rows(year: YearContent) -> list[dict[str, str]]:
    assert year.result is not None
    return [
        {"year": str(year.year), "indicator": str(ind.indicator), "code": str(q.code), "question": q.question or "",
         "score": _score(q.score), "finding": _text(q.finding)}
        for ind in sorted(year.result.indicators, key=lambda i: i.indicator)
        for q in ind.questions
    ]


def _published(d: Disclosure | None) -> bool:
    return d is not None and d.shown_state is DisclosureState.published and bool(d.links)


def oit_rows(year: YearContent, at: Addresses) -> list[dict[str, str]]:
    rows = []
    for item in sorted_items(year.framework):
        d = year.disclosure(item.code)
        base = {"year": str(year.year), "item": item.code, "indicator": str(item.indicator), "sub": item.sub or "",
                "title": item.title or "", "published": _bool(_published(d)), "updated": _iso(d.updated if d else None),
                "link_title": "", "link_url": "", "url": at.page(oit_item_page(year.year, item.code))}
        documents = d.documents() if d else []
        rows += [{**base, "link_title": title, "link_url": at.link(url)} for title, url in documents] or [base]
    return rows


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def neutralise_formula(text: str) -> str:
    """Text a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``@SUM(…)``, ``+cmd|…``) gets a leading ``'`` so
    it opens as text (OWASP "CSV injection"); a plain number such as ``-2.50`` is left as it is."""
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return f"'{text}"
    return text


def write_csv(table: Table, rows: list[dict[str, str]]) -> str:
    """RFC 4180 CSV (CRLF line ends, UTF-8), columns in the table's order; formula-like text is neutralised."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[f.name for f in table.fields], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: neutralise_formula(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


# -- JSON documents ------------------------------------------------------------------------------------------------


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def measures_json(site: Site, year: YearContent, at: Addresses) -> dict[str, Any]:
    plan: MeasurePlan | None = year.plan
    assert plan is not None
    return {
        "year": year.year,
        "based_on": year.based_on,
        "title": plan.title,
        "rounds": [r.model_dump(mode="json") for r in plan.rounds],
        "measures": [
            {**at.links(m.model_dump(mode="json")), "status_label": m.status.label, "owner_names": _unit_names(site, m),
             "url": at.page(measure_page(year.year, m.id))}
            for m in plan.measures
        ],
    }


def scores_json(year: YearContent, at: Addresses) -> dict[str, Any]:
    result, framework = year.result, year.framework
    assert result is not None
    return {
        "year": year.year,
        "total": result.total,
        "level": result.level,
        "total_change": result.total_change,
        "pass_mark": framework.pass_mark,
        "tools": _tool_rows(year),
        "indicators": [
            {"indicator": i.indicator, "name": indicator_name(framework, i.indicator), "tool": tool_of(framework, i.indicator),
             "score": i.score, "passed": i.score >= framework.pass_mark, "change": i.change,
             "questions": [q.model_dump(mode="json") for q in i.questions], "guidelines": i.guidelines,
             "url": at.page(indicator_page(year.year, i.indicator))}
            for i in sorted(result.indicators, key=lambda i: i.indicator)
        ],
    }


def oit_json(year: YearContent, at: Addresses) -> dict[str, Any]:
    items = []
    for item in sorted_items(year.framework):
        d = year.disclosure(item.code)
        items.append({
            "item": item.code, "indicator": item.indicator, "sub": item.sub, "title": item.title,
            "published": _published(d), "updated": _iso(d.updated if d else None) or None,
            "links": [at.links(lk.model_dump(mode="json")) for lk in d.links] if d else [], "note": d.note if d else [],
            "url": at.page(oit_item_page(year.year, item.code)),
        })
    return {"year": year.year, "items": items}


# What a reader of ``data/site.json`` (a portal, a harvester) checks before it trusts the rest: raise the version
# when a field changes meaning or goes away; new fields alone keep it.
DATA_FORMAT = "itasite-site"
DATA_VERSION = 1


COVERAGE_STATES = ("linked", "unlinked", "not_recorded", "elsewhere")
"""How the organisation's own OIT page shows an item: with links to the documents (or to a page or report of the
site that answers it), recorded without a link (not applicable, not yet published), not recorded, or kept on the
agency's main website (``scope: this_site``)."""


def oit_coverage(site: Site, year: YearContent, at: Addresses) -> list[dict[str, Any]]:
    """Every OIT item of the year as the organisation's OIT page shows it (see :data:`COVERAGE_STATES`)."""
    helpers = PageHelpers(site, "arabic")
    rows = []
    for item in sorted_items(year.framework):
        d = year.disclosure(item.code)
        links = len(d.documents()) if d else 0
        if helpers.own_page(year, item) or helpers.own_reports(year, item):
            state, label, links = "linked", "ตอบโดยหน้าของเว็บไซต์", max(links, 1)
        elif d is None:
            state = "elsewhere" if helpers.kept_elsewhere(year) else "not_recorded"
            label = "เผยแพร่ที่เว็บไซต์หลักของหน่วยงาน" if state == "elsewhere" else "ยังไม่ได้บันทึก"
        elif d.shown_state is DisclosureState.published and d.links:
            state, label = "linked", d.shown_state.label
        else:
            state, label = "unlinked", d.shown_state.label
        rows.append({"item": item.code, "title": helpers.item_title(year, item) or "", "state": state, "label": label,
                     "links": links, "url": at.page(oit_item_page(year.year, item.code))})
    return rows


def year_pages(year: YearContent, at: Addresses) -> dict[str, str | None]:
    """The published address of each page of a year a reader may link to (None: the year has no such page)."""
    return {
        "year": at.page(year_page(year.year)),
        "indicators": at.page(indicators_page(year.year)) if year.result else None,
        "measures": at.page(measures_page(year.year)) if year.plan else None,
        "oit": at.page(oit_page(year.year)),
    }


def site_json(site: Site, at: Addresses) -> dict[str, Any]:
    return _site_document(site, at, [year_json(site, y, at) for y in site.years.values()])


def _site_document(site: Site, at: Addresses, years: list[dict[str, Any]], memo: Memo | None = None) -> dict[str, Any]:
    return {
        "format": DATA_FORMAT,
        "version": DATA_VERSION,
        "updated": site_date(site, collect_updates(site, "arabic", memo)).isoformat(),
        "pages": {"home": at.page(HOME_PAGE), "trends": at.page(TRENDS_PAGE), "about": at.page(ABOUT_PAGE)},
        "organisation": _dump_model(site.organisation, at),
        "years": years,
    }


def _dump_model(model: Any, at: Addresses) -> Any:
    return at.links(model.model_dump(mode="json")) if model is not None else None


def year_json(site: Site, y: YearContent, at: Addresses) -> dict[str, Any]:
    """One year's entry of ``data/site.json``."""
    return {"year": y.year, "result": _dump_model(y.result, at), "measures": _dump_model(y.plan, at),
            "oit": _dump_model(y.oit, at), "framework": _dump_model(y.framework, at), "pages": year_pages(y, at),
            "oit_coverage": oit_coverage(site, y, at)}


def site_json_text(site: Site, at: Addresses, memo: Memo | None = None) -> str:
    """``data/site.json`` as :func:`site_json` gives it, each year's entry written on its own and set into the
    document: with ``memo`` (a preview's) only the entries of years an edit changed are written again."""

    def entry(y: YearContent) -> str:
        return _dump(year_json(site, y, at)).rstrip("\n").replace("\n", "\n    ")  # an item of "years", two levels in

    shape = (at, site.organisation)  # the addresses; the organisation's contact (its about page answers an item)
    entries = [
        remembered(memo, ("site.json", y.year), (y, site.years.get(y.based_on), shape), partial(entry, y))
        for y in site.years.values()
    ]
    text = _dump(_site_document(site, at, [], memo))
    if not entries:
        return text
    # Only the top level's keys stand two spaces in, so this is the document's own "years".
    return text.replace('\n  "years": []', '\n  "years": [\n    ' + ",\n    ".join(entries) + "\n  ]", 1)


def _year_files(site: Site, year: YearContent, at: Callable[[str], Addresses]) -> dict[str, str]:
    makers: dict[str, Callable[[Addresses], str]] = {}
    if year.result:
        makers["scores.json"] = lambda a: _dump(scores_json(year, a))
        makers["scores.csv"] = lambda a: write_csv(SCORES, score_rows(year))
        makers["questions.csv"] = lambda a: write_csv(QUESTIONS, question_rows(year))
    if year.plan:
        makers["measures.json"] = lambda a: _dump(measures_json(site, year, a))
        makers["measures.csv"] = lambda a: write_csv(MEASURES, measure_rows(site, year, a))
        makers["measure-results.csv"] = lambda a: write_csv(MEASURE_RESULTS, measure_result_rows(year, a))
    makers["oit.json"] = lambda a: _dump(oit_json(year, a))
    makers["oit.csv"] = lambda a: write_csv(OIT, oit_rows(year, a))
    paths = {name: f"{DATA_DIR}/{year.year}/{name}" for name in makers}
    return {paths[name]: make(at(paths[name])) for name, make in makers.items()}


def render_open_data(site: Site, urls: UrlScheme = DIRECTORY_URLS, site_url: str | None = None,
                     memo: Memo | None = None) -> dict[str, str]:
    """Every file under ``data/`` (its download page is rendered with the pages), keyed by its path relative to the
    docs folder, in a stable order. Addresses are absolute with ``site_url``, else relative to their file
    (:class:`Addresses`). With ``memo`` (a preview's), a year's files are made again only when that year changed."""
    sources = frozenset(link_sources(site))
    website = site.organisation.contact.website

    def at(file: str) -> Addresses:
        return Addresses(urls, site_url or None, file, sources, website)

    files: dict[str, str] = {SITE_JSON: site_json_text(site, at(SITE_JSON), memo)}
    shape = (urls, site_url, site.organisation, sources)
    for year in site.years.values():
        files |= remembered(memo, ("data", year.year), (year, shape), partial(_year_files, site, year, at))
    # The package's resource paths stay relative: the Data Package standard resolves them against the descriptor
    # (as RFC 3986 does), and absolute ones make a validator or a harvester reading a copy fetch the live site.
    files[PACKAGE] = _dump(datapackage(site, files))
    return dict(sorted(files.items()))

"""Which reports a site has, and each one's PDF and DOCX bytes."""

from __future__ import annotations

import datetime as dt

from generator.memo import Memo, remembered
from generator.model.site import Site, YearContent
from generator.render.reports.common import Formats
from generator.render.reports.document import Report, ReportKind
from generator.render.reports.measures import compose_measures_report
from generator.render.reports.result import compose_result_report
from generator.urls import report_file, year_reports


def compose_report(site: Site, year: YearContent, kind: ReportKind, fmt: Formats) -> Report:
    return compose_result_report(site, year, fmt) if kind == "result" else compose_measures_report(site, year, fmt)


def site_reports(site: Site, fmt: Formats, year: int | None = None, kind: str | None = None,
                 memo: Memo | None = None) -> list[Report]:
    """Every report of the site (or of one year, one kind), in year order, measures before result. With ``memo``, a
    report is composed again only when its year, the organisation or a framework changed."""
    shape = (site.organisation, site.frameworks, fmt)
    reports = []
    for content in site.years.values():
        for k in year_reports(content):
            if (year is None or content.year == year) and (kind is None or k == kind):
                def make(content: YearContent = content, k: str = k) -> Report:
                    return compose_report(site, content, k, fmt)  # type: ignore[arg-type]

                reports.append(remembered(memo, ("report", content.year, k), (content, shape), make))
    return reports


# The layout modules are imported by the first document laid out: a build whose documents all come from the cache
# never needs them.
def render_report_pdf(report: Report, date: dt.date) -> bytes:
    from generator.render.reports.pdf import render_pdf  # noqa: PLC0415
    from generator.render.reports.pdf_html import render_report_html  # noqa: PLC0415

    return render_pdf(render_report_html(report, date))


def render_report_docx(report: Report, date: dt.date) -> bytes:
    from generator.render.reports.docx import render_docx  # noqa: PLC0415

    return render_docx(report, date)


def report_files(report: Report) -> tuple[str, str]:
    """(PDF, DOCX) paths of a report relative to the site root."""
    return report_file(report.year, report.kind, "pdf"), report_file(report.year, report.kind, "docx")

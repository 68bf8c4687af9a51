"""The pipeline, start to finish: load → validate → check → render. Nothing is written here.

MkDocs calls this through :mod:`generator.plugin`; ``itasite check`` calls it without MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.check import check_site
from generator.content import Site, check_redirects, load_content
from generator.errors import ContentError, Finding, Severity
from generator.feed import FEED_PATH
from generator.opendata import DATA_PAGE, render_open_data
from generator.render import RenderSettings, render_site
from generator.validate import Lang


@dataclass(frozen=True)
class Generated:
    """The outcome of a successful run: the site, its pages and the warnings to show."""

    site: Site
    pages: dict[str, str]
    warnings: list[Finding]


def check_content(content_dir: Path, root: Path, lang: Lang = "th") -> tuple[Site | None, list[Finding]]:
    """Load, validate and cross-check everything; returns every finding, errors and warnings together."""
    site, findings = load_content(content_dir, root, lang)
    if site is None:
        return None, findings
    return site, check_site(site, lang) + _check_redirect_addresses(site, lang)


# Files MkDocs itself writes at the site root: an old address must not take their place either.
MKDOCS_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")


def _check_redirect_addresses(site: Site, lang: Lang) -> list[Finding]:
    if not site.redirects:
        return []
    pages = set(render_site(site)) | {DATA_PAGE}
    files = {p for p in render_open_data(site) if p != DATA_PAGE} | {FEED_PATH, *MKDOCS_FILES}
    return check_redirects(site, pages, files, lang)


def generate_pages(
    content_dir: Path, root: Path, settings: RenderSettings, lang: Lang = "th",
    checked: tuple[Site | None, list[Finding]] | None = None,
) -> Generated:
    """Every page of the site, or :class:`ContentError` with every error when the content is not right.
    ``checked`` is what :func:`check_content` already returned for this content, so it is not read twice."""
    site, findings = checked or check_content(content_dir, root, lang)
    errors = [f for f in findings if f.severity is Severity.error]
    if site is None or errors:
        raise ContentError(findings)
    return Generated(site, render_site(site, settings), findings)

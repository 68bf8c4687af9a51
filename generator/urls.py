"""The public address scheme: where every page and file of a site is, the addresses assessors and citizens keep.

Two kinds of name, as MkDocs has them (``mkdocs/structure/files.py``):
- a *source*: the Markdown path of a generated page relative to the docs folder (``2568/oit/o15.md``) or the
  path of a generated file (``data/2568/oit.csv``). Pages link to each other by source, and every builder that
  takes a Markdown tree turns those links into addresses;
- an *address*: where the published page is, relative to the site root. :class:`UrlScheme` gives it, following
  MkDocs' ``use_directory_urls`` (``2568/oit/o15/`` when true, ``2568/oit/o15.html`` when false).

Everything the site publishes about itself (open data, the feed, redirect pages, the footer) takes its addresses
from here; nothing else builds one from strings.
"""

from __future__ import annotations

import posixpath
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from generator.model.site import Site, YearContent

# -- page sources ------------------------------------------------------------------------------------------------

HOME_PAGE = "index.md"
TRENDS_PAGE = "trends.md"
ABOUT_PAGE = "about.md"
PRIVACY_PAGE = "privacy.md"
ACCESSIBILITY_PAGE = "accessibility.md"
SITEMAP_PAGE = "sitemap.md"
SITE_PAGES = (ABOUT_PAGE, PRIVACY_PAGE, ACCESSIBILITY_PAGE)
"""Pages about the site itself (government website standard), in the order the navigation lists them; an
organisation's own page of the same name replaces the generated one."""


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


# -- generated files ---------------------------------------------------------------------------------------------

DATA_DIR = "data"
DATA_PAGE = f"{DATA_DIR}/index.md"
SITE_JSON = f"{DATA_DIR}/site.json"
PACKAGE = f"{DATA_DIR}/datapackage.json"
FEED_FILE = "feed.xml"
ROBOTS_FILE = "robots.txt"
SEARCH_INDEX_DIR = "search/itasite"
MKDOCS_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")
"""Files MkDocs itself writes at the site root: an old address must not take their place either."""


def year_data_files(year: YearContent) -> list[tuple[str, str]]:
    """(table, format) of every open-data file of a year, in the order the download page lists them."""
    tables: list[str] = []
    if year.result:
        tables += ["scores", "questions"]
    if year.plan:
        tables += ["measures", "measure-results"]
    tables.append("oit")
    files = []
    for table in tables:
        if table not in ("questions", "measure-results"):
            files.append((table, "json"))
        files.append((table, "csv"))
    return files


def data_file(year: int, table: str, fmt: str) -> str:
    return f"{DATA_DIR}/{year}/{table}.{fmt}"


REPORT_FORMATS = ("pdf", "docx")


def report_file(year: int, kind: str, fmt: str) -> str:
    """A generated report document: ``2569/reports/measures.pdf``, ``2568/reports/result.docx``."""
    return f"{year}/reports/{kind}.{fmt}"


def year_reports(year: YearContent) -> list[str]:
    """The kinds of report a year has: ``measures`` when it has measures, ``result`` when it has a result."""
    return (["measures"] if year.plan else []) + (["result"] if year.result else [])


def report_files(site: Site) -> list[str]:
    """Every generated report document of the site, year by year, PDF before DOCX."""
    return [report_file(y.year, kind, fmt) for y in site.years.values() for kind in year_reports(y) for fmt in REPORT_FORMATS]


# -- the site's pages and files, without rendering them ------------------------------------------------------------


def site_pages(site: Site) -> list[str]:
    """Every generated page of ``site``, in the order they are rendered (the checks know them without rendering)."""
    pages = [HOME_PAGE, TRENDS_PAGE, *SITE_PAGES]
    for year in site.years.values():
        pages.append(year_page(year.year))
        if year.result:
            pages.append(indicators_page(year.year))
            pages += [indicator_page(year.year, ind.indicator) for ind in year.result.indicators]
        if year.plan:
            pages.append(measures_page(year.year))
            pages += [measure_page(year.year, m.id) for m in year.plan.measures]
        pages.append(oit_page(year.year))
        pages += [oit_item_page(year.year, item.code) for item in year.framework.items]
    pages += [DATA_PAGE, SITEMAP_PAGE]
    return pages


def site_files(site: Site) -> list[str]:
    """Every generated file that is not a page: the open data (its download page is a page), the feed and the report
    documents."""
    files = [SITE_JSON, PACKAGE, FEED_FILE]
    if ROBOTS_FILE not in site.files:  # an organisation's own robots.txt is published instead
        files.append(ROBOTS_FILE)
    for year in site.years.values():
        files += [data_file(year.year, table, fmt) for table, fmt in year_data_files(year)]
    return files + report_files(site)


# -- addresses ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UrlScheme:
    """Sources to addresses and output files, for one value of MkDocs' ``use_directory_urls``."""

    directory_urls: bool = True

    def output_file(self, source: str) -> str:
        """The file a page or a generated file is written to, relative to the site folder."""
        if not source.endswith(".md"):
            return source
        stem = source.removesuffix(".md")
        if stem == "index" or stem.endswith("/index") or not self.directory_urls:
            return f"{stem}.html"
        return f"{stem}/index.html"

    def url(self, source: str) -> str:
        """The address of a page or file relative to the site root; ``""`` is the home page."""
        dest = self.output_file(source)
        if self.directory_urls and (dest == "index.html" or dest.endswith("/index.html")):
            return dest.removesuffix("index.html")
        return dest

    def absolute(self, source: str, site_url: str | None) -> str:
        """The full address when the site's ``site_url`` is known, else the address relative to the site root."""
        return (site_url.rstrip("/") + "/" if site_url else "") + self.url(source)


def relative(from_source: str, to_source: str) -> str:
    """A link from one page to another as the relative path between their sources (builders resolve it)."""
    return posixpath.relpath(to_source, posixpath.dirname(from_source) or ".")


def relative_address(from_file: str, to_address: str) -> str:
    """A link from a published file to an address, both relative to the site root."""
    rel = posixpath.relpath(to_address or ".", posixpath.dirname(from_file) or ".")
    if rel == ".":
        return "./"
    return rel + "/" if to_address == "" or to_address.endswith("/") else rel


def page_candidates(address: str) -> tuple[str, ...]:
    """The page sources an address written by a clerk can name: ``2568/oit/o1/`` or ``2568/oit/o1.html`` →
    ``2568/oit/o1.md`` (or ``…/o1/index.md``); ``""`` → the home page."""
    if address == "":
        return (HOME_PAGE,)
    if address.endswith("/"):
        stem = address.rstrip("/")
        return (f"{stem}.md", f"{stem}/index.md")
    if address.endswith(".html"):
        return (address.removesuffix(".html") + ".md",)
    return ()


def redirect_file(old: str) -> str:
    """Where the redirect page for an old address is written: ``2568/oit/o30/`` → ``2568/oit/o30/index.html``;
    an old file name (``ita2568.html``) is kept as it is."""
    return old if old.endswith(".html") else f"{old}index.html"


DIRECTORY_URLS = UrlScheme(directory_urls=True)
"""MkDocs' default scheme: ``2568/oit/o15/``."""


# -- links in the content --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkTarget:
    """Where a link of the content leads: a page or file of the site (``source``, linked relative to the page that
    shows it, so every builder resolves it) or an address elsewhere (``url``)."""

    source: str | None = None
    url: str | None = None
    fragment: str = ""


def link_sources(site: Site) -> set[str]:
    """Everything a link of the content may name: the generated pages and files and the content's own files."""
    return {*site_pages(site), *site_files(site), *site.files}


def resolve_link(address: str, sources: AbstractSet[str], website: str | None) -> LinkTarget | None:
    """What a link typed in the content means. ``https://…`` and ``mailto:…`` are kept; anything else is an address
    from the site's root (a leading ``/`` is optional), as agencies write them: a page of the site (``2569/measures/m1/``
    or ``2569/measures/m1.md``) or a file in the content folder (``files/plan.pdf``), else the same address on the
    agency's main website when ``organisation.yml`` gives one; None when it leads nowhere."""
    if address.lower().startswith(("http://", "https://", "mailto:")):
        return LinkTarget(url=address)
    path, hash_, fragment = address.partition("#")
    path = path.lstrip("/")
    fragment = hash_ + fragment
    if path in sources:
        return LinkTarget(source=path, fragment=fragment)
    names_a_page = page_candidates(path) + (() if path.endswith("/") or path == "" else page_candidates(path + "/"))
    for candidate in names_a_page:
        if candidate in sources:
            return LinkTarget(source=candidate, fragment=fragment)
    if website:
        return LinkTarget(url=website.rstrip("/") + "/" + path + fragment)
    return None


def published_address(address: str, from_file: str, site_url: str | None) -> str:
    """An address relative to the site root (``UrlScheme.url``) as a file published at ``from_file`` writes it for a
    client that resolves it against that file's own address (RFC 3986, section 5): absolute when the site's
    ``site_url`` is known, else relative to ``from_file``'s folder (``data/2569/oit.csv`` → ``../../2569/oit/o1/``)."""
    if site_url:
        return site_url.rstrip("/") + "/" + address
    return relative_address(from_file, address)

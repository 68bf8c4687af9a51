"""MkDocs integration: MkDocs' events wired to code that knows nothing of MkDocs.

Enabled in ``site_config.yml`` as ``plugins: [search, itasite]``. The YAML content lives in the ``docs_dir`` (so
``mkdocs serve`` reloads on every edit) and is never published as is. ``on_config`` runs the pipeline once; the
other events hand its pages and files to MkDocs, date the sitemap, collect the search text and, for a build,
swap the finished site in only when everything succeeded.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
from html import unescape
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.errors import ContentError, UserError
from generator.pipeline import RenderedSite, build_site
from generator.publish.files import (
    HostedDocument,
    add_generated_files,
    document_search_pages,
    hosted_documents,
    show_error_pages,
    write_search_index,
)
from generator.publish.reports import CACHE_DIR, build_reports
from generator.publish.site_config import LATEST_DAY, apply_to_config, epoch, render_settings
from generator.publish.staging import Staging
from generator.render.error_page import render_error_page
from generator.render.search import SearchPage, extract_page
from generator.urls import SITEMAP_PAGE, UrlScheme

log = logging.getLogger("mkdocs.plugins.itasite")

PACKAGE = Path(__file__).resolve().parent.parent
WATCHED = (PACKAGE / "render" / "templates", PACKAGE / "frameworks")
# The sitemap page lists every title, so it would match almost any query and cost a large download.
NOT_SEARCHED = {SITEMAP_PAGE}


CONTENT_ERRORS = "itasite: the content has errors:"


class ContentBuildError(PluginError):
    """The content has errors: MkDocs prints the report (every finding) and stops; ``itasite build`` prints the
    same report in its own words."""

    def __init__(self, error: ContentError) -> None:
        self.error = error
        super().__init__(f"{CONTENT_ERRORS}\n{error.report()}")


class ItaSiteConfig(Config):
    digits = c.Choice(("thai", "arabic"), default="thai")
    """Digits of numbers, years and dates on the site."""
    date_style = c.Choice(("long", "short"), default="long")
    """``๒๘ ตุลาคม ๒๕๖๕`` (long) or ``28 ต.ค. 2565`` (short)."""
    lang = c.Choice(("th", "en"), default="th")
    """Language of error messages."""
    thai_search = c.Type(bool, default=True)
    """Replace the index behind Material's search box with the Thai-aware one (generator/render/search.py)."""


class ItaSitePlugin(BasePlugin[ItaSiteConfig]):
    def __init__(self) -> None:
        self.command = ""
        self.rendered: RenderedSite | None = None
        self.staging: Staging | None = None
        self.succeeded = False
        self.search_pages: list[SearchPage] = []
        self.documents: list[HostedDocument] = []  # the PDF and DOCX files whose text the search index holds
        self.reports: dict[str, bytes] = {}  # the report documents' bytes, by path
        self.page_dates: dict[str, dt.date] = {}
        self.error_pages: dict[str, str] = {}
        self.served_pages: list[str] = []  # the pages of the last good preview, where a browser may be
        self.epoch_set = ""  # the SOURCE_DATE_EPOCH this plugin set, so a rebuild under `serve` can update it

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # MkDocs keeps one plugin instance per process across configurations (build-many reuses its workers):
        # nothing of a previous build may carry over.
        self.rendered, self.staging, self.succeeded = None, None, False
        docs_dir = Path(config.docs_dir)
        root = Path(config.config_file_path).parent if config.config_file_path else docs_dir.parent
        settings = render_settings(config, self.config.digits, self.config.date_style)  # type: ignore[arg-type]
        self.error_pages = {}
        try:
            self.rendered = build_site(docs_dir, root, settings, self.config.lang)  # type: ignore[arg-type]
        except ContentError as exc:
            if self.command != "serve":
                raise ContentBuildError(exc) from None
            # The preview shows the findings, at every page the browser may be on, until the content is fixed.
            page = render_error_page(exc.findings, self.config.lang)  # type: ignore[arg-type]
            self.error_pages = {source: page for source in ["index.md", *self.served_pages]}
            config.nav = [{"ข้อผิดพลาด": "index.md"}]
            return config
        self.served_pages = list(self.rendered.pages)
        try:
            self.reports = build_reports(self.rendered.reports, self.rendered.date, root / CACHE_DIR, prune=True)
        except UserError as exc:  # the machine lacks what a report needs (Pango): the message says what to install
            raise PluginError(str(exc)) from None
        for finding in self.rendered.warnings:
            log.info(finding.format())  # warnings fail only `itasite check --strict`, not the build
        apply_to_config(config, self.rendered, settings, self.config.thai_search)
        # A user's own SOURCE_DATE_EPOCH wins; otherwise the site's date from its data (the feed's <updated>, the
        # sitemap's latest <lastmod>) is MkDocs' build date.
        if os.environ.get("SOURCE_DATE_EPOCH", self.epoch_set) == self.epoch_set:
            self.epoch_set = os.environ["SOURCE_DATE_EPOCH"] = epoch(self.rendered.date)
        if self.command == "build":
            self.staging = Staging(Path(config.site_dir))
            config.site_dir = str(self.staging.folder)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.documents = []
        if self.error_pages:
            return show_error_pages(files, config, self.error_pages)
        assert self.rendered is not None
        self.documents = hosted_documents(self.rendered.site)
        files = add_generated_files(files, config, self.rendered, self.reports)
        self.reports = {}
        # From here MkDocs holds the pages; of the content model only the sitemap dates are needed. Letting the rest
        # go (tens of thousands of objects) and freezing what lives on spares the garbage collector from walking
        # them again for every page (docs.python.org/3/library/gc.html#gc.freeze).
        self.page_dates = self.rendered.page_dates
        self.rendered = None
        gc.freeze()
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The sitemap's <lastmod> of a page is the latest date its data mentions (MkDocs would use the build date)."""
        day = self.page_dates.get(page.file.src_uri)
        if day is not None:
            page.update_date = min(day, LATEST_DAY).isoformat()
        if self.config.thai_search:
            # Material's search plugin would index every page only for us to empty its index; its documented
            # per-page exclusion makes it skip that work (our own index does not read this flag).
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return markdown

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        for folder in WATCHED:
            server.watch(str(folder))
        return server

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.search_pages = []

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.config.thai_search and page.url is not None and page.file.src_uri not in NOT_SEARCHED:
            # MkDocs keeps a title taken from the H1 HTML-escaped ("Q&amp;A"); the index holds text, which the
            # search worker escapes when it shows a result.
            self.search_pages.append(extract_page(page.url, unescape(page.title or ""), html))
        return html

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.config.thai_search:
            pages, self.search_pages = self.search_pages, []
            pages += document_search_pages(Path(config.docs_dir), self.documents, UrlScheme(config.use_directory_urls))
            write_search_index(Path(config.site_dir), pages)
        self.succeeded = True
        gc.unfreeze()  # `serve` rebuilds in the same process: what this build leaves must be collectable

    def on_build_error(self, error: Exception) -> None:
        self.succeeded = False
        gc.unfreeze()

    def on_shutdown(self) -> None:
        staging, self.staging = self.staging, None
        if staging is None:
            return
        staging.finish(self.succeeded)
        if self.succeeded:
            log.info(f"itasite: the site is ready in {staging.final}")
        else:
            log.error("itasite: the build failed; the previous site was left untouched")

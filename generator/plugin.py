"""MkDocs integration: generated pages become virtual files, and a build replaces ``site/`` only when it succeeds.

Enabled in ``site_config.yml`` as ``plugins: [search, itasite]``. The YAML content lives in the ``docs_dir``
(so ``mkdocs serve`` reloads on every edit) and is never published as is.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.build import Generated, generate_pages
from generator.content import Site, is_content_file
from generator.errors import ContentError, Finding, Severity
from generator.feed import FEED_PATH, Update, collect_updates, page_dates, render_feed, site_date
from generator.opendata import DATA_PAGE, render_open_data
from generator.redirects import render_redirects
from generator.render import SITE_PAGES, SITEMAP_PAGE, RenderSettings, render_nav
from generator.search import INDEX_DIR, SearchPage, build_search_index, extract_page

log = logging.getLogger("mkdocs.plugins.itasite")

# The sitemap page lists every title, so it would match almost any query and cost a large download.
NOT_SEARCHED = {SITEMAP_PAGE}


class ItaSiteConfig(Config):
    digits = c.Choice(("thai", "arabic"), default="thai")
    """Digits of numbers, years and dates on the site."""
    date_style = c.Choice(("long", "short"), default="long")
    """``๒๘ ตุลาคม ๒๕๖๕`` (long) or ``28 ต.ค. 2565`` (short)."""
    lang = c.Choice(("th", "en"), default="th")
    """Language of error messages."""
    thai_search = c.Type(bool, default=True)
    """Replace the index behind Material's search box with the Thai-aware one (generator/search.py)."""


class ItaSitePlugin(BasePlugin[ItaSiteConfig]):
    def __init__(self) -> None:
        self.command = ""
        self.generated: Generated | None = None
        self.final_site_dir: Path | None = None
        self.staging_dir: Path | None = None
        self.succeeded = False
        self.search_pages: list[SearchPage] = []
        self.epoch_set = ""  # the SOURCE_DATE_EPOCH this plugin set, so a rebuild under `serve` can update it
        self.checked: tuple[Site | None, list[Finding]] | None = None  # set by `itasite build`: content read once
        self.extra_files: dict[str, str] = {}  # open data, the download page, the feed, redirect pages
        self.updates: list[Update] = []
        self.page_dates: dict[str, str] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        docs_dir = Path(config.docs_dir)
        root = Path(config.config_file_path).parent if config.config_file_path else docs_dir.parent
        settings = RenderSettings(digits=self.config.digits, date_style=self.config.date_style)  # type: ignore[arg-type]
        try:
            checked, self.checked = self.checked, None  # only for the first build; `serve` rebuilds read again
            self.generated = generate_pages(docs_dir, root, settings, self.config.lang, checked)  # type: ignore[arg-type]
        except ContentError as exc:
            raise PluginError("itasite: the content has errors:\n" + exc.report()) from None
        for finding in self.generated.warnings:
            if finding.severity is Severity.warning:
                log.info(finding.format())  # warnings fail only `itasite check --strict`, not the build
        site = self.generated.site
        self.updates = collect_updates(site, self.config.digits)  # type: ignore[arg-type]
        self.extra_files = {
            **render_open_data(site, self.config.digits),  # type: ignore[arg-type]
            FEED_PATH: render_feed(site, self.updates, config.site_url),
            **render_redirects(site, config.site_name, config.site_url),
        }
        logo = self.generated.site.organisation.logo
        if logo and not config.theme.get("logo"):
            config.theme["logo"] = logo  # an image in the content folder; MkDocs publishes it as a static file
        for path in SITE_PAGES:  # an organisation's own about/privacy/accessibility page replaces the generated one
            if (docs_dir / path).is_file():
                del self.generated.pages[path]
        if config.nav is None:
            hand_written = _hand_written_pages(docs_dir, self.generated.pages | self.extra_files)
            extra_pages = [p for p in hand_written if p not in SITE_PAGES] + [DATA_PAGE]
            config.nav = render_nav(site, settings, extra_pages)
        # A user's own SOURCE_DATE_EPOCH wins; otherwise the site's date from its data (the feed's <updated>, the
        # sitemap's latest <lastmod>) is MkDocs' build date, so two builds of the same content are byte-identical.
        if os.environ.get("SOURCE_DATE_EPOCH", self.epoch_set) == self.epoch_set:
            self.epoch_set = os.environ["SOURCE_DATE_EPOCH"] = _epoch(site_date(site, self.updates))
        if self.command == "build":
            self._stage(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.generated is not None
        for file in list(files):
            if not file.generated_by and is_content_file(file.src_uri):
                files.remove(file)
        clashes = [path for path in self.generated.pages | self.extra_files if files.get_file_from_path(path) is not None]
        published = {f.dest_uri for f in files}
        clashes += [path for path in self.extra_files if path.endswith(".html") and path in published]
        if clashes:
            raise PluginError(
                "itasite: these hand-written pages use addresses the generator owns; rename or move them: "
                + ", ".join(sorted(clashes))
            )
        for path, markdown in self.generated.pages.items():
            files.append(File.generated(config, path, content=markdown))
        for path, text in self.extra_files.items():
            files.append(File.generated(config, path, content=text))
        pages = [f.src_uri for f in files.documentation_pages()]
        dates = page_dates(self.generated.site, pages, self.updates)
        self.page_dates = {page: day.isoformat() for page, day in dates.items()}
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The sitemap's <lastmod> of a page is the latest date its data mentions (MkDocs would use the build date)."""
        page.update_date = self.page_dates.get(page.file.src_uri, page.update_date)
        if self.config.thai_search:
            # Material's search plugin would index every page only for us to empty its index; its documented
            # per-page exclusion makes it skip that work (our own index does not read this flag).
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return markdown

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(Path(__file__).parent / "templates"))
        server.watch(str(Path(__file__).parent / "frameworks"))
        return server

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.search_pages = []

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.config.thai_search and page.url is not None and page.file.src_uri not in NOT_SEARCHED:
            self.search_pages.append(extract_page(page.url, page.title or "", html))
        return html

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.config.thai_search:
            _write_search_index(Path(config.site_dir), self.search_pages)
        self.succeeded = True

    def on_build_error(self, error: Exception) -> None:
        self.succeeded = False

    def on_shutdown(self) -> None:
        if self.staging_dir is None or self.final_site_dir is None:
            return
        if self.succeeded:
            _replace_dir(self.staging_dir, self.final_site_dir)
            log.info(f"itasite: the site is ready in {self.final_site_dir}")
        else:
            shutil.rmtree(self.staging_dir, ignore_errors=True)
            log.error("itasite: the build failed; the previous site was left untouched")

    def _stage(self, config: MkDocsConfig) -> None:
        """Build into a sibling folder; :meth:`on_shutdown` swaps it in only after MkDocs (and --strict) succeeded."""
        final = Path(config.site_dir)
        self.final_site_dir = final
        self.staging_dir = final.parent / f"{final.name}.tmp-{os.getpid()}"
        shutil.rmtree(self.staging_dir, ignore_errors=True)
        config.site_dir = str(self.staging_dir)


def _write_search_index(site_dir: Path, pages: list[SearchPage]) -> None:
    """Write the Thai search index, and empty Material's own index so the browser never downloads the whole site."""
    shutil.rmtree(site_dir / INDEX_DIR, ignore_errors=True)
    for rel, text in build_search_index(pages).items():
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    material_index = site_dir / "search" / "search_index.json"
    if material_index.exists():
        data = json.loads(material_index.read_text(encoding="utf-8"))
        material_index.write_text(json.dumps({"config": data.get("config", {}), "docs": []}), encoding="utf-8")


def _hand_written_pages(docs_dir: Path, generated: dict[str, str]) -> list[str]:
    pages = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    return [p for p in pages if p not in generated]


def _epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()))


def _replace_dir(new: Path, final: Path) -> None:
    """Put ``new`` where ``final`` is, keeping the old one until the new one is in place."""
    old = final.parent / f"{final.name}.old-{os.getpid()}"
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)

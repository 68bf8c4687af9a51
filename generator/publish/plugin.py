"""MkDocs integration: an adapter over the publish stage, the way mkdocs-gen-files is (a few hooks, no publishing).

Enabled in ``site_config.yml`` as ``plugins: [search, itasite]``, so that ``mkdocs build`` and ``mkdocs serve`` work
on a site folder as they are. ``on_config`` renders the site once and has the publish stage write its tree
(:mod:`generator.publish.stage`) into a scratch folder; ``on_files`` hands MkDocs the tree's files instead of the
content folder's; ``on_post_build`` runs the same last steps as every other engine's build; a build is staged and
swapped in by :class:`Staging` only when it succeeded. The content stays MkDocs' ``docs_dir``, so ``mkdocs serve``
rebuilds on every YAML edit, and shows the located findings in place of every page while the content has errors.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.errors import ContentError, UserError
from generator.load.content import is_content_file, is_ignored_file
from generator.pipeline import build_site
from generator.publish.build import finish_built_site
from generator.publish.settings import CHOICES, DEFAULTS, SiteSettings, read_settings
from generator.publish.site_config import apply_to_config
from generator.publish.stage import DOCS, stage_tree, write_tree
from generator.publish.staging import Staging
from generator.render.error_page import render_error_page
from generator.render.sitemap import SITEMAP_FILE

log = logging.getLogger("mkdocs.plugins.itasite")

PACKAGE = Path(__file__).resolve().parent.parent
WATCHED = (PACKAGE / "render" / "templates", PACKAGE / "frameworks")
CONTENT_ERRORS = "itasite: the content has errors:"


class ContentBuildError(PluginError):
    """The content has errors: MkDocs prints the report (every finding) and stops."""

    def __init__(self, error: ContentError) -> None:
        self.error = error
        super().__init__(f"{CONTENT_ERRORS}\n{error.report()}")


class ItaSiteConfig(Config):
    digits = c.Choice(CHOICES["digits"], default=DEFAULTS["digits"])
    """Digits of numbers, years and dates on the site."""
    date_style = c.Choice(CHOICES["date_style"], default=DEFAULTS["date_style"])
    """``๒๘ ตุลาคม ๒๕๖๕`` (long) or ``28 ต.ค. 2565`` (short)."""
    lang = c.Choice(CHOICES["lang"], default=DEFAULTS["lang"])
    """Language of error messages."""
    thai_search = c.Type(bool, default=DEFAULTS["thai_search"])
    """Replace the index behind Material's search box with the Thai-aware one (generator/render/search.py)."""


class ItaSitePlugin(BasePlugin[ItaSiteConfig]):
    def __init__(self) -> None:
        self.command = ""
        self.tree: Path | None = None  # the publish stage's tree of the current build
        self.pages: list[str] = []  # the pages of the last good build, where a browser may be in a preview
        self.error_pages: dict[str, str] = {}
        self.settings: SiteSettings | None = None
        self.staging: Staging | None = None
        self.succeeded = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # One plugin instance may serve several configurations (build-many's workers): nothing carries over.
        self.staging, self.succeeded, self.error_pages = None, False, {}
        self.settings = settings = read_settings(config)
        try:
            rendered = build_site(settings.content_dir, settings.root, settings.render, settings.lang)
        except ContentError as exc:
            if self.command != "serve":
                raise ContentBuildError(exc) from None
            page = render_error_page(exc.findings, settings.lang)
            self.error_pages = {source: page for source in ["index.md", *self.pages]}
            config.nav = [{"ข้อผิดพลาด": "index.md"}]
            return config
        for finding in rendered.warnings:
            log.info(finding.format())  # warnings fail only `itasite check --strict`, not the build
        try:
            tree = stage_tree(rendered, settings)
        except UserError as exc:  # the machine lacks what a report needs (Pango): the message says what to install
            raise PluginError(str(exc)) from None
        if self.tree is None:  # `serve` keeps one tree and rewrites only what changed
            self.tree = Path(tempfile.mkdtemp(prefix="itasite-tree-"))
        write_tree(tree, self.tree, prune=True)
        self.pages = [*rendered.pages, *rendered.hand_written]
        apply_to_config(config, rendered, settings.render, settings.thai_search)
        config.theme.static_templates.discard(SITEMAP_FILE)  # the tree has the sitemap with the data's dates
        if self.command == "build":
            try:
                self.staging = Staging(settings.site_dir)
            except UserError as exc:
                raise PluginError(str(exc)) from None
            config.site_dir = str(self.staging.folder)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.error_pages:
            return show_error_pages(files, config, self.error_pages)
        assert self.tree is not None
        docs = self.tree / DOCS
        tree_files = [File(p.relative_to(docs).as_posix(), str(docs), config.site_dir, config.use_directory_urls)
                      for p in sorted(docs.rglob("*")) if p.is_file()]
        taken = {f.src_uri for f in tree_files}
        content = Path(config.docs_dir).resolve()
        kept = [f for f in files if f.src_uri not in taken and not Path(f.abs_src_path or "").resolve().is_relative_to(content)]
        return Files(kept + tree_files)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        for folder in WATCHED:
            server.watch(str(folder))
        return server

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.error_pages or self.settings is None:
            return
        try:
            finish_built_site(Path(config.site_dir), self.settings)
        except UserError as exc:
            raise PluginError(str(exc)) from None
        self.succeeded = True

    def on_build_error(self, error: Exception) -> None:
        self.succeeded = False

    def on_shutdown(self) -> None:
        if self.tree is not None:
            shutil.rmtree(self.tree, ignore_errors=True)
            self.tree = None
        staging, self.staging = self.staging, None
        if staging is None:
            return
        staging.finish(self.succeeded)
        if self.succeeded:
            log.info(f"itasite: the site is ready in {staging.final}")
        else:
            log.error("itasite: the build failed; the previous site was left untouched")


def show_error_pages(files: Files, config: MkDocsConfig, pages: dict[str, str]) -> Files:
    """Under ``serve`` with content errors: the error page in place of every page, the content's data left out."""
    for file in list(files):
        if not file.generated_by and (
            is_content_file(file.src_uri) or is_ignored_file(file.src_uri) or file.src_uri in pages
        ):
            files.remove(file)
    for path, text in pages.items():
        files.append(File.generated(config, path, content=text))
    return files

"""``itasite build``: render once, publish the tree, let the chosen engine make the HTML, check what it made and
swap the finished site in. A failed build, at any step, leaves the existing ``site/`` as it was."""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import re
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from generator.errors import UserError
from generator.messages import both
from generator.pipeline import build_site
from generator.publish.conversions import CONVERSIONS_DIR, PLUGIN, KeptConversions
from generator.publish.engines import DEFAULT_ENGINE, ENGINES, find_program, run_engine
from generator.publish.reports import CACHE_DIR
from generator.publish.settings import SiteSettings, load_mkdocs_config, load_settings
from generator.publish.stage import DOCS, TREE_CONFIG, search_index_files, search_memo_from_pages, stage_tree, write_tree
from generator.publish.staging import Staging
from generator.publish.word_cuts import read_word_cuts, write_word_cuts
from generator.render.compiled import use_compiled_templates
from generator.render.search import SearchPage, extract_page
from generator.render.sitemap import SITEMAP_FILE, SITEMAP_GZ_FILE, epoch
from generator.urls import SEARCH_INDEX_DIR

log = logging.getLogger("mkdocs.plugins.itasite")

MATERIAL_INDEX = "search/search_index.json"
_ASSET = re.compile(r"""<(?:script\b[^>]*?\bsrc|link\b[^>]*?\bhref)=["']([^"'#?]+)[^"']*["']""", re.I)


def build_site_folder(config_path: Path, *, engine: str = DEFAULT_ENGINE, strict: bool = True) -> int:
    """Build the site of ``config_path`` into its ``site_dir`` with ``engine``; returns the exit code."""
    chosen = ENGINES[engine]
    if chosen.name != DEFAULT_ENGINE:
        find_program(chosen)  # not installed: say so before any work
    settings = load_settings(config_path, strict=strict)
    read_word_cuts(settings.root)
    rendered = build_site(settings.content_dir, settings.root, settings.render, settings.lang)
    for finding in rendered.warnings:
        log.info(finding.format())  # warnings fail only `itasite check --strict`, not the build
    staging = Staging(settings.site_dir)
    succeeded = False
    in_process = chosen.name == DEFAULT_ENGINE
    try:
        tree = stage_tree(rendered, settings, search=not in_process)
        extracted: dict[str, SearchPage] = {}

        def extract(source: str, html: str) -> None:
            if settings.thai_search:
                extracted[source] = extract_page(settings.urls.url(source), "", html)

        date = rendered.date
        # The tree sits in the site's cache folder, on the site's disk: the engine's output is renamed into place.
        cache = settings.root / CACHE_DIR
        cache.mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache, prefix="tree-") as folder:
            write_tree(tree, Path(folder))
            del tree
            with _build_date(epoch(date)):
                if in_process:
                    build_with_mkdocs(
                        Path(folder) / TREE_CONFIG, strict=strict, keep=extract, conversions=settings.root / CONVERSIONS_DIR)
                elif run_engine(chosen, Path(folder) / TREE_CONFIG, strict=strict) != 0:
                    raise UserError(both(f"{chosen.name} สร้างเว็บไซต์ไม่สำเร็จ (ดูข้อความด้านบน)", f"{chosen.name} build failed"))
            if in_process and settings.thai_search:  # from MkDocs' own HTML of each page: converted once
                memo = search_memo_from_pages(rendered, settings, extracted)
                for path, data in search_index_files(rendered, settings, memo).items():
                    target = Path(folder) / "site" / path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
            del rendered
            for name in (SITEMAP_FILE, SITEMAP_GZ_FILE):  # an engine that writes its own (Zensical) does not keep it
                shutil.copyfile(Path(folder) / DOCS / name, Path(folder) / "site" / name)
            staging.folder.rmdir()
            shutil.move(Path(folder) / "site", staging.folder)
        finish_built_site(staging.folder, settings)
        succeeded = True
    finally:
        staging.finish(succeeded)
    if succeeded:
        write_word_cuts(settings.root)
        log.info(f"itasite: the site is ready in {staging.final}")
    return 0


@contextlib.contextmanager
def _build_date(seconds: int) -> Iterator[None]:
    """The site's date from its data as the engine's build date (``SOURCE_DATE_EPOCH``), unless the user set one;
    restored afterwards (``build-many`` builds many sites in one process)."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    if saved is None:
        os.environ["SOURCE_DATE_EPOCH"] = str(seconds)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def build_with_mkdocs(
    config_file: Path, *, strict: bool, keep: Callable[[str, str], None] | None = None, conversions: Path | None = None,
) -> None:
    """MkDocs' own build of a tree, in this process; ``keep(source, html)`` is given each page's content as it is
    made; ``conversions`` is the folder of the pages' kept conversions (:mod:`generator.publish.conversions`).
    MkDocs renders every page before it writes the first one and keeps each page's Markdown and HTML to the end:
    here a rendered page's Markdown and HTML are held compressed until its template is rendered (the theme reads
    both), and dropped once the page is written."""
    from mkdocs.commands.build import build  # noqa: PLC0415
    from mkdocs.exceptions import Abort, BuildError  # noqa: PLC0415
    from mkdocs.plugins import BasePlugin, event_priority  # noqa: PLC0415

    held: dict[str, bytes] = {}

    class DropContent(BasePlugin):  # type: ignore[type-arg]
        def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
            return use_compiled_templates(env)

        @event_priority(-100)  # after every other plugin's look at the page's HTML
        def on_page_content(self, content: str, *, page: Any, config: Any, files: Any) -> str:
            if keep is not None:
                keep(page.file.src_uri, content)
            held[page.file.src_uri] = zlib.compress(f"{len(content)}\0{content}{page.markdown}".encode(), 1)
            page.markdown = ""  # not None: its title would be None in the navigation of every later page
            return ""

        @event_priority(100)  # before any other plugin (Material's search) reads it
        def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
            size, _, both_texts = zlib.decompress(held.pop(page.file.src_uri)).decode().partition("\0")
            page.content, page.markdown = both_texts[: int(size)], both_texts[int(size):]
            return context

        @event_priority(-100)
        def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
            page.content = page.markdown = ""
            return output

    config = load_mkdocs_config(config_file, strict=strict)
    config.plugins["itasite-content"] = DropContent()
    kept = None if conversions is None else KeptConversions(conversions)
    if kept is not None:
        config.plugins[PLUGIN] = kept
    config.plugins.on_startup(command="build", dirty=False)
    # What lives on from here is MkDocs' own: freezing it spares the garbage collector from walking it again for
    # every page (docs.python.org/3/library/gc.html#gc.freeze).
    gc.freeze()
    try:
        build(config)
        if kept is not None:
            kept.finish(whole=True)
    except (Abort, BuildError) as exc:
        raise UserError(str(exc)) from None
    finally:
        config.plugins.on_shutdown()
        gc.unfreeze()


def finish_built_site(site_dir: Path, settings: SiteSettings) -> None:
    """The same last steps and checks for every engine's output: Material's own search index emptied when the
    Thai one replaces it (the browser never downloads the whole site), and no page that asks for a script or
    stylesheet of the site that is not there."""
    material_index = site_dir / MATERIAL_INDEX
    if settings.thai_search and material_index.is_file():
        data = json.loads(material_index.read_text(encoding="utf-8"))
        if data.get("docs"):  # a page the tree could not mark (its own front matter says otherwise)
            data["docs"] = []
            material_index.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    if settings.thai_search and not (site_dir / SEARCH_INDEX_DIR / "meta.json").is_file():
        raise UserError(both("ไม่พบดัชนีการค้นหาภาษาไทยในเว็บไซต์ที่สร้าง", "the built site lacks the Thai search index"))
    missing = sorted(missing_assets(site_dir, urlsplit(settings.render.site_url or "/").path))
    if missing:
        raise UserError(both(
            "หน้าเว็บเรียกไฟล์ที่ไม่มีในเว็บไซต์ที่สร้าง: " + ", ".join(f"{page} → {asset}" for page, asset in missing[:10]),
            "pages ask for files the built site lacks",
        ))


def missing_assets(site_dir: Path, root_path: str = "/") -> Iterator[tuple[str, str]]:
    """(page, address) of every local script or stylesheet a built page names that the site does not have; an
    address from the server's root (the 404 page's) starts with the path of ``site_url`` (``root_path``)."""
    root_path = root_path.rstrip("/") + "/"
    for page in site_dir.rglob("*.html"):
        rel = page.relative_to(site_dir).as_posix()
        text = page.read_text(encoding="utf-8", errors="replace")
        for address in set(_ASSET.findall(text)):
            parts = urlsplit(address)
            if parts.scheme or parts.netloc or not address.endswith((".js", ".css")):
                continue
            path = unquote(parts.path)
            if path.startswith("/"):
                if not path.startswith(root_path):
                    yield rel, address  # outside the site's own address
                    continue
                target = site_dir / path.removeprefix(root_path)
            else:
                target = page.parent / path
            if not target.is_file():
                yield rel, address

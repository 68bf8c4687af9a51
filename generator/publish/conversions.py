"""Each page's Markdown-to-HTML conversion kept between builds (``.itasite-cache/pages/``): MkDocs converts every
page again on every build, which is about half of its work on our pages (their tables are raw HTML that
Python-Markdown parses), though most pages of a rebuild are the same as last time.

An entry is found by what the conversion reads: the page's Markdown after every plugin's change, the page's own
addresses, every file of the build with its addresses (relative links are resolved and checked against them), the
Markdown extensions and their settings, the link validation levels and the versions of Python and the converters.
A page whose conversion logged anything is converted again next time, so every message is said on every build
(``--strict`` fails as before); an entry kept by a quieter build (``-q``) is not taken by one that says more. An
entry that cannot be read is not used; after a whole build only the entries it used are kept. The files of the
Thai search index are left out of the key: no page links to them, and a preview's tree holds its last run's."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
import unicodedata
import zlib
from collections.abc import Callable, Mapping
from functools import cache, partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.publish.reports import CACHE_DIR, is_own_folder, prune_entries
from generator.urls import SEARCH_INDEX_DIR

CONVERSIONS_DIR = Path(CACHE_DIR) / "pages"
PLUGIN = "itasite-conversions"
_INDEX = f"{SEARCH_INDEX_DIR}/"
_NAME = re.compile(r"[0-9a-f]{64}")
_LOGGERS = ("mkdocs", "MARKDOWN")  # MkDocs' link checks (mkdocs.structure.pages) and Python-Markdown's own


# Extensions whose HTML is made from the page's Markdown and their settings alone: Python-Markdown's own and
# PyMdown's, except those that read other files (snippets, b64) or the page's path on disk (pathconverter).
_BUILT_IN = {"abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes",
             "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc",
             "wikilinks"}
_READS_FILES = {"pymdownx.snippets", "pymdownx.b64", "pymdownx.pathconverter"}


def is_pure(extension: object) -> bool:
    """Whether an extension named in ``markdown_extensions`` makes a page's HTML from its Markdown alone."""
    if not isinstance(extension, str):
        return False
    name = extension.removeprefix("markdown.extensions.")
    return name in _BUILT_IN or (name.startswith("pymdownx.") and name.split(":")[0] not in _READS_FILES)


@cache
def converter_version() -> str:
    """The versions of everything that converts: another version may make other HTML."""
    names = ("mkdocs", "markdown", "pymdown-extensions", "pygments")
    # Python-Markdown parses raw HTML with a copy of the standard library's html.parser
    found = [f"python {sys.version}", f"unicode {unicodedata.unidata_version}"]
    for name in names:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} -")
    return ", ".join(found)


class _Said(logging.Handler):
    """Counts what a conversion logs."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.records += 1


def toc_tokens(items: Any) -> list[dict[str, Any]]:
    """A page's table of contents as the tokens Python-Markdown's ``toc`` gave MkDocs."""
    return [{"level": item.level, "id": item.id, "name": item.title, "children": toc_tokens(item.children)} for item in items]


class KeptConversions(BasePlugin):  # type: ignore[type-arg]
    """The plugin that takes a page's conversion from ``folder`` or converts it and keeps it there."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.active = True
        self.usable = is_own_folder(folder)  # looked at once, not for every page
        self._settings: str | None = None
        self._files: tuple[int, int, str] | None = None

    def on_config(self, config: Any) -> None:
        self._settings = self._files = None  # a plugin may build again with another configuration

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        # Only MkDocs' own conversion is kept: a plugin that converts a page itself (a notebook) reads other inputs.
        if self.active and "render" not in vars(page) and type(page).render is Page.render:
            page.render = partial(self._render, page, page.render)
        return markdown

    def finish(self, *, whole: bool) -> None:
        """No more pages from here (a preview's edits convert theirs); after a whole build, drop what it did not use."""
        self.active = False
        if whole and self.usable:
            prune_entries(self.folder, self.used, lambda name: _NAME.fullmatch(name) is not None)

    # -- one page -------------------------------------------------------------------------------------------------

    def _render(self, page: Any, convert: Callable[[Any, Any], None], config: Any, files: Any) -> None:
        del page.render  # the page's own method again, for any later conversion
        settings = self._settings_key(config)
        name = None if settings is None or not self.usable else self._entry_name(page, settings, files)
        if name is not None and self._take(page, name, files):
            self.used.add(name)
            return
        said = _Said()
        loggers = [logging.getLogger(logger) for logger in _LOGGERS]
        for logger in loggers:
            logger.addHandler(said)
        try:
            convert(config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(said)
        if name is not None and not said.records:
            self._keep(page, name)

    def _settings_key(self, config: Any) -> str | None:
        """What of the configuration shapes every page's conversion; None when it cannot be named exactly (an
        extension given as an object or that reads other files, a setting that is not plain data): then nothing is
        kept."""
        if self._settings is None:
            extensions = config["markdown_extensions"]
            if not all(is_pure(extension) for extension in extensions):
                return None
            try:
                shape = json.dumps(
                    [converter_version(), extensions, config["mdx_configs"] or {}, config["validation"],
                     config["use_directory_urls"], _level() > logging.DEBUG],  # MkDocs notes links to anchors above DEBUG
                    sort_keys=True, default=_plain,
                )
            except TypeError:
                return None
            self._settings = hashlib.sha256(shape.encode()).hexdigest()
        return self._settings

    def _entry_name(self, page: Any, settings: str, files: Any) -> str:
        if self._files is None or self._files[:2] != (id(files), len(files)):
            listing = sorted(
                f"{f.src_uri}\0{f.dest_uri}\0{f.url}\0{f.inclusion.name}" for f in files
                if not f.src_uri.startswith(_INDEX))
            self._files = (id(files), len(files), hashlib.sha256("\n".join(listing).encode()).hexdigest())
        own = f"{settings}\0{self._files[2]}\0{page.file.src_uri}\0{page.file.dest_uri}\0{page.file.url}\0"
        return hashlib.sha256((own + page.markdown).encode()).hexdigest()

    def _take(self, page: Any, name: str, files: Any) -> bool:
        try:
            data = json.loads(zlib.decompress((self.folder / name).read_bytes()))
            content, tokens, title, anchors, links, level = (
                data["content"], data["toc"], data["title"], data["anchors"], data["links"], data["level"])
            if not (isinstance(content, str) and isinstance(anchors, list) and (title is None or isinstance(title, str))):
                return False
            if not isinstance(level, int) or _level() < level:  # kept quieter than this build listens: it might say more
                return False
            toc = get_toc(tokens)
            linked = None if links is None else {files.get_file_from_path(uri): targets for uri, targets in links.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError, zlib.error):
            return False
        if linked is not None and None in linked:
            return False
        page.content, page.toc, page._title_from_render = content, toc, title
        page.present_anchor_ids, page.links_to_anchors = set(anchors), linked
        return True

    def _keep(self, page: Any, name: str) -> None:
        links = page.links_to_anchors
        data = {
            "content": page.content, "toc": toc_tokens(page.toc), "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": None if links is None else {file.src_uri: targets for file, targets in links.items()},
            "level": _level(),
        }
        packed = zlib.compress(json.dumps(data, ensure_ascii=False).encode(), 1)
        try:  # a half-written entry is no harm: it does not decompress, so it is converted again
            self.folder.mkdir(parents=True, exist_ok=True)
            # never through a link put in the folder's place: the names are hashes of public text
            handle = os.open(self.folder / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
            with os.fdopen(handle, "wb") as out:
                out.write(packed)
        except OSError:
            return
        self.used.add(name)


def _level() -> int:
    """The least level of message MkDocs' link checks say in this build."""
    return logging.getLogger("mkdocs.structure.pages").getEffectiveLevel()


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):  # MkDocs' sub-configurations (``validation``)
        return dict(value)
    raise TypeError(f"not plain data: {type(value).__name__}")

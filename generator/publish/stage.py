"""The publish stage: a rendered site as the tree of files an engine builds, the same for every engine.

    mkdocs.yml   the site's own configuration without the itasite plugin, with the navigation, the logo and
                 ``extra.itasite`` (the theme's values), pointed at docs/ and theme/
    docs/        every page as Markdown (generated and hand-written) and every file the site publishes besides
                 the HTML pages: open data, feed, sitemap with the data's dates, robots.txt, redirect pages, the
                 report documents, the Thai search index, the content's own files and the theme's assets
    theme/       the theme's template overrides (Material's ``custom_dir``), and an empty ``sitemap.xml`` that
                 keeps the engine from writing a sitemap dated by the build

MkDocs, ProperDocs and Zensical build that tree with their own command (``itasite render`` stops there); the
MkDocs plugin hands the same files to MkDocs (:mod:`generator.publish.plugin`). Nothing here knows an engine.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ruamel.yaml import YAML

from generator.errors import UserError
from generator.memo import Memo, remembered
from generator.messages import both
from generator.publish.files import document_search_pages, hosted_documents
from generator.publish.reports import CACHE_DIR, build_reports, cached_reports
from generator.publish.settings import PLUGIN, SiteSettings
from generator.publish.site_config import theme_values
from generator.render.rendered import RenderedSite
from generator.render.reports.document import Report
from generator.render.search import SearchPage, build_search_index, extract_page
from generator.render.sitemap import SITEMAP_FILE, SITEMAP_GZ_FILE, compress_sitemap, render_sitemap
from generator.urls import SITEMAP_PAGE

TREE_CONFIG = "mkdocs.yml"
DOCS = "docs"
THEME = "theme"
TEMPLATE_SUFFIXES = (".html", ".j2", ".jinja", ".jinja2")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def sitemap_template(sitemap: str) -> str:
    """The theme's ``sitemap.xml``: empty where MkDocs or ProperDocs renders it (they skip an empty template and
    keep ``docs/sitemap.xml``), the sitemap itself where Zensical does (it writes whatever the template gives over
    the docs' copy). ``{%`` becomes ``{&#37;``, the same character to an XML reader, so nothing ends the raw block."""
    raw = sitemap.replace("{%", "{&#37;")
    return ("{#- itasite writes sitemap.xml with the data's dates (docs/sitemap.xml). -#}\n"
            f"{{%- if mkdocs_version is not defined -%}}{{% raw %}}{raw}{{% endraw %}}{{%- endif -%}}\n")
SEARCH_EXCLUDED = "---\nsearch:\n  exclude: true\n---\n\n"
"""Front matter of a generated page when the Thai search is on: Material's own search plugin skips the page (its
index would never be downloaded, only built)."""


@dataclass(frozen=True, slots=True)
class TreeText:
    """A generated text file of the tree (a page, after its front matter), encoded only when it is written: the
    tree does not hold a second copy of every page, which for a portal of thousands of organisations is gigabytes."""

    text: str
    front: str = ""

    def encode(self) -> bytes:
        return (self.front + self.text).encode()


TreeFile = bytes | Path | TreeText
"""A file of the tree: its bytes, its text, or the file it is a copy of."""


def tree_bytes(source: TreeFile) -> bytes:
    """What a file of the tree holds."""
    if isinstance(source, Path):
        return source.read_bytes()
    return source.encode() if isinstance(source, TreeText) else source


@dataclass(frozen=True)
class Tree:
    """Every file of the tree by its path in the tree (``docs/2569/index.md``)."""

    files: dict[str, TreeFile]
    pending: tuple[Report, ...] = ()
    """Reports not laid out yet (:func:`stage_tree` with ``lay_out=False``): their files are not in the tree."""

    @property
    def docs(self) -> list[str]:
        """The paths under ``docs/``, relative to it."""
        prefix = f"{DOCS}/"
        return [path.removeprefix(prefix) for path in self.files if path.startswith(prefix)]


SearchMemo = dict[str, SearchPage]
"""The searchable text of pages already converted, by a hash of their address and Markdown: a preview that stages
the site after every edit converts only the pages that changed."""


def stage_tree(rendered: RenderedSite, settings: SiteSettings, site_dir: Path | None = None,
               memo: SearchMemo | None = None, lay_out: bool = True, search: bool = True,
               kept: Memo | None = None) -> Tree:
    """The tree of a rendered site; lays out the report documents (from the cache when unchanged; with
    ``lay_out=False`` only the cached ones, the others left :attr:`Tree.pending`). The engine builds it into
    ``site_dir`` (default: the tree's ``site/``). ``memo`` keeps the pages' search text between calls and ``kept``
    the rest of what a preview makes again only when it changed; with ``search=False`` the Thai index is left out
    (an in-process build makes it from the engine's own HTML, a preview after the pages: :func:`search_index_files`)."""
    files: dict[str, TreeFile] = {}
    hand_written = set(rendered.hand_written)
    for rel in rendered.site.files:  # the content's own files as they are (never its YAML, backups or links)
        source = settings.content_dir / rel
        files[f"{DOCS}/{rel}"] = _excluded_from_search(source.read_bytes()) if settings.thai_search and rel in hand_written else source
    if settings.custom_dir is not None:
        files |= _theme_files(settings.custom_dir)
    _refuse_clashes(rendered, files, settings)
    front = SEARCH_EXCLUDED if settings.thai_search else ""
    for path, text in rendered.pages.items():
        files[f"{DOCS}/{path}"] = TreeText(text, front)
    for path, text in rendered.files.items():
        files[f"{DOCS}/{path}"] = TreeText(text)
    pending: list[Report] = []
    if lay_out:
        reports = build_reports(rendered.reports, rendered.date, settings.root / CACHE_DIR, prune=True)
    else:
        reports, pending = cached_reports(rendered.reports, rendered.date, settings.root / CACHE_DIR, kept)
    for path, data in reports.items():
        files[f"{DOCS}/{path}"] = data
    if settings.thai_search and search:
        for path, data in search_index_files(rendered, settings, memo, kept).items():
            files[f"{DOCS}/{path}"] = data
    sitemap = render_sitemap(sorted([*rendered.pages, *rendered.hand_written]), rendered.page_dates, rendered.date,
                             settings.urls, settings.render.site_url)
    files[f"{DOCS}/{SITEMAP_FILE}"] = sitemap.encode()
    files[f"{THEME}/{SITEMAP_FILE}"] = sitemap_template(sitemap).encode()
    files[f"{DOCS}/{SITEMAP_GZ_FILE}"] = compress_sitemap(sitemap, rendered.date)
    files[TREE_CONFIG] = _tree_config(rendered, settings, site_dir, kept)
    return Tree(dict(sorted(files.items())), tuple(pending))


def _tree_config(rendered: RenderedSite, settings: SiteSettings, site_dir: Path | None, kept: Memo | None) -> bytes:
    inputs = (settings.config_path.read_bytes(), rendered.nav, theme_values(rendered, settings.render, settings.thai_search),
              rendered.site.organisation.logo, settings.render, site_dir)
    return remembered(kept, ("tree-config",), inputs, lambda: tree_config(rendered, settings, site_dir).encode())


def write_reports(reports: list[Report], date: dt.date, settings: SiteSettings, out: Path) -> list[Path]:
    """The report documents as ``out/<year>/<kind>.pdf`` and ``.docx`` (``itasite report``): the same bytes the
    site publishes at ``<year>/reports/``."""
    written = []
    for path, data in build_reports(reports, date, settings.root / CACHE_DIR).items():
        target = out / PurePosixPath(path).parent.parent / PurePosixPath(path).name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            raise UserError(both(f"เขียนไฟล์ {target} ไม่ได้: {exc.strerror}", f"cannot write {target}")) from None
        written.append(target)
    return written


def _refuse_clashes(rendered: RenderedSite, content: dict[str, TreeFile], settings: SiteSettings) -> None:
    """A hand-written file at an address the generator owns stops the build (it would be silently replaced)."""
    clashes = [path for path in [*rendered.pages, *rendered.files] if f"{DOCS}/{path}" in content]
    published = {settings.urls.output_file(path.removeprefix(f"{DOCS}/")) for path in content if path.startswith(f"{DOCS}/")}
    clashes += [path for path in rendered.files if path.endswith(".html") and path in published]
    if clashes:
        raise UserError(both(
            "หน้าที่เขียนเองเหล่านี้ใช้ที่อยู่เดียวกับหน้าที่โปรแกรมสร้าง ให้เปลี่ยนชื่อหรือย้าย: " + ", ".join(sorted(clashes)),
            "these hand-written pages use addresses the generator owns; rename or move them",
        ))


def _excluded_from_search(page: bytes) -> bytes:
    """A hand-written page with ``search: exclude: true`` added to its front matter (kept as written otherwise);
    a page that says something about ``search`` itself is left as it is."""
    text = page.decode("utf-8-sig")
    if text.startswith("---\r\n"):
        return page  # Windows line ends in the front matter: left as typed
    if not text.startswith("---\n"):
        return (SEARCH_EXCLUDED + text).encode()
    end = text.find("\n---", 3)
    if end < 0 or "\nsearch:" in text[3:end + 1]:
        return page
    return ("---\nsearch:\n  exclude: true\n" + text[4:]).encode()


def write_tree(tree: Tree, folder: Path, *, prune: bool = False, spare: tuple[str, ...] = (),
               written: dict[str, bytes] | None = None) -> list[str]:
    """Write the tree into ``folder``, leaving a file whose bytes are already there untouched (so an engine's
    preview rebuilds only what changed); with ``prune``, files no longer in the tree are removed, except those
    under a folder of ``spare`` (``docs/search/…/``: an index still to be written). ``written`` (a preview's) holds
    the bytes of each file as this function last wrote it, so that file is not read back to be compared. Returns
    the paths written or removed."""
    changed = []
    for path, source in tree.files.items():
        target = folder / path
        data = tree_bytes(source)
        if written is not None and written.get(path) == data:
            continue
        try:
            if target.read_bytes() == data:
                if written is not None:
                    written[path] = data
                continue
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if written is not None:
            written[path] = data
        changed.append(path)
    if prune and written:  # after the first call, every file of docs/ and theme/ is one this function wrote
        for rel in sorted(set(written) - set(tree.files), reverse=True):
            if rel.startswith(spare or ("\0",)) or not rel.startswith((f"{DOCS}/", f"{THEME}/")):
                continue
            (folder / rel).unlink(missing_ok=True)
            del written[rel]
            changed.append(rel)
            parent = (folder / rel).parent
            while parent != folder and not any(parent.iterdir()):  # the folders it leaves empty
                parent.rmdir()
                parent = parent.parent
        return changed
    for part in (DOCS, THEME) if prune else ():  # never the engine's own output or cache beside them
        if not (folder / part).is_dir():
            continue
        for leftover in sorted((folder / part).rglob("*"), reverse=True):
            rel = leftover.relative_to(folder).as_posix()
            if leftover.is_file() and rel not in tree.files and not rel.startswith(spare or ("\0",)):
                leftover.unlink()
                if written is not None:
                    written.pop(rel, None)
                changed.append(rel)
            elif leftover.is_dir() and not any(leftover.iterdir()):
                leftover.rmdir()
    return changed


def _theme_files(custom_dir: Path) -> dict[str, TreeFile]:
    """Templates to ``theme/``; static assets (styles, scripts, fonts) to ``docs/`` at the same paths, where every
    engine finds them and MkDocs publishes them exactly as it publishes a theme's."""
    files: dict[str, TreeFile] = {}
    for path in sorted(custom_dir.rglob("*")):
        rel = path.relative_to(custom_dir)
        if path.is_file() and _published_from_theme(rel):
            files[f"{THEME if path.suffix in TEMPLATE_SUFFIXES else DOCS}/{rel.as_posix()}"] = path
    return files


def _published_from_theme(rel: Path) -> bool:
    """MkDocs publishes no README and no Markdown file of a theme folder (``Files.add_files_from_theme``), such as
    theme/assets/fonts/README.md; in ``docs/`` they would become pages."""
    name = rel.as_posix().lower()
    return not any(fnmatch.fnmatch(name, pattern) for pattern in ["*readme*", *(f"*{ext}" for ext in MARKDOWN_SUFFIXES)])


def _without_itasite(plugins: Any) -> Any:
    if not isinstance(plugins, list):
        return plugins
    kept = []
    for entry in plugins:
        name = entry if isinstance(entry, str) else next(iter(entry), None) if isinstance(entry, dict) else None
        if name != PLUGIN:
            kept.append(entry)
    return kept


def tree_config(rendered: RenderedSite, settings: SiteSettings, site_dir: Path | None = None) -> str:
    """The site's own configuration file, read as written (comments and tags kept), pointed at the tree."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # keep each value on its line, as written
    yaml.allow_duplicate_keys = True  # MkDocs (PyYAML) takes a key written twice; what it took is set below
    data = yaml.load(settings.config_path.read_text(encoding="utf-8"))
    data.pop("INHERIT", None)
    data["site_url"] = settings.render.site_url
    data["use_directory_urls"] = settings.urls.directory_urls
    data["docs_dir"] = DOCS
    data["site_dir"] = str(site_dir) if site_dir else "site"
    theme = data.get("theme")
    if isinstance(theme, dict):
        theme["custom_dir"] = THEME
        logo = rendered.site.organisation.logo
        if logo and not theme.get("logo"):
            theme["logo"] = logo  # an image in the content folder, published with the site
    if "plugins" in data:
        data["plugins"] = _without_itasite(data["plugins"])
    if "nav" not in data:
        data["nav"] = rendered.nav
    data.setdefault("extra", {})["itasite"] = theme_values(rendered, settings.render, settings.thai_search)
    buffer = io.StringIO()
    buffer.write("# Written by itasite: the site as Markdown, built by any engine without the itasite plugin.\n")
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _nav_titles(nav: list[Any]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for entry in nav:
        if isinstance(entry, dict):
            for title, value in entry.items():
                if isinstance(value, str):
                    titles[value] = title
                else:
                    titles |= _nav_titles(value)
    return titles


def search_index_files(rendered: RenderedSite, settings: SiteSettings, memo: SearchMemo | None = None,
                       kept: Memo | None = None) -> dict[str, bytes]:
    """The Thai search index's files by their path in the site."""
    pages = search_pages(rendered, settings, memo)
    return {path: text.encode() for path, text in build_search_index(pages, kept).items()}


def _search_key(url: str, markdown: str) -> str:
    return hashlib.sha256(f"{url}\0{markdown}".encode()).hexdigest()


def _page_sources(rendered: RenderedSite, settings: SiteSettings) -> dict[str, str]:
    """Every page's Markdown as an engine reads it: a hand-written page without its front matter."""
    from mkdocs.utils.meta import get_data  # noqa: PLC0415 - the front matter rule every engine of the tree follows

    sources = dict(rendered.pages)
    for source in rendered.hand_written:
        sources[source] = get_data((settings.content_dir / source).read_text(encoding="utf-8-sig"))[0]
    return sources


def search_memo_from_html(rendered: RenderedSite, settings: SiteSettings, html: dict[str, str]) -> SearchMemo:
    """The pages' search text from the HTML an engine made of their Markdown (``{source: page content}``), as
    :func:`search_pages` would convert it: a build in this process converts each page once, not twice."""
    extracted = {source: extract_page(settings.urls.url(source), "", text) for source, text in html.items()}
    return search_memo_from_pages(rendered, settings, extracted)


def search_memo_from_pages(rendered: RenderedSite, settings: SiteSettings, extracted: dict[str, SearchPage]) -> SearchMemo:
    """The memo of :func:`search_memo_from_html` from each page's text already taken from its HTML
    (``{source: extract_page(…)}``), as the in-process build takes it while the engine makes the page."""
    memo: SearchMemo = {}
    for source, text in _page_sources(rendered, settings).items():
        if source in extracted:
            memo[_search_key(settings.urls.url(source), text)] = extracted[source]
    return memo


def search_pages(rendered: RenderedSite, settings: SiteSettings, memo: SearchMemo | None = None) -> list[SearchPage]:
    """The searchable text of every page, from its Markdown converted with the site's own Markdown extensions, and
    of every PDF and DOCX document the site hosts: one index whatever engine builds the HTML. With ``memo``, a page
    converted before with the same address and Markdown is not converted again (and the memo keeps only this
    call's pages)."""
    converter: Any = None
    titles = _nav_titles(rendered.nav)
    seen: SearchMemo = {}
    pages = []
    for source, text in sorted(_page_sources(rendered, settings).items()):
        if source == SITEMAP_PAGE:
            continue  # it lists every title, so it would match almost any query
        url = settings.urls.url(source)
        key = _search_key(url, text)
        extracted = (memo or {}).get(key)
        if extracted is None:
            if converter is None:
                import markdown  # noqa: PLC0415 - a site without the Thai search never pays for it

                converter = markdown.Markdown(extensions=list(settings.markdown_extensions),
                                              extension_configs=settings.mdx_configs or {})
            extracted = extract_page(url, "", converter.reset().convert(text))
        seen[key] = extracted
        title = titles.get(source) or extracted.sections[0][1]
        pages.append(SearchPage(extracted.url, title, extracted.sections))
    if memo is not None:
        memo.clear()
        memo.update(seen)
    return pages + document_search_pages(settings.content_dir, hosted_documents(rendered.site), settings.urls)

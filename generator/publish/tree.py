"""``itasite render --out DIR``: the site as an engine-neutral Markdown tree that plain MkDocs (or any builder that
takes Markdown) builds without the itasite plugin.

    DIR/mkdocs.yml   the site's configuration without the itasite plugin, with the navigation and ``extra.itasite``
    DIR/docs/        every page as Markdown (generated and hand-written), every generated file (open data, feed,
                     redirect pages, the Thai search index), the theme's assets and the content's own files
    DIR/theme/       the theme's template overrides (Material's ``custom_dir``)

The tree is written into a sibling folder and put in place only when complete, like a build.
"""

from __future__ import annotations

import fnmatch
import io
import shutil
from pathlib import Path
from typing import Any

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import markdown_extensions
from ruamel.yaml import YAML

from generator.pipeline import RenderedSite
from generator.publish.files import document_search_pages, hosted_documents
from generator.publish.reports import CACHE_DIR, build_reports
from generator.publish.site_config import theme_values
from generator.publish.staging import Staging
from generator.render.pages import RenderSettings
from generator.render.search import SearchPage, build_search_index, extract_page
from generator.urls import SITEMAP_PAGE

TEMPLATE_SUFFIXES = (".html", ".j2", ".jinja", ".jinja2")


def write_tree(
    config_path: Path, config: MkDocsConfig, rendered: RenderedSite, settings: RenderSettings, thai_search: bool, out: Path
) -> int:
    """Write the tree; returns the number of files written."""
    staging = Staging(out.resolve())
    docs, theme = staging.folder / "docs", staging.folder / "theme"
    try:
        count = _copy_content_files(Path(config.docs_dir), rendered.site.files, docs)
        custom_dir = config.theme.custom_dir
        if custom_dir:
            count += _copy_theme(Path(custom_dir), theme, docs)
        generated = dict(rendered.pages | rendered.files)
        if thai_search:
            generated |= build_search_index(search_pages(config, rendered, settings))
        for path, text in generated.items():
            target = docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        documents = build_reports(rendered.reports, rendered.date, config_path.parent / CACHE_DIR)
        for path, data in documents.items():
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            (docs / path).write_bytes(data)
        (staging.folder / "mkdocs.yml").write_text(
            tree_config(config_path, rendered, settings, thai_search, has_theme=bool(custom_dir)), encoding="utf-8"
        )
    except BaseException:
        staging.finish(succeeded=False)
        raise
    staging.finish(succeeded=True)
    return count + len(generated) + len(documents) + 1


def _copy_content_files(content_dir: Path, files: tuple[str, ...], docs: Path) -> int:
    """Everything the site publishes from the content folder as it is: hand-written pages, images, documents (the
    YAML data never; hidden files, backups and links never)."""
    for rel in files:
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(content_dir / rel, target)
    return len(files)


def _copy_theme(custom_dir: Path, theme: Path, docs: Path) -> int:
    """Templates to ``theme/``; static assets (styles, scripts, fonts) to ``docs/`` at the same paths, where any
    builder finds them and MkDocs publishes them exactly as it publishes a theme's."""
    count = 0
    for path in sorted(custom_dir.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(custom_dir)
        if not _published_from_theme(rel):
            continue
        target = (theme if path.suffix in TEMPLATE_SUFFIXES else docs) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        count += 1
    return count


def _published_from_theme(rel: Path) -> bool:
    """MkDocs publishes no README and no Markdown file of a theme folder (``Files.add_files_from_theme``), such as
    theme/assets/fonts/README.md; in ``docs/`` they would become pages."""
    name = rel.as_posix().lower()
    return not any(fnmatch.fnmatch(name, pattern) for pattern in ["*readme*", *(f"*{ext}" for ext in markdown_extensions)])


def _without_itasite(plugins: Any) -> Any:
    if not isinstance(plugins, list):
        return plugins
    kept = []
    for entry in plugins:
        name = entry if isinstance(entry, str) else next(iter(entry), None) if isinstance(entry, dict) else None
        if name != "itasite":
            kept.append(entry)
    return kept


def tree_config(config_path: Path, rendered: RenderedSite, settings: RenderSettings, thai_search: bool, *, has_theme: bool) -> str:
    """The site's own configuration file, read as written (comments and tags kept), pointed at the tree."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # keep each value on its line, as written
    data = yaml.load(config_path.read_text(encoding="utf-8"))
    data.pop("INHERIT", None)
    data["docs_dir"] = "docs"
    data["site_dir"] = "site"
    if has_theme and isinstance(data.get("theme"), dict):
        data["theme"]["custom_dir"] = "theme"
    if "plugins" in data:
        data["plugins"] = _without_itasite(data["plugins"])
    if "nav" not in data:
        data["nav"] = rendered.nav
    extra = data.setdefault("extra", {})
    extra["itasite"] = theme_values(rendered, settings, thai_search)
    buffer = io.StringIO()
    buffer.write("# Written by `itasite render`: the site as Markdown, built without the itasite plugin.\n")
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


def search_pages(config: MkDocsConfig, rendered: RenderedSite, settings: RenderSettings) -> list[SearchPage]:
    """The searchable text of every page, from its Markdown converted with the site's own Markdown extensions (what
    the plugin takes from MkDocs' HTML during a build), and of every PDF and DOCX document the site hosts."""
    titles = _nav_titles(rendered.nav)
    docs_dir = Path(config.docs_dir)
    sources = dict(rendered.pages)
    for source in rendered.hand_written:
        sources[source] = (docs_dir / source).read_text(encoding="utf-8-sig")
    pages = []
    for source, text in sorted(sources.items()):
        if source == SITEMAP_PAGE:
            continue  # it lists every title, so it would match almost any query
        html = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {}).convert(text)
        extracted = extract_page(settings.urls.url(source), "", html)
        title = titles.get(source) or extracted.sections[0][1]
        pages.append(SearchPage(extracted.url, title, extracted.sections))
    return pages + document_search_pages(docs_dir, hosted_documents(rendered.site), settings.urls)

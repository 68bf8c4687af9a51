"""The generated pages and files in MkDocs' file collection, and the Thai search index written after the build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator.load.content import is_content_file, is_ignored_file
from generator.pipeline import RenderedSite
from generator.render.search import SearchPage, iter_search_index
from generator.urls import SEARCH_INDEX_DIR


def add_generated_files(files: Files, config: MkDocsConfig, rendered: RenderedSite) -> Files:
    """Drop the content's data files (never published as they are) and editors' backups, and add every generated
    page and file; a hand-written file at an address the generator owns stops the build."""
    for file in list(files):
        if not file.generated_by and (is_content_file(file.src_uri) or is_ignored_file(file.src_uri)):
            files.remove(file)
    generated = rendered.pages | rendered.files
    clashes = [path for path in generated if files.get_file_from_path(path) is not None]
    published = {f.dest_uri for f in files}
    clashes += [path for path in rendered.files if path.endswith(".html") and path in published]
    if clashes:
        raise PluginError(
            "itasite: these hand-written pages use addresses the generator owns; rename or move them: "
            + ", ".join(sorted(clashes))
        )
    for path, text in generated.items():
        files.append(File.generated(config, path, content=text))
    return files


def show_error_pages(files: Files, config: MkDocsConfig, pages: dict[str, str]) -> Files:
    """Under ``serve`` with content errors: the error page in place of every page, the content's data left out."""
    for file in list(files):
        if not file.generated_by and (is_content_file(file.src_uri) or file.src_uri in pages or is_ignored_file(file.src_uri)):
            files.remove(file)
    for path, text in pages.items():
        files.append(File.generated(config, path, content=text))
    return files


def write_search_index(site_dir: Path, pages: list[SearchPage]) -> None:
    """Write the Thai search index (emptying ``pages``), and empty Material's own index so the browser never
    downloads the whole site."""
    shutil.rmtree(site_dir / SEARCH_INDEX_DIR, ignore_errors=True)
    folders: set[Path] = set()
    for rel, text in iter_search_index(pages):  # each file written as it is made: the index is never held whole
        path = site_dir / rel
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        path.write_text(text, encoding="utf-8")
    material_index = site_dir / "search" / "search_index.json"
    if material_index.exists():
        data = json.loads(material_index.read_text(encoding="utf-8"))
        material_index.write_text(json.dumps({"config": data.get("config", {}), "docs": []}), encoding="utf-8")

"""Kept page conversions (generator/publish/conversions.py): a rebuild takes an unchanged page's HTML from the
cache and makes the same site, says every link message again, and converts a page anew when anything it was made
from changed."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.structure.pages import Page

from generator.errors import UserError
from generator.publish.build import build_site_folder, build_with_mkdocs
from generator.publish.conversions import CONVERSIONS_DIR, is_pure

CONFIG = """site_name: Kept
theme: {name: mkdocs}
plugins: []
markdown_extensions: [toc, tables]
validation:
  links: {not_found: warn, anchors: warn}
"""


@pytest.fixture
def converted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages MkDocs converted itself (not taken from the cache), in order."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the theme's build date: the same in every build
    pages: list[str] = []
    original = Page.render

    def render(self: Page, config: object, files: object) -> None:
        pages.append(self.file.src_uri)
        original(self, config, files)  # type: ignore[arg-type]

    monkeypatch.setattr(Page, "render", render)
    return pages


def make_project(root: Path, pages: dict[str, str]) -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return root / "mkdocs.yml"


def site_files(root: Path) -> dict[str, bytes]:
    site = root / "site"
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def build(config: Path, kept: Path, *, strict: bool = False) -> None:
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    build_with_mkdocs(config, strict=strict, conversions=kept)


PAGES = {
    "index.md": "# หน้าแรก\n\n## ผลการประเมิน\n\n| ก | ข |\n|---|---|\n| ๑ | ๒ |\n\n[อีกหน้า](other.md#section)\n",
    "other.md": "# อีกหน้า\n\n## Section\n\nข้อความ <b>raw</b>\n",
}


def test_a_rebuild_takes_every_unchanged_page_and_makes_the_same_site(tmp_path: Path, converted: list[str]) -> None:
    pages = converted
    config, kept = make_project(tmp_path, PAGES), tmp_path / "kept"
    build(config, kept)
    first = site_files(tmp_path)
    assert sorted(pages) == ["index.md", "other.md"]
    assert len(list(kept.iterdir())) == 2
    pages.clear()
    build(config, kept)
    assert pages == []  # nothing converted again
    assert site_files(tmp_path) == first  # titles (from each page's heading), tables of contents, links: the same
    assert "<title>อีกหน้า - Kept</title>" in first["other/index.html"].decode()  # the title from the page's heading


def test_an_edited_page_alone_is_converted_again_and_old_entries_go(tmp_path: Path, converted: list[str]) -> None:
    pages = converted
    config, kept = make_project(tmp_path, PAGES), tmp_path / "kept"
    build(config, kept)
    before = {entry.name for entry in kept.iterdir()}
    pages.clear()
    (tmp_path / "docs" / "other.md").write_text("# อีกหน้า\n\n## Section\n\nแก้แล้ว\n", encoding="utf-8")
    build(config, kept)
    assert pages == ["other.md"]
    assert "แก้แล้ว" in (tmp_path / "site" / "other" / "index.html").read_text(encoding="utf-8")
    after = {entry.name for entry in kept.iterdir()}
    assert len(after) == 2 and len(after & before) == 1  # the old conversion of other.md is not kept


def test_a_new_file_converts_every_page_again(tmp_path: Path, converted: list[str]) -> None:
    """A page's links are resolved against every file of the build: one more file, and a link may now resolve."""
    pages = converted
    config, kept = make_project(tmp_path, {**PAGES, "index.md": "# หน้าแรก\n\n[ไฟล์](data.csv)\n"}), tmp_path / "kept"
    build(config, kept)
    (tmp_path / "docs" / "data.csv").write_text("a,b\n", encoding="utf-8")
    pages.clear()
    build(config, kept)
    assert sorted(pages) == ["index.md", "other.md"]
    assert 'href="data.csv"' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_link_messages_are_said_on_every_build(tmp_path: Path, converted: list[str], caplog: pytest.LogCaptureFixture) -> None:
    """A page with a broken link is never kept (its message comes from its conversion); a link to a missing
    anchor is checked after every page, from what the kept pages hold; ``--strict`` fails both times."""
    pages = converted
    broken = {**PAGES, "other.md": "# อีกหน้า\n\n[หาย](missing.md)\n"}  # index.md links to other.md#section: gone too
    config, kept = make_project(tmp_path, broken), tmp_path / "kept"
    for _ in range(2):
        caplog.clear()
        pages.clear()
        with pytest.raises(UserError):
            build(config, kept, strict=True)
        messages = " ".join(record.getMessage() for record in caplog.records)
        assert "missing.md" in messages
        assert "#section" in messages
    assert pages == ["other.md"]  # the second time: index.md came from the cache, other.md is converted each time


def test_an_entry_kept_by_a_quieter_build_is_not_taken_by_a_louder_one(tmp_path: Path, converted: list[str]) -> None:
    pages = converted
    config, kept = make_project(tmp_path, PAGES), tmp_path / "kept"
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    build_with_mkdocs(config, strict=False, conversions=kept)
    pages.clear()
    build(config, kept)  # INFO: a page might say something at INFO that the quiet build did not hear
    assert sorted(pages) == ["index.md", "other.md"]
    pages.clear()
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    build_with_mkdocs(config, strict=False, conversions=kept)
    assert pages == []  # kept by the louder build: good for a quieter one


@pytest.mark.parametrize("damage", [b"", b"not zlib", zlib.compress(b"{}"), zlib.compress(b'{"content": 1}'),
                                    zlib.compress(b'{"content": "x", "toc": 5, "title": null, "anchors": [], "links": null, "level": 0}')])
def test_a_damaged_entry_is_converted_again(tmp_path: Path, converted: list[str], damage: bytes) -> None:
    pages = converted
    config, kept = make_project(tmp_path, PAGES), tmp_path / "kept"
    build(config, kept)
    first = site_files(tmp_path)
    for entry in kept.iterdir():
        entry.write_bytes(damage)
    pages.clear()
    build(config, kept)
    assert sorted(pages) == ["index.md", "other.md"]
    assert site_files(tmp_path) == first


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    config = make_project(tmp_path, PAGES)
    (tmp_path / "kept").write_text("a file where the folder should be", encoding="utf-8")
    build(config, tmp_path / "kept")
    assert (tmp_path / "site" / "index.html").is_file()


@pytest.mark.parametrize(("extension", "pure"), [
    ("toc", True), ("markdown.extensions.tables", True), ("pymdownx.superfences", True), ("pymdownx.snippets", False),
    ("pymdownx.b64", False), ("pymdownx.pathconverter", False), ("markdown_include.include", False),
    ("markdown.extensions.toc:TocExtension", False), (object(), False),
])
def test_only_extensions_that_read_nothing_but_the_page_are_trusted(extension: object, pure: bool) -> None:
    assert is_pure(extension) is pure


def test_a_site_whose_extensions_read_other_files_keeps_nothing(tmp_path: Path, converted: list[str]) -> None:
    """pymdownx.snippets puts another file's text into a page: the page's Markdown no longer names its HTML."""
    config = make_project(tmp_path, {"index.md": "# หน้าแรก\n\n--8<-- \"part.txt\"\n"})
    (tmp_path / "part.txt").write_text("ส่วนแรก\n", encoding="utf-8")
    extensions = f"[toc, tables, pymdownx.snippets: {{base_path: ['{tmp_path}'], check_paths: true}}]"
    config.write_text(CONFIG.replace("[toc, tables]", extensions), encoding="utf-8")
    build(config, tmp_path / "kept")
    (tmp_path / "part.txt").write_text("ส่วนที่แก้\n", encoding="utf-8")
    build(config, tmp_path / "kept")
    assert converted == ["index.md", "index.md"]
    assert "ส่วนที่แก้" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "kept").exists()


@pytest.mark.e2e
def test_the_default_sites_rebuild_converts_no_page_and_gives_the_same_bytes(
    copy_example_with_reports: Callable[[str], Path], converted: list[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The whole pipeline (Material, the itasite plugin, the in-process build that holds pages compressed): the second
    build takes every page from the first's conversions."""
    root = copy_example_with_reports("default")
    converted.clear()  # the run's shared build of the site, whose report cache the copy starts from
    monkeypatch.chdir(root)
    assert build_site_folder(root / "site_config.yml") == 0
    first, made = site_files(root), len(converted)
    assert made > 50 and len(list((root / CONVERSIONS_DIR).iterdir())) == made
    converted.clear()
    assert build_site_folder(root / "site_config.yml") == 0
    assert converted == []
    assert site_files(root) == first


def test_a_page_a_plugin_converts_itself_is_not_kept(tmp_path: Path, converted: list[str]) -> None:
    """A plugin that gives a page its own render (a notebook plugin) reads what the key does not name."""
    config = make_project(tmp_path, PAGES)
    (tmp_path / "hooks.py").write_text(
        "def on_pre_page(page, config, files):\n"
        "    own = page.render\n"
        "    def render(config, files):\n"
        "        own(config, files)\n"
        "        page.content += config.extra['variant']\n"
        "    page.render = render\n"
        "    return page\n", encoding="utf-8")
    for variant in ("แบบแรก", "แบบที่สอง"):
        config.write_text(CONFIG + f"hooks: [hooks.py]\nextra: {{variant: {variant}}}\n", encoding="utf-8")
        build(config, tmp_path / "kept")
        assert variant in (tmp_path / "site" / "other" / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "kept").exists()


def test_pruning_passes_over_what_is_not_an_entry_and_never_writes_through_a_link(tmp_path: Path) -> None:
    config, kept = make_project(tmp_path, PAGES), tmp_path / "kept"
    build(config, kept)
    names = sorted(entry.name for entry in kept.iterdir())
    (kept / "notes").mkdir()  # a folder, and a file with another kind of name: not the cache's to delete
    (kept / "README.txt").write_text("ของผู้ใช้", encoding="utf-8")
    stale = kept / ("0" * 64)
    stale.write_bytes(b"an entry no build uses")
    victim = tmp_path / "victim.txt"
    victim.write_text("ห้ามเขียนทับ", encoding="utf-8")
    (kept / names[0]).unlink()
    (kept / names[0]).symlink_to(victim)  # an entry's name made a link: the build converts and must not write through it
    build(config, kept)
    assert victim.read_text(encoding="utf-8") == "ห้ามเขียนทับ"
    assert not stale.exists() and (kept / "notes").is_dir() and (kept / "README.txt").is_file()
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_cache_folder_that_is_a_link_is_not_used(tmp_path: Path, converted: list[str]) -> None:
    """Pruning a linked folder would delete files elsewhere."""
    config = make_project(tmp_path, PAGES)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ("1" * 64)).write_text("ของที่อื่น", encoding="utf-8")
    (tmp_path / "kept").symlink_to(elsewhere)
    build(config, tmp_path / "kept")
    build(config, tmp_path / "kept")
    assert sorted(converted) == ["index.md", "index.md", "other.md", "other.md"]
    assert [entry.name for entry in elsewhere.iterdir()] == ["1" * 64]

"""``itasite render --out DIR``: an engine-neutral Markdown tree that plain MkDocs, without the itasite plugin,
builds into the same site as ``itasite build``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from document_files import make_pdf

from generator.cli import main

MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _article(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    match = re.search(r"<article.*?</article>", text, re.S)
    return re.sub(r"\s+", " ", match.group() if match else text)


@pytest.mark.e2e
@pytest.mark.parametrize("name", ["default", "muang-mu"])
def test_plain_mkdocs_builds_the_tree_into_the_same_site(
    name: str, copy_example_with_reports: Callable[[str], Path], tmp_path: Path
) -> None:
    root = copy_example_with_reports(name)
    (root / "content" / "notes.md").write_text("# บันทึกของหน่วยงาน\n\nหน้าที่เขียนเอง\n", encoding="utf-8")
    (root / "content" / "files").mkdir()
    (root / "content" / "files" / "plan.pdf").write_bytes(make_pdf(["Hosted plan phrase"]))  # its text is searched too
    (root / "content" / "files" / "broken.pdf").write_bytes(b"%PDF-1.4\n")  # left out of the search, never failing
    config = root / "site_config.yml"
    assert main(["build", "-q", "--strict", "-f", str(config)]) == 0
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    tree = tmp_path / "tree"
    assert main(["render", "-f", str(config), "--out", str(tree)]) == 0

    written = yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "itasite" not in str(written["plugins"]) and written["docs_dir"] == "docs"
    assert written["extra"]["itasite"]["footer"][0]["url"] == "about/"
    docs = _files(tree / "docs")
    assert {"index.md", "2568/index.md" if name == "default" else "2567/index.md", "notes.md", "files/plan.pdf",
            "data/site.json", "feed.xml", "search/itasite/meta.json", "assets/itasite.css"} <= docs
    assert not [p for p in docs if p.endswith((".yml", ".yaml"))]  # the content's data is never published
    assert any("Hosted plan phrase" in (tree / "docs" / p).read_text(encoding="utf-8") for p in docs if p.startswith("search/itasite/p/"))

    result = subprocess.run([MKDOCS, "build", "-q", "--strict", "-f", str(tree / "mkdocs.yml")], capture_output=True,
                            text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
    assert result.returncode == 0, result.stderr
    through_plugin = tmp_path / "plugin-site"  # `mkdocs build -f site_config.yml`: the plugin as an adapter
    result = subprocess.run([MKDOCS, "build", "-q", "--strict", "-f", str(config), "-d", str(through_plugin)], capture_output=True,
                            text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
    assert result.returncode == 0, result.stderr
    built, plain = root / "site", tree / "site"
    for other in (plain, through_plugin):
        assert _files(other) == _files(built)
        for rel in sorted(_files(built)):  # every file byte for byte: pages, sitemap, search indexes, open data
            assert (other / rel).read_bytes() == (built / rel).read_bytes(), rel
    assert len(_sitemap_addresses(built)) > 20


def _sitemap_addresses(site: Path) -> list[str]:
    return sorted(re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))


def test_render_refuses_content_with_errors_and_leaves_the_old_tree(
    site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_dir({"organisation.yml": "name: อบต.ทดสอบ\n"})
    tree = root / "tree"
    tree.mkdir()
    (tree / "MARKER").write_text("old", encoding="utf-8")
    assert main(["render", "-f", str(root / "site_config.yml"), "--out", str(tree)]) == 1
    err = capsys.readouterr().err
    assert "content/organisation.yml:1:1: type: ขาดข้อมูลที่ต้องมี ให้เพิ่ม 'type'" in err
    assert (tree / "MARKER").read_text(encoding="utf-8") == "old"
    assert [p.name for p in root.iterdir() if p.name.startswith("tree.")] == []

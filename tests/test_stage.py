"""The publish stage's tree on disk, and the engines' front door: what a preview and a build rely on."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.publish import engines
from generator.publish.build import missing_assets
from generator.publish.stage import Tree, _excluded_from_search, write_tree


def test_write_tree_rewrites_only_what_changed_and_prunes_only_its_own_folders(tmp_path: Path) -> None:
    first = Tree({"docs/index.md": b"# a\n", "docs/old.md": b"# old\n", "theme/main.html": b"x", "mkdocs.yml": b"site_name: s\n"})
    assert sorted(write_tree(first, tmp_path)) == sorted(first.files)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("built by the engine", encoding="utf-8")
    os.utime(tmp_path / "docs" / "index.md", (1, 1))
    second = Tree({"docs/index.md": b"# a\n", "theme/main.html": b"y", "mkdocs.yml": b"site_name: s\n"})
    assert sorted(write_tree(second, tmp_path, prune=True)) == ["docs/old.md", "theme/main.html"]
    assert (tmp_path / "docs" / "index.md").stat().st_mtime == 1  # unchanged bytes: the engine sees no edit
    assert not (tmp_path / "docs" / "old.md").exists()
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "built by the engine"


@pytest.mark.parametrize(("page", "expected"), [
    (b"# notes\n", b"---\nsearch:\n  exclude: true\n---\n\n# notes\n"),
    (b"---\ntitle: x\n---\n# notes\n", b"---\nsearch:\n  exclude: true\ntitle: x\n---\n# notes\n"),
    (b"---\nsearch:\n  boost: 2\n---\n# n\n", b"---\nsearch:\n  boost: 2\n---\n# n\n"),  # the page's own say is kept
    (b"---\r\ntitle: x\r\n---\r\n# n\r\n", b"---\r\ntitle: x\r\n---\r\n# n\r\n"),  # Windows line ends: as typed
])
def test_hand_written_pages_leave_materials_index_without_losing_their_front_matter(page: bytes, expected: bytes) -> None:
    assert _excluded_from_search(page) == expected


def test_missing_assets_finds_a_missing_local_script_and_ignores_others(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "here.js").write_text("", encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<script src="../assets/here.js"></script><script src="../assets/gone.js?v=1"></script>'
        '<link rel="stylesheet" href="https://cdn.example/x.css"><link href="/ita/assets/here.js">', encoding="utf-8")
    assert list(missing_assets(tmp_path, "/ita/")) == [("a/index.html", "../assets/gone.js")]


def test_an_engine_that_is_not_installed_is_a_thai_message_with_the_install_command(
    site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engines.shutil, "which", lambda name: None)
    monkeypatch.setattr(engines.sys, "executable", "/nonexistent/python")
    root = site_dir({"organisation.yml": "name: อบต.ทดสอบ\n"})
    assert main(["build", "-q", "--engine", "zensical", "-f", str(root / "site_config.yml")]) == 1
    err = capsys.readouterr().err
    assert "ไม่พบโปรแกรม zensical" in err and "pip install 'itasite[zensical]'" in err and "Traceback" not in err
    assert not (root / "site").exists()

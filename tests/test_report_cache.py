"""The report documents' cache folder (generator/publish/reports.py, ``.itasite-cache/reports/``): a site build
removes the entries it did not use, and nothing else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.publish.reports import CACHE_FOLDER, build_reports


def test_pruning_removes_unused_entries_and_passes_over_folders(tmp_path: Path) -> None:
    folder = tmp_path / CACHE_FOLDER
    (folder / "notes").mkdir(parents=True)  # a folder a clerk made there: unlinking it would stop the build
    (folder / "old.pdf").write_bytes(b"%PDF an entry no report uses")
    assert build_reports([], dt.date(2026, 1, 1), tmp_path, prune=True) == {}
    assert [path.name for path in folder.iterdir()] == ["notes"]


def test_a_cache_folder_that_is_a_link_is_not_pruned(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("ของที่อื่น", encoding="utf-8")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / CACHE_FOLDER).symlink_to(elsewhere)
    build_reports([], dt.date(2026, 1, 1), tmp_path / "cache", prune=True)
    assert (elsewhere / "keep.txt").is_file()
